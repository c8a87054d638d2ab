package team

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// BenchmarkExtract is the record scanner alone, on one goroutine, over 25
// generated complete records of the largest shipped framework (cyp): the
// part of `reflect team` that takes most of its time. MB/s is the rate at
// which it reads record bytes.
func BenchmarkExtract(b *testing.B) {
	set := recordtest.Embedded()
	if set == nil {
		b.Fatal("the shipped frameworks did not load")
	}
	dir := b.TempDir()
	if _, err := recordtest.WriteRecords(dir, set, []assessment.Scope{{Framework: "cyp"}}, 25); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	var recs [][]byte
	var size int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, data)
		size += int64(len(data))
	}
	if len(recs) != 25 {
		b.Fatalf("%d records generated, want 25", len(recs))
	}
	in := newInterner()
	var out extracted
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range recs {
			if err := extractInto(&out, data, in); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractAndScore is BenchmarkExtract plus what team now does
// with each record: check its answers and work its figures out from them
// (record.Scorer, cached per kind of record). Beside BenchmarkExtract, it
// shows what working the figures out costs.
func BenchmarkExtractAndScore(b *testing.B) {
	set := recordtest.Embedded()
	if set == nil {
		b.Fatal("the shipped frameworks did not load")
	}
	dir := b.TempDir()
	if _, err := recordtest.WriteRecords(dir, set, []assessment.Scope{{Framework: "cyp"}}, 25); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	var recs [][]byte
	var size int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, data)
		size += int64(len(data))
	}
	in := newInterner()
	cache := newScorers(set)
	var out extracted
	var c contribution
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range recs {
			if err := extractInto(&out, data, in); err != nil {
				b.Fatal(err)
			}
			if err := contributionInto(&c, &out, cache, false); err != nil || c.inProgress || len(c.areas) == 0 {
				b.Fatalf("contribution: %v (in progress %v, %d areas)", err, c.inProgress, len(c.areas))
			}
		}
	}
}
