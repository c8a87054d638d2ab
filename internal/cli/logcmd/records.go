package logcmd

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
)

// LoadRecords reads the saved assessments and any record files given, and
// works out each one's figures and completion again from its answers
// (record.Recompute): a record counts as complete only when its answers
// say so, whatever its file says. Records that cannot be read or checked
// are reported on standard error and left out. frameworks are --framework
// files for records made with frameworks of one's own.
func LoadRecords(deps *cmdutil.Deps, st *store.Store, frameworks, files []string) ([]*record.Record, error) {
	set, err := supervise.Frameworks(deps, frameworks)
	if err != nil {
		return nil, err
	}
	var out []*record.Record
	seen := map[string]bool{}
	use := func(r *record.Record, where string) {
		if seen[r.ID] {
			return // the same record saved and given: it counts once
		}
		d, err := record.Recompute(r, set)
		if err != nil {
			var nl *record.NotLoadedError
			if errors.As(err, &nl) {
				fmt.Fprintf(deps.IO.Err, "Note: %s uses the framework %q, which is not loaded, so it is not counted; give the framework's file with --framework FILE.\n", where, nl.ID)
			} else {
				fmt.Fprintf(deps.IO.Err, "Note: %s cannot be checked against its frameworks, so it is not counted: %s\n", where, firstLine(err.Error()))
			}
			return
		}
		// The figures are worked out from the answers; a file whose
		// stored ones differ says so in one line.
		l := &supervise.Loaded{Path: where, Record: r, Derived: d, Stored: r.CompareFigures(d)}
		l.Notes(deps.IO.Err)
		r.UseDerived(d)
		seen[r.ID] = true
		out = append(out, r)
	}
	list, err := st.List()
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		if e.Err != nil {
			fmt.Fprintf(deps.IO.Err, "Note: the saved assessment %s cannot be read, so it is not counted: %s\n", e.ID, firstLine(e.Err.Error()))
			continue
		}
		r, err := st.Load(e.ID)
		if err != nil {
			fmt.Fprintf(deps.IO.Err, "Note: the saved assessment %s cannot be read, so it is not counted: %s\n", e.ID, firstLine(err.Error()))
			continue
		}
		use(r, "the saved assessment "+e.ID)
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("--record %s: %w", f, err)
		}
		r, err := supervise.ReadRecord(deps, f)
		if err != nil {
			return nil, err
		}
		use(r, f)
	}
	return out, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
