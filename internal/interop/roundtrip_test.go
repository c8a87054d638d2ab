package interop

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

var exportTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// allFrameworks is every embedded framework plus the mini test framework,
// so the round trip covers whatever the binary ships without naming it.
func allFrameworks(t *testing.T) (*framework.Set, []*framework.Framework) {
	set, probs := recordtest.LoadEmbedded(t).With(mini(t))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set, set.Frameworks()
}

// describe renders what a round trip must keep, one fact a line, so a
// failure shows the first fact that differs.
func describe(f *framework.Framework, full bool) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	add("id %s", f.ID)
	add("title %s", f.Title)
	add("short title %s", f.ShortTitle)
	add("version %s", f.Version)
	add("population %s", f.Population)
	add("publisher %s", f.Publisher)
	add("commissioner %s", f.Commissioner)
	add("published %s", f.Published)
	add("description %s", collapse(f.Description))
	add("provenance %s | %s | %s | %s | %s", f.Provenance.BasedOn, f.Provenance.Wording, f.Provenance.Notice, f.Provenance.OfficialURL, f.Provenance.Licence)
	if r := f.Review; r != nil {
		add("review %s, next due %s: %s", r.LastReviewed, r.NextDue, r.Covered)
	}
	if g := f.Guide; g != nil {
		add("guide intro %s", g.Intro)
		for _, h := range g.Help {
			add("guide help %s: %s", h.Name, h.Text)
		}
		add("guide speak up %s", g.SpeakUp)
		add("guide notice %s", g.Notice)
	}
	for _, l := range f.EffectiveScale().Levels {
		if full {
			add("level %d %s: %s", l.Value, l.Label, l.Descriptor)
		} else {
			add("level %d %s", l.Value, l.Label)
		}
	}
	for _, d := range f.Domains {
		add("domain %s %s (in the guide: %s): %s", d.Code, d.Title, d.GuideTitle, collapse(d.Description))
		for _, a := range d.Areas {
			add("  area %s %s: %s / expect %s", a.Code, a.Title, collapse(a.Description), a.Expect)
			for _, c := range a.Competences {
				add("    competence %s %s%s [%s]", c.Code, titlePart(c.Title), collapse(c.Statement), flat(c.Items))
				if full {
					add("      kind %s tags %v", c.Kind, c.Tags)
					for _, l := range c.Links() {
						add("      crosswalk %s %s: %s", l.Type, l.Code, l.Rationale)
					}
				}
			}
		}
	}
	return out
}

func titlePart(t string) string {
	if t == "" {
		return ""
	}
	return "(" + t + ") "
}

func TestRoundTrip(t *testing.T) {
	set, fws := allFrameworks(t)
	known := func(c string) bool { return set.Competence(c) != nil }
	for _, f := range fws {
		for _, format := range Formats {
			t.Run(f.ID+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				opt := ExportOptions{Set: set, Time: exportTime, Tool: "reflect test"}
				var err error
				if format == FormatCASEJSON {
					_, err = WriteCASE(&buf, f, opt)
				} else {
					_, err = WriteMoodleCSV(&buf, f, opt)
				}
				if err != nil {
					t.Fatal(err)
				}
				g, rep, err := Import(format, "export."+format, buf.Bytes(), Options{Known: known})
				if err != nil {
					t.Fatal(err)
				}
				// The result is a valid framework that stands in for the original.
				y, err := MarshalYAML(g, nil)
				if err != nil {
					t.Fatal(err)
				}
				h, probs := framework.Parse("roundtrip.yaml", y)
				if len(probs) == 0 {
					_, probs = set.With(h)
				}
				for _, p := range probs {
					t.Error(p)
				}
				full := format == FormatCASEJSON
				want, got := describe(f, full), describe(h, full)
				for i := 0; i < len(want) || i < len(got); i++ {
					var w, g string
					if i < len(want) {
						w = want[i]
					}
					if i < len(got) {
						g = got[i]
					}
					if w != g {
						t.Fatalf("round trip differs at fact %d:\n  want %s\n  got  %s\nreport:\n%s", i+1, w, g, strings.Join(rep.Lines(), "\n"))
					}
				}
				// And the imported framework goes back to the same format as
				// it came, from its origin.
				var again bytes.Buffer
				if format == FormatCASEJSON {
					_, err = WriteCASE(&again, h, opt)
					if err == nil {
						sameCASE(t, readPkg(t, buf.Bytes()), readPkg(t, again.Bytes()))
					}
				} else {
					_, err = WriteMoodleCSV(&again, h, opt)
					if err == nil {
						_, want := moodleRows(t, buf.Bytes())
						_, got := moodleRows(t, again.Bytes())
						sameMoodleRows(t, want, got)
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				if rep.SourceCount != len(f.Domains)+len(f.Areas())+len(f.Competences()) {
					t.Errorf("the export holds %d entries; the framework has %d", rep.SourceCount, len(f.Domains)+len(f.Areas())+len(f.Competences()))
				}
			})
		}
	}
}

// Exports are deterministic: the same framework and time give the same
// bytes, and identifiers do not depend on the time.
func TestExportDeterministic(t *testing.T) {
	set, fws := allFrameworks(t)
	for _, f := range fws {
		for _, format := range Formats {
			run := func(when time.Time) string {
				var buf bytes.Buffer
				opt := ExportOptions{Set: set, Time: when}
				if format == FormatCASEJSON {
					WriteCASE(&buf, f, opt)
				} else {
					WriteMoodleCSV(&buf, f, opt)
				}
				return buf.String()
			}
			a, b := run(exportTime), run(exportTime)
			if a != b {
				t.Errorf("%s %s: two exports differ", f.ID, format)
			}
			if format == FormatCASEJSON {
				c := run(exportTime.Add(time.Hour))
				if strings.ReplaceAll(c, "2026-01-02T04:04:05", "2026-01-02T03:04:05") != a {
					t.Errorf("%s: identifiers depend on the time", f.ID)
				}
			}
		}
	}
}

func TestExportGolden(t *testing.T) {
	set, _ := allFrameworks(t)
	m := set.Get("mini")
	var c, mo bytes.Buffer
	notes, err := WriteCASE(&c, m, ExportOptions{Set: set, Time: exportTime, Tool: "reflect test"})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "mini.case.json", c.Bytes())
	if !hasNote(notes, "role profiles") || !hasNote(notes, "learning resource") {
		t.Errorf("CASE export notes = %v", notes)
	}
	notes, err = WriteMoodleCSV(&mo, m, ExportOptions{Set: set, Time: exportTime, Tool: "reflect test"})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "mini.moodle.csv", mo.Bytes())
	if !hasNote(notes, "competence kinds (5)") {
		t.Errorf("Moodle export notes = %v", notes)
	}
	if !strings.HasPrefix(mo.String(), `Parent ID number,ID number,Short name,Description,Description format,Scale values,Scale configuration,Rule type (optional),Rule outcome (optional),Rule config (optional),Cross-referenced competency ID numbers,Exported ID (optional),Is framework,Taxonomy`+"\n") {
		t.Errorf("Moodle header: %q", strings.SplitN(mo.String(), "\n", 2)[0])
	}
	// The mini scale runs 1–3: 3 is proficient and the default.
	if !strings.Contains(mo.String(), `"[{""scaleid"":""1""},{""id"":3,""scaledefault"":1,""proficient"":1}]"`) {
		t.Errorf("Moodle scale configuration not as expected")
	}
}

func hasNote(notes []Note, s string) bool {
	for _, n := range notes {
		if strings.Contains(n.Text, s) {
			return true
		}
	}
	return false
}

func TestMoodleScaleConfig(t *testing.T) {
	tests := []struct {
		values []int
		want   string
	}{
		{[]int{1, 2, 3, 4}, `[{"scaleid":"1"},{"id":3,"scaledefault":1,"proficient":1},{"id":4,"scaledefault":0,"proficient":1}]`},
		{[]int{1, 2}, `[{"scaleid":"1"},{"id":2,"scaledefault":1,"proficient":1}]`},
		{[]int{2, 4, 6, 8, 9}, `[{"scaleid":"1"},{"id":3,"scaledefault":1,"proficient":1},{"id":4,"scaledefault":0,"proficient":1},{"id":5,"scaledefault":0,"proficient":1}]`},
	}
	for _, tt := range tests {
		s := &framework.Scale{}
		for _, v := range tt.values {
			s.Levels = append(s.Levels, &framework.Level{Value: v, Label: fmt.Sprint(v)})
		}
		if got := moodleScaleConfig(s); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.values, got, tt.want)
		}
	}
}

func TestMoodleName(t *testing.T) {
	long := strings.Repeat("word ", 30)
	got, cut := moodleName(long)
	if !cut || len([]rune(got)) > 100 || !strings.HasSuffix(got, "...") || strings.Contains(got, "wor...") {
		t.Errorf("moodleName(long) = %q %v", got, cut)
	}
	if got, cut := moodleName("short"); got != "short" || cut {
		t.Errorf("moodleName(short) = %q %v", got, cut)
	}
}

// Titles longer than Moodle's 100-character short names come back whole
// from a Moodle round trip, for domains, areas and competences.
func TestLongTitlesSurviveMoodle(t *testing.T) {
	f := mini(t)
	long := strings.Repeat("A long title that goes on ", 6) + "and ends here"
	f.Domains[0].Title = long + " (domain)"
	f.Domains[0].Areas[0].Title = long + " (area)"
	f.Domains[0].Areas[0].Competences[0].Title = long + " (competence)"
	var buf bytes.Buffer
	if _, err := WriteMoodleCSV(&buf, f, ExportOptions{Time: exportTime}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "...,") {
		t.Fatalf("no short name was cut:\n%s", buf.String())
	}
	g, _, err := Import(FormatMoodleCSV, "x.csv", buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := g.Domains[0]; d.Title != long+" (domain)" || d.Areas[0].Title != long+" (area)" || d.Areas[0].Competences[0].Title != long+" (competence)" {
		t.Errorf("titles came back as %q / %q / %q", d.Title, d.Areas[0].Title, d.Areas[0].Competences[0].Title)
	}
	if d := g.Domains[0]; strings.Contains(d.Description, "Title:") || strings.Contains(d.Areas[0].Competences[0].Statement, "Title:") {
		t.Errorf("the Title paragraph stayed in the text: %q / %q", d.Description, d.Areas[0].Competences[0].Statement)
	}
}
