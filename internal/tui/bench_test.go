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
				sb.WriteString("          - code: " + ac + "." + itoa(c) + "\n            kind: skill\n            statement: An ability to do a fairly long and detailed thing number " + itoa(c) + " that wraps over more than one line at eighty columns\n            items: [one, two]\n")
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
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, unit)
}

// BenchmarkKeystroke is one key (a rating, which moves on, or back) and
// the redraw, on the largest framework. Target: under 1 ms median.
func BenchmarkKeystroke(b *testing.B) {
	set, id := largest(b)
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: id}})
	if err != nil {
		b.Fatal(err)
	}
	sess, _ := assessment.NewSession(plan)
	rec := record.New("r-1", fixedNow, record.Tool{}, plan)
	m := newRoot(Options{Set: set, Session: sess, Record: rec, Save: func(*assessment.Session, *record.Record) error { return nil },
		Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(keyMsg("enter"))
	b.Logf("framework %s: %d items", id, sess.Len())
	keys := []tea.KeyPressMsg{keyMsg("2"), keyMsg("left"), keyMsg("right")}
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		m.Update(keys[i%3])
		_ = m.View()
		ds = append(ds, time.Since(start))
		if sess.Cursor >= sess.Len()-2 {
			sess.Goto(0)
		}
	}
	reportMedian(b, ds, "ms-median")
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
