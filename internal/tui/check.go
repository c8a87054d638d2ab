package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/cpd"
)

// check runs the anonymisation check and asks the person to confirm.
type check struct {
	w        *wizard
	step     cpd.Step
	findings []cpd.Finding
	cursor   int
	scroll   int
	confirm  key.Binding
	edit     key.Binding
	back     key.Binding
	up, down key.Binding
}

func newCheck(m *root, w *wizard, st cpd.Step) *check {
	c := &check{w: w, step: st, findings: m.cpd().Check(),
		confirm: kb([]string{"y"}, "y", "confirm & finish"),
		edit:    kb([]string{"e", "enter"}, "e", "edit this"),
		back:    kb([]string{"esc", "shift+tab"}, "esc", "previous step"),
		up:      kb([]string{"up", "k"}, "↑", "up"),
		down:    kb([]string{"down", "j"}, "↓", "down")}
	m.save()
	return c
}

func (c *check) keys() help.KeyMap {
	short := []key.Binding{c.confirm}
	if len(c.findings) > 0 {
		short = append(short, c.edit)
	}
	short = append(short, c.back)
	full := append(append([]key.Binding(nil), short...), c.up, c.down)
	if len(c.findings) > 1 {
		short = append(short, kb([]string{"up", "down"}, "↑/↓", "move"))
	}
	return keyList{short: short, full: [][]key.Binding{full}}
}

func (c *check) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, c.confirm):
		if err := m.cpd().Confirm(); err != nil {
			m.status = problemText(err)
			return nil
		}
		m.save()
		m.finished = true
		m.replace(&doneScreen{})
	case key.Matches(msg, c.back):
		return c.w.prev(m)
	case key.Matches(msg, c.up):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(msg, c.down):
		c.cursor = min(max(0, len(c.findings)-1), c.cursor+1)
	case key.Matches(msg, c.edit) && len(c.findings) > 0:
		addr := c.findings[c.cursor].Addr
		if code, ok := strings.CutPrefix(addr, "note."); ok {
			e := newFlowEditor(m, "Note: "+code, addr)
			inner := e.onSave
			e.onSave = func(m *root, v string) {
				inner(m, v)
				c.w.show(m, c.w.at) // check again
			}
			m.push(e)
			return nil
		}
		step := m.cpd().StepOf(addr)
		if step == "" || !c.w.goStep(m, step) {
			m.status = "This text is not yours to change here (a reviewer's comment)."
			return nil
		}
		if strings.HasPrefix(addr, "goal.") {
			id := strings.SplitN(addr, ".", 3)[1]
			if goalIndex(m.rec, id) >= 0 {
				m.push(c.w.goalForm(m, id))
			}
		}
	}
	return nil
}

func (c *check) view(m *root) string {
	t, w := m.theme, m.width
	header := []string{t.Title.Render(c.w.tag(c.w.at) + ": " + strings.ToLower(c.step.Title[:1]) + c.step.Title[1:])}
	var body []string
	para := func(s string) { body = append(body, wrap(s, w, "", "")...) }
	if len(c.findings) == 0 {
		para("No likely identifiers were found in your notes, reflection and plan.")
	} else {
		what := "1 thing may"
		if len(c.findings) > 1 {
			what = fmt.Sprintf("%d things may", len(c.findings))
		}
		para(what + " identify someone. Look at each: edit it (e), or leave it if it identifies nobody.")
	}
	cursorLine := 0
	for i, f := range c.findings {
		ptr := "  "
		if i == c.cursor {
			ptr = t.Sym.Pointer + " "
			cursorLine = len(body)
		}
		line := fmt.Sprintf("%s: %q, %s", f.Field, f.Excerpt, anonymise.Describe(f.Kind))
		lines := wrap(line, w, ptr, "    ")
		if i == c.cursor {
			for j := range lines {
				lines[j] = t.Selected.Render(lines[j])
			}
		}
		body = append(body, lines...)
	}
	body = append(body, "")
	para("The check is a prompt, not a guarantee. " + cpd.PrivacyNote)
	msg := "Press y to confirm that this record identifies no patient, service user, family member or colleague, and to mark it complete."
	if p := m.cpd().Progress(); !p.Answered() || !p.Reflected() {
		msg = "Press y to confirm that this record identifies no patient, service user, family member or colleague. It is complete once every statement is answered and every part of the reflection is written; now: " + p.String() + "."
	}
	para(msg)
	footer := m.footer(c.keys())
	ensureVisible(&c.scroll, cursorLine, bodyRoom(m.height, len(header), len(footer)))
	return t.page(w, m.height, header, body, footer, &c.scroll)
}

// doneScreen closes the session with the export command and support.
type doneScreen struct{ scroll int }

func (d *doneScreen) keys() help.KeyMap {
	return keyList{short: []key.Binding{kb([]string{"enter", "q"}, "enter", "close")}}
}

func (d *doneScreen) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter", "q", "esc":
		m.leaving = true
		return tea.Quit
	case "down", "j":
		d.scroll++
	case "up", "k":
		d.scroll--
	}
	return nil
}

func (d *doneScreen) view(m *root) string {
	t, w := m.theme, m.width
	p := m.cpd().Progress()
	title := "Your record is complete"
	if !p.Complete() {
		title = "Your record is saved"
	}
	header := []string{t.Title.Render(title)}
	var body []string
	para := func(s string) { body = append(body, wrap(s, w, "", "")...) }
	if p.Complete() {
		para("Thank you for taking the time. Your record is saved.")
	} else {
		para("Thank you for taking the time. Your record is saved, but it is not complete yet (" + p.String() + "). Carry on any time with: reflect assess --resume " + m.rec.ID)
	}
	body = append(body, "")
	para("Export it for your portfolio or your supervisor:")
	body = append(body, wrap("reflect export "+m.rec.ID+" --format md", w, "  ", "    ")...)
	body = append(body, "")
	body = append(body, supportLines(w)...)
	return t.page(w, m.height, header, body, m.footer(d.keys()), &d.scroll)
}
