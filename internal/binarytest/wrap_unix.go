//go:build unix

package binarytest

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
)

const (
	envWrap  = "REFLECT_TEST_WRAP"
	envUmask = "REFLECT_TEST_UMASK"
	envFsize = "REFLECT_TEST_FSIZE"
)

// Limits are applied to reflect by Wrap before it starts.
type Limits struct {
	Umask *int  // the umask, e.g. 0o000
	FSize int64 // RLIMIT_FSIZE in bytes (0: unchanged): writes past it fail with EFBIG
}

// Wrap returns a command that runs binary under the limits, using the
// test binary itself as a small wrapper (TestMain must call Main or
// RunWrapperIfAsked first): it sets the umask and RLIMIT_FSIZE on itself
// and then execs reflect, so only the child is affected.
func Wrap(binary string, env []string, lim Limits, args ...string) *exec.Cmd {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	cmd := exec.Command(self, append([]string{binary}, args...)...)
	cmd.Env = append(append([]string{}, env...), envWrap+"=1")
	if lim.Umask != nil {
		cmd.Env = append(cmd.Env, fmt.Sprintf("%s=%o", envUmask, *lim.Umask))
	}
	if lim.FSize > 0 {
		cmd.Env = append(cmd.Env, fmt.Sprintf("%s=%d", envFsize, lim.FSize))
	}
	return cmd
}

// RunWrapperIfAsked turns the test process into the wrapper Wrap asks
// for: it applies the limits and replaces itself with reflect. It returns
// at once in an ordinary test run.
func RunWrapperIfAsked() {
	if os.Getenv(envWrap) != "1" {
		return
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "binarytest wrapper:", err)
		os.Exit(99)
	}
	if v := os.Getenv(envUmask); v != "" {
		m, err := strconv.ParseUint(v, 8, 32)
		if err != nil {
			fail(err)
		}
		syscall.Umask(int(m))
	}
	if v := os.Getenv(envFsize); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			fail(err)
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fail(err)
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, envWrap+"=") && !strings.HasPrefix(kv, envUmask+"=") && !strings.HasPrefix(kv, envFsize+"=") {
			env = append(env, kv)
		}
	}
	if len(os.Args) < 2 {
		fail(fmt.Errorf("no program to run"))
	}
	fail(syscall.Exec(os.Args[1], os.Args[1:], env))
}
