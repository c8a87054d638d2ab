package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Field kinds of a form.
const (
	fieldText   = iota // one line
	fieldLines         // several lines (enter starts a new line)
	fieldChoice        // ← → cycles through choices
	fieldPick          // enter opens a picker; the value is shown as text
)

// field is one row of a form. get reads the stored value; set stores a
// new one and returns a problem in words ("" when fine); for fieldPick,
// open pushes the picker.
type field struct {
	label   string
	kind    int
	hint    string
	choices []string
	get     func(m *root) string
	set     func(m *root, v string) string
	open    func(m *root) tea.Cmd
	// suggest is the value offered in an empty text box (stored when the
	// field is left, as line mode's Enter takes it); nil: none.
	suggest func(m *root) string
	// note, when set, is a remark on the stored value shown under the
	// field (cpd.Flow.Note: a target date already passed); nil: none.
	note func(m *root) string

	in  textinput.Model
	ta  textarea.Model
	err string
}

func (fl *field) noteText(m *root) string {
	if fl.note == nil {
		return ""
	}
	return fl.note(m)
}

// form is a list of fields edited in place. tab and shift+tab move between
// fields, storing each one as it is left; esc stores and goes back.
type form struct {
	title   string
	intro   []string
	fields  []*field
	focus   int
	scroll  int
	private bool                  // free text about practice: show the privacy reminder
	onNext  func(m *root) tea.Cmd // tab past the last field; nil: none
	onBack  func(m *root) tea.Cmd // esc or shift+tab before the first
	next    key.Binding
	prev    key.Binding
	back    key.Binding
	open    key.Binding
	cycle   key.Binding
}

// newInput is a one-line text box in the theme: plain text, a muted hint,
// and a cursor in reverse video that does not blink.
func newInput(m *root, prompt, hint string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = hint
	plain := lipgloss.NewStyle()
	st := textinput.StyleState{Text: plain, Placeholder: m.theme.Muted, Suggestion: m.theme.Muted, Prompt: plain}
	in.SetStyles(textinput.Styles{Focused: st, Blurred: st, Cursor: textinput.CursorStyle{Color: lipgloss.NoColor{}}})
	return in
}

func newForm(m *root, title string, fields []*field) *form {
	f := &form{title: title, fields: fields,
		next:  kb([]string{"tab"}, "tab", "next field"),
		prev:  kb([]string{"shift+tab"}, "shift+tab", "previous"),
		back:  kb([]string{"esc"}, "esc", "done"),
		open:  kb([]string{"enter"}, "enter", "choose"),
		cycle: kb([]string{"left", "right"}, "←/→", "change")}
	for _, fl := range fields {
		switch fl.kind {
		case fieldText:
			fl.in = newInput(m, "", fl.hint)
			fl.in.SetValue(fl.get(m))
		case fieldLines:
			fl.ta = newTextarea(m, fl.get(m))
			fl.ta.Prompt = "  " + fl.ta.Prompt
			fl.ta.Placeholder = fl.hint
			fl.ta.Blur()
		}
	}
	f.focusField(m, 0)
	return f
}

func (f *form) typing() bool {
	k := f.fields[f.focus].kind
	return k == fieldText || k == fieldLines
}

func (f *form) keys() help.KeyMap {
	var short []key.Binding
	switch f.fields[f.focus].kind {
	case fieldPick:
		short = append(short, f.open)
	case fieldChoice:
		short = append(short, f.cycle)
	}
	short = append(short, f.next, f.back, f.prev)
	return keyList{short: short, full: [][]key.Binding{short}}
}

func (f *form) focusField(m *root, i int) {
	for j, fl := range f.fields {
		switch fl.kind {
		case fieldText:
			if j == i {
				fl.in.Focus()
				// An empty field is offered its suggestion when reached
				// (worked out then: an end date follows the start given).
				if fl.suggest != nil && fl.in.Value() == "" && fl.get(m) == "" {
					if v := fl.suggest(m); v != "" {
						fl.in.SetValue(v)
						fl.in.CursorEnd()
					}
				}
			} else {
				fl.in.Blur()
			}
		case fieldLines:
			if j == i {
				fl.ta.Focus()
			} else {
				fl.ta.Blur()
			}
		}
	}
	f.focus = i
}

// store saves the focused field if it is text. It reports false when the
// value was refused (the field shows why and keeps the text).
func (f *form) store(m *root) bool {
	fl := f.fields[f.focus]
	var v string
	switch fl.kind {
	case fieldText:
		v = strings.TrimSpace(fl.in.Value())
	case fieldLines:
		v = strings.TrimRight(fl.ta.Value(), " \t\r\n")
	default:
		return true
	}
	if v == fl.get(m) {
		fl.err = ""
		return true
	}
	fl.err = fl.set(m, v)
	if fl.err != "" {
		return false
	}
	m.save()
	return true
}

func (f *form) commit(m *root) { f.store(m) }

// leaveNote tells the person a refused value was not kept.
func (f *form) leaveNote(m *root) {
	if fl := f.fields[f.focus]; fl.err != "" {
		m.status = fl.label + " not saved: " + fl.err
	}
}

func (f *form) resize(m *root) {
	for _, fl := range f.fields {
		fl.in.SetWidth(max(5, m.width-4))
		if fl.kind == fieldLines {
			fl.ta.SetWidth(max(10, m.width-1))
			fl.ta.SetHeight(3)
			if m.height < 16 {
				fl.ta.SetHeight(2)
			}
		}
	}
}

func (f *form) paste(m *root, msg tea.PasteMsg) tea.Cmd {
	fl := f.fields[f.focus]
	var cmd tea.Cmd
	switch fl.kind {
	case fieldText:
		fl.in, cmd = fl.in.Update(msg)
	case fieldLines:
		fl.ta, cmd = fl.ta.Update(msg)
	}
	return cmd
}

func (f *form) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	fl := f.fields[f.focus]
	switch {
	case key.Matches(msg, f.next):
		if !f.store(m) {
			return nil
		}
		if f.focus+1 < len(f.fields) {
			f.focusField(m, f.focus+1)
			return nil
		}
		if f.onNext != nil {
			return f.onNext(m)
		}
		f.focusField(m, 0)
		return nil
	case key.Matches(msg, f.prev):
		if !f.store(m) {
			return nil
		}
		if f.focus > 0 {
			f.focusField(m, f.focus-1)
			return nil
		}
		if f.onBack != nil {
			return f.onBack(m)
		}
		return nil
	case key.Matches(msg, f.back):
		if !f.store(m) {
			f.leaveNote(m)
		}
		if f.onBack != nil {
			return f.onBack(m)
		}
		m.pop()
		return nil
	}
	var cmd tea.Cmd
	switch fl.kind {
	case fieldText:
		if msg.Code == tea.KeyEnter {
			if !f.store(m) {
				return nil
			}
			if f.focus+1 < len(f.fields) {
				f.focusField(m, f.focus+1)
			}
			return nil
		}
		fl.in, cmd = fl.in.Update(msg)
	case fieldLines:
		fl.ta, cmd = fl.ta.Update(msg)
	case fieldPick:
		if key.Matches(msg, f.open) && fl.open != nil {
			return fl.open(m)
		}
	case fieldChoice:
		if key.Matches(msg, f.cycle) && len(fl.choices) > 0 {
			cur := 0
			for i, c := range fl.choices {
				if c == fl.get(m) {
					cur = i
				}
			}
			step := 1
			if msg.Code == tea.KeyLeft {
				step = len(fl.choices) - 1
			}
			fl.err = fl.set(m, fl.choices[(cur+step)%len(fl.choices)])
			m.save()
		}
	}
	return cmd
}

func (f *form) view(m *root) string {
	t, w := m.theme, m.width
	header := []string{t.Title.Render(f.title)}
	var body []string
	if m.height >= 16 {
		for _, p := range f.intro {
			body = append(body, wrap(p, w, "", "")...)
		}
	} else if f.private {
		body = append(body, t.Warn.Render("Keep it anonymous: name nobody."))
	}
	focusLine := 0
	for i, fl := range f.fields {
		// A long label wraps rather than being cut ("Participatory hours
		// (learning with ot…" at 40 columns).
		if i == f.focus {
			focusLine = len(body)
			for _, l := range wrap(fl.label, w, t.Sym.Pointer+" ", "  ") {
				body = append(body, t.Selected.Render(l))
			}
		} else {
			body = append(body, wrap(fl.label, w, "  ", "  ")...)
		}
		switch fl.kind {
		case fieldText:
			body = append(body, "  "+fl.in.View())
		case fieldLines:
			body = append(body, strings.Split(fl.ta.View(), "\n")...)
		case fieldChoice:
			v := fl.get(m)
			if i == f.focus {
				v = "< " + v + " >"
			}
			body = append(body, "  "+v)
		case fieldPick:
			v, style := fl.get(m), func(s string) string { return s }
			if v == "" {
				// Wrapped as plain text, then styled line by line: the
				// wrapping counts characters, not escape sequences.
				v, style = "(none: press enter to choose)", func(s string) string { return t.Muted.Render(s) }
			}
			for _, l := range wrap(v, w, "  ", "  ") {
				body = append(body, style(l))
			}
		}
		if fl.err != "" {
			for _, l := range wrap(fl.err, w, "  ", "  ") {
				body = append(body, t.Error.Render(l))
			}
		} else if n := fl.noteText(m); n != "" {
			for _, l := range wrap(n, w, "  ", "  ") {
				body = append(body, t.Warn.Render(l))
			}
		}
		if i == f.focus {
			// Keep the whole field in view, not just its label.
			ensureVisible(&f.scroll, len(body)-1, bodyRoom(m.height, len(header), 2))
			ensureVisible(&f.scroll, focusLine, bodyRoom(m.height, len(header), 2))
		}
	}
	return t.page(w, m.height, header, body, m.footer(f.keys()), &f.scroll)
}
