package curriculum

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// FuzzParse feeds arbitrary bytes through the whole pipeline: parse,
// validate, coverage, matching and every report format. Nothing may panic,
// and a curriculum that validates must render.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(testfixture.Path("testdata", "curriculum*.yaml"))
	files = append(files, filepath.Join("testdata", "mini-course.yaml"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(okHead + "modules:\n  - title: M\n    duration: 1h\n    sessions:\n      - title: S\n        duration: 2h\n        outcomes:\n          - text: O\n            maps: {MINI.1.1.1: assesses, OTH.1.1.2: introduces}\n"))
	f.Add([]byte(okHead + "modules: [{title: M, sessions: [{title: S, outcomes: [{text: O, maps: &a {MINI.1.1.1: develops}}, {text: P, maps: *a}]}]}]\n"))
	set := testSet(f)
	needs := []assessment.Need{{Rank: 1, Code: "MINI.2.1.1", Area: "MINI.2.1", Gap: 2}, {Rank: 2, Code: "MINI.1.1.2", Area: "MINI.1.1"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, probs := Parse("fuzz.yaml", data)
		if c == nil || len(probs) > 0 {
			return
		}
		if len(Validate(c, set)) > 0 {
			return
		}
		m := Coverage(c, set, DefaultFrameworks(c, set))
		for _, format := range MapFormats {
			if err := WriteMap(io.Discard, format, m, RenderOptions{}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
		r := Match(needs, []*Curriculum{c}, set, Person{Setting: "school"})
		for _, format := range MatchFormats {
			if err := WriteMatch(io.Discard, format, r, RenderOptions{}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
