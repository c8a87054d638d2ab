// Reading records back: Load with its errors (ErrNotFound, CorruptError)
// and RestoreBackup from the copy kept beside each record.

package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/vault"
)

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
	r, err := s.readRecord(s.Path(id))
	if err == nil {
		if r.ID != id {
			err = fmt.Errorf("%s: the record inside has id %q, not %q", s.Path(id), r.ID, id)
			return nil, &CorruptError{ID: id, Path: s.Path(id), Err: err}
		}
		if err := s.withJournal(id, r); err != nil {
			return nil, err
		}
		return r, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w %q in %s (run 'reflect list' to see your assessments)", ErrNotFound, id, s.dir)
	}
	if errors.Is(err, record.ErrNewerSchema) || isNotDamage(err) {
		return nil, err
	}
	ce := &CorruptError{ID: id, Path: s.Path(id), Err: err}
	if b, berr := s.readRecord(s.BackupPath(id)); berr == nil && b.ID == id {
		ce.Backup = s.BackupPath(id)
		ce.BackupUpdated = b.Updated
	}
	return nil, ce
}

// maxRecordFile bounds what is read from disk.
const maxRecordFile = record.MaxSize + 1

// isNotDamage reports errors that say nothing about the file's content
// (reflect may not read it), which must never be reported as a damaged
// record with advice to correct a hand edit.
func isNotDamage(err error) bool {
	var pe *fsutil.PermissionError
	var ve *vault.Error
	return errors.As(err, &pe) || (errors.As(err, &ve) && ve.Kind != vault.Damaged)
}

func (s *Store) readRecord(path string) (*record.Record, error) {
	data, err := s.ReadFile(path, record.MaxSize)
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
	r, err := s.readRecord(s.BackupPath(id))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("there is no backup of assessment %s", id)
		}
		if isNotDamage(err) {
			return nil, "", err
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
	if err := s.WriteFile(s.Path(id), data, false); err != nil {
		return nil, aside, err
	}
	return r, aside, nil
}
