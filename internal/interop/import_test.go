package interop

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// importFixture imports testdata/interop/name and checks that the result
// validates beside the embedded frameworks and the mini framework.
func importFixture(t *testing.T, name string, opt Options) (*framework.Framework, *Report, []byte) {
	t.Helper()
	set, _ := recordtest.LoadEmbedded(t).With(mini(t))
	if opt.Known == nil {
		opt.Known = func(c string) bool { return set.Competence(c) != nil }
	}
	f, rep, err := Import("", name, fixture(t, "interop/"+name), opt)
	if err != nil {
		t.Fatal(err)
	}
	y, err := MarshalYAML(f, rep.Lines())
	if err != nil {
		t.Fatal(err)
	}
	g, probs := framework.Parse(name+".yaml", y)
	if len(probs) > 0 {
		t.Fatalf("the YAML written does not parse:\n%v", probs)
	}
	if _, probs := set.With(g); len(probs) > 0 {
		t.Fatalf("the imported framework is not valid:\n%v", probs)
	}
	return g, rep, y
}

func codesOf(f *framework.Framework) string {
	var out []string
	for _, c := range f.Competences() {
		out = append(out, c.Code)
	}
	return strings.Join(out, " ")
}

func reportHas(t *testing.T, rep *Report, wants ...string) {
	t.Helper()
	text := strings.Join(rep.Lines(), "\n")
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("the report does not say %q:\n%s", w, text)
		}
	}
}

func TestImportMoodle12Column(t *testing.T) {
	f, rep, y := importFixture(t, "moodle-12col.csv", Options{})
	golden(t, "moodle-12col.yaml", y)
	// W1 holds a leaf (W1.1.1) before its area W1.1, which was defined after
	// its children; file order is kept.
	if got := codesOf(f); got != "W1.1.1 W1.1.2 W1.1.1b W2.1.1 W9.1 LOOPB" {
		t.Errorf("competences = %s", got)
	}
	c := f.Competence("W1.1.2")
	if c.Statement != "Listens without rushing to advice:" || flat(c.Items) != "lets silences be|reflects back[feelings|facts]" {
		t.Errorf("W1.1.2 = %q %q", c.Statement, flat(c.Items))
	}
	if c.Kind != framework.KindSkill { // the 2016 taxonomy calls level 3 "skill"
		t.Errorf("W1.1.2 kind = %s", c.Kind)
	}
	if s := f.Competence("W1.1.1").Statement; s != "Opens a conversation about how someone is, choosing a private moment" {
		t.Errorf("multi-line HTML = %q", s)
	}
	if s := f.Competence("W1.1.1b").Statement; s != "Checks the person's safety & wellbeing <today>" {
		t.Errorf("entities = %q", s)
	}
	if f.Scale == nil || len(f.Scale.Levels) != 3 || f.Scale.Levels[2].Label != "Confident" {
		t.Errorf("scale = %+v", f.Scale)
	}
	if f.ID != "well" || f.Title != "Wellbeing conversations (test fixture)" {
		t.Errorf("id %q title %q", f.ID, f.Title)
	}
	reportHas(t, rep, "11 entries", "1 row names a parent that is not in the file", "W9.1 (parent \"NOPE\"",
		"the parents of 1 row form a loop", "Moodle taxonomy by level: domain, competency, skill",
		"proficient: Confident", "11 entries became 3 domains, 5 areas and 6 competences")
}

func TestImportMoodle14Column(t *testing.T) {
	f, rep, y := importFixture(t, "moodle-14col.csv", Options{Prefix: "PEER"})
	golden(t, "moodle-14col.yaml", y)
	if got := codesOf(f); got != "PEER.P1.1.1 PEER.P1.1.2 PEER.P2.1.1 PEER.P2.1.2" {
		t.Errorf("competences = %s", got)
	}
	reportHas(t, rep, "2 cross-references", "1 competency has a completion rule", "1 competency sets its own scale",
		"Moodle taxonomy by level: domain, competency, skill")
	for _, c := range f.Competences() {
		if c.Kind != framework.KindSkill {
			t.Errorf("%s kind = %s", c.Code, c.Kind)
		}
	}
}

func TestImportMoodleSemicolonWindows1252(t *testing.T) {
	f, rep, _ := importFixture(t, "moodle-semicolon-cp1252.csv", Options{})
	if f.Title != "Café skills – “test”" {
		t.Errorf("title = %q", f.Title)
	}
	if c := f.Competences()[0]; c.Code != "A-1" || c.Statement != "Serves tea – politely, with a “smile”" {
		t.Errorf("competence = %s %q", c.Code, c.Statement)
	}
	reportHas(t, rep, "read as Windows-1252", `"A 1" → A-1`)
}

func TestImportCASEPackage(t *testing.T) {
	f, rep, y := importFixture(t, "case-package.json", Options{})
	golden(t, "case-package.yaml", y)
	// S.2 has sequenceNumber 1 and comes before S.1 (2); under S.1 the
	// sequence numbers, one written as text, give S.1.1, S.1.2, S.1.3.
	if got := codesOf(f); got != "S.2.1 S.1.1 S.1.2 S.1.3 S.3.1 X.1 O.1" {
		t.Errorf("competences = %s", got)
	}
	c := f.Competence("S.1.2")
	if c.Statement != "Talks with a young person about what they see online:" || flat(c.Items) != "without judging|asking open questions[what did you see?|how did it feel?]" {
		t.Errorf("S.1.2 = %q %q", c.Statement, flat(c.Items))
	}
	if c.Kind != framework.KindSkill || strings.Join(c.Tags, ",") != "online-safety,schools" {
		t.Errorf("S.1.2 kind %s tags %v", c.Kind, c.Tags)
	}
	if k := f.Competence("S.1.1").Kind; k != framework.KindKnowledge {
		t.Errorf("S.1.1 kind from CFItemType = %s", k)
	}
	if k := f.Competence("S.1.3").Kind; k != framework.KindAttitude {
		t.Errorf("S.1.3 kind from a concept keyword = %s", k)
	}
	if cw := f.Competence("S.2.1").Crosswalk; len(cw) != 1 || cw[0].Code != "MINI.1.1.1" || cw[0].Type != framework.LinkExact {
		t.Errorf("crosswalk = %v", cw)
	}
	if f.Version != "0.3" || f.Publisher != "reflect test fixtures" || f.Provenance.Licence != "CC BY 4.0: Creative Commons Attribution 4.0" {
		t.Errorf("meta: %q %q %q", f.Version, f.Publisher, f.Provenance.Licence)
	}
	if f.SourceURL != "https://case.example.org/frameworks/online" || f.Provenance.OfficialURL != f.SourceURL {
		t.Errorf("urls: %q %q", f.SourceURL, f.Provenance.OfficialURL)
	}
	if d := f.Domains[0]; d.Title != "Online safety" || d.Description != "Staying safe online" {
		t.Errorf("domain title from abbreviatedStatement: %q / %q", d.Title, d.Description)
	}
	reportHas(t, rep, "11 entries", "1 item is a child of something outside this package", "1 item has no isChildOf association",
		"1 isChildOf association names a child that is not in this package", "1 item has more than one parent",
		"1 exactMatchOf association to competences of loaded frameworks became exact crosswalk links",
		"1 exactMatchOf association points to things outside", "isRelatedTo 1, precedes 1", "1 rubric has no place in reflect, which reads one framework-wide rating scale; kept for export to CASE",
		"2 concept keywords became tags")
}

func TestImportCASEWrapped(t *testing.T) {
	f, _, _ := importFixture(t, "case-wrapped.json", Options{ID: "wrapped-test"})
	if f.ID != "wrapped-test" {
		t.Errorf("id = %s", f.ID)
	}
	// No sequence numbers: file order of the associations (i2 before i1).
	var got []string
	for _, c := range f.Competences() {
		got = append(got, c.Statement)
	}
	if strings.Join(got, ",") != "Second,First" {
		t.Errorf("order = %v", got)
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name, format, file, data, want string
	}{
		{"empty CSV", FormatMoodleCSV, "e.csv", "  \n", "the file is empty"},
		{"not Moodle", FormatMoodleCSV, "x.csv", "a,b,c\n1,2,3\n", "does not look like a Moodle competency framework CSV"},
		{"OpenSALT spreadsheet", FormatMoodleCSV, "x.csv", "\"Identifier\",\"fullStatement\",\"Human Coding Scheme\",\"Is Child Of\"\nM,Math,M,\n", "looks like an OpenSALT spreadsheet"},
		{"no Is framework column", FormatMoodleCSV, "x.csv", "Parent ID number,ID number,Short name\n,a,A\n", "no \"Is framework\" column"},
		{"no framework row", FormatMoodleCSV, "x.csv", "Parent ID number,ID number,Short name,Is framework\n,a,A,\n", "no row is marked as the framework"},
		{"bad quotes", FormatMoodleCSV, "x.csv", "Parent ID number,ID number,Short name,Is framework\n,a,\"A\"x\"\n", ""},
		{"only a framework row", FormatMoodleCSV, "x.csv", "Parent ID number,ID number,Short name,Is framework\n,F,Frame,1\n", "no competencies or items"},
		{"not JSON", FormatCASEJSON, "x.json", "{not json", "not valid JSON"},
		{"truncated JSON", FormatCASEJSON, "x.json", "{\"CFDocument\": {", "x.json:1:17: the file ends here, before its JSON is complete: it may have been cut off"},
		{"empty JSON", FormatCASEJSON, "x.json", " \n", "x.json: the file is empty"},
		{"two JSON values", FormatCASEJSON, "x.json", "{} {}", "more than one JSON value"},
		{"JSON but not CASE", FormatCASEJSON, "x.json", "{\"categories\": []}", "not a CASE package"},
		{"JSON array", FormatCASEJSON, "x.json", "[1,2]", "not a CASE package"},
		{"CASE without items", FormatCASEJSON, "x.json", "{\"CFDocument\": {\"identifier\": \"d\", \"title\": \"T\"}}", "no competencies or items"},
		{"undetectable", "", "x.txt", "hello", "cannot tell what format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Import(tt.format, tt.file, []byte(tt.data), Options{})
			if err == nil {
				t.Fatal("no error")
			}
			if _, ok := err.(yamlx.Problems); !ok {
				t.Errorf("error is %T, want yamlx.Problems so it prints with file:line", err)
			}
			if tt.want != "" && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct{ file, data, want string }{
		{"x.json", "{}", FormatCASEJSON},
		{"x.txt", "\ufeff  {\"CFDocument\":{}}", FormatCASEJSON},
		{"x.txt", "\"Parent ID number\",\"ID number\"", FormatMoodleCSV},
		{"x.csv", "whatever", FormatMoodleCSV},
		{"x.txt", "whatever", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.file, []byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%s, %q) = %q, want %q", tt.file, tt.data, got, tt.want)
		}
	}
}
