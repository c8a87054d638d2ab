package curriculum

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
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// testSet is the mini framework and the "other" framework that links into it.
func testSet(t testing.TB) *framework.Set {
	t.Helper()
	var fws []*framework.Framework
	for _, p := range []string{testfixture.Path("testdata", "frameworks", "mini.yaml"), filepath.Join("testdata", "other.yaml")} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, probs := framework.Parse(filepath.Base(p), data)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		fws = append(fws, f)
	}
	set, probs := framework.NewSet(fws...)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

func embeddedSet(t testing.TB) *framework.Set {
	t.Helper()
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatalf("embedded frameworks: %v", err)
	}
	return set
}

// parseString parses a curriculum written in a test.
func parseString(t testing.TB, src string) (*Curriculum, string) {
	t.Helper()
	c, probs := Parse("c.yaml", []byte(src))
	return c, probs.Error()
}

func loadMiniCourse(t testing.TB) (*Curriculum, *framework.Set) {
	t.Helper()
	set := testSet(t)
	cs, err := Load(set, filepath.Join("testdata", "mini-course.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return cs[0], set
}

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
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := 0; i < len(wl) || i < len(gl); i++ {
			var w, g string
			if i < len(wl) {
				w = wl[i]
			}
			if i < len(gl) {
				g = gl[i]
			}
			if w != g {
				t.Fatalf("%s differs from the golden file at line %d (run go test -update and review):\n  want: %s\n  got:  %s", name, i+1, w, g)
			}
		}
		t.Fatalf("%s differs from the golden file", name)
	}
}

func tallyString(t Tally) string {
	return fmt.Sprintf("%d/%d I%d D%d A%d eq%d un%d", t.Covered, t.Competences, t.Strongest[Introduces], t.Strongest[Develops], t.Strongest[Assesses], t.Equivalent, t.Uncovered())
}

func writeFile(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
