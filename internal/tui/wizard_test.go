package tui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// toWizard answers every item (needs: MINI.1.1.1, MINI.2.1.2, MINI.1.1.2)
// and opens the reflection.
func toWizard(t *testing.T) *harness {
	t.Helper()
	hs := started(t, 80, 24)
	hs.keys("1", "2", "3", "3", "1", "r")
	if _, ok := hs.m.top().(*wizard); !ok {
		t.Fatalf("r opened %T", hs.m.top())
	}
	return hs
}

func TestWizardWholeFlow(t *testing.T) {
	hs := toWizard(t)
	rec := hs.m.rec
	if rec.Reflection.Model != cpd.ModelWhatSoWhatNowWhat {
		t.Fatalf("default model = %q", rec.Reflection.Model)
	}
	hs.keys("enter")                  // model: default
	hs.keys("down", "space", "enter") // focus: untick the second need
	if want := []string{"MINI.1.1.1", "MINI.1.1.2"}; !reflect.DeepEqual(rec.Reflection.Focus, want) {
		t.Fatalf("focus = %v, want %v", rec.Reflection.Focus, want)
	}
	hs.keys("type:I saw gaps in my knowledge.", "tab")
	hs.keys("type:It matters for people in crisis.", "tab")
	hs.keys("type:I will practise asking directly.", "shift+tab") // back to so-what
	if !strings.Contains(hs.view(), "It matters for people in crisis.") {
		t.Fatalf("shift+tab did not show the previous section:\n%s", hs.view())
	}
	hs.keys("tab", "tab")
	got := map[string]string{}
	for _, s := range rec.Reflection.Sections {
		got[s.Key] = s.Text
	}
	want := map[string]string{"what": "I saw gaps in my knowledge.", "so-what": "It matters for people in crisis.", "now-what": "I will practise asking directly."}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sections = %v", got)
	}
	hs.keys("type:Safer conversations.", "tab")
	if rec.Benefit != "Safer conversations." {
		t.Fatalf("benefit = %q", rec.Benefit)
	}
	hs.keys("space", "down", "down", "space", "enter") // standards: NMC prioritise people, preserve safety
	if len(rec.Standards) != 2 || rec.Standards[1].ID != "preserve-safety" {
		t.Fatalf("standards = %+v", rec.Standards)
	}

	// Goals: add one; a bad date is refused and keeps focus.
	hs.keys("enter", "type:Ask about suicide calmly and directly", "tab")
	hs.keys("enter", "space", "down", "space", "enter") // competences: swap the first for the second
	hs.keys("tab", "type:Role-play with a colleague\nRead NG225", "tab")
	hs.keys("enter", "space", "enter", "tab") // resources: tick the suggestion
	hs.keys("type:31/12/2026", "tab")
	if !strings.Contains(hs.view(), "is not a date") {
		t.Fatalf("a bad date was not refused:\n%s", hs.view())
	}
	for range "31/12/2026" {
		hs.keys("backspace")
	}
	hs.keys("type:2026-12-31", "tab", "type:Two observed conversations", "tab", "right", "esc")
	if len(rec.Plan) != 1 {
		t.Fatalf("plan = %+v", rec.Plan)
	}
	g := rec.Plan[0]
	wantGoal := record.Goal{ID: "g1", Objective: "Ask about suicide calmly and directly", Competences: []string{"MINI.2.1.2", "MINI.1.1.2"},
		Activities: []string{"Role-play with a colleague", "Read NG225"}, Resources: []string{"mini-reading"}, TargetDate: "2026-12-31",
		SuccessMeasure: "Two observed conversations", Status: record.GoalInProgress}
	if !reflect.DeepEqual(g, wantGoal) {
		t.Fatalf("goal = %+v\nwant %+v", g, wantGoal)
	}
	hs.keys("down", "down", "enter") // Continue

	// Activity: hours must be a number.
	hs.keys("type:2026-03-02", "tab", "type:2026-03-02", "tab", "type:two", "tab")
	if !strings.Contains(hs.view(), "not a number of hours") {
		t.Fatalf("bad hours accepted:\n%s", hs.view())
	}
	for range "two" {
		hs.keys("backspace")
	}
	hs.keys("type:1.5", "tab", "type:0.5", "tab")
	if a := rec.Activity; a.StartDate != "2026-03-02" || a.Hours != 1.5 || a.ParticipatoryHours != 0.5 {
		t.Fatalf("activity = %+v", a)
	}
	if _, ok := hs.m.top().(*wizard).child.(*check); !ok {
		t.Fatalf("after the activity: %T\n%s", hs.m.top().(*wizard).child, hs.view())
	}
	if !rec.Anonymisation.Checked || rec.Anonymisation.Findings != 0 || rec.Anonymisation.Confirmed {
		t.Fatalf("anonymisation before confirming = %+v", rec.Anonymisation)
	}
	saves := hs.saves
	hs.keys("y")
	if rec.Status != record.StatusComplete || !rec.Anonymisation.Confirmed || !rec.Anonymisation.At.Equal(fixedNow) || !hs.m.finished {
		t.Fatalf("not finished: status %q, %+v", rec.Status, rec.Anonymisation)
	}
	if hs.saves == saves {
		t.Fatal("confirming did not save")
	}
	if !isQuit(hs.keys("enter")) {
		t.Fatal("enter on the last screen should close")
	}
}

func TestWizardCheckFindsAndEdits(t *testing.T) {
	hs := toWizard(t)
	hs.keys("enter", "enter", "type:I spoke to Mr Smith on Ward 7.", "tab", "tab", "tab", "tab", "enter", "down", "enter", "tab", "tab", "tab", "tab")
	c, ok := hs.m.top().(*wizard).child.(*check)
	if !ok || len(c.findings) != 2 {
		t.Fatalf("check: %T %+v", hs.m.top().(*wizard).child, c)
	}
	if hs.m.rec.Anonymisation.Findings != 2 {
		t.Fatalf("findings recorded = %d", hs.m.rec.Anonymisation.Findings)
	}
	hs.keys("e") // edit goes to the section
	if !strings.Contains(hs.view(), "What did the self-assessment show you?") {
		t.Fatalf("edit did not open the section:\n%s", hs.view())
	}
	for range "Mr Smith on Ward 7." {
		hs.keys("backspace")
	}
	hs.keys("type:a colleague.")
	w := hs.m.top().(*wizard)
	w.commit(hs.m)
	w.goStep(hs.m, "check")
	if c := w.child.(*check); len(c.findings) != 0 {
		t.Fatalf("after editing: %+v", c.findings)
	}
}

func TestWizardModelSwitchKeepsText(t *testing.T) {
	hs := toWizard(t)
	hs.keys("enter", "enter", "type:Kept words", "shift+tab", "esc", "down", "enter")
	rec := hs.m.rec
	if rec.Reflection.Model != cpd.ModelGibbs {
		t.Fatalf("model = %q", rec.Reflection.Model)
	}
	if w := hs.m.top().(*wizard); len(w.steps) != 2+6+5 {
		t.Fatalf("steps = %v", w.steps)
	}
	found := false
	for _, s := range rec.Reflection.Sections {
		if s.Key == "what" && s.Text == "Kept words" {
			found = true
		}
	}
	if !found {
		t.Fatalf("text written under the other model was dropped: %+v", rec.Reflection.Sections)
	}
}

func TestWizardEscFromFirstStepReturnsToSummary(t *testing.T) {
	hs := toWizard(t)
	hs.keys("esc")
	if _, ok := hs.m.top().(*summary); !ok {
		t.Fatalf("esc led to %T", hs.m.top())
	}
}

func TestGoalDelete(t *testing.T) {
	hs := toWizard(t)
	hs.keys("enter", "enter", "tab", "tab", "tab", "tab", "enter", "enter", "type:One", "esc", "down", "enter", "type:Two", "esc")
	if len(hs.m.rec.Plan) != 2 || hs.m.rec.Plan[1].ID != "g2" {
		t.Fatalf("plan = %+v", hs.m.rec.Plan)
	}
	hs.keys("up", "up", "d")
	if len(hs.m.rec.Plan) != 1 || hs.m.rec.Plan[0].Objective != "Two" {
		t.Fatalf("after delete: %+v", hs.m.rec.Plan)
	}
}

func TestEditAfterConfirmNeedsConfirmAgain(t *testing.T) {
	hs := toWizard(t)
	hs.keys("enter", "enter", "tab", "tab", "tab", "tab", "enter", "down", "enter", "tab", "tab", "tab", "tab", "y")
	rec := hs.m.rec
	if rec.Status != record.StatusComplete || !rec.Anonymisation.Confirmed {
		t.Fatalf("not complete: %q %+v", rec.Status, rec.Anonymisation)
	}
	// Resume the completed record and change a note.
	again := newHarness(t, hs.m.sess.Plan.Set, 80, 24, func(o *Options) { o.Session, o.Record, o.Start = hs.m.sess, rec, nil })
	again.keys("enter", "e", "type:a later thought", "tab")
	if rec.Status != record.StatusInProgress || rec.Anonymisation.Confirmed || !rec.Anonymisation.At.IsZero() {
		t.Fatalf("after a change: %q %+v", rec.Status, rec.Anonymisation)
	}
	if !strings.Contains(again.view(), "confirm the anonymisation check again") {
		t.Fatalf("no word about it:\n%s", again.view())
	}
	before := again.saves
	again.keys("f") // a flag is not free text: nothing to confirm again
	if again.saves == before {
		t.Fatal("flag not saved")
	}
}

// A goal opened with "Add a goal" and left with nothing written is not
// kept in the plan; one with only an objective is.
func TestWizardBlankGoalNotKept(t *testing.T) {
	hs := toWizard(t)
	hs.keys("enter", "enter", "tab", "tab", "tab", "tab") // model, focus, three sections, benefit
	hs.keys("enter")                                      // standards: none
	if !strings.Contains(hs.view(), "Development plan") {
		t.Fatalf("not at the plan:\n%s", hs.view())
	}
	hs.keys("enter", "esc") // add a goal, leave it empty
	if len(hs.m.rec.Plan) != 0 {
		t.Fatalf("an empty goal was kept: %+v", hs.m.rec.Plan)
	}
	if strings.Contains(hs.view(), "no objective yet") {
		t.Fatalf("the list still shows an empty goal:\n%s", hs.view())
	}
	hs.keys("enter", "type:Read NG225", "esc")
	if len(hs.m.rec.Plan) != 1 || hs.m.rec.Plan[0].Objective != "Read NG225" {
		t.Fatalf("plan = %+v", hs.m.rec.Plan)
	}
}
