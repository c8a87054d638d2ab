package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pickItem is one line of a picker. A header is a group heading that the
// cursor skips.
type pickItem struct {
	label   string
	detail  string
	header  bool
	checked bool
	value   string
}

// picker is a list to choose one item from, or to tick several (multi).
// It is used for frameworks, profiles, areas, N/A reasons, the area list,
// needs, standards and resources.
type picker struct {
	title    string
	intro    []string // paragraphs above the list
	items    []pickItem
	multi    bool
	cursor   int
	scroll   int
	quitKey  bool // q saves and leaves (top-level pickers)
	onDone   func(m *root, p *picker) tea.Cmd
	onCancel func(m *root, p *picker) tea.Cmd // nil: go back a screen
	// extra handles keys of its own (e.g. d to delete a goal) before the
	// list does; extraKeys are shown in the help.
	extra      func(m *root, p *picker, msg tea.KeyPressMsg) (bool, tea.Cmd)
	extraKeys  []key.Binding
	noAutoPick bool // enter with nothing ticked ticks nothing
	k          listKeys
	quit       key.Binding
}

func newPicker(title string, items []pickItem, multi bool) *picker {
	p := &picker{title: title, items: items, multi: multi, k: newListKeys(), quit: newGlobalKeys().Quit}
	if multi {
		p.k.Done.SetHelp("enter", "done")
	}
	p.cursor = p.nextSelectable(-1, 1)
	return p
}

// setCursorValue puts the cursor on the item with the given value.
func (p *picker) setCursorValue(v string) {
	for i, it := range p.items {
		if !it.header && it.value == v {
			p.cursor = i
		}
	}
}

func (p *picker) nextSelectable(from, dir int) int {
	for i := from + dir; i >= 0 && i < len(p.items); i += dir {
		if !p.items[i].header {
			return i
		}
	}
	if from < 0 {
		return 0
	}
	return from
}

// checked returns the ticked items (multi) or the one under the cursor.
func (p *picker) checked() []pickItem {
	if !p.multi {
		if p.cursor < len(p.items) {
			return []pickItem{p.items[p.cursor]}
		}
		return nil
	}
	var out []pickItem
	for _, it := range p.items {
		if it.checked && !it.header {
			out = append(out, it)
		}
	}
	return out
}

func (p *picker) keys() help.KeyMap {
	var short []key.Binding
	if p.multi {
		short = append(short, p.k.Toggle)
	}
	short = append(short, p.k.Done, p.k.Cancel)
	short = append(short, p.extraKeys...)
	full := append([]key.Binding{p.k.Up, p.k.Down, p.k.PageUp, p.k.PageDown}, short...)
	short = append(short, p.k.Move, newGlobalKeys().Help)
	if p.quitKey {
		short = append(short, p.quit)
		full = append(full, p.quit)
	}
	return keyList{short: short, full: [][]key.Binding{full}}
}

func (p *picker) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	page := max(1, m.height-6)
	if p.extra != nil {
		if ok, cmd := p.extra(m, p, msg); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, p.k.Up):
		p.cursor = p.nextSelectable(p.cursor, -1)
	case key.Matches(msg, p.k.Down):
		p.cursor = p.nextSelectable(p.cursor, 1)
	case key.Matches(msg, p.k.PageUp):
		for i := 0; i < page; i++ {
			p.cursor = p.nextSelectable(p.cursor, -1)
		}
	case key.Matches(msg, p.k.PageDown):
		for i := 0; i < page; i++ {
			p.cursor = p.nextSelectable(p.cursor, 1)
		}
	case p.multi && key.Matches(msg, p.k.Toggle):
		if p.cursor < len(p.items) && !p.items[p.cursor].header {
			p.items[p.cursor].checked = !p.items[p.cursor].checked
		}
	case key.Matches(msg, p.k.Done):
		if len(p.items) == 0 {
			return nil
		}
		if p.multi && !p.noAutoPick && len(p.checked()) == 0 && !p.items[p.cursor].header {
			// Enter with nothing ticked takes the item under the cursor.
			p.items[p.cursor].checked = true
		}
		if p.onDone != nil {
			return p.onDone(m, p)
		}
		m.pop()
	case key.Matches(msg, p.k.Cancel):
		if p.onCancel != nil {
			return p.onCancel(m, p)
		}
		m.pop()
	case p.quitKey && key.Matches(msg, p.quit):
		return m.leave()
	}
	return nil
}

func (p *picker) view(m *root) string {
	t := m.theme
	w, compact := m.width, m.height < 16
	header := []string{t.Title.Render(p.title)}
	var body []string
	for _, para := range p.intro {
		body = append(body, wrap(para, w, "", "")...)
		if !compact {
			body = append(body, "")
		}
	}
	cursorLine := 0
	for i, it := range p.items {
		if it.header {
			if !compact && len(body) > 0 && body[len(body)-1] != "" {
				body = append(body, "")
			}
			body = append(body, t.Muted.Render(strings.ToUpper(it.label[:1])+it.label[1:]))
			continue
		}
		mark := ""
		if p.multi {
			mark = t.Sym.CheckOff + " "
			if it.checked {
				mark = t.Sym.CheckOn + " "
			}
		}
		ptr := "  "
		if i == p.cursor {
			ptr = t.Sym.Pointer + " "
			cursorLine = len(body)
		}
		indent := strings.Repeat(" ", len([]rune(ptr+mark)))
		lines := wrap(it.label, w, ptr+mark, indent)
		for j, l := range lines {
			if i == p.cursor {
				lines[j] = t.Selected.Render(l)
			}
		}
		body = append(body, lines...)
		if it.detail != "" && !compact {
			for _, l := range wrap(it.detail, w, indent, indent) {
				body = append(body, t.Muted.Render(l))
			}
		}
	}
	footer := m.footer(p.keys())
	room := bodyRoom(m.height, len(header), len(footer))
	ensureVisible(&p.scroll, cursorLine, room)
	return t.page(w, m.height, header, body, footer, &p.scroll)
}
