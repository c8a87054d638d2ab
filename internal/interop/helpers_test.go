package interop

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/testfixture"
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
	testfixture.Golden(t, filepath.Join("testdata", "golden", name), got, *update)
}
