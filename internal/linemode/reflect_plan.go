// The development plan step of the reflection: goals, the competences
// each goal is linked to, and the catalogue's resources for them.

package linemode

import (
	"fmt"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

func (m *runner) writeGoals() error {
	m.heading("Your development plan")
	m.para("Set one or more SMART goals: specific, measurable, achievable, relevant and time-bound.")
	if len(m.r.Plan) > 0 {
		m.println("Your goals so far:")
		for i, g := range m.r.Plan {
			m.println(textutil.Wrap(fmt.Sprintf("%d. %s (%s)", i+1, g.Objective, orDash(g.Status)), m.width, "  ", "     "))
		}
		keep, err := m.askYesNo("Keep these goals? (yes, or no to write them again)", true)
		if err != nil {
			return err
		}
		if !keep {
			m.r.Plan = nil
		}
	}
	for {
		add := len(m.r.Plan) == 0
		if !add {
			var err error
			add, err = m.askYesNo("Add another goal? (yes/no)", false)
			if err != nil {
				return err
			}
		} else {
			m.println("")
		}
		if !add {
			return nil
		}
		g, err := m.writeGoal(len(m.r.Plan) + 1)
		if g.Objective != "" {
			m.r.Plan = append(m.r.Plan, g)
			m.save()
		}
		if err != nil {
			return err
		}
		if g.Objective == "" {
			return nil
		}
	}
}

func (m *runner) writeGoal(n int) (record.Goal, error) {
	g := record.Goal{ID: fmt.Sprintf("g%d", n), Status: record.GoalPlanned}
	m.printf("Goal %d\n", n)
	obj, err := m.askLine("What do you want to achieve? (one line; Enter on its own to skip adding a goal)", "")
	if err != nil || obj == "" {
		return g, err
	}
	g.Objective = obj
	codes, err := m.askCodes(m.r.Reflection.Focus)
	g.Competences = codes
	if err != nil {
		return g, err
	}
	m.println("What will you do to get there? For example: a course, reading, shadowing a colleague, discussing cases in supervision.")
	acts, _, err := m.readText("", false)
	for _, l := range strings.Split(acts, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(l, "-* ")); l != "" {
			g.Activities = append(g.Activities, l)
		}
	}
	if err != nil {
		return g, err
	}
	if res := m.resourcesFor(g.Competences); len(res) > 0 {
		m.println("Learning resources for these areas:")
		for i, r := range res {
			line := fmt.Sprintf("%d. %s (%s, %s)", i+1, r.Title, r.Provider, r.Cost)
			if r.URL != "" {
				line += " " + r.URL
			}
			m.println(textutil.Wrap(line, m.width, "  ", "     "))
		}
		nums, err := m.askNumbers("Type the numbers of any you plan to use [Enter for none]", len(res), nil)
		if err != nil {
			return g, err
		}
		for _, i := range nums {
			g.Resources = append(g.Resources, res[i-1].ID)
		}
	}
	for {
		d, err := m.askLine("Target date, as YYYY-MM-DD (for example "+m.opts.Now().AddDate(0, 6, 0).Format("2006-01-02")+"), or Enter to leave it open", "")
		if err != nil {
			return g, err
		}
		if d == "" {
			break
		}
		if _, perr := time.Parse("2006-01-02", d); perr != nil {
			m.println("Please write the date as year-month-day, such as 2026-09-30.")
			continue
		}
		g.TargetDate = d
		break
	}
	g.SuccessMeasure, err = m.askLine("How will you know you have achieved it? (one line)", "")
	if err != nil {
		return g, err
	}
	statuses := []string{record.GoalPlanned, record.GoalInProgress, record.GoalAchieved, record.GoalDropped}
	m.println("Status: 1 planned, 2 in progress, 3 achieved, 4 dropped")
	i, err := m.askChoice("Status number [Enter for 1, planned]", len(statuses), 1)
	if err != nil {
		return g, err
	}
	g.Status = statuses[i-1]
	return g, nil
}

// askCodes asks which competences a goal is linked to.
func (m *runner) askCodes(def []string) ([]string, error) {
	for {
		prompt := "Which competences does this goal develop? Type codes separated by spaces"
		if len(def) > 0 {
			prompt += " [Enter for " + strings.Join(def, " ") + "]"
		}
		s, err := m.askLine(prompt, "")
		if err != nil {
			return nil, err
		}
		if s == "" {
			return def, nil
		}
		var out, bad []string
		for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
			c = strings.ToUpper(c)
			if m.s.Plan.Set.Competence(c) == nil {
				bad = append(bad, c)
				continue
			}
			out = append(out, c)
		}
		if len(bad) == 0 {
			return out, nil
		}
		m.printf("Not a competence code: %s.%s\n", strings.Join(bad, ", "), m.suggestCode(bad[0]))
	}
}

// resourcesFor lists the catalogue's resources for the areas of codes.
func (m *runner) resourcesFor(codes []string) []*framework.Resource {
	seen := map[string]bool{}
	seenArea := map[string]bool{}
	var out []*framework.Resource
	for _, c := range codes {
		comp := m.s.Plan.Set.Competence(c)
		f := m.s.Plan.Set.Owner(c)
		if comp == nil || f == nil || comp.Area == nil || seenArea[comp.Area.Code] {
			continue
		}
		seenArea[comp.Area.Code] = true
		for _, r := range f.ResourcesFor(comp.Area.Code) {
			if !seen[f.ID+"/"+r.ID] {
				seen[f.ID+"/"+r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
