// The session journal: changes to an open assessment, a line each, kept
// beside its record until the record is next rewritten.
//
//	DATA/assessments/ID.journal   changes since the record was last written
//
// Each line is one Change (JSON), stored through SealLine so that it is
// encrypted when the folder is. A change holds values, never differences
// ("this answer is now …", "the reflection is now …"), so replaying a
// journal over a record that already holds some of its changes gives the
// same record: a crash between rewriting the record and removing the
// journal is harmless. Save removes the journal once the record it wrote
// is in place, and Load and List apply a journal they find (a process
// that was killed leaves one), so every reader sees what was acknowledged.

package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// JournalSuffix ends a journal's file name.
const JournalSuffix = ".journal"

// JournalPath is the journal of an assessment.
func (s *Store) JournalPath(id string) string { return filepath.Join(s.dir, id+JournalSuffix) }

// maxJournal bounds what is read of a journal (the record is rewritten
// long before a journal gets near it).
const maxJournal = 64 << 20

// Change is one line of a journal: what a record now holds, by value.
type Change struct {
	// Record is the id of the record the change belongs to.
	Record string `json:"record"`
	// Seq numbers the changes of one process from 1.
	Seq int64     `json:"seq"`
	At  time.Time `json:"at"`
	// Answers are whole answers; one with nothing in it (a code alone)
	// is an answer cleared.
	Answers []assessment.Answer `json:"answers,omitempty"`
	// Position is the competence to resume at, when it moved.
	Position *string `json:"position,omitempty"`
	// Set holds parts of the record, each whole, by their JSON names
	// (JournalParts).
	Set map[string]json.RawMessage `json:"set,omitempty"`
}

// Empty reports whether the change changes nothing.
func (c *Change) Empty() bool { return len(c.Answers) == 0 && c.Position == nil && len(c.Set) == 0 }

// JournalPart is a part of the record that a change can carry whole.
type JournalPart struct {
	Name string
	Get  func(*record.Record) ([]byte, error)
	Put  func(*record.Record, []byte) error
}

func part[T any](name string, at func(*record.Record) *T) JournalPart {
	return JournalPart{Name: name,
		Get: func(r *record.Record) ([]byte, error) { return json.Marshal(at(r)) },
		Put: func(r *record.Record, b []byte) error {
			var v T
			if err := json.Unmarshal(b, &v); err != nil {
				return err
			}
			*at(r) = v
			return nil
		}}
}

// JournalParts are the parts of a record a session changes besides the
// answers and the position. Reviews and disclosure are not among them: a
// session never changes them, and a journal must not undo a review that
// was added after it.
var JournalParts = []JournalPart{
	part("practitioner", func(r *record.Record) *record.Practitioner { return &r.Practitioner }),
	part("frameworks", func(r *record.Record) *[]record.FrameworkRef { return &r.Frameworks }),
	part("activity", func(r *record.Record) *record.Activity { return &r.Activity }),
	part("reflection", func(r *record.Record) *record.Reflection { return &r.Reflection }),
	part("benefit", func(r *record.Record) *string { return &r.Benefit }),
	part("standards", func(r *record.Record) *[]record.StandardRef { return &r.Standards }),
	part("plan", func(r *record.Record) *[]record.Goal { return &r.Plan }),
	part("anonymisation", func(r *record.Record) *record.Anonymisation { return &r.Anonymisation }),
	part("draft", func(r *record.Record) **record.Draft { return &r.Draft }),
}

func journalPart(name string) *JournalPart {
	for i := range JournalParts {
		if JournalParts[i].Name == name {
			return &JournalParts[i]
		}
	}
	return nil
}

// Apply makes the change in r. The answers stay in r's order, a new one
// at the end (the next Sync puts them in the plan's order); the status
// follows the one rule. Scores are not touched: they are worked out again
// from the answers when the record is next written, and readers recompute
// them anyway.
func (c *Change) Apply(r *record.Record) error {
	// All or nothing: every part must decode before anything changes.
	var scratch record.Record
	for name, raw := range c.Set {
		p := journalPart(name)
		if p == nil {
			return fmt.Errorf("it changes %q, which this version of reflect does not know", name)
		}
		if err := p.Put(&scratch, raw); err != nil {
			return fmt.Errorf("its %s does not decode: %v", name, err)
		}
	}
	for _, a := range c.Answers {
		i := -1
		for j := range r.Answers {
			if r.Answers[j].Code == a.Code {
				i = j
				break
			}
		}
		empty := !a.Answered() && a.Note == "" && !a.Flag
		switch {
		case i >= 0 && empty:
			r.Answers = append(r.Answers[:i], r.Answers[i+1:]...)
		case i >= 0:
			r.Answers[i] = a
		case !empty:
			r.Answers = append(r.Answers, a)
		}
	}
	if c.Position != nil {
		r.Position = *c.Position
	}
	for name, raw := range c.Set {
		_ = journalPart(name).Put(r, raw) // decoded above
	}
	if c.At.After(r.Updated) {
		r.Updated = c.At.UTC()
	}
	cpd.Settle(r)
	return nil
}

// JournalDamage says what of a journal could not be used.
type JournalDamage struct {
	Path string
	// Line is the first line not used (1-based).
	Line int
	// Torn is true when that line is the last and was cut short (the
	// process stopped while writing it, before it was acknowledged).
	Torn bool
	// Skipped is how many lines from Line on were not used.
	Skipped int
	Err     error
}

func (d *JournalDamage) Error() string {
	if d.Torn {
		return fmt.Sprintf("%s:%d: the last change was cut short when reflect stopped while saving it; it was never shown as saved, and every change before it is kept", d.Path, d.Line)
	}
	return fmt.Sprintf("%s:%d: %v; %d saved changes from here on cannot be read", d.Path, d.Line, d.Err, d.Skipped)
}

// ReadJournal reads an assessment's journal: the changes it holds in
// order, and what could not be used (nil when all of it could). A journal
// cut short by a crash loses only its unfinished last line. The first line
// that cannot be read (damaged, or for another record) ends what is used:
// later changes may depend on it. No journal is no changes. Errors are
// those that say nothing about the journal's content (no key to open an
// encrypted folder, no permission).
func (s *Store) ReadJournal(id string) ([]Change, *JournalDamage, error) {
	if err := s.checkID(id); err != nil {
		return nil, nil, err
	}
	path := s.JournalPath(id)
	data, err := s.readRaw(path, maxJournal)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fsutil.ExplainRead(path, err)
	}
	var out []Change
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if len(line) == 0 {
			continue
		}
		bad := func(err error) (*JournalDamage, error) {
			n := 0
			for _, l := range lines[i:] {
				if len(l) > 0 {
					n++
				}
			}
			return &JournalDamage{Path: path, Line: i + 1, Skipped: n, Err: err}, nil
		}
		body, complete := bytes.CutSuffix(line, []byte("\n"))
		if !complete {
			// The process stopped while writing this line: it was never
			// acknowledged.
			return out, &JournalDamage{Path: path, Line: i + 1, Torn: true, Skipped: 1}, nil
		}
		entry, err := s.UnsealLine(path, body)
		if err != nil {
			var ve *vault.Error
			if errors.As(err, &ve) && ve.Kind != vault.Damaged {
				return nil, nil, err
			}
			d, _ := bad(fmt.Errorf("it cannot be decrypted (%v)", err))
			return out, d, nil
		}
		var c Change
		dec := json.NewDecoder(bytes.NewReader(entry))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil || dec.More() {
			if err == nil {
				err = errors.New("more than one change on the line")
			}
			d, _ := bad(fmt.Errorf("it is not a change reflect can read (%v)", err))
			return out, d, nil
		}
		if c.Record != id {
			d, _ := bad(fmt.Errorf("it belongs to record %q, not %q", c.Record, id))
			return out, d, nil
		}
		out = append(out, c)
	}
	return out, nil, nil
}

// ApplyJournal applies changes to r in order. A change that does not apply
// stops it, reported as damage at its line.
func ApplyJournal(r *record.Record, changes []Change, path string) *JournalDamage {
	for i := range changes {
		if err := changes[i].Apply(r); err != nil {
			return &JournalDamage{Path: path, Line: i + 1, Skipped: len(changes) - i, Err: err}
		}
	}
	return nil
}

// readRaw reads a data-folder file as it is on disk (at most max bytes),
// refusing links and anything but a regular file, without decrypting: the
// one open-and-check under ReadFile and the journal's reader.
func (s *Store) readRaw(path string, max int64) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
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
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(data)) > max {
		err = fmt.Errorf("%s is larger than %d MiB, more than reflect ever writes there", path, max>>20)
	}
	return data, err
}

// withJournal applies the journal of record id to r, when there is one.
// Damage stops at the last good change; it is reported by the session
// that resumes the assessment (see internal/session), not here.
func (s *Store) withJournal(id string, r *record.Record) error {
	changes, _, err := s.ReadJournal(id)
	if err != nil || len(changes) == 0 {
		return err
	}
	ApplyJournal(r, changes, s.JournalPath(id))
	// The stored figures predate the journal. With the frameworks at
	// hand they are worked out again; without, the counts of answers are
	// at least the answers' own (readers that show more recompute).
	if s.Frameworks != nil {
		if d, err := record.Recompute(r, s.Frameworks); err == nil {
			r.UseDerived(d)
			cpd.Settle(r)
			return nil
		}
	}
	if sc := r.Scores; sc != nil {
		o := &sc.Overall
		o.Rated, o.NA = 0, 0
		for _, a := range r.Answers {
			switch {
			case a.Rating > 0:
				o.Rated++
			case a.NA:
				o.NA++
			}
		}
		o.Unanswered = max(0, o.Total-o.Rated-o.NA)
	}
	cpd.Settle(r)
	return nil
}

// JournalFile is a journal open for appending.
type JournalFile struct {
	s      *Store
	id     string
	f      *os.File
	synced bool // the folder was synced since the file was made
}

// OpenJournal opens (creating when needed) an assessment's journal for
// appending. Only the holder of the assessment's lock may.
func (s *Store) OpenJournal(id string) (*JournalFile, error) {
	if err := s.checkID(id); err != nil {
		return nil, err
	}
	if err := s.ensure(); err != nil {
		return nil, err
	}
	path := s.JournalPath(id)
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file; move it away and try again", path)
	}
	_, statErr := os.Lstat(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|noFollow, fsutil.FileMode)
	if err != nil {
		return nil, fmt.Errorf("cannot open the journal %s: %w", path, fsutil.Explain(err))
	}
	if err := f.Chmod(fsutil.FileMode); err != nil {
		f.Close()
		return nil, err
	}
	return &JournalFile{s: s, id: id, f: f, synced: statErr == nil}, nil
}

// Seal turns a change into the line to append (encrypted when the folder
// is).
func (j *JournalFile) Seal(c *Change) ([]byte, error) {
	entry, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return j.s.SealLine(entry)
}

// Append writes sealed lines and makes them durable (fsync; the folder
// too when the journal is new) before it returns.
func (j *JournalFile) Append(lines []byte) error {
	if _, err := j.f.Write(lines); err != nil {
		return fmt.Errorf("cannot save to %s: %w", j.f.Name(), fsutil.Explain(err))
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("cannot save to %s: %w", j.f.Name(), fsutil.Explain(err))
	}
	if !j.synced {
		if err := fsutil.SyncDir(filepath.Dir(j.f.Name())); err != nil {
			return err
		}
		j.synced = true
	}
	return nil
}

// Close closes the journal file (it stays on disk).
func (j *JournalFile) Close() error {
	if j == nil || j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}

// KeepJournalAside moves a journal that could not be fully read out of
// the way (ID.journal.damaged-TIMESTAMP, never deleted), so that the next
// save, which removes the journal, loses nothing. It returns the new path.
func (s *Store) KeepJournalAside(id string, now time.Time) (string, error) {
	aside := fmt.Sprintf("%s.damaged-%s", s.JournalPath(id), now.UTC().Format("20060102T150405Z"))
	if err := os.Rename(s.JournalPath(id), aside); err != nil {
		return "", fmt.Errorf("cannot keep the damaged journal aside: %w", err)
	}
	return aside, fsutil.SyncDir(s.dir)
}

// removeJournal removes an assessment's journal once its record holds
// everything in it.
func (s *Store) removeJournal(id string) error {
	err := os.Remove(s.JournalPath(id))
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fmt.Errorf("cannot remove the journal %s: %w", s.JournalPath(id), err)
}
