package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// wizard walks through the reflection and development plan, one step at a
// time: model, focus needs, a section per prompt of the model, benefit,
// standards, goals, the CPD activity and the anonymisation check. Each
// step is a child screen (picker, editor or form); every change is saved
// as soon as it is made.
type wizard struct {
	scores assessment.Scores
	steps  []string // step ids: "model", "focus", "section:KEY", "benefit", ...
	at     int
	child  screen
}

func newWizard(m *root, scores assessment.Scores) *wizard {
	w := &wizard{scores: scores}
	if m.rec.Reflection.Model == "" {
		m.rec.Reflection.Model = cpd.Models[0].ID
		ensureSections(m.rec)
		m.save()
	}
	w.buildSteps(m)
	w.show(m, 0)
	return w
}

func (w *wizard) buildSteps(m *root) {
	w.steps = []string{"model", "focus"}
	if mdl := currentModel(m.rec); len(mdl.Intro) > 0 || mdl.NotNow {
		w.steps = append(w.steps, "intro") // before the first section
	}
	for _, p := range currentModel(m.rec).Prompts {
		w.steps = append(w.steps, "section:"+p.Key)
	}
	w.steps = append(w.steps, "benefit", "standards", "goals", "activity", "check")
}

func currentModel(r *record.Record) *cpd.Model {
	if mdl := cpd.LookupModel(r.Reflection.Model); mdl != nil {
		return mdl
	}
	return &cpd.Models[0]
}

// ensureSections makes the record's sections match its model, keeping any
// text already written under the same key.
func ensureSections(r *record.Record) {
	have := map[string]string{}
	for _, s := range r.Reflection.Sections {
		have[s.Key] = s.Text
	}
	var out []record.ReflectionSection
	for _, p := range currentModel(r).Prompts {
		out = append(out, record.ReflectionSection{Key: p.Key, Prompt: p.Question, Text: have[p.Key]})
	}
	// Text written under the other model is kept, not dropped.
	for _, s := range r.Reflection.Sections {
		if !hasPrompt(currentModel(r), s.Key) && strings.TrimSpace(s.Text) != "" {
			out = append(out, s)
		}
	}
	r.Reflection.Sections = out
}

func hasPrompt(mdl *cpd.Model, key string) bool {
	for _, p := range mdl.Prompts {
		if p.Key == key {
			return true
		}
	}
	return false
}

func (w *wizard) tag(i int) string {
	return fmt.Sprintf("Reflection & plan %d/%d", i+1, len(w.steps))
}

func (w *wizard) next(m *root) tea.Cmd {
	if w.at+1 < len(w.steps) {
		w.show(m, w.at+1)
	}
	return nil
}

func (w *wizard) prev(m *root) tea.Cmd {
	if w.at == 0 {
		m.pop() // back to the summary
		return nil
	}
	w.show(m, w.at-1)
	return nil
}

// goStep shows the step with the given id (used by the check's "edit").
func (w *wizard) goStep(m *root, id string) {
	for i, s := range w.steps {
		if s == id {
			w.show(m, i)
			return
		}
	}
}

// show builds the child screen of step i.
func (w *wizard) show(m *root, i int) {
	w.at = i
	id := w.steps[i]
	switch {
	case id == "model":
		w.child = w.modelStep(m)
	case id == "focus":
		w.child = w.focusStep(m)
	case id == "intro":
		w.child = w.introStep(m)
	case strings.HasPrefix(id, "section:"):
		w.child = w.sectionStep(m, strings.TrimPrefix(id, "section:"))
	case id == "benefit":
		w.child = w.benefitStep(m)
	case id == "standards":
		w.child = w.standardsStep(m)
	case id == "goals":
		w.child = w.goalsStep(m)
	case id == "activity":
		w.child = w.activityStep(m)
	case id == "check":
		w.child = newCheck(m, w)
	}
	if r, ok := w.child.(resizer); ok {
		r.resize(m)
	}
}

func (w *wizard) keys() help.KeyMap { return w.child.keys() }

func (w *wizard) update(m *root, msg tea.KeyPressMsg) tea.Cmd { return w.child.update(m, msg) }

func (w *wizard) view(m *root) string { return w.child.view(m) }

func (w *wizard) typing() bool {
	t, ok := w.child.(typer)
	return ok && t.typing()
}

func (w *wizard) commit(m *root) {
	if c, ok := w.child.(committer); ok {
		c.commit(m)
	}
}

func (w *wizard) resize(m *root) {
	if r, ok := w.child.(resizer); ok {
		r.resize(m)
	}
}

// stepPicker wires a picker into the wizard: esc goes back a step.
func (w *wizard) stepPicker(p *picker) *picker {
	p.title = w.tag(w.at) + ": " + p.title
	p.onCancel = func(m *root, _ *picker) tea.Cmd { return w.prev(m) }
	p.quitKey = true
	p.k.Cancel.SetHelp("esc", "previous step")
	return p
}

func (w *wizard) modelStep(m *root) screen {
	var items []pickItem
	for _, mdl := range cpd.Models {
		var titles []string
		for _, p := range mdl.Prompts {
			titles = append(titles, p.Title)
		}
		label := mdl.Title
		if mdl.ID == cpd.Models[0].ID {
			label += " (default)"
		}
		items = append(items, pickItem{label: label, value: mdl.ID, detail: strings.Join(titles, " / ")})
	}
	p := w.stepPicker(newPicker("Reflective model", items, false))
	p.setCursorValue(m.rec.Reflection.Model)
	p.intro = []string{"Choose how to structure your reflection. The NMC reflective account asks the four questions of the NMC's form."}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		if v := p.checked()[0].value; v != m.rec.Reflection.Model {
			m.rec.Reflection.Model = v
			ensureSections(m.rec)
			m.save()
			w.buildSteps(m)
		}
		return w.next(m)
	}
	return p
}

func (w *wizard) focusStep(m *root) screen {
	chosen := map[string]bool{}
	for _, c := range m.rec.Reflection.Focus {
		chosen[c] = true
	}
	var items []pickItem
	for i, n := range w.scores.Needs {
		var detail []string
		if n.Rating > 0 && n.Target > 0 {
			detail = append(detail, fmt.Sprintf("rated %d, target %d", n.Rating, n.Target))
		}
		if n.Flagged {
			detail = append(detail, "flagged by you")
		}
		on := chosen[n.Code] || (len(chosen) == 0 && i < 3)
		items = append(items, pickItem{label: fmt.Sprintf("%d. %s %s", n.Rank, n.Code, n.Statement),
			detail: strings.Join(detail, "; "), value: n.Code, checked: on})
	}
	intro := "Tick the development needs to reflect on (space), then press enter. The most pressing come first, and up to three are ticked to start with."
	if len(items) == 0 {
		intro = "You have no development needs: nothing is below target and nothing is flagged. Press enter to go on; you can reflect on your strengths."
		items = []pickItem{{label: "Go on", value: ""}}
	}
	p := w.stepPicker(newPicker("Focus", items, len(w.scores.Needs) > 0))
	p.intro = []string{intro}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		var codes []string
		for _, it := range p.checked() {
			if it.value != "" {
				codes = append(codes, it.value)
			}
		}
		m.rec.Reflection.Focus = codes
		m.save()
		return w.next(m)
	}
	return p
}

// introStep shows a model's introduction before its first section and,
// when the model offers it (cpd.Model.NotNow), the choice to stop and come
// back later: everything is saved, and --resume returns here.
func (w *wizard) introStep(m *root) screen {
	mdl := currentModel(m.rec)
	items := []pickItem{{label: "Start now", value: "now"}}
	if mdl.NotNow {
		items = append(items, pickItem{label: "Not now: save and come back later", value: "later",
			detail: "Everything is kept. reflect assess --resume brings you back to this reflection."})
	}
	p := w.stepPicker(newPicker(mdl.Title, items, false))
	p.intro = append([]string(nil), mdl.Intro...)
	p.onDone = func(m *root, p *picker) tea.Cmd {
		if p.checked()[0].value == "later" {
			m.status = cpd.NotNowText
			return m.leave()
		}
		return w.next(m)
	}
	return p
}

func (w *wizard) sectionStep(m *root, key string) screen {
	var prompt cpd.Prompt
	for _, p := range currentModel(m.rec).Prompts {
		if p.Key == key {
			prompt = p
		}
	}
	text := ""
	for _, s := range m.rec.Reflection.Sections {
		if s.Key == key {
			text = s.Text
		}
	}
	e := newEditor(m, prompt.Title, text, func(m *root, v string) {
		for i := range m.rec.Reflection.Sections {
			if m.rec.Reflection.Sections[i].Key == key {
				m.rec.Reflection.Sections[i].Text = strings.TrimRight(v, " \t\r\n")
			}
		}
		m.textChanged()
		m.save()
	})
	w.wireEditor(e)
	e.intro = []string{prompt.Question}
	if prompt.Help != "" {
		e.intro = append(e.intro, prompt.Help)
	}
	return e
}

func (w *wizard) wireEditor(e *editor) {
	e.title = w.tag(w.at) + ": " + e.title
	e.onNext = func(m *root) tea.Cmd { return w.next(m) }
	e.onPrev = func(m *root) tea.Cmd { return w.prev(m) }
}

func (w *wizard) benefitStep(m *root) screen {
	e := newEditor(m, "Benefit to the people you support", m.rec.Benefit, func(m *root, v string) {
		m.rec.Benefit = strings.TrimRight(v, " \t\r\n")
		m.textChanged()
		m.save()
	})
	w.wireEditor(e)
	e.intro = []string{"How will what you learn benefit the people you support, their families and carers? (HCPC standard 4)"}
	return e
}

func (w *wizard) standardsStep(m *root) screen {
	have := map[string]bool{}
	for _, s := range m.rec.Standards {
		have[s.Scheme+"/"+s.ID] = true
	}
	var items []pickItem
	scheme := ""
	for _, s := range cpd.Standards {
		if s.Scheme != scheme {
			scheme = s.Scheme
			items = append(items, pickItem{label: cpd.SchemeTitles[s.Scheme], header: true})
		}
		items = append(items, pickItem{label: s.Label, value: s.Scheme + "/" + s.ID, checked: have[s.Scheme+"/"+s.ID]})
	}
	p := w.stepPicker(newPicker("Standards", items, true))
	p.intro = []string{"Tick the standards this work links to (space), only your own regulator's, then press enter."}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		var out []record.StandardRef
		for _, s := range cpd.Standards {
			for _, it := range p.checked() {
				if it.value == s.Scheme+"/"+s.ID {
					out = append(out, record.StandardRef{Scheme: s.Scheme, ID: s.ID, Label: s.Label})
				}
			}
		}
		m.rec.Standards = out
		m.save()
		return w.next(m)
	}
	// Enter with nothing ticked should not tick the line under the cursor.
	p.noAutoPick = true
	return p
}
