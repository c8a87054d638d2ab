// Needs met, still open and new between the two records.

package compare

import (
	"sort"

	"github.com/reflect-cpd/reflect/internal/assessment"
)

func (res *Result) needs(oldN, newN map[string]assessment.Need, oldA, newA map[string]assessment.Answer, toNew, fromNew func(string) []string) {
	matchedNew := map[string]bool{}
	for _, code := range sortedKeys(oldN) {
		o := oldN[code]
		nc := NeedChange{Code: code, Area: o.Area, Statement: o.Statement, OldRating: o.Rating, Target: o.Target}
		targets := toNew(code)
		var open *assessment.Need
		rated := ""
		for _, t := range targets {
			if n, ok := newN[t]; ok {
				open = &n
				matchedNew[t] = true
				break
			}
			if a, ok := newA[t]; ok && a.Rating > 0 && rated == "" {
				rated = t
			}
		}
		switch {
		case open != nil:
			nc.Code, nc.OldCode, nc.NewRating, nc.Target, nc.Area, nc.Statement = open.Code, code, open.Rating, open.Target, open.Area, open.Statement
			res.NeedsOpen = append(res.NeedsOpen, nc)
		case rated != "":
			nc.Code, nc.OldCode, nc.NewRating = rated, code, newA[rated].Rating
			res.NeedsMet = append(res.NeedsMet, nc)
		default:
			res.NotReassesed = append(res.NotReassesed, nc)
		}
	}
	for i := range res.NeedsOpen {
		if res.NeedsOpen[i].OldCode == res.NeedsOpen[i].Code {
			res.NeedsOpen[i].OldCode = ""
		}
	}
	for i := range res.NeedsMet {
		if res.NeedsMet[i].OldCode == res.NeedsMet[i].Code {
			res.NeedsMet[i].OldCode = ""
		}
	}
	for _, code := range rankedKeys(newN) {
		if matchedNew[code] {
			continue
		}
		n := newN[code]
		nc := NeedChange{Code: code, Area: n.Area, Statement: n.Statement, NewRating: n.Rating, Target: n.Target}
		for _, oc := range append([]string{code}, fromNew(code)...) {
			if a, ok := oldA[oc]; ok && a.Rating > 0 {
				nc.OldRating = a.Rating
				break
			}
		}
		res.NewNeeds = append(res.NewNeeds, nc)
	}
	sortNeeds(res.NeedsMet)
	sortNeeds(res.NeedsOpen)
	sortNeeds(res.NotReassesed)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func rankedKeys(m map[string]assessment.Need) []string {
	out := sortedKeys(m)
	sort.SliceStable(out, func(i, j int) bool { return m[out[i]].Rank < m[out[j]].Rank })
	return out
}

func sortNeeds(ns []NeedChange) {
	sort.SliceStable(ns, func(i, j int) bool { return ns[i].Code < ns[j].Code })
}
