package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/render"
)

// A competence's title, when it has one, is shown before its statement in
// every framework view, and only then.
func TestFrameworkShowsTitles(t *testing.T) {
	set := miniSet(t)
	f := set.Get("mini")
	c := f.Competence("MINI.1.1.1")
	c.Title = "Forms of distress"
	t.Cleanup(func() { c.Title = "" }) // the set may be shared by other tests
	var text, md, js bytes.Buffer
	opt := render.FrameworkOptions{Width: 200}
	if err := render.FrameworkText(&text, f, opt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "MINI.1.1.1 [knowledge] Forms of distress — An ability to draw on knowledge") ||
		!strings.Contains(text.String(), "MINI.1.1.2 [attitude] An ability to respond") {
		t.Errorf("text view:\n%s", text.String())
	}
	if err := render.FrameworkMarkdown(&md, f, opt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "- **MINI.1.1.1** (knowledge) *Forms of distress* — An ability") {
		t.Errorf("markdown view:\n%s", md.String())
	}
	if err := render.FrameworkJSON(&js, f, opt); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Domains []struct {
			Areas []struct {
				Competences []map[string]any
			}
		}
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	cs := out.Domains[0].Areas[0].Competences
	if cs[0]["title"] != "Forms of distress" || cs[1]["title"] != nil {
		t.Errorf("JSON competences: %v", cs)
	}
}
