package record

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// GoalStatuses lists the statuses a goal may have.
var GoalStatuses = []string{GoalPlanned, GoalInProgress, GoalAchieved, GoalDropped}

// GoalProblem is something wrong with one field of a goal. Field is the
// field's name in files ("objective", "competences", "activities",
// "resources", "target_date", "success_measure", "status"); Index is the
// list element for a list field, or -1.
type GoalProblem struct {
	Field string
	Index int
	Msg   string
	Hint  string
}

func (p GoalProblem) String() string {
	if p.Hint == "" {
		return p.Msg
	}
	return p.Msg + " (" + p.Hint + ")"
}

// CheckGoal checks one goal of a plan, the way every front end does: the
// objective is needed; the target date is YYYY-MM-DD; the status is one of
// GoalStatuses; each competence is a competence code of one of the
// frameworks fws (with set; "did you mean" the nearest); and each resource
// is either a resource id of those frameworks or words describing
// something else. A resource written as one token (no spaces, like
// "mini-reading") is taken for an id and must be one.
func CheckGoal(g Goal, set *framework.Set, fws []string) []GoalProblem {
	var out []GoalProblem
	add := func(field string, i int, hint, format string, args ...any) {
		out = append(out, GoalProblem{Field: field, Index: i, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	if strings.TrimSpace(g.Objective) == "" {
		add("objective", -1, "say what the goal is, in a sentence", "the goal has no objective")
	}
	if g.TargetDate != "" {
		if _, err := time.Parse("2006-01-02", g.TargetDate); err != nil {
			add("target_date", -1, "write it as YYYY-MM-DD, such as 2026-09-30", "the target date %q is not a date", g.TargetDate)
		}
	}
	if g.Status != "" && !slices.Contains(GoalStatuses, g.Status) {
		hint := "use " + strings.Join(GoalStatuses, ", ")
		if sg := yamlx.Suggest(g.Status, GoalStatuses); sg != "" {
			hint = "did you mean " + sg + "?"
		}
		add("status", -1, hint, "the status %q is not one of %s", g.Status, strings.Join(GoalStatuses, ", "))
	}
	codes, resources := goalVocabulary(set, fws)
	for i, c := range g.Competences {
		c = strings.TrimSpace(c)
		switch {
		case c == "":
			add("competences", i, "remove the empty entry", "competence %d is empty", i+1)
		case strings.ContainsAny(c, " \t"):
			add("competences", i, "list competence codes, such as "+example(codes, "ADU.3.2.1")+"; put other words in the objective or activities", "%q is not a competence code", short(c))
		case set != nil && !slices.Contains(codes, c):
			hint := "use a code of the frameworks this record assessed"
			if sg := yamlx.Suggest(c, codes); sg != "" {
				hint = "did you mean " + sg + "?"
			}
			add("competences", i, hint, "%s is not a competence of the frameworks this record assessed", c)
		}
	}
	for i, res := range g.Resources {
		res = strings.TrimSpace(res)
		switch {
		case res == "":
			add("resources", i, "remove the empty entry", "resource %d is empty", i+1)
		case set != nil && !strings.ContainsAny(res, " \t") && !slices.Contains(resources, res):
			hint := "use a resource id of the framework, or describe the resource in a few words"
			if sg := yamlx.Suggest(res, resources); sg != "" {
				hint = "did you mean " + sg + "? Or describe the resource in a few words"
			}
			add("resources", i, hint, "%q is not a resource of the frameworks this record assessed", short(res))
		}
	}
	for i, a := range g.Activities {
		if strings.TrimSpace(a) == "" {
			add("activities", i, "remove the empty entry", "activity %d is empty", i+1)
		}
	}
	return out
}

// goalVocabulary lists the competence codes and resource ids of the
// frameworks fws in set.
func goalVocabulary(set *framework.Set, fws []string) (codes, resources []string) {
	if set == nil {
		return nil, nil
	}
	for _, id := range fws {
		f := set.Get(id)
		if f == nil {
			continue
		}
		for _, c := range f.Competences() {
			codes = append(codes, c.Code)
		}
		for _, r := range f.Resources {
			resources = append(resources, r.ID)
		}
	}
	return codes, resources
}

func example(codes []string, fallback string) string {
	if len(codes) > 0 {
		return codes[0]
	}
	return fallback
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
