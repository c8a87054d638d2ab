// Applying an answers file: resolving its framework files, Apply (the
// answers into the session and record) and the checks on codes. Scopes are
// in scopes.go, the reflection, plan and activity in apply_record.go.

package answers

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// FrameworkFiles returns the framework files the answers file names, with
// relative paths resolved against the answers file's folder, in order.
func (f *File) FrameworkFiles() []string {
	var out []string
	for _, fw := range f.Frameworks {
		if fw.File != "" {
			out = append(out, f.resolve(fw.File))
		}
	}
	return out
}

func (f *File) resolve(p string) string {
	if filepath.IsAbs(p) || f.Dir == "" {
		return p
	}
	return filepath.Join(f.Dir, p)
}

func (f *File) problem(pos yamlx.Pos, hint, format string, args ...any) yamlx.Problem {
	return yamlx.Problem{File: f.Name, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// Report is what Apply found that is not an error.
type Report struct {
	Unanswered []string // codes asked but not answered, in plan order
	// Findings are what the anonymisation check flagged.
	Findings []cpd.Finding
}

// Env is what Apply needs from outside: the clock, a way to read evidence
// files and (for tests) the maker of goal ids.
type Env struct {
	Now       func() time.Time
	HashFile  func(path string) (record.Evidence, error)
	NewGoalID func() string
}

// Apply fills the session and the record from the answers file. It checks
// every code, rating, reason and reference and returns all problems at
// once; when there are problems the session and record are incomplete and
// must not be used.
func (f *File) Apply(s *assessment.Session, r *record.Record, env Env) (Report, yamlx.Problems) {
	var probs yamlx.Problems
	add := func(pos yamlx.Pos, hint, format string, args ...any) {
		probs = append(probs, f.problem(pos, hint, format, args...))
	}
	plan := s.Plan
	set := plan.Set
	scale := plan.Scale()
	var planCodes []string
	for _, it := range plan.Items {
		planCodes = append(planCodes, it.Code())
		for _, o := range it.Also {
			planCodes = append(planCodes, o.Code)
		}
	}
	answeredBy := map[string]Answer{} // answer key → the entry that answered it
	for _, a := range f.Answers.List {
		key, ok := plan.AnswerKey(a.Code)
		if !ok {
			f.notAsked(a, set, plan, planCodes, add)
			continue
		}
		if prev, dup := answeredBy[key]; dup {
			add(a.Pos, "answer it once", "%s is the same competence as %s (linked by the crosswalk), already answered at line %d", a.Code, prev.Code, prev.Pos.Line)
			continue
		}
		answeredBy[key] = a
		switch {
		case a.Rated:
			if scale.Level(a.Rating) == nil {
				add(a.RatePos, fmt.Sprintf("use a whole number from %d to %d, or na: REASON", scale.Min(), scale.Max()), "the rating %d for %s is not on the scale", a.Rating, a.Code)
				continue
			}
			s.Rate(a.Code, a.Rating)
		case a.NA != "":
			if scale.NAReason(a.NA) == nil {
				var ids []string
				for _, r := range scale.NAReasons() {
					ids = append(ids, r.ID)
				}
				hint := "reasons: " + strings.Join(ids, ", ")
				if sg := yamlx.Suggest(a.NA, ids); sg != "" {
					hint = fmt.Sprintf("did you mean %q?", sg)
				}
				add(a.NAPos, hint, "%q is not a reason for not applicable", a.NA)
				continue
			}
			s.SetNA(a.Code, a.NA)
		}
		if a.Note != "" {
			s.SetNote(a.Code, a.Note)
		}
		if a.Flag {
			s.SetFlag(a.Code, true)
		}
	}

	// Everything after the ratings, in the order of the steps.
	fl := cpd.New(r, s, cpd.Options{Now: env.Now, NewGoalID: env.NewGoalID})
	f.applyDetails(fl, add)
	f.applyReflection(fl, add)
	if f.Benefit != "" {
		if err := fl.Set(cpd.AddrBenefit, f.Benefit); err != nil {
			refused(add, f.Pos, "benefit: ", err)
		}
	}
	f.applyStandards(fl, add)
	f.applyPlan(fl, env, add)
	f.applyActivity(fl, env, add)

	var rep Report
	rep.Findings = fl.Check()
	if f.ConfirmAnonymised {
		fl.Confirm()
	}
	for _, it := range plan.Items {
		if !s.Answer(it.Code()).Answered() {
			rep.Unanswered = append(rep.Unanswered, it.Code())
		}
	}
	probs.Sort()
	return rep, probs
}

// notAsked explains why a code is not part of the assessment.
func (f *File) notAsked(a Answer, set *framework.Set, plan *assessment.Plan, planCodes []string, add func(yamlx.Pos, string, string, ...any)) {
	comp := set.Competence(a.Code)
	if comp == nil {
		hint := "check the code; run 'reflect frameworks show ID' to list them"
		if sg := yamlx.Suggest(a.Code, planCodes); sg != "" {
			hint = fmt.Sprintf("did you mean %s?", sg)
		} else if sg := yamlx.Suggest(a.Code, set.CompetenceCodes()); sg != "" {
			hint = fmt.Sprintf("did you mean %s?", sg)
		}
		add(a.Pos, hint, "there is no competence %s", a.Code)
		return
	}
	owner := set.Owner(a.Code)
	inPlan := false
	for _, sc := range plan.Scopes {
		if sc.Framework == owner.ID {
			inPlan = true
		}
	}
	if !inPlan {
		add(a.Pos, "add "+owner.ID+" to frameworks:, or remove this answer",
			"framework mismatch: %s belongs to framework %q, which this assessment does not include (%s)", a.Code, owner.ID, scopeIDs(plan.Scopes))
		return
	}
	add(a.Pos, "remove this answer, or choose a profile or areas that include it",
		"%s is in area %s (%s), which this assessment does not include", a.Code, comp.Area.Code, comp.Area.Title)
}
