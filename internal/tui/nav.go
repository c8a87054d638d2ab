package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// naPicker asks why a competence is not applicable, then sets N/A.
func naPicker(m *root, code string, after func(*root)) *picker {
	scale := m.sess.Plan.Scale()
	var items []pickItem
	for _, r := range scale.NAReasons() {
		items = append(items, pickItem{label: r.Label, value: r.ID})
	}
	p := newPicker("Not applicable: why?", items, false)
	if a := m.sess.Answer(code); a.NA {
		p.setCursorValue(a.NAReason)
	}
	p.intro = []string{"N/A is never counted as a low score: it is left out and listed with its reason."}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		if err := m.sess.SetNA(code, p.checked()[0].value); err != nil {
			m.status = err.Error()
			return nil
		}
		m.pop()
		m.save()
		after(m)
		return nil
	}
	return p
}

// areaJump lists the plan's areas with how much of each is answered.
func areaJump(m *root) *picker {
	s := m.sess
	count := map[string][2]int{} // area → answered, total
	for _, it := range s.Plan.Items {
		c := count[it.Competence.Area.Code]
		c[1]++
		if s.Answer(it.Code()).Answered() {
			c[0]++
		}
		count[it.Competence.Area.Code] = c
	}
	var items []pickItem
	lastDomain := ""
	cur := s.Current().Competence.Area.Code
	for _, ar := range s.Plan.Areas {
		c, ok := count[ar.Area.Code]
		if !ok {
			continue // every competence asked in another framework's area
		}
		dom := ar.Framework.ShortTitle + ": " + ar.Area.Domain.Title
		if dom != lastDomain {
			items = append(items, pickItem{label: dom, header: true})
			lastDomain = dom
		}
		items = append(items, pickItem{label: fmt.Sprintf("%s (%d/%d)", ar.Area.Title, c[0], c[1]), value: ar.Area.Code})
	}
	p := newPicker("Jump to an area", items, false)
	p.setCursorValue(cur)
	p.onDone = func(m *root, p *picker) tea.Cmd {
		if i := m.sess.Plan.FirstItemOfArea(p.checked()[0].value); i >= 0 {
			m.sess.Goto(i)
			m.save()
		}
		m.pop()
		return nil
	}
	return p
}

// search finds statements as the person types and jumps to a match.
type search struct {
	in      textinput.Model
	matches []int
	cursor  int
	scroll  int
	k       listKeys
}

func newSearch(m *root) *search {
	in := newInput(m, "/ ", "words to find")
	in.Focus()
	s := &search{in: in, k: newListKeys()}
	s.k.Up.SetKeys("up", "ctrl+p")
	s.k.Down.SetKeys("down", "ctrl+n")
	s.k.Move.SetHelp("↑/↓", "move")
	s.k.Up.SetHelp("↑", "up")
	s.k.Down.SetHelp("↓", "down")
	s.k.Done.SetHelp("enter", "go to it")
	return s
}

func (s *search) typing() bool { return true }

func (s *search) keys() help.KeyMap {
	full := []key.Binding{s.k.Up, s.k.Down, s.k.Done, s.k.Cancel}
	return keyList{short: []key.Binding{s.k.Done, s.k.Cancel, s.k.Move}, full: [][]key.Binding{full}}
}

func (s *search) paste(m *root, msg tea.PasteMsg) tea.Cmd {
	return s.input(m, msg)
}

// input passes a key or a paste to the box and searches again.
func (s *search) input(m *root, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	before := s.in.Value()
	s.in, cmd = s.in.Update(msg)
	if s.in.Value() != before {
		s.matches = m.sess.Search(s.in.Value())
		s.cursor, s.scroll = 0, 0
	}
	return cmd
}

func (s *search) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.k.Cancel):
		m.pop()
		return nil
	case key.Matches(msg, s.k.Up):
		s.cursor = max(0, s.cursor-1)
		return nil
	case key.Matches(msg, s.k.Down):
		s.cursor = min(max(0, len(s.matches)-1), s.cursor+1)
		return nil
	case key.Matches(msg, s.k.Done):
		if len(s.matches) == 0 {
			m.status = "Nothing matches. Try fewer or other words."
			return nil
		}
		m.sess.Goto(s.matches[s.cursor])
		m.save()
		m.pop()
		return nil
	}
	return s.input(m, msg)
}

func (s *search) view(m *root) string {
	t, w := m.theme, m.width
	s.in.SetWidth(max(5, w-4))
	header := []string{t.Title.Render("Search statements"), s.in.View()}
	var body []string
	switch {
	case strings.TrimSpace(s.in.Value()) == "":
		body = append(body, t.Muted.Render("Type words from a statement, an area or a code."))
	case len(s.matches) == 0:
		body = append(body, t.Muted.Render("Nothing matches."))
	default:
		body = append(body, t.Muted.Render(fmt.Sprintf("%d found", len(s.matches))))
	}
	cursorLine := 0
	for i, idx := range s.matches {
		it := m.sess.Plan.Items[idx]
		ptr := "  "
		if i == s.cursor {
			ptr = t.Sym.Pointer + " "
			cursorLine = len(body)
		}
		name := it.Competence.Statement
		if title := it.Competence.Title; title != "" { // what the platform it came from calls it
			name = title + " — " + name
		}
		var lines []string
		if w < 60 {
			// Narrow: without the words every statement starts with, over
			// two lines, so that the results can be told apart.
			lines = wrap(it.Code()+" "+distinctive(name), w, ptr, "    ")
			if len(lines) > 2 {
				lines = append(lines[:1], fit(lines[1]+" "+t.Sym.Ellipsis, w, t.Sym.Ellipsis))
			}
		} else {
			lines = []string{fit(ptr+it.Code()+" "+name, w, t.Sym.Ellipsis)}
		}
		for _, l := range lines {
			if i == s.cursor {
				l = t.Selected.Render(l)
			}
			body = append(body, l)
		}
	}
	footer := m.footer(s.keys())
	ensureVisible(&s.scroll, cursorLine, bodyRoom(m.height, len(header), len(footer)))
	return t.page(w, m.height, header, body, footer, &s.scroll)
}

// distinctive drops the words every competence statement starts with
// ("An ability to", "An ability to draw on knowledge of"), which on a
// narrow screen leave no room for the words that tell statements apart.
func distinctive(s string) string {
	for _, p := range []string{"An ability to draw on knowledge of ", "An ability to draw on ", "An ability to "} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
			if p == "An ability to draw on knowledge of " {
				return "knowledge of " + rest
			}
			return rest
		}
	}
	return s
}
