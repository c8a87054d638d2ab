package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/fsutil"
)

// BusyError reports that another reflect process has the assessment (or,
// with What set, another file such as the CPD log) open.
type BusyError struct {
	ID   string
	PID  int    // 0 when unknown
	What string // what is open, for people; "" means "assessment ID"
}

func (e *BusyError) Error() string {
	who := "another reflect"
	if e.PID > 0 {
		who = fmt.Sprintf("another reflect (pid %d)", e.PID)
	}
	what := e.What
	if what == "" {
		what = "assessment " + e.ID
	}
	return fmt.Sprintf("%s is open in %s; finish or close it there first, so that neither copy overwrites the other", what, who)
}

// Lock is held while an assessment is open for editing.
type Lock struct {
	f    *os.File
	path string
}

// Lock takes the assessment's lock without waiting. When another process
// holds it, the error is a *BusyError naming that process. The lock is
// released by Release or when the process ends, however it ends (the
// operating system drops it), so a crash never leaves an assessment stuck.
func (s *Store) Lock(id string) (*Lock, error) {
	if err := s.checkID(id); err != nil {
		return nil, err
	}
	if err := s.ensure(); err != nil {
		return nil, err
	}
	l, err := lockAt(s.lockPath(id), func(pid int) error { return &BusyError{ID: id, PID: pid} })
	if err != nil {
		return nil, err
	}
	s.removeStaleTemps(id)
	return l, nil
}

// lockAt takes the lock file at path without waiting; busy makes the error
// when another process holds it.
func lockAt(path string, busy func(pid int) error) (*Lock, error) {
	// noFollow: a link planted at the lock's name must not make reflect
	// truncate and write to the file it points to.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o600)
	if err != nil {
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("the lock file %s is a symbolic link, which reflect does not follow; remove the link (no reflect is using it) and try again", path)
		}
		return nil, fmt.Errorf("cannot open the lock file %s: %w", path, fsutil.Explain(err))
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, busy(readPID(path))
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	// Record who holds it, for the message another process shows.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f, path: path}, nil
}

// Release gives the lock up. The lock file stays: removing it would let a
// process that opened it a moment earlier lock a file nobody else sees.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

func readPID(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

var errLocked = errors.New("locked by another process")

// removeStaleTemps removes temporary files that a save of this assessment
// left when its process was killed mid-write (SIGKILL, power loss). Only
// the lock holder writes them, so any that exist now are stale. They are
// hidden and never read as records; this only tidies up.
func (s *Store) removeStaleTemps(id string) {
	if !exclusiveLocks {
		return // another process may be saving this assessment right now
	}
	matches, _ := filepath.Glob(filepath.Join(s.dir, "."+id+".json*.tmp-*"))
	for _, m := range matches {
		_ = os.Remove(m)
	}
}
