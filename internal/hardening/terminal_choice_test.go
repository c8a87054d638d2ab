//go:build linux || darwin

package hardening

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// TestAssessWithStandardErrorRedirected is `reflect assess 2>log` typed at a
// terminal: the questionnaire draws on standard error, so with standard
// error in a file it must not start the full screen (which drew into the
// log and left a blank terminal waiting for keys). Line mode runs, on the
// terminal the person is typing at (standard output, which carries no
// results here), and its first line says why; nothing of it goes into
// the log, and no escape sequence anywhere. The opposite, `reflect assess
// >out`, keeps the full screen.
func TestAssessWithStandardErrorRedirected(t *testing.T) {
	binarytest.SkipIfShort(t, "pty test")
	dir := t.TempDir()
	mini := root("testdata/frameworks/mini.yaml")
	log := filepath.Join(dir, "log")
	term := startOnPTY(t, dir, log, "", "assess", "--framework", mini, "--profile", "specialist")
	term.waitScreen(t, "Statement 1 of")
	term.typ(t, "quit\r")
	term.wait(t)
	screen := term.output()
	if first, _, _ := strings.Cut(strings.TrimLeft(screen, "\r\n"), "\r\n"); first != "Using line mode because standard error, where the full screen draws, is not a terminal." {
		t.Errorf("the terminal's first line is %q; want the reason for line mode", first)
	}
	if strings.Contains(screen, "\x1b[?1049h") || strings.Contains(screen, "\x1b[") {
		t.Errorf("the full screen (or an escape sequence) was drawn on the terminal:\n%q", screen)
	}
	if stderr := string(mustRead(t, log)); strings.Contains(stderr, "Statement") || strings.Contains(stderr, "\x1b") {
		t.Errorf("the questionnaire went into the log:\n%q", stderr)
	}

	// Standard output into a file: the full screen on the terminal.
	out := filepath.Join(dir, "out")
	term = startOnPTY(t, dir, "", out, "assess", "--framework", mini, "--profile", "specialist")
	term.waitScreen(t, "Press enter to begin")
	term.typ(t, "q")
	term.wait(t)
	if screen := term.output(); !strings.Contains(screen, "\x1b[?1049h") {
		t.Errorf("the full screen did not start with standard output in a file:\n%q", screen)
	}
}

// ptyProc is reflect running with its streams on a pty (or files).
type ptyProc struct {
	cmd  *exec.Cmd
	ptmx *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan error
}

// startOnPTY starts reflect with standard input, and standard error and
// output unless a file is named for them, on a new pty.
func startOnPTY(t *testing.T, data, stderrFile, stdoutFile string, args ...string) *ptyProc {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	p := &ptyProc{ptmx: ptmx, done: make(chan error, 1)}
	p.cmd = exec.Command(binary, args...)
	p.cmd.Env = []string{"REFLECT_DATA_DIR=" + data, "HOME=" + data, "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = tty, tty, tty
	for _, f := range []struct {
		name string
		to   *io.Writer
	}{{stderrFile, &p.cmd.Stderr}, {stdoutFile, &p.cmd.Stdout}} {
		if f.name != "" {
			file, err := os.OpenFile(f.name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { file.Close() })
			*f.to = file
		}
	}
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		ptmx.Close()
	})
	return p
}

func (p *ptyProc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func (p *ptyProc) typ(t *testing.T, s string) {
	t.Helper()
	if _, err := p.ptmx.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func (p *ptyProc) waitScreen(t *testing.T, s string) {
	t.Helper()
	waitFor(t, s, p.output)
}

func (p *ptyProc) waitFile(t *testing.T, path, s string) {
	t.Helper()
	waitFor(t, s, func() string { b, _ := os.ReadFile(path); return string(b) })
}

func waitFor(t *testing.T, s string, read func() string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(read(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never appeared:\n%q", s, read())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (p *ptyProc) wait(t *testing.T) {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("reflect did not finish:\n%q", p.output())
	}
}
