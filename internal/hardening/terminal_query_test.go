//go:build linux || darwin

package hardening

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// TestNoTerminalQueryOutsideTheFullScreen runs commands that draw no full
// screen on a pseudo-terminal that never answers (nothing reads or writes
// its other end but this test, which only reads). Such a terminal is what
// a shell inside Emacs, script(1) writing to a file or some IDE terminals
// are: a command that asks the terminal something (its background colour,
// the cursor position) waits there for an answer that never comes — five
// seconds with Bubble Tea v1, whose package init asked from every command.
// Each command must write no escape sequence at all and must not wait: the
// fastest of five runs well under the second a query's timeout would cost
// (v1 waited 5 s every time). The times are logged; the 50 ms target is
// measured on a quiet machine by .ci/bench ("on a terminal that never
// answers"), not asserted here, where other tests share the CPUs.
func TestNoTerminalQueryOutsideTheFullScreen(t *testing.T) {
	binarytest.SkipIfShort(t, "pty test")
	dir := t.TempDir()
	rec := root("testdata/records/full.json")
	for _, args := range [][]string{
		{"--version"},
		{"verify", rec},
		{"frameworks", "list"},
		{"list"},
	} {
		var times []time.Duration
		for i := 0; i < 5; i++ {
			out, d := runOnSilentPTY(t, dir, args...)
			times = append(times, d)
			if i == 0 && strings.TrimSpace(out) == "" {
				t.Errorf("reflect %v wrote nothing on the terminal", args)
			}
			if j := strings.IndexByte(out, 0x1b); j >= 0 {
				t.Fatalf("reflect %v wrote an escape sequence to the terminal at byte %d (a terminal query?):\n%q", args, j, out)
			}
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("reflect %v on a silent pty: fastest %v, median %v", args, times[0], times[len(times)/2])
		if times[0] > time.Second {
			t.Errorf("reflect %v took %v at best on a terminal that never answers (waiting for a terminal query?)", args, times[0])
		}
	}
}

// runOnSilentPTY runs reflect with all three streams on a new pty (its
// controlling terminal) and returns what it wrote and how long it ran.
func runOnSilentPTY(t *testing.T, data string, args ...string) (string, time.Duration) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"REFLECT_DATA_DIR=" + data, "HOME=" + data, "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		// Ends with EIO once the child and its terminal are gone.
		io.Copy(&out, ptmx)
		close(read)
	}()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tty.Close()
		t.Fatal(err)
	}
	tty.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("reflect %v did not finish on a terminal that never answers", args)
	}
	d := time.Since(start)
	select {
	case <-read:
	case <-time.After(5 * time.Second):
	}
	return out.String(), d
}
