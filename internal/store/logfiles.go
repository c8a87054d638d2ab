// The CPD log's files, kept beside the assessments with the same care:
// private folders and files, atomic saves with the previous copy kept, and
// a lock so that two reflect processes never write the log at once. Every
// read and write of the log goes through these functions, so a change to
// how files are kept (encryption at rest) is made here once.
//
//	DATA/log/cpd-log.jsonl       the log, one entry a line
//	DATA/log/cpd-log.jsonl.bak   the copy before the last save
//	DATA/log/cpd-log.lock        held while the log is being changed
//	DATA/log/draft-KIND.json     an entry being typed, until it is saved

package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// LogFile is the name of the CPD log inside LogDir.
const LogFile = "cpd-log.jsonl"

// MaxLogFile bounds what is read of one log file.
const MaxLogFile = 64 << 20

var logNameRE = lazy.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// LogDir is the folder of the CPD log.
func (s *Store) LogDir() string { return filepath.Join(s.Root, "log") }

// LogPath is the path of a file in the log folder.
func (s *Store) LogPath(name string) string { return filepath.Join(s.LogDir(), name) }

func checkLogName(name string) error {
	if !logNameRE.MatchString(name) {
		return fmt.Errorf("%q cannot name a file in the log folder", name)
	}
	return nil
}

func (s *Store) ensureLog() error {
	if err := fsutil.MkdirPrivate(s.Root); err != nil {
		return fmt.Errorf("cannot use the data folder %s: %w", s.Root, fsutil.Explain(err))
	}
	if err := fsutil.MkdirPrivate(s.LogDir()); err != nil {
		return fmt.Errorf("cannot use the folder %s: %w", s.LogDir(), fsutil.Explain(err))
	}
	return nil
}

// ReadLogFile reads a file of the log folder. A missing file gives an
// error that wraps fs.ErrNotExist; a symbolic link or anything but a
// regular file is refused, as for records.
func (s *Store) ReadLogFile(name string) ([]byte, error) {
	if err := checkLogName(name); err != nil {
		return nil, err
	}
	data, err := s.ReadFile(s.LogPath(name), MaxLogFile)
	var ve *vault.Error
	if errors.As(err, &ve) && ve.Kind == vault.TooLarge || err == nil && len(data) > MaxLogFile {
		return nil, fmt.Errorf("%s is larger than the %d MiB reflect reads; check that it is the log reflect wrote", s.LogPath(name), MaxLogFile>>20)
	}
	return data, err
}

// WriteLogFile writes a file of the log folder atomically, mode 0600,
// keeping the previous copy as NAME.bak when backup is true.
func (s *Store) WriteLogFile(name string, data []byte, backup bool) error {
	if err := checkLogName(name); err != nil {
		return err
	}
	if err := s.ensureLog(); err != nil {
		return err
	}
	if err := s.WriteFile(s.LogPath(name), data, backup); err != nil {
		return fmt.Errorf("cannot save %s: %w", s.LogPath(name), err)
	}
	return nil
}

// RemoveLogFile removes a file of the log folder; a missing file is not an error.
func (s *Store) RemoveLogFile(name string) error {
	if err := checkLogName(name); err != nil {
		return err
	}
	err := os.Remove(s.LogPath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// LockLog takes the CPD log's lock without waiting; another process
// holding it gives a *BusyError.
func (s *Store) LockLog() (*Lock, error) {
	if err := s.ensureLog(); err != nil {
		return nil, err
	}
	return lockAt(s.LogPath("cpd-log.lock"), func(pid int) error {
		return &BusyError{ID: "cpd-log", PID: pid, What: "your CPD log"}
	})
}
