package team

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/parquet-go/parquet-go"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/workforce"
)

// The row export: one row per record and competence, for warehouses
// (DuckDB, Spark, BigQuery, a trust's own). It is pseudonymised, not
// anonymous: each record is named by an HMAC-SHA256 of its id under a key
// the organisation holds, so rows of the same record can be put together
// and matched again by whoever holds the key, and by nobody else. It
// holds no name, no registration number, no note, reflection or plan, and
// nothing a person typed: their profession, role and setting are
// workforce's classes, and their dates only the year and quarter.
//
// The export streams: a first pass finds which copy of each record counts
// (the newest, as for the report), a second writes that copy's rows, in
// walk order, as it is read.

// Row is one record × competence.
type Row struct {
	Pseudonym      string  `parquet:"pseudonym" json:"pseudonym"`
	Framework      string  `parquet:"framework,dict" json:"framework"`
	Domain         string  `parquet:"domain,dict" json:"domain"`
	Area           string  `parquet:"area,dict" json:"area"`
	Competence     string  `parquet:"competence,dict" json:"competence"`
	Rating         *int32  `parquet:"rating,optional" json:"rating"`
	NAReason       *string `parquet:"na_reason,optional,dict" json:"na_reason"`
	Flagged        bool    `parquet:"flagged" json:"flagged"`
	Target         *int32  `parquet:"target,optional" json:"target"`
	ReviewerRating *int32  `parquet:"reviewer_rating,optional" json:"reviewer_rating"`
	Profession     string  `parquet:"profession,dict" json:"profession"`
	Role           string  `parquet:"role,dict" json:"role"`
	Setting        string  `parquet:"setting,dict" json:"setting"`
	Year           *int32  `parquet:"year,optional" json:"year"`
	Quarter        *string `parquet:"quarter,optional,dict" json:"quarter"`
	Complete       bool    `parquet:"complete" json:"complete"`
}

// RowSink receives rows, in order.
type RowSink interface {
	Write(rows []Row) error
	Close() error
}

// Row formats.
const (
	RowsParquet = "parquet"
	RowsNDJSON  = "ndjson"
)

// NewRowSink writes rows as Parquet (zstd, row groups of rowsPerGroup) or
// NDJSON to w.
func NewRowSink(w io.Writer, format string) (RowSink, error) {
	switch format {
	case RowsParquet:
		return &parquetSink{w: parquet.NewGenericWriter[Row](w, parquet.Compression(&smallZstd{}), parquet.CreatedBy("reflect", "", ""),
			parquet.MaxRowsPerRowGroup(rowsPerGroup))}, nil
	case RowsNDJSON:
		bw := bufio.NewWriterSize(w, 64<<10)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &ndjsonSink{bw: bw, enc: enc}, nil
	}
	return nil, fmt.Errorf("rows can be written as %s or %s, not %q", RowsParquet, RowsNDJSON, format)
}

// rowWriterKeeps is what the row export's second pass is allowed to keep
// beyond heapRoom: the Parquet writer's buffers.
const rowWriterKeeps = 20 << 20

// rowsPerGroup bounds what the Parquet writer holds in memory.
const rowsPerGroup = 64 << 10

type parquetSink struct {
	w *parquet.GenericWriter[Row]
	n int
}

func (p *parquetSink) Write(rows []Row) error {
	if _, err := p.w.Write(rows); err != nil {
		return err
	}
	p.n += len(rows)
	if p.n >= rowsPerGroup {
		p.n = 0
		return p.w.Flush()
	}
	return nil
}

func (p *parquetSink) Close() error { return p.w.Close() }

type ndjsonSink struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func (s *ndjsonSink) Write(rows []Row) error {
	for i := range rows {
		if err := s.enc.Encode(&rows[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *ndjsonSink) Close() error { return s.bw.Flush() }

// MinKeyBytes is the shortest pseudonym key accepted.
const MinKeyBytes = 16

// Pseudonym is the record's name in the row export: the first 128 bits of
// HMAC-SHA256(key, id), in hex.
func Pseudonym(key []byte, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// rowsOf builds a counted record's rows (without the pseudonym). It is
// called by contributionInto when the decoder makes rows.
func rowsOf(c *contribution, r *extracted, scores *assessment.Scores, cache *scorers) {
	targets := map[string]int{}
	for _, a := range scores.Areas {
		if a.Target > 0 {
			targets[a.Framework+"\x00"+a.Code] = a.Target
		}
	}
	reviewer := map[string]int{}
	for _, rt := range r.reviewRatings {
		reviewer[rt.Code] = rt.Rating
	}
	base := Row{Profession: workforce.Professions.Classify(r.profession), Role: workforce.Roles.Classify(r.role),
		Setting: workforce.Settings.Classify(r.setting), Complete: !c.incomplete}
	if y := groupOf(ByYear, r); y != groupNotStated {
		var n int32
		fmt.Sscan(y, &n)
		q := groupOf(ByQuarter, r)
		base.Year, base.Quarter = &n, &q
	}
	set := cache.set
	for _, a := range r.answers {
		comp := set.Competence(a.Code)
		owner := set.Owner(a.Code)
		if comp == nil || owner == nil || comp.Area == nil {
			continue // an answer to a competence a changed framework no longer has
		}
		row := base
		row.Framework, row.Area, row.Competence, row.Flagged = owner.ID, comp.Area.Code, a.Code, a.Flag
		if comp.Area.Domain != nil {
			row.Domain = comp.Area.Domain.Code
		}
		if a.Rating > 0 {
			row.Rating = i32(a.Rating)
		}
		if a.NA {
			reason := a.NAReason
			row.NAReason = &reason
		}
		if t := targets[owner.ID+"\x00"+comp.Area.Code]; t > 0 {
			row.Target = i32(t)
		}
		if v := reviewer[a.Code]; v > 0 {
			row.ReviewerRating = i32(v)
		}
		c.rows = append(c.rows, row)
	}
}

// ExportRows writes one row per record and competence of the records
// counted (the newest copy of each; complete ones unless
// IncludeIncomplete) to sink, pseudonymised with key. It reads the files
// twice: once to find the copies that count, once to write them. Skipped
// files are passed to onProblem.
func ExportRows(paths []string, opt Options, key []byte, sink RowSink, onProblem func(Problem)) (Stats, int64, error) {
	if len(key) < MinKeyBytes {
		return Stats{}, 0, fmt.Errorf("the pseudonym key is %d bytes; it must be at least %d (32 random bytes is usual)", len(key), MinKeyBytes)
	}
	opt.By, opt.Period = nil, ""
	_, st, seen, err := run(paths, opt, onProblem)
	if err != nil {
		return st, 0, err
	}
	winners := make([]uint64, (st.Files+63)/64)
	seen.each(func(_ uint64, e seenEntry) {
		if e.ord/64 < len(winners) {
			winners[e.ord/64] |= 1 << (e.ord % 64)
		}
	})
	seen = nil // the bitmap is all the second pass needs
	heap := guardHeap()
	defer heap.done()
	// What the second pass keeps is the writer's: a Parquet row group's
	// column buffers, pages and encoders (about 10–20 MB). Counted as kept,
	// so the collector is not run for every megabyte of garbage (at 20 MB
	// of room alone it ran a thousand times over 100,000 records).
	heap.tableGrew(rowWriterKeeps)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		ord  int
		path string
	}
	type result struct {
		ord  int
		rows []Row
		err  error
	}
	jobs := make(chan job, workers*2)
	results := make(chan result, workers*2)
	// At most inFlight records between being read and being written, so
	// the rows held waiting for their turn stay bounded.
	const inFlight = 64
	tokens := make(chan struct{}, inFlight)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := newDecoder(opt.Set, opt.IncludeIncomplete)
			d.scorers.rows = true
			d.decrypt = opt.Decrypt
			for j := range jobs {
				c := d.decode(j.path)
				res := result{ord: j.ord}
				switch {
				case c.err != nil:
					res.err = fmt.Errorf("%s changed while reflect was reading it (%v); run again when the files are not being changed", j.path, c.err)
				case !c.inProgress:
					p := Pseudonym(key, c.id)
					res.rows = make([]Row, len(c.rows))
					for i, row := range c.rows {
						row.Pseudonym = p
						res.rows[i] = row
					}
				}
				results <- res
			}
		}()
	}
	go func() {
		_ = walk(paths, func(Problem) {}, func(ord int, path string) {
			if ord/64 < len(winners) && winners[ord/64]&(1<<(ord%64)) != 0 {
				tokens <- struct{}{}
				jobs <- job{ord: ord, path: path}
			}
		})
		close(jobs)
		wg.Wait()
		close(results)
	}()
	// Write in walk order: hold results that come early until their turn.
	pending := map[int]result{}
	next := 0
	var written int64
	var firstErr error
	advance := func() {
		for next < st.Files {
			if next/64 >= len(winners) || winners[next/64]&(1<<(next%64)) == 0 {
				next++
				continue
			}
			res, ok := pending[next]
			if !ok {
				return
			}
			delete(pending, next)
			<-tokens
			next++
			if firstErr == nil && res.err != nil {
				firstErr = res.err
			}
			if firstErr == nil && len(res.rows) > 0 {
				if err := sink.Write(res.rows); err != nil {
					firstErr = err
				}
				written += int64(len(res.rows))
			}
		}
	}
	for res := range results {
		pending[res.ord] = res
		advance()
	}
	advance()
	if firstErr == nil && len(pending) > 0 {
		firstErr = fmt.Errorf("files were added or removed while reflect was reading them; run again")
	}
	if err := sink.Close(); firstErr == nil {
		firstErr = err
	}
	return st, written, firstErr
}
