package record

import (
	"os"
	"strings"
	"testing"
)

func TestDuplicateKey(t *testing.T) {
	tests := []struct {
		json, name, earlier string
		off                 int // -1: none
	}{
		{`{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}`, "", "", -1},
		{`{"a":1,"a":2}`, "a", "a", 7},
		{`{"x":{"a":1,"b":"{\"a\":1}","a":3}}`, "a", "a", 28},
		{`{"a\"b":1,"a\u0022b":2}`, `a"b`, `a"b`, 10},
		{`{"status":1,"STATUS":2}`, "STATUS", "status", 12},
		{`{"k":1,"\u212a":2}`, "\u212a", "k", 7}, // Kelvin sign folds to k, as encoding/json matches it
		{`["a","a",{"a":[{"a":1}],"b":{"a":1}}]`, "", "", -1},
		{`{"a":"}","b":"]","c":{"a":1},"a":2}`, "a", "a", 29},
	}
	for _, tt := range tests {
		off, name, earlier, found := duplicateKey([]byte(tt.json))
		if tt.off < 0 {
			if found {
				t.Errorf("%s: found %q at %d, want none", tt.json, name, off)
			}
			continue
		}
		if !found || off != tt.off || name != tt.name || earlier != tt.earlier {
			t.Errorf("%s: got %q (earlier %q) at %d, found %v; want %q (%q) at %d", tt.json, name, earlier, off, found, tt.name, tt.earlier, tt.off)
		}
	}
}

func BenchmarkDecodeFull(b *testing.B) {
	data := mustRead(b, "../../testdata/records/full.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode("full.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func BenchmarkDuplicateKeyFull(b *testing.B) {
	data := mustRead(b, "../../testdata/records/full.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		duplicateKey(data)
	}
}

func TestWrongTypeColumnPointsAtTheValue(t *testing.T) {
	head := `{"format":"reflect-record","schema_version":1,"id":"r-1",`
	for _, tt := range []struct{ tail, want string }{
		{`"status": 3}`, ":1:68:"},
		{`"status": [1, 2]}`, ":1:68:"},
		{`"status": {"a": 1}}`, ":1:68:"},
		{`"answers": "x\"y"}`, ":1:69:"},
		{`"status": true}`, ":1:68:"},
	} {
		_, err := Decode("r.json", []byte(head+tt.tail))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %s", tt.tail, err, tt.want)
		}
	}
}
