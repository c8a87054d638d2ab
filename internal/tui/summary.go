package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/assessment"
)

// summary shows the scores, gaps, strengths and ranked needs in a
// scrollable viewport.
type summary struct {
	vp      viewport.Model
	scores  assessment.Scores
	reflect key.Binding
	back    key.Binding
	g       globalKeys
	w, h    int
}

func newSummary(m *root) *summary {
	s := &summary{scores: m.sess.Score(), g: newGlobalKeys(),
		reflect: kb([]string{"r"}, "r", "reflection & plan"),
		back:    kb([]string{"b", "esc"}, "b", "back to questions")}
	s.vp = viewport.New(viewport.WithWidth(m.width), viewport.WithHeight(1))
	s.vp.KeyMap = viewport.KeyMap{
		PageDown:     kb([]string{"pgdown", "space", "f"}, "pgdn", "page down"),
		PageUp:       kb([]string{"pgup"}, "pgup", "page up"),
		HalfPageDown: kb([]string{"ctrl+d", "d"}, "ctrl+d", "half page down"),
		HalfPageUp:   kb([]string{"ctrl+u", "u"}, "ctrl+u", "half page up"),
		Down:         kb([]string{"down", "j"}, "↓/j", "scroll down"),
		Up:           kb([]string{"up", "k"}, "↑/k", "scroll up"),
	}
	return s
}

func (s *summary) keys() help.KeyMap {
	return keyList{
		short: []key.Binding{s.reflect, s.back, kb([]string{"down"}, "↓/pgdn", "scroll"), s.g.Help, s.g.Quit},
		full:  [][]key.Binding{{s.reflect, s.back, s.g.Quit}, {s.vp.KeyMap.Up, s.vp.KeyMap.Down, s.vp.KeyMap.PageUp, s.vp.KeyMap.PageDown}},
	}
}

func (s *summary) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.reflect):
		m.push(newWizard(m))
		return nil
	case key.Matches(msg, s.back):
		m.pop()
		return nil
	case key.Matches(msg, s.g.Quit):
		return m.leave()
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return cmd
}

func (s *summary) view(m *root) string {
	t := m.theme
	footer := m.footer(s.keys())
	room := bodyRoom(m.height, 1, len(footer))
	if s.w != m.width || s.vp.Height() != room {
		s.w = m.width
		s.vp.SetWidth(m.width)
		s.vp.SetHeight(room)
		s.vp.SetContent(strings.Join(s.content(m), "\n"))
	}
	header := []string{t.Title.Render("Summary")}
	if !s.vp.AtBottom() {
		header[0] += t.Muted.Render("  " + t.Sym.More + " (pgdn)")
	}
	body := strings.Split(s.vp.View(), "\n")
	return t.page(m.width, m.height, header, body, footer, nil)
}

// content is the whole summary as lines for the width.
func (s *summary) content(m *root) []string {
	t, w, sc := m.theme, m.width, s.scores
	var out []string
	add := func(lines ...string) { out = append(out, lines...) }
	para := func(text string) { add(wrap(text, w, "", "")...) }

	o := sc.Overall
	if o.HasMean() {
		para(fmt.Sprintf("Overall: %s (%.1f of %d, %s).", o.LevelLabel, o.Mean, sc.ScaleMax, percent(o.Percent/100)))
	} else {
		para("Overall: nothing rated yet.")
	}
	para(fmt.Sprintf("Rated %d of %d%scoverage %s%s%d N/A%s%d unanswered.", o.Rated, o.Total, t.Sym.Dot, percent(o.Coverage), t.Sym.Dot, o.NA, t.Sym.Dot, o.Unanswered))
	add("")

	// On a narrow screen the name has its own line (wrapped, never cut to
	// a few letters) and the bar goes under it.
	narrow := w < 60
	barW := max(6, min(24, w/4))
	nameW := max(8, w-barW-11)
	if narrow {
		barW = max(6, min(24, w-14))
	}
	row := func(indent, name string, score assessment.Score, target float64) []string {
		tgt := -1.0
		if target > 0 {
			tgt = target / float64(sc.ScaleMax)
		}
		num := "  -"
		if score.HasMean() {
			num = fmt.Sprintf("%3.1f", score.Mean)
		}
		if target > 0 {
			num += fmt.Sprintf("/%g", target)
		}
		below := score.HasMean() && target > 0 && score.Mean < target
		bar := t.barBelow(score.Mean/float64(max(1, sc.ScaleMax)), tgt, barW, below)
		if narrow {
			lines := wrap(name, w, indent, indent+"  ")
			if len(lines) > 2 {
				lines = lines[:2]
				lines[1] = fit(lines[1]+" "+t.Sym.Ellipsis, w, t.Sym.Ellipsis)
			}
			return append(lines, indent+"  "+bar+" "+num)
		}
		label := padRight(fit(indent+name, nameW, t.Sym.Ellipsis), nameW)
		return []string{label + " " + bar + " " + num}
	}
	add(t.Title.Render("Domains and areas"))
	legend := fmt.Sprintf("bar: your mean rating (%s below target); %s target; numbers: mean/target", t.Sym.BarBelow, t.Sym.Target)
	if narrow {
		legend = fmt.Sprintf("%s at or above target, %s below; %s target", t.Sym.BarFull, t.Sym.BarBelow, t.Sym.Target)
	}
	for _, l := range wrap(legend, w, "", "") {
		add(t.Muted.Render(l))
	}
	for _, d := range sc.Domains {
		add(row("", d.Code+" "+d.Title, d.Score, d.Target)...)
		for _, a := range sc.Areas {
			if a.Framework == d.Framework && a.Domain == d.Code {
				add(row("  ", a.Code+" "+a.Title, a.Score, float64(a.Target))...)
			}
		}
	}
	add("")

	add(t.Title.Render("Gaps to target"))
	gaps := 0
	for _, a := range sc.Areas {
		if a.BelowTarget() {
			gaps++
			add(wrap(fmt.Sprintf("%s %s: %.1f, target %d", a.Code, a.Title, a.Mean, a.Target), w, "  ", "    ")...)
		}
	}
	if gaps == 0 {
		add("  None: no rated area is below its target.")
	}
	add("")
	add(t.Title.Render("Strengths"))
	if len(sc.Strengths) == 0 {
		add("  None yet: strengths are areas at or above target.")
	}
	for _, code := range sc.Strengths {
		title := code
		for _, a := range sc.Areas {
			if a.Code == code {
				title = fmt.Sprintf("%s %s (%.1f)", code, a.Title, a.Mean)
			}
		}
		add(wrap(title, w, "  ", "    ")...)
	}
	add("")
	add(t.Title.Render("Development needs, most pressing first"))
	if len(sc.Needs) == 0 {
		add("  None: nothing is below target and nothing is flagged.")
	}
	for _, n := range sc.Needs {
		add(needLines(m, n, w)...)
	}
	if len(sc.NA) > 0 {
		add("", t.Title.Render("Not applicable"))
		for _, na := range sc.NA {
			add(fmt.Sprintf("  %s: %s", na.Code, na.ReasonLabel))
		}
	}
	if len(sc.Unanswered) > 0 {
		add("")
		para(fmt.Sprintf("%d not answered yet: press b, then u to go to the next one.", len(sc.Unanswered)))
	}
	add("")
	para("Next: press r to write your reflection and development plan.")
	add("")
	add(supportLines(w)...)
	return out
}

// needLines describes one ranked need.
func needLines(m *root, n assessment.Need, w int) []string {
	t := m.theme
	head := fmt.Sprintf("%d. %s", n.Rank, n.Code)
	switch {
	case n.Rating > 0 && n.Target > 0:
		head += fmt.Sprintf(": rated %d, target %d", n.Rating, n.Target)
	case n.Rating > 0:
		head += fmt.Sprintf(": rated %d", n.Rating)
	}
	if n.Flagged {
		head += " " + t.Sym.Flag + " flagged"
	}
	out := []string{"  " + head}
	for _, l := range wrap(n.Statement, w, "     ", "     ") {
		out = append(out, t.Muted.Render(l))
	}
	return out
}
