package cpdlog

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
)

func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"6", "6.5", "6:30", "6h30", "1 hour and 15 minutes", "NaN", "-0", "1e308", "0x1p3", "6h 30m 20m 10m 5m", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseHours(s)
		if err != nil {
			if v != 0 {
				t.Fatalf("error with a value: %v", v)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > MaxHours {
			t.Fatalf("ParseHours(%q) = %v", s, v)
		}
		// What FormatHours writes reads back as the same hours.
		if w, err := ParseHours(FormatHours(v)); err != nil || math.Abs(w-v) > 0.01 {
			t.Fatalf("round trip %q: %v -> %q -> %v %v", s, v, FormatHours(v), w, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-05", "today", "5/3/2026", "2026-02-29", "0000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, t0)
		if err != nil {
			return
		}
		if _, err := time.Parse(DateLayout, d); err != nil {
			t.Fatalf("ParseDate(%q) = %q, not a date", s, d)
		}
	})
}

// FuzzLog feeds Parse and Verify any bytes: neither panics, Verify reads
// every line, and a log that Parse reads and Verify passes can be appended
// to and still verifies.
func FuzzLog(f *testing.F) {
	data, _ := appendAllF(5)
	f.Add(data)
	f.Add(bytes.Replace(data, []byte(`"hours":6`), []byte(`"hours":7`), 1))
	f.Add([]byte("{}\n\n{\"event\":{},\"digest\":\"\"}\n"))
	f.Add([]byte(strings.Repeat(`{"event":{"item":{"evidence":[`, 50)))
	f.Fuzz(func(t *testing.T, data []byte) {
		v := Verify(data, "sha256:x")
		if n := len(splitLines(data)); v.Lines != n {
			t.Fatalf("Verify read %d of %d lines", v.Lines, n)
		}
		l, err := Parse("fuzz", data)
		if err != nil {
			return
		}
		if !v.OK() {
			return
		}
		out, _, err := l.Append(OpAdd, l.NewID(KindFeedback), &Item{Kind: KindFeedback, Date: "2026-01-01"}, "", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), "fuzz")
		if err != nil {
			t.Fatal(err)
		}
		if v2 := Verify(out, ""); !v2.OK() {
			t.Fatalf("appending to a good log broke it: %v", v2.Breaks)
		}
	})
}

func appendAllF(n int) ([]byte, *Log) {
	l, _ := Parse("log", nil)
	var data []byte
	for i := 0; i < n; i++ {
		it := activity()
		data, _, _ = l.Append(OpAdd, l.NewID(KindActivity), it, "", t0.Add(time.Duration(i)*time.Hour), "test")
	}
	return data, l
}
