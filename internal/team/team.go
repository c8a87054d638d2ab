// Package team builds an anonymous training-needs analysis over many CPD
// records: per area, how many people assessed it, the spread of levels,
// the share below target, and the needs most common across the team.
//
// # Streaming
//
// Records are read one at a time and only aggregates are kept: counts per
// area, level and competence, bounded by the size of the frameworks, not
// by the number of records. Two passes keep duplicates out:
//
//  1. a quick scan reads only the top of each file (format, id, updated)
//     and remembers, per record id, which file holds the newest copy;
//  2. the files are walked again and only those newest copies are decoded
//     in full (in parallel) and added to the aggregates.
//
// The duplicate table is the one structure that grows with the number of
// records: per distinct record id a 16-byte hash of the id, the update
// time and the file's position in the walk, about 50 bytes with the map's
// overhead (10,000 records: about 0.5 MB; a million: about 50 MB).
//
// # Anonymity
//
// No name, id or file name appears in a report (unreadable files are
// listed to the person running the command, on standard error, never in
// the report). Any count describing fewer than MinGroup people is
// suppressed; see Suppress for the rules, including secondary suppression.
package team

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
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
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
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
}

// Problem is a file that was skipped, with the reason.
type Problem struct {
	Path string
	Err  string
}

// Stats count what was read.
type Stats struct {
	Files       int // candidate files found
	Duplicates  int // older copies of a record also found elsewhere
	Unreadable  int // files skipped as unreadable or invalid
	InProgress  int // records not yet complete, left out
	Records     int // records counted
	Overflowing bool
}

type idHash [16]byte

func hashID(id string) idHash {
	sum := sha256.Sum256([]byte(id))
	var h idHash
	copy(h[:], sum[:16])
	return h
}

type winner struct {
	ord     int
	updated int64
}

// Run reads the records in paths (files, or folders searched for *.json)
// and returns the aggregates. Skipped files are passed to onProblem (in
// walk order, which is sorted). It fails only when no path can be read.
func Run(paths []string, opt Options, onProblem func(Problem)) (*Aggregate, Stats, error) {
	if onProblem == nil {
		onProblem = func(Problem) {}
	}
	var st Stats
	bad := map[int]bool{} // ordinals already reported; bounded by the bad files
	winners := map[idHash]winner{}
	hasDup := map[idHash]bool{} // bounded by the number of duplicates
	valid := 0
	err := walk(paths, onProblem, func(ord int, path string) {
		st.Files++
		id, updated, err := scanHeader(path)
		if err != nil {
			bad[ord] = true
			onProblem(Problem{Path: path, Err: err.Error()})
			return
		}
		valid++
		h := hashID(id)
		w, ok := winners[h]
		if ok {
			hasDup[h] = true
		}
		if !ok || updated > w.updated {
			winners[h] = winner{ord: ord, updated: updated}
		}
	})
	if err != nil {
		return nil, st, err
	}
	st.Unreadable = len(bad)
	chosen := make(map[int]idHash, len(winners))
	for h, w := range winners {
		chosen[w.ord] = h
	}
	winners = nil

	agg := newAggregate(opt)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		ord  int
		path string
		want idHash
	}
	jobs := make(chan job, workers*2)
	results := make(chan contribution, workers*2)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for j := range jobs {
				var c contribution
				buf, c = decode(j.path, buf)
				c.ord, c.path, c.want = j.ord, j.path, j.want
				if c.err == nil && hashID(c.id) != j.want {
					c.err = errors.New("the file changed while reflect was reading it; run again")
				}
				results <- c
			}
		}()
	}
	go func() {
		_ = walk(paths, func(Problem) {}, func(ord int, path string) {
			if h, ok := chosen[ord]; ok {
				jobs <- job{ord: ord, path: path, want: h}
			}
		})
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var late []Problem
	retry := map[idHash]map[int]bool{} // ids whose newest copy failed, and the copies tried
	take := func(c *contribution) {
		switch {
		case c.err != nil:
			st.Unreadable++
			late = append(late, Problem{Path: c.path, Err: c.err.Error()})
			if hasDup[c.want] {
				if retry[c.want] == nil {
					retry[c.want] = map[int]bool{}
				}
				retry[c.want][c.ord] = true
			}
		case c.status != record.StatusComplete:
			st.InProgress++
		default:
			st.Records++
			agg.add(c)
		}
	}
	for c := range results {
		take(&c)
	}
	// When the newest copy of a record cannot be read, fall back to the
	// newest copy that can. This walks the files again, but only happens
	// when such a copy exists.
	for len(retry) > 0 {
		type cand struct {
			ord     int
			path    string
			updated int64
		}
		best := map[idHash]cand{}
		_ = walk(paths, func(Problem) {}, func(ord int, path string) {
			if bad[ord] {
				return
			}
			id, upd, err := scanHeader(path)
			if err != nil {
				return
			}
			h := hashID(id)
			tried, ok := retry[h]
			if !ok || tried[ord] {
				return
			}
			if b, ok := best[h]; !ok || upd > b.updated {
				best[h] = cand{ord, path, upd}
			}
		})
		var hs []idHash
		for h := range retry {
			if _, ok := best[h]; !ok {
				delete(retry, h)
				continue
			}
			hs = append(hs, h)
		}
		sort.Slice(hs, func(i, j int) bool { return best[hs[i]].ord < best[hs[j]].ord })
		for _, h := range hs {
			cd := best[h]
			_, c := decode(cd.path, nil)
			c.ord, c.path, c.want = cd.ord, cd.path, h
			if c.err == nil && hashID(c.id) != h {
				c.err = errors.New("the file changed while reflect was reading it; run again")
			}
			if c.err == nil {
				delete(retry, h)
			}
			take(&c)
		}
	}
	sort.Slice(late, func(i, j int) bool { return late[i].Path < late[j].Path })
	for _, p := range late {
		onProblem(p)
	}
	// Every file with a readable header was counted, failed to decode, or
	// was an older copy that was never needed: the duplicates.
	st.Duplicates = valid - st.Records - st.InProgress - (st.Unreadable - len(bad))
	st.Overflowing = agg.overflow
	return agg, st, nil
}

// walk calls fn for every candidate file in paths, in a stable order: the
// arguments in the order given, each folder's files in lexical order.
// Folders are searched for *.json files; hidden files and folders
// (starting with a dot, such as reflect's temporary files) are skipped. A
// file named directly is always read.
func walk(paths []string, onProblem func(Problem), fn func(ord int, path string)) error {
	ord := 0
	found := false
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			onProblem(Problem{Path: root, Err: describeOSError(err)})
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
			if d.IsDir() || !strings.HasSuffix(strings.ToLower(name), ".json") {
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
		return errors.New("none of the paths given could be read")
	}
	return nil
}

func describeOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// scanHeader reads the top-level "format", "id" and "updated" of a record
// without decoding the rest: reflect writes them first, so only the first
// few hundred bytes are read.
func scanHeader(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, errors.New(describeOSError(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", 0, err
	}
	if !fi.Mode().IsRegular() {
		return "", 0, errors.New("not a regular file")
	}
	if fi.Size() > record.MaxSize {
		return "", 0, fmt.Errorf("larger than the %d MiB limit for records", record.MaxSize>>20)
	}
	dec := json.NewDecoder(bufio.NewReaderSize(io.LimitReader(f, record.MaxSize), 4096))
	notRecord := errors.New("not a reflect record (not a JSON object with \"format\": \"reflect-record\")")
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", 0, notRecord
	}
	var id, format string
	var updated time.Time
	var haveUpdated bool
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", 0, notRecord
		}
		key, _ := t.(string)
		switch key {
		case "format":
			if err := dec.Decode(&format); err != nil || format != record.Format {
				return "", 0, notRecord
			}
		case "id":
			if err := dec.Decode(&id); err != nil {
				return "", 0, errors.New("the record id is not text")
			}
		case "updated":
			if err := dec.Decode(&updated); err != nil {
				return "", 0, errors.New("the record's updated time is not a valid time")
			}
			haveUpdated = true
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return "", 0, errors.New("the file is not valid JSON")
			}
		}
		if format != "" && id != "" && haveUpdated {
			return id, updated.UnixNano(), nil
		}
	}
	switch {
	case format == "":
		return "", 0, notRecord
	case id == "":
		return "", 0, errors.New("the record has no id")
	}
	return id, 0, nil // no updated time: oldest possible
}

// contribution is what one record adds to the aggregates.
type contribution struct {
	ord    int
	path   string
	want   idHash
	err    error
	id     string
	status string
	fws    []string
	areas  []areaC
	needs  []needC
	labels map[levelKey]string
}

type areaC struct {
	fw, domain, code, title string
	level                   int
	mean100                 int64
	below                   bool
}

type needC struct {
	fw, area, code, statement string
}

type levelKey struct {
	fw    string
	level int
}

// decode reads and strictly decodes one record, reusing buf.
func decode(path string, buf []byte) ([]byte, contribution) {
	f, err := os.Open(path)
	if err != nil {
		return buf, contribution{err: errors.New(describeOSError(err))}
	}
	if cap(buf) == 0 {
		buf = make([]byte, 0, 64<<10)
	}
	buf = buf[:0]
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
			f.Close()
			return buf, contribution{err: err}
		}
		if len(buf) > record.MaxSize {
			break
		}
	}
	f.Close()
	r, err := record.Decode(filepath.Base(path), buf)
	if err != nil {
		return buf, contribution{err: err}
	}
	c := contribution{id: r.ID, status: r.Status}
	if r.Status != record.StatusComplete {
		return buf, c
	}
	if r.Scores == nil {
		return buf, contribution{err: errors.New("the record is marked complete but has no scores")}
	}
	for _, f := range r.Frameworks {
		c.fws = append(c.fws, f.ID)
	}
	for _, a := range r.Scores.Areas {
		if a.Rated == 0 {
			continue
		}
		c.areas = append(c.areas, areaC{fw: a.Framework, domain: a.Domain, code: a.Code, title: a.Title,
			level: a.Level, mean100: int64(a.Mean*100 + 0.5), below: a.BelowTarget()})
		if a.Level > 0 && a.LevelLabel != "" {
			if c.labels == nil {
				c.labels = map[levelKey]string{}
			}
			c.labels[levelKey{a.Framework, a.Level}] = a.LevelLabel
		}
	}
	for _, n := range r.Scores.Needs {
		c.needs = append(c.needs, needC{fw: n.Framework, area: n.Area, code: n.Code, statement: n.Statement})
	}
	return buf, c
}
