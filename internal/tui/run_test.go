package tui

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// syncBuffer is the terminal Run draws on, safe to read while Run writes:
// it keeps the bytes and feeds them to a terminal emulator, so that String
// is what the screen shows now (Bubble Tea v2 redraws only the cells that
// change, so the bytes alone do not hold each frame's text).
type syncBuffer struct {
	mu   sync.Mutex
	b    bytes.Buffer
	term *vt.Emulator
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.term == nil {
		s.term = vt.NewEmulator(80, 24)
		// The emulator answers queries on its input side; nobody reads
		// them here, so drain them.
		go io.Copy(io.Discard, s.term)
	}
	// A terminal's line discipline turns \n into \r\n (ONLCR), which
	// Bubble Tea counts on when its input is not a terminal.
	s.term.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n")))
	return s.b.Write(p)
}

// String is the text on the screen now.
func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.term == nil {
		return ""
	}
	return s.term.String()
}

// Raw is every byte written so far.
func (s *syncBuffer) Raw() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunSmoke drives the real program through pipes: choose a profile,
// answer two items, leave with q. It waits on screen content, not on time.
func TestRunSmoke(t *testing.T) {
	set := newSet(t, loadMini(t, "mini", "MINI"))
	hs := &harness{t: t}
	in, inW := io.Pipe()
	out := &syncBuffer{}
	var saved *record.Record
	type result struct {
		res Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := Run(Options{Set: set, In: in, Out: out, Width: 80, Height: 24, NoColor: true,
			Start: startFunc(hs, set),
			Save: func(s *assessment.Session, r *record.Record) error {
				r.Sync(s, fixedNow)
				saved = r
				return nil
			}})
		done <- result{res, err}
	}()
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String(), text) {
			if time.Now().After(deadline) {
				t.Fatalf("%q never appeared; screen so far:\n%s", text, out.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	send := func(s string) {
		if _, err := inW.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor("Press enter to begin")
	send("\r")
	waitFor("Role profile")
	send("\r")
	waitFor("Item 1 of 4")
	send("2")
	waitFor("Item 2 of 4")
	send("3")
	waitFor("Item 3 of 4")
	send("q")
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if !r.res.Quit || r.res.Finished || r.res.Record == nil {
		t.Fatalf("result = %+v", r.res)
	}
	if saved == nil || len(saved.Answers) != 2 || saved.Answers[0].Rating != 2 || saved.Answers[1].Rating != 3 {
		t.Fatalf("saved answers = %+v", saved)
	}
	if !strings.Contains(out.Raw(), savedLine) {
		t.Fatal("the resume hint was not printed")
	}
}

// TestCtrlCSavesAndIsAnInterrupt: ctrl+c (in a note being typed) saves
// the note and ends Run with ErrInterrupted, which reflect assess turns
// into exit status 130, as a signal.
func TestCtrlCSavesAndIsAnInterrupt(t *testing.T) {
	set := newSet(t, loadMini(t, "mini", "MINI"))
	hs := &harness{t: t}
	in, inW := io.Pipe()
	out := &syncBuffer{}
	var saved *record.Record
	done := make(chan error, 1)
	go func() {
		_, err := Run(Options{Set: set, In: in, Out: out, Width: 80, Height: 24, NoColor: true,
			Start: startFunc(hs, set),
			Save: func(s *assessment.Session, r *record.Record) error {
				r.Sync(s, fixedNow)
				saved = r
				return nil
			}})
		done <- err
	}()
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String(), text) {
			if time.Now().After(deadline) {
				t.Fatalf("%q never appeared; screen so far:\n%s", text, out.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	inW.Write([]byte("\r"))
	waitFor("Role profile")
	inW.Write([]byte("\r"))
	waitFor("Item 1 of 4")
	inW.Write([]byte("e"))
	waitFor("Note or evidence reference")
	inW.Write([]byte("half a thought"))
	waitFor("half a thought")
	inW.Write([]byte{0x03}) // ctrl+c
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("ctrl+c: err = %v, want ErrInterrupted", err)
	}
	if saved == nil || len(saved.Answers) != 1 || saved.Answers[0].Note != "half a thought" {
		t.Fatalf("the note being typed was not saved: %+v", saved)
	}
	// As q does, it says it is saved and how to come back.
	if o := out.String(); !strings.HasSuffix(strings.TrimRight(o, "\r\n"), savedLine) {
		t.Errorf("ctrl+c did not end with %q:\n%q", savedLine, o[max(0, len(o)-300):])
	}
}
