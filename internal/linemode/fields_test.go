package linemode

import (
	"fmt"
	"os"
	"regexp"

	"github.com/reflect-cpd/reflect/internal/framework"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// TestHelpBeforeEveryAnswerChangesNothing types help at every prompt of a
// whole session (every statement, yes/no, detail, choice, list of numbers,
// text, goal field, activity field, evidence and the confirmation): each
// prompt shows its help and asks again, and the record comes out exactly
// as it does without the helps.
func TestHelpBeforeEveryAnswerChangesNothing(t *testing.T) {
	plain := newFixture(t, "specialist")
	if _, _, err := plain.run(t, fullSession); err != nil {
		t.Fatal(err)
	}
	var helped []string
	for _, p := range fullSessionPrompts {
		helped = append(helped, "help")
		helped = append(helped, p...)
	}
	f := newFixture(t, "specialist")
	res, out, err := f.run(t, lines(helped...))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Finished {
		t.Fatalf("the session with helps did not finish: %+v\n%s", res, out)
	}
	if a, b := mustMarshal(t, plain.saved), mustMarshal(t, f.saved); a != b {
		t.Errorf("help changed the record:\nwithout helps %s\nwith helps    %s", a, b)
	}
	// Every prompt said so: the general line after each prompt's own help.
	flat := strings.Join(strings.Fields(out), " ")
	if got, want := strings.Count(flat, "At any prompt: help shows this"), len(fullSessionPrompts); got != want {
		t.Errorf("help answered %d times at %d prompts", got, want)
	}
	// The whole transcript (every prompt, its help, the summary, the
	// check) has no symbol that a screen reader reads out as noise.
	for _, noise := range []string{"›", "»", "·", "•", "→", "▸", "|", " > ", ">>", "\x1b"} {
		if strings.Contains(out, noise) {
			t.Errorf("the transcript uses %q, which a screen reader reads out", noise)
		}
	}
	if m := fraction.FindString(out); m != "" {
		t.Errorf("the transcript counts with %q, read as a date or a division; write 2 of 4", m)
	}
	if strings.Contains(flat, `I did not understand "help"`) || strings.Contains(flat, `"help" is not`) {
		t.Errorf("a prompt took help as an answer:\n%s", out)
	}
}

// TestHelpAtTheFrameworkChoice: the very first prompt, choosing among
// several frameworks, answers help too.
func TestHelpAtTheFrameworkChoice(t *testing.T) {
	f := newFixture(t, "everyone")
	set := twoFrameworks(t)
	var got []assessment.Scope
	var out strings.Builder
	opts := f.options(t, strings.NewReader(lines("help", "1", "help", "1", "quit")), &out)
	opts.Session, opts.Record = nil, nil
	opts.Set = set
	opts.Start = func(sc []assessment.Scope) (*assessment.Session, *record.Record, error) {
		got = sc
		return f.sess, f.rec, nil
	}
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(flat, "Type the number of the framework for the people you work with") {
		t.Errorf("help at the framework choice does not explain it:\n%s", out.String())
	}
	if strings.Count(flat, "At any prompt: help shows this") != 2 || len(got) != 1 || got[0].Framework != "mini" {
		t.Errorf("scopes %+v after help at the framework and profile choices:\n%s", got, out.String())
	}
}

// TestActivityFieldsRefuseBadValuesAtTheField: in line mode an end date
// before the start, and hours that are not a number (NaN, Inf) or are
// negative, are refused where they are typed, said why, and asked again;
// nothing wrong reaches the record.
func TestActivityFieldsRefuseBadValuesAtTheField(t *testing.T) {
	i := indexOf(t, fullSessionPrompts, "no") + 1 // the activity's title
	ps := append([][]string(nil), fullSessionPrompts[:i]...)
	ps = append(ps,
		[]string{""}, []string{""}, // title, method
		[]string{"2026-03-05"},                                              // start
		[]string{"2026-03-01"}, []string{"5 March"}, []string{"2026-03-06"}, // end: before the start, not a date, then the day after
		[]string{"NaN"}, []string{"Inf"}, []string{"-1"}, []string{"1.5"}, // hours
		[]string{"nan"}, []string{"0.5"}, // participatory
		[]string{"12"}, []string{""}, // the type: not on the list, then Enter for the suggested one
		[]string{""}, []string{"yes"}) // no evidence; confirm
	f := newFixture(t, "specialist")
	res, out, err := f.run(t, lines(flatten(ps)...))
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"The activity cannot end (1 March 2026) before it starts (5 March 2026).",
		`"5 March" is not a date`,
		`"NaN" is not a number of hours`,
		`"Inf" is not a number of hours`,
		"cannot be negative",
		`"nan" is not a number of hours`,
		"Please type a number from 1 to 9.",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the transcript does not say %q", want)
		}
	}
	a := f.saved.Activity
	if !res.Finished || a.StartDate != "2026-03-05" || a.EndDate != "2026-03-06" || a.Hours != 1.5 || a.ParticipatoryHours != 0.5 || a.Type != "self-assessment" {
		t.Errorf("finished %v, activity %+v\n%s", res.Finished, a, out)
	}
}

// TestNewGoalsStartWithNoCompetencesInLineMode: Enter at a new goal's
// competences ticks none, for the first goal and for the next one (which
// is not given the first one's).
func TestNewGoalsStartWithNoCompetencesInLineMode(t *testing.T) {
	i := indexOf(t, fullSessionPrompts, "Ask about suicide with confidence")
	ps := append([][]string(nil), fullSessionPrompts[:i]...)
	ps = append(ps,
		[]string{"First goal"}, []string{""}, []string{"."}, []string{""}, []string{""}, []string{""}, // objective, competences, activities, target, measure, status (no resources without competences)
		[]string{"yes"},
		[]string{"Second goal"}, []string{""}, []string{"."}, []string{""}, []string{""}, []string{""},
		[]string{"no"}, []string{"quit"})
	f := newFixture(t, "specialist")
	_, out, err := f.run(t, lines(flatten(ps)...))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Which competences does this goal develop? Type numbers or codes (Enter for none)") {
		t.Errorf("the competences prompt does not offer none:\n%s", out)
	}
	p := f.saved.Plan
	if len(p) != 2 || p[0].Objective != "First goal" || p[1].Objective != "Second goal" || len(p[0].Competences) != 0 || len(p[1].Competences) != 0 || p[0].ID == p[1].ID {
		t.Errorf("plan %+v: want two goals, none with competences ticked", p)
	}
}

// TestUnansweredFromAnUnansweredStatement: unanswered (or u) on a
// statement that is itself unanswered goes to the next one after it, not
// to itself, and wraps round at the end.
func TestUnansweredFromAnUnansweredStatement(t *testing.T) {
	f := newFixture(t, "specialist") // five statements
	f.sess.Restore([]assessment.Answer{{Code: "MINI.1.1.1", Rating: 1}, {Code: "MINI.1.2.1", Rating: 2}})
	var at []int
	opts := f.options(t, strings.NewReader(lines("goto 2", "unanswered", "u", "u", "quit")), nil)
	var out strings.Builder
	opts.Out = &out
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out.String(), "\n") {
		var n, total, answered int
		if _, err := fmtSscanStatement(l, &n, &total, &answered); err == nil {
			at = append(at, n)
		}
	}
	// Starting at 1, goto 2 (unanswered), then 4, 5 and round to 2.
	if want := []int{1, 2, 4, 5, 2}; !equalInts(at, want) {
		t.Errorf("statements shown %v, want %v\n%s", at, want, out.String())
	}
}

var fraction = regexp.MustCompile(`\b\d+/\d+\b`)

func mustMarshal(t *testing.T, r *record.Record) string {
	t.Helper()
	b, err := record.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// twoFrameworks is the mini framework and a copy of it under another id,
// so that setup asks which framework first.
func twoFrameworks(t *testing.T) *framework.Set {
	t.Helper()
	data, err := os.ReadFile("../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "MINI.", "MINB.")
	s = strings.Replace(s, "id: mini\n", "id: minb\n", 1)
	s = strings.Replace(s, "title: Placeholder framework for tests\n", "title: Second placeholder framework for tests\n", 1)
	a, probs := framework.Parse("mini.yaml", data)
	b, probs2 := framework.Parse("minb.yaml", []byte(s))
	if len(probs)+len(probs2) > 0 {
		t.Fatal(probs, probs2)
	}
	set, probs := framework.NewSet(a, b)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

func indexOf(t *testing.T, ps [][]string, first string) int {
	t.Helper()
	for i, p := range ps {
		if p[0] == first {
			return i
		}
	}
	t.Fatalf("no prompt answered %q", first)
	return -1
}

// fmtSscanStatement reads the heading of a statement: "Statement 2 of 5
// (1 answered)."
func fmtSscanStatement(line string, n, total, answered *int) (int, error) {
	return fmt.Sscanf(line, "Statement %d of %d (%d answered).", n, total, answered)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPastTargetDateIsNotedInLineMode: a goal's target date already
// passed is kept, and line mode says so.
func TestPastTargetDateIsNotedInLineMode(t *testing.T) {
	i := indexOf(t, fullSessionPrompts, "2026-09-30")
	ps := append([][]string(nil), fullSessionPrompts[:i]...)
	ps = append(ps, []string{"2026-01-31"}, []string{"quit"})
	f := newFixture(t, "specialist") // today is 5 March 2026
	_, out, err := f.run(t, lines(flatten(ps)...))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "The target date, 31 January 2026, has already passed.") {
		t.Errorf("no note for a past target date:\n%s", out)
	}
	if p := f.saved.Plan; len(p) != 1 || p[0].TargetDate != "2026-01-31" {
		t.Errorf("plan %+v", p)
	}
}
