//go:build linux

package hardening

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestFullScreenReviewCannotBeDrivenByTheRecord opens the full-screen
// review of a record whose practitioner name holds terminal control
// sequences, on a real terminal (a pty made by script(1)), then leaves it
// with Ctrl+C. The screen shows the name with U+FFFD where each control
// character was; the raw bytes sent to the terminal never hold the name's
// own sequences (the title change, the screen clear, the C1 CSI).
func TestFullScreenReviewCannotBeDrivenByTheRecord(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script (util-linux) is not installed to make a terminal")
	}
	full := string(mustRead(t, root("testdata/records/full.json")))
	evil := strings.Replace(full, `"name": "Siân Ó Briain"`, `"name": "Si\u001b[2J\u001b]0;pwned\u0007\u009b31mX"`, 1)
	dir := t.TempDir()
	rec := filepath.Join(dir, "evil.json")
	if err := os.WriteFile(rec, []byte(evil), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(script, "-qec", shellQuote([]string{binary, "review", rec, "-o", filepath.Join(dir, "out.json")}), "/dev/null")
	cmd.Env = []string{"REFLECT_DATA_DIR=" + dir, "HOME=" + dir, "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// No terminal emulator answers here: reply to the colour and cursor
	// queries the first frame waits for, as a terminal would, then press
	// Ctrl+C once the review is on the screen.
	replied := false
	deadline := time.After(60 * time.Second)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	pressed := false
	for {
		select {
		case <-done:
			_ = in.Close()
			raw := out.String()
			if !strings.Contains(raw, "Si\uFFFD[2J\uFFFD]0;pwned\uFFFD\uFFFD31mX") {
				t.Errorf("the review never showed the name made harmless:\n%q", raw)
			}
			for _, bad := range []string{"\x1b]0;pwned", "Si\x1b[2J", "\u009b31m", "\x07"} {
				if strings.Contains(raw, bad) {
					t.Errorf("the name's own sequence %q reached the terminal:\n%q", bad, raw)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
				t.Errorf("leaving the review wrote a review file")
			}
			return
		case <-tick.C:
			seen := out.String()
			if !replied && strings.Contains(seen, "\x1b[6n") {
				_, _ = io.WriteString(in, "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[1;1R")
				replied = true
			}
			if strings.Contains(seen, "Review: Si") {
				_, _ = io.WriteString(in, "\x03")
				pressed = true
			}
		case <-deadline:
			_ = cmd.Process.Kill()
			t.Fatalf("the review did not end (Ctrl+C pressed: %v); the terminal got:\n%q", pressed, out.String())
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the writer goroutine of exec and
// the reading test.
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
