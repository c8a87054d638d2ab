package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/cpd"
)

// wizard walks through the reflection and development plan, one step at a
// time. The steps are the reflection flow's (internal/cpd): their titles,
// questions, help, kinds and validation are defined there, once, for this
// screen, line mode and the answers file alike; this file only draws them
// (a form, a picker or a text box) and turns keys into the flow's
// changes. Every change is saved as soon as it is made.
type wizard struct {
	steps []cpd.Step
	at    int
	child screen
}

func newWizard(m *root) *wizard {
	w := &wizard{}
	w.steps = m.cpd().Steps()
	w.show(m, 0)
	return w
}

func (w *wizard) tag(i int) string {
	return fmt.Sprintf("Reflection & plan %d/%d", i+1, len(w.steps))
}

func (w *wizard) next(m *root) tea.Cmd {
	// The steps are read again: choosing a model changes the sections.
	w.steps = m.cpd().Steps()
	if w.at+1 < len(w.steps) {
		w.show(m, w.at+1)
	}
	return nil
}

func (w *wizard) prev(m *root) tea.Cmd {
	w.steps = m.cpd().Steps()
	if w.at == 0 {
		m.pop() // back to the summary
		return nil
	}
	w.show(m, w.at-1)
	return nil
}

// goStep shows the step with the given id (used by the check's "edit").
func (w *wizard) goStep(m *root, id string) bool {
	w.steps = m.cpd().Steps()
	for i, s := range w.steps {
		if s.ID == id {
			w.show(m, i)
			return true
		}
	}
	return false
}

// show builds the child screen of step i.
func (w *wizard) show(m *root, i int) {
	w.at = min(i, len(w.steps)-1)
	st := w.steps[w.at]
	switch st.Kind {
	case cpd.KindForm:
		w.child = w.formStep(m, st)
	case cpd.KindChoice:
		w.child = w.choiceStep(m, st)
	case cpd.KindMulti:
		w.child = w.multiStep(m, st)
	case cpd.KindLines:
		w.child = w.linesStep(m, st)
	case cpd.KindGoals:
		w.child = w.goalsStep(m, st)
	case cpd.KindEvidence:
		w.child = w.evidenceStep(m, st)
	case cpd.KindIntro:
		w.child = w.introStep(m, st)
	case cpd.KindCheck:
		w.child = newCheck(m, w, st)
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

func (w *wizard) paste(m *root, msg tea.PasteMsg) tea.Cmd {
	if p, ok := w.child.(paster); ok {
		return p.paste(m, msg)
	}
	return nil
}

// stepPicker wires a picker into the wizard: esc goes back a step.
func (w *wizard) stepPicker(p *picker) *picker {
	p.title = w.tag(w.at) + ": " + p.title
	p.onCancel = func(m *root, _ *picker) tea.Cmd { return w.prev(m) }
	p.quitKey = true
	p.k.Cancel.SetHelp("esc", "previous step")
	return p
}

// problemText is what to show when the flow refuses a value.
func problemText(err error) string {
	if err == nil {
		return ""
	}
	if p, ok := err.(*cpd.Problem); ok {
		if p.Hint != "" {
			return p.Msg + ": " + p.Hint
		}
		return p.Msg
	}
	return err.Error()
}

// flowField is a form field over a field of the flow: its value is read
// from the flow (or the flow's suggestion when empty) and stored through
// it, so every check is the flow's.
func flowField(m *root, fl cpd.Field) *field {
	addr := fl.Addr
	f := &field{label: fl.Label, kind: fieldText, hint: fl.Hint,
		get: func(m *root) string { return m.cpd().Get(addr) },
		set: func(m *root, v string) string { return problemText(m.cpd().Set(addr, v)) }}
	if fl.Kind == cpd.KindLines {
		f.kind = fieldLines
	}
	if f.hint == "" {
		switch fl.Kind {
		case cpd.KindDate:
			f.hint = "YYYY-MM-DD, e.g. " + m.opts.Now().Format(cpd.DateLayout)
		case cpd.KindHours:
			f.hint = "e.g. 1.5"
		}
	}
	f.suggest = func(m *root) string { return m.cpd().Suggest(addr) }
	f.note = func(m *root) string { return m.cpd().Note(addr) }
	return f
}

// formStep draws a step of several fields (your details, the activity).
func (w *wizard) formStep(m *root, st cpd.Step) screen {
	var fields []*field
	private := false
	for _, fl := range st.Fields {
		fields = append(fields, flowField(m, fl))
		private = private || fl.Private
	}
	f := newForm(m, w.tag(w.at)+": "+st.Title, fields)
	f.intro = []string{st.Prompt}
	if st.Help != "" {
		f.intro = append(f.intro, st.Help)
	}
	f.private = private
	f.onNext = func(m *root) tea.Cmd { return w.next(m) }
	f.onBack = func(m *root) tea.Cmd { return w.prev(m) }
	f.back.SetHelp("esc", "previous step")
	f.next.SetHelp("tab", "next")
	return f
}

func (w *wizard) choiceStep(m *root, st cpd.Step) screen {
	var items []pickItem
	for _, o := range m.cpd().Options(st.Addr) {
		items = append(items, pickItem{label: o.Label, detail: o.Detail, value: o.Value})
	}
	p := w.stepPicker(newPicker(st.Title, items, false))
	p.setCursorValue(m.cpd().Get(st.Addr))
	p.intro = []string{st.Prompt}
	if st.Help != "" {
		p.intro = append(p.intro, st.Help)
	}
	addr := st.Addr
	p.onDone = func(m *root, p *picker) tea.Cmd {
		if err := m.cpd().Set(addr, p.checked()[0].value); err != nil {
			m.status = problemText(err)
			return nil
		}
		m.save()
		return w.next(m)
	}
	return p
}

func (w *wizard) multiStep(m *root, st cpd.Step) screen {
	fl := m.cpd()
	have := fl.GetList(st.Addr)
	if len(have) == 0 && st.Addr == cpd.AddrFocus && len(m.rec.Reflection.Focus) == 0 {
		have = fl.DefaultFocus()
	}
	var items []pickItem
	for _, o := range fl.Options(st.Addr) {
		if o.Group != "" {
			items = append(items, pickItem{label: o.Group, header: true})
		}
		items = append(items, pickItem{label: o.Label, detail: o.Detail, value: o.Value, checked: slices.Contains(have, o.Value)})
	}
	intro := st.Prompt + " Tick with space, then press enter."
	multi := true
	if len(items) == 0 && st.Addr == cpd.AddrFocus {
		intro = "You have no development needs: nothing is below target and nothing is flagged. Press enter to go on; you can reflect on your strengths."
		items = []pickItem{{label: "Go on", value: ""}}
		multi = false
	}
	p := w.stepPicker(newPicker(st.Title, items, multi))
	p.intro = []string{intro}
	// Enter with nothing ticked should not tick the line under the cursor.
	p.noAutoPick = true
	addr := st.Addr
	p.onDone = func(m *root, p *picker) tea.Cmd {
		var vals []string
		for _, it := range p.checked() {
			if it.value != "" {
				vals = append(vals, it.value)
			}
		}
		if err := m.cpd().SetList(addr, vals); err != nil {
			m.status = problemText(err)
			return nil
		}
		m.save()
		return w.next(m)
	}
	return p
}

// linesStep is a text box for a section of the reflection or the benefit.
func (w *wizard) linesStep(m *root, st cpd.Step) screen {
	e := newFlowEditor(m, st.Title, st.Addr)
	e.title = w.tag(w.at) + ": " + e.title
	e.onNext = func(m *root) tea.Cmd { return w.next(m) }
	e.onPrev = func(m *root) tea.Cmd { return w.prev(m) }
	e.intro = []string{st.Prompt}
	if st.Help != "" {
		e.intro = append(e.intro, st.Help)
	}
	return e
}

// newFlowEditor is a text box over a free-text field of the flow. What is
// typed is kept as a draft as it is typed (saved a moment after the last
// key), so that it survives reflect being stopped; a draft found for the
// field is restored into the box.
func newFlowEditor(m *root, title, addr string) *editor {
	fl := m.cpd()
	text := fl.Get(addr)
	e := newEditor(m, title, text, func(m *root, v string) {
		if err := m.cpd().Set(addr, strings.TrimRight(v, " \t\r\n")); err != nil {
			m.status = problemText(err)
		}
		m.cpd().DropDraft()
		m.save()
	})
	e.addr = addr
	if d, ok := fl.Draft(addr); ok && d != text {
		e.ta.SetValue(d)
		e.orig = text
		m.status = "Restored what you were typing when reflect stopped."
	}
	return e
}

// introStep shows a model's introduction before its first section and,
// when the model offers it (cpd.Model.NotNow), the choice to stop and come
// back later: everything is saved, and --resume returns here.
func (w *wizard) introStep(m *root, st cpd.Step) screen {
	mdl := m.cpd().Model()
	items := []pickItem{{label: "Start now", value: "now"}}
	if mdl.NotNow {
		items = append(items, pickItem{label: "Not now: save and come back later", value: "later",
			detail: "Everything is kept. reflect assess --resume brings you back to this reflection."})
	}
	p := w.stepPicker(newPicker(st.Title, items, false))
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
