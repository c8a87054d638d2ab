package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/cpd"
)

// The reflection after a death: choosing it puts its introduction before
// the first section, with "Not now", which saves and leaves; "Start now"
// goes on to the first section.
func TestAfterADeathIntroAndNotNow(t *testing.T) {
	hs := toWizard(t)
	hs.keys(pastDetails...)
	hs.keys("down", "down", "down", "enter") // model: the fourth
	if hs.m.rec.Reflection.Model != cpd.ModelAfterDeath {
		t.Fatalf("model = %q", hs.m.rec.Reflection.Model)
	}
	// No focus step: the introduction comes straight after the model.
	v := strings.Join(strings.Fields(hs.view()), " ")
	for _, want := range []string{"After the death of someone you cared for", "It does not ask about the person", "Start now", "Not now: save and come back later"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the introduction lacks %q:\n%s", want, hs.view())
		}
	}
	checkFits(t, hs.view(), 80, 24)
	for _, st := range hs.m.top().(*wizard).steps {
		if st.ID == "focus" {
			t.Fatal("the reflection after a death has a focus step")
		}
	}
	if len(hs.m.rec.Reflection.Focus) != 0 {
		t.Fatalf("focus = %v", hs.m.rec.Reflection.Focus)
	}
	// Start now: the first section.
	hs.keys("enter")
	mdl := cpd.LookupModel(cpd.ModelAfterDeath)
	if v := strings.Join(strings.Fields(hs.view()), " "); !strings.Contains(v, "Debrief and supervision") {
		t.Fatalf("start now did not open the first section:\n%s", hs.view())
	}
	hs.keys("type:A debrief in March.", "tab")
	if hs.m.rec.Reflection.Sections[0].Key != mdl.Prompts[0].Key || hs.m.rec.Reflection.Sections[0].Text != "A debrief in March." {
		t.Fatalf("sections %+v", hs.m.rec.Reflection.Sections)
	}
	// Back to the introduction, then not now: saved, and the program quits.
	hs.keys("shift+tab", "shift+tab", "down")
	cmd := hs.keys("enter")
	if cmd == nil {
		t.Fatal("not now did nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok || !hs.m.leaving {
		t.Fatalf("not now did not save and leave")
	}
}
