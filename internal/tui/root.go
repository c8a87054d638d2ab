package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// screen is one child model. The root passes itself so children reach the
// session, the record, the theme and the size without globals.
type screen interface {
	update(m *root, msg tea.KeyPressMsg) tea.Cmd
	view(m *root) string
	keys() help.KeyMap
}

// typer is a screen where letters are text, not commands: the root does
// not treat ? and q as global keys there.
type typer interface{ typing() bool }

// committer is a screen holding text not yet stored (an open editor); the
// root commits it before leaving so nothing typed is lost.
type committer interface{ commit(m *root) }

// paster is a screen that takes pasted text (Bubble Tea v2 sends a paste
// as one message, not as keys).
type paster interface {
	paste(m *root, msg tea.PasteMsg) tea.Cmd
}

// resizer is told when the size changes (editors size their text areas).
type resizer interface{ resize(m *root) }

// root is the router: it owns the session, the record, the size and the
// stack of screens, handles global keys and delegates to the top screen.
type root struct {
	opts  Options
	sess  *assessment.Session
	rec   *record.Record
	theme *Theme
	help  help.Model
	gk    globalKeys

	width, height int
	fixedSize     bool
	stack         []screen

	helpCache map[string]string // rendered key hints by width and keys

	status   string // a one-off message, cleared by the next key
	saveErr  error  // the last save failure, until a save succeeds
	finished bool
	leaving  bool
	// interrupted is set by ctrl+c: everything is saved and Run reports
	// ErrInterrupted (exit status 130), as a signal does.
	interrupted bool
	startErr    error

	flow     *cpd.Flow // the reflection flow over rec and sess (cpd())
	draftGen int       // the newest draft waiting to be saved

	// With Options.Stage: staged counts the changes handed over, acked
	// the last one known to be durable; waits are the commands that
	// wait for the ones staged during this message.
	staged, acked int
	waits         []tea.Cmd
}

// savedMsg says that the changes up to seq were saved (or not: err).
type savedMsg struct {
	seq int
	err error
}

// draftSaveMsg saves the draft being typed, a moment after the last key.
type draftSaveMsg struct{ gen int }

// draftDelay is how long after the last key a draft is saved: often enough
// that a kill loses at most a second's typing, rarely enough that a save
// per key does not slow typing.
const draftDelay = 700 * time.Millisecond

// cpd is the reflection flow over the record and session: every change
// to the reflection, plan, notes and drafts goes through it.
func (m *root) cpd() *cpd.Flow {
	if m.flow == nil || m.flow.Record() != m.rec || m.flow.Session() != m.sess {
		m.flow = cpd.New(m.rec, m.sess, cpd.Options{Now: m.opts.Now, NewGoalID: m.opts.NewGoalID,
			OnUnconfirm: func() {
				m.status = "Text changed: confirm the anonymisation check again to complete the record."
			}})
	}
	return m.flow
}

// draftChanged keeps what is being typed in a field as its draft and
// saves it a moment later.
func (m *root) draftChanged(addr, text string) tea.Cmd {
	if m.rec == nil || addr == "" {
		return nil
	}
	if d, ok := m.cpd().Draft(addr); ok && d == text {
		return nil
	}
	m.cpd().SetDraft(addr, text)
	m.draftGen++
	gen := m.draftGen
	return tea.Tick(draftDelay, func(time.Time) tea.Msg { return draftSaveMsg{gen} })
}

func newRoot(opts Options) *root {
	m := &root{opts: opts, sess: opts.Session, rec: opts.Record, width: 80, height: 24, gk: newGlobalKeys(), helpCache: map[string]string{}}
	if opts.Width > 0 && opts.Height > 0 {
		m.width, m.height, m.fixedSize = opts.Width, opts.Height, true
	}
	m.help = help.New()
	m.setTheme(true)
	m.help.Ellipsis = m.theme.Sym.Ellipsis
	if opts.ASCII {
		m.help.ShortSeparator = " | "
	}
	m.begin()
	return m
}

// begin sets up the first screens: the content note, then either the
// questions (resuming) or the setup.
func (m *root) begin() {
	if m.sess != nil {
		m.push(newQuestion(m))
	}
	m.push(newWelcome(m))
	if m.rec != nil && m.rec.Draft != nil {
		todo := "carry on in the reflection (s, then r)"
		if code, ok := strings.CutPrefix(m.rec.Draft.Field, "note."); ok {
			todo = "go to " + code + " and press e to carry on"
		}
		m.status = "You were writing " + m.cpd().FieldName(m.rec.Draft.Field) + " when reflect stopped; it is kept: " + todo + "."
	}
}

// setTheme builds the styles for a dark or light background.
func (m *root) setTheme(dark bool) {
	m.theme = newTheme(m.opts.ASCII, m.opts.NoColor, dark)
	m.help.Styles = m.theme.Help
}

// Init asks the terminal for its background colour (to choose the light or
// dark palette), unless there are no colours to choose. This is the only
// terminal query reflect makes, and only here, where the full screen
// starts; until the answer comes (or if it never does) the dark palette
// is used.
func (m *root) Init() tea.Cmd {
	if m.opts.NoColor {
		return nil
	}
	return tea.RequestBackgroundColor
}

func (m *root) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	model, cmd := m.update(msg)
	if len(m.waits) > 0 {
		cmd = tea.Batch(append([]tea.Cmd{cmd}, m.waits...)...)
		m.waits = nil
	}
	return model, cmd
}

func (m *root) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case savedMsg:
		if msg.seq > m.acked {
			m.acked = msg.seq
		}
		if msg.err != nil {
			m.saveErr = msg.err
		} else if msg.seq == m.staged {
			m.saveErr = nil
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.theme.Dark {
			m.setTheme(dark)
		}
		return m, nil
	case draftSaveMsg:
		if msg.gen == m.draftGen {
			m.save()
		}
		return m, nil
	case tea.PasteMsg:
		// Pasted text goes to the box being typed in, if any.
		if p, ok := m.top().(paster); ok {
			return m, p.paste(m, msg)
		}
		return m, nil
	case tea.WindowSizeMsg:
		if !m.fixedSize {
			m.width, m.height = max(1, msg.Width), max(1, msg.Height)
			m.help.SetWidth(m.width)
			for _, s := range m.stack {
				if r, ok := s.(resizer); ok {
					r.resize(m)
				}
			}
		}
		return m, nil
	case tea.KeyPressMsg:
		m.status = ""
		typing := false
		if t, ok := m.top().(typer); ok {
			typing = t.typing()
		}
		switch {
		case key.Matches(msg, m.gk.ForceQuit):
			m.interrupted = true
			return m, m.leave()
		case !typing && key.Matches(msg, m.gk.Help):
			if _, open := m.top().(*helpScreen); !open {
				m.push(newHelpScreen(m, m.top().keys()))
				return m, nil
			}
		}
		if len(m.stack) == 0 {
			return m, tea.Quit
		}
		return m, m.top().update(m, msg)
	}
	return m, nil
}

func (m *root) View() tea.View {
	v := tea.NewView(m.frame())
	v.AltScreen = true
	return v
}

// frame is the screen as text.
func (m *root) frame() string {
	if m.leaving || len(m.stack) == 0 {
		return ""
	}
	// Every screen draws through Theme.page, which makes each line safe
	// (textutil.ScreenSafe): text from other people's files cannot drive
	// the terminal.
	return m.top().view(m)
}

func (m *root) top() screen {
	if len(m.stack) == 0 {
		return nil
	}
	return m.stack[len(m.stack)-1]
}

func (m *root) push(s screen) {
	m.stack = append(m.stack, s)
	if r, ok := s.(resizer); ok {
		r.resize(m)
	}
}

func (m *root) pop() {
	if len(m.stack) > 1 {
		m.stack = m.stack[:len(m.stack)-1]
	}
}

// replace empties the stack and shows s.
func (m *root) replace(s screen) {
	m.stack = nil
	m.push(s)
}

// save hands the session and record to the caller's Stage (the wait for
// it runs as a command) or Save.
func (m *root) save() {
	if m.rec == nil {
		return
	}
	if m.opts.Stage != nil {
		wait := m.opts.Stage(m.sess, m.rec)
		if wait == nil {
			return
		}
		m.staged++
		seq := m.staged
		m.waits = append(m.waits, func() tea.Msg { return savedMsg{seq: seq, err: wait()} })
		return
	}
	if err := m.opts.Save(m.sess, m.rec); err != nil {
		m.saveErr = err
		return
	}
	m.saveErr = nil
}

// leave commits any open editor, saves and quits.
func (m *root) leave() tea.Cmd {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if c, ok := m.stack[i].(committer); ok {
			c.commit(m)
		}
	}
	if m.opts.Stage != nil && m.rec != nil {
		// Leaving waits until everything, staged now or before, is
		// durable.
		m.waits = nil
		m.saveErr = m.opts.Save(m.sess, m.rec)
		m.acked = m.staged
	} else {
		m.save()
	}
	m.leaving = true
	return tea.Quit
}

// pending reports changes handed over and not yet known to be durable.
func (m *root) pending() bool { return m.acked < m.staged }

// saveMark says whether what is on the screen is saved, when changes are
// saved off the keystroke path ("" otherwise, and before any change).
func (m *root) saveMark() string {
	switch {
	case m.opts.Stage == nil || m.staged == 0 || m.saveErr != nil:
		return ""
	case m.pending():
		return "saving" + m.theme.Sym.Ellipsis
	}
	return "saved"
}

// footer is the status or error line (when there is one) and the short
// key help, fitted to the width.
func (m *root) footer(k help.KeyMap) []string {
	var out []string
	switch {
	case m.saveErr != nil:
		out = append(out, m.theme.Error.Render("Not saved: "+m.saveErr.Error()))
	case m.status != "":
		out = append(out, m.theme.Status.Render(m.status))
	}
	return append(out, m.shortHelp(k.ShortHelp()))
}

// asciiKeys spells arrow keys out for the ASCII fallback.
func asciiKeys(k string) string {
	return strings.NewReplacer("↑", "up", "↓", "down", "←", "left", "→", "right").Replace(k)
}

// shortDesc are the shorter words for key hints on narrow screens.
var shortDesc = map[string]string{
	"save & leave": "leave", "tick/untick": "tick", "previous step": "back", "more keys": "help",
	"flag priority": "flag", "next field": "next", "go to it": "go", "confirm & finish": "confirm",
	"reflection & plan": "reflect", "back to questions": "back", "close help": "close", "edit this": "edit",
}

// shortHelp renders key hints on one line. Screens list hints most
// important first; when they do not fit, the last ones are dropped, but
// "?" (more keys) and the keys to leave always stay.
func (m *root) shortHelp(bs []key.Binding) string {
	var id strings.Builder
	id.WriteString(itoa(m.width))
	for _, b := range bs {
		id.WriteString("\x00" + b.Help().Key + "\x01" + b.Help().Desc)
	}
	if v, ok := m.helpCache[id.String()]; ok {
		return v
	}
	v := m.fitHelp(bs)
	if len(m.helpCache) > 64 {
		clear(m.helpCache)
	}
	m.helpCache[id.String()] = v
	return v
}

func (m *root) fitHelp(bs []key.Binding) string {
	m.help.SetWidth(0)
	var on []key.Binding
	for _, b := range bs {
		if b.Enabled() {
			if m.opts.ASCII {
				b.SetHelp(asciiKeys(b.Help().Key), b.Help().Desc)
			}
			on = append(on, b)
		}
	}
	pinned := func(b key.Binding) bool {
		k := b.Help().Key
		return k == "?" || k == "q" || k == "ctrl+c"
	}
	if lipgloss.Width(m.help.ShortHelpView(on)) > m.width {
		// First try shorter words.
		for i, b := range on {
			if d, ok := shortDesc[b.Help().Desc]; ok {
				b.SetHelp(b.Help().Key, d)
				on[i] = b
			}
		}
	}
	sep := m.help.ShortSeparator
	defer func() { m.help.ShortSeparator = sep }()
	if lipgloss.Width(m.help.ShortHelpView(on)) > m.width {
		m.help.ShortSeparator = "  "
	}
	for {
		v := m.help.ShortHelpView(on)
		if lipgloss.Width(v) <= m.width {
			return v
		}
		drop := -1
		for i := len(on) - 1; i >= 0; i-- {
			if !pinned(on[i]) {
				drop = i
				break
			}
		}
		if drop < 0 {
			return v
		}
		on = append(on[:drop:drop], on[drop+1:]...)
	}
}
