package review

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	flow "github.com/reflect-cpd/reflect/internal/review"
)

func fixture(t *testing.T) *record.Record {
	set := recordtest.Mini(t)
	return recordtest.Build(t, set, recordtest.Spec{
		Scopes:       []assessment.Scope{{Framework: "mini", Profile: "specialist"}},
		Rate:         recordtest.ByCode(map[string]int{"MINI.1.1.1": 3, "MINI.1.1.2": 2, "MINI.1.2.1": 1, "MINI.2.1.1": 2, "MINI.2.1.2": 3}),
		Practitioner: record.Practitioner{Name: "Alex Example"},
		Reflection:   []string{"I noticed I avoid asking directly."},
		Plan:         []record.Goal{{ID: "g1", Objective: "Ask directly and calmly", TargetDate: "2026-06-30", Status: "planned"}},
		Complete:     true,
	})
}

type driver struct {
	t *testing.T
	m *Model
}

func start(t *testing.T, opts Options) *driver {
	if opts.Record == nil {
		opts.Record = fixture(t)
	}
	if opts.Today == "" {
		opts.Today = "2026-03-14"
	}
	opts.NoColor = true
	d := &driver{t: t, m: New(opts)}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return d
}

func (d *driver) send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		d.m.Update(msg)
	}
}

// key presses a named key, as Bubble Tea v2 decodes it.
func (d *driver) key(name string) {
	k, ok := map[string]tea.Key{
		"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "pgdown": {Code: tea.KeyPgDown},
		"ctrl+c": {Code: 'c', Mod: tea.ModCtrl}, "ctrl+r": {Code: 'r', Mod: tea.ModCtrl},
	}[name]
	if !ok {
		d.t.Fatalf("unknown key %q", name)
	}
	d.send(tea.KeyPressMsg(k))
}

// view is the frame as plain text (the styles' escape sequences removed).
func (d *driver) view() string { return ansi.Strip(d.m.View().Content) }

func (d *driver) typ(s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (d *driver) see(subs ...string) {
	d.t.Helper()
	v := d.view()
	if n := strings.Count(v, "\n") + 1; d.m.height >= 16 && n > d.m.height {
		d.t.Errorf("the view has %d lines, more than the terminal's %d:\n%s", n, d.m.height, v)
	}
	for _, s := range subs {
		if !strings.Contains(v, s) {
			d.t.Errorf("the screen lacks %q:\n%s", s, v)
		}
	}
}

func TestFullReview(t *testing.T) {
	d := start(t, Options{})
	d.see("Review: Alex Example · read the record", "SCORES", "enter: start your review")
	d.key("pgdown")
	d.key("enter")
	needs := len(d.m.needs)
	if needs < 2 {
		t.Fatalf("fixture has %d needs", needs)
	}
	d.see("need 1 of", d.m.needs[0].Code)
	d.typ("Let's practise this.")
	d.key("tab")
	d.see("need 2 of")
	// Read the record from the middle of the review, then come back.
	d.key("ctrl+r")
	d.see("The record (for reference)", "REFLECTION")
	d.key("esc")
	d.see("need 2 of")
	for i := 1; i < needs; i++ {
		d.key("tab")
	}
	d.see("overall comments")
	d.typ("A thoughtful record.")
	d.key("tab")
	d.see("your own ratings (optional)", "never averaged", "› MINI.1.1.1")
	d.key("tab")
	d.see("the development plan", "Ask directly and calmly", "› (•) Agree")
	d.typ("m")
	d.key("enter")
	d.see("amend the plan", "Objective: Ask directly and calmly")
	// Break the date, see the problem, fix it.
	d.m.amend.SetValue("Objective: Ask directly and calmly\nTarget date: 30/06/2026")
	d.key("tab")
	d.see("amend the plan", "the target date \"30/06/2026\" is not a")
	d.m.amend.SetValue("Objective: Ask directly and calmly\nTarget date: 2026-08-31\n\nObjective: Shadow a liaison nurse")
	d.key("tab")
	d.see("sign off", "Your name", "2026-03-14")
	// No name yet.
	for i := 0; i < 5; i++ {
		d.key("tab")
	}
	d.see("Your name is needed")
	d.typ("Sam Patel")
	d.key("tab")
	d.typ("Clinical supervisor")
	for i := 0; i < 4; i++ {
		d.key("tab")
	}
	d.see("confirm", "Sam Patel, Clinical supervisor", "does not certify", "(y/n)")
	d.typ("y")
	rev, done := d.m.Result()
	if !done {
		t.Fatal("not done after y")
	}
	if rev.Reviewer.Name != "Sam Patel" || rev.Reviewer.Role != "Clinical supervisor" || rev.Date != "2026-03-14" || rev.Comments != "A thoughtful record." {
		t.Errorf("review: %+v", rev)
	}
	if len(rev.NeedComments) != 1 || rev.NeedComments[0].Comment != "Let's practise this." {
		t.Errorf("need comments: %+v", rev.NeedComments)
	}
	if rev.PlanDecision() != record.PlanAmend || len(rev.AgreedPlan) != 2 || rev.AgreedPlan[0].ID != "g1" || rev.AgreedPlan[0].TargetDate != "2026-08-31" {
		t.Errorf("plan: %+v", rev.AgreedPlan)
	}
	// It is a review the record accepts.
	if _, err := fixture(t).NewReview(rev, time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Errorf("NewReview: %v", err)
	}
}

func TestDefaultsAndBack(t *testing.T) {
	d := start(t, Options{Defaults: record.Review{Reviewer: record.Reviewer{Name: "Sam"}, Comments: "From flags",
		NeedComments: []record.NeedComment{{Code: "MINI.1.2.1", Comment: "Prefilled"}}}})
	d.key("enter")
	for i := 0; i < len(d.m.needs); i++ {
		d.key("tab")
	}
	d.see("overall comments", "From flags")
	d.key("shift+tab")
	d.see(d.m.needs[len(d.m.needs)-1].Code)
	for i := 0; i < len(d.m.needs); i++ {
		d.key("shift+tab")
	}
	d.see("read the record")
	d.key("enter")
	for i := 0; i < len(d.m.needs)+2; i++ {
		d.key("tab")
	}
	d.key("enter") // agree
	d.see("sign off", "Sam")
	for i := 0; i < 5; i++ {
		d.key("enter")
	}
	d.typ("n") // back from confirm
	d.see("sign off")
	d.key("enter")
	d.typ("y")
	rev, done := d.m.Result()
	if !done || rev.PlanDecision() != record.PlanAgree || rev.Comments != "From flags" || len(rev.NeedComments) != 1 || rev.NeedComments[0].Comment != "Prefilled" {
		t.Errorf("review: %+v done %v", rev, done)
	}
}

// The reviewer's own ratings on the full screen: move with ↑/↓, rate
// with a digit of the scale (the selection moves on), take a rating back
// with 0; a digit off the scale is explained. The ratings reach the
// review, and the confirmation shows them.
func TestRatingsStep(t *testing.T) {
	d := start(t, Options{View: flow.View{Set: recordtest.Mini(t)}, Defaults: record.Review{Ratings: []record.Rating{{Code: "MINI.1.2.1", Rating: 1}}}})
	d.key("enter")
	for i := 0; i < len(d.m.needs)+1; i++ {
		d.key("tab")
	}
	d.see("your own ratings (optional)", "MINI.1.2.1", "1 Not yet", "1 of 5 · 1 rated by you", "An ability to draw on knowledge")
	d.typ("3") // MINI.1.1.1 → 3, moves to MINI.1.1.2
	d.see("› MINI.1.1.2", "3 Competent", "2 of 5 · 2 rated by you")
	d.typ("7")
	d.see("7 is not on the scale: rate from 1 to 3")
	d.send(tea.KeyPressMsg{Code: tea.KeyDown}) // MINI.1.2.1
	d.typ("0")
	d.see("3 of 5 · 1 rated by you")
	d.send(tea.KeyPressMsg{Code: tea.KeyDown})
	d.typ("2") // MINI.2.1.1 → 2
	d.key("tab")
	d.see("the development plan")
	d.key("shift+tab")
	d.see("your own ratings")
	d.key("tab")
	d.key("enter") // agree
	d.typ("Sam")
	for i := 0; i < 5; i++ {
		d.key("enter")
	}
	d.see("Your ratings: MINI.1.1.1=3, MINI.2.1.1=2")
	d.typ("y")
	rev, done := d.m.Result()
	if !done || len(rev.Ratings) != 2 || rev.Ratings[0] != (record.Rating{Code: "MINI.1.1.1", Rating: 3}) || rev.Ratings[1] != (record.Rating{Code: "MINI.2.1.1", Rating: 2}) {
		t.Fatalf("review ratings %+v done %v", rev.Ratings, done)
	}
	if _, err := d.m.rec.NewReview(rev, time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Errorf("NewReview: %v", err)
	}
}

func TestLeaving(t *testing.T) {
	d := start(t, Options{})
	d.typ("q")
	if _, done := d.m.Result(); done || !d.m.cancelled {
		t.Error("q on the record does not leave")
	}
	d = start(t, Options{})
	d.key("enter")
	d.typ("something typed")
	d.key("ctrl+c")
	d.see("Leave now?", "what you typed is kept as a draft")
	d.typ("x") // anything but y stays
	if d.m.cancelled {
		t.Fatal("left without y")
	}
	d.see("need 1 of")
	d.key("ctrl+c")
	d.typ("y")
	if !d.m.cancelled {
		t.Error("ctrl+c, y did not leave")
	}
	// What was typed goes back to the caller, to keep as a draft.
	if rev := d.m.review(); len(rev.NeedComments) != 1 || rev.NeedComments[0].Comment != "something typed" {
		t.Errorf("after leaving, the review holds %+v", rev.NeedComments)
	}
}

func TestSmallTerminalAndNoPlan(t *testing.T) {
	r := fixture(t)
	r.Plan = nil
	d := start(t, Options{Record: r})
	d.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	if v := d.view(); v == "" {
		t.Fatal("empty view")
	}
	d.key("enter")
	for i := 0; i < len(d.m.needs)+2; i++ {
		d.key("tab")
	}
	d.see("no development plan")
	d.typ("m")
	d.key("enter")
	d.key("tab") // the untouched template has no goals
	d.see("has no goals")
}

// A record is someone else's file: escape sequences in its text (a name,
// a reflection, a goal) must reach the reviewer's terminal made harmless.
func TestHostileRecordTextIsNotSentToTheTerminal(t *testing.T) {
	const hostile = "x\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b[1;1H\ry\u009b2J"
	rec := fixture(t)
	rec.Practitioner.Name = "Alex" + hostile
	rec.Reflection.Sections[0].Text = "Reflection " + hostile
	rec.Plan[0].Objective = "Goal " + hostile
	d := &driver{t: t, m: New(Options{Record: rec, Today: "2026-03-14"})}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 120})
	views := []string{d.view()}
	for i := 0; i < 6; i++ {
		d.key("tab")
		views = append(views, d.view())
	}
	all := strings.Join(views, "\n")
	for _, want := range []string{"Alex" + "x\uFFFD[2J", "Reflection x\uFFFD", "Goal x\uFFFD"} {
		if !strings.Contains(all, want) {
			t.Errorf("the views never show %q", want)
		}
	}
	for _, bad := range []string{"\x1b[2J", "\x1b]", "\x1b[1;1H", "\r", "\u009b", "\a"} {
		if strings.Contains(all, bad) {
			t.Errorf("a view passes %q to the terminal", bad)
		}
	}
}

// The full screen checks what the line-by-line review checks: the
// reviewer's words are listed by the identifier check before they confirm
// (e goes back to the comment), a future date is refused at its field, and
// an amended plan's codes and resources are checked with "did you mean".
func TestFullScreenChecks(t *testing.T) {
	d := start(t, Options{View: flow.View{Set: recordtest.Mini(t)}})
	d.key("enter")
	d.typ("Discussed Mrs Smith in bed 4.")
	for i := 0; i < len(d.m.needs)+2; i++ { // the needs, overall and ratings
		d.key("tab")
	}
	d.typ("m")
	d.key("enter")
	d.m.amend.SetValue("Objective: Ask directly\nCompetences: MINI.2.1.9; NOPE\nResources: mini-readin")
	d.key("tab")
	d.see("amend the plan", "MINI.2.1.9 is not a competence", "did you mean MINI.2.1.1?", "mini-reading")
	d.m.amend.SetValue("Objective: Ask directly\nCompetences: MINI.2.1.1\nResources: mini-reading")
	d.key("tab")
	d.see("sign off")
	d.typ("Sam")
	for i := 0; i < 4; i++ {
		d.key("tab")
	}
	d.m.fields[4].SetValue("2026-04-01")
	d.key("tab")
	d.see("is in the future")
	d.m.fields[4].SetValue("2026-03-13")
	d.key("tab")
	d.see("confirm", "found 2 thing(s) in your words", `"Mrs Smith"`, `"bed 4"`, "Press e to change them")
	d.typ("e")
	d.see("need 1 of")
	d.m.needText[0].SetValue("Discussed how to ask.")
	for i := 0; i < len(d.m.needs)+3; i++ {
		d.key("tab")
	}
	for i := 0; i < 5; i++ {
		d.key("tab")
	}
	d.see("confirm", "found nothing in your words")
	d.typ("y")
	rev, done := d.m.Result()
	if !done || rev.Anonymisation == nil || !rev.Anonymisation.Confirmed || rev.NeedComments[0].Comment != "Discussed how to ask." || rev.Date != "2026-03-13" {
		t.Fatalf("review %+v done %v", rev, done)
	}
}
