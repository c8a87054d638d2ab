package interop

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// BenchmarkImport is 'reflect frameworks import' on generated files, in
// both formats: a chain 100,000 entries deep (refused, naming the first
// entry beyond MaxDepth; the target is under 2 s), a chain MaxDepth deep,
// and a wide framework of 10,000 competences (read, fitted, written as
// YAML and parsed and validated again, as the command does).
//
// Each sub-benchmark also reads its file with the standard library alone
// (what BenchmarkImportFloor does), timed in the same run, and reports the
// ratio as x-floor: the import's cost beside the least any program pays
// to read the same bytes. Run it with
//
//	go test ./internal/interop -run '^$' -bench 'BenchmarkImport$' -benchtime 3x
func BenchmarkImport(b *testing.B) {
	for _, format := range Formats {
		for _, in := range benchInputs(format) {
			b.Run(fmt.Sprintf("%s-%s", format, in.name), func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				var floor time.Duration
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					start := time.Now()
					readFloor(b, format, in.data)
					floor += time.Since(start)
					b.StartTimer()
					f, rep, err := Import(format, "bench", in.data, Options{})
					if in.refused {
						if err == nil {
							b.Fatal("a file deeper than MaxDepth was imported")
						}
						continue
					}
					if err != nil {
						b.Fatal(err)
					}
					y, err := MarshalYAML(f, rep.Lines())
					if err != nil {
						b.Fatal(err)
					}
					g, probs := framework.Parse("bench.yaml", y)
					if len(probs) == 0 {
						probs = framework.Validate(g)
					}
					if len(probs) > 0 {
						b.Fatal(probs[0])
					}
				}
				if floor > 0 {
					b.ReportMetric(float64(b.Elapsed())/float64(floor), "x-floor")
				}
			})
		}
	}
}

// BenchmarkImportFloor reads BenchmarkImport's files with encoding/csv or
// encoding/json into generic values and nothing more: the floor an
// import's time sits above.
func BenchmarkImportFloor(b *testing.B) {
	for _, format := range Formats {
		for _, in := range benchInputs(format) {
			b.Run(fmt.Sprintf("%s-%s", format, in.name), func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				for i := 0; i < b.N; i++ {
					readFloor(b, format, in.data)
				}
			})
		}
	}
}

// readFloor reads data with encoding/csv or encoding/json into generic
// values and nothing more.
func readFloor(b *testing.B, format string, data []byte) {
	if format == FormatMoodleCSV {
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		if _, err := r.ReadAll(); err != nil {
			b.Fatal(err)
		}
		return
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		b.Fatal(err)
	}
}

type benchInput struct {
	name    string
	data    []byte
	refused bool
}

func benchInputs(format string) []benchInput {
	return []benchInput{
		{"deep-100000", chain(format, 100000), true},
		{fmt.Sprintf("deep-%d", MaxDepth), chain(format, MaxDepth), false},
		{"wide-10000", wide(format, 10000), false},
	}
}
