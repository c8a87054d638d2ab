package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// The child side of TestLockRefusesAnotherProcess: when the test binary is
// run with this variable set to DIR, it tries to lock the assessment there
// and says what happened.
const lockChildEnv = "REFLECT_STORE_LOCK_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(lockChildEnv); dir != "" {
		l, err := New(dir).Lock("r-0000000000000001")
		var busy *BusyError
		switch {
		case err == nil:
			l.Release()
			fmt.Println("locked")
		case errors.As(err, &busy):
			fmt.Printf("busy %d\n", busy.PID)
		default:
			fmt.Printf("error %v\n", err)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestLockRefusesAnotherProcess: while this process holds an assessment's
// lock, another process is refused and told who holds it (flock on Unix,
// LockFileEx on Windows); once it is released, the other process gets it.
func TestLockRefusesAnotherProcess(t *testing.T) {
	if !exclusiveLocks {
		t.Skip("no operating-system lock here")
	}
	dir := t.TempDir()
	child := func() string {
		t.Helper()
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(self, "-test.run=^$")
		cmd.Env = append(os.Environ(), lockChildEnv+"="+dir)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	l, err := New(dir).Lock("r-0000000000000001")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := child(), "busy "+strconv.Itoa(os.Getpid()); got != want {
		t.Errorf("with the lock held, the other process got %q, want %q", got, want)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if got := child(); got != "locked" {
		t.Errorf("after release, the other process got %q, want locked", got)
	}
}
