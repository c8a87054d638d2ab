//go:build linux || darwin

package cmdutil

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/reflect-cpd/reflect/internal/textutil"
)

// TestChooseScreen: the full screen only when standard input and standard
// error (where it draws) are terminals and TERM is not dumb; standard
// output does not matter (results go there, and may be a file).
func TestChooseScreen(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	file, err := os.Create(t.TempDir() + "/out")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var buf bytes.Buffer
	tests := []struct {
		name       string
		in         io.Reader
		out, errw  io.Writer
		term       string
		accessible bool
		full       bool
		why        string
	}{
		{"all terminals", tty, tty, tty, "xterm-256color", false, true, ""},
		{"results into a file", tty, file, tty, "xterm-256color", false, true, ""},
		{"results into a pipe", tty, w, tty, "xterm", false, true, ""},
		{"--accessible", tty, tty, tty, "xterm", true, false, ""},
		{"input from a pipe", r, tty, tty, "xterm", false, false, "standard input is not a terminal"},
		{"standard error into a file (2>log)", tty, tty, file, "xterm", false, false, "standard error, where the full screen draws, is not a terminal"},
		{"standard error into a buffer", tty, tty, &buf, "xterm", false, false, "standard error, where the full screen draws, is not a terminal"},
		{"TERM=dumb", tty, tty, tty, "dumb", false, false, "TERM is dumb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Deps{IO: &IO{In: tt.in, Out: tt.out, Err: tt.errw}, Getenv: func(k string) string {
				if k == "TERM" {
					return tt.term
				}
				return ""
			}}
			got := d.ChooseScreen(tt.accessible)
			if got.Full != tt.full || got.Why != tt.why {
				t.Errorf("ChooseScreen = %+v, want full %v, why %q", got, tt.full, tt.why)
			}
		})
	}
}

// TestExplained: line mode chosen for the person says why once, before
// the first thing it writes; asked for (or the full screen), it says
// nothing; nothing written, nothing said.
func TestExplained(t *testing.T) {
	var b bytes.Buffer
	w := Screen{Why: "TERM is dumb"}.Explained(&b)
	if b.Len() != 0 {
		t.Fatalf("wrote %q before anything was written through it", b.String())
	}
	io.WriteString(w, "Statement 1 of 4\n")
	io.WriteString(w, "1/4 > ")
	if want := "Using line mode because TERM is dumb.\nStatement 1 of 4\n1/4 > "; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	if strings.Count(b.String(), "\n") != 2 {
		t.Errorf("the reason is not one line: %q", b.String())
	}
	for _, s := range []Screen{{}, {Full: true}} {
		var b bytes.Buffer
		io.WriteString(s.Explained(&b), "x")
		if b.String() != "x" {
			t.Errorf("%+v: got %q, want only what was written", s, b.String())
		}
	}
}

// TestLinesTo: line mode's prompts go to standard error, except when it
// is not a terminal but standard input and standard output are, and
// standard output carries no results (`reflect assess 2>log`): then to the
// terminal on standard output, where the person can see them.
func TestLinesTo(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	file, err := os.Create(t.TempDir() + "/log")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	tests := []struct {
		name          string
		in            io.Reader
		out, errw     io.Writer
		outUsed       bool
		wantOut, safe bool
	}{
		{"all terminals: standard error", tty, tty, tty, false, false, true},
		{"2>log: the terminal on standard output", tty, tty, file, false, true, true},
		{"2>log with the record on standard output (--out -): standard error", tty, tty, file, true, false, false},
		{"input from a pipe: standard error", r, tty, file, false, false, false},
		{">out 2>log: standard error", tty, file, w, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Deps{IO: &IO{In: tt.in, Out: tt.out, Err: tt.errw}}
			got := d.LinesTo(tt.outUsed)
			want := tt.errw
			if tt.wantOut {
				want = tt.out
			}
			sw, isSafe := got.(*textutil.SafeWriter)
			switch {
			case tt.safe && (!isSafe || sw.Fd() != want.(*os.File).Fd()):
				t.Errorf("LinesTo = %T, want a terminal-safe writer on %v", got, want)
			case !tt.safe && got != want:
				t.Errorf("LinesTo = %v, want %v", got, want)
			}
		})
	}
}
