// Area-by-area changes: from the scores when both records use the same
// framework, or over crosswalk-matched competences when they do not.

package compare

import (
	"math"
	"sort"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

func (res *Result) sameAreas(old, new *record.Record) {
	type key struct{ fw, code string }
	oldAreas := map[key]assessment.AreaScore{}
	for _, a := range old.Scores.Areas {
		oldAreas[key{a.Framework, a.Code}] = a
	}
	seen := map[key]bool{}
	for _, a := range new.Scores.Areas {
		k := key{a.Framework, a.Code}
		seen[k] = true
		ac := AreaChange{Framework: a.Framework, Code: a.Code, Title: a.Title, Target: a.Target, New: meanOf(a.Score)}
		o, ok := oldAreas[k]
		switch {
		case a.Rated == 0 && (!ok || o.Rated == 0):
			ac.Status = NotRated
		case !ok || o.Rated == 0:
			ac.Status = NewArea
			if ok {
				ac.Old = meanOf(o.Score)
			}
		case a.Rated == 0:
			ac.Status = DroppedArea
			ac.Old = meanOf(o.Score)
		default:
			ac.Old = meanOf(o.Score)
			ac.Delta = round2(a.Mean - o.Mean)
			ac.Status = statusOf(ac.Delta)
		}
		res.Areas = append(res.Areas, ac)
	}
	for _, o := range old.Scores.Areas {
		if k := (key{o.Framework, o.Code}); !seen[k] && o.Rated > 0 {
			res.Areas = append(res.Areas, AreaChange{Framework: o.Framework, Code: o.Code, Title: o.Title, Target: o.Target, Status: DroppedArea, Old: meanOf(o.Score)})
		}
	}
}

func (res *Result) crosswalkAreas(old, new *record.Record, set *framework.Set, oldA, newA map[string]assessment.Answer) {
	for _, a := range new.Scores.Areas {
		ac := AreaChange{Framework: a.Framework, Code: a.Code, Title: a.Title, Target: a.Target}
		f := set.Get(a.Framework)
		var area *framework.Area
		if f != nil {
			area = f.Area(a.Code)
		}
		if area == nil {
			ac.Status = NoLink
			res.Areas = append(res.Areas, ac)
			continue
		}
		scale := f.EffectiveScale()
		via := map[string]bool{}
		near := map[string]bool{}
		var oldSum, newSum, n int
		for _, c := range area.Competences {
			na, ok := newA[c.Code]
			if !ok || na.Rating == 0 {
				continue
			}
			for _, l := range set.Related(c.Code) {
				if oa, ok := oldA[l.Code]; ok && oa.Rating > 0 && !near[l.Code+" ("+l.Type+")"] {
					near[l.Code+" ("+l.Type+")"] = true
					ac.Near = append(ac.Near, l.Code+" ("+l.Type+")")
				}
			}
			for _, oc := range set.SameAs(c.Code) {
				oa, ok := oldA[oc]
				if !ok || oa.Rating == 0 {
					continue
				}
				oldSum += oa.Rating
				newSum += na.Rating
				n++
				if comp := set.Competence(oc); comp != nil && comp.Area != nil {
					via[comp.Area.Code] = true
				}
				break
			}
		}
		ac.Matched = n
		for v := range via {
			ac.Via = append(ac.Via, v)
		}
		sort.Strings(ac.Via)
		sort.Strings(ac.Near)
		if n == 0 {
			ac.Status = NoLink
		} else {
			ac.Old = levelMean(scale, oldSum, n)
			ac.New = levelMean(scale, newSum, n)
			ac.Delta = round2(ac.New.Mean - ac.Old.Mean)
			ac.Status = statusOf(ac.Delta)
		}
		res.Areas = append(res.Areas, ac)
	}
}

func meanOf(s assessment.Score) Mean {
	return Mean{Rated: s.Rated, Mean: s.Mean, Level: s.Level, Label: s.LevelLabel}
}

func levelMean(scale *framework.Scale, sum, n int) Mean {
	m := Mean{Rated: n, Mean: round2(float64(sum) / float64(n))}
	best := math.Inf(1)
	for _, l := range scale.Levels {
		if d := math.Abs(float64(l.Value) - m.Mean); d < best-1e-9 {
			best, m.Level, m.Label = d, l.Value, l.Label
		}
	}
	return m
}

func statusOf(delta float64) string {
	switch {
	case delta > 0.005:
		return Improved
	case delta < -0.005:
		return Lower
	}
	return Unchanged
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
