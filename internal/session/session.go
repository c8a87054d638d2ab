// Package session is an assessment open for editing: its lock, its record
// and the session over it, and how every change is made durable — by a
// write-ahead journal — whichever front end (the full screen, line mode,
// an answers file) makes the changes.
//
// A change is staged on the caller's goroutine (cheap: it compares the
// record with what was last staged and keeps only what differs, whole
// answers and whole parts) and written by the session's own writer: one
// line appended to ID.journal and fsynced. Stage returns a function that
// waits for that write, so a front end can say "saved" only once it is
// true without waiting on its keystroke path (the full screen runs it as a
// Bubble Tea command). Changes that come while a write is under way go
// into the next write together.
//
// The record file itself is rewritten atomically (store.Save, the previous
// copy kept as .bak, the journal then removed): when the session starts
// and ends, at a step (any change besides answers, the position and a
// draft: the details, a reflection section, a goal…), every Options.Every
// changes and when the journal passes Options.MaxJournal bytes. With Every
// 1 the record is rewritten at every change and nothing is journalled:
// line mode does this, as the kill tests read the record file at every
// prompt.
//
// A journal left by a process that stopped (a kill, a power cut) is
// replayed when the assessment is opened again; store.Load and store.List
// apply it too, so nothing acknowledged is missing anywhere. A last line
// cut short is reported and dropped (it was never acknowledged); a line
// that cannot be read stops the replay there and the journal is kept
// aside, never deleted; the record itself is never touched by a damaged
// journal.
package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
)

// Options configure a session.
type Options struct {
	Store *store.Store
	// Now is the clock (nil means time.Now).
	Now func() time.Time
	// Tool names the program in the record.
	Tool record.Tool
	// Every is how many changes are journalled between rewrites of the
	// record: 0 means DefaultEvery, 1 rewrites the record at every change.
	Every int
	// MaxJournal rewrites the record when the journal passes this many
	// bytes (0 means DefaultMaxJournal).
	MaxJournal int64
}

const (
	// DefaultEvery is how many changes are journalled between rewrites.
	DefaultEvery = 64
	// DefaultMaxJournal is the journal size that brings a rewrite forward.
	DefaultMaxJournal = 1 << 20
)

// Session is an open assessment.
type Session struct {
	opts Options
	st   *store.Store
	lock *store.Lock

	// Sess and Rec are the front end's: it changes them, then calls
	// Stage or Save.
	Sess *assessment.Session
	Rec  *record.Record

	mu       sync.Mutex // serialises Stage, Save and Close
	attached bool
	closed   bool
	seq      int64
	answers  map[string]assessment.Answer // as last staged
	position string
	parts    map[string][]byte

	w *writer
}

// Report says what opening an assessment found.
type Report struct {
	// FromBackup is true when the record was replaced by its backup.
	FromBackup bool
	// Restored is where the unreadable record was kept when it was
	// replaced by its backup ("" when it was not).
	Restored string
	// Replayed is how many journalled changes were applied.
	Replayed int
	// Damage is what of the journal could not be used (nil when all).
	Damage *store.JournalDamage
	// KeptAside is where a damaged journal was moved ("" when none was).
	KeptAside string
}

// Notes are the report in sentences for the person, empty when there is
// nothing to say.
func (r Report) Notes() []string {
	var out []string
	if r.Replayed > 0 {
		out = append(out, fmt.Sprintf("reflect stopped without closing this assessment; the %d changes saved since its record was last written are back.", r.Replayed))
	}
	if d := r.Damage; d != nil {
		if d.Torn {
			out = append(out, "The last change before reflect stopped was being saved at that moment and had not been shown as saved, so it is not there; everything before it is.")
		} else {
			out = append(out, fmt.Sprintf("Part of the journal of changes cannot be read (%v). Everything up to that point is back; the journal is kept as %s so nothing is deleted.", d, r.KeptAside))
		}
	}
	return out
}

func (o *Options) defaults() {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Every <= 0 {
		o.Every = DefaultEvery
	}
	if o.MaxJournal <= 0 {
		o.MaxJournal = DefaultMaxJournal
	}
}

// Start begins a new assessment over the scopes: plan, record with id,
// lock, and the first save.
func Start(opts Options, set *framework.Set, scopes []assessment.Scope, id string, who record.Practitioner) (*Session, error) {
	opts.defaults()
	plan, err := assessment.NewPlan(set, scopes)
	if err != nil {
		return nil, err
	}
	sess, err := assessment.NewSession(plan)
	if err != nil {
		return nil, err
	}
	rec := record.New(id, opts.Now(), opts.Tool, plan)
	rec.Practitioner = who
	return Begin(opts, sess, rec)
}

// Begin opens a session over a record made elsewhere (an answers file):
// it takes the lock and saves the record.
func Begin(opts Options, sess *assessment.Session, rec *record.Record) (*Session, error) {
	opts.defaults()
	lock, err := opts.Store.Lock(rec.ID)
	if err != nil {
		return nil, err
	}
	s := &Session{opts: opts, st: opts.Store, lock: lock, Rec: rec}
	if err := s.Attach(sess); err != nil {
		s.Release()
		return nil, err
	}
	return s, nil
}

// Open opens a saved assessment: its lock, then the record with its
// journal applied. fromBackup continues from the backup when the record
// cannot be read. The session is not attached yet (see Attach): the
// caller first builds the assessment session from Rec (record.Open) and
// may still decide to change nothing.
func Open(opts Options, id string, fromBackup bool) (*Session, Report, error) {
	opts.defaults()
	var rep Report
	st := opts.Store
	lock, err := st.Lock(id)
	if err != nil {
		return nil, rep, err
	}
	s := &Session{opts: opts, st: st, lock: lock}
	fail := func(err error) (*Session, Report, error) {
		s.Release()
		return nil, rep, err
	}
	rec, err := st.Load(id)
	var ce *store.CorruptError
	if errors.As(err, &ce) && fromBackup && ce.Backup != "" {
		if rec, rep.Restored, err = st.RestoreBackup(id, opts.Now()); err == nil {
			rep.FromBackup = true
			// The backup is older than the journal's changes: they apply.
			changes, _, jerr := st.ReadJournal(id)
			if jerr != nil {
				return fail(jerr)
			}
			store.ApplyJournal(rec, changes, st.JournalPath(id))
		}
	}
	if err != nil {
		return fail(err)
	}
	// Load applied the journal; say what it held and what it lost.
	changes, dmg, err := st.ReadJournal(id)
	if err != nil {
		return fail(err)
	}
	if d := store.ApplyJournal(&record.Record{ID: id}, changes, st.JournalPath(id)); d != nil && dmg == nil {
		dmg = d
	}
	rep.Replayed, rep.Damage = len(changes), dmg
	if dmg != nil {
		rep.Replayed = dmg.Line - 1
		if !dmg.Torn {
			// Keep what cannot be read: the next save removes the
			// journal.
			if rep.KeptAside, err = st.KeepJournalAside(id, opts.Now()); err != nil {
				return fail(err)
			}
		}
	}
	s.Rec = rec
	return s, rep, nil
}

// Attach starts saving the session's changes. The record is rewritten
// now when it was never saved or its journal holds anything.
func (s *Session) Attach(sess *assessment.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Sess = sess
	s.sync(true)
	s.answers = map[string]assessment.Answer{}
	for _, a := range s.Rec.Answers {
		s.answers[a.Code] = a
	}
	s.position = s.Rec.Position
	s.parts = map[string][]byte{}
	for _, p := range store.JournalParts {
		b, err := p.Get(s.Rec)
		if err != nil {
			return err
		}
		s.parts[p.Name] = b
	}
	base, err := clone(s.Rec)
	if err != nil {
		return err
	}
	s.w = newWriter(s, base, sess.Plan)
	s.attached = true
	// A new record is written at once, and a resumed one takes in its
	// journal at once (nothing may be appended after a line cut short).
	_, noFile := os.Lstat(s.st.Path(s.Rec.ID))
	_, journal := os.Lstat(s.st.JournalPath(s.Rec.ID))
	if noFile != nil || journal == nil {
		return s.w.do(nil, true)
	}
	return nil
}

// sync brings the front end's record up to date with its session: the
// answers, the position and the time, and when full (a rewrite, line mode)
// the scores, status and tool too, as every save always has. Staging a
// change from the full screen leaves the scores to the writer: they are
// worked out again from the answers for the record file (the front ends
// read them from the session), which keeps a keystroke under a
// millisecond at 2,000 competences.
func (s *Session) sync(full bool) {
	if s.Sess != nil {
		if full {
			s.Rec.Sync(s.Sess, s.opts.Now())
		} else {
			s.Rec.Answers = s.Sess.Answers()
			if s.Rec.Answers == nil {
				s.Rec.Answers = []assessment.Answer{}
			}
			s.Rec.Position = s.Sess.Current().Code()
			s.Rec.Updated = s.opts.Now().UTC()
		}
	}
	if full {
		cpd.Settle(s.Rec)
		s.Rec.Tool = s.opts.Tool
	}
}

// Stage takes the changes made to Sess and Rec since the last Stage and
// hands them to the writer. It returns a function that waits until they
// are durable and returns the error if they could not be saved (nil when
// there was nothing to save). Call Stage from the goroutine that changes
// Sess and Rec; the wait may run anywhere.
func (s *Session) Stage() func() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.attached || s.closed {
		return nil
	}
	c, step, err := s.change(s.opts.Every <= 1)
	if err != nil {
		return func() error { return err }
	}
	if c == nil {
		if s.w.failed.Load() {
			// Nothing new, but what came before is not saved yet.
			return s.w.send(nil, true)
		}
		return nil
	}
	return s.w.send(c, step)
}

// Save stages the changes and waits until they, and every change staged
// before, are durable.
func (s *Session) Save() error {
	if wait := s.Stage(); wait != nil {
		return wait()
	}
	s.mu.Lock()
	live := s.attached && !s.closed
	s.mu.Unlock()
	if !live {
		return nil
	}
	// Nothing new: wait for the writes under way (the writer keeps order).
	return s.w.do(nil, false)
}

// Checkpoint stages the changes and rewrites the record with them.
func (s *Session) Checkpoint() error {
	s.mu.Lock()
	if !s.attached || s.closed {
		s.mu.Unlock()
		return nil
	}
	c, _, err := s.change(true)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return s.w.do(c, true)
}

// Close saves what is left, rewrites the record (so no journal is left),
// stops the writer and releases the lock. A session never attached
// (a resume that changed nothing) is only released.
func (s *Session) Close() error {
	var err error
	if s.attached {
		err = s.Checkpoint()
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		s.w.stop()
	}
	s.Release()
	return err
}

// Release gives the lock up without saving.
func (s *Session) Release() {
	if s.lock != nil {
		s.lock.Release()
		s.lock = nil
	}
}

// change is what differs from what was last staged, or nil. step is true
// when something besides answers, the position and the draft changed.
func (s *Session) change(full bool) (*store.Change, bool, error) {
	s.sync(full)
	c := &store.Change{Record: s.Rec.ID, At: s.Rec.Updated}
	for _, a := range s.Rec.Answers {
		if old, ok := s.answers[a.Code]; !ok || old != a {
			c.Answers = append(c.Answers, a)
			s.answers[a.Code] = a
		}
	}
	if len(s.answers) > len(s.Rec.Answers) {
		// Some answers were cleared: every kept one is in Rec.Answers.
		in := make(map[string]bool, len(s.Rec.Answers))
		for _, a := range s.Rec.Answers {
			in[a.Code] = true
		}
		for code := range s.answers {
			if !in[code] {
				c.Answers = append(c.Answers, assessment.Answer{Code: code})
				delete(s.answers, code)
			}
		}
	}
	if s.Rec.Position != s.position {
		pos := s.Rec.Position
		c.Position = &pos
		s.position = pos
	}
	step := false
	for _, p := range store.JournalParts {
		b, err := p.Get(s.Rec)
		if err != nil {
			return nil, false, fmt.Errorf("cannot save the %s: %w", p.Name, err)
		}
		if string(b) != string(s.parts[p.Name]) {
			if c.Set == nil {
				c.Set = map[string]json.RawMessage{}
			}
			c.Set[p.Name] = b
			s.parts[p.Name] = b
			if p.Name != "draft" {
				step = true
			}
		}
	}
	if c.Empty() {
		return nil, false, nil
	}
	s.seq++
	c.Seq = s.seq
	return c, step, nil
}

// clone is a deep copy of a record (through its JSON, which is what is
// saved anyway).
func clone(r *record.Record) (*record.Record, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var cp record.Record
	if err := json.Unmarshal(data, &cp); err != nil {
		return nil, err
	}
	return &cp, nil
}
