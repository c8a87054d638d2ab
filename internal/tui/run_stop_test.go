package tui

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// TestRunStoppedFromOutside stops a run while a note is being typed, by
// cancelling the context and (on Unix) by SIGTERM, on which Bubble Tea
// quits quietly: the note must be saved and Run must say it was stopped.
func TestRunStoppedFromOutside(t *testing.T) {
	stops := map[string]func(cancel context.CancelFunc) error{
		"context": func(cancel context.CancelFunc) error { cancel(); return nil },
		"SIGTERM": sigterm,
	}
	for name, stop := range stops {
		t.Run(name, func(t *testing.T) {
			if name == "SIGTERM" && sigterm == nil {
				t.Skip("no SIGTERM here")
			}
			runAndStop(t, stop)
		})
	}
}

func runAndStop(t *testing.T, stop func(context.CancelFunc) error) {
	set := newSet(t, loadMini(t, "mini", "MINI"))
	hs := &harness{t: t}
	in, inW := io.Pipe()
	defer inW.Close()
	out := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var saved *record.Record
	done := make(chan error, 1)
	go func() {
		_, err := Run(Options{Set: set, In: in, Out: out, Width: 80, Height: 24, NoColor: true, Context: ctx,
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
	if err := stop(cancel); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if saved == nil || len(saved.Answers) != 1 || saved.Answers[0].Note != "half typed" {
		t.Fatalf("saved %+v", saved)
	}
}
