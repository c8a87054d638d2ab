package store

import (
	"os"
	"strings"
	"testing"
)

// FuzzReadJournal: whatever a journal file holds (cut short, damaged,
// deep or wide JSON), reading and applying it returns changes or damage,
// never a panic; what was read applies to a record; damage names a line
// of the file.
func FuzzReadJournal(f *testing.F) {
	ok := `{"record":"r-00000000000000f1","seq":1,"at":"2026-03-05T10:00:00Z","answers":[{"code":"MINI.1.1.1","rating":2}],"position":"MINI.1.1.2"}` + "\n"
	f.Add([]byte(ok))
	f.Add([]byte(ok + ok[:40]))
	f.Add([]byte(ok + `{"record":"r-00000000000000f1","seq":2,"set":{"reflection":{"sections":[{"key":"what","text":"x"}]},"draft":null}}` + "\n"))
	f.Add([]byte("age:AAAA\n"))
	f.Add([]byte(`{"record":"r-00000000000000f1","set":{"plan":` + strings.Repeat("[", 5000) + "}}\n"))
	f.Add([]byte("\n\n\r\n"))
	base, _ := miniRecord(f, "r-00000000000000f1")
	f.Fuzz(func(t *testing.T, data []byte) {
		s := New(t.TempDir())
		if err := s.ensure(); err != nil {
			t.Fatal(err)
		}
		id := "r-00000000000000f1"
		if err := os.WriteFile(s.JournalPath(id), data, 0o600); err != nil {
			t.Fatal(err)
		}
		changes, dmg, err := s.ReadJournal(id)
		if err != nil {
			return // e.g. an encrypted line with no keys
		}
		if dmg != nil {
			if n := strings.Count(string(data), "\n") + 1; dmg.Line < 1 || dmg.Line > n {
				t.Fatalf("damage at line %d of a %d-line file", dmg.Line, n)
			}
			_ = dmg.Error()
		}
		r := *base
		r.Answers = append(r.Answers[:0:0], base.Answers...)
		ApplyJournal(&r, changes, s.JournalPath(id))
	})
}
