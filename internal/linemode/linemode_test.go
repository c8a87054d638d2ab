package linemode

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

var update = flag.Bool("update", false, "rewrite golden files")

var t0 = time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)

func miniSet(t testing.TB) *framework.Set {
	t.Helper()
	data, err := os.ReadFile("../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	set, probs := framework.NewSet(f)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

type fixture struct {
	sess  *assessment.Session
	rec   *record.Record
	saves int
	saved *record.Record // the record as last saved, decoded again
}

func newFixture(t testing.TB, profile string) *fixture {
	t.Helper()
	plan, err := assessment.NewPlan(miniSet(t), []assessment.Scope{{Framework: "mini", Profile: profile}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{sess: s, rec: record.New("r-0000000000000001", t0, record.Tool{Name: "reflect", Version: "test"}, plan)}
}

func (f *fixture) options(_ testing.TB, in io.Reader, out io.Writer) Options {
	goals := 0
	return Options{
		NewGoalID: func() string { goals++; return fmt.Sprintf("g-test%d", goals) },
		In:        in, Out: out, Session: f.sess, Record: f.rec,
		Now: func() time.Time { return t0 },
		Save: func() error {
			f.rec.Sync(f.sess, t0)
			f.saves++
			b, err := record.Marshal(f.rec)
			if err != nil {
				return err
			}
			f.saved, err = record.Decode("saved", b)
			return err
		},
		HashFile: func(path string) (record.Evidence, error) {
			if path == "missing.pdf" {
				return record.Evidence{}, os.ErrNotExist
			}
			return record.Evidence{File: filepath.Base(path), SHA256: strings.Repeat("ab", 32), Size: 1234}, nil
		},
	}
}

func (f *fixture) run(t testing.TB, input string) (Result, string, error) {
	t.Helper()
	var out bytes.Buffer
	res, err := Run(f.options(t, strings.NewReader(input), &out))
	return res, out.String(), err
}

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// fullSession answers all but one statement, reflects, plans and
// confirms, in the order of the reflection flow's steps.
var fullSession = lines(flatten(fullSessionPrompts)...)

// fullSessionPrompts is fullSession as the answer to each prompt: the
// first line is typed at the prompt, any others continue a text of
// several lines.
var fullSessionPrompts = [][]string{
	{"3"}, {"n"}, {"1"}, {"2"}, {"flag"}, {"1"}, {"done"}, {"yes"}, // questions; one unanswered
	{"yes"},                                                               // go on to the reflection
	{"Siân Ó Briain"}, {"Mental health nurse"}, {""}, {""}, {"NMC"}, {""}, // details: name, profession, role, setting, regulator, registration
	{"1"}, // model: What? So what? Now what? (the NMC's own is suggested)
	{""},  // focus: the suggestion
	{"I noticed I am less sure about asking directly.", "."},
	{"It matters because asking opens the door.", "."},
	{"I will practise with my supervisor.", "."},
	{"People may feel heard sooner.", "."},
	{"1 3"},                               // standards (the NMC's first)
	{"Ask about suicide with confidence"}, // goal objective
	{"1 2"},                               // competences: both needs
	{"Role-play in supervision", "- Read the guidance", "."},
	{"1"}, {"2026-09-30"}, {"Supervisor observes a conversation"}, {""},
	{"no"},                 // another goal
	{""}, {""}, {""}, {""}, // title, method, start, end
	{"2"}, {"3"}, {"1"}, // hours; too many participatory; then 1
	{"7"}, // the type: the NMC's seventh, clinical supervision (the suggested self-assessment is first)
	{"missing.pdf"}, {"notes/cert.pdf"}, {"Certificate"}, {""},
	{"yes"}, // confirm anonymised
}

func flatten(prompts [][]string) []string {
	var out []string
	for _, p := range prompts {
		out = append(out, p...)
	}
	return out
}

func TestFullSessionRecord(t *testing.T) {
	f := newFixture(t, "specialist")
	res, out, err := f.run(t, fullSession)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Finished || res.Quit {
		t.Fatalf("result %+v, want finished\n%s", res, out)
	}
	r := f.saved
	// Confirmed, but one statement is unanswered: not complete.
	if r.Status != record.StatusInProgress || !r.Anonymisation.Checked || !r.Anonymisation.Confirmed || r.Anonymisation.Findings != 0 {
		t.Errorf("status %q anonymisation %+v", r.Status, r.Anonymisation)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "It is not complete yet (reflected, 1 unanswered)") {
		t.Errorf("the end does not say what is left:\n%s", out)
	}
	want := map[string]assessment.Answer{
		"MINI.1.1.1": {Code: "MINI.1.1.1", Rating: 3},
		"MINI.1.1.2": {Code: "MINI.1.1.2", NA: true, NAReason: "not-my-role"},
		"MINI.1.2.1": {Code: "MINI.1.2.1", Rating: 2},
		"MINI.2.1.1": {Code: "MINI.2.1.1", Rating: 1, Flag: true},
	}
	if len(r.Answers) != len(want) {
		t.Errorf("answers %+v", r.Answers)
	}
	for _, a := range r.Answers {
		if a != want[a.Code] {
			t.Errorf("answer %+v, want %+v", a, want[a.Code])
		}
	}
	if r.Reflection.Model != cpd.ModelWhatSoWhatNowWhat || strings.Join(r.Reflection.Focus, " ") != "MINI.2.1.1 MINI.1.2.1" {
		t.Errorf("reflection %+v", r.Reflection)
	}
	if len(r.Reflection.Sections) != 3 || r.Reflection.Sections[1].Text != "It matters because asking opens the door." || r.Reflection.Sections[1].Key != "so-what" {
		t.Errorf("sections %+v", r.Reflection.Sections)
	}
	if r.Benefit != "People may feel heard sooner." {
		t.Errorf("benefit %q", r.Benefit)
	}
	if len(r.Standards) != 2 || r.Standards[0].ID != "prioritise-people" || r.Standards[1].ID != "preserve-safety" {
		t.Errorf("standards %+v", r.Standards)
	}
	wantGoal := record.Goal{ID: "g-test1", Objective: "Ask about suicide with confidence", Competences: []string{"MINI.2.1.1", "MINI.1.2.1"},
		Activities: []string{"Role-play in supervision", "Read the guidance"}, Resources: []string{"mini-reading"},
		TargetDate: "2026-09-30", SuccessMeasure: "Supervisor observes a conversation", Status: record.GoalPlanned}
	if len(r.Plan) != 1 || !jsonEqual(r.Plan[0], wantGoal) {
		t.Errorf("plan %+v\nwant %+v", r.Plan, wantGoal)
	}
	a := r.Activity
	if a.StartDate != "2026-03-05" || a.EndDate != "2026-03-05" || a.Hours != 2 || a.ParticipatoryHours != 1 || !strings.HasPrefix(a.Title, "Self-assessment and reflection") || a.Type != "supervision" {
		t.Errorf("activity %+v", a)
	}
	if len(a.Evidence) != 1 || a.Evidence[0].File != "cert.pdf" || a.Evidence[0].Size != 1234 || a.Evidence[0].Description != "Certificate" {
		t.Errorf("evidence %+v", a.Evidence)
	}
	if r.Practitioner.Name != "Siân Ó Briain" || r.Practitioner.Regulator != "NMC" {
		t.Errorf("practitioner %+v", r.Practitioner)
	}
	for _, s := range []string{"Samaritans", "116 123", "85258", "occupational health", cpd.PrivacyNote[:40], "Cannot read that file", "more than the 2 hours"} {
		if c := strings.Count(out, s); c == 0 {
			t.Errorf("the transcript does not say %q", s)
		}
	}
	// Signposting at the start and at the end.
	if strings.Count(out, "116 123") < 2 {
		t.Errorf("support shown %d times, want at start and end", strings.Count(out, "116 123"))
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("the transcript contains an escape sequence")
	}
	golden(t, "full-session.golden", out)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs; run go test ./internal/linemode -update and review the diff\n--- got ---\n%s", path, got)
	}
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		check    func(t *testing.T, s *assessment.Session)
		contains []string
	}{
		{"rate and advance", lines("2", "3"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 2, "")
			expectAnswer(t, s, "MINI.1.1.2", 3, "")
			if s.Cursor != 2 {
				t.Errorf("cursor %d", s.Cursor)
			}
		}, []string{"Saved: 2 Developing."}},
		{"unknown input re-prompts", lines("maybe", "", "2"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 2, "")
		}, []string{`I did not understand "maybe"`, "Type a number to rate"}},
		{"rating off the scale", lines("7", "0", "1"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 1, "")
		}, []string{"7 is not on the scale (use 1 to 3)", "0 is not on the scale"}},
		{"n with reason words", lines("n role"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 0, "not-my-role")
		}, []string{"not applicable (not part of my role)"}},
		{"n asks again after a bad reason", lines("n", "9", "2"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 0, "not-encountered")
		}, []string{`"9" is not one of the reasons`}},
		{"n cancelled", lines("n", "cancel"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 0, "")
		}, []string{"Not changed."}},
		{"back at the start", lines("back"), nil, []string{"This is the first statement."}},
		{"back after rating", lines("2", "back", "3"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 3, "")
		}, nil},
		{"goto code and number", lines("goto mini.2.1.1", "1", "goto 2", "2"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.2.1.1", 1, "")
			expectAnswer(t, s, "MINI.1.1.2", 2, "")
		}, nil},
		{"goto unknown code suggests", lines("goto MINI.2.1.9", "goto 99"), nil, []string{"Did you mean MINI.2.1.1?", "There are 5 statements"}},
		{"areas and area", lines("areas", "area 3", "3"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.2.1.1", 3, "")
		}, []string{"3. MINI.2.1 Talking about difficult things: 0 of 2 answered"}},
		{"unanswered", lines("1", "2", "goto 1", "unanswered", "3"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.2.1", 3, "")
		}, nil},
		{"search", lines("search suicide", "/ nothing-like-this"), nil, []string{"1 found:", "4. MINI.2.1.1 An ability to ask directly", `No statement contains "nothing-like-this"`}},
		{"arrow keys typed at a prompt are not saved", lines("note read\x1b[D\x1b[C NG225\x1b[A", "2\x1b[B"), func(t *testing.T, s *assessment.Session) {
			if n := s.Answer("MINI.1.1.1").Note; n != "read NG225" {
				t.Errorf("note = %q, want the words without the escape sequences", n)
			}
			expectAnswer(t, s, "MINI.1.1.1", 2, "")
		}, nil},
		{"note on one line, flag, clear", lines("note read NG225", "flag", "2", "back", "clear"), func(t *testing.T, s *assessment.Session) {
			a := s.Answer("MINI.1.1.1")
			if a.Note != "read NG225" || !a.Flag || a.Answered() {
				t.Errorf("answer %+v", a)
			}
		}, []string{"Note saved.", "Flagged as a development priority.", "Cleared"}},
		{"multi-line note, then keep, then delete", lines("note", "first line", "second line", ".", "note", ".", "note", "-"), func(t *testing.T, s *assessment.Session) {
			if a := s.Answer("MINI.1.1.1"); a.Note != "" {
				t.Errorf("note %q, want deleted", a.Note)
			}
		}, []string{"Keep reflections anonymous", "You wrote:\n  first line\n  second line"}},
		{"last statement", lines("goto 5", "2", "next"), nil, []string{"That was the last statement. 4 of 5 are unanswered", "This is the last statement."}},
		{"help and support", lines("help", "support"), nil, []string{"unanswered        go to the next statement", "SHOUT to 85258", "116 123"}},
		{"summary mid-way", lines("1", "summary"), nil, []string{"Your summary", "Overall: Not yet (1.0 out of 3, 33%)"}},
		{"done declined goes back", lines("done", "no", "3"), func(t *testing.T, s *assessment.Session) {
			expectAnswer(t, s, "MINI.1.1.1", 3, "")
		}, []string{"5 of 5 statements are unanswered"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "specialist")
			res, out, err := f.run(t, tt.input+"quit\n")
			if err != nil {
				t.Fatal(err)
			}
			if !res.Quit {
				t.Errorf("result %+v, want quit", res)
			}
			if tt.check != nil {
				tt.check(t, f.sess)
			}
			for _, s := range tt.contains {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q\n%s", s, out)
				}
			}
			// What was saved last is what the session holds.
			if !jsonEqual(f.saved.Answers, nonNil(f.sess.Answers())) {
				t.Errorf("saved answers %+v differ from the session's %+v", f.saved.Answers, f.sess.Answers())
			}
		})
	}
}

func nonNil(a []assessment.Answer) []assessment.Answer {
	if a == nil {
		return []assessment.Answer{}
	}
	return a
}

func expectAnswer(t *testing.T, s *assessment.Session, code string, rating int, na string) {
	t.Helper()
	a := s.Answer(code)
	if a.Rating != rating || a.NAReason != na || a.NA != (na != "") {
		t.Errorf("%s: %+v, want rating %d, N/A %q", code, a, rating, na)
	}
}

func TestEndOfInputSavesAndQuits(t *testing.T) {
	f := newFixture(t, "everyone")
	res, out, err := f.run(t, "2\n3") // no final newline, then EOF
	if err != nil {
		t.Fatal(err)
	}
	if !res.Quit || res.Finished {
		t.Errorf("result %+v", res)
	}
	if len(f.saved.Answers) != 2 {
		t.Errorf("saved %+v", f.saved.Answers)
	}
	if !strings.Contains(out, "Saved. Continue any time with: reflect assess --resume r-0000000000000001") {
		t.Errorf("no resume hint:\n%s", out)
	}
}

func TestQuitDuringReflectionKeepsText(t *testing.T) {
	f := newFixture(t, "everyone")
	in := lines("1", "2", "3", "2", "done", "yes", "", "", "", "", "", "", "", "", "What I saw.", ".", "Half a thought")
	res, _, err := f.run(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Quit {
		t.Errorf("result %+v", res)
	}
	secs := f.saved.Reflection.Sections
	if len(secs) != 3 || secs[0].Text != "What I saw." || secs[1].Text != "Half a thought" {
		t.Errorf("sections %+v", secs)
	}
	if f.saved.Status != record.StatusInProgress {
		t.Errorf("status %q", f.saved.Status)
	}
}

func TestInterruptWhileWaiting(t *testing.T) {
	f := newFixture(t, "everyone")
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	w := &waitWriter{want: "Statement 3 of 4, your answer: ", ch: make(chan struct{})}
	opts := f.options(t, pr, w)
	opts.Context = ctx
	done := make(chan error, 1)
	go func() {
		_, err := Run(opts)
		done <- err
	}()
	pw.Write([]byte("2\n"))
	pw.Write([]byte("3\n"))
	<-w.ch // the second answer is processed: the third prompt is shown
	cancel()
	err := <-done
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if len(f.saved.Answers) != 2 {
		t.Errorf("saved answers %+v, want both", f.saved.Answers)
	}
}

func TestResumeAndGibbs(t *testing.T) {
	f := newFixture(t, "everyone")
	f.sess.Restore([]assessment.Answer{{Code: "MINI.1.1.1", Rating: 1}, {Code: "MINI.1.1.2", Rating: 1}, {Code: "MINI.2.1.1", Rating: 3}})
	f.sess.GotoCode("MINI.2.1.2")
	f.rec.Reflection = record.Reflection{Model: cpd.ModelWhatSoWhatNowWhat, Sections: []record.ReflectionSection{{Key: "what", Text: "old"}}}
	var out bytes.Buffer
	opts := f.options(t, strings.NewReader(lines("3", "done", "yes", "", "", "", "", "", "", "2", "", "Description text", ".", ".", ".", ".", ".", ".", ".", "none", "", "", "", "", "", "", "", "", "no")), &out)
	opts.Resumed = true
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Welcome back. You have answered 3 of 4. You are at item 4.") {
		t.Errorf("no welcome back:\n%s", out.String())
	}
	if res.Finished {
		t.Errorf("finished without confirming")
	}
	r := f.saved
	// The text written under the other model is kept, after Gibbs' six.
	if r.Reflection.Model != cpd.ModelGibbs || len(r.Reflection.Sections) != 7 || r.Reflection.Sections[0].Text != "Description text" || r.Reflection.Sections[6].Text != "old" {
		t.Errorf("reflection %+v", r.Reflection)
	}
	if r.Status != record.StatusInProgress || !r.Anonymisation.Checked || r.Anonymisation.Confirmed {
		t.Errorf("status %q anonymisation %+v", r.Status, r.Anonymisation)
	}
}

func TestAnonymisationFindingsShown(t *testing.T) {
	f := newFixture(t, "everyone")
	f.sess.Restore([]assessment.Answer{{Code: "MINI.1.1.1", Rating: 2, Note: "Talked it through with Mr Jones on ward 7"}})
	in := lines("done", "yes", "yes", "", "", "", "", "", "", "", "", ".", ".", ".", ".", "", "", "", "", "", "", "", "", "", "no")
	_, out, err := f.run(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "could identify someone") || !strings.Contains(out, `In note on MINI.1.1.1: "Mr Jones"`) {
		t.Errorf("findings not shown:\n%s", out)
	}
	if f.saved.Anonymisation.Findings < 1 || f.saved.Anonymisation.Confirmed {
		t.Errorf("anonymisation %+v", f.saved.Anonymisation)
	}
}

func TestParseNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  bool
	}{
		{"1 3", "[1 3]", false},
		{"3,1,3", "[1 3]", false},
		{"2-4", "[2 3 4]", false},
		{"4-2", "[2 3 4]", false},
		{"0", "", true},
		{"6", "", true},
		{"a", "", true},
		{",", "", true},
	}
	for _, tt := range tests {
		got, err := parseNumbers(tt.in, 5)
		if (err != nil) != tt.err {
			t.Errorf("%q: err %v", tt.in, err)
			continue
		}
		if err == nil && strings.ReplaceAll(strings.Trim(jsonString(got), "[]"), ",", " ") != strings.Trim(tt.want, "[]") {
			t.Errorf("%q: %v, want %s", tt.in, got, tt.want)
		}
	}
}

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestHashFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "evidence.txt")
	os.WriteFile(p, []byte("hello\n"), 0o600)
	ev, err := HashFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if ev.File != "evidence.txt" || ev.Size != 6 || ev.SHA256 != "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03" {
		t.Errorf("%+v", ev)
	}
	if _, err := HashFile(filepath.Dir(p)); err == nil {
		t.Errorf("a folder was accepted as evidence")
	}
}

// waitWriter closes ch once the output contains want.
type waitWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	ch   chan struct{}
	done bool
}

func (w *waitWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.done && strings.Contains(w.buf.String(), w.want) {
		w.done = true
		close(w.ch)
	}
	return len(p), nil
}

// firstPrompt signals when the first prompt is written.
type firstPrompt struct {
	ch   chan struct{}
	seen bool
}

func (w *firstPrompt) Write(p []byte) (int, error) {
	if !w.seen && bytes.Contains(p, []byte("your answer: ")) {
		w.seen = true
		close(w.ch)
	}
	return len(p), nil
}

// BenchmarkFirstPrompt measures from building the plan to the first
// prompt, on the largest plan there is: every shipped framework at once
// (the mini test framework when none ship). Target: under 50 ms.
func BenchmarkFirstPrompt(b *testing.B) {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil || len(set.Frameworks()) == 0 {
		set = miniSet(b)
	}
	var scopes []assessment.Scope
	for _, f := range set.Frameworks() {
		scopes = append(scopes, assessment.Scope{Framework: f.ID})
	}
	for i := 0; i < b.N; i++ {
		plan, _ := assessment.NewPlan(set, scopes)
		s, _ := assessment.NewSession(plan)
		rec := record.New("r-0000000000000001", t0, record.Tool{}, plan)
		w := &firstPrompt{ch: make(chan struct{})}
		pr, pw := io.Pipe()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			Run(Options{In: pr, Out: w, Session: s, Record: rec, Context: ctx, Now: func() time.Time { return t0 }})
			close(done)
		}()
		<-w.ch
		cancel()
		<-done
		pw.Close()
	}
}

func TestSetupChoosesScope(t *testing.T) {
	tests := []struct {
		input string
		want  assessment.Scope
	}{
		{"1\n", assessment.Scope{Framework: "mini", Profile: "everyone"}},
		{"3\n", assessment.Scope{Framework: "mini"}},
		{"9\n4\n1 3\n", assessment.Scope{Framework: "mini", Areas: []string{"MINI.1.1", "MINI.2.1"}}},
	}
	for _, tt := range tests {
		var got []assessment.Scope
		f := newFixture(t, "everyone")
		var out bytes.Buffer
		opts := f.options(t, strings.NewReader(tt.input+"quit\n"), &out)
		opts.Session, opts.Record = nil, nil
		opts.Set = f.sess.Plan.Set
		opts.Start = func(sc []assessment.Scope) (*assessment.Session, *record.Record, error) {
			got = sc
			return f.sess, f.rec, nil
		}
		if _, err := Run(opts); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !jsonEqual(got[0], tt.want) {
			t.Errorf("%q: scopes %+v, want %+v\n%s", tt.input, got, tt.want, out.String())
		}
		if !strings.Contains(out.String(), "116 123") {
			t.Errorf("no signposting before setup")
		}
	}
}

// TestHelpAtEveryPrompt types help at the first prompt of each kind: the
// framework choice (setup), a statement, a yes/no question, a line, a
// list of numbers and a text of several lines. Each says what it wants
// and asks again, without taking "help" as the answer.
func TestHelpAtEveryPrompt(t *testing.T) {
	f := newFixture(t, "everyone")
	var out bytes.Buffer
	in := lines("help", "3", // setup: the profile choice
		"help", "1", "2", "3", "2", // a statement
		"done", "help", "yes", // go on? (yes/no)
		"help", "Sam", "", "", "", "", "", // details: a line
		"help", "", // model: a number
		"help", "", // focus: numbers
		"help", "What I saw.", ".") // a section: several lines
	opts := f.options(t, strings.NewReader(in), &out)
	opts.Session, opts.Record = nil, nil
	opts.Set = f.sess.Plan.Set
	opts.Start = func([]assessment.Scope) (*assessment.Session, *record.Record, error) { return f.sess, f.rec, nil }
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"A role profile is reflect's suggestion",                         // setup
		"unanswered go to the next statement",                            // the statement's command list
		"Type yes or no, then press Enter.",                              // yes/no
		"Leave any of them empty.",                                       // details
		"The NMC reflective account asks the four questions",             // model
		"Choose any number, or none",                                     // focus
		"End the text with a line holding just a full stop (.).",         // lines
		"help shows this, support shows where to find support, and quit", // every prompt
	} {
		if !strings.Contains(strings.Join(strings.Fields(got), " "), want) {
			t.Errorf("help does not say %q", want)
		}
	}
	if f.saved.Practitioner.Name != "Sam" || f.saved.Reflection.Sections[0].Text != "What I saw." {
		t.Errorf("help was taken as an answer: %+v %+v", f.saved.Practitioner, f.saved.Reflection.Sections)
	}
	for _, noise := range []string{" > ", "›", "1/4"} {
		if strings.Contains(got, noise) {
			t.Errorf("the transcript uses %q, which a screen reader reads out", noise)
		}
	}
}

// TestDraftRestoredOnResume stops (the input ends) half-way through a
// multi-line note: each line was saved as a draft, and a resumed session
// shows it and carries on from it.
func TestDraftRestoredOnResume(t *testing.T) {
	f := newFixture(t, "everyone")
	if _, _, err := f.run(t, lines("note", "First line of a long note")); err != nil {
		t.Fatal(err)
	}
	// The input ended mid-note: what was typed became the note. A kill -9
	// gives no chance for that, so the draft must already be on disk:
	// check what was saved after the line was typed.
	g := newFixture(t, "everyone")
	pr, pw := io.Pipe()
	w := &waitWriter{want: "First line", ch: make(chan struct{})}
	opts := g.options(t, pr, io.Discard)
	opts.Save = func() error { // snapshot every save
		g.rec.Sync(g.sess, t0)
		b, _ := record.Marshal(g.rec)
		g.saved, _ = record.Decode("saved", b)
		if g.saved.Draft != nil {
			w.Write([]byte(g.saved.Draft.Text))
		}
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	opts.Context = ctx
	done := make(chan struct{})
	go func() { Run(opts); close(done) }()
	pw.Write([]byte("note\nFirst line of a long note\n"))
	<-w.ch
	draft := g.saved.Draft
	cancel()
	<-done
	pw.Close()
	if draft == nil || draft.Field != "note.MINI.1.1.1" || draft.Text != "First line of a long note" {
		t.Fatalf("the line typed was not saved as a draft: %+v", draft)
	}
	// Resume with the draft in the record: it is announced and carried on.
	h := newFixture(t, "everyone")
	h.rec.Draft = draft
	var out bytes.Buffer
	ho := h.options(t, strings.NewReader(lines("note", "second line", ".", "quit")), &out)
	ho.Resumed = true
	if _, err := Run(ho); err != nil {
		t.Fatal(err)
	}
	said := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{"You were writing the note on MINI.1.1.1 when reflect stopped", "You were writing this when reflect stopped; it was kept: First line of a long note"} {
		if !strings.Contains(said, want) {
			t.Errorf("resume does not say %q:\n%s", want, out.String())
		}
	}
	if got := h.saved.Answers[0].Note; got != "First line of a long note\nsecond line" || h.saved.Draft != nil {
		t.Errorf("note %q, draft %+v", got, h.saved.Draft)
	}
}
