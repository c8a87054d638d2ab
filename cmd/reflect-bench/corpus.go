package main

import (
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
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

// writeCorpus writes n complete records of cs's framework (every area)
// into dir, 100 to a subfolder, as a service's records folder would hold
// them: recordtest.WriteRecords, which the team benchmark in internal/team
// uses too. It returns the bytes written.
func writeCorpus(dir string, cs corpusSet, n int) (int64, error) {
	return recordtest.WriteRecords(dir, cs.set, []assessment.Scope{{Framework: cs.framework}}, n)
}
