package testfixture

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type fakeTB struct{ errors, fatals []string }

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, a ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, a...))
}
func (f *fakeTB) Fatalf(format string, a ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, a...))
}

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "golden", "x.txt")

	var missing fakeTB
	Golden(&missing, path, []byte("a\n"), false)
	if len(missing.fatals) != 1 || !strings.Contains(missing.fatals[0], "-update") {
		t.Errorf("missing golden file: fatals %q", missing.fatals)
	}

	var upd fakeTB
	Golden(&upd, path, []byte("a\nb\n"), true)
	if data, err := os.ReadFile(path); err != nil || string(data) != "a\nb\n" || len(upd.errors)+len(upd.fatals) > 0 {
		t.Fatalf("update wrote %q, %v; reported %q %q", data, err, upd.errors, upd.fatals)
	}

	var same fakeTB
	Golden(&same, path, []byte("a\nb\n"), false)
	if len(same.errors)+len(same.fatals) > 0 {
		t.Errorf("same bytes reported %q %q", same.errors, same.fatals)
	}

	var diff fakeTB
	Golden(&diff, path, []byte("a\nc\n"), false)
	if len(diff.errors) != 1 || !strings.Contains(diff.errors[0], "line 2:\n  want: b\n  got:  c") {
		t.Errorf("a changed line: errors %q", diff.errors)
	}
}

func TestFirstDiff(t *testing.T) {
	for _, tc := range []struct{ want, got, say string }{
		{"a\nb", "a\nb\nc", "line 3:\n  want: \n  got:  c"},
		{"x", "y", "line 1:\n  want: x\n  got:  y"},
		{"a\r\n", "a\n", "line 1:\n  want: a\r\n  got:  a"},
		{"a", "a", "(same lines; different bytes)"},
	} {
		if got := FirstDiff(tc.want, tc.got); got != tc.say {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", tc.want, tc.got, got, tc.say)
		}
	}
}
