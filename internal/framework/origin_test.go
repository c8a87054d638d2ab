package framework_test

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Competence titles: optional, on one line, and two competences may share
// a statement when their titles tell them apart.
func TestCompetenceTitles(t *testing.T) {
	same := "statement: An ability to ask directly and calmly about thoughts of suicide"
	twin := func(t1, t2 string) []byte {
		data := mutate(t, "statement: An ability to judge when to involve a colleague or another service", same)
		data = []byte(strings.Replace(string(data), "          - code: MINI.2.1.1\n", "          - code: MINI.2.1.1\n"+t1, 1))
		return []byte(strings.Replace(string(data), "          - code: MINI.2.1.2\n", "          - code: MINI.2.1.2\n"+t2, 1))
	}
	if probs := problemsFor(t, twin("            title: Asking\n", "            title: Asking again\n")); len(probs) > 0 {
		t.Errorf("a repeated statement with different titles was refused:\n%v", probs)
	}
	if probs := problemsFor(t, twin("            title: Asking\n", "            title: asking\n")); !strings.Contains(probs.Error(), "MINI.2.1.2 repeats the title and statement of MINI.2.1.1") {
		t.Errorf("the same title and statement twice was not refused: %v", probs)
	}
	if probs := problemsFor(t, twin("", "")); !strings.Contains(probs.Error(), "MINI.2.1.2 repeats the statement of MINI.2.1.1") {
		t.Errorf("a repeated statement without titles was not refused: %v", probs)
	}
	if probs := problemsFor(t, twin("            title: \"Two\\nlines\"\n", "")); !strings.Contains(probs.Error(), "MINI.2.1.1 has a title of more than one line") {
		t.Errorf("a two-line title was not refused: %v", probs)
	}
	f, probs := framework.Parse("f.yaml", twin("            title: Asking\n", ""))
	if len(probs) > 0 || f.Competence("MINI.2.1.1").Title != "Asking" {
		t.Errorf("title not decoded: %v", probs)
	}
}

func TestWordingPublisher(t *testing.T) {
	if probs := problemsFor(t, mutate(t, "wording: tool", "wording: publisher")); len(probs) > 0 {
		t.Errorf("wording publisher refused:\n%v", probs)
	}
	if probs := problemsFor(t, mutate(t, "wording: tool", "wording: publishers")); !strings.Contains(probs.Error(), `provenance wording "publishers" is not valid`) ||
		!strings.Contains(probs.Error(), "publisher (the publisher's text, imported; its licence not checked)") {
		t.Errorf("a wrong wording was not refused with the choices: %v", probs)
	}
}

const originBlock = `origin:
  format: moodle-csv
  file: their.csv
  layout: Moodle 14 columns, French header
  header: [ID de la compétence parente, ID]
  document:
    id: FW
    fields:
      shortname: The framework
      taxonomy: domain,competency
  entries:
    - id: top
      fields:
        shortname: Folded level
    - id: MINI.1
      code: MINI.1
      parent: top
    - code: MINI.9
      made: true
      parent: top
      fields:
        exportid: "12"
        ruleconfig: "null"
`

func TestOrigin(t *testing.T) {
	f, probs := framework.Parse("f.yaml", append(readMini(t), originBlock...))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if probs := framework.Validate(f); len(probs) > 0 {
		t.Fatal(probs)
	}
	o := f.Origin
	if o == nil || o.Format != "moodle-csv" || o.Document.ID != "FW" || len(o.Entries) != 3 || len(o.Header) != 2 {
		t.Fatalf("origin decoded wrongly: %+v", o)
	}
	if v, _ := o.Document.Fields.Get("taxonomy"); v != "domain,competency" || strings.Join(o.Document.Fields.Keys, ",") != "shortname,taxonomy" {
		t.Errorf("document fields = %+v", o.Document.Fields)
	}
	if e := o.Entries[2]; !e.Made || e.Code != "MINI.9" || e.Fields.Values["exportid"] != "12" || e.Fields.Keys[1] != "ruleconfig" {
		t.Errorf("made entry = %+v", e)
	}
	bad := strings.Replace(originBlock, "format: moodle-csv", "format: scorm", 1)
	bad = strings.Replace(bad, "        exportid: \"12\"\n", "        exportid: [12]\n        ruleconfig: x\n", 1)
	probs = problemsFor(t, append(readMini(t), bad...))
	for _, want := range []string{`origin format "scorm" is not one reflect reads`, "expected text", `the field "ruleconfig" appears twice`} {
		if !strings.Contains(probs.Error(), want) {
			t.Errorf("problems do not say %q:\n%v", want, probs)
		}
	}
}
