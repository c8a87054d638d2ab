package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

const (
	goalAdd      = "\x00add"
	goalContinue = "\x00continue"
)

// goalsStep lists the SMART goals with "add" and "continue".
func (w *wizard) goalsStep(m *root, st cpd.Step) screen {
	var items []pickItem
	for i, g := range m.rec.Plan {
		obj := g.Objective
		if obj == "" {
			obj = "(no objective yet)"
		}
		detail := cpd.GoalStatusLabel(g.Status)
		if g.TargetDate != "" {
			detail = "by " + g.TargetDate + ", " + detail
		}
		if len(g.Competences) > 0 {
			detail += "; " + strings.Join(g.Competences, ", ")
		}
		items = append(items, pickItem{label: fmt.Sprintf("%d. %s", i+1, obj), detail: detail, value: g.ID})
	}
	items = append(items, pickItem{label: "Add a goal", value: goalAdd}, pickItem{label: "Continue", value: goalContinue})
	p := w.stepPicker(newPicker(st.Title, items, false))
	p.intro = []string{st.Prompt + " Enter opens a goal; d deletes one."}
	del := kb([]string{"d"}, "d", "delete goal")
	p.extraKeys = []key.Binding{del}
	p.extra = func(m *root, p *picker, msg tea.KeyPressMsg) (bool, tea.Cmd) {
		if !key.Matches(msg, del) {
			return false, nil
		}
		id := p.items[p.cursor].value
		if id == goalAdd || id == goalContinue {
			return true, nil
		}
		if err := m.cpd().DeleteGoal(id); err == nil {
			m.save()
			m.status = "Goal deleted."
		}
		w.show(m, w.at)
		return true, nil
	}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		switch v := p.checked()[0].value; v {
		case goalContinue:
			return w.next(m)
		case goalAdd:
			// A new goal starts with nothing ticked: not the competences
			// of the last one, nor the focus.
			id, err := m.cpd().AddGoal()
			if err != nil {
				m.status = problemText(err)
				return nil
			}
			m.save()
			m.push(w.goalForm(m, id))
		default:
			m.push(w.goalForm(m, v))
		}
		return nil
	}
	if len(m.rec.Plan) == 0 {
		p.setCursorValue(goalAdd)
	}
	return p
}

func goalIndex(r *record.Record, id string) int {
	for i, g := range r.Plan {
		if g.ID == id {
			return i
		}
	}
	return -1
}

// goalForm edits one goal with the flow's goal fields.
func (w *wizard) goalForm(m *root, id string) *form {
	var fields []*field
	for _, fl := range m.cpd().GoalFields(id) {
		addr := fl.Addr
		name := addr[strings.LastIndex(addr, ".")+1:]
		switch name {
		case "competences", "resources":
			f := &field{label: fl.Label, kind: fieldPick,
				get: func(m *root) string {
					var out []string
					for _, v := range m.cpd().GetList(addr) {
						out = append(out, m.cpd().ResourceTitle(v))
					}
					sep := ", "
					if name == "resources" {
						sep = "; "
					}
					return strings.Join(out, sep)
				},
				open: func(m *root) tea.Cmd { m.push(w.optionPicker(m, fl)); return nil }}
			fields = append(fields, f)
		case "status":
			var choices []string
			for _, o := range m.cpd().Options(addr) {
				choices = append(choices, o.Value)
			}
			fields = append(fields, &field{label: fl.Label, kind: fieldChoice, choices: choices,
				get: func(m *root) string { return m.cpd().Get(addr) },
				set: func(m *root, v string) string { return problemText(m.cpd().Set(addr, v)) }})
		default:
			f := flowField(m, fl)
			if fl.Kind == cpd.KindLines {
				f.kind = fieldLines
			}
			fields = append(fields, f)
		}
	}
	n := goalIndex(m.rec, id) + 1
	f := newForm(m, fmt.Sprintf("Goal %d", n), fields)
	f.intro = []string{cpd.PrivacyNote}
	f.private = true
	f.onBack = func(m *root) tea.Cmd {
		m.pop()
		// A goal left with nothing written in it (opened with "Add a goal",
		// then left) is not kept: it would be an empty goal in the record.
		if i := goalIndex(m.rec, id); i >= 0 && cpd.BlankGoal(m.rec.Plan[i]) {
			m.cpd().DeleteGoal(id)
			m.save()
		}
		w.show(m, w.at) // refresh the list
		return nil
	}
	return f
}

// optionPicker ticks a goal's competences or resources from the flow's
// options.
func (w *wizard) optionPicker(m *root, fl cpd.Field) *picker {
	addr := fl.Addr
	have := m.cpd().GetList(addr)
	var items []pickItem
	for _, o := range m.cpd().Options(addr) {
		items = append(items, pickItem{label: o.Label, detail: o.Detail, value: o.Value, checked: slices.Contains(have, o.Value)})
	}
	intro := "Tick the competences this goal develops (space), then press enter. " + fl.Help
	if strings.HasSuffix(addr, ".resources") {
		intro = "Suggested for the areas of this goal's competences. Tick any you plan to use (space), then press enter."
		if len(items) == 0 {
			intro = "No resources are suggested for these competences. Link competences to the goal first, or add what you will use under activities."
		}
	} else if len(items) == 0 {
		intro = "There are no development needs to link."
	}
	if len(items) == 0 {
		items = []pickItem{{label: "(none)", header: true}}
	}
	p := newPicker(fl.Label, items, true)
	p.noAutoPick = true
	p.intro = []string{strings.TrimSpace(intro)}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		var keep []string
		offered := map[string]bool{}
		for _, it := range p.items {
			offered[it.value] = true
		}
		for _, v := range m.cpd().GetList(addr) {
			if !offered[v] {
				keep = append(keep, v) // free text or other resources stay
			}
		}
		for _, it := range p.checked() {
			if it.value != "" {
				keep = append(keep, it.value)
			}
		}
		if err := m.cpd().SetList(addr, keep); err != nil {
			m.status = problemText(err)
			return nil
		}
		m.save()
		m.pop()
		return nil
	}
	return p
}

// evidenceStep lists the evidence with "add a file", "describe" and
// "continue"; d removes one.
func (w *wizard) evidenceStep(m *root, st cpd.Step) screen {
	const addFile, addWords, cont = "\x00file", "\x00words", "\x00continue"
	var items []pickItem
	for i, e := range m.rec.Activity.Evidence {
		label := e.Description
		detail := ""
		if e.File != "" {
			if label == "" {
				label = e.File
			}
			detail = fmt.Sprintf("file %s, %d bytes, SHA-256 %.12s", e.File, e.Size, e.SHA256)
		}
		items = append(items, pickItem{label: fmt.Sprintf("%d. %s", i+1, label), detail: detail, value: fmt.Sprint(i + 1)})
	}
	items = append(items, pickItem{label: "Add a file (its name and fingerprint are recorded)", value: addFile},
		pickItem{label: "Describe evidence in words", value: addWords}, pickItem{label: "Continue", value: cont})
	p := w.stepPicker(newPicker(st.Title, items, false))
	p.intro = []string{st.Prompt, st.Help}
	del := kb([]string{"d"}, "d", "remove")
	p.extraKeys = []key.Binding{del}
	p.extra = func(m *root, p *picker, msg tea.KeyPressMsg) (bool, tea.Cmd) {
		if !key.Matches(msg, del) {
			return false, nil
		}
		var n int
		if _, err := fmt.Sscan(p.items[p.cursor].value, &n); err == nil {
			m.cpd().RemoveEvidence(n)
			m.save()
			m.status = "Evidence removed."
		}
		w.show(m, w.at)
		return true, nil
	}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		switch p.checked()[0].value {
		case cont:
			return w.next(m)
		case addFile, addWords:
			m.push(w.evidenceForm(m, p.checked()[0].value == addFile))
		}
		return nil
	}
	p.setCursorValue(cont)
	if len(m.rec.Activity.Evidence) == 0 {
		p.setCursorValue(addFile)
	}
	return p
}

// evidenceForm asks for a file path (hashed, never copied) and a line
// describing it, or a description alone.
func (w *wizard) evidenceForm(m *root, file bool) *form {
	var path, desc string
	var fields []*field
	if file {
		fields = append(fields, &field{label: "Path of the file", kind: fieldText, hint: "e.g. Documents/certificate.pdf",
			get: func(*root) string { return path },
			set: func(m *root, v string) string {
				if v == "" {
					path = ""
					return ""
				}
				if _, err := m.opts.HashFile(v); err != nil {
					return "cannot read that file: " + err.Error()
				}
				path = v
				return ""
			}})
	}
	fields = append(fields, &field{label: "What is it? (one line)", kind: fieldText, hint: "e.g. Certificate from the safety-planning workshop",
		get: func(*root) string { return desc },
		set: func(_ *root, v string) string { desc = v; return "" }})
	title := "Evidence: a file"
	if !file {
		title = "Evidence in words"
	}
	f := newForm(m, title, fields)
	f.intro = []string{"reflect records the file's name, size and a SHA-256 fingerprint so it can be matched later. The file itself is not copied and stays where it is."}
	if !file {
		f.intro = []string{"Say in a line what the evidence is and where it is kept, such as: notes from supervision (kept by me)."}
	}
	f.private = true
	save := func(m *root) tea.Cmd {
		m.pop()
		var ev record.Evidence
		if path != "" {
			h, err := m.opts.HashFile(path)
			if err != nil {
				m.status = "Cannot read that file: " + err.Error()
				return nil
			}
			ev = h
		}
		ev.Description = desc
		if ev.File != "" || strings.TrimSpace(ev.Description) != "" {
			if err := m.cpd().AddEvidence(ev); err != nil {
				m.status = problemText(err)
			} else {
				m.save()
			}
		}
		w.show(m, w.at)
		return nil
	}
	f.onNext = save
	f.onBack = save
	f.back.SetHelp("esc", "done")
	return f
}
