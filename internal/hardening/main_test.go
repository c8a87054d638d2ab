package hardening

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/binarytest"
	"github.com/reflect-cpd/reflect/internal/record"
)

var binary string

// TestMain builds the reflect binary once; it also serves as the wrapper
// that runs reflect under a umask or file size limit (binarytest.Wrap).
func TestMain(m *testing.M) { binarytest.Main(m, &binary) }

func root(rel string) string { return filepath.Join("..", "..", rel) }

// reflectCmd runs the binary with data as its data folder.
func run(t *testing.T, data, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return binarytest.Run(t, binarytest.Command(binary, binarytest.Env(data), args...), stdin)
}

var idRE = regexp.MustCompile(`r-[0-9a-f]{16}`)

// recordFiles lists the record files of the data folder (what 'reflect
// list' reads): the visible *.json files.
func recordFiles(t *testing.T, data string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(data, "assessments", "*.json"))
	sort.Strings(files)
	return files
}

// decodeFile reads a record file strictly; any partial or damaged JSON
// fails the test.
func decodeFile(t *testing.T, path string) *record.Record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := record.Decode(path, b)
	if err != nil {
		t.Fatalf("%s does not decode (half-written?): %v", path, err)
	}
	return r
}

// answers is a record's answers as code → "rating/na/flag/note" text.
func answers(r *record.Record) map[string]string {
	m := map[string]string{}
	for _, a := range r.Answers {
		var b strings.Builder
		switch {
		case a.Rating > 0:
			b.WriteString(string(rune('0' + a.Rating)))
		case a.NA:
			b.WriteString("na:" + a.NAReason)
		}
		if a.Flag {
			b.WriteString(" flag")
		}
		if a.Note != "" {
			b.WriteString(" note:" + a.Note)
		}
		if s := b.String(); s != "" {
			m[a.Code] = s
		}
	}
	return m
}

// diff lists the codes whose answers differ between two snapshots.
func diff(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if b[k] != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameBytes(a, b []byte) bool { return bytes.Equal(a, b) }
