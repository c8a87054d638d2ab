// Package store keeps a person's assessments in their data directory:
// one record file per assessment, written atomically with the previous good
// copy kept beside it, a lock so that two reflect processes never edit the
// same assessment, and listing, loading and resuming.
//
// Layout (the folder and everything in it private to the user):
//
//	DATA/assessments/ID.json       the record
//	DATA/assessments/ID.json.bak   the copy before the last save
//	DATA/assessments/ID.lock       held while an assessment is open
//	DATA/assessments/ID.journal    changes not yet in the record (journal.go)
//
// DATA is $REFLECT_DATA_DIR when set; otherwise $XDG_DATA_HOME/reflect or
// ~/.local/share/reflect on Linux and other Unix systems,
// ~/Library/Application Support/reflect on macOS and %LocalAppData%\reflect
// (falling back to %AppData%) on Windows.
package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// EnvDataDir overrides the data directory (used by tests and by people who
// keep their records somewhere else, such as an encrypted volume).
const EnvDataDir = "REFLECT_DATA_DIR"

// DataDir returns the folder reflect keeps its data in, following the
// platform's conventions. getenv is os.Getenv in production.
func DataDir(getenv func(string) string) (string, error) {
	return dataDir(getenv, runtime.GOOS)
}

func dataDir(getenv func(string) string, goos string) (string, error) {
	if d := getenv(EnvDataDir); d != "" {
		return filepath.Abs(d)
	}
	home := getenv("HOME")
	switch goos {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "reflect"), nil
		}
		if d := getenv("AppData"); d != "" {
			return filepath.Join(d, "reflect"), nil
		}
		return "", errors.New("cannot find your data folder: %LocalAppData% is not set; set " + EnvDataDir + " to a folder of your choice")
	case "darwin", "ios":
		if home == "" {
			return "", errors.New("cannot find your home folder: $HOME is not set; set " + EnvDataDir + " to a folder of your choice")
		}
		return filepath.Join(home, "Library", "Application Support", "reflect"), nil
	case "plan9":
		if home = getenv("home"); home == "" {
			return "", errors.New("cannot find your home folder; set " + EnvDataDir)
		}
		return filepath.Join(home, "lib", "reflect"), nil
	}
	// The XDG Base Directory specification says a relative
	// $XDG_DATA_HOME is invalid and must be ignored.
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "reflect"), nil
	}
	if home == "" {
		return "", errors.New("cannot find your home folder: $HOME is not set; set " + EnvDataDir + " or XDG_DATA_HOME to a folder of your choice")
	}
	return filepath.Join(home, ".local", "share", "reflect"), nil
}

// Store is the assessments folder inside a data directory.
type Store struct {
	Root string // the data directory
	dir  string // Root/assessments
	// Frameworks, when set, are used by List to work each assessment's
	// figures out again from its answers (record.Recompute) rather than
	// take the stored ones.
	Frameworks *framework.Set
	// Keys open the files of an encrypted folder (and any encrypted file
	// read through the store); nil means they cannot be opened, which
	// reads report as a vault.Error. Writes need no keys: they encrypt to
	// the folder's recipients (see seal.go).
	Keys vault.Keys
}

// New returns the store in the data directory root. Nothing is created
// until the first save or lock; reading an absent store lists nothing.
func New(root string) *Store {
	return &Store{Root: root, dir: filepath.Join(root, "assessments")}
}

// Dir is the folder that holds the record files.
func (s *Store) Dir() string { return s.dir }

// Warnings says which of the data folder and its folders other people on
// this computer can open, each with the command that makes it private.
// reflect does not change the permissions of a folder it did not make (a
// folder chosen with REFLECT_DATA_DIR may be shared on purpose); commands
// show these warnings instead.
func (s *Store) Warnings() []string {
	var out []string
	for _, d := range []struct{ dir, what string }{{s.Root, "your data folder"}, {s.dir, "the assessments folder"}, {s.LogDir(), "the CPD log folder"}} {
		if w := fsutil.Exposed(d.dir, d.what); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// ensure creates the data directory and the assessments folder, private.
func (s *Store) ensure() error {
	if err := fsutil.MkdirPrivate(s.Root); err != nil {
		return fmt.Errorf("cannot use the data folder %s: %w", s.Root, fsutil.Explain(err))
	}
	if err := fsutil.MkdirPrivate(s.dir); err != nil {
		return fmt.Errorf("cannot use the folder %s: %w", s.dir, fsutil.Explain(err))
	}
	return nil
}

var idRE = lazy.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// ValidID reports whether id can name a record file: letters, digits,
// hyphens and underscores, starting with a letter or digit. It keeps ids
// from reaching outside the store ("../x").
func ValidID(id string) bool { return idRE.MatchString(id) }

func (s *Store) checkID(id string) error {
	if !ValidID(id) {
		return fmt.Errorf("%q is not an assessment id (ids look like r-0123456789abcdef; run 'reflect list' to see yours)", id)
	}
	return nil
}

// Path returns the record file of an assessment.
func (s *Store) Path(id string) string { return filepath.Join(s.dir, id+".json") }

// BackupPath returns the file holding the copy before the last save.
func (s *Store) BackupPath(id string) string { return s.Path(id) + ".bak" }

func (s *Store) lockPath(id string) string { return filepath.Join(s.dir, id+".lock") }

// Save writes the record atomically (temporary file, fsync, rename, fsync
// the folder) with mode 0600, keeping the previous copy as ID.json.bak.
// The record now holds everything its journal held (it was loaded with
// it), so the journal is removed.
func (s *Store) Save(r *record.Record) error {
	if err := s.checkID(r.ID); err != nil {
		return err
	}
	data, err := record.Marshal(r)
	if err != nil {
		return fmt.Errorf("cannot encode record %s: %w", r.ID, err)
	}
	if err := s.ensure(); err != nil {
		return err
	}
	if err := s.WriteFile(s.Path(r.ID), data, true); err != nil {
		return fmt.Errorf("cannot save assessment %s: %w", r.ID, err)
	}
	return s.removeJournal(r.ID)
}
