package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// root is the router: it owns the session, the record and the screen size,
// handles global keys and delegates to the current screen.
type root struct {
	opts     Options
	sess     *assessment.Session
	rec      *record.Record
	width    int
	height   int
	finished bool
	startErr error
}

func newRoot(opts Options) *root {
	return &root{opts: opts, sess: opts.Session, rec: opts.Record, width: 80, height: 24}
}

func (m *root) Init() tea.Cmd { return nil }

func (m *root) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyMsg:
		if msg.String() == "q" || msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m *root) View() string { return "reflect\n" }
