// Package review is the full-screen view in which a supervisor reviews a
// CPD record: a scrollable view of the record (scores, needs, reflection,
// plan), then a comment on each development need and overall, the plan
// (agree, amend or not agreed), the sign-off fields and the statement.
// It produces a record.Review; nothing is written here. The same flow
// without a full screen is internal/review.Lines.
package review

import (
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/reflect-cpd/reflect/internal/framework"
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
	// View is how the record is shown (its frameworks, for the statements
	// and for checking an amended plan's codes; earlier reviews' verdicts).
	View flow.View
	// Now is when the review is made (a review date cannot be after it);
	// zero means the end of Today.
	Now time.Time
}

type step int

const (
	stepRead step = iota
	stepNeed
	stepOverall
	stepRatings
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
	ratingRows []flow.RatingRow
	ratings    []record.Rating
	ratingIdx  int
	scale      *framework.Scale
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
	if opts.Now.IsZero() {
		if t, err := time.Parse("2006-01-02", opts.Today); err == nil {
			opts.Now = t.Add(12 * time.Hour)
		} else {
			opts.Now = time.Now()
		}
	}
	m := &Model{opts: opts, keys: newKeys(), rec: opts.Record, needs: flow.CommentTargets(opts.Record, opts.View.Set, opts.Defaults.NeedComments), width: 80, height: 24}
	// Colours are downsampled by Bubble Tea for the terminal; with
	// NO_COLOR the program draws with the ASCII profile (bold and faint,
	// no colour) and the warning sets none.
	m.bold = lipgloss.NewStyle().Bold(true)
	m.dim = lipgloss.NewStyle().Faint(true)
	m.warn = lipgloss.NewStyle().Bold(true)
	if !opts.NoColor {
		m.warn = m.warn.Foreground(lipgloss.Red)
	}
	d := opts.Defaults

	m.view = viewport.New(viewport.WithWidth(80), viewport.WithHeight(20))
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
	m.ratingRows = flow.RatingRows(m.rec, opts.View.Set)
	m.scale = flow.Scale(m.rec, opts.View.Set)
	m.ratings = append([]record.Rating(nil), d.Ratings...)
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

// Init implements tea.Model: it asks the terminal for its background
// colour, to give the text boxes the light or dark palette (the dark one
// until it answers). This is the only terminal query, made where the full
// screen starts.
func (m *Model) Init() tea.Cmd {
	if m.opts.NoColor {
		return nil
	}
	return tea.RequestBackgroundColor
}

// setDark gives the text boxes the palette for a dark or light background.
func (m *Model) setDark(dark bool) {
	st := textarea.DefaultStyles(dark)
	for i := range m.needText {
		m.needText[i].SetStyles(st)
	}
	m.overall.SetStyles(st)
	m.amend.SetStyles(st)
	in := textinput.DefaultStyles(dark)
	for i := range m.fields {
		m.fields[i].SetStyles(in)
	}
}

func (m *Model) resize() {
	w := max(40, m.width)
	body := max(5, m.height-6)
	m.view.SetWidth(w)
	m.view.SetHeight(body)
	var b strings.Builder
	v := m.opts.View
	v.Width = min(w-1, 100)
	_ = flow.Summary(&b, m.rec, v)
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
		m.fields[i].SetWidth(min(60, w-36))
	}
}

// Run shows the view until the reviewer confirms or leaves. It returns
// ErrCancelled when they leave, with what they had typed (to keep as a
// draft).
func Run(opts Options) (record.Review, error) {
	out := opts.Out
	if out == nil {
		out = os.Stderr
	}
	m := New(opts)
	popts := []tea.ProgramOption{tea.WithOutput(out)}
	if opts.NoColor {
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
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
		// What was typed, for the caller to keep as a draft.
		return fm.review(), ErrCancelled
	}
	return rev, nil
}
