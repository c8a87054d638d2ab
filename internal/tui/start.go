package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// welcome is the content note shown first, new or resumed.
type welcome struct {
	resuming bool
	scroll   int
	next     key.Binding
	quit     key.Binding
	down     key.Binding
	up       key.Binding
}

func newWelcome(m *root) *welcome {
	return &welcome{resuming: m.sess != nil, next: kb([]string{"enter", "right", "l"}, "enter", "begin"), quit: newGlobalKeys().Quit,
		down: kb([]string{"down", "j", "pgdown"}, "↓", "scroll"), up: kb([]string{"up", "k", "pgup"}, "↑", "scroll")}
}

func (s *welcome) keys() help.KeyMap {
	s.quit.SetHelp("q", "leave")
	if s.resuming {
		s.next.SetHelp("enter", "carry on")
	}
	return keyList{short: []key.Binding{s.next, s.quit}, full: [][]key.Binding{{s.next, s.up, s.down, s.quit}}}
}

func (s *welcome) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.next):
		return beginSetup(m)
	case key.Matches(msg, s.quit):
		return m.leave()
	case key.Matches(msg, s.down):
		s.scroll++
	case key.Matches(msg, s.up):
		s.scroll--
	}
	return nil
}

func (s *welcome) view(m *root) string {
	t, w := m.theme, m.width
	header := []string{t.Title.Render("reflect: self-harm and suicide prevention self-assessment")}
	if w < 60 {
		header = []string{t.Title.Render("reflect: self-assessment")}
	}
	gap := func(b []string) []string {
		if m.height >= 16 {
			return append(b, "")
		}
		return b
	}
	var body []string
	if m.height < 16 {
		body = append(body, wrap("This is about suicide and self-harm. Go at your own pace; pause any time: everything is saved.", w, "", "")...)
		body = append(body, "Support:")
		body = append(body, supportContacts()...)
		if m.sess != nil {
			done, total := m.sess.Progress()
			body = append(body, wrap(fmt.Sprintf("Answered %d of %d. Enter carries on.", done, total), w, "", "")...)
		} else {
			body = append(body, "Press enter to begin.")
		}
		return t.page(w, m.height, header, body, m.footer(s.keys()), &s.scroll)
	}
	body = gap(body)
	body = append(body, wrap("Before you start: this is about suicide and self-harm. Some statements may bring up difficult memories or feelings. Go at your own pace.", w, "", "")...)
	body = gap(body)
	body = append(body, wrap("You can pause at any time: everything is saved as you go. Come back with: reflect assess --resume", w, "", "")...)
	body = gap(body)
	body = append(body, supportLines(w)...)
	body = gap(body)
	if m.sess != nil {
		done, total := m.sess.Progress()
		body = append(body, wrap(fmt.Sprintf("Welcome back. You have answered %d of %d. Press enter to carry on where you left off.", done, total), w, "", "")...)
	} else {
		body = append(body, wrap("Press enter to begin.", w, "", "")...)
	}
	return t.page(w, m.height, header, body, m.footer(s.keys()), &s.scroll)
}

// beginSetup leaves the content note for the questions (resuming), the
// start (scopes given) or the framework choice.
func beginSetup(m *root) tea.Cmd {
	switch {
	case m.sess != nil:
		m.pop()
		return nil
	case len(m.opts.Scopes) > 0:
		return startSession(m, m.opts.Scopes)
	}
	fws := m.opts.Set.Frameworks()
	if len(fws) == 1 {
		return chooseScope(m, fws, 0, nil)
	}
	var items []pickItem
	for _, f := range fws {
		_, areas, comps := f.Count()
		items = append(items, pickItem{label: f.Title, value: f.ID,
			detail: fmt.Sprintf("%s. %d areas, %d competences.", strings.TrimSuffix(f.Population, "."), areas, comps)})
	}
	p := newPicker("Which framework?", items, true)
	p.intro = []string{"Tick each framework that fits your work (space), then press enter. If you tick more than one, competences they share are asked once."}
	p.quitKey = true
	p.onCancel = func(m *root, _ *picker) tea.Cmd { m.pop(); return nil }
	p.onDone = func(m *root, p *picker) tea.Cmd {
		var chosen []*framework.Framework
		for _, it := range p.checked() {
			chosen = append(chosen, m.opts.Set.Get(it.value))
		}
		return chooseScope(m, chosen, 0, nil)
	}
	m.push(p)
	return nil
}

const (
	choiceAreas = "\x00areas"
	choiceAll   = "\x00all"
)

// chooseScope asks for a profile (or areas) for fws[i], then the next,
// then starts. Going back (esc) returns to the previous question with its
// answers; each step keeps its own copy of the scopes so far.
func chooseScope(m *root, fws []*framework.Framework, i int, scopes []assessment.Scope) tea.Cmd {
	if i >= len(fws) {
		return startSession(m, scopes)
	}
	f := fws[i]
	done := func(m *root, sc assessment.Scope) tea.Cmd {
		next := append(append([]assessment.Scope(nil), scopes...), sc)
		return chooseScope(m, fws, i+1, next)
	}
	var items []pickItem
	for _, pr := range f.Profiles {
		label := pr.Title
		if pr.Source != framework.WordingOfficial && !strings.Contains(strings.ToLower(label), "suggest") {
			label += " (reflect's suggestion)"
		}
		detail := strings.TrimSpace(pr.Description)
		if detail != "" && !strings.HasSuffix(detail, ".") {
			detail += "."
		}
		detail = strings.TrimSpace(fmt.Sprintf("%s %d areas.", detail, len(pr.Targets.Keys)))
		items = append(items, pickItem{label: label, detail: detail, value: pr.ID})
	}
	items = append(items,
		pickItem{label: "Choose areas myself", detail: "Tick the areas that apply to your work.", value: choiceAreas},
		pickItem{label: "All areas", detail: "Every competence in the framework.", value: choiceAll})
	p := newPicker("Role profile: "+f.ShortTitle, items, false)
	p.intro = []string{"Pick the profile nearest your role. Profiles choose the areas and a target level for each; they are reflect's suggestions, not official ones."}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		switch v := p.checked()[0].value; v {
		case choiceAll:
			return done(m, assessment.Scope{Framework: f.ID})
		case choiceAreas:
			m.push(areaChecklist(f, func(m *root, codes []string) tea.Cmd {
				return done(m, assessment.Scope{Framework: f.ID, Areas: codes})
			}))
			return nil
		default:
			return done(m, assessment.Scope{Framework: f.ID, Profile: v})
		}
	}
	p.quitKey = true
	m.push(p)
	return nil
}

// areaChecklist lists a framework's areas grouped by domain to tick.
func areaChecklist(f *framework.Framework, done func(*root, []string) tea.Cmd) *picker {
	var items []pickItem
	for _, d := range f.Domains {
		items = append(items, pickItem{label: d.Title, header: true})
		for _, a := range d.Areas {
			items = append(items, pickItem{label: a.Title, value: a.Code})
		}
	}
	p := newPicker("Areas: "+f.ShortTitle, items, true)
	p.intro = []string{"Tick the areas that apply to your work (space), then press enter."}
	p.onDone = func(m *root, p *picker) tea.Cmd {
		var codes []string
		for _, it := range p.checked() {
			codes = append(codes, it.value)
		}
		return done(m, codes)
	}
	return p
}

// startSession hands the scopes to the caller, which builds the plan,
// creates and saves the record; then the questions begin.
func startSession(m *root, scopes []assessment.Scope) tea.Cmd {
	sess, rec, err := m.opts.Start(scopes)
	if err != nil {
		m.startErr = err
		m.leaving = true
		return tea.Quit
	}
	m.sess, m.rec = sess, rec
	m.replace(newQuestion(m))
	return nil
}
