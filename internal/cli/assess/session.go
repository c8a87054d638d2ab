package assess

import (
	"errors"
	"fmt"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/session"
	"github.com/reflect-cpd/reflect/internal/store"
)

// sessionOptions are the session layer's options for this command. every
// is how many changes are journalled between rewrites of the record (1 in
// line mode, which rewrites it at every change).
func sessionOptions(deps *cmdutil.Deps, st *store.Store, every int) session.Options {
	return session.Options{Store: st, Now: deps.Now, Tool: tool(deps), Every: every}
}

// held is the open assessment of a run, once there is one.
type held struct{ s *session.Session }

// close saves what is left and releases the lock.
func (h *held) close() error {
	if h.s == nil {
		return nil
	}
	err := h.s.Close()
	h.s = nil
	return err
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
