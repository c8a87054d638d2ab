package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// corpusSet is what the team records are made from: the largest shipped
// framework (most competences), or the test framework while none ships, in
// which case reflect needs --framework to read them.
type corpusSet struct {
	set       *framework.Set
	framework string   // id
	items     int      // competences in the framework
	extraArgs []string // for `reflect team`
}

func loadCorpusSet() (corpusSet, error) {
	if set := recordtest.Embedded(); set != nil {
		best, n := "", 0
		for _, f := range set.Frameworks() {
			if _, _, c := f.Count(); c > n {
				best, n = f.ID, c
			}
		}
		return corpusSet{set: set, framework: best, items: n}, nil
	}
	set, err := testfixture.MiniSet()
	if err != nil {
		return corpusSet{}, err
	}
	_, _, n := set.Get("mini").Count()
	return corpusSet{set: set, framework: "mini", items: n,
		extraArgs: []string{"--framework", testfixture.Path("testdata", "frameworks", "mini.yaml")}}, nil
}

var corpusBase = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// writeCorpus writes n complete records of cs's framework (every area)
// into dir, 100 to a subfolder, as a service's records folder would hold
// them. Twenty-five different records are built through the real
// assessment and record code (ratings spread over the scale, some N/A, a
// practitioner and a reflection) and copied with unique ids; the team
// benchmark in internal/team generates its records the same way. It
// returns the bytes written.
func writeCorpus(dir string, cs corpusSet, n int) (int64, error) {
	const variants = 25
	top := cs.set.Get(cs.framework).EffectiveScale().Max()
	scopes := []assessment.Scope{{Framework: cs.framework}}
	var tmpl [][]byte
	for v := 0; v < variants; v++ {
		r, err := recordtest.BuildErr(cs.set, recordtest.Spec{
			ID: "r-TEMPLATE", Now: corpusBase.Add(time.Duration(v) * time.Hour), Scopes: scopes,
			Rate: func(j int, _ string) int {
				x := (v*31 + j*17) % 9
				switch {
				case x == 0:
					return -1 // N/A
				case x < 3:
					return 1
				case x < 5:
					return 2
				case x < 8:
					return min(3, top)
				}
				return min(4, top)
			},
			Practitioner: record.Practitioner{Name: "Generated Person", Profession: "Nurse"},
			Reflection:   []string{"What I noticed.", "Why it matters.", "What I will do."},
			Complete:     true,
		})
		if err != nil {
			return 0, err
		}
		b, err := record.Marshal(r)
		if err != nil {
			return 0, err
		}
		if !bytes.Contains(b, []byte(`"id": "r-TEMPLATE"`)) {
			return 0, fmt.Errorf("generated record has no id field to replace")
		}
		tmpl = append(tmpl, b)
	}
	var total int64
	for i := 0; i < n; i++ {
		b := bytes.Replace(tmpl[i%variants], []byte(`"id": "r-TEMPLATE"`), fmt.Appendf(nil, `"id": "r-%016x"`, i), 1)
		p := filepath.Join(dir, fmt.Sprintf("%02d", i%100), fmt.Sprintf("rec-%05d.json", i))
		if i < 100 {
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				return 0, err
			}
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			return 0, err
		}
		total += int64(len(b))
	}
	return total, nil
}
