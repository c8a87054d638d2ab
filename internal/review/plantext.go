package review

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// The plan as editable text, used when a reviewer amends the plan in the
// full-screen view: one goal per block, blocks separated by a blank line,
// one "Field: value" per line. Lists (competences, activities, resources)
// are separated by semicolons. A line without a known field is refused.
//
//	Objective: Ask directly and calmly about suicide
//	Competences: ADU.3.2.1; ADU.3.2.2
//	Activities: Role-play in supervision; Observe a colleague
//	Target date: 2026-07-31
//	Success measure: I ask directly in my next three assessments
//	Status: planned

var planFields = []string{"Objective", "Competences", "Activities", "Resources", "Target date", "Success measure", "Status"}

// PlanText writes goals in the editable text form.
func PlanText(goals []record.Goal) string {
	var blocks []string
	for _, g := range goals {
		var b strings.Builder
		line := func(field, v string) {
			if v != "" {
				fmt.Fprintf(&b, "%s: %s\n", field, oneLine(v))
			}
		}
		fmt.Fprintf(&b, "Objective: %s\n", oneLine(g.Objective))
		line("Competences", strings.Join(g.Competences, "; "))
		line("Activities", strings.Join(g.Activities, "; "))
		line("Resources", strings.Join(g.Resources, "; "))
		line("Target date", g.TargetDate)
		line("Success measure", g.SuccessMeasure)
		line("Status", g.Status)
		blocks = append(blocks, strings.TrimRight(b.String(), "\n"))
	}
	return strings.Join(blocks, "\n\n")
}

// PlanTextTemplate is offered when there is no plan to amend.
const PlanTextTemplate = "Objective: \nTarget date: \nSuccess measure: \nStatus: planned"

// planFieldNames maps the text form's field names to the names CheckGoal
// uses.
var planFieldNames = map[string]string{"Objective": "objective", "Competences": "competences", "Activities": "activities",
	"Resources": "resources", "Target date": "target_date", "Success measure": "success_measure", "Status": "status"}

// ParsePlanText reads goals back from the text form. Every line that is
// not blank must start with one of the fields; anything else is refused,
// never saved. Each goal is checked as a review file's would be
// (record.CheckGoal: with set, competence codes and resource ids of the
// frameworks fws, with "did you mean"). Goal ids are kept by position from
// the original plan (so an edited goal keeps its id); new goals get none
// (record.NewReview fills them in). Problems name the line.
func ParsePlanText(text string, original []record.Goal, set *framework.Set, fws []string) ([]record.Goal, error) {
	type parsed struct {
		goal  record.Goal
		lines map[string]int // field → line number
		first int
	}
	var goals []parsed
	var probs []string
	var cur *parsed
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	flush := func() {
		if cur != nil {
			goals = append(goals, *cur)
			cur = nil
		}
	}
	for n, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			flush()
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		known := ""
		if ok {
			for _, f := range planFields {
				if strings.EqualFold(strings.TrimSpace(name), f) {
					known = f
				}
			}
		}
		if known == "" {
			hint := strings.Join(planFields, ", ")
			if ok {
				if sg := yamlx.Suggest(strings.TrimSpace(name), planFields); sg != "" {
					hint = "did you mean " + sg + "?"
				}
			}
			probs = append(probs, fmt.Sprintf("line %d: %q does not start with a field (%s); write each field on its own line as Field: value", n+1, truncate(line), hint))
			continue
		}
		if cur == nil {
			cur = &parsed{lines: map[string]int{}, first: n + 1}
		}
		if prev, dup := cur.lines[known]; dup {
			probs = append(probs, fmt.Sprintf("line %d: %s is given twice for this goal (also line %d); leave a blank line between goals", n+1, known, prev))
			continue
		}
		cur.lines[known] = n + 1
		value = strings.TrimSpace(value)
		g := &cur.goal
		switch known {
		case "Objective":
			g.Objective = value
		case "Competences":
			g.Competences = splitList(value)
		case "Activities":
			g.Activities = splitList(value)
		case "Resources":
			g.Resources = splitList(value)
		case "Target date":
			g.TargetDate = value
		case "Success measure":
			g.SuccessMeasure = value
		case "Status":
			g.Status = value
		}
	}
	flush()
	var out []record.Goal
	for i, pg := range goals {
		g := pg.goal
		if strings.TrimSpace(g.Objective) == "" && g.TargetDate == "" && g.SuccessMeasure == "" && len(g.Competences)+len(g.Activities)+len(g.Resources) == 0 && (g.Status == "" || g.Status == record.GoalPlanned) {
			continue // an untouched template
		}
		for _, gp := range record.CheckGoal(g, set, fws) {
			at := pg.first
			for label, name := range planFieldNames {
				if name == gp.Field {
					if l, ok := pg.lines[label]; ok {
						at = l
					}
				}
			}
			probs = append(probs, fmt.Sprintf("line %d: goal %d: %s", at, i+1, gp))
		}
		if i < len(original) {
			g.ID = original[i].ID
		}
		out = append(out, g)
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("the plan cannot be read: %s", strings.Join(probs, "; "))
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func truncate(s string) string { return textutil.Truncate(s, 40, "…") }
