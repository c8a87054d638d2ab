package testfixture

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// TB is the part of testing.TB that Golden uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Golden compares got with the golden file at path (relative to the test's
// folder, usually under testdata/golden) and reports the first line that
// differs. With update (a test's -update flag) it writes got to path
// instead, for a person to review in the diff.
func Golden(tb TB, path string, got []byte, update bool) {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatalf("%v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatalf("%v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the golden file (run go test -update and review the diff):\n%s", path, FirstDiff(string(want), string(got)))
	}
}

// FirstDiff describes the first line where got differs from want.
func FirstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(same lines; different bytes)"
}
