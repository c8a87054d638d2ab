package render_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/render"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ (review the diff before committing)")

func miniSet(t testing.TB) *framework.Set {
	t.Helper()
	set, err := testfixture.MiniSet()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// fixtures returns the fixture records by name: "full" built with the
// assessment and record packages (and kept as testdata/records/full.json),
// and every hand-written record in testdata/records.
func fixtures(t testing.TB) map[string]*record.Record {
	t.Helper()
	full, err := testfixture.Full(miniSet(t))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*record.Record{"full": full}
	files, _ := filepath.Glob(testfixture.Path("testdata", "records", "*.json"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if name == "full" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := record.Decode(f, data)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = r
	}
	return out
}

func options(t testing.TB) render.RecordOptions {
	return render.RecordOptions{Set: miniSet(t), ToolVersion: "9.9.9-test", Now: testfixture.Clock}
}

func export(t testing.TB, format string, r *record.Record, opt render.RecordOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.ExportRecord(&b, format, r, opt); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gotPath := filepath.Join(os.TempDir(), "reflect-"+filepath.Base(path))
		_ = os.WriteFile(gotPath, got, 0o644)
		t.Errorf("%s differs from the golden file (this run's output is in %s); if the change is intended, run go test ./internal/render -update and review the diff", path, gotPath)
	}
}

var goldenExt = map[string]string{"md": "md", "html": "html", "pdf": "pdf", "json": "json", "csv": "csv", "nmc": "nmc.txt"}

func TestFullFixtureIsCurrent(t *testing.T) {
	full := fixtures(t)["full"]
	data, err := record.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, testfixture.Path("testdata", "records", "full.json"), data)
}

func TestRecordGolden(t *testing.T) {
	for name, r := range fixtures(t) {
		for _, f := range render.RecordFormats {
			t.Run(name+"/"+f.Name, func(t *testing.T) {
				got := export(t, f.Name, r, options(t))
				golden(t, filepath.Join("testdata", "records", name+"."+goldenExt[f.Name]), got)
				// Deterministic: the same record gives the same bytes.
				if again := export(t, f.Name, r, options(t)); !bytes.Equal(got, again) {
					t.Error("two exports of the same record differ")
				}
			})
		}
	}
}

func TestRecordWithoutFrameworks(t *testing.T) {
	// Without the frameworks loaded, every format still works, showing codes.
	for name, r := range fixtures(t) {
		for _, f := range render.RecordFormats {
			out := export(t, f.Name, r, render.RecordOptions{})
			if len(out) == 0 {
				t.Errorf("%s/%s: empty", name, f.Name)
			}
		}
	}
	// A record with nothing but its header.
	bare := &record.Record{Format: record.Format, SchemaVersion: 1, ID: "r-bare", Status: record.StatusInProgress}
	for _, f := range render.RecordFormats {
		if out := export(t, f.Name, bare, render.RecordOptions{}); len(out) == 0 {
			t.Errorf("bare/%s: empty", f.Name)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for name, r := range fixtures(t) {
		out := export(t, render.FormatJSON, r, options(t))
		back, err := record.Decode(name+".json", out)
		if err != nil {
			t.Fatalf("%s: the JSON export does not read back: %v", name, err)
		}
		again := export(t, render.FormatJSON, back, options(t))
		if !bytes.Equal(out, again) {
			t.Errorf("%s: JSON → record → JSON changed the document", name)
		}
		if d1, _ := r.ContentDigest(); d1 != func() string { d, _ := back.ContentDigest(); return d }() {
			t.Errorf("%s: the content digest changed in the round trip", name)
		}
	}
}

func TestMarkdownEscapesUserText(t *testing.T) {
	r := fixtures(t)["full"]
	md := string(export(t, render.FormatMarkdown, r, options(t)))
	if strings.Contains(md, "<script>") || !strings.Contains(md, `\<script\>`) {
		t.Error("a note's HTML is not escaped in Markdown")
	}
	r.Answers[0].Note = "# not a heading\n1. not a list\n[link](http://x)"
	md = string(export(t, render.FormatMarkdown, r, options(t)))
	for _, bad := range []string{"\n# not", "\n1. not", "[link]"} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown lets %q through", bad)
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	r := fixtures(t)["full"]
	out := export(t, render.FormatCSV, r, options(t))
	if !bytes.HasPrefix(out, []byte("\ufeff")) {
		t.Error("no byte order mark")
	}
	recs, err := readCSV(out)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range recs {
		for _, cell := range row {
			if strings.Contains(cell, "HYPERLINK") {
				found = true
				if !strings.HasPrefix(cell, `'=HYPERLINK(`) {
					t.Errorf("formula not neutralised: %q", cell)
				}
			}
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(strings.TrimLeft(cell, " ")[0])) {
				t.Errorf("cell starts with a formula character: %q", cell)
			}
		}
	}
	if !found {
		t.Fatal("the =HYPERLINK note is not in the CSV")
	}
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+44 7700": "'+44 7700", "-minus": "'-minus", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"  =1": "'  =1", "plain": "plain", "": "", "a=b": "a=b", "＝1": "'＝1",
		"  \n0": "'  \n0", " \t=1": "' \t=1", "   ": "   ",
	} {
		if got := render.SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
	// One table at a time, for importing.
	for table, header := range map[string]string{"log": "Record id,Start date", "ratings": "Record id,Framework"} {
		opt := options(t)
		opt.CSVTable, opt.CSVNoBOM = table, true
		out := string(export(t, render.FormatCSV, r, opt))
		if !strings.HasPrefix(out, header) || strings.Contains(out, "\r\n\r\n") {
			t.Errorf("table %s: %q…", table, out[:min(80, len(out))])
		}
	}
}

func readCSV(b []byte) ([][]string, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	rd := csv.NewReader(bytes.NewReader(b))
	rd.FieldsPerRecord = -1
	return rd.ReadAll()
}

func TestNMCForm(t *testing.T) {
	r := fixtures(t)["full"]
	out := string(export(t, render.FormatNMC, r, options(t)))
	for _, q := range cpd.NMCQuestions {
		if !strings.Contains(out, q) {
			t.Errorf("the NMC form lacks the prompt %q", q)
		}
	}
	for _, want := range []string{"Prioritise people", "Preserve safety", "From your \u201cSo what?\u201d section.", "Participatory hours: 1", "CPD log entry",
		"this question asks what you have already changed"} {
		if !strings.Contains(out, want) {
			t.Errorf("the NMC form lacks %q", want)
		}
	}
	// Topics are the areas' titles, never a list of competence codes.
	if !strings.Contains(out, "Topics: Talking about difficult things; Understanding distress.") || regexp.MustCompile(`Topics:[^\n]*MINI\.\d`).MatchString(out) {
		t.Error("the CPD log's topics should be area titles")
	}
	// The goals by their objectives, not reflect's ids, and no "|".
	if regexp.MustCompile(`Development goals: [^\n]*(g-[0-9a-f]{4}|\b[gG]\d+:)`).MatchString(out) || strings.Contains(out, " | ") {
		t.Error("the NMC layout's CPD log shows goal ids or | separators")
	}
	// Question 3 asks what was changed: the plan ("I will …") never answers it.
	if strings.Contains(out, "I will practise the words") {
		t.Error("the NMC form fills an answer with the future-tense plan")
	}
}

func TestHTMLEscapesUserText(t *testing.T) {
	r := fixtures(t)["full"]
	r.Practitioner.Name = `Siân "><img src=x onerror=alert(1)>`
	html := string(export(t, render.FormatHTML, r, options(t)))
	lower := strings.ToLower(html)
	if strings.Contains(lower, "<script") || strings.Contains(lower, "<img") || strings.Contains(lower, "<b>not bold") {
		t.Error("user text became markup in the HTML")
	}
	if !strings.Contains(html, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Error("the <script> note is not shown as text")
	}
	if !strings.Contains(html, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`) {
		t.Error("no Content-Security-Policy meta tag")
	}
	// No element refers to anything outside the page.
	if m := regexp.MustCompile(`<[^>]*\s(src|href|srcset|action|formaction|poster|data)\s*=`).FindString(lower); m != "" {
		t.Errorf("the HTML refers to something outside itself: %s", m)
	}
	for _, bad := range []string{"url(", "@import", "<link", "<iframe", "<object", "<embed"} {
		if strings.Contains(lower, bad) {
			t.Errorf("the HTML refers to something outside itself: %q", bad)
		}
	}
	if !strings.Contains(html, "<svg class=\"chart\"") || !strings.Contains(html, "@media print") {
		t.Error("no chart or no print stylesheet")
	}
}

func TestPDFSurvivesAnyText(t *testing.T) {
	r := fixtures(t)["full"]
	r.Reflection.Sections[0].Text = "emoji 😀, CJK 漢字, RTL עברית, control \x01\x7f, tab\tend, very long word " + strings.Repeat("x", 400) + "\n\n\n\nend"
	r.Answers[0].Note = strings.Repeat("long note ", 500)
	out := export(t, render.FormatPDF, r, options(t))
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Error("not a PDF")
	}
}

// BenchmarkExportAllFormats renders every format from the largest record:
// every competence of every shipped framework rated with a note (or of
// the test framework while none is shipped). Target: under 150 ms for all
// six together.
func BenchmarkExportAllFormats(b *testing.B) {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil || len(set.Frameworks()) == 0 {
		set = miniSet(b)
	}
	r, err := testfixture.Large(set)
	if err != nil {
		b.Fatal(err)
	}
	opt := render.RecordOptions{Set: set, ToolVersion: "bench", Now: testfixture.Clock}
	b.ReportMetric(float64(len(r.Answers)), "answers")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range render.RecordFormats {
			if err := render.ExportRecord(io.Discard, f.Name, r, opt); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExportFormat is BenchmarkExportAllFormats one format at a time.
func BenchmarkExportFormat(b *testing.B) {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil || len(set.Frameworks()) == 0 {
		set = miniSet(b)
	}
	r, err := testfixture.Large(set)
	if err != nil {
		b.Fatal(err)
	}
	opt := render.RecordOptions{Set: set, ToolVersion: "bench", Now: testfixture.Clock}
	for _, f := range render.RecordFormats {
		b.Run(f.Name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := render.ExportRecord(io.Discard, f.Name, r, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSharedCompetenceShowsEachFrameworksWording: a competence two
// frameworks share is answered once; the export shows both frameworks'
// statements, each labelled with its framework and code.
func TestSharedCompetenceShowsEachFrameworksWording(t *testing.T) {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil || set.Get("adults") == nil || set.Get("cyp") == nil {
		t.Skip("needs the shipped adults and cyp frameworks")
	}
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "adults"}, {Framework: "cyp"}})
	if err != nil {
		t.Fatal(err)
	}
	var shared assessment.Item
	for _, it := range plan.Items {
		if len(it.Also) > 0 && it.Also[0].Statement != it.Competence.Statement {
			shared = it
			break
		}
	}
	if shared.Competence == nil {
		t.Skip("no shared competence worded differently")
	}
	s, _ := assessment.NewSession(plan)
	s.Rate(shared.Code(), 2)
	r := record.New("r-00000000000000aa", testfixture.Clock, testfixture.Tool, plan)
	r.Sync(s, testfixture.Clock)
	opt := render.RecordOptions{Set: set, Now: testfixture.Clock}
	html := string(export(t, render.FormatHTML, r, opt))
	other := shared.Also[0]
	for _, want := range []string{
		set.Owner(shared.Code()).ShortTitle + " " + shared.Code() + ":</span> " + htmlEscape(shared.Competence.Statement),
		set.Owner(other.Code).ShortTitle + " " + other.Code + ":</span> " + htmlEscape(other.Statement),
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	md := string(export(t, render.FormatCSV, r, opt))
	if !strings.Contains(md, other.Code) {
		t.Errorf("the CSV does not name %s", other.Code)
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// TestExportsSayWhatIsLeft: a record not complete says so, in the same
// words as reflect list, and lists what is unanswered.
func TestExportsSayWhatIsLeft(t *testing.T) {
	r := fixtures(t)["full"]
	r.Answers = r.Answers[:len(r.Answers)-1] // MINI.2.1.2 unanswered
	d, err := record.Recompute(r, miniSet(t))
	if err != nil {
		t.Fatal(err)
	}
	r.UseDerived(d)
	for _, format := range []string{render.FormatHTML, render.FormatMarkdown} {
		out := string(export(t, format, r, options(t)))
		for _, want := range []string{"Reflected, 1 unanswered", "Not answered", "MINI.2.1.2"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
	}
}

// TestSummaryOnly: --summary gives the summary alone.
func TestSummaryOnly(t *testing.T) {
	opt := options(t)
	opt.SummaryOnly = true
	html := string(export(t, render.FormatHTML, fixtures(t)["full"], opt))
	if strings.Contains(html, "Appendix") || strings.Contains(html, "Every answer") || !strings.Contains(html, "Most pressing development needs") {
		t.Error("the HTML summary should hold the summary and no appendix")
	}
}

// TestAfterDeathShowsNoFocus: a focus chosen under another model and kept
// in the record is not shown beside the reflection after a death, which
// does not ask for one; with the other model it is.
func TestAfterDeathShowsNoFocus(t *testing.T) {
	r := fixtures(t)["full"]
	if len(r.Reflection.Focus) == 0 {
		t.Fatal("the full fixture has no focus")
	}
	for _, format := range []string{render.FormatHTML, render.FormatMarkdown} {
		if out := string(export(t, format, r, options(t))); !strings.Contains(out, "Needs reflected on") {
			t.Errorf("%s: the focus of a %s reflection is not shown", format, r.Reflection.Model)
		}
	}
	r.Reflection.Model = cpd.ModelAfterDeath
	r.Reflection.Sections = []record.ReflectionSection{{Key: "support-so-far", Text: "A team debrief in March."}}
	for _, format := range []string{render.FormatHTML, render.FormatMarkdown} {
		if out := string(export(t, format, r, options(t))); strings.Contains(out, "Needs reflected on") {
			t.Errorf("%s shows a focus beside the reflection after a death", format)
		}
	}
}

// TestSharedCopySaysWhatIsWithheld: a copy made by reflect share with the
// reflection, benefit, standards and plan withheld says so where each
// would be, in every export, never "not written" (which would tell an
// employer the practitioner did not reflect).
func TestSharedCopySaysWhatIsWithheld(t *testing.T) {
	r := fixtures(t)["full"]
	cp, err := record.Withhold(r, []string{record.SectionReflection, record.SectionBenefit, record.SectionStandards, record.SectionPlan, record.SectionPractitioner})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{render.FormatMarkdown, render.FormatHTML} {
		out := strings.Join(strings.Fields(string(export(t, format, cp, options(t)))), " ")
		if n := strings.Count(out, "Withheld by the practitioner from this shared copy."); n < 5 {
			t.Errorf("%s says %d times that a section is withheld, want at least 5 (practitioner, reflection, benefit, standards, plan)", format, n)
		}
		for _, bad := range []string{"Not written yet", "(not written)", "No goals yet", "None chosen", "Not given"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s says %q of a withheld section", format, bad)
			}
		}
	}
	// The record itself, with nothing withheld, says what is not written.
	empty := fixtures(t)["full"]
	empty.Reflection.Sections, empty.Plan = nil, nil
	if md := string(export(t, render.FormatMarkdown, empty, options(t))); !strings.Contains(md, "Not written yet.") || !strings.Contains(md, "No goals yet.") || strings.Contains(md, "Withheld") {
		t.Error("a record with nothing withheld does not say what is not written")
	}
}
