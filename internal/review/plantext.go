package review

import (
	"fmt"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// The plan as editable text, used when a reviewer amends the plan in the
// full-screen view: one goal per block, blocks separated by a blank line,
// one "Field: value" per line. Lists (competences, activities, resources)
// are separated by semicolons. A line without a known field continues the
// previous field.
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

// ParsePlanText reads goals back from the text form. Goal ids are kept by
// position from the original plan (so an edited goal keeps its id); new
// goals get none (record.NewReview fills them in). Problems name the line.
func ParsePlanText(text string, original []record.Goal) ([]record.Goal, error) {
	var goals []record.Goal
	var probs []string
	var cur *record.Goal
	field := ""
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	flush := func() {
		if cur != nil {
			goals = append(goals, *cur)
			cur, field = nil, ""
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
		if cur == nil {
			cur = &record.Goal{}
		}
		if known == "" {
			if field == "" {
				probs = append(probs, fmt.Sprintf("line %d: %q does not start with a field (%s)", n+1, truncate(line), strings.Join(planFields, ", ")))
				continue
			}
			value, known = line, field // a continuation of the previous field
		} else {
			value = strings.TrimSpace(value)
		}
		field = known
		switch known {
		case "Objective":
			cur.Objective = join(cur.Objective, value, value == line)
		case "Competences":
			cur.Competences = append(cur.Competences, splitList(value)...)
		case "Activities":
			cur.Activities = append(cur.Activities, splitList(value)...)
		case "Resources":
			cur.Resources = append(cur.Resources, splitList(value)...)
		case "Target date":
			if value != "" {
				if _, err := time.Parse("2006-01-02", value); err != nil {
					probs = append(probs, fmt.Sprintf("line %d: the target date %q is not written as YYYY-MM-DD", n+1, truncate(value)))
				}
			}
			cur.TargetDate = value
		case "Success measure":
			cur.SuccessMeasure = join(cur.SuccessMeasure, value, value == line)
		case "Status":
			switch value {
			case "", record.GoalPlanned, record.GoalInProgress, record.GoalAchieved, record.GoalDropped:
				cur.Status = value
			default:
				probs = append(probs, fmt.Sprintf("line %d: status %q is not one of planned, in-progress, achieved, dropped", n+1, truncate(value)))
			}
		}
	}
	flush()
	var out []record.Goal
	for i, g := range goals {
		if strings.TrimSpace(g.Objective) == "" {
			if g.TargetDate == "" && g.SuccessMeasure == "" && len(g.Competences)+len(g.Activities)+len(g.Resources) == 0 && (g.Status == "" || g.Status == record.GoalPlanned) {
				continue // an untouched template
			}
			probs = append(probs, fmt.Sprintf("goal %d has no objective", i+1))
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

func join(prev, next string, continuation bool) string {
	if prev == "" || !continuation {
		return next
	}
	return prev + " " + next
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
