package review

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// planState is an amended plan as it is being written line by line: each
// of the plan's goals kept, edited or dropped, then new goals.
type planState struct {
	base   []record.Goal // the goals being amended
	action []string      // per base goal: keep, edit or drop
	edited []record.Goal // per base goal, as edited
	extra  []record.Goal // goals added
}

func newPlanState(base []record.Goal) planState {
	ps := planState{base: base}
	for _, g := range base {
		ps.action = append(ps.action, "keep")
		ps.edited = append(ps.edited, g)
	}
	return ps
}

// goals is the plan as agreed so far.
func (ps *planState) goals() []record.Goal {
	var out []record.Goal
	for i, g := range ps.edited {
		switch ps.action[i] {
		case "keep":
			out = append(out, ps.base[i])
		case "edit":
			out = append(out, g)
		}
	}
	return append(out, ps.extra...)
}

// position returns the index in goals() of base goal i (or of extra goal
// j, when i < 0), for the problems' field names.
func (ps *planState) position(i, j int) int {
	n := 0
	for k := range ps.base {
		if i >= 0 && k == i {
			return n
		}
		if ps.action[k] != "drop" {
			n++
		}
	}
	return n + j
}

// goalFields are the fields of a goal, asked in this order.
var goalFields = []struct {
	field, label, help string
	list, required     bool
}{
	{"objective", "Objective", "What the practitioner will be able to do, in a sentence.", false, true},
	{"competences", "Competences (codes, separated by ;)", "The competence codes this goal works on, such as the codes of the needs above.", true, false},
	{"activities", "Activities (separated by ;)", "What the practitioner will do: courses, reading, practice, supervision.", true, false},
	{"resources", "Resources (ids or a few words, separated by ;)", "Resource ids from the framework, or a few words describing another resource.", true, false},
	{"target_date", "Target date (YYYY-MM-DD)", "When the goal should be met.", false, false},
	{"success_measure", "Success measure", "How you will both know the goal is met.", false, false},
	{"status", "Status (" + strings.Join(record.GoalStatuses, ", ") + ")", "Where the goal stands now.", false, false},
}

// steps are the questions of the amended plan.
func (ps *planState) steps(f *flow) []step {
	var out []step
	for i := range ps.base {
		pos := ps.position(i, 0)
		out = append(out, step{fmt.Sprintf("amended_plan[%d]", pos), ps.actionStep(f, i)})
		if ps.action[i] == "edit" {
			out = append(out, ps.fieldSteps(f, &ps.edited[i], pos, fmt.Sprintf("Goal %d", i+1))...)
		}
	}
	for j := range ps.extra {
		pos := ps.position(-1, j)
		out = append(out, step{"", ps.addStep(f, j)})
		out = append(out, ps.fieldSteps(f, &ps.extra[j], pos, fmt.Sprintf("New goal %d", j+1))...)
	}
	out = append(out, step{"", ps.addStep(f, len(ps.extra))})
	return out
}

func (ps *planState) actionStep(f *flow, i int) func() error {
	return func() error {
		g := ps.base[i]
		f.p.say(textutil.Wrap(g.Objective, f.opt.Width, fmt.Sprintf("\nGoal %d of %d: ", i+1, len(ps.base)), "  "))
		def := map[string]string{"keep": "k", "edit": "e", "drop": "d"}[ps.action[i]]
		for {
			v, err := f.p.line("Keep (k), edit (e) or drop (d)", "k keeps the goal as written; e goes through each of its fields; d leaves it out of the agreed plan.", def, false, false)
			if err != nil {
				return err
			}
			switch strings.ToLower(v) {
			case "k", "keep":
				ps.action[i] = "keep"
			case "e", "edit":
				ps.action[i] = "edit"
			case "d", "drop":
				ps.action[i] = "drop"
			default:
				f.p.say("  Type k, e or d.")
				continue
			}
			return nil
		}
	}
}

// addStep asks whether to add a goal after j added ones.
func (ps *planState) addStep(f *flow, j int) func() error {
	return func() error {
		def := "n"
		if j < len(ps.extra) {
			def = "y"
		}
		for {
			v, err := f.p.line("\nAdd a new goal? (y/n)", "y adds a goal you agreed together and asks for each of its fields; n goes on to the sign-off.", def, false, false)
			if err != nil {
				return err
			}
			switch strings.ToLower(v) {
			case "y", "yes":
				if j >= len(ps.extra) {
					ps.extra = append(ps.extra, record.Goal{Status: record.GoalPlanned})
				}
				return nil
			case "n", "no":
				ps.extra = ps.extra[:min(j, len(ps.extra))]
				return nil
			}
			f.p.say("  Type y or n.")
		}
	}
}

// fieldSteps ask for every field of a goal, each checked at its prompt
// with record.CheckGoal (the frameworks' codes and resource ids, with
// "did you mean").
func (ps *planState) fieldSteps(f *flow, g *record.Goal, pos int, title string) []step {
	var out []step
	for k, gf := range goalFields {
		out = append(out, step{fmt.Sprintf("amended_plan[%d].%s", pos, gf.field), func() error {
			if k == 0 {
				f.p.say("\n" + title)
			}
			for {
				cur := goalValue(*g, gf.field)
				v, err := f.p.line(gf.label, gf.help, cur, !gf.required, !gf.required)
				if err != nil {
					return err
				}
				trial := *g
				setGoalValue(&trial, gf.field, v)
				var probs []record.GoalProblem
				for _, p := range record.CheckGoal(trial, f.opt.View.Set, frameworkIDs(f.r)) {
					if p.Field == gf.field {
						probs = append(probs, p)
					}
				}
				if len(probs) > 0 {
					for _, p := range probs {
						f.p.say("  " + capitalise(p.String()) + ".")
					}
					continue
				}
				*g = trial
				return nil
			}
		}})
	}
	return out
}

func frameworkIDs(r *record.Record) []string {
	var out []string
	for _, f := range r.Frameworks {
		out = append(out, f.ID)
	}
	return out
}

func goalValue(g record.Goal, field string) string {
	switch field {
	case "objective":
		return g.Objective
	case "competences":
		return strings.Join(g.Competences, "; ")
	case "activities":
		return strings.Join(g.Activities, "; ")
	case "resources":
		return strings.Join(g.Resources, "; ")
	case "target_date":
		return g.TargetDate
	case "success_measure":
		return g.SuccessMeasure
	case "status":
		return g.Status
	}
	return ""
}

func setGoalValue(g *record.Goal, field, v string) {
	v = strings.TrimSpace(v)
	switch field {
	case "objective":
		g.Objective = v
	case "competences":
		g.Competences = splitList(v)
	case "activities":
		g.Activities = splitList(v)
	case "resources":
		g.Resources = splitList(v)
	case "target_date":
		g.TargetDate = v
	case "success_measure":
		g.SuccessMeasure = v
	case "status":
		g.Status = v
	}
}
