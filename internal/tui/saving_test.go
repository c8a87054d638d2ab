package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/session"
	"github.com/reflect-cpd/reflect/internal/store"
)

// runCmd runs a command as Bubble Tea would and returns the messages.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func progressLine(t *testing.T, h *harness) string {
	t.Helper()
	for _, l := range strings.Split(h.view(), "\n") {
		if strings.HasPrefix(l, "Item ") {
			return l
		}
	}
	t.Fatalf("no progress line:\n%s", h.view())
	return ""
}

// TestSavedOnlyOnceAcknowledged: with Stage, a rating is shown at once
// with "saving…", and "saved" only when the wait for the write returns
// without an error; a failed write says so and never "saved".
func TestSavedOnlyOnceAcknowledged(t *testing.T) {
	var acks []chan error
	hs := newHarness(t, newSet(t, loadMini(t, "mini", "MINI")), 80, 24, func(o *Options) {
		o.Stage = func(s *assessment.Session, r *record.Record) func() error {
			ch := make(chan error, 1)
			acks = append(acks, ch)
			return func() error { return <-ch }
		}
	})
	hs.keys("enter", "down", "enter")
	if strings.Contains(progressLine(t, hs), "saved") {
		t.Errorf("saved before any change: %s", progressLine(t, hs))
	}
	cmd := hs.keys("2")
	if hs.saves != 0 {
		t.Errorf("Save was called on the keystroke path %d times", hs.saves)
	}
	if len(acks) == 0 {
		t.Fatal("the rating was not staged")
	}
	if p := progressLine(t, hs); !strings.Contains(p, "saving…") || strings.Contains(p, "saved") {
		t.Errorf("before the write is acknowledged: %s", p)
	}
	msgs := make(chan []tea.Msg, 1)
	go func() { msgs <- runCmd(cmd) }()
	select {
	case <-msgs:
		t.Fatal("the wait returned before the write was acknowledged")
	case <-time.After(20 * time.Millisecond):
	}
	for _, a := range acks {
		a <- nil
	}
	for _, m := range <-msgs {
		hs.m.Update(m)
	}
	if p := progressLine(t, hs); !strings.Contains(p, "saved") || strings.Contains(p, "saving") {
		t.Errorf("after the acknowledgement: %s", p)
	}

	// A write that fails.
	n := len(acks)
	cmd = hs.keys("3")
	for _, a := range acks[n:] {
		a <- errors.New("the disk is full")
	}
	for _, m := range runCmd(cmd) {
		hs.m.Update(m)
	}
	v := hs.view()
	if !strings.Contains(v, "Not saved: the disk is full") || strings.Contains(progressLine(t, hs), "saved") {
		t.Errorf("after a failed write:\n%s", v)
	}

	// Leaving saves synchronously, which clears the error once it works.
	hs.keys("q")
	if !hs.m.leaving || hs.m.pending() || hs.m.saveErr != nil || hs.saves != 1 {
		t.Errorf("leaving: leaving %v pending %v err %v saves %d", hs.m.leaving, hs.m.pending(), hs.m.saveErr, hs.saves)
	}
}

// TestFullScreenThroughTheJournal drives the full screen over a real
// session: each rating is in the journal (and so in what store.Load
// reads) once its wait has returned, before the record file is rewritten.
func TestFullScreenThroughTheJournal(t *testing.T) {
	st := store.New(t.TempDir())
	set := newSet(t, loadMini(t, "mini", "MINI"))
	var s *session.Session
	hs := newHarness(t, set, 80, 24, func(o *Options) {
		o.Start = func(sc []assessment.Scope) (*assessment.Session, *record.Record, error) {
			var err error
			s, err = session.Start(session.Options{Store: st, Now: func() time.Time { return fixedNow }}, set, sc, "r-00000000000000aa", record.Practitioner{})
			if err != nil {
				return nil, nil, err
			}
			return s.Sess, s.Rec, nil
		}
		o.Stage = func(*assessment.Session, *record.Record) func() error { return s.Stage() }
		o.Save = func(*assessment.Session, *record.Record) error { return s.Save() }
	})
	hs.keys("enter", "down", "enter")
	for _, k := range []string{"3", "2", "n"} {
		for _, m := range runCmd(hs.keys(k)) {
			hs.m.Update(m)
		}
	}
	for _, m := range runCmd(hs.keys("enter")) { // the N/A reason
		hs.m.Update(m)
	}
	r, err := st.Load("r-00000000000000aa")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range r.Answers {
		got = append(got, a.Code)
	}
	if strings.Join(got, " ") != "MINI.1.1.1 MINI.1.1.2 MINI.1.2.1" {
		t.Errorf("acknowledged answers in the store: %v", got)
	}
	if !strings.Contains(progressLine(t, hs), "saved") {
		t.Errorf("progress: %s", progressLine(t, hs))
	}
	// A rating whose wait never ran, then leaving: it is durable when
	// the screen has gone.
	hs.keys("1", "q")
	if !hs.m.leaving || hs.m.saveErr != nil {
		t.Fatalf("leaving: %v %v", hs.m.leaving, hs.m.saveErr)
	}
	if r, err = st.Load("r-00000000000000aa"); err != nil || len(r.Answers) != 4 {
		t.Errorf("after leaving: %v %+v", err, r.Answers)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
