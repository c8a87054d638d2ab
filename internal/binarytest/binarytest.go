// Package binarytest runs the built reflect binary in end-to-end tests:
// build it once (in TestMain), run it to the end with some input, or start
// it and talk to it over pipes, waiting for what it writes. Only tests
// import it.
package binarytest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Build returns a reflect binary built from cmd/reflect of the module that
// holds the current folder. The binary is built once per source tree and
// shared by every test package that asks (a go test run builds the test
// packages side by side): it lives in a folder of os.TempDir named by a
// hash of the source (every non-test file of the module, go.mod and
// go.sum, the Go version and the build settings), so a change anywhere
// gives a new binary and an unchanged tree reuses the one built before.
// The first package to ask builds it under a lock; the others wait for it.
// The binary is written under a temporary name and renamed into place, so
// nobody ever runs half of one. cleanup does nothing: the binary stays for
// the next package and the next run (older builds are removed as new ones
// are made).
func Build() (binary string, cleanup func(), err error) {
	root, err := moduleRoot()
	if err != nil {
		return "", nil, err
	}
	key, err := sourceKey(root)
	if err != nil {
		return "", nil, err
	}
	name := "reflect"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	base := filepath.Join(os.TempDir(), "reflect-test-binaries")
	dir := filepath.Join(base, key[:24])
	binary = filepath.Join(dir, name)
	cleanup = func() {}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, err
	}
	unlock, err := lockDir(filepath.Join(dir, "lock"))
	if err != nil {
		return "", nil, err
	}
	defer unlock()
	if fi, err := os.Stat(binary); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
		// In use: pruneOld goes by the folder's time.
		now := time.Now()
		os.Chtimes(dir, now, now)
		return binary, cleanup, nil
	}
	tmp := fmt.Sprintf("%s.tmp-%d", binary, os.Getpid())
	build := exec.Command("go", "build", "-o", tmp, "./cmd/reflect")
	build.Dir = root
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.Remove(tmp)
		return "", nil, fmt.Errorf("building reflect: %w", err)
	}
	if err := os.Rename(tmp, binary); err != nil {
		os.Remove(tmp)
		// Without a lock (see lockDir) another package may have put
		// its binary there first, and it may be running.
		if _, serr := os.Stat(binary); serr != nil {
			return "", nil, err
		}
	}
	pruneOld(base, dir)
	return binary, cleanup, nil
}

// sourceKey hashes what the binary is built from.
func sourceKey(root string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s/%s cgo=%s flags=%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, os.Getenv("CGO_ENABLED"), os.Getenv("GOFLAGS"))
	if p, err := exec.LookPath("go"); err == nil {
		fmt.Fprintf(h, "go=%s\n", p)
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			// Tests and their data are not part of the binary.
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, "_test.go") || !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// pruneOld removes the builds of other source trees, except keep, unused
// for an hour (a run on another tree may still be using one).
func pruneOld(base, keep string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(base, e.Name())
		if dir == keep || !e.IsDir() {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.RemoveAll(dir)
		}
	}
}

// Main is a TestMain for packages whose tests run the binary: it answers
// as the wrapper when asked (see Wrap), gets the shared binary into
// *binary (building it if no package has yet) and runs the tests.
func Main(m *testing.M, binary *string) {
	RunWrapperIfAsked()
	b, cleanup, err := Build()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*binary = b
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// SkipIfShort skips a test that -short leaves out: the browser, pty and
// kill tests, which are the slow ones.
func SkipIfShort(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("%s (-short)", what)
	}
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// Env is the environment reflect runs in: its data folder (also HOME, so
// nothing of the real user's is touched), a dumb terminal (line mode) and
// PATH. More variables may be appended.
func Env(data string, more ...string) []string {
	return append([]string{"REFLECT_DATA_DIR=" + data, "HOME=" + data, "TERM=dumb", "PATH=" + os.Getenv("PATH")}, more...)
}

// Proc is a running reflect whose output is collected.
type Proc struct {
	Cmd   *exec.Cmd
	stdin io.WriteCloser
	mu    sync.Mutex
	out   bytes.Buffer // stdout
	err   bytes.Buffer // stderr
	done  chan struct{}
}

type lockedWriter struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// Start starts cmd (made with exec.Command, Env set) with its standard
// input on a pipe. The process is killed when the test ends, if it is
// still running.
func Start(t testing.TB, cmd *exec.Cmd) *Proc {
	t.Helper()
	p := &Proc{Cmd: cmd, done: make(chan struct{})}
	p.Cmd.Stdout = lockedWriter{&p.mu, &p.out}
	p.Cmd.Stderr = lockedWriter{&p.mu, &p.err}
	var err error
	if p.stdin, err = p.Cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := p.Cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.Cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.Cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// Stderr is what the process has written to standard error so far.
func (p *Proc) Stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err.String()
}

// Stdout is what the process has written to standard output so far.
func (p *Proc) Stdout() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// Done is closed when the process has ended.
func (p *Proc) Done() <-chan struct{} { return p.done }

// WaitFor waits until standard error contains s (reflect answers within
// milliseconds; the limit only stops a broken test hanging).
func (p *Proc) WaitFor(t testing.TB, s string) {
	t.Helper()
	p.WaitUntil(t, s, func(stderr string) bool { return strings.Contains(stderr, s) })
}

// WaitForStdout waits until standard output contains s (a pseudo-terminal
// made by script(1) passes everything reflect draws to script's stdout).
func (p *Proc) WaitForStdout(t testing.TB, s string) {
	t.Helper()
	p.waitUntil(t, s, p.Stdout, func(out string) bool { return strings.Contains(out, s) })
}

// WaitUntil waits until ok(stderr) holds; what names it in failures.
func (p *Proc) WaitUntil(t testing.TB, what string, ok func(stderr string) bool) {
	t.Helper()
	p.waitUntil(t, what, p.Stderr, ok)
}

func (p *Proc) waitUntil(t testing.TB, what string, read func() string, ok func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok(read()) {
		select {
		case <-p.done:
			if ok(read()) {
				return
			}
			t.Fatalf("reflect ended before writing %q:\n%q", what, read())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("reflect did not write %q:\n%q", what, read())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Send types lines into standard input.
func (p *Proc) Send(t testing.TB, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if _, err := io.WriteString(p.stdin, l+"\n"); err != nil {
			t.Fatal(err)
		}
	}
}

// Type writes s to standard input as it is: keys, or a terminal's replies.
func (p *Proc) Type(t testing.TB, s string) {
	t.Helper()
	if _, err := io.WriteString(p.stdin, s); err != nil {
		t.Fatal(err)
	}
}

// ExitCode waits for the process to end and returns its exit code (-1
// when a signal ended it).
func (p *Proc) ExitCode(t testing.TB) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("reflect did not exit:\n%s", p.Stderr())
	}
	return p.Cmd.ProcessState.ExitCode()
}

// Run runs cmd to the end with the given standard input.
func Run(t testing.TB, cmd *exec.Cmd, stdin string) (stdout, stderr string, code int) {
	t.Helper()
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return o.String(), e.String(), cmd.ProcessState.ExitCode()
}

// Command is exec.Command(binary, args...) with env set.
func Command(binary string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	cmd.Env = env
	return cmd
}
