package tui

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// syncBuffer is a bytes.Buffer safe to read while Run writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
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
	if !strings.Contains(out.String(), savedLine) {
		t.Fatal("the resume hint was not printed")
	}
}
