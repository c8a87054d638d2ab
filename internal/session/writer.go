package session

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
)

// writer owns the files: it appends changes to the journal and rewrites
// the record from its own copy (base, the record as saved plus every
// change since), so that nothing it writes is read from the front end's
// record while the front end changes it.
type writer struct {
	s    *Session
	base *record.Record
	plan *assessment.Plan

	jobs chan *job
	done chan struct{}
	once sync.Once

	journal  *store.JournalFile
	since    int   // changes journalled since the record was rewritten
	size     int64 // bytes in the journal
	mustSave bool  // a journal write failed: only a rewrite makes it good
	// failed is set while the last write failed, so that a save with no
	// new change still tries again rather than say all is saved.
	failed atomic.Bool
}

type job struct {
	c          *store.Change // nil: no change
	checkpoint bool
	done       chan error // buffered
}

func newWriter(s *Session, base *record.Record, plan *assessment.Plan) *writer {
	w := &writer{s: s, base: base, plan: plan, jobs: make(chan *job, 1024), done: make(chan struct{})}
	go w.loop()
	return w
}

// send queues a change and returns the wait for it.
func (w *writer) send(c *store.Change, checkpoint bool) func() error {
	j := &job{c: c, checkpoint: checkpoint, done: make(chan error, 1)}
	w.jobs <- j
	var once sync.Once
	var err error
	return func() error {
		once.Do(func() { err = <-j.done })
		return err
	}
}

// do queues a change (or none) and waits for it.
func (w *writer) do(c *store.Change, checkpoint bool) error { return w.send(c, checkpoint)() }

func (w *writer) stop() {
	w.once.Do(func() { close(w.jobs) })
	<-w.done
}

func (w *writer) loop() {
	defer close(w.done)
	defer func() { w.journal.Close() }()
	for j := range w.jobs {
		batch := []*job{j}
		// Everything that came meanwhile goes into the same write.
	more:
		for len(batch) < cap(w.jobs) {
			select {
			case j, ok := <-w.jobs:
				if !ok {
					break more
				}
				batch = append(batch, j)
			default:
				break more
			}
		}
		err := w.write(batch)
		w.failed.Store(err != nil)
		for _, j := range batch {
			j.done <- err
		}
	}
}

// write makes a batch durable: its changes appended to the journal in one
// write and one fsync, or the record rewritten when a change asks for it,
// the journal is due for it or a journal write failed.
func (w *writer) write(batch []*job) error {
	opts := w.s.opts
	checkpoint := w.mustSave || opts.Every <= 1
	n := 0
	for _, j := range batch {
		checkpoint = checkpoint || j.checkpoint
		if j.c != nil {
			n++
		}
	}
	checkpoint = checkpoint || w.since+n >= opts.Every
	var lines []byte
	for _, j := range batch {
		if j.c == nil {
			continue
		}
		if err := j.c.Apply(w.base); err != nil {
			return err
		}
		if checkpoint {
			continue
		}
		if w.journal == nil {
			jf, err := w.s.st.OpenJournal(w.base.ID)
			if err != nil {
				checkpoint = true
				continue
			}
			w.journal = jf
		}
		l, err := w.journal.Seal(j.c)
		if err != nil {
			return err
		}
		lines = append(lines, l...)
	}
	if !checkpoint && len(lines) > 0 {
		if err := w.journal.Append(lines); err != nil {
			// What the journal lost is in base: rewriting the record
			// saves it.
			w.mustSave = true
			if rerr := w.rewrite(); rerr != nil {
				return fmt.Errorf("%w (and rewriting the record failed too: %v)", err, rerr)
			}
			return nil
		}
		w.since += n
		w.size += int64(len(lines))
	}
	if checkpoint || w.size >= opts.MaxJournal {
		if err := w.rewrite(); err != nil {
			w.mustSave = true
			return err
		}
	}
	return nil
}

// rewrite saves base as the record (which removes the journal).
func (w *writer) rewrite() error {
	w.journal.Close()
	w.journal = nil
	sess, err := assessment.NewSession(w.plan)
	if err != nil {
		return err
	}
	sess.Restore(w.base.Answers)
	if w.base.Position != "" {
		sess.GotoCode(w.base.Position)
	}
	updated := w.base.Updated
	w.base.Sync(sess, updated)
	cpd.Settle(w.base)
	w.base.Tool = w.s.opts.Tool
	if err := w.s.st.Save(w.base); err != nil {
		return err
	}
	w.since, w.size, w.mustSave = 0, 0, false
	return nil
}
