// Package team builds an anonymous training-needs analysis over many CPD
// records: per area, how many people assessed it, the spread of levels,
// the share below target, and the needs most common across the team.
//
// # Streaming
//
// Records are read one at a time (a few in parallel) and only aggregates
// are kept: counts per area, level and competence, bounded by the size of
// the frameworks, not by the number of records. Each file is opened and
// decoded once.
//
// Duplicates (the same record id in several files, e.g. before and after a
// review) count once, from the copy updated last (on a tie, the first in
// walk order). The one structure that grows with the number of records is
// the table that spots them (dedupe.go): per distinct record id, an 8-byte
// hash of the id, the update time and the file's position in the walk,
// about 30 bytes at the table's load (a million records: about 30 MB).
// When a newer copy turns up after an older one was counted, the
// older one's contribution is taken away again: its position is noted and,
// at the end, one more walk re-reads just those files.
//
// Records are read leniently: fields reflect does not need here are
// ignored, but a file must be JSON with the record format marker, a
// supported schema version, an id, a known status and (when complete)
// answers that fit its frameworks; anything else is listed and skipped.
// The figures are worked out from the answers (record.Scorer), never taken
// from the file: the stored ones are only compared, to count files whose
// stored figures are wrong.
//
// # Anonymity
//
// No name, id or file name appears in a report (unreadable files are
// listed to the person running the command, on standard error, never in
// the report). Any count describing fewer than MinGroup people is
// suppressed; see SuppressRow for the rules, including secondary
// suppression.
package team

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// DefaultMinGroup is the smallest group a count may describe.
const DefaultMinGroup = 5

// Limits on what one run keeps, so that crafted files cannot make the
// aggregates grow without bound.
const (
	maxAreas       = 5_000
	maxCompetences = 50_000
)

// Options configure a run.
type Options struct {
	MinGroup int
	Set      *framework.Set // titles, scales and resources; may be nil
	Workers  int            // decoders in parallel; 0 means GOMAXPROCS
	TopNeeds int            // areas in the top-needs list; 0 means 10
	// Decrypt opens a record file encrypted with age (nil: such files
	// are skipped as unreadable). It may be called from several
	// goroutines at once.
	Decrypt func(path string, data []byte) ([]byte, error)
	// IncludeIncomplete counts records that are not complete too (their
	// answers so far); by default only complete records are counted.
	IncludeIncomplete bool
	// By lists breakdowns (ByProfession, ByRole, BySetting, ByFramework);
	// Period is ByYear or ByQuarter for a trend, or "".
	By     []string
	Period string
}

// dims lists the breakdowns asked for, the trend last.
func (o Options) dims() []string {
	out := append([]string(nil), o.By...)
	if o.Period != "" {
		out = append(out, o.Period)
	}
	return out
}

// Problem is a file that was skipped, with the reason.
type Problem struct {
	Path string
	Err  string
}

// Stats count what was read.
type Stats struct {
	Files      int // candidate files found
	Duplicates int // older copies of a record also found elsewhere
	Unreadable int // files skipped as unreadable or invalid
	InProgress int // records not yet complete, left out
	Incomplete int // records not yet complete, counted (IncludeIncomplete)
	Records    int // records counted
	// WrongFigures counts files whose stored figures or status were not
	// those their answers give; the report uses the figures worked out.
	WrongFigures int
	Overflowing  bool
}

type seenEntry struct {
	ord     int
	updated int64
}

// beats reports whether a copy (ord, updated) wins over e.
func (e seenEntry) beatenBy(ord int, updated int64) bool {
	return updated > e.updated || (updated == e.updated && ord < e.ord)
}

// Run reads the records in paths (files, or folders searched for *.json)
// and returns the aggregates. Skipped files are passed to onProblem,
// sorted by path. It fails only when no path can be read, or when files
// changed during the run so that the counts cannot be trusted.
func Run(paths []string, opt Options, onProblem func(Problem)) (*Aggregate, Stats, error) {
	agg, st, _, err := run(paths, opt, onProblem)
	return agg, st, err
}

// run is Run, also returning the duplicate check's table: which copy of
// each record counts.
func run(paths []string, opt Options, onProblem func(Problem)) (*Aggregate, Stats, *dedupe, error) {
	if onProblem == nil {
		onProblem = func(Problem) {}
	}
	var st Stats
	var problems []Problem
	note := func(p Problem) { problems = append(problems, p) }
	agg := newAggregate(opt)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		ord  int
		path string
	}
	jobs := make(chan job, workers*4)
	heap := guardHeap()
	defer heap.done()
	seen := &dedupe{onGrow: heap.tableGrew}
	superseded := map[int]uint64{} // counted copies that a newer copy replaced
	valid := 0
	var mu sync.Mutex // guards st, problems, seen, superseded, valid and agg
	process := func(c *contribution) {
		mu.Lock()
		defer mu.Unlock()
		if c.err != nil {
			st.Unreadable++
			note(Problem{Path: c.path, Err: c.err.Error()})
			return
		}
		valid++
		if c.wrongFigures {
			st.WrongFigures++
		}
		h := keyOf(c.id)
		if e, ok := seen.get(h); ok {
			if !e.beatenBy(c.ord, c.updated) {
				return // an older copy: never counted
			}
			superseded[e.ord] = h
		}
		seen.put(h, seenEntry{ord: c.ord, updated: c.updated})
		agg.add(c, +1)
	}
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := newDecoder(opt.Set, opt.IncludeIncomplete)
			d.scorers.dims = opt.dims()
			d.decrypt = opt.Decrypt
			for j := range jobs {
				c := d.decode(j.path)
				c.ord, c.path = j.ord, j.path
				process(c)
			}
		}()
	}
	var walkProblems []Problem
	walkErr := walk(paths, func(p Problem) { walkProblems = append(walkProblems, p) }, func(ord int, path string) {
		mu.Lock()
		st.Files++
		mu.Unlock()
		jobs <- job{ord: ord, path: path}
	})
	close(jobs)
	wg.Wait()
	if walkErr != nil {
		return nil, st, nil, walkErr
	}
	problems = append(problems, walkProblems...)

	// Take away the copies that newer ones replaced. Only the files noted
	// are decoded again.
	if len(superseded) > 0 {
		var changed error
		_ = walk(paths, func(Problem) {}, func(ord int, path string) {
			h, ok := superseded[ord]
			if !ok {
				return
			}
			d := newDecoder(opt.Set, opt.IncludeIncomplete)
			d.scorers.dims = opt.dims()
			d.decrypt = opt.Decrypt
			c := d.decode(path)
			if c.err != nil || keyOf(c.id) != h {
				changed = fmt.Errorf("%s changed while reflect was reading it, so the counts cannot be trusted; run again when the files are not being changed", path)
				return
			}
			agg.add(c, -1)
			delete(superseded, ord)
		})
		if changed == nil && len(superseded) > 0 {
			changed = errors.New("files were added or removed while reflect was reading them, so the counts cannot be trusted; run again")
		}
		if changed != nil {
			return nil, st, nil, changed
		}
	}
	st.Duplicates = valid - seen.len()
	st.Records = agg.records
	st.InProgress = agg.inProgress
	st.Incomplete = agg.incomplete
	st.Overflowing = agg.overflow
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Path < problems[j].Path })
	for _, p := range problems {
		onProblem(p)
	}
	return agg, st, seen, nil
}

// walk calls fn for every candidate file in paths, in a stable order: the
// arguments in the order given, each folder's files in lexical order.
// Folders are searched for *.json and *.age (encrypted) files; hidden files and folders
// (starting with a dot, such as reflect's temporary files) are skipped. A
// file named directly is always read.
func walk(paths []string, onProblem func(Problem), fn func(ord int, path string)) error {
	ord := 0
	found := false
	var unread []string
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			onProblem(Problem{Path: root, Err: describeOSError(err)})
			unread = append(unread, root+": "+describeOSError(err))
			continue
		}
		found = true
		if !fi.IsDir() {
			fn(ord, root)
			ord++
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				onProblem(Problem{Path: p, Err: describeOSError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if l := strings.ToLower(name); d.IsDir() || !(strings.HasSuffix(l, ".json") || strings.HasSuffix(l, ".age")) {
				return nil
			}
			fn(ord, p)
			ord++
			return nil
		})
		if err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("none of the paths given could be read (%s); give record files (.json) or folders that hold them", strings.Join(unread, "; "))
	}
	return nil
}

func describeOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder (check the path; a link to a file that is gone reads so too)"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// contribution is what one record adds to the aggregates.
type contribution struct {
	ord        int
	path       string
	err        error
	id         string
	status     string
	updated    int64
	inProgress bool // not complete, left out
	incomplete bool // not complete, counted (IncludeIncomplete)
	fws        []string
	areas      []areaC
	needs      []needC
	labels     map[levelKey]string
	// wrongFigures is set when the file's stored figures (or its status)
	// are not those its answers give.
	wrongFigures bool
	// groups holds the record's group in each breakdown asked for
	// (Options.By, Options.Period), in that order.
	groups []string
	// rows are the record's rows for the row export, when asked for.
	rows []Row
}

type areaC struct {
	fw, domain, code, title string
	level                   int
	mean100                 int64
	below                   bool
	// gapN competences of the area rated by both the practitioner and the
	// latest review's own ratings, gapSum the sum of self − reviewer.
	gapN, gapSum int
}

type needC struct {
	fw, area, code, statement string
}

type levelKey struct {
	fw    string
	level int
}

var errEmpty = errors.New("the file is empty (a record is a JSON file written by reflect); if it should hold one, use the copy you sent or a backup")

var errNotRecord = errors.New("not a reflect record (not a JSON object with \"format\": \"reflect-record\")")

// decoder reads record files one after another, reusing its buffers; each
// worker has its own.
type decoder struct {
	buf     []byte
	in      *interner
	ex      extracted
	c       contribution
	scorers *scorers
	decrypt func(path string, data []byte) ([]byte, error)
	all     bool // count records that are not complete too
}

func newDecoder(set *framework.Set, all bool) *decoder {
	return &decoder{buf: make([]byte, 0, 128<<10), in: newInterner(), scorers: newScorers(set), all: all}
}

// decode reads one record file and extracts its contribution. The result
// is valid until the next call.
func (d *decoder) decode(path string) *contribution {
	buf, c := d.read(path)
	d.buf = buf
	return c
}

func (d *decoder) read(path string) ([]byte, *contribution) {
	buf := d.buf[:0]
	fail := func(err error) ([]byte, *contribution) {
		d.c = contribution{err: err}
		return buf, &d.c
	}
	// Only regular files (also through a link): opening a named pipe
	// would wait for a writer for ever, and a device may never end.
	if fi, err := os.Stat(path); err != nil {
		return fail(errors.New(describeOSError(err)))
	} else if !fi.Mode().IsRegular() {
		return fail(errors.New("not a regular file"))
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(errors.New(describeOSError(err)))
	}
	defer f.Close()
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		if len(buf) > record.MaxSize+record.MaxSize/64+4096 {
			return fail(fmt.Errorf("larger than the %d MiB limit for records", record.MaxSize>>20))
		}
	}
	if vault.IsEncrypted(buf) {
		if d.decrypt == nil {
			return fail(errors.New("encrypted, and no key was given to open it"))
		}
		plain, err := d.decrypt(path, buf)
		if err != nil {
			return fail(err)
		}
		buf = append(buf[:0], plain...)
	}
	if len(buf) > record.MaxSize {
		return fail(fmt.Errorf("larger than the %d MiB limit for records", record.MaxSize>>20))
	}
	data := bytes.TrimPrefix(buf, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(errEmpty)
	}
	if err := extractInto(&d.ex, data, d.in); err != nil {
		var syn *syntaxError
		if errors.As(err, &syn) {
			return fail(syn.describe(data))
		}
		return fail(err)
	}
	if err := contributionInto(&d.c, &d.ex, d.scorers, d.all); err != nil {
		// A value that does not fit the record's frameworks or schema
		// (a rating off the scale, an unknown status) at file:line:col.
		return fail(record.Locate(path, data, err))
	}
	return buf, &d.c
}
