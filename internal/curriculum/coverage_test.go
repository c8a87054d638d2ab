package curriculum

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

func TestCoverageMiniCourse(t *testing.T) {
	c, set := loadMiniCourse(t)
	fws := DefaultFrameworks(c, set)
	if len(fws) != 2 || fws[0].ID != "mini" || fws[1].ID != "other" {
		t.Fatalf("default frameworks = %v", fws)
	}
	m := Coverage(c, set, fws)
	if m.Outcomes != 6 || m.Mappings != 7 || len(m.Unmapped) != 1 || m.Unmapped[0].Outcome.ID != "law.2" || len(m.Elsewhere) != 0 {
		t.Errorf("outcomes %d mappings %d unmapped %v elsewhere %d", m.Outcomes, m.Mappings, m.Unmapped, len(m.Elsewhere))
	}
	mini, other := m.Frameworks[0], m.Frameworks[1]
	if got := tallyString(mini.Tally); got != "3/5 I2 D0 A1 eq1 un1" {
		t.Errorf("mini tally %s", got)
	}
	if got := tallyString(other.Tally); got != "2/3 I0 D1 A1 eq1 un0" {
		t.Errorf("other tally %s", got)
	}
	areas := map[string]*AreaCoverage{}
	for _, d := range mini.Domains {
		for _, a := range d.Areas {
			areas[a.Area.Code] = a
		}
	}
	for code, want := range map[string]string{"MINI.1.1": "2/2 I1 D0 A1 eq0 un0", "MINI.1.2": "1/1 I1 D0 A0 eq0 un0", "MINI.2.1": "0/2 I0 D0 A0 eq1 un1"} {
		if got := tallyString(areas[code].Tally); got != want {
			t.Errorf("%s tally %s, want %s", code, got, want)
		}
	}
	if a := areas["MINI.1.1"]; a.Sessions != 2 || a.Minutes != 105 || a.Time() != "1h 45m" {
		t.Errorf("MINI.1.1 time: %d sessions, %d minutes", a.Sessions, a.Minutes)
	}
	if got := areas["MINI.2.1"].Time(); got != "–" {
		t.Errorf("MINI.2.1 time %q", got)
	}
	// Per-module cells: MINI.1.1.2 is developed in module 1 (strongest of
	// develops and introduces) and assessed in "ask".
	cc := areas["MINI.1.1"].Competences[1]
	if cc.Cell(0) != "D" || cc.Cell(1) != "A" || cc.Mark() != "A" || len(cc.Outcomes) != 3 {
		t.Errorf("MINI.1.1.2 cells %s %s mark %s outcomes %d", cc.Cell(0), cc.Cell(1), cc.Mark(), len(cc.Outcomes))
	}
	eq := areas["MINI.2.1"].Competences[0]
	if eq.Strength != None || eq.Equivalent != Assesses || eq.Cell(1) != "a" || eq.Cell(0) != "." || strings.Join(eq.EquivalentCodes, ",") != "OTH.1.1.2" {
		t.Errorf("MINI.2.1.1 through equivalent: %+v", eq)
	}
	gaps := mini.Gaps()
	if len(gaps) != 1 || gaps[0].Area.Code != "MINI.2.1" || len(gaps[0].Competences) != 1 || gaps[0].Competences[0].Competence.Code != "MINI.2.1.2" {
		t.Errorf("gaps %+v", gaps)
	}
	// A close link is shown beside the gap and never covers it: OTH.1.1.3
	// (developed) is close to MINI.2.1.2, which stays a gap above.
	near := areas["MINI.2.1"].Competences[1]
	if len(near.Near) != 1 || near.Near[0] != (Near{Code: "OTH.1.1.3", Type: framework.LinkClose, Strength: Develops}) || near.Equivalent != None || near.Strength != None {
		t.Errorf("MINI.2.1.2 near = %+v, equivalent %v", near.Near, near.Equivalent)
	}
	if got := NearText(near); !strings.Contains(got, "not counted") || !strings.Contains(got, "OTH.1.1.3 (close, develops)") {
		t.Errorf("NearText = %q", got)
	}
	var intro []string
	for _, cc := range mini.IntroducedOnly() {
		intro = append(intro, cc.Competence.Code)
	}
	if strings.Join(intro, " ") != "MINI.1.1.1 MINI.1.2.1" {
		t.Errorf("introduced only %v", intro)
	}
	// Reporting on mini alone leaves the OTH mappings elsewhere.
	m1 := Coverage(c, set, []*framework.Framework{set.Get("mini")})
	if len(m1.Elsewhere) != 2 {
		t.Errorf("elsewhere %d", len(m1.Elsewhere))
	}
}

// The example curricula in testdata/: numbers a trainer would read off the
// report. Totals come from the shipped frameworks, so they are looked up
// rather than written in; what the curricula cover is pinned.
func TestExampleCurricula(t *testing.T) {
	set := recordtest.LoadEmbedded(t)
	tests := []struct {
		file, framework string
		tally           string // covered, I, D, A, through equivalents
		outcomes, maps  int
		unmapped        int
		minutes         int
		areas           map[string]string
	}{
		{"curriculum-school-staff-awareness.yaml", "cyp", "22 I13 D7 A2 eq0", 15, 22, 2, 210,
			map[string]string{"CYP.3.2": "6 I1 D3 A2 eq0", "CYP.1.4": "4 I2 D2 A0 eq0", "CYP.4.1": "0 I0 D0 A0 eq0"}},
		{"curriculum-ed-assessment-safety-planning.yaml", "adults", "52 I15 D30 A7 eq0", 26, 52, 2, 780,
			map[string]string{"ADU.4.1": "5 I1 D2 A2 eq0", "ADU.3.1": "4 I0 D2 A2 eq0", "ADU.1.2": "0 I0 D0 A0 eq0"}},
		{"curriculum-ed-assessment-safety-planning.yaml", "cyp", "0 I0 D0 A0 eq27", 26, 52, 2, 780, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.framework, func(t *testing.T) {
			f := set.Get(tt.framework)
			if f == nil {
				t.Skipf("framework %s is not built in yet", tt.framework)
			}
			cs, err := Load(set, testfixture.Path("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			c := cs[0]
			m := Coverage(c, set, []*framework.Framework{f})
			fc := m.Frameworks[0]
			tl := fc.Tally
			got := strings.Join([]string{itoa(tl.Covered), "I" + itoa(tl.Strongest[Introduces]), "D" + itoa(tl.Strongest[Develops]), "A" + itoa(tl.Strongest[Assesses]), "eq" + itoa(tl.Equivalent)}, " ")
			if got != tt.tally {
				t.Errorf("coverage %s, want %s", got, tt.tally)
			}
			_, _, total := f.Count()
			if tl.Competences != total || tl.Uncovered() != total-tl.Covered-tl.Equivalent {
				t.Errorf("%d competences, %d uncovered; the framework has %d", tl.Competences, tl.Uncovered(), total)
			}
			if m.Outcomes != tt.outcomes || m.Mappings != tt.maps || len(m.Unmapped) != tt.unmapped || c.Minutes() != tt.minutes {
				t.Errorf("outcomes %d mappings %d unmapped %d minutes %d", m.Outcomes, m.Mappings, len(m.Unmapped), c.Minutes())
			}
			for _, d := range fc.Domains {
				for _, a := range d.Areas {
					want, ok := tt.areas[a.Area.Code]
					if !ok {
						continue
					}
					at := a.Tally
					got := strings.Join([]string{itoa(at.Covered), "I" + itoa(at.Strongest[Introduces]), "D" + itoa(at.Strongest[Develops]), "A" + itoa(at.Strongest[Assesses]), "eq" + itoa(at.Equivalent)}, " ")
					if got != want {
						t.Errorf("%s: %s, want %s", a.Area.Code, got, want)
					}
				}
			}
			// Every mapping is accounted for once: covered here or elsewhere.
			direct := 0
			for _, cc := range fc.All() {
				direct += len(cc.Outcomes)
			}
			if direct+len(m.Elsewhere) != m.Mappings {
				t.Errorf("%d direct + %d elsewhere ≠ %d mappings", direct, len(m.Elsewhere), m.Mappings)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestMatch(t *testing.T) {
	c, set := loadMiniCourse(t)
	needs := []assessment.Need{
		{Rank: 1, Code: "MINI.2.1.1", Framework: "mini", Area: "MINI.2.1", Statement: "ask", Rating: 1, Target: 3, Gap: 2},
		{Rank: 2, Code: "MINI.1.1.1", Framework: "mini", Area: "MINI.1.1", Statement: "forms", Rating: 1, Target: 2, Gap: 1},
		{Rank: 3, Code: "MINI.2.1.2", Framework: "mini", Area: "MINI.2.1", Statement: "judge", Flagged: true},
	}
	r := Match(needs, []*Curriculum{c}, set, Person{})
	if len(r.Modules) != 2 {
		t.Fatalf("%d modules", len(r.Modules))
	}
	ask, know := r.Modules[0], r.Modules[1]
	if ask.Module.ID != "ask" || ask.Score != 13 || know.Module.ID != "M1" || know.Score != 2 {
		t.Errorf("ranking: %s %v, %s %v", ask.Module.ID, ask.Score, know.Module.ID, know.Score)
	}
	if h := ask.Hits[0]; h.How != HowEquivalent || h.Code != "OTH.1.1.2" || h.Strength != Assesses || h.Points != 6 {
		t.Errorf("ask hit 1: %+v", h)
	}
	if h := ask.Hits[1]; h.How != HowArea || h.Code != "MINI.1.1.2" || h.Points != 1 {
		t.Errorf("ask hit 2: %+v", h)
	}
	if h := know.Hits[0]; h.How != HowDirect || h.Strength != Introduces || h.Points != 2 {
		t.Errorf("M1 hit: %+v", h)
	}
	if len(r.Unaddressed) != 1 || r.Unaddressed[0].Code != "MINI.2.1.2" {
		t.Errorf("unaddressed %v", r.Unaddressed)
	}
	if got := ask.Cite(); got != `A <small> course & its "tests" — module ask "Asking" (reflect project)` {
		t.Errorf("cite %q", got)
	}
	// No needs: nothing to match.
	if r := Match(nil, []*Curriculum{c}, set, Person{}); len(r.Modules) != 0 {
		t.Errorf("modules without needs: %d", len(r.Modules))
	}
}

// Ties: same score → more needs addressed directly, then shorter, then order.
func TestMatchTies(t *testing.T) {
	set := testSet(t)
	mk := func(id, dur, maps string) string {
		return "  - id: " + id + "\n    title: " + id + "\n    sessions:\n      - title: s\n        duration: " + dur + "\n        outcomes:\n          - text: o\n            maps: {" + maps + "}\n"
	}
	src := okHead + "modules:\n" + mk("long", "2h", "MINI.1.1.1: develops") + mk("short", "1h", "MINI.1.1.1: develops") + mk("equal", "1h", "MINI.1.1.1: develops") +
		mk("area", "10m", "MINI.1.1.2: assesses")
	c, probs := parseString(t, src)
	if probs != "" {
		t.Fatal(probs)
	}
	needs := []assessment.Need{{Rank: 1, Code: "MINI.1.1.1", Area: "MINI.1.1", Gap: 1}}
	r := Match(needs, []*Curriculum{c}, set, Person{})
	var got []string
	for _, m := range r.Modules {
		got = append(got, m.Module.ID)
	}
	if strings.Join(got, " ") != "short equal long area" {
		t.Errorf("order %v", got)
	}
}

func TestRenderGolden(t *testing.T) {
	c, set := loadMiniCourse(t)
	c.File = "mini-course.yaml"
	m := Coverage(c, set, DefaultFrameworks(c, set))
	opt := RenderOptions{Tool: "reflect test", Width: 90}
	for _, format := range MapFormats {
		var b bytes.Buffer
		if err := WriteMap(&b, format, m, opt); err != nil {
			t.Fatal(err)
		}
		golden(t, "map."+format, b.Bytes())
	}
	// With a role profile.
	mini := set.Get("mini")
	pm := *m
	pc, err := CoverProfile(&pm, mini, mini.Profile("specialist"))
	if err != nil {
		t.Fatal(err)
	}
	pm.Profile = pc
	for _, format := range []string{FormatText, FormatMD, FormatCSV} {
		var b bytes.Buffer
		if err := WriteMap(&b, format, &pm, RenderOptions{Tool: "reflect test", Width: 90, NoMatrix: true}); err != nil {
			t.Fatal(err)
		}
		golden(t, "map-profile."+format, b.Bytes())
	}
	needs := []assessment.Need{
		{Rank: 1, Code: "MINI.2.1.1", Framework: "mini", Area: "MINI.2.1", Statement: "An ability to ask directly", Rating: 1, Target: 3, Gap: 2},
		{Rank: 2, Code: "MINI.2.1.2", Framework: "mini", Area: "MINI.2.1", Statement: "An ability to judge", Flagged: true},
	}
	r := Match(needs, []*Curriculum{c}, set, Person{Role: "Healthcare assistant", Setting: "Acute medical ward"})
	for _, format := range MatchFormats {
		var b bytes.Buffer
		if err := WriteMatch(&b, format, r, opt); err != nil {
			t.Fatal(err)
		}
		golden(t, "match."+format, b.Bytes())
	}
	if err := WriteMap(&bytes.Buffer{}, "pdf", m, opt); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestHTMLPage(t *testing.T) {
	c, set := loadMiniCourse(t)
	c.Modules[0].Sessions[1].Outcomes[1].Text = `<script>alert("x")</script>`
	c.Provider = `<img src=x onerror=alert(1)>`
	var b bytes.Buffer
	if err := MapHTML(&b, Coverage(c, set, DefaultFrameworks(c, set)), RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	// The policy allows exactly the page's stylesheet, by hash.
	m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no <style>")
	}
	sum := sha256.Sum256([]byte(m[1]))
	want := "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; img-src 'none'; base-uri 'none'; form-action 'none'"
	meta := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if meta == nil || html.UnescapeString(meta[1]) != want {
		t.Errorf("CSP %q does not allow exactly the stylesheet; want %q", meta, want)
	}
	if tags := regexp.MustCompile(`<(script|img|link|iframe|object|embed|base|form)\b|<[a-z]+[^>]*\s(src|href|style|on[a-z]+)=`).FindAllString(page, -1); len(tags) > 0 {
		t.Errorf("the page has tags or attributes that load or run things: %v", tags)
	}
	for _, bad := range []string{"@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "A &lt;small&gt; course &amp; its &#34;tests&#34;",
		`<td class="c s3" title="ask assesses MINI.1.1.2">A</td>`, `<td class="c e3" title="ask assesses an equivalent of MINI.2.1.1 (OTH.1.1.2)">a</td>`, "Samaritans 116 123"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestCSVIsSafeAndComplete(t *testing.T) {
	c, set := loadMiniCourse(t)
	c.Modules[0].ID = "=HYPERLINK(\"http://x\")"
	var b bytes.Buffer
	if err := MapCSV(&b, Coverage(c, set, DefaultFrameworks(c, set)), RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\ufeff")) {
		t.Error("no byte order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+5+3 {
		t.Errorf("%d rows, want a header and 8 competences", len(rows))
	}
	if rows[0][11] != `'=HYPERLINK("http://x") Knowing` {
		t.Errorf("formula not neutralised: %q", rows[0][11])
	}
	var nb bytes.Buffer
	MapCSV(&nb, Coverage(c, set, DefaultFrameworks(c, set)), RenderOptions{NoBOM: true})
	if bytes.HasPrefix(nb.Bytes(), []byte("\ufeff")) {
		t.Error("--no-bom ignored")
	}
}

func TestJSONShape(t *testing.T) {
	c, set := loadMiniCourse(t)
	var b bytes.Buffer
	if err := MapJSON(&b, Coverage(c, set, DefaultFrameworks(c, set)), RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Report     string
		Frameworks []struct {
			ID       string
			Coverage struct {
				Competences, Covered, Not_addressed int
				Percent                             float64
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.Report != "reflect-curriculum-map" || len(v.Frameworks) != 2 || v.Frameworks[0].Coverage.Covered != 3 || v.Frameworks[0].Coverage.Percent != 60 {
		t.Errorf("json: %+v", v)
	}
}

func TestTemplate(t *testing.T) {
	set := testSet(t)
	var b bytes.Buffer
	if err := WriteTemplate(&b, "my-course", set.Frameworks()); err != nil {
		t.Fatal(err)
	}
	c, probs := Parse("template.yaml", b.Bytes())
	if len(probs) > 0 {
		t.Fatalf("the template does not parse:\n%v\n%s", probs, b.String())
	}
	if probs := Validate(c, set); len(probs) > 0 {
		t.Fatalf("the template does not validate:\n%v", probs)
	}
	for _, code := range set.CompetenceCodes() {
		if !strings.Contains(b.String(), "#     "+code+" ") {
			t.Errorf("the template does not list %s", code)
		}
	}
	if c.ID != "my-course" || strings.Join(c.Frameworks, ",") != "mini,other" || c.Codes()[0] != "MINI.1.1.1" {
		t.Errorf("template: id %s frameworks %v codes %v", c.ID, c.Frameworks, c.Codes())
	}
}
