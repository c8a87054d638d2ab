// Package compare shows progress between two CPD records of the same
// person: the change in each area, the needs met and the new ones, and
// what became of the goals of the earlier plan.
//
// Records made with the same framework are compared area by area from
// their scores. Records made with different frameworks are compared only
// through the crosswalk (same_as links between equivalent competences):
// each area of the newer record is compared over the competences that
// have a rated equivalent in the older one, and the means shown are of
// those matched competences only. With no crosswalk link at all the
// comparison is refused.
package compare

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Modes of comparison.
const (
	ModeSame      = "same-framework"
	ModeCrosswalk = "crosswalk"
)

// Area statuses.
const (
	Improved    = "improved"
	Lower       = "lower"
	Unchanged   = "unchanged"
	NewArea     = "not assessed before"
	DroppedArea = "not assessed now"
	NoLink      = "no crosswalk link"
	NotRated    = "not rated in either record"
)

// Goal outcomes.
const (
	GoalAchieved       = "achieved"
	GoalCarriedForward = "carried forward"
	GoalDropped        = "dropped"
	GoalNeedsMet       = "not in the new plan; its needs are now met"
	GoalNotCarried     = "not carried forward"
)

// Side describes one of the two records.
type Side struct {
	ID         string
	Date       string // YYYY-MM-DD of the last update
	Frameworks []string
	Overall    float64
	Rated      int
	Scale      int
}

// AreaChange is the change in one area.
type AreaChange struct {
	Framework string
	Code      string
	Title     string
	Status    string
	Old, New  Mean
	Delta     float64
	Target    int
	Matched   int      // crosswalk: competences compared
	Via       []string // crosswalk: the older record's areas they come from
	// Near (crosswalk only): competences rated in the older record that
	// are close or related to this area's, as "CODE (type)". Shown for
	// context; they never enter the means.
	Near []string
}

// Mean is an area's mean rating and its level.
type Mean struct {
	Rated int
	Mean  float64
	Level int
	Label string
}

// NeedChange is a development need in one or both records.
type NeedChange struct {
	Code      string
	OldCode   string // crosswalk: the older record's code
	Area      string
	Statement string
	OldRating int
	NewRating int
	Target    int
}

// GoalOutcome is what became of a goal of the older plan.
type GoalOutcome struct {
	Goal      record.Goal
	Outcome   string
	NewStatus string
}

// Result is a whole comparison.
type Result struct {
	Mode         string
	Old, New     Side
	Warnings     []string
	Areas        []AreaChange
	NeedsMet     []NeedChange
	NeedsOpen    []NeedChange // needs in both
	NewNeeds     []NeedChange
	NotReassesed []NeedChange // needs of the older record not assessed in the newer
	Goals        []GoalOutcome
	NewGoals     []record.Goal
	PlanSource   string // where the older plan was taken from
	// Calibration is how the practitioner's ratings stood to the latest
	// reviewer's own ratings in each area, in each record: how the gap
	// (self − reviewer) moved.
	Calibration []CalibrationChange

	trusted []record.TrustedKey
}

// CalibrationChange is the gap between self and reviewer ratings in one
// area, before and now; nil where that record's review rated nothing
// there.
type CalibrationChange struct {
	Framework, Code, Title string
	Old, New               *record.AreaGap
}

// Moved says in words how the gap moved.
func (c CalibrationChange) Moved() string {
	switch {
	case c.Old == nil:
		return "rated by a reviewer for the first time"
	case c.New == nil:
		return "not rated by a reviewer this time"
	}
	o, n := math.Abs(c.Old.Mean()), math.Abs(c.New.Mean())
	switch {
	case n < o-1e-9:
		return "closer"
	case n > o+1e-9:
		return "further apart"
	}
	return "no closer"
}

// ErrNotComparable is wrapped when the two records cannot be compared.
var ErrNotComparable = errors.New("these records cannot be compared")

// Compare compares an older and a newer record. set supplies the
// frameworks (for titles, scales and the crosswalk); it may lack them when
// both records use the same framework. trusted are the reader's trusted
// keys, for the verdict on the review whose plan is followed.
func Compare(old, new *record.Record, set *framework.Set, trusted ...record.TrustedKey) (*Result, error) {
	if old.Scores == nil || new.Scores == nil {
		which := "the older"
		if old.Scores != nil {
			which = "the newer"
		}
		return nil, fmt.Errorf("%w: %s record has no scores (it was never scored; finish the assessment first)", ErrNotComparable, which)
	}
	res := &Result{Old: side(old), New: side(new), trusted: trusted}
	res.warn(old, new)

	shared := map[string]bool{}
	for _, a := range old.Frameworks {
		for _, b := range new.Frameworks {
			if a.ID == b.ID {
				shared[a.ID] = true
			}
		}
	}
	oldN, newN := needsByCode(old), needsByCode(new)
	oldA, newA := answersByCode(old), answersByCode(new)
	if len(shared) > 0 {
		res.Mode = ModeSame
		res.sameAreas(old, new)
		// Needs: identity mapping of codes.
		res.needs(oldN, newN, oldA, newA, func(c string) []string { return []string{c} }, func(string) []string { return nil })
		for _, f := range old.Frameworks {
			if !shared[f.ID] {
				res.Warnings = append(res.Warnings, fmt.Sprintf("The older record also covers framework %q, which the newer one does not; its areas are listed as not assessed now.", f.ID))
			}
		}
		for _, f := range new.Frameworks {
			if !shared[f.ID] {
				res.Warnings = append(res.Warnings, fmt.Sprintf("The newer record also covers framework %q, which the older one does not; its areas are listed as not assessed before.", f.ID))
			}
		}
	} else {
		if err := crosswalkReady(old, new, set); err != nil {
			return nil, err
		}
		res.Mode = ModeCrosswalk
		links := 0
		toNew := func(oldCode string) []string {
			var out []string
			for _, c := range set.SameAs(oldCode) {
				if _, ok := newA[c]; ok {
					out = append(out, c)
				}
			}
			return out
		}
		for code := range oldA {
			links += len(toNew(code))
		}
		if links == 0 {
			return nil, fmt.Errorf("%w: the older record was assessed against %s and the newer against %s, and no competence answered in one is linked by the crosswalk to a competence answered in the other, so no area can be matched. Compare two records made with the same framework",
				ErrNotComparable, strings.Join(res.Old.Frameworks, ", "), strings.Join(res.New.Frameworks, ", "))
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("The records use different frameworks (%s, then %s). They are compared through the crosswalk: each area's means are over the competences linked to a rated equivalent in the older record only.",
			strings.Join(res.Old.Frameworks, ", "), strings.Join(res.New.Frameworks, ", ")))
		if old.Scores.ScaleMax != new.Scores.ScaleMax {
			res.Warnings = append(res.Warnings, fmt.Sprintf("The rating scales differ (1 to %d, then 1 to %d), so changes in means are only a rough guide.", old.Scores.ScaleMax, new.Scores.ScaleMax))
		}
		res.crosswalkAreas(old, new, set, oldA, newA)
		res.needs(oldN, newN, oldA, newA, toNew, set.SameAs)
	}
	res.goals(old, new, newN, newA)
	res.calibration(old, new, set)
	return res, nil
}

func side(r *record.Record) Side {
	s := Side{ID: r.ID, Date: r.Updated.Format("2006-01-02"), Overall: r.Scores.Overall.Mean, Rated: r.Scores.Overall.Rated, Scale: r.Scores.ScaleMax}
	for _, f := range r.Frameworks {
		s.Frameworks = append(s.Frameworks, f.ID)
	}
	return s
}

func (res *Result) warn(old, new *record.Record) {
	if old.ID == new.ID {
		res.Warnings = append(res.Warnings, "Both files are copies of the same record (same id), perhaps before and after a review; the comparison shows what changed between the copies.")
	}
	if old.Updated.After(new.Updated) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("The first record (%s) is more recent than the second (%s); changes read as going backwards. Did you mean to swap them?", res.Old.Date, res.New.Date))
	}
	on, nn := strings.TrimSpace(old.Practitioner.Name), strings.TrimSpace(new.Practitioner.Name)
	if on != "" && nn != "" && !strings.EqualFold(on, nn) {
		res.Warnings = append(res.Warnings, "The practitioner's name differs between the records; check that both belong to the same person.")
	}
	for _, a := range old.Frameworks {
		for _, b := range new.Frameworks {
			if a.ID == b.ID && a.Digest != b.Digest {
				res.Warnings = append(res.Warnings, fmt.Sprintf("Framework %q changed between the records (version %s, then %s): where its statements changed, a change in score may reflect the new wording rather than a change in practice.", a.ID, a.Version, b.Version))
			}
		}
	}
}

func crosswalkReady(old, new *record.Record, set *framework.Set) error {
	var missing []string
	for _, rs := range []*record.Record{old, new} {
		for _, f := range rs.Frameworks {
			if set == nil || set.Get(f.ID) == nil {
				missing = append(missing, f.ID)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: the records use different frameworks, which can only be compared through their crosswalk, and framework %s is not loaded; pass its file with --framework", ErrNotComparable, strings.Join(missing, ", "))
	}
	return nil
}

func needsByCode(r *record.Record) map[string]assessment.Need {
	out := map[string]assessment.Need{}
	for _, n := range r.Scores.Needs {
		out[n.Code] = n
	}
	return out
}

func answersByCode(r *record.Record) map[string]assessment.Answer {
	out := map[string]assessment.Answer{}
	for _, a := range r.Answers {
		out[a.Code] = a
	}
	return out
}

// calibration puts each record's self − reviewer gaps side by side, area
// by area (in the newer record's order, then areas only the older has).
func (res *Result) calibration(old, new *record.Record, set *framework.Set) {
	oldR, _ := old.LatestRatings()
	newR, _ := new.LatestRatings()
	if len(oldR) == 0 && len(newR) == 0 {
		return
	}
	gaps := func(r *record.Record, rs []record.Rating) map[string]*record.AreaGap {
		out := map[string]*record.AreaGap{}
		for _, g := range record.Calibration(r.Answers, rs, set) {
			g := g
			out[g.Area] = &g
		}
		return out
	}
	og, ng := gaps(old, oldR), gaps(new, newR)
	var codes []string
	for _, g := range record.Calibration(new.Answers, newR, set) {
		codes = append(codes, g.Area)
	}
	for _, g := range record.Calibration(old.Answers, oldR, set) {
		if ng[g.Area] == nil {
			codes = append(codes, g.Area)
		}
	}
	for _, code := range codes {
		c := CalibrationChange{Code: code, Old: og[code], New: ng[code]}
		for _, g := range []*record.AreaGap{c.New, c.Old} {
			if g != nil {
				c.Framework = g.Framework
			}
		}
		if f := set.Get(c.Framework); f != nil {
			if a := f.Area(code); a != nil {
				c.Title = a.Title
			}
		}
		res.Calibration = append(res.Calibration, c)
	}
}
