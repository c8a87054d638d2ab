package tui

import (
	"errors"
	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/framework"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestSetupChoosesScopes(t *testing.T) {
	mini := func(t *testing.T) *harness {
		return newHarness(t, newSet(t, loadMini(t, "mini", "MINI"), loadMini(t, "minb", "MINB")), 80, 24, nil)
	}
	tests := []struct {
		name string
		keys []string
		want []assessment.Scope
	}{
		{"one framework, first profile", []string{"enter", "enter", "enter"},
			[]assessment.Scope{{Framework: "mini", Profile: "everyone"}}},
		{"two frameworks, a profile each", []string{"enter", "space", "down", "space", "enter", "enter", "down", "enter"},
			[]assessment.Scope{{Framework: "mini", Profile: "everyone"}, {Framework: "minb", Profile: "specialist"}}},
		{"areas chosen", []string{"enter", "enter", "down", "down", "enter", "down", "space", "enter"},
			[]assessment.Scope{{Framework: "mini", Areas: []string{"MINI.1.2"}}}},
		{"all areas", []string{"enter", "enter", "down", "down", "down", "enter"},
			[]assessment.Scope{{Framework: "mini"}}},
		{"esc goes back a question", []string{"enter", "enter", "esc", "space", "down", "space", "enter", "down", "enter"},
			[]assessment.Scope{{Framework: "minb", Profile: "specialist"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hs := mini(t)
			hs.keys(tc.keys...)
			if !reflect.DeepEqual(hs.scopes, tc.want) {
				t.Fatalf("scopes = %+v, want %+v\n%s", hs.scopes, tc.want, hs.view())
			}
			if _, ok := hs.m.top().(*question); !ok {
				t.Fatalf("after setup the screen is %T, want the first question", hs.m.top())
			}
		})
	}
}

func TestPreselectedScopesSkipSetup(t *testing.T) {
	want := []assessment.Scope{{Framework: "mini", Profile: "specialist"}}
	hs := newHarness(t, newSet(t, loadMini(t, "mini", "MINI")), 80, 24, func(o *Options) { o.Scopes = want })
	hs.keys("enter")
	if !reflect.DeepEqual(hs.scopes, want) {
		t.Fatalf("scopes = %+v", hs.scopes)
	}
}

func TestStartErrorEndsRun(t *testing.T) {
	hs := newHarness(t, newSet(t, loadMini(t, "mini", "MINI")), 80, 24, func(o *Options) {
		o.Start = func([]assessment.Scope) (*assessment.Session, *record.Record, error) {
			return nil, nil, errors.New("another reflect is editing this assessment")
		}
	})
	if cmd := hs.keys("enter", "enter"); !isQuit(cmd) {
		t.Fatal("a failed start should quit")
	}
	if hs.m.startErr == nil {
		t.Fatal("the start error is lost")
	}
}

func TestQuestionKeys(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		cursor int
		check  func(t *testing.T, s *assessment.Session)
	}{
		{"rating moves on", []string{"2"}, 2, func(t *testing.T, s *assessment.Session) {
			if a := s.Answer("MINI.1.1.2"); a.Rating != 2 {
				t.Errorf("answer = %+v", a)
			}
		}},
		{"out of scale is refused", []string{"7"}, 1, func(t *testing.T, s *assessment.Session) {
			if s.Answer("MINI.1.1.2").Answered() {
				t.Error("7 was accepted on a 3-point scale")
			}
		}},
		{"N/A with a reason", []string{"n", "down", "enter"}, 2, func(t *testing.T, s *assessment.Session) {
			if a := s.Answer("MINI.1.1.2"); !a.NA || a.NAReason != "not-encountered" {
				t.Errorf("answer = %+v", a)
			}
		}},
		{"N/A cancelled", []string{"n", "esc"}, 1, func(t *testing.T, s *assessment.Session) {
			if s.Answer("MINI.1.1.2").NA {
				t.Error("esc set N/A")
			}
		}},
		{"rating replaces N/A", []string{"n", "enter", "left", "3"}, 2, func(t *testing.T, s *assessment.Session) {
			if a := s.Answer("MINI.1.1.2"); a.NA || a.Rating != 3 {
				t.Errorf("answer = %+v", a)
			}
		}},
		{"flag toggles", []string{"f", "f", "f"}, 1, func(t *testing.T, s *assessment.Session) {
			if !s.Answer("MINI.1.1.2").Flag {
				t.Error("not flagged")
			}
		}},
		{"note with lines", []string{"e", "type:first line\nsecond line", "esc"}, 1, func(t *testing.T, s *assessment.Session) {
			if n := s.Answer("MINI.1.1.2").Note; n != "first line\nsecond line" {
				t.Errorf("note = %q", n)
			}
		}},
		{"back always works", []string{"left", "left", "h", "backspace"}, 0, nil},
		{"next and enter", []string{"right", "enter", "l"}, 4, nil},
		{"next unanswered", []string{"left", "1", "2", "right", "3", "u"}, 2, nil},
		{"area jump", []string{"a", "down", "down", "enter"}, 3, nil},
		{"search jump", []string{"/", "type:colleague", "enter"}, 4, nil},
		{"search with no match stays", []string{"/", "type:zzz", "enter", "esc"}, 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hs := started(t, 80, 24)
			hs.keys("right") // start on item 2 (MINI.1.1.2)
			hs.keys(tc.keys...)
			if got := hs.m.sess.Cursor; got != tc.cursor {
				t.Errorf("cursor = %d, want %d\n%s", got, tc.cursor, hs.view())
			}
			if tc.check != nil {
				tc.check(t, hs.m.sess)
			}
		})
	}
}

func TestEveryChangeIsSaved(t *testing.T) {
	hs := started(t, 80, 24)
	steps := [][]string{{"1"}, {"f"}, {"n", "enter"}, {"e", "type:x", "tab"}, {"left"}, {"u"}, {"a", "enter"}}
	for _, ks := range steps {
		before := hs.saves
		hs.keys(ks...)
		if hs.saves == before {
			t.Errorf("%v changed the session without a save", ks)
		}
	}
	if len(hs.m.rec.Answers) == 0 {
		t.Error("the record was not synced by Save")
	}
}

func TestSaveErrorIsShown(t *testing.T) {
	hs := started(t, 80, 24)
	hs.m.opts.Save = func(*assessment.Session, *record.Record) error { return errors.New("disk full") }
	hs.keys("1")
	if v := hs.view(); !strings.Contains(v, "Not saved: disk full") {
		t.Fatalf("save error not shown:\n%s", v)
	}
	hs.m.opts.Save = func(*assessment.Session, *record.Record) error { return nil }
	hs.keys("1")
	if strings.Contains(hs.view(), "Not saved") {
		t.Fatal("the error stays after a good save")
	}
}

func TestLeaving(t *testing.T) {
	t.Run("q on a question", func(t *testing.T) {
		hs := started(t, 80, 24)
		n := hs.saves
		if !isQuit(hs.keys("q")) || hs.saves == n || hs.m.finished {
			t.Fatal("q should save and quit, not finish")
		}
	})
	t.Run("ctrl+c keeps the note being typed", func(t *testing.T) {
		hs := started(t, 80, 24)
		if !isQuit(hs.keys("e", "type:half a thought", "ctrl+c")) {
			t.Fatal("ctrl+c should quit")
		}
		if n := hs.m.sess.Answer("MINI.1.1.1").Note; n != "half a thought" {
			t.Fatalf("note = %q", n)
		}
	})
	t.Run("q in a note is text", func(t *testing.T) {
		hs := started(t, 80, 24)
		if isQuit(hs.keys("e", "type:quiet?", "esc")) {
			t.Fatal("q quit while typing")
		}
		if n := hs.m.sess.Answer("MINI.1.1.1").Note; n != "quiet?" {
			t.Fatalf("note = %q", n)
		}
	})
}

func TestLastAnswerOpensSummary(t *testing.T) {
	hs := started(t, 80, 24)
	hs.keys("1", "2", "3", "2", "1")
	if _, ok := hs.m.top().(*summary); !ok {
		t.Fatalf("screen is %T, want the summary", hs.m.top())
	}
	hs.keys("b")
	if _, ok := hs.m.top().(*question); !ok {
		t.Fatalf("b leads to %T", hs.m.top())
	}
}

func TestResumeSkipsSetup(t *testing.T) {
	set := newSet(t, loadMini(t, "mini", "MINI"))
	plan, _ := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}})
	sess, _ := assessment.NewSession(plan)
	_ = sess.Rate("MINI.1.1.1", 2)
	sess.Goto(3)
	rec := record.New("r-1", fixedNow, record.Tool{}, plan)
	hs := newHarness(t, set, 80, 24, func(o *Options) { o.Session, o.Record, o.Start = sess, rec, nil })
	if v := hs.view(); !strings.Contains(v, "Welcome back. You have answered 1 of 5") || !strings.Contains(v, "116 123") {
		t.Fatalf("resume note:\n%s", v)
	}
	hs.keys("enter")
	if q, ok := hs.m.top().(*question); !ok || hs.m.sess.Cursor != 3 {
		t.Fatalf("resumed on %T at %d", q, hs.m.sess.Cursor)
	}
}

func TestASCIIFallback(t *testing.T) {
	for _, sc := range screens {
		hs := newHarness(t, newSet(t, loadMini(t, "mini", "MINI")), 80, 24, func(o *Options) { o.ASCII = true })
		if !sc.setup {
			hs.keys("enter", "down", "enter")
		}
		hs.keys(sc.keys...)
		for i, r := range hs.view() {
			if r > 126 {
				t.Errorf("%s: non-ASCII %q at %d:\n%s", sc.name, r, i, hs.view())
				break
			}
		}
	}
}

func TestResizeReflows(t *testing.T) {
	hs := started(t, 80, 24)
	hs.m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	checkFits(t, hs.view(), 40, 12)
	hs.m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if !strings.Contains(hs.view(), "Mini › Knowledge and values › Understanding distress") {
		t.Fatalf("wide view lost the breadcrumb:\n%s", hs.view())
	}
}

// A competence's title (an imported framework's short name) is shown above
// its statement, and before it in search results.
func TestQuestionShowsTitle(t *testing.T) {
	f := loadMini(t, "mini", "MINI")
	for _, c := range f.Competences() {
		c.Title = "Short name of " + c.Code
	}
	hs := newHarness(t, newSet(t, f), 100, 30, nil)
	hs.keys("enter", "enter", "enter")
	if _, ok := hs.m.top().(*question); !ok {
		t.Fatalf("screen is %T", hs.m.top())
	}
	code := hs.m.sess.Current().Code()
	view := hs.view()
	title, stmt := "Short name of "+code, f.Competence(code).Statement
	if i, j := strings.Index(view, title), strings.Index(view, stmt[:30]); i < 0 || j < 0 || i > j {
		t.Errorf("want the title %q above the statement:\n%s", title, view)
	}
	hs.keys("/", "type:"+strings.Fields(stmt)[3])
	if view := hs.view(); !strings.Contains(view, code+" "+title+" — ") {
		t.Errorf("search results do not name %s by its title:\n%s", code, view)
	}
}

// TestNoteDraftKeptAndRestored: a note being typed is kept in the record
// as a draft a moment after the last key (so kill -9 loses at most that
// moment), and a resumed session restores it into the box.
func TestNoteDraftKeptAndRestored(t *testing.T) {
	hs := started(t, 80, 24)
	hs.keys("e", "type:half a thought")
	if d := hs.m.rec.Draft; d == nil || d.Field != "note.MINI.1.1.1" || d.Text != "half a thought" {
		t.Fatalf("draft = %+v", d)
	}
	saves := hs.saves
	cmd := hs.keys("type:!")
	if cmd == nil {
		t.Fatal("typing did not schedule the draft's save")
	}
	// The save comes with the newest draft only.
	hs.m.Update(draftSaveMsg{gen: hs.m.draftGen - 1})
	if hs.saves != saves {
		t.Fatal("an older draft's timer saved")
	}
	hs.m.Update(draftSaveMsg{gen: hs.m.draftGen})
	if hs.saves != saves+1 {
		t.Fatal("the draft was not saved")
	}
	// Reflect stops here (kill -9): the record holds the draft, not a note.
	rec := hs.m.rec
	if len(hs.m.sess.Answers()) != 0 {
		t.Fatalf("the draft became a note before it was done: %+v", hs.m.sess.Answers())
	}
	again := newHarness(t, hs.m.sess.Plan.Set, 80, 24, func(o *Options) { o.Session, o.Record, o.Start = hs.m.sess, rec, nil })
	if !strings.Contains(again.view(), "You were writing the note on MINI.1.1.1 when reflect stopped") {
		t.Fatalf("resume does not mention the draft:\n%s", again.view())
	}
	again.keys("enter", "e")
	if v := again.view(); !strings.Contains(v, "half a thought!") || !strings.Contains(v, "Restored what you were typing") {
		t.Fatalf("the draft was not restored:\n%s", v)
	}
	again.keys("tab")
	if n := again.m.sess.Answer("MINI.1.1.1").Note; n != "half a thought!" || rec.Draft != nil {
		t.Fatalf("note %q, draft %+v", n, rec.Draft)
	}
}

// TestUnansweredGoesToTheNextAfterTheCurrent: u moves to the first
// unanswered item after the current one (wrapping round), whether or not
// the current one is answered.
func TestUnansweredGoesToTheNextAfterTheCurrent(t *testing.T) {
	hs := started(t, 80, 24)            // 5 items
	hs.keys("2", "right", "right", "3") // items 1 and 4 answered
	s := hs.m.sess
	s.Goto(1) // item 2, unanswered
	hs.keys("u")
	if s.Cursor != 2 {
		t.Fatalf("u from unanswered item 2 went to %d, want item 3", s.Cursor+1)
	}
	hs.keys("u")
	if s.Cursor != 4 {
		t.Fatalf("u from item 3 went to %d, want item 5 (item 4 is answered)", s.Cursor+1)
	}
	hs.keys("u")
	if s.Cursor != 1 {
		t.Fatalf("u from the last went to %d, want item 2 (round the end)", s.Cursor+1)
	}
}

// TestNarrowScreensTellThingsApart: at 40 columns, search results and area
// names are not cut to the words they all share.
func TestNarrowScreensTellThingsApart(t *testing.T) {
	hs := started(t, 40, 12)
	hs.keys("/", "type:an ability")
	v := hs.view()
	for _, want := range []string{"MINI.1.1.1 knowledge of the many forms", "MINI.1.1.2 respond to people in", "MINI.1.2.1 knowledge of when"} {
		if !strings.Contains(v, want) {
			t.Errorf("the search results lack %q:\n%s", want, v)
		}
	}
	hs = started(t, 40, 24)
	hs.keys("1", "2", "n", "enter", "3", "f", "s")
	v = hs.view()
	for _, want := range []string{"MINI.1.1 Understanding distress", "MINI.1.2 Working within the law"} {
		if !strings.Contains(v, want) {
			t.Errorf("the summary cuts the area name %q:\n%s", want, v)
		}
	}
	// A bar below target has its own shape, not only another colour.
	if !strings.Contains(v, "▒▒▒") || !strings.Contains(v, "▒ below") {
		t.Errorf("below-target bars are not marked by shape:\n%s", v)
	}
}

// TestSharedCompetenceShowsBothWordings: with two frameworks, a shared
// competence is asked once and shows the other framework's statement,
// labelled, not only its code.
func TestSharedCompetenceShowsBothWordings(t *testing.T) {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil || set.Get("adults") == nil || set.Get("cyp") == nil {
		t.Fatalf("the shipped frameworks: %v", err)
	}
	hs := newHarness(t, set, 100, 50, func(o *Options) {
		o.Scopes = []assessment.Scope{{Framework: "adults"}, {Framework: "cyp"}}
	})
	hs.keys("enter")
	s := hs.m.sess
	for i, it := range s.Plan.Items {
		if len(it.Also) == 0 || it.Also[0].Statement == it.Competence.Statement {
			continue
		}
		s.Goto(i)
		other := it.Also[0]
		want := set.Owner(other.Code).ShortTitle + " " + other.Code + " words it:"
		if v := strings.Join(strings.Fields(hs.view()), " "); !strings.Contains(v, want) || !strings.Contains(v, strings.Join(strings.Fields(other.Statement), " ")[:40]) {
			t.Fatalf("the question does not show %q with its statement:\n%s", want, hs.view())
		}
		return
	}
	t.Fatal("no shared competence worded differently")
}
