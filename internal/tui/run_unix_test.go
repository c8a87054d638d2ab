//go:build unix

package tui

import (
	"errors"
	"io"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// TestRunSIGTERMKeepsTyping: Bubble Tea quits quietly on SIGTERM; the
// note being typed must still be saved, and Run must say it was stopped.
func TestRunSIGTERMKeepsTyping(t *testing.T) {
	set := newSet(t, loadMini(t, "mini", "MINI"))
	hs := &harness{t: t}
	in, inW := io.Pipe()
	defer inW.Close()
	out := &syncBuffer{}
	var saved *record.Record
	done := make(chan error, 1)
	go func() {
		_, err := Run(Options{Set: set, In: in, Out: out, Width: 80, Height: 24, NoColor: true,
			Scopes: []assessment.Scope{{Framework: "mini", Profile: "everyone"}}, Start: startFunc(hs, set),
			Save: func(s *assessment.Session, r *record.Record) error { r.Sync(s, fixedNow); saved = r; return nil }})
		done <- err
	}()
	wait := func(text string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String(), text) {
			if time.Now().After(deadline) {
				t.Fatalf("%q never appeared:\n%s", text, out.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	wait("Press enter to begin")
	_, _ = inW.Write([]byte("\re"))
	wait("Note or evidence reference")
	_, _ = inW.Write([]byte("half typed"))
	wait("half typed")
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if saved == nil || len(saved.Answers) != 1 || saved.Answers[0].Note != "half typed" {
		t.Fatalf("saved %+v", saved)
	}
}
