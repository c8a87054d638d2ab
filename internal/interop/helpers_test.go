package interop

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/framework"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// repoRoot finds the module root by walking up to go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.Contains(data, []byte("module github.com/reflect-cpd/reflect")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("cannot find the module root (go.mod) above the test's folder")
		}
		dir = parent
	}
}

// sharedInterop returns the folder of real third-party files that sits
// beside the repository (../shared/interop), or skips the test.
func sharedInterop(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(repoRoot(t)), "shared", "interop")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skipf("no real interop files at %s; skipping", dir)
	}
	return dir
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// embedded loads the frameworks built into reflect plus the mini test
// framework, as one set.
func embedded(t testing.TB) *framework.Set {
	t.Helper()
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatalf("the embedded frameworks do not load: %v", err)
	}
	return set
}

func mini(t testing.TB) *framework.Framework {
	t.Helper()
	f, probs := framework.Parse("mini.yaml", fixture(t, "frameworks/mini.yaml"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return f
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff):\n%s", name, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
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
