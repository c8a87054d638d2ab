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
//
// DATA is $REFLECT_DATA_DIR when set; otherwise $XDG_DATA_HOME/reflect or
// ~/.local/share/reflect on Linux and other Unix systems,
// ~/Library/Application Support/reflect on macOS and %LocalAppData%\reflect
// (falling back to %AppData%) on Windows.
package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
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
}

// New returns the store in the data directory root. Nothing is created
// until the first save or lock; reading an absent store lists nothing.
func New(root string) *Store {
	return &Store{Root: root, dir: filepath.Join(root, "assessments")}
}

// Dir is the folder that holds the record files.
func (s *Store) Dir() string { return s.dir }

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

var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

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
	if err := fsutil.WriteFileAtomic(s.Path(r.ID), data, fsutil.FileMode, true); err != nil {
		return fmt.Errorf("cannot save assessment %s: %w", r.ID, err)
	}
	return nil
}

// ErrNotFound is wrapped by Load and Resolve when there is no such assessment.
var ErrNotFound = errors.New("no such assessment")

// CorruptError reports a record file that does not decode. Err holds the
// problems (with file:line:col). Backup is the path of a backup that does
// decode, or "" when there is none.
type CorruptError struct {
	ID     string
	Path   string
	Err    error
	Backup string
	// BackupUpdated is when the usable backup was last saved.
	BackupUpdated time.Time
}

func (e *CorruptError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the saved assessment %s cannot be read:\n%v", e.ID, e.Err)
	if e.Backup != "" {
		fmt.Fprintf(&b, "\nA backup from %s is at %s. Nothing has been changed. To continue from the backup, run:\n  reflect assess --resume %s --from-backup",
			e.BackupUpdated.Local().Format("2 Jan 2006 15:04"), e.Backup, e.ID)
	} else {
		b.WriteString("\nThere is no usable backup. Nothing has been changed; if you edited the file by hand, correct it and try again.")
	}
	return b.String()
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Load reads and decodes an assessment. A file that does not decode is
// reported as a *CorruptError naming where the problem is and whether the
// backup can be used; nothing is changed on disk.
func (s *Store) Load(id string) (*record.Record, error) {
	if err := s.checkID(id); err != nil {
		return nil, err
	}
	r, err := readRecord(s.Path(id))
	if err == nil {
		if r.ID != id {
			err = fmt.Errorf("%s: the record inside has id %q, not %q", s.Path(id), r.ID, id)
			return nil, &CorruptError{ID: id, Path: s.Path(id), Err: err}
		}
		return r, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w %q in %s (run 'reflect list' to see your assessments)", ErrNotFound, id, s.dir)
	}
	if errors.Is(err, record.ErrNewerSchema) {
		return nil, err
	}
	ce := &CorruptError{ID: id, Path: s.Path(id), Err: err}
	if b, berr := readRecord(s.BackupPath(id)); berr == nil && b.ID == id {
		ce.Backup = s.BackupPath(id)
		ce.BackupUpdated = b.Updated
	}
	return nil, ce
}

// maxRecordFile bounds what is read from disk.
const maxRecordFile = record.MaxSize + 1

func readRecord(path string) (*record.Record, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		// A save renames a new file over the record, which would replace
		// the link and leave the file it points to behind, out of date.
		return nil, fmt.Errorf("%s is a symbolic link; reflect opens only real files in its data folder, so that saving never leaves a copy behind. Move the file itself there in place of the link.", path)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRecordFile))
	if err != nil {
		return nil, err
	}
	return record.Decode(path, data)
}

// RestoreBackup makes the backup the current record: the unreadable file is
// kept aside as ID.json.corrupt-TIMESTAMP (never deleted), then the backup
// is copied into place. It returns the restored record and where the
// unreadable file now is.
func (s *Store) RestoreBackup(id string, now time.Time) (*record.Record, string, error) {
	if err := s.checkID(id); err != nil {
		return nil, "", err
	}
	r, err := readRecord(s.BackupPath(id))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("there is no backup of assessment %s", id)
		}
		return nil, "", fmt.Errorf("the backup of assessment %s cannot be read either:\n%w", id, err)
	}
	if r.ID != id {
		return nil, "", fmt.Errorf("the backup %s holds record %q, not %q", s.BackupPath(id), r.ID, id)
	}
	aside := ""
	if _, err := os.Lstat(s.Path(id)); err == nil {
		aside = fmt.Sprintf("%s.corrupt-%s", s.Path(id), now.UTC().Format("20060102T150405Z"))
		if err := os.Rename(s.Path(id), aside); err != nil {
			return nil, "", fmt.Errorf("cannot move the unreadable record aside: %w", err)
		}
	}
	data, err := record.Marshal(r)
	if err != nil {
		return nil, aside, err
	}
	// No .bak rotation here: the backup stays as it is until the next save.
	if err := fsutil.WriteFileAtomic(s.Path(id), data, fsutil.FileMode, false); err != nil {
		return nil, aside, err
	}
	return r, aside, nil
}

// Entry describes one saved assessment for listing.
type Entry struct {
	ID         string
	Path       string
	Frameworks []string // framework ids
	Profiles   []string // profile ids ("" when areas were chosen), one per framework
	Name       string   // practitioner name, when given
	Started    time.Time
	Updated    time.Time
	Answered   int
	Total      int
	Status     string
	// Err is set when the file cannot be read; the other fields except ID
	// and Path are then empty.
	Err error
}

// Percent is how much of the assessment is answered (rated or N/A), 0–100.
func (e Entry) Percent() int {
	if e.Total == 0 {
		return 0
	}
	return e.Answered * 100 / e.Total
}

// EntryOf summarises a record.
func EntryOf(r *record.Record, path string) Entry {
	e := Entry{ID: r.ID, Path: path, Name: r.Practitioner.Name, Started: r.Created, Updated: r.Updated, Status: r.Status}
	for _, f := range r.Frameworks {
		e.Frameworks = append(e.Frameworks, f.ID)
		e.Profiles = append(e.Profiles, f.Profile)
	}
	if r.Scores != nil {
		o := r.Scores.Overall
		e.Total = o.Total
		e.Answered = o.Rated + o.NA
	} else {
		for _, a := range r.Answers {
			if a.Answered() {
				e.Answered++
			}
		}
	}
	return e
}

// List returns every saved assessment, most recently updated first. Files
// that cannot be read are listed with Err set rather than left out.
func (s *Store) List() ([]Entry, error) {
	des, err := os.ReadDir(s.dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("cannot read %s: %w", s.dir, err)
	}
	var out []Entry
	for _, de := range des {
		name := de.Name()
		id, ok := strings.CutSuffix(name, ".json")
		if !ok || !ValidID(id) || de.IsDir() {
			continue
		}
		path := filepath.Join(s.dir, name)
		r, err := readRecord(path)
		if err == nil && r.ID != id {
			// The file name is the id that commands use; a record inside
			// claiming another id (perhaps a path) is not listed as one.
			err = fmt.Errorf("%s: the record inside has id %q, not %q", path, r.ID, id)
		}
		if err != nil {
			out = append(out, Entry{ID: id, Path: path, Err: err})
			continue
		}
		out = append(out, EntryOf(r, path))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Updated.Equal(out[j].Updated) {
			return out[i].Updated.After(out[j].Updated)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Latest returns the most recently updated readable assessment.
func (s *Store) Latest() (Entry, error) {
	list, err := s.List()
	if err != nil {
		return Entry{}, err
	}
	for _, e := range list {
		if e.Err == nil {
			return e, nil
		}
	}
	if len(list) > 0 {
		// Only unreadable ones: report the newest by name through Load.
		return list[0], nil
	}
	return Entry{}, fmt.Errorf("%w: there are no saved assessments in %s yet (start one with 'reflect assess')", ErrNotFound, s.dir)
}

// Resolve turns what a person typed into an assessment id: a full id, or a
// unique prefix of one (at least 3 characters).
func (s *Store) Resolve(arg string) (string, error) {
	if ValidID(arg) {
		if _, err := os.Lstat(s.Path(arg)); err == nil {
			return arg, nil
		}
	}
	if len(arg) >= 3 && ValidID(arg) {
		list, err := s.List()
		if err != nil {
			return "", err
		}
		var matches []string
		for _, e := range list {
			if strings.HasPrefix(e.ID, arg) || strings.HasPrefix(e.ID, "r-"+arg) {
				matches = append(matches, e.ID)
			}
		}
		sort.Strings(matches)
		switch len(matches) {
		case 1:
			return matches[0], nil
		case 0:
		default:
			return "", fmt.Errorf("%q matches more than one assessment (%s); type more of the id", arg, strings.Join(matches, ", "))
		}
	}
	if err := s.checkID(arg); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%w %q in %s (run 'reflect list' to see your assessments)", ErrNotFound, arg, s.dir)
}
