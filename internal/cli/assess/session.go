package assess

import (
	"errors"
	"fmt"
	"sync"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
)

// session is an open assessment: its record, lock and save function.
type session struct {
	deps *cmdutil.Deps
	st   *store.Store
	mu   sync.Mutex // serialises saves (the TUI, line mode and signals)
	sess *assessment.Session
	rec  *record.Record
	lock *store.Lock
}

func (s *session) save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rec == nil {
		return nil
	}
	if s.sess != nil {
		s.rec.Sync(s.sess, s.deps.Now())
	}
	// The status always follows the one rule for complete.
	cpd.Settle(s.rec)
	s.rec.Tool = tool(s.deps)
	return s.st.Save(s.rec)
}

func (s *session) release() {
	if s.lock != nil {
		s.lock.Release()
		s.lock = nil
	}
}

// start creates a new assessment: plan, record, lock and first save.
func (s *session) start(scopes []assessment.Scope, set *framework.Set, id string, who record.Practitioner) (*assessment.Session, *record.Record, error) {
	plan, err := assessment.NewPlan(set, scopes)
	if err != nil {
		return nil, nil, err
	}
	sess, err := assessment.NewSession(plan)
	if err != nil {
		return nil, nil, err
	}
	lock, err := s.st.Lock(id)
	if err != nil {
		return nil, nil, busy(err)
	}
	rec := record.New(id, s.deps.Now(), tool(s.deps), plan)
	rec.Practitioner = who
	s.mu.Lock()
	s.sess, s.rec, s.lock = sess, rec, lock
	s.mu.Unlock()
	if err := s.save(); err != nil {
		s.release()
		return nil, nil, err
	}
	return sess, rec, nil
}

func busy(err error) error {
	var b *store.BusyError
	if errors.As(err, &b) {
		return cmdutil.Exit(cmdutil.ExitBusy, err)
	}
	return err
}

// writeOut writes the record to --out.
func writeOut(deps *cmdutil.Deps, opts *Options, rec *record.Record) error {
	if opts.Out == "" {
		return nil
	}
	// The draft (text being typed) stays in the data folder only.
	cp := *rec
	cp.Draft = nil
	data, err := record.Marshal(&cp)
	if err != nil {
		return err
	}
	if opts.Out == "-" {
		_, err := deps.IO.Out.Write(data)
		return err
	}
	if opts.Force {
		err = fsutil.WriteFileAtomic(opts.Out, data, fsutil.FileMode, false)
	} else {
		err = fsutil.CreateExclusive(opts.Out, data, fsutil.FileMode)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(deps.IO.Err, "Wrote the record to %s.\n", opts.Out)
	return nil
}
