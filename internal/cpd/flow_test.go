package cpd_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	. "github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// newFlow starts a flow over a new record on mini's "everyone" profile,
// with a fixed clock and goal ids g-1, g-2, …
func newFlow(t *testing.T) (*Flow, *assessment.Session) {
	return newFlowWith(t, nil)
}

func newFlowWith(t *testing.T, onUnconfirm func()) (*Flow, *assessment.Session) {
	t.Helper()
	set, err := testfixture.MiniSet()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini"}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		t.Fatal(err)
	}
	r := record.New("r-0000000000000001", testfixture.Clock, testfixture.Tool, plan)
	n := 0
	f := New(r, s, Options{Now: func() time.Time { return testfixture.Clock }, NewGoalID: func() string { n++; return "g-" + string(rune('0'+n)) }, OnUnconfirm: onUnconfirm})
	return f, s
}

func mustSet(t *testing.T, f *Flow, addr, v string) {
	t.Helper()
	if err := f.Set(addr, v); err != nil {
		t.Fatalf("Set(%s, %q): %v", addr, v, err)
	}
}

func refused(t *testing.T, err error, want string) {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("want a *Problem containing %q, got %v", want, err)
	}
	if !strings.Contains(p.Error(), want) {
		t.Fatalf("problem %q does not say %q", p.Error(), want)
	}
}

func TestHoursRefuseWhatJSONCannotHold(t *testing.T) {
	f, _ := newFlow(t)
	for _, bad := range []string{"NaN", "nan", "Inf", "+Inf", "-1", "-0.5", "1e3", "0x10", "1,5", "one", "h", "10001", "1.2.3"} {
		err := f.Set("activity.hours", bad)
		if err == nil {
			t.Errorf("hours %q accepted (stored %v)", bad, f.Record().Activity.Hours)
			continue
		}
		if f.Record().Activity.Hours != 0 {
			t.Errorf("hours %q refused but stored %v", bad, f.Record().Activity.Hours)
		}
	}
	for in, want := range map[string]float64{"1.5": 1.5, "2": 2, " 3h ": 3, "1.25 hours": 1.25, ".5": 0.5, "": 0} {
		mustSet(t, f, "activity.hours", in)
		if got := f.Record().Activity.Hours; got != want {
			t.Errorf("hours %q stored %v, want %v", in, got, want)
		}
	}
	// Every value the flow stores can be saved.
	if _, err := record.Marshal(f.Record()); err != nil {
		t.Fatal(err)
	}
}

func TestParticipatoryHoursArePartOfTheTotal(t *testing.T) {
	f, _ := newFlow(t)
	refused(t, f.Set("activity.participatory_hours", "1"), "more than the 0 hours in total")
	mustSet(t, f, "activity.hours", "3")
	mustSet(t, f, "activity.participatory_hours", "1")
	refused(t, f.Set("activity.participatory_hours", "4"), "more than the 3 hours")
	refused(t, f.Set("activity.hours", "0.5"), "fewer than the 1 participatory hours")
	if a := f.Record().Activity; a.Hours != 3 || a.ParticipatoryHours != 1 {
		t.Errorf("refused changes were stored: %+v", a)
	}
}

func TestEndDateBeforeStartIsRefusedAtTheField(t *testing.T) {
	f, _ := newFlow(t)
	mustSet(t, f, "activity.start_date", "2026-03-05")
	refused(t, f.Set("activity.end_date", "2026-03-04"), "cannot end (4 March 2026) before it starts (5 March 2026)")
	if f.Record().Activity.EndDate != "" {
		t.Fatal("refused end date was stored")
	}
	mustSet(t, f, "activity.end_date", "2026-03-05")
	// A one-day activity moves as a whole when its start moves later.
	mustSet(t, f, "activity.start_date", "2026-04-01")
	if a := f.Record().Activity; a.EndDate != "2026-04-01" {
		t.Errorf("one-day activity: end %s, want it to move with the start", a.EndDate)
	}
	mustSet(t, f, "activity.end_date", "2026-04-03")
	refused(t, f.Set("activity.start_date", "2026-04-09"), "would start (9 April 2026) after it ends (3 April 2026)")
	for _, bad := range []string{"2026-02-30", "05/03/2026", "tomorrow", "1066-10-14"} {
		if f.Set("activity.start_date", bad) == nil {
			t.Errorf("start date %q accepted", bad)
		}
	}
}

func TestModelChangeKeepsWhatWasWritten(t *testing.T) {
	f, _ := newFlow(t)
	mustSet(t, f, AddrModel, ModelWhatSoWhatNowWhat)
	mustSet(t, f, SectionAddr("what"), "  What I saw.  \r\n")
	if got := f.Get(SectionAddr("what")); got != "What I saw." {
		t.Errorf("section stored %q", got)
	}
	mustSet(t, f, AddrModel, ModelGibbs)
	refused(t, f.Set(SectionAddr("what"), "x"), `"what" is not a section of the gibbs model`)
	r := f.Record()
	if len(r.Reflection.Sections) != 7 || r.Reflection.Sections[6].Text != "What I saw." {
		t.Errorf("the What? text should be kept after Gibbs' six sections: %+v", r.Reflection.Sections)
	}
	mustSet(t, f, AddrModel, ModelWhatSoWhatNowWhat)
	if got := f.Get(SectionAddr("what")); got != "What I saw." {
		t.Errorf("back to What?: %q", got)
	}
	refused(t, f.Set(AddrModel, "kolb"), `no reflective model "kolb"`)
}

func TestNMCIsTheDefaultModelForNMCRegistrants(t *testing.T) {
	f, _ := newFlow(t)
	if f.Model().ID != ModelWhatSoWhatNowWhat {
		t.Fatalf("default model %s", f.Model().ID)
	}
	for _, reg := range []string{"NMC", " nmc ", "Nursing and Midwifery Council"} {
		mustSet(t, f, "details.regulator", reg)
		if f.Model().ID != ModelNMC {
			t.Errorf("regulator %q: default model %s, want %s", reg, f.Model().ID, ModelNMC)
		}
		if o := f.Options(AddrModel); !strings.Contains(o[2].Label, "suggested") || strings.Contains(o[0].Label, "suggested") {
			t.Errorf("regulator %q: the NMC model should be the suggested one: %+v", reg, o)
		}
		if o := f.Options(AddrStandards); o[0].Group != SchemeTitles[SchemeNMC] {
			t.Errorf("NMC standards should come first: %+v", o[0])
		}
	}
	mustSet(t, f, "details.regulator", "HCPC")
	if f.Model().ID != ModelWhatSoWhatNowWhat {
		t.Errorf("HCPC: %s", f.Model().ID)
	}
	if o := f.Options(AddrStandards); o[0].Group != SchemeTitles[SchemeHCPC] {
		t.Errorf("HCPC standards should come first: %+v", o[0])
	}
	// A model once chosen stays, whatever the regulator.
	mustSet(t, f, AddrModel, ModelGibbs)
	mustSet(t, f, "details.regulator", "NMC")
	if f.Model().ID != ModelGibbs {
		t.Errorf("chosen model replaced: %s", f.Model().ID)
	}
}

func TestCodesAreChecked(t *testing.T) {
	f, _ := newFlow(t)
	if err := f.SetList(AddrFocus, []string{"MINI.1.1.1", "mini.2.1.1", "MINI.1.1.1"}); err != nil {
		t.Fatal(err)
	}
	if got := f.GetList(AddrFocus); !reflect.DeepEqual(got, []string{"MINI.1.1.1", "MINI.2.1.1"}) {
		t.Errorf("focus %q", got)
	}
	refused(t, f.SetList(AddrFocus, []string{"MINI.9.9.9"}), "MINI.9.9.9 is not a competence code")
	refused(t, f.SetList(AddrStandards, []string{"nmc/be-nice"}), `"nmc/be-nice" is not one of the standards`)
	if err := f.SetList(AddrStandards, []string{"hcpc/4", "nmc/preserve-safety"}); err != nil {
		t.Fatal(err)
	}
	if got := f.GetList(AddrStandards); !reflect.DeepEqual(got, []string{"nmc/preserve-safety", "hcpc/4"}) {
		t.Errorf("standards kept in the list's order: %q", got)
	}
}

func TestANewGoalStartsEmpty(t *testing.T) {
	f, _ := newFlow(t)
	f.SetList(AddrFocus, []string{"MINI.1.1.1"})
	id, err := f.AddGoal()
	if err != nil {
		t.Fatal(err)
	}
	g := f.Record().Plan[0]
	if g.ID != id || len(g.Competences) != 0 || g.Status != record.GoalPlanned || !BlankGoal(g) {
		t.Errorf("new goal %+v: want no competences ticked, status planned", g)
	}
	mustSet(t, f, GoalAddr(id, "objective"), "Ask directly")
	mustSet(t, f, GoalAddr(id, "competences"), "MINI.2.1.1, MINI.1.1.1")
	mustSet(t, f, GoalAddr(id, "activities"), "- role-play\n\n* observe a colleague\n")
	mustSet(t, f, GoalAddr(id, "status"), "in progress")
	refused(t, f.Set(GoalAddr(id, "status"), "done"), `"done" is not a goal status`)
	refused(t, f.Set(GoalAddr(id, "target_date"), "next June"), "not a date")
	g = f.Record().Plan[0]
	if !reflect.DeepEqual(g.Competences, []string{"MINI.2.1.1", "MINI.1.1.1"}) || !reflect.DeepEqual(g.Activities, []string{"role-play", "observe a colleague"}) || g.Status != record.GoalInProgress {
		t.Errorf("goal %+v", g)
	}
	id2, _ := f.AddGoal()
	if id2 == id || len(f.Record().Plan[1].Competences) != 0 {
		t.Errorf("second goal %+v", f.Record().Plan[1])
	}
	if err := f.DeleteGoal(id); err != nil || len(f.Record().Plan) != 1 || f.Record().Plan[0].ID != id2 {
		t.Errorf("delete: %v %+v", err, f.Record().Plan)
	}
}

func TestGoalIDsAreUniqueAcrossRecords(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := NewGoalID()
		if seen[id] || !ValidGoalID(id) || LegacyGoalID(id) || len(id) != 18 {
			t.Fatalf("goal id %q (repeated or malformed)", id)
		}
		seen[id] = true
	}
	for _, old := range []string{"g1", "g12", "G2"} {
		if !LegacyGoalID(old) {
			t.Errorf("%s should count as an old per-record id", old)
		}
	}
}

func TestChangingTextWithdrawsTheConfirmation(t *testing.T) {
	withdrawn := 0
	f, s := newFlowWith(t, func() { withdrawn++ })
	for _, it := range s.Plan.Items {
		s.Rate(it.Code(), 2)
	}
	for _, p := range f.Model().Prompts {
		mustSet(t, f, SectionAddr(p.Key), "written")
	}
	if err := f.Confirm(); err != nil {
		t.Fatal(err)
	}
	if !f.Progress().Complete() || f.Record().Status != record.StatusComplete {
		t.Fatalf("all answered, reflected and confirmed should be complete: %s", f.Progress())
	}
	mustSet(t, f, SectionAddr("what"), "written") // the same text: nothing changes
	mustSet(t, f, "activity.hours", "2")          // not free text
	if withdrawn != 0 || !f.Record().Anonymisation.Confirmed {
		t.Fatal("confirmation withdrawn without new text")
	}
	mustSet(t, f, NoteAddr("MINI.1.1.1"), "Spoke to Mr Jones")
	if withdrawn != 1 || f.Record().Anonymisation.Confirmed || f.Record().Status != record.StatusInProgress {
		t.Fatalf("a new note should withdraw the confirmation: %+v", f.Record().Anonymisation)
	}
	if got := f.Progress().String(); got != "reflected, not confirmed anonymous" {
		t.Errorf("progress %q", got)
	}
	fs := f.Check()
	if len(fs) != 1 || fs[0].Addr != "note.MINI.1.1.1" || f.Record().Anonymisation.Findings != 1 {
		t.Errorf("check: %+v", fs)
	}
}

func TestCompleteMeansEverythingAnsweredReflectedAndConfirmed(t *testing.T) {
	f, s := newFlow(t)
	s.Rate("MINI.1.1.1", 2)
	for _, p := range f.Model().Prompts {
		mustSet(t, f, SectionAddr(p.Key), "written")
	}
	f.Confirm()
	// The case: confirming the check with most of it unanswered.
	if f.Record().Status == record.StatusComplete {
		t.Fatal("a record with competences unanswered was marked complete")
	}
	if got := f.Progress().String(); got != "reflected, 4 unanswered" {
		t.Errorf("progress %q, want \"reflected, 4 unanswered\"", got)
	}
	tests := []struct {
		p    Progress
		want string
	}{
		{Progress{Scored: true, Total: 214, Unanswered: 211, Sections: 3}, "in progress: 211 unanswered, reflection not written, not confirmed anonymous"},
		{Progress{Scored: true, Total: 5, Sections: 6, Written: 2}, "answered, reflection 2 of 6 written, not confirmed anonymous"},
		{Progress{Scored: true, Total: 5, Sections: 3, Written: 3, Confirmed: true}, "complete"},
		{Progress{Sections: 3, Written: 3, Confirmed: true}, "reflected, not scored yet"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.p, got, tt.want)
		}
		if tt.p.Complete() != (tt.want == "complete") {
			t.Errorf("%+v: Complete %v", tt.p, tt.p.Complete())
		}
	}
}

func TestChangesReplayFromAJournal(t *testing.T) {
	f, s := newFlow(t)
	var journal []byte
	apply := func(c Change) {
		t.Helper()
		if err := f.Apply(c); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		b, _ := json.Marshal(c)
		journal = append(append(journal, b...), '\n')
	}
	s.Rate("MINI.1.1.1", 2)
	apply(Change{Op: OpSet, Key: "details.name", Value: "Sam Patel"})
	apply(Change{Op: OpSet, Key: AddrModel, Value: ModelGibbs})
	apply(Change{Op: OpSet, Key: SectionAddr("feelings"), Value: "Unsure at first."})
	apply(Change{Op: OpAddGoal, Key: "g-abc"})
	apply(Change{Op: OpSetList, Key: GoalAddr("g-abc", "competences"), List: []string{"MINI.1.1.1"}})
	apply(Change{Op: OpAddEvid, Evidence: &record.Evidence{Description: "Certificate"}})
	apply(Change{Op: OpDraft, Key: NoteAddr("MINI.2.1.1"), Value: "half a thought", At: testfixture.Clock})
	apply(Change{Op: OpConfirm, At: testfixture.Clock})

	g, s2 := newFlow(t)
	s2.Rate("MINI.1.1.1", 2)
	for _, line := range strings.Split(strings.TrimSpace(string(journal)), "\n") {
		var c Change
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatal(err)
		}
		if err := g.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(f.Record(), g.Record()) {
		a, _ := record.Marshal(f.Record())
		b, _ := record.Marshal(g.Record())
		t.Errorf("replayed record differs:\n%s\n%s", a, b)
	}
	if txt, ok := g.Draft(NoteAddr("MINI.2.1.1")); !ok || txt != "half a thought" {
		t.Errorf("draft not replayed: %q %v", txt, ok)
	}
	if err := g.Apply(Change{Op: "explode"}); err == nil {
		t.Error("an unknown change was accepted")
	}
}

func TestTextFieldsIsTheOneList(t *testing.T) {
	r := &record.Record{
		Practitioner: record.Practitioner{Name: "Dr Siân Ó Briain", Registration: "07700 900123"},
		Answers:      []assessment.Answer{{Code: "MINI.1.1", Rating: 2, Note: "Mr Smith"}, {Code: "MINI.1.2", Rating: 3}},
		Activity: record.Activity{Title: "title", Method: "method",
			Evidence: []record.Evidence{{Description: "desc", File: "bed 3.pdf"}}},
		Reflection: record.Reflection{Model: ModelWhatSoWhatNowWhat, Sections: []record.ReflectionSection{{Key: "so-what", Prompt: "p", Text: "so"}}},
		Benefit:    "benefit",
		Plan:       []record.Goal{{ID: "g-1", Objective: "obj", Activities: []string{"act"}, Resources: []string{"Ward 7B teaching"}, SuccessMeasure: "sm"}},
		Reviews:    []record.Review{{Reviewer: record.Reviewer{Name: "Dr Who"}, Comments: "rc", NeedComments: []record.NeedComment{{Code: "MINI.1.1", Comment: "nc"}}}},
	}
	var names []string
	for _, f := range TextFields(r) {
		names = append(names, f.Name+"="+f.Text+"@"+f.Addr)
	}
	want := []string{"note on MINI.1.1=Mr Smith@note.MINI.1.1", "activity title=title@activity.title", "activity method=method@activity.method",
		"evidence 1 description=desc@evidence.1.description", "evidence 1 file name=bed 3.pdf@evidence.1", "reflection: So what?=so@section.so-what",
		"benefit to the people you support=benefit@benefit", "plan goal 1 objective=obj@goal.g-1.objective", "plan goal 1 activity 1=act@goal.g-1.activities",
		"plan goal 1 resource 1=Ward 7B teaching@goal.g-1.resources", "plan goal 1 success measure=sm@goal.g-1.success_measure", "review 1 comments=rc@", "review 1 comment on MINI.1.1=nc@"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("TextFields:\n got %q\nwant %q", names, want)
	}
	// The practitioner's own details are not checked; the note, the
	// evidence file name and the goal's resource are.
	fs := Check(r)
	var at []string
	for _, f := range fs {
		at = append(at, f.Addr)
	}
	if strings.Join(at, " ") != "note.MINI.1.1 evidence.1 goal.g-1.resources" {
		t.Errorf("findings at %q", at)
	}
	if TextFields(nil) != nil {
		t.Error("TextFields(nil) should be nil")
	}
}

func TestStepsFollowTheModel(t *testing.T) {
	f, _ := newFlow(t)
	ids := func() string {
		var out []string
		for _, s := range f.Steps() {
			out = append(out, s.ID)
		}
		return strings.Join(out, " ")
	}
	if got := ids(); got != "details model focus section.what section.so-what section.now-what benefit standards goals activity evidence check" {
		t.Errorf("steps %s", got)
	}
	mustSet(t, f, AddrModel, ModelNMC)
	if got := ids(); !strings.Contains(got, "focus section.nature section.learned section.changed section.code benefit") {
		t.Errorf("NMC steps %s", got)
	}
	for _, s := range f.Steps() {
		if s.Title == "" || s.Prompt == "" || s.Kind == "" {
			t.Errorf("step %s lacks a title, prompt or kind", s.ID)
		}
		for _, fl := range s.Fields {
			if fl.Label == "" || fl.Prompt == "" || fl.Kind == "" {
				t.Errorf("field %s lacks a label, prompt or kind", fl.Addr)
			}
			if f.StepOf(fl.Addr) != s.ID {
				t.Errorf("StepOf(%s) = %s, want %s", fl.Addr, f.StepOf(fl.Addr), s.ID)
			}
		}
	}
	// Every field of every form and goal can be set and read back.
	id, _ := f.AddGoal()
	for _, fl := range f.GoalFields(id) {
		if f.StepOf(fl.Addr) != "goals" {
			t.Errorf("StepOf(%s) = %s", fl.Addr, f.StepOf(fl.Addr))
		}
	}
}

func TestDraftIsKeptUntilDropped(t *testing.T) {
	f, _ := newFlow(t)
	if err := f.SetDraft(NoteAddr("MINI.1.1.1"), "I was typ"); err != nil {
		t.Fatal(err)
	}
	if d := f.Record().Draft; d == nil || d.Text != "I was typ" || !d.At.Equal(testfixture.Clock) {
		t.Fatalf("draft %+v", d)
	}
	if _, ok := f.Draft(SectionAddr("what")); ok {
		t.Error("a draft for another field")
	}
	f.SetDraft(NoteAddr("MINI.1.1.1"), "   ")
	if f.Record().Draft != nil {
		t.Error("an empty draft should be dropped")
	}
	f.SetDraft(AddrBenefit, "x")
	f.DropDraft()
	if f.Record().Draft != nil {
		t.Error("DropDraft")
	}
}

// TestPastTargetDateIsNoted: a planned goal's target date that has passed
// is kept (it may be meant) with a note saying so; a date to come, an
// achieved goal and other fields have none.
func TestPastTargetDateIsNoted(t *testing.T) {
	f, _ := newFlow(t) // the clock is testfixture.Clock
	id, err := f.AddGoal()
	if err != nil {
		t.Fatal(err)
	}
	addr := GoalAddr(id, "target_date")
	past := testfixture.Clock.AddDate(0, -2, 0).Format(DateLayout)
	mustSet(t, f, addr, past)
	if n := f.Note(addr); !strings.Contains(n, "has already passed") || !strings.Contains(n, Day(past)) {
		t.Errorf("note for a past date: %q", n)
	}
	if f.Record().Plan[0].TargetDate != past {
		t.Error("the past date was not kept")
	}
	mustSet(t, f, GoalAddr(id, "status"), "achieved")
	if n := f.Note(addr); n != "" {
		t.Errorf("an achieved goal: %q", n)
	}
	mustSet(t, f, GoalAddr(id, "status"), "planned")
	mustSet(t, f, addr, testfixture.Clock.Format(DateLayout)) // today is not past
	if n := f.Note(addr); n != "" {
		t.Errorf("today: %q", n)
	}
	if n := f.Note("activity.start_date"); n != "" {
		t.Errorf("another field: %q", n)
	}
}
