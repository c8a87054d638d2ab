package tui

import (
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	rframeworks "github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/session"
	"github.com/reflect-cpd/reflect/internal/store"
)

// largest returns the embedded framework with the most competences, or a
// generated 200-item framework when none is embedded.
func largest(b *testing.B) (*framework.Set, string) {
	b.Helper()
	set, err := framework.LoadFS(rframeworks.FS(), "embedded")
	if err == nil && len(set.Frameworks()) > 0 {
		best, n := "", 0
		for _, f := range set.Frameworks() {
			if _, _, c := f.Count(); c > n {
				best, n = f.ID, c
			}
		}
		return set, best
	}
	return generated(b, 200), "gen"
}

// generated builds a framework of n competences in 20 areas.
func generated(b *testing.B, n int) *framework.Set {
	var sb strings.Builder
	sb.WriteString("schema: 1\nid: gen\ntitle: Generated\nshort_title: Gen\nversion: 1.0.0\npopulation: test\npublisher: test\n")
	sb.WriteString("provenance: {based_on: test, wording: tool, notice: generated for a benchmark}\ndomains:\n")
	per := n / 20
	for d := 1; d <= 4; d++ {
		sb.WriteString("  - code: GEN." + itoa(d) + "\n    title: Domain " + itoa(d) + "\n    areas:\n")
		for a := 1; a <= 5; a++ {
			ac := "GEN." + itoa(d) + "." + itoa(a)
			sb.WriteString("      - code: " + ac + "\n        title: Area " + ac + "\n        expect: You can expect things.\n        competences:\n")
			for c := 1; c <= per; c++ {
				sb.WriteString("          - code: " + ac + "." + itoa(c) + "\n            kind: skill\n            statement: An ability to do a fairly long and detailed thing number " + ac + "." + itoa(c) + " that wraps over more than one line at eighty columns\n            items: [one, two]\n")
			}
		}
	}
	f, probs := framework.Parse("gen.yaml", []byte(sb.String()))
	if len(probs) > 0 {
		b.Fatal(probs)
	}
	set, probs := framework.NewSet(f)
	if len(probs) > 0 {
		b.Fatal(probs)
	}
	return set
}

func reportMedian(b *testing.B, ds []time.Duration, unit string) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1e6, unit)
}

// BenchmarkKeystroke is one key (a rating, which moves on, or back) and
// the redraw, with the real save: each change staged through
// internal/session into a journal in a temporary data folder (appended and
// fsynced off the keystroke path, as Bubble Tea runs the wait as a
// command) and the record rewritten every so many changes. On the largest
// shipped framework and on a generated one of 2,000 competences.
// ms-median is Update+View (target: under 1 ms); ack-ms-median is from the
// key to the write being acknowledged (the journal's append and fsync,
// and the rewrites among them), reported on its own.
func BenchmarkKeystroke(b *testing.B) {
	set, id := largest(b)
	b.Run("largest", func(b *testing.B) { benchKeystroke(b, set, id) })
	b.Run("gen2000", func(b *testing.B) { benchKeystroke(b, generated(b, 2000), "gen") })
}

func benchKeystroke(b *testing.B, set *framework.Set, id string) {
	st := store.New(b.TempDir())
	s, err := session.Start(session.Options{Store: st}, set, []assessment.Scope{{Framework: id}}, "r-00000000000000be", record.Practitioner{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sess := s.Sess
	m := newRoot(Options{Set: set, Session: sess, Record: s.Rec,
		Stage: func(*assessment.Session, *record.Record) func() error { return s.Stage() },
		Save:  func(*assessment.Session, *record.Record) error { return s.Save() },
		Now:   func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(keyMsg("enter"))
	b.Logf("framework %s: %d items", id, sess.Len())
	keys := []tea.KeyPressMsg{keyMsg("2"), keyMsg("left"), keyMsg("right")}
	ds := make([]time.Duration, 0, b.N)
	var mu sync.Mutex
	acks := make([]time.Duration, 0, b.N)
	var wg sync.WaitGroup
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		_, cmd := m.Update(keys[i%3])
		_ = m.View()
		ds = append(ds, time.Since(start))
		if cmd != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, msg := range runCmd(cmd) {
					if _, ok := msg.(savedMsg); ok {
						mu.Lock()
						acks = append(acks, time.Since(start))
						mu.Unlock()
					}
				}
			}()
		}
		if sess.Cursor >= sess.Len()-2 {
			sess.Goto(0)
		}
	}
	wg.Wait()
	b.StopTimer()
	reportMedian(b, ds, "ms-median")
	reportMedian(b, acks, "ack-ms-median")
}

// firstFrame is a writer that notes when the first frame is drawn.
type firstFrame struct {
	mu   sync.Mutex
	buf  strings.Builder
	at   time.Time
	done chan struct{}
}

func (f *firstFrame) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.buf.Write(p)
	if f.at.IsZero() && strings.Contains(f.buf.String(), "116 123") {
		f.at = time.Now()
		close(f.done)
	}
	return len(p), nil
}

// BenchmarkFirstFrame is the time from Run to the first frame on the
// screen (the content note). Target: under 50 ms.
func BenchmarkFirstFrame(b *testing.B) {
	set, _ := largest(b)
	ds := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		in, inW := io.Pipe()
		out := &firstFrame{done: make(chan struct{})}
		start := time.Now()
		errc := make(chan error, 1)
		go func() {
			_, err := Run(Options{Set: set, In: in, Out: out, Width: 80, Height: 24, NoColor: true,
				Start: func([]assessment.Scope) (*assessment.Session, *record.Record, error) { return nil, nil, io.EOF }})
			errc <- err
		}()
		select {
		case <-out.done:
		case <-time.After(5 * time.Second):
			b.Fatal("no first frame in 5 s")
		}
		ds = append(ds, out.at.Sub(start))
		_, _ = inW.Write([]byte("q"))
		if err := <-errc; err != nil {
			b.Fatal(err)
		}
		_ = inW.Close()
	}
	reportMedian(b, ds, "ms-median")
}
