package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpScreen shows every key of the screen below it and where to find
// support. Any of ?, esc or q closes it.
type helpScreen struct {
	of     help.KeyMap
	scroll int
	close  key.Binding
	up     key.Binding
	down   key.Binding
}

func newHelpScreen(m *root, of help.KeyMap) *helpScreen {
	return &helpScreen{of: of,
		close: kb([]string{"?", "esc", "q", "enter"}, "esc", "close help"),
		up:    kb([]string{"up", "k", "pgup"}, "↑", "scroll up"),
		down:  kb([]string{"down", "j", "pgdown"}, "↓", "scroll down")}
}

func (h *helpScreen) keys() help.KeyMap {
	return keyList{short: []key.Binding{h.close, kb([]string{"up", "down"}, "↑/↓", "scroll")}}
}

func (h *helpScreen) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, h.close):
		m.pop()
	case key.Matches(msg, h.up):
		h.scroll--
	case key.Matches(msg, h.down):
		h.scroll++
	}
	return nil
}

func (h *helpScreen) view(m *root) string {
	t := m.theme
	header := []string{t.Title.Render("Keys")}
	var body []string
	for _, group := range h.of.FullHelp() {
		for _, b := range group {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			k := b.Help().Key
			if m.opts.ASCII {
				k = asciiKeys(k)
			}
			body = append(body, t.Key.Render(padRight(k, 11))+" "+b.Help().Desc)
		}
	}
	body = append(body, t.Key.Render(padRight("?", 11))+" this help", t.Key.Render(padRight("ctrl+c", 11))+" save and leave", "")
	body = append(body, supportLines(m.width)...)
	return t.page(m.width, m.height, header, body, m.footer(h.keys()), &h.scroll)
}

func padRight(s string, n int) string {
	for len([]rune(s)) < n {
		s += " "
	}
	return s
}

// supportLines signposts support, as the product brief asks: at the start,
// on request (help) and at the end.
func supportLines(w int) []string {
	var out []string
	out = append(out, wrap("If any of this brings up difficult feelings, support is there:", w, "", "")...)
	return append(out, supportContacts()...)
}

func supportContacts() []string {
	return []string{
		"  Samaritans: call 116 123, any time",
		"  Shout: text SHOUT to 85258",
		"  your supervisor or occupational health",
	}
}
