// Package review is the full-screen view in which a supervisor reviews a
// CPD record: a scrollable view of the record (scores, needs, reflection,
// plan), then a comment on each development need and overall, the plan
// (agree, amend or not agreed), the sign-off fields and the statement.
// It produces a record.Review; nothing is written here. The same flow
// without a full screen is internal/review.Lines.
package review

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/reflect-cpd/reflect/internal/record"
	flow "github.com/reflect-cpd/reflect/internal/review"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// ErrCancelled is returned when the reviewer leaves before confirming.
var ErrCancelled = flow.ErrCancelled

// Options configure the view.
type Options struct {
	Record   *record.Record
	Defaults record.Review // prefilled answers (from flags or the key's name)
	Today    string        // YYYY-MM-DD
	Plan     string        // the plan decision offered first: agree (default), amend or not-agreed
	In       io.Reader
	Out      io.Writer // normally stderr
	NoColor  bool
}

type step int

const (
	stepRead step = iota
	stepNeed
	stepOverall
	stepPlan
	stepAmend
	stepSignoff
	stepConfirm
)

type keys struct {
	next, back, read, quit, cancel, up, down, choose, yes, no key.Binding
}

func newKeys() keys {
	return keys{
		next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
		back:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		read:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "read the record")),
		quit:   key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "leave")),
		cancel: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "leave without saving")),
		up:     key.NewBinding(key.WithKeys("up", "k")),
		down:   key.NewBinding(key.WithKeys("down", "j")),
		choose: key.NewBinding(key.WithKeys("enter")),
		yes:    key.NewBinding(key.WithKeys("y", "Y")),
		no:     key.NewBinding(key.WithKeys("n", "N")),
	}
}

var signoffLabels = []string{"Your name", "Your role", "Your profession", "Registration number (if any)", "Date of the review (YYYY-MM-DD)"}

var planChoices = []struct{ id, label string }{
	{record.PlanAgree, "Agree the plan as written"},
	{record.PlanAmend, "Amend the plan (edit it together)"},
	{record.PlanNotAgreed, "Not agreed"},
}

// Model is the review view.
type Model struct {
	opts   Options
	keys   keys
	rec    *record.Record
	needs  []flow.NeedView
	width  int
	height int

	step       step
	returnTo   step // where ctrl+r returns to
	reading    bool // ctrl+r from a later step
	needIdx    int
	view       viewport.Model
	needText   []textarea.Model
	overall    textarea.Model
	planChoice int
	amend      textarea.Model
	fields     []textinput.Model
	field      int
	msg        string // an error or hint shown under the step
	confirmQ   bool   // asking whether to leave

	done      bool
	cancelled bool
	result    record.Review

	bold, dim, warn lipgloss.Style
}

// New builds the model (tests drive it directly).
func New(opts Options) *Model {
	m := &Model{opts: opts, keys: newKeys(), rec: opts.Record, needs: flow.Needs(opts.Record), width: 80, height: 24}
	r := lipgloss.NewRenderer(io.Discard)
	if opts.NoColor {
		r.SetColorProfile(termenv.Ascii)
	} else if opts.Out != nil {
		r = lipgloss.NewRenderer(opts.Out)
	}
	m.bold = r.NewStyle().Bold(true)
	m.dim = r.NewStyle().Faint(true)
	m.warn = r.NewStyle().Bold(true).Foreground(lipgloss.Color("1"))
	d := opts.Defaults

	m.view = viewport.New(80, 20)
	existing := map[string]string{}
	for _, nc := range d.NeedComments {
		existing[nc.Code] = nc.Comment
	}
	for _, n := range m.needs {
		ta := newArea()
		ta.Placeholder = "Your comment on this need (optional)"
		ta.SetValue(existing[n.Code])
		m.needText = append(m.needText, ta)
	}
	m.overall = newArea()
	m.overall.Placeholder = "Your overall comments (optional)"
	m.overall.SetValue(d.Comments)
	m.amend = newArea()
	if len(m.rec.Plan) > 0 {
		m.amend.SetValue(flow.PlanText(m.rec.Plan))
	} else {
		m.amend.SetValue(flow.PlanTextTemplate)
	}
	for i, c := range planChoices {
		if c.id == opts.Plan {
			m.planChoice = i
		}
	}
	date := d.Date
	if date == "" {
		date = opts.Today
	}
	for i, v := range []string{d.Reviewer.Name, d.Reviewer.Role, d.Reviewer.Profession, d.Reviewer.Registration, date} {
		ti := textinput.New()
		ti.Prompt = ""
		ti.CharLimit = 200
		ti.SetValue(v)
		if i == 4 {
			ti.CharLimit = 10
		}
		m.fields = append(m.fields, ti)
	}
	m.resize()
	return m
}

func newArea() textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.CharLimit = 20000
	ta.MaxHeight = 0
	ta.Prompt = "│ "
	return ta
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) resize() {
	w := max(40, m.width)
	body := max(5, m.height-6)
	m.view.Width = w
	m.view.Height = body
	var b strings.Builder
	_ = flow.Summary(&b, m.rec, min(w-1, 100))
	m.view.SetContent(textutil.ScreenSafe(b.String()))
	areaH := max(3, m.height-13)
	for i := range m.needText {
		m.needText[i].SetWidth(w - 2)
		m.needText[i].SetHeight(areaH)
	}
	m.overall.SetWidth(w - 2)
	m.overall.SetHeight(max(3, m.height-10))
	m.amend.SetWidth(w - 2)
	m.amend.SetHeight(max(3, m.height-15))
	for i := range m.fields {
		m.fields[i].Width = min(60, w-36)
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.KeyMsg:
		if m.confirmQ {
			switch {
			case key.Matches(msg, m.keys.yes):
				m.cancelled = true
				return m, tea.Quit
			default:
				m.confirmQ = false
				return m, nil
			}
		}
		if key.Matches(msg, m.keys.cancel) {
			if m.step == stepRead && !m.reading {
				m.cancelled = true
				return m, tea.Quit
			}
			m.confirmQ = true
			return m, nil
		}
		m.msg = ""
		if m.reading || m.step == stepRead {
			return m, m.updateRead(msg)
		}
		if key.Matches(msg, m.keys.read) {
			m.reading = true
			m.blurAll()
			return m, nil
		}
		switch m.step {
		case stepNeed:
			return m, m.updateArea(msg, &m.needText[m.needIdx])
		case stepOverall:
			return m, m.updateArea(msg, &m.overall)
		case stepPlan:
			return m, m.updatePlan(msg)
		case stepAmend:
			return m, m.updateArea(msg, &m.amend)
		case stepSignoff:
			return m, m.updateSignoff(msg)
		case stepConfirm:
			return m, m.updateConfirm(msg)
		}
	}
	return m, nil
}

func (m *Model) updateRead(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.choose), key.Matches(msg, m.keys.next):
		if m.reading {
			m.reading = false
			return m.focusStep()
		}
		return m.goTo(m.firstStep())
	case key.Matches(msg, m.keys.quit):
		if m.reading {
			m.reading = false
			return m.focusStep()
		}
		m.cancelled = true
		return tea.Quit
	}
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(msg)
	return cmd
}

func (m *Model) firstStep() step {
	if len(m.needs) > 0 {
		return stepNeed
	}
	return stepOverall
}

func (m *Model) updateArea(msg tea.KeyMsg, ta *textarea.Model) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.next):
		return m.forward()
	case key.Matches(msg, m.keys.back):
		return m.backward()
	}
	var cmd tea.Cmd
	*ta, cmd = ta.Update(msg)
	return cmd
}

func (m *Model) updatePlan(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.up):
		m.planChoice = (m.planChoice + len(planChoices) - 1) % len(planChoices)
	case key.Matches(msg, m.keys.down):
		m.planChoice = (m.planChoice + 1) % len(planChoices)
	case key.Matches(msg, m.keys.choose), key.Matches(msg, m.keys.next):
		return m.forward()
	case key.Matches(msg, m.keys.back):
		return m.backward()
	case msg.String() == "a":
		m.planChoice = 0
	case msg.String() == "m":
		m.planChoice = 1
	case msg.String() == "n":
		m.planChoice = 2
	}
	return nil
}

func (m *Model) updateSignoff(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.next), key.Matches(msg, m.keys.choose):
		if m.field < len(m.fields)-1 {
			m.fields[m.field].Blur()
			m.field++
			return m.fields[m.field].Focus()
		}
		return m.forward()
	case key.Matches(msg, m.keys.back):
		if m.field > 0 {
			m.fields[m.field].Blur()
			m.field--
			return m.fields[m.field].Focus()
		}
		return m.backward()
	case msg.String() == "up":
		if m.field > 0 {
			m.fields[m.field].Blur()
			m.field--
			return m.fields[m.field].Focus()
		}
		return nil
	case msg.String() == "down":
		if m.field < len(m.fields)-1 {
			m.fields[m.field].Blur()
			m.field++
			return m.fields[m.field].Focus()
		}
		return nil
	}
	var cmd tea.Cmd
	m.fields[m.field], cmd = m.fields[m.field].Update(msg)
	return cmd
}

func (m *Model) updateConfirm(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.yes):
		m.result = m.review()
		m.done = true
		return tea.Quit
	case key.Matches(msg, m.keys.no), key.Matches(msg, m.keys.back):
		return m.backward()
	}
	return nil
}

// forward leaves the current step (checking it) for the next.
func (m *Model) forward() tea.Cmd {
	switch m.step {
	case stepNeed:
		if m.needIdx < len(m.needs)-1 {
			m.needText[m.needIdx].Blur()
			m.needIdx++
			return m.needText[m.needIdx].Focus()
		}
		return m.goTo(stepOverall)
	case stepOverall:
		return m.goTo(stepPlan)
	case stepPlan:
		if planChoices[m.planChoice].id == record.PlanAmend {
			return m.goTo(stepAmend)
		}
		return m.goTo(stepSignoff)
	case stepAmend:
		goals, err := flow.ParsePlanText(m.amend.Value(), m.rec.Plan)
		if err != nil {
			m.msg = err.Error()
			return nil
		}
		if len(goals) == 0 {
			m.msg = "The amended plan has no goals. Write at least one objective, or go back (shift+tab) and choose another option."
			return nil
		}
		return m.goTo(stepSignoff)
	case stepSignoff:
		if strings.TrimSpace(m.fields[0].Value()) == "" {
			m.msg = "Your name is needed to sign off."
			return m.focusField(0)
		}
		if _, err := time.Parse("2006-01-02", strings.TrimSpace(m.fields[4].Value())); err != nil {
			m.msg = "Write the date as YYYY-MM-DD, for example " + m.opts.Today + "."
			return m.focusField(4)
		}
		return m.goTo(stepConfirm)
	}
	return nil
}

func (m *Model) backward() tea.Cmd {
	switch m.step {
	case stepNeed:
		if m.needIdx > 0 {
			m.needText[m.needIdx].Blur()
			m.needIdx--
			return m.needText[m.needIdx].Focus()
		}
		return m.goTo(stepRead)
	case stepOverall:
		if len(m.needs) > 0 {
			m.needIdx = len(m.needs) - 1
			return m.goTo(stepNeed)
		}
		return m.goTo(stepRead)
	case stepPlan:
		return m.goTo(stepOverall)
	case stepAmend:
		return m.goTo(stepPlan)
	case stepSignoff:
		if planChoices[m.planChoice].id == record.PlanAmend {
			return m.goTo(stepAmend)
		}
		return m.goTo(stepPlan)
	case stepConfirm:
		m.field = len(m.fields) - 1
		return m.goTo(stepSignoff)
	}
	return nil
}

func (m *Model) focusField(i int) tea.Cmd {
	for j := range m.fields {
		m.fields[j].Blur()
	}
	m.field = i
	return m.fields[i].Focus()
}

func (m *Model) goTo(s step) tea.Cmd {
	m.blurAll()
	m.step = s
	return m.focusStep()
}

func (m *Model) blurAll() {
	for i := range m.needText {
		m.needText[i].Blur()
	}
	m.overall.Blur()
	m.amend.Blur()
	for i := range m.fields {
		m.fields[i].Blur()
	}
}

func (m *Model) focusStep() tea.Cmd {
	switch m.step {
	case stepNeed:
		return m.needText[m.needIdx].Focus()
	case stepOverall:
		return m.overall.Focus()
	case stepAmend:
		return m.amend.Focus()
	case stepSignoff:
		return m.fields[m.field].Focus()
	}
	return nil
}

// review assembles what the reviewer wrote.
func (m *Model) review() record.Review {
	rev := record.Review{
		Reviewer: record.Reviewer{
			Name:         strings.TrimSpace(m.fields[0].Value()),
			Role:         strings.TrimSpace(m.fields[1].Value()),
			Profession:   strings.TrimSpace(m.fields[2].Value()),
			Registration: strings.TrimSpace(m.fields[3].Value()),
		},
		Date:     strings.TrimSpace(m.fields[4].Value()),
		Comments: strings.TrimSpace(m.overall.Value()),
	}
	for i, n := range m.needs {
		if c := strings.TrimSpace(m.needText[i].Value()); c != "" {
			rev.NeedComments = append(rev.NeedComments, record.NeedComment{Code: n.Code, Comment: c})
		}
	}
	switch planChoices[m.planChoice].id {
	case record.PlanAgree:
		rev.PlanAgreed = true
	case record.PlanAmend:
		rev.PlanAgreed = true
		rev.AgreedPlan, _ = flow.ParsePlanText(m.amend.Value(), m.rec.Plan)
	}
	return rev
}

// Result reports how the view ended: the review when confirmed.
func (m *Model) Result() (record.Review, bool) { return m.result, m.done }

// View implements tea.Model.
func (m *Model) View() string {
	if m.done || m.cancelled {
		return ""
	}
	w := max(40, m.width)
	var b strings.Builder
	who := m.rec.Practitioner.Name
	if who == "" {
		who = m.rec.ID
	}
	title, help := m.stepTitle()
	if m.reading {
		title, help = "The record (for reference)", "↑/↓ pgup/pgdn scroll · enter or esc: back to your review"
	}
	b.WriteString(m.bold.Render(textutil.Truncate("Review: "+who+" · "+title, w, "…")) + "\n\n")
	if m.reading || m.step == stepRead {
		b.WriteString(m.view.View() + "\n")
		pct := int(m.view.ScrollPercent() * 100)
		b.WriteString(m.dim.Render(fmt.Sprintf("%d%%", pct)) + "\n")
	} else {
		b.WriteString(m.body(w))
	}
	if m.msg != "" {
		b.WriteString("\n" + m.warn.Render(textutil.Wrap(m.msg, w, "", "")) + "\n")
	}
	if m.confirmQ {
		b.WriteString("\n" + m.warn.Render("Leave without saving? Your review will not be written. (y/n)") + "\n")
	}
	b.WriteString("\n" + m.dim.Render(textutil.Wrap(help, w, "", "")))
	// The record comes from someone else: only the view's own styling may
	// reach the terminal, never an escape sequence inside its text.
	return textutil.ScreenSafe(b.String())
}

func (m *Model) stepTitle() (string, string) {
	textHelp := "tab: next · shift+tab: back · ctrl+r: read the record · ctrl+c: leave"
	switch m.step {
	case stepRead:
		return "read the record", "↑/↓ pgup/pgdn scroll · enter: start your review · q: leave"
	case stepNeed:
		return fmt.Sprintf("need %d of %d", m.needIdx+1, len(m.needs)), textHelp
	case stepOverall:
		return "overall comments", textHelp
	case stepPlan:
		return "the development plan", "↑/↓ or a/m/n: choose · enter: next · shift+tab: back · ctrl+r: read the record"
	case stepAmend:
		return "amend the plan", textHelp
	case stepSignoff:
		return "sign off", "tab or enter: next field · shift+tab: back · ctrl+c: leave"
	case stepConfirm:
		return "confirm", "y: confirm and sign off · n or shift+tab: go back · ctrl+c: leave"
	}
	return "", ""
}

func (m *Model) body(w int) string {
	var b strings.Builder
	switch m.step {
	case stepNeed:
		n := m.needs[m.needIdx]
		b.WriteString(textutil.Wrap(flow.NeedLine(n), w, "", "") + "\n\n")
		b.WriteString(m.needText[m.needIdx].View() + "\n")
	case stepOverall:
		b.WriteString("Your overall comments on the record and the discussion.\n\n")
		b.WriteString(m.overall.View() + "\n")
	case stepPlan:
		if len(m.rec.Plan) == 0 {
			b.WriteString("The record has no development plan. Choose \"Amend\" to write the goals you agreed together.\n\n")
		} else {
			var pb strings.Builder
			for i, g := range m.rec.Plan {
				flow.GoalText(&pb, i+1, g, w-1)
			}
			b.WriteString(pb.String() + "\n")
		}
		for i, c := range planChoices {
			mark := "  ( ) "
			if i == m.planChoice {
				mark = "› (•) "
			}
			b.WriteString(mark + c.label + "\n")
		}
	case stepAmend:
		b.WriteString(textutil.Wrap("Edit the plan as agreed: one goal per block, a blank line between goals. Fields: Objective, Competences, Activities, Resources (separated by ;), Target date (YYYY-MM-DD), Success measure, Status (planned, in-progress, achieved, dropped).", w, "", "") + "\n\n")
		b.WriteString(m.amend.View() + "\n")
	case stepSignoff:
		for i, f := range m.fields {
			mark := "  "
			if i == m.field {
				mark = "› "
			}
			b.WriteString(mark + textutil.Pad(signoffLabels[i], 32) + " " + f.View() + "\n")
		}
	case stepConfirm:
		rev := m.review()
		fmt.Fprintf(&b, "Reviewer: %s\n", strings.Join(nonEmpty(rev.Reviewer.Name, rev.Reviewer.Role, rev.Reviewer.Profession, rev.Reviewer.Registration), ", "))
		fmt.Fprintf(&b, "Date: %s\n", rev.Date)
		fmt.Fprintf(&b, "Comments on needs: %d; overall comments: %s\n", len(rev.NeedComments), yesNo(rev.Comments != ""))
		fmt.Fprintf(&b, "Plan: %s\n\n", planChoices[m.planChoice].label)
		b.WriteString(m.bold.Render(textutil.Wrap(record.ReviewStatement, w, "", "")) + "\n\n")
		b.WriteString("Do you confirm this statement? (y/n)\n")
	}
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "none"
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Run shows the view until the reviewer confirms or leaves. It returns
// ErrCancelled when they leave.
func Run(opts Options) (record.Review, error) {
	out := opts.Out
	if out == nil {
		out = os.Stderr
	}
	m := New(opts)
	popts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithOutput(out)}
	if opts.In != nil {
		popts = append(popts, tea.WithInput(opts.In))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if err != nil {
		return record.Review{}, err
	}
	fm, ok := final.(*Model)
	if !ok {
		return record.Review{}, errors.New("review: unexpected model")
	}
	rev, done := fm.Result()
	if !done {
		return record.Review{}, ErrCancelled
	}
	return rev, nil
}
