// Finding assessments: List, Latest and Resolve, and the Entry summary
// each one is listed as.

package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

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
	Status     string // complete or in-progress, by the one rule (cpd.Progress)
	Progress   string // what is left, in words: "reflected, 211 unanswered"
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

// EntryOf summarises a record from what it stores. List works the figures
// out again from the answers when the store has its frameworks.
func EntryOf(r *record.Record, path string) Entry {
	p := cpd.ProgressOf(r)
	e := Entry{ID: r.ID, Path: path, Name: r.Practitioner.Name, Started: r.Created, Updated: r.Updated, Status: p.Status(), Progress: p.String()}
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
		r, err := s.readRecord(path)
		if err == nil && r.ID != id {
			// The file name is the id that commands use; a record inside
			// claiming another id (perhaps a path) is not listed as one.
			err = fmt.Errorf("%s: the record inside has id %q, not %q", path, r.ID, id)
		}
		if err == nil {
			// A process that was stopped leaves changes in the journal.
			err = s.withJournal(id, r)
		}
		if err != nil {
			out = append(out, Entry{ID: id, Path: path, Err: err})
			continue
		}
		if s.Frameworks != nil {
			d, err := record.Recompute(r, s.Frameworks)
			var nl *record.NotLoadedError
			switch {
			case err == nil:
				r.UseDerived(d)
			case errors.As(err, &nl):
				// A framework not loaded here: list what the file says.
			default:
				out = append(out, Entry{ID: id, Path: path, Err: fmt.Errorf("%s: %w", path, err)})
				continue
			}
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
