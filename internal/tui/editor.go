package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/reflect-cpd/reflect/internal/cpd"
)

// editor is a multi-line text box with the privacy note above it. Leaving
// it (tab, esc, shift+tab, or ctrl+c anywhere) keeps what was typed:
// nothing typed is thrown away.
type editor struct {
	title  string
	intro  []string // prompt and help, above the privacy note
	ta     textarea.Model
	orig   string
	onSave func(m *root, text string)
	onPrev func(m *root) tea.Cmd // shift+tab; nil: same as done
	onNext func(m *root) tea.Cmd // tab/esc; nil: close
	// addr is the flow's field this box edits: what is typed is kept as
	// its draft as it is typed. "" keeps no draft.
	addr   string
	k      editKeys
	scroll int
}

func newTextarea(m *root, value string) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Prompt = "┃ "
	if m.opts.ASCII {
		ta.Prompt = "| "
	}
	ta.Placeholder = "Type here. Enter starts a new line."
	plain := lipgloss.NewStyle()
	st := textarea.StyleState{Base: plain, Text: plain, CursorLine: plain,
		Placeholder: m.theme.Muted, Prompt: m.theme.Muted, EndOfBuffer: m.theme.Muted,
		LineNumber: m.theme.Muted, CursorLineNumber: m.theme.Muted}
	// The cursor is drawn in the text (reverse video, no colour of its own)
	// and does not blink: a blink would redraw the screen twice a second.
	ta.SetStyles(textarea.Styles{Focused: st, Blurred: st, Cursor: textarea.CursorStyle{Color: lipgloss.NoColor{}}})
	ta.SetValue(value)
	ta.Focus()
	return ta
}

func newEditor(m *root, title, value string, onSave func(*root, string)) *editor {
	return &editor{title: title, ta: newTextarea(m, value), orig: value, onSave: onSave, k: newEditKeys()}
}

func (e *editor) typing() bool { return true }

func (e *editor) keys() help.KeyMap {
	short := []key.Binding{e.k.Done}
	if e.onPrev != nil {
		e.k.Done.SetHelp("tab", "next")
		short = []key.Binding{e.k.Done, e.k.Prev}
	}
	short = append(short, kb([]string{"ctrl+c"}, "ctrl+c", "save & leave"))
	return keyList{short: short, full: [][]key.Binding{short}}
}

// commit stores the text if it changed.
func (e *editor) commit(m *root) {
	v := e.ta.Value()
	if strings.TrimRight(v, " \t\r\n") != strings.TrimRight(e.orig, " \t\r\n") {
		e.onSave(m, v)
		e.orig = v
	}
}

func (e *editor) resize(m *root) {
	e.ta.SetWidth(max(10, m.width-1))
	e.ta.SetHeight(max(2, m.height-e.fixedLines(m)))
}

// fixedLines is how many lines the editor's frame takes around the box.
func (e *editor) fixedLines(m *root) int {
	return len(e.head(m)) + len(m.footer(e.keys()))
}

func (e *editor) head(m *root) []string {
	t, w := m.theme, m.width
	out := []string{t.Title.Render(e.title)}
	small := m.height < 18
	for i, p := range e.intro {
		if small && i > 0 {
			break // the question only; help text is hidden when small
		}
		out = append(out, wrap(p, w, "", "")...)
	}
	if !small {
		for _, l := range wrap(cpd.PrivacyNote, w, "", "") {
			out = append(out, t.Warn.Render(l))
		}
	} else {
		out = append(out, t.Warn.Render(fit("Keep it anonymous: name nobody.", w, t.Sym.Ellipsis)))
	}
	return out
}

func (e *editor) paste(m *root, msg tea.PasteMsg) tea.Cmd {
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	return tea.Batch(cmd, e.drafted(m))
}

// drafted keeps the text as the field's draft when it differs from what
// is stored.
func (e *editor) drafted(m *root) tea.Cmd {
	if e.addr == "" {
		return nil
	}
	v := e.ta.Value()
	if strings.TrimRight(v, " \t\r\n") == strings.TrimRight(e.orig, " \t\r\n") {
		if _, ok := m.cpd().Draft(e.addr); ok {
			m.cpd().DropDraft()
		}
		return nil
	}
	return m.draftChanged(e.addr, v)
}

func (e *editor) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, e.k.Prev) && e.onPrev != nil:
		e.commit(m)
		return e.onPrev(m)
	case key.Matches(msg, e.k.Done), key.Matches(msg, e.k.Prev):
		e.commit(m)
		if e.onNext != nil {
			return e.onNext(m)
		}
		m.pop()
		return nil
	}
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	return tea.Batch(cmd, e.drafted(m))
}

func (e *editor) view(m *root) string {
	head := e.head(m)
	footer := m.footer(e.keys())
	if want := max(2, m.height-len(head)-len(footer)); want != e.ta.Height() {
		e.ta.SetHeight(want)
	}
	body := strings.Split(e.ta.View(), "\n")
	return m.theme.page(m.width, m.height, head, body, footer, &e.scroll)
}
