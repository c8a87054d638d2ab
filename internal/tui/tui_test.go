package tui

import (
	"errors"
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
