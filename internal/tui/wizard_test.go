package tui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// tabs is n presses of tab: through a form's fields, and past its last.
func tabs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "tab"
	}
	return out
}

// pastDetails leaves the details step (six fields) as it is.
var pastDetails = tabs(6)

// toWizard answers every item (needs: MINI.1.1.1, MINI.2.1.2, MINI.1.1.2)
// and opens the reflection, at its first step: your details.
func toWizard(t *testing.T) *harness {
	t.Helper()
	hs := started(t, 80, 24)
	hs.keys("1", "2", "3", "3", "1", "r")
	if _, ok := hs.m.top().(*wizard); !ok {
		t.Fatalf("r opened %T", hs.m.top())
	}
	return hs
}

// toSections passes the details, model (the default) and focus (the
// suggestion) steps, to the first section.
func toSections(t *testing.T) *harness {
	hs := toWizard(t)
	hs.keys(pastDetails...)
	hs.keys("enter", "enter")
	return hs
}

func TestWizardWholeFlow(t *testing.T) {
	hs := toWizard(t)
	rec := hs.m.rec
	if !strings.Contains(hs.view(), "Your details") {
		t.Fatalf("the reflection does not start with your details:\n%s", hs.view())
	}
	hs.keys("type:Sam Patel", "tab", "type:Emergency department nurse", "tab", "tab", "type:Emergency department", "tab", "type:NMC", "tab", "type:12A3456E", "tab")
	if p := rec.Practitioner; p.Name != "Sam Patel" || p.Profession != "Emergency department nurse" || p.Setting != "Emergency department" || p.Regulator != "NMC" || p.Registration != "12A3456E" {
		t.Fatalf("details = %+v", p)
	}
	// With the NMC as regulator, the NMC reflective account is suggested.
	if !strings.Contains(hs.view(), "NMC reflective account (suggested)") {
		t.Fatalf("the NMC model is not suggested:\n%s", hs.view())
	}
	hs.keys("up", "up", "enter") // model: What? So what? Now what?
	if rec.Reflection.Model != cpd.ModelWhatSoWhatNowWhat {
		t.Fatalf("model = %q", rec.Reflection.Model)
	}
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

	// Goals: add one; it starts with no competences ticked; a bad date is
	// refused and keeps focus.
	hs.keys("enter", "type:Ask about suicide calmly and directly", "tab")
	if len(rec.Plan) != 1 || len(rec.Plan[0].Competences) != 0 {
		t.Fatalf("a new goal should start with no competences: %+v", rec.Plan)
	}
	hs.keys("enter", "down", "space", "down", "space", "enter") // competences: the second and third needs
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
	wantGoal := record.Goal{ID: "g-test1", Objective: "Ask about suicide calmly and directly", Competences: []string{"MINI.2.1.2", "MINI.1.1.2"},
		Activities: []string{"Role-play with a colleague", "Read NG225"}, Resources: []string{"mini-reading"}, TargetDate: "2026-12-31",
		SuccessMeasure: "Two observed conversations", Status: record.GoalInProgress}
	if !reflect.DeepEqual(g, wantGoal) {
		t.Fatalf("goal = %+v\nwant %+v", g, wantGoal)
	}
	// A second goal starts empty too, not with the first one's competences.
	hs.keys("down", "enter")
	if len(rec.Plan) != 2 || len(rec.Plan[1].Competences) != 0 || rec.Plan[1].ID == rec.Plan[0].ID {
		t.Fatalf("second goal = %+v", rec.Plan)
	}
	hs.keys("esc")                   // left empty: not kept
	hs.keys("down", "down", "enter") // Continue

	// Activity: the title and method are asked; hours must be a number.
	if !strings.Contains(hs.view(), "Type of CPD (method)") {
		t.Fatalf("the activity does not ask for its title and method:\n%s", hs.view())
	}
	hs.keys("tab", "tab", "tab", "tab", "type:NaN", "tab")
	if !strings.Contains(hs.view(), "not a number of hours") {
		t.Fatalf("NaN hours accepted:\n%s", hs.view())
	}
	for range "NaN" {
		hs.keys("backspace")
	}
	hs.keys("type:1.5", "tab", "type:0.5", "tab")
	a := rec.Activity
	if !strings.HasPrefix(a.Title, "Self-assessment and reflection") || a.Method != "Self-assessment against a competence framework" ||
		a.StartDate != "2026-03-02" || a.EndDate != "2026-03-02" || a.Hours != 1.5 || a.ParticipatoryHours != 0.5 {
		t.Fatalf("activity = %+v", a)
	}

	// The type, on the NMC's list, the self-assessment suggested first.
	if v := hs.view(); !strings.Contains(v, "Type of CPD activity") || !strings.Contains(v, "on the NMC's list") ||
		!strings.Contains(v, "Self-assessment against a competence framework, with reflection (suggested)") {
		t.Fatalf("the activity type is not asked from the NMC's list:\n%s", v)
	}
	hs.keys("down", "enter") // the second: a course, workshop or study day
	if rec.Activity.Type != "course" {
		t.Fatalf("activity type = %q, want course", rec.Activity.Type)
	}

	// Evidence: a file, then a description.
	hs.keys("enter", "type:notes/missing.pdf", "tab")
	if !strings.Contains(hs.view(), "cannot read that file") {
		t.Fatalf("an unreadable file was accepted:\n%s", hs.view())
	}
	for range "missing.pdf" {
		hs.keys("backspace")
	}
	hs.keys("type:cert.pdf", "tab", "type:Certificate", "tab")
	hs.keys("up", "enter", "type:Supervision notes, kept by me", "tab")
	if ev := rec.Activity.Evidence; len(ev) != 2 || ev[0].File != "cert.pdf" || ev[0].Description != "Certificate" || ev[1].Description != "Supervision notes, kept by me" {
		t.Fatalf("evidence = %+v", ev)
	}
	hs.keys("enter") // Continue
	if _, ok := hs.m.top().(*wizard).child.(*check); !ok {
		t.Fatalf("after the evidence: %T\n%s", hs.m.top().(*wizard).child, hs.view())
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

// toActivity goes from the first section to the activity step, writing
// nothing on the way.
func toActivity(hs *harness) {
	hs.keys("tab", "tab", "tab", "tab", "enter") // three sections, benefit, standards
	hs.keys("down", "enter")                     // plan: Continue
}

func TestEndDateBeforeStartIsRefusedAtTheField(t *testing.T) {
	hs := toSections(t)
	toActivity(hs)
	hs.keys("tab", "tab")
	for range "2026-03-02" {
		hs.keys("backspace")
	}
	hs.keys("type:2026-03-05", "tab") // start
	for range "2026-03-05" {
		hs.keys("backspace") // the end date offered is the start
	}
	hs.keys("type:2026-03-01", "tab")
	v := hs.view()
	if !strings.Contains(v, "cannot end (1 March 2026) before it starts") {
		t.Fatalf("an end before the start was not refused:\n%s", v)
	}
	if a := hs.m.rec.Activity; a.StartDate != "2026-03-05" || a.EndDate != "" {
		t.Fatalf("activity = %+v", a)
	}
	if !strings.Contains(v, "› End date") {
		t.Fatalf("the end date should keep the focus:\n%s", v)
	}
}

func TestWizardCheckFindsAndEdits(t *testing.T) {
	hs := toSections(t)
	hs.keys("type:I spoke to Mr Smith on Ward 7.")
	toActivity(hs)
	hs.keys(tabs(6)...)
	hs.keys("down", "down", "enter") // evidence: Continue
	c, ok := hs.m.top().(*wizard).child.(*check)
	if !ok || len(c.findings) != 2 {
		t.Fatalf("check: %T %+v\n%s", hs.m.top().(*wizard).child, c, hs.view())
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

// TestCheckReadsTheOneFieldList: the check finds identifiers in evidence
// and in a goal's resources too (its own list skipped them: 0 findings
// where the shared check found 4).
func TestCheckReadsTheOneFieldList(t *testing.T) {
	hs := toSections(t)
	rec := hs.m.rec
	rec.Activity.Evidence = []record.Evidence{{Description: "Letter from Dr Jones", File: "bed 3 notes.pdf"}}
	rec.Plan = []record.Goal{{ID: "g-x", Objective: "Learn", Resources: []string{"Teaching on Willow Ward"}, Status: record.GoalPlanned}}
	w := hs.m.top().(*wizard)
	w.goStep(hs.m, "check")
	c := w.child.(*check)
	if want := len(cpd.Check(rec)); len(c.findings) != want || want != 3 {
		t.Fatalf("findings %d, the shared check %d, want 3: %+v", len(c.findings), want, c.findings)
	}
}

func TestWizardModelSwitchKeepsText(t *testing.T) {
	hs := toSections(t)
	hs.keys("type:Kept words", "shift+tab", "esc", "down", "enter")
	rec := hs.m.rec
	if rec.Reflection.Model != cpd.ModelGibbs {
		t.Fatalf("model = %q", rec.Reflection.Model)
	}
	if w := hs.m.top().(*wizard); len(w.steps) != 3+6+6 {
		t.Fatalf("steps = %d", len(w.steps))
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
	hs := toSections(t)
	hs.keys("tab", "tab", "tab", "tab", "enter", "enter", "type:One", "esc", "down", "enter", "type:Two", "esc")
	if len(hs.m.rec.Plan) != 2 || hs.m.rec.Plan[1].ID != "g-test2" {
		t.Fatalf("plan = %+v", hs.m.rec.Plan)
	}
	hs.keys("up", "up", "d")
	if len(hs.m.rec.Plan) != 1 || hs.m.rec.Plan[0].Objective != "Two" {
		t.Fatalf("after delete: %+v", hs.m.rec.Plan)
	}
}

func TestEditAfterConfirmNeedsConfirmAgain(t *testing.T) {
	hs := toSections(t)
	hs.keys("type:a", "tab", "type:b", "tab", "type:c", "tab")
	toActivity(hs)
	hs.keys(tabs(6)...)
	hs.keys("down", "down", "enter", "y")
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
	hs := toSections(t)
	hs.keys("tab", "tab", "tab", "tab") // three sections, benefit
	hs.keys("enter")                    // standards: none
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

// TestCompleteNeedsEveryAnswer: confirming the check with statements
// unanswered does not mark the record complete, and the screen says what
// is left.
func TestCompleteNeedsEveryAnswer(t *testing.T) {
	hs := started(t, 80, 24)
	hs.keys("1", "s", "r")
	hs.keys(pastDetails...)
	hs.keys("enter", "enter", "type:a", "tab", "type:b", "tab", "type:c", "tab")
	toActivity(hs)
	hs.keys(tabs(6)...)
	hs.keys("down", "down", "enter")
	if !strings.Contains(hs.view(), "reflected, 4 unanswered") {
		t.Fatalf("the check does not say what is left:\n%s", hs.view())
	}
	hs.keys("y")
	if rec := hs.m.rec; rec.Status == record.StatusComplete || !rec.Anonymisation.Confirmed {
		t.Fatalf("status %q with 4 unanswered", rec.Status)
	}
	if !strings.Contains(strings.Join(strings.Fields(hs.view()), " "), "not complete yet (reflected, 4 unanswered)") {
		t.Fatalf("the last screen does not say what is left:\n%s", hs.view())
	}
}

// TestPastTargetDateIsNotedInTheGoalForm: a target date already passed is
// kept, with the flow's note under the field.
func TestPastTargetDateIsNotedInTheGoalForm(t *testing.T) {
	hs := toSections(t)
	hs.keys("tab", "tab", "tab", "tab", "enter") // three sections, benefit, standards
	past := fixedNow.AddDate(0, -2, 0).Format(cpd.DateLayout)
	hs.keys("enter", "type:A goal", "tab", "tab", "tab", "tab", "type:"+past, "tab")
	v := strings.Join(strings.Fields(hs.view()), " ")
	if !strings.Contains(v, "The target date, "+cpd.Day(past)+", has already passed.") {
		t.Fatalf("no note for a past target date:\n%s", hs.view())
	}
	if p := hs.m.rec.Plan; len(p) != 1 || p[0].TargetDate != past {
		t.Fatalf("plan %+v", p)
	}
}
