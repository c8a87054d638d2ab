package curriculum

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

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

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testfixture.Golden(t, filepath.Join("testdata", "golden", name), got, *update)
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
