package team_test

import (
	"bytes"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/team"
)

// generate writes n complete records into dir (recordtest.WriteRecords,
// as reflect-bench does) and returns the total size written.
func generate(tb testing.TB, dir string, set *framework.Set, scopes []assessment.Scope, n int) int64 {
	size, err := recordtest.WriteRecords(dir, set, scopes, n)
	if err != nil {
		tb.Fatal(err)
	}
	return size
}

type corpus struct {
	name   string
	set    *framework.Set
	scopes []assessment.Scope
}

// corpora are the frameworks to benchmark: the test framework, and each
// shipped framework (all its areas) when present.
func corpora(tb testing.TB) []corpus {
	out := []corpus{{"mini", recordtest.Mini(tb), []assessment.Scope{{Framework: "mini", Profile: "specialist"}}}}
	if set := recordtest.Embedded(); set != nil {
		for _, f := range set.Frameworks() {
			out = append(out, corpus{f.ID, set, []assessment.Scope{{Framework: f.ID}}})
		}
	}
	return out
}

// BenchmarkTeam runs the team analysis over 10,000 generated records.
// Target: under 2 s per run on a 2-core machine.
func BenchmarkTeam(b *testing.B) {
	const n = 10_000
	for _, c := range corpora(b) {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			size := generate(b, dir, c.set, c.scopes, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				agg, st, err := team.Run([]string{dir}, team.Options{Set: c.set}, nil)
				if err != nil || st.Records != n {
					b.Fatalf("records %d, err %v", st.Records, err)
				}
				var buf bytes.Buffer
				if err := team.Text(&buf, agg.Report(st), 80); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/record")
		})
	}
}
