package store

import (
	"slices"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/assessment"
)

type benchKeys []age.Identity

func (k benchKeys) Identities() ([]age.Identity, error) { return k, nil }

// BenchmarkJournalAppend is the journal's part of a keystroke on its own:
// one change (an answer and the position) sealed, appended and fsynced,
// in a plain and in an encrypted data folder. ms-median is per change.
func BenchmarkJournalAppend(b *testing.B) {
	for _, enc := range []bool{false, true} {
		name := "plain"
		if enc {
			name = "encrypted"
		}
		b.Run(name, func(b *testing.B) {
			s := New(b.TempDir())
			if enc {
				id, _ := age.GenerateX25519Identity()
				s.Keys = benchKeys{id}
				if _, err := s.SetEncryption(true, id.Recipient().String()); err != nil {
					b.Fatal(err)
				}
			}
			j, err := s.OpenJournal("r-00000000000000b1")
			if err != nil {
				b.Fatal(err)
			}
			defer j.Close()
			pos := "ADU.3.2.4"
			ds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				c := Change{Record: "r-00000000000000b1", Seq: int64(i + 1), At: time.Now(), Position: &pos,
					Answers: []assessment.Answer{{Code: "ADU.3.2.3", Rating: 1 + i%4}}}
				line, err := j.Seal(&c)
				if err != nil {
					b.Fatal(err)
				}
				if err := j.Append(line); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds())/1e6, "ms-median")
		})
	}
}
