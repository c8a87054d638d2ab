package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// question shows one competence at a time and takes its answer.
type question struct {
	k      questionKeys
	g      globalKeys
	scroll int
	lastAt int // the cursor the scroll belongs to
}

func newQuestion(m *root) *question {
	return &question{k: newQuestionKeys(m.sess.Plan.Scale().Max()), g: newGlobalKeys(), lastAt: -1}
}

func (q *question) keys() help.KeyMap {
	return keyList{
		short: []key.Binding{q.k.Rate, q.k.NA, q.k.Flag, q.k.Note, q.k.Next, q.k.Back, q.g.Help, q.g.Quit},
		full: [][]key.Binding{
			{q.k.Rate, q.k.NA, q.k.Flag, q.k.Note},
			{q.k.Next, q.k.Back, q.k.Areas, q.k.Unanswered, q.k.Search, q.k.Summary, q.k.ScrollUp, q.k.ScrollDown, q.g.Quit},
		},
	}
}

func (q *question) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	s := m.sess
	code := s.Current().Code()
	switch {
	case key.Matches(msg, q.k.Rate):
		v := int(msg.Code - '0')
		if err := s.Rate(code, v); err != nil {
			m.status = err.Error()
			return nil
		}
		m.save()
		q.advance(m)
	case key.Matches(msg, q.k.NA):
		m.push(naPicker(m, code, func(m *root) { q.advance(m) }))
	case key.Matches(msg, q.k.Flag):
		on, err := s.ToggleFlag(code)
		if err != nil {
			m.status = err.Error()
			return nil
		}
		m.save()
		if on {
			m.status = "Flagged as a development priority."
		} else {
			m.status = "Flag removed."
		}
	case key.Matches(msg, q.k.Note):
		m.push(newFlowEditor(m, "Note or evidence reference: "+code, cpd.NoteAddr(code)))
	case key.Matches(msg, q.k.Next):
		if !s.Next() {
			m.push(newSummary(m))
			return nil
		}
		m.save()
	case key.Matches(msg, q.k.Back):
		if !s.Back() {
			m.status = "This is the first item."
			return nil
		}
		m.save()
	case key.Matches(msg, q.k.Areas):
		m.push(areaJump(m))
	case key.Matches(msg, q.k.Unanswered):
		if !s.NextUnanswered() {
			m.status = "Everything is answered. Press s for the summary."
			return nil
		}
		m.save()
	case key.Matches(msg, q.k.Search):
		m.push(newSearch(m))
	case key.Matches(msg, q.k.Summary):
		m.push(newSummary(m))
	case key.Matches(msg, q.k.ScrollDown):
		q.scroll += max(1, m.height-6)
	case key.Matches(msg, q.k.ScrollUp):
		q.scroll -= max(1, m.height-6)
	case key.Matches(msg, q.g.Quit):
		return m.leave()
	}
	return nil
}

// advance moves on after an answer: to the next item, or at the end to
// the summary when everything is answered.
func (q *question) advance(m *root) {
	s := m.sess
	if s.Next() {
		m.save()
		return
	}
	if done, total := s.Progress(); done == total {
		m.push(newSummary(m))
		return
	}
	m.status = "That was the last item. Press u for one you have not answered, or s for the summary."
}

func (q *question) view(m *root) string {
	t, s, w := m.theme, m.sess, m.width
	it := s.Current()
	c := it.Competence
	a := s.Answer(it.Code())
	small := m.height < 18 || w < 60
	if q.lastAt != s.Cursor {
		q.scroll, q.lastAt = 0, s.Cursor
	}

	crumb := breadcrumb(it, t.Sym.Crumb, w)
	header := []string{t.Crumb.Render(crumb)}
	if small {
		// One line for where we are: code, kind and area.
		header = []string{t.Crumb.Render(c.Code + " " + c.Kind + t.Sym.Dot + c.Area.Title)}
	}

	var body []string
	blank := func() {
		if !small {
			body = append(body, "")
		}
	}
	meta := c.Code + t.Sym.Dot + c.Kind
	if len(it.Also) > 0 {
		var also []string
		for _, x := range it.Also {
			also = append(also, x.Code)
		}
		meta += t.Sym.Dot + "also answers " + strings.Join(also, ", ")
	}
	if !small {
		body = append(body, t.Code.Render(meta))
	} else if len(it.Also) > 0 {
		body = append(body, t.Code.Render(strings.TrimPrefix(meta, c.Code+t.Sym.Dot+c.Kind+t.Sym.Dot)))
	}
	blank()
	if c.Title != "" { // an imported framework's short name, as its platform shows it
		for _, l := range wrap(c.Title, w, "", "") {
			body = append(body, t.Muted.Render(l))
		}
	}
	for _, l := range wrap(c.Statement, w, "", "") {
		body = append(body, t.Statement.Render(l))
	}
	// The same competence in another framework assessed: its own words,
	// labelled, so the person sees what each framework asks.
	for _, x := range it.Also {
		if x.Statement == c.Statement {
			continue
		}
		name := x.Code
		if f := m.sess.Plan.Set.Owner(x.Code); f != nil {
			name = f.ShortTitle + " " + x.Code
		}
		for _, l := range wrap(name+" words it: "+x.Statement, w, "  ", "  ") {
			body = append(body, t.Muted.Render(l))
		}
	}
	var items func([]*framework.Item, int)
	items = func(xs []*framework.Item, depth int) {
		for _, x := range xs {
			bullet := t.Sym.Bullet
			if depth > 0 {
				bullet = t.Sym.SubBullet
			}
			ind := strings.Repeat("  ", depth+1)
			body = append(body, wrap(x.Text, w, ind+bullet+" ", ind+"  ")...)
			items(x.Items, depth+1)
		}
	}
	items(c.Items, 0)
	blank()
	body = append(body, q.scaleLines(m, a, small)...)
	blank()
	if ind := q.indicators(m, a); ind != "" {
		body = append(body, ind)
	}

	done, total := s.Progress()
	pos := fmt.Sprintf("Item %d of %d", s.Cursor+1, total)
	if w < 50 {
		pos = fmt.Sprintf("%d/%d", s.Cursor+1, total)
	}
	pct := fmt.Sprintf(" %d answered", done)
	// Whether what is shown is saved yet (with the journal: saved once
	// the write is acknowledged).
	mark := ""
	if sm := m.saveMark(); sm != "" {
		mark = t.Sym.Dot + sm
	}
	barW := max(4, min(30, w-len(pos)-len(pct)-len([]rune(mark))-2))
	progress := pos + " " + t.bar(float64(done)/float64(max(1, total)), -1, barW) + pct + t.Muted.Render(mark)
	footer := []string{progress}
	if small {
		// The scale may be below the fold: keep the answer in view.
		footer = append([]string{answerLine(m, a)}, footer...)
	}
	footer = append(footer, m.footer(q.keys())...)
	return t.page(w, m.height, header, body, footer, &q.scroll)
}

// scaleLines lists the levels with their descriptors (hidden when small),
// marking the current answer.
func (q *question) scaleLines(m *root, a assessment.Answer, small bool) []string {
	t, w := m.theme, m.width
	scale := m.sess.Plan.Scale()
	labelW := 0
	for _, l := range scale.Levels {
		labelW = max(labelW, len([]rune(l.Label)))
	}
	var out []string
	for _, l := range scale.Levels {
		mark := t.Sym.RadioOff
		if a.Rating == l.Value {
			mark = t.Sym.RadioOn
		}
		head := fmt.Sprintf("%s %d %s", mark, l.Value, padRight(l.Label, labelW))
		if small || w < 60 {
			line := strings.TrimRight(head, " ")
			if a.Rating == l.Value {
				line = t.Current.Render(line)
			}
			out = append(out, line)
			continue
		}
		indent := strings.Repeat(" ", len([]rune(head))+2)
		lines := wrap(l.Descriptor, w, head+"  ", indent)
		for i := range lines {
			if a.Rating == l.Value {
				lines[i] = t.Current.Render(lines[i])
			} else if i == 0 {
				lines[i] = head + t.Muted.Render(strings.TrimPrefix(lines[i], head))
			} else {
				lines[i] = t.Muted.Render(lines[i])
			}
		}
		out = append(out, lines...)
	}
	na := t.Sym.RadioOff + " n " + naLabel(scale)
	if a.NA {
		na = t.Sym.RadioOn + " n " + naLabel(scale)
		if r := scale.NAReason(a.NAReason); r != nil {
			na += ": " + r.Label
		}
		na = t.Current.Render(na)
	}
	return append(out, na)
}

// answerLine says in one line what the current answer is.
func answerLine(m *root, a assessment.Answer) string {
	t, scale := m.theme, m.sess.Plan.Scale()
	switch {
	case a.Rating > 0:
		label := ""
		if l := scale.Level(a.Rating); l != nil {
			label = l.Label
		}
		return t.Current.Render(fmt.Sprintf("Your answer: %d %s", a.Rating, label))
	case a.NA:
		s := "Your answer: N/A"
		if r := scale.NAReason(a.NAReason); r != nil {
			s += " (" + r.Label + ")"
		}
		return t.Current.Render(s)
	}
	return t.Muted.Render(fmt.Sprintf("Not answered: %d-%d or n", scale.Min(), min(9, scale.Max())))
}

func naLabel(s *framework.Scale) string {
	if s.NotApplicable != nil && s.NotApplicable.Label != "" {
		return s.NotApplicable.Label
	}
	return "Not applicable"
}

// indicators is the flag and note line.
func (q *question) indicators(m *root, a assessment.Answer) string {
	t := m.theme
	var parts []string
	if a.Flag {
		parts = append(parts, t.Warn.Render(t.Sym.Flag+" development priority"))
	}
	if a.Note != "" {
		first := strings.SplitN(a.Note, "\n", 2)[0]
		parts = append(parts, t.Muted.Render(t.Sym.Note+" note: "+first))
	}
	return strings.Join(parts, "   ")
}

// breadcrumb is framework › domain › area, shortened to fit.
func breadcrumb(it assessment.Item, sep string, w int) string {
	c := it.Competence
	fw, dom, area := it.Framework.ShortTitle, c.Area.Domain.Title, c.Area.Title
	n := func(s string) int { return len([]rune(s)) }
	if s := fw + sep + dom + sep + area; n(s) <= w {
		return s
	}
	// Shorten the domain first: the framework and the area matter more.
	if room := w - n(fw) - n(area) - 2*n(sep); room >= 12 {
		return fw + sep + textutil.Truncate(dom, room, "…") + sep + area
	}
	if s := dom + sep + area; n(s) <= w {
		return s
	}
	return area
}
