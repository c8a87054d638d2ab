// What became of the goals of the earlier record's plan.

package compare

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
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
		switch {
		case g.Status == record.GoalAchieved:
			out.Outcome = GoalAchieved
		case j >= 0:
			used[j] = true
			ng := new.Plan[j]
			out.NewStatus = ng.Status
			switch ng.Status {
			case record.GoalAchieved:
				out.Outcome = GoalAchieved
			case record.GoalDropped:
				out.Outcome = GoalDropped
			default:
				out.Outcome = GoalCarriedForward
			}
		case g.Status == record.GoalDropped:
			out.Outcome = GoalDropped
		case len(g.Competences) > 0 && allMet(g.Competences, newN, newA):
			out.Outcome = GoalNeedsMet
		default:
			out.Outcome = GoalNotCarried
		}
		if j >= 0 && g.Status == record.GoalAchieved {
			used[j] = true
		}
		res.Goals = append(res.Goals, out)
	}
	for j, g := range new.Plan {
		if !used[j] {
			res.NewGoals = append(res.NewGoals, g)
		}
	}
}

func matchGoal(g record.Goal, plan []record.Goal, used map[int]bool) int {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	for j, ng := range plan {
		if !used[j] && norm(ng.Objective) == norm(g.Objective) {
			return j
		}
	}
	for j, ng := range plan {
		if !used[j] && g.ID != "" && ng.ID == g.ID && overlap(g.Competences, ng.Competences) {
			return j
		}
	}
	return -1
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
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
