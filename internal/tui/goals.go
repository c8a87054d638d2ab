package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

const (
	goalAdd      = "\x00add"
	goalContinue = "\x00continue"
)

var goalStatuses = []string{record.GoalPlanned, record.GoalInProgress, record.GoalAchieved, record.GoalDropped}

// goalsStep lists the SMART goals with "add" and "continue".
func (w *wizard) goalsStep(m *root) screen {
	var items []pickItem
	for i, g := range m.rec.Plan {
		obj := g.Objective
		if obj == "" {
			obj = "(no objective yet)"
		}
		detail := g.Status
		if g.TargetDate != "" {
			detail = "by " + g.TargetDate + ", " + detail
		}
		if len(g.Competences) > 0 {
			detail += "; " + strings.Join(g.Competences, ", ")
		}
		items = append(items, pickItem{label: fmt.Sprintf("%d. %s", i+1, obj), detail: detail, value: strconv.Itoa(i)})
	}
	items = append(items, pickItem{label: "Add a goal", value: goalAdd}, pickItem{label: "Continue", value: goalContinue})
	p := w.stepPicker(newPicker("Development plan", items, false))
	p.intro = []string{"SMART goals: specific, measurable, achievable, relevant and time-bound. Enter opens a goal; d deletes one."}
	del := kb([]string{"d"}, "d", "delete goal")
	p.extraKeys = []key.Binding{del}
	p.extra = func(m *root, p *picker, msg tea.KeyPressMsg) (bool, tea.Cmd) {
		if !key.Matches(msg, del) {
			return false, nil
		}
		i, err := strconv.Atoi(p.items[p.cursor].value)
		if err != nil || i >= len(m.rec.Plan) {
			return true, nil
		}
		m.rec.Plan = append(m.rec.Plan[:i:i], m.rec.Plan[i+1:]...)
		m.save()
		m.status = "Goal deleted."
		w.show(m, w.at)
		return true, nil
	}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		switch v := p.checked()[0].value; v {
		case goalContinue:
			return w.next(m)
		case goalAdd:
			m.rec.Plan = append(m.rec.Plan, record.Goal{ID: nextGoalID(m.rec.Plan),
				Competences: append([]string(nil), m.rec.Reflection.Focus...), Status: record.GoalPlanned})
			m.save()
			m.push(w.goalForm(m, len(m.rec.Plan)-1))
		default:
			i, _ := strconv.Atoi(v)
			m.push(w.goalForm(m, i))
		}
		return nil
	}
	if len(m.rec.Plan) == 0 {
		p.setCursorValue(goalAdd)
	}
	return p
}

func nextGoalID(goals []record.Goal) string {
	used := map[string]bool{}
	for _, g := range goals {
		used[g.ID] = true
	}
	for i := 1; ; i++ {
		if id := "g" + strconv.Itoa(i); !used[id] {
			return id
		}
	}
}

// validDate checks a YYYY-MM-DD date; "" is allowed (not set).
func validDate(v string) string {
	if v == "" {
		return ""
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return fmt.Sprintf("%q is not a date: write it as YYYY-MM-DD, e.g. 2026-09-30", v)
	}
	return ""
}

// goalForm edits goal i of the plan.
func (w *wizard) goalForm(m *root, i int) *form {
	g := func(m *root) *record.Goal {
		if i < len(m.rec.Plan) {
			return &m.rec.Plan[i]
		}
		return &record.Goal{}
	}
	today := m.opts.Now().Format("2006-01-02")
	fields := []*field{
		{label: "Objective: what will you be able to do?", kind: fieldText, hint: "e.g. Lead a collaborative safety plan with confidence",
			get: func(m *root) string { return g(m).Objective },
			set: func(m *root, v string) string { g(m).Objective = v; m.textChanged(); return "" }},
		{label: "Competences it develops", kind: fieldPick,
			get:  func(m *root) string { return strings.Join(g(m).Competences, ", ") },
			open: func(m *root) tea.Cmd { m.push(w.competencePicker(m, g(m))); return nil }},
		{label: "Planned activities (one per line)", kind: fieldLines, hint: "e.g. complete an e-learning module; shadow a colleague",
			get: func(m *root) string { return strings.Join(g(m).Activities, "\n") },
			set: func(m *root, v string) string { g(m).Activities = splitLines(v); m.textChanged(); return "" }},
		{label: "Resources", kind: fieldPick,
			get:  func(m *root) string { return resourceTitles(m, g(m).Resources) },
			open: func(m *root) tea.Cmd { m.push(w.resourcePicker(m, g(m))); return nil }},
		{label: "Target date (YYYY-MM-DD)", kind: fieldText, hint: "e.g. " + today,
			get: func(m *root) string { return g(m).TargetDate },
			set: func(m *root, v string) string {
				if e := validDate(v); e != "" {
					return e
				}
				g(m).TargetDate = v
				return ""
			}},
		{label: "Success measure: how will you know?", kind: fieldText, hint: "e.g. my supervisor observes two safety plans",
			get: func(m *root) string { return g(m).SuccessMeasure },
			set: func(m *root, v string) string { g(m).SuccessMeasure = v; m.textChanged(); return "" }},
		{label: "Status", kind: fieldChoice, choices: goalStatuses,
			get: func(m *root) string { return g(m).Status },
			set: func(m *root, v string) string { g(m).Status = v; return "" }},
	}
	f := newForm(m, fmt.Sprintf("Goal %d", i+1), fields)
	f.intro = []string{cpd.PrivacyNote}
	f.private = true
	f.onBack = func(m *root) tea.Cmd {
		m.pop()
		// A goal left with nothing written in it (opened with "Add a goal",
		// then left) is not kept: it would be an empty goal in the record.
		if i < len(m.rec.Plan) && blankGoal(m.rec.Plan[i]) {
			m.rec.Plan = append(m.rec.Plan[:i:i], m.rec.Plan[i+1:]...)
			m.save()
		}
		w.show(m, w.at) // refresh the list
		return nil
	}
	return f
}

// blankGoal reports whether nothing has been written in a goal: no
// objective, activities, resources, target date or success measure, and
// the status as new. Its competences are filled in for it, so they don't
// count.
func blankGoal(g record.Goal) bool {
	return strings.TrimSpace(g.Objective) == "" && len(g.Activities) == 0 && len(g.Resources) == 0 &&
		g.TargetDate == "" && strings.TrimSpace(g.SuccessMeasure) == "" && (g.Status == "" || g.Status == record.GoalPlanned)
}

func splitLines(v string) []string {
	var out []string
	for _, l := range strings.Split(v, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// competencePicker offers the needs, then every other code already linked.
func (w *wizard) competencePicker(m *root, g *record.Goal) *picker {
	have := map[string]bool{}
	for _, c := range g.Competences {
		have[c] = true
	}
	var items []pickItem
	seen := map[string]bool{}
	for _, n := range w.scores.Needs {
		items = append(items, pickItem{label: n.Code, detail: n.Statement, value: n.Code, checked: have[n.Code]})
		seen[n.Code] = true
	}
	for _, c := range g.Competences {
		if !seen[c] {
			st := ""
			if comp := m.sess.Plan.Set.Competence(c); comp != nil {
				st = comp.Statement
			}
			items = append(items, pickItem{label: c, detail: st, value: c, checked: true})
		}
	}
	if len(items) == 0 {
		items = []pickItem{{label: "(no development needs to link)", header: true}}
	}
	p := newPicker("Competences for this goal", items, true)
	p.noAutoPick = true
	p.intro = []string{"Tick the competences this goal develops (space), then press enter."}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		g.Competences = nil
		for _, it := range p.checked() {
			g.Competences = append(g.Competences, it.value)
		}
		m.save()
		m.pop()
		return nil
	}
	return p
}

// goalResources suggests resources for the areas of the goal's
// competences, from every framework of the assessment.
func goalResources(m *root, g *record.Goal) []*framework.Resource {
	var out []*framework.Resource
	seen := map[string]bool{}
	for _, code := range g.Competences {
		c := m.sess.Plan.Set.Competence(code)
		if c == nil || c.Area == nil {
			continue
		}
		f := m.sess.Plan.Set.Owner(code)
		if f == nil {
			continue
		}
		for _, r := range f.ResourcesFor(c.Area.Code) {
			if !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out
}

func (w *wizard) resourcePicker(m *root, g *record.Goal) *picker {
	have := map[string]bool{}
	for _, r := range g.Resources {
		have[r] = true
	}
	var items []pickItem
	for _, r := range goalResources(m, g) {
		items = append(items, pickItem{label: r.Title, detail: fmt.Sprintf("%s, %s, %s", r.Provider, r.Kind, r.Cost), value: r.ID, checked: have[r.ID]})
	}
	intro := "Suggested for the areas of this goal's competences. Tick any you plan to use (space), then press enter."
	if len(items) == 0 {
		intro = "No resources are suggested for these competences. Link competences to the goal first, or add what you will use under activities."
		items = []pickItem{{label: "(none suggested)", header: true}}
	}
	p := newPicker("Resources", items, true)
	p.noAutoPick = true
	p.intro = []string{intro}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		var keep []string
		suggested := map[string]bool{}
		for _, r := range goalResources(m, g) {
			suggested[r.ID] = true
		}
		for _, r := range g.Resources {
			if !suggested[r] {
				keep = append(keep, r) // free text or other resources stay
			}
		}
		for _, it := range p.checked() {
			keep = append(keep, it.value)
		}
		g.Resources = keep
		m.save()
		m.pop()
		return nil
	}
	return p
}

func resourceTitles(m *root, ids []string) string {
	var out []string
	for _, id := range ids {
		title := id
		for _, f := range m.sess.Plan.Set.Frameworks() {
			if r := f.Resource(id); r != nil {
				title = r.Title
				break
			}
		}
		out = append(out, title)
	}
	return strings.Join(out, "; ")
}
