package linemode

import (
	"bytes"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
)

// The reflection after a death: its introduction comes before the first
// section, "not now" saves and stops, and resuming comes back to the same
// question, where yes goes on to the sections.
func TestAfterADeathNotNowAndBack(t *testing.T) {
	f := newFixture(t, "everyone")
	f.sess.Restore([]assessment.Answer{{Code: "MINI.1.1.1", Rating: 1}, {Code: "MINI.1.1.2", Rating: 1}, {Code: "MINI.2.1.1", Rating: 3}})
	f.sess.GotoCode("MINI.2.1.2")
	var out bytes.Buffer
	// rate the last item, go on, keep the six details, choose the fourth
	// model (which asks for no focus), then not now.
	opts := f.options(t, strings.NewReader(lines("3", "done", "yes", "", "", "", "", "", "", "4", "not now")), &out)
	opts.Resumed = true
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	o := out.String()
	mdl := cpd.LookupModel(cpd.ModelAfterDeath)
	for _, want := range []string{"It does not ask about the person", "incident process", "116 123", "postvention",
		"Is now a good time to write this reflection?", "That is fine. Everything you have written is kept.",
		"Saved. Continue any time with: reflect assess --resume r-0000000000000001"} {
		if !strings.Contains(strings.Join(strings.Fields(o), " "), want) {
			t.Errorf("output lacks %q:\n%s", want, o)
		}
	}
	if strings.Contains(o, mdl.Prompts[0].Question) {
		t.Error("the first section was asked after not now")
	}
	// It asks for no development needs to focus on.
	if strings.Contains(o, "Which development needs will you reflect on?") || len(f.saved.Reflection.Focus) != 0 {
		t.Errorf("the reflection after a death asked for a focus (%v):\n%s", f.saved.Reflection.Focus, o)
	}
	if !res.Quit || res.Finished || f.saved.Reflection.Model != cpd.ModelAfterDeath {
		t.Errorf("result %+v, model %q", res, f.saved.Reflection.Model)
	}
	// Coming back: the same question; yes goes on to the first section.
	g := &fixture{sess: f.sess, rec: f.saved}
	out.Reset()
	opts = g.options(t, strings.NewReader(lines("done", "yes", "", "", "", "", "", "", "", "yes", "Debrief with the team in March; supervision in April.", ".", "quit")), &out)
	opts.Resumed = true
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	o = strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(o, "Is now a good time to write this reflection?") || !strings.Contains(o, strings.Join(strings.Fields(mdl.Prompts[0].Question), " ")) {
		t.Errorf("resuming does not come back to the reflection:\n%s", out.String())
	}
	var got string
	for _, s := range g.saved.Reflection.Sections {
		if s.Key == "support-so-far" {
			got = s.Text
		}
	}
	if got != "Debrief with the team in March; supervision in April." {
		t.Errorf("section support-so-far = %q; sections %+v", got, g.saved.Reflection.Sections)
	}
}
