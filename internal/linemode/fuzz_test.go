package linemode

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
)

// FuzzInput types arbitrary text into the line-mode questionnaire (the
// commands, the reflection, the plan, the activity and the anonymisation
// check) on the small test framework. It must never panic, must stop when
// the input ends, and every record it saves must decode again.
func FuzzInput(f *testing.F) {
	f.Add(fullSession)
	f.Add(lines("3", "n", "n 9", "note", "a", ".", "note -", "goto MINI.2.1.1", "goto 99", "area 0", "search", "search ask", "back", "clear", "summary", "done", "yes", "gibbs"))
	f.Add(lines("done", "yes", "", "1 2 3 99", "-", ".", "x", "0", "9999-99-99", "quit"))
	f.Add("\x00\xff\xfe\r\n\r\n3\r\nflag\r\n")
	f.Add(strings.Repeat("next\n", 20) + "unanswered\nareas\narea 2\nhelp\nscale\nshow\nsupport\nsave\n")
	f.Fuzz(func(t *testing.T, input string) {
		fx := newFixture(t, "specialist")
		var out bytes.Buffer
		opts := fx.options(t, strings.NewReader(input), &out)
		inner := opts.Save
		opts.Save = func() error {
			if err := inner(); err != nil {
				t.Fatalf("a save failed: %v", err)
			}
			b, err := record.Marshal(fx.rec)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := record.Decode("saved.json", b); err != nil {
				t.Fatalf("a saved record does not decode: %v", err)
			}
			return nil
		}
		done := make(chan error, 1)
		go func() { _, err := Run(opts); done <- err }()
		select {
		case err := <-done:
			if err != nil && err != ErrInterrupted && err.Error() == "" {
				t.Fatal("empty error")
			}
		case <-time.After(30 * time.Second):
			// Go's fuzzer has no per-input time limit; without this a
			// loop that never ends the input would stall it silently.
			t.Fatalf("line mode did not stop after the input ended (input %q)", input)
		}
	})
}
