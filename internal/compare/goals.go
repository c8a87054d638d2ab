// What became of the goals of the earlier record's plan.

package compare

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// olderPlan is the plan the older record ended with: the plan agreed at
// its latest review when that review amended it, otherwise its own plan.
func (res *Result) olderPlan(old *record.Record) []record.Goal {
	for i := len(old.Reviews) - 1; i >= 0; i-- {
		rev := old.Reviews[i]
		if rev.PlanAgreed && len(rev.AgreedPlan) > 0 {
			res.PlanSource = fmt.Sprintf("the plan as amended at the review by %s on %s", rev.Reviewer.Name, rev.Date)
			if v, err := record.Verify(old, record.VerifyOptions{Trusted: res.trusted}); err == nil && i < len(v.Checks) {
				res.PlanSource += " (that review: " + v.Checks[i].Verdict().Words() + ")"
			}
			return rev.AgreedPlan
		}
		if rev.PlanAgreed {
			break
		}
	}
	res.PlanSource = "the older record's plan"
	return old.Plan
}

func (res *Result) goals(old, new *record.Record, newN map[string]assessment.Need, newA map[string]assessment.Answer) {
	plan := res.olderPlan(old)
	used := map[int]bool{}
	for _, g := range plan {
		out := GoalOutcome{Goal: g}
		j := matchGoal(g, new.Plan, used)
		if j >= 0 {
			used[j] = true
			out.NewStatus = new.Plan[j].Status
		}
		switch {
		case g.Status == record.GoalAchieved:
			out.Outcome = GoalAchieved
		case g.Status == record.GoalDropped:
			// A goal dropped stays dropped, whatever the new plan holds.
			out.Outcome = GoalDropped
		case j >= 0:
			switch new.Plan[j].Status {
			case record.GoalAchieved:
				out.Outcome = GoalAchieved
			case record.GoalDropped:
				out.Outcome = GoalDropped
			default:
				out.Outcome = GoalCarriedForward
			}
		case len(g.Competences) > 0 && allMet(g.Competences, newN, newA):
			out.Outcome = GoalNeedsMet
		default:
			out.Outcome = GoalNotCarried
		}
		res.Goals = append(res.Goals, out)
	}
	for j, g := range new.Plan {
		if !used[j] {
			res.NewGoals = append(res.NewGoals, g)
		}
	}
}

// matchGoal finds the goal of the new plan that is g: the one with g's id
// (ids are unique across records), else the one with the same objective
// (ignoring case and spacing). The old per-record ids (g1, g2, …) say
// nothing across records, so they are never matched on: two different
// goals both called g2 are not the same goal.
func matchGoal(g record.Goal, plan []record.Goal, used map[int]bool) int {
	if g.ID != "" && !cpd.LegacyGoalID(g.ID) {
		for j, ng := range plan {
			if !used[j] && ng.ID == g.ID {
				return j
			}
		}
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	for j, ng := range plan {
		if !used[j] && norm(ng.Objective) != "" && norm(ng.Objective) == norm(g.Objective) {
			return j
		}
	}
	return -1
}

func allMet(codes []string, newN map[string]assessment.Need, newA map[string]assessment.Answer) bool {
	for _, c := range codes {
		if _, open := newN[c]; open {
			return false
		}
		if a, ok := newA[c]; !ok || a.Rating == 0 {
			return false
		}
	}
	return true
}
