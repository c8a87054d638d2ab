package fsutil

import (
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Temporary files.
//
// Every write goes through a hidden temporary file beside its target,
// ".NAME.tmp-PID-RANDOM", which is renamed (or linked) into place. Three
// things keep such a file from outliving the write that made it, since it
// holds the complete content (a whole export of a reflection) under a name
// nobody expects:
//
//   - every return from the write removes it;
//   - an interrupt, hang-up or termination signal that arrives while the
//     write is in flight removes it before the write can put it in place,
//     and the write then fails with ErrInterrupted (the command exits as
//     interrupted);
//   - a process killed outright (SIGKILL, power loss) cannot clean up, so
//     the next write to the same target first removes the temporary files
//     of that name whose process is no longer running. The process id in
//     the name is what tells a stale file from one being written right now
//     by another reflect.

// ErrInterrupted is returned by a write that a signal stopped before the
// file was put in place; nothing was written and no temporary file is left.
var ErrInterrupted = interruptedError{}

type interruptedError struct{}

func (interruptedError) Error() string {
	return "stopped by a signal before the file was written; nothing was written and no temporary copy was left"
}

// tempPrefix is the start of the temporary files for target base.
func tempPrefix(base string) string { return "." + base + ".tmp-" }

// createTemp makes the temporary file for name, after removing stale ones
// for the same name.
func createTemp(name string) (*os.File, error) {
	dir, base := filepath.Dir(name), filepath.Base(name)
	RemoveStaleTemps(name)
	return os.CreateTemp(dir, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-*")
}

// oldTempAge is how old a temporary file in the format without a process
// id (written by reflect before this one) must be to count as stale: no
// write takes that long.
const oldTempAge = time.Hour

// RemoveStaleTemps removes the temporary files that writes of name left
// when their process was killed before it could remove them. A temporary
// file of a process that is still running is left alone. It returns the
// files removed.
func RemoveStaleTemps(name string) []string {
	dir, base := filepath.Dir(name), filepath.Base(name)
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	prefix := tempPrefix(base)
	var removed []string
	for _, de := range des {
		rest, ok := strings.CutPrefix(de.Name(), prefix)
		if !ok || de.IsDir() {
			continue
		}
		p := filepath.Join(dir, de.Name())
		if !staleTemp(p, rest) {
			continue
		}
		if os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}

func staleTemp(path, rest string) bool {
	pidText, _, hasPID := strings.Cut(rest, "-")
	if pid, err := strconv.Atoi(pidText); hasPID && err == nil && pid > 0 {
		return pid != os.Getpid() && !processRunning(pid)
	}
	fi, err := os.Lstat(path)
	return err == nil && time.Since(fi.ModTime()) > oldTempAge
}

// guard removes a temporary file if a signal arrives before the write has
// put it in place. place is called with the guard held, so the signal
// either comes first (the file is removed and place is not called) or
// after (the file is in place and nothing is removed).
type guard struct {
	mu          sync.Mutex
	tmp         string
	done        bool
	interrupted bool
	sig         os.Signal // the signal that came, if any
	ch          chan os.Signal
	stopped     chan struct{}
}

// stopSignals are the signals that end a command: Ctrl+C, a closed
// terminal, kill's default.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

func newGuard() *guard {
	g := &guard{ch: make(chan os.Signal, 1), stopped: make(chan struct{})}
	signal.Notify(g.ch, stopSignals...)
	go func() {
		defer close(g.stopped)
		for sig := range g.ch {
			g.mu.Lock()
			if g.sig == nil {
				g.sig = sig
			}
			if !g.done {
				g.interrupted = true
				if g.tmp != "" {
					os.Remove(g.tmp)
				}
			}
			g.mu.Unlock()
		}
	}()
	return g
}

// watch names the temporary file to remove on a signal; false when a
// signal has already come (the caller removes the file and stops).
func (g *guard) watch(tmp string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.tmp = tmp
	return !g.interrupted
}

// place runs put (the rename or link) unless a signal came first.
func (g *guard) place(put func() error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.interrupted {
		return ErrInterrupted
	}
	g.done = true
	return put()
}

// stop ends the guard. A signal that arrived during the write (and
// removed the temporary file, if it came before the file was in place) is
// then sent again, so that it does what it would have done: end the
// command, or reach the command's own handler.
func (g *guard) stop() {
	signal.Stop(g.ch)
	close(g.ch)
	<-g.stopped
	if g.sig != nil {
		reraise(g.sig)
	}
}
