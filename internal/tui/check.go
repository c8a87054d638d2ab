package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// activityStep records the CPD activity: dates and hours.
func (w *wizard) activityStep(m *root) screen {
	a := func(m *root) *record.Activity { return &m.rec.Activity }
	today := m.opts.Now().Format("2006-01-02")
	hours := func(get func(*record.Activity) *float64) (func(*root) string, func(*root, string) string) {
		return func(m *root) string {
				if v := *get(a(m)); v != 0 {
					return strconv.FormatFloat(v, 'f', -1, 64)
				}
				return ""
			}, func(m *root, v string) string {
				if v == "" {
					*get(a(m)) = 0
					return ""
				}
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || f < 0 || f > 10000 {
					return fmt.Sprintf("%q is not a number of hours: write e.g. 1.5", v)
				}
				*get(a(m)) = f
				if a(m).ParticipatoryHours > a(m).Hours && a(m).Hours > 0 {
					return "participatory hours are more than the hours in total: check both"
				}
				return ""
			}
	}
	hGet, hSet := hours(func(x *record.Activity) *float64 { return &x.Hours })
	pGet, pSet := hours(func(x *record.Activity) *float64 { return &x.ParticipatoryHours })
	date := func(get func(*record.Activity) *string) (func(*root) string, func(*root, string) string) {
		return func(m *root) string { return *get(a(m)) }, func(m *root, v string) string {
			if e := validDate(v); e != "" {
				return e
			}
			*get(a(m)) = v
			return ""
		}
	}
	sGet, sSet := date(func(x *record.Activity) *string { return &x.StartDate })
	eGet, eSet := date(func(x *record.Activity) *string { return &x.EndDate })
	fields := []*field{
		{label: "Start date (YYYY-MM-DD)", kind: fieldText, hint: "e.g. " + today, get: sGet, set: sSet},
		{label: "End date (YYYY-MM-DD)", kind: fieldText, hint: "e.g. " + today, get: eGet, set: eSet},
		{label: "Hours in total", kind: fieldText, hint: "e.g. 1.5", get: hGet, set: hSet},
		{label: "Participatory hours (learning with others)", kind: fieldText, hint: "e.g. 0", get: pGet, set: pSet},
	}
	f := newForm(m, w.tag(w.at)+": CPD activity", fields)
	f.intro = []string{"Method: " + m.rec.Activity.Method + ". NMC revalidation asks for 35 hours over three years, 20 of them participatory."}
	f.onNext = func(m *root) tea.Cmd { return w.next(m) }
	f.onBack = func(m *root) tea.Cmd { return w.prev(m) }
	f.back.SetHelp("esc", "previous step")
	f.next.SetHelp("tab", "next")
	return f
}

// checkPlace says where a checked field lives, so "edit" can go there.
type checkPlace struct {
	step string // wizard step id, or "" for a note
	note string // competence code of a note
	goal int    // goal index for step "goals"
}

// checkFields is the reflection flow's one list of free-text fields
// (cpd.TextFields), with where each is changed on this screen.
func checkFields(m *root) ([]anonymise.Field, map[string]checkPlace) {
	rec := *m.rec
	rec.Answers = m.sess.Answers()
	var fields []anonymise.Field
	places := map[string]checkPlace{}
	for _, f := range cpd.TextFields(&rec) {
		fields = append(fields, anonymise.Field{Name: f.Name, Text: f.Text})
		head, rest, _ := strings.Cut(f.Addr, ".")
		switch head {
		case "note":
			places[f.Name] = checkPlace{note: rest}
		case "section":
			places[f.Name] = checkPlace{step: "section:" + rest}
		case "benefit":
			places[f.Name] = checkPlace{step: "benefit"}
		case "activity", "evidence":
			places[f.Name] = checkPlace{step: "activity"}
		case "goal":
			id, _, _ := strings.Cut(rest, ".")
			for i, g := range m.rec.Plan {
				if g.ID == id {
					places[f.Name] = checkPlace{step: "goals", goal: i}
				}
			}
		}
	}
	return fields, places
}

// check runs the anonymisation check and asks the person to confirm.
type check struct {
	w        *wizard
	findings []anonymise.Finding
	places   map[string]checkPlace
	cursor   int
	scroll   int
	confirm  key.Binding
	edit     key.Binding
	back     key.Binding
	up, down key.Binding
}

func newCheck(m *root, w *wizard) *check {
	fields, places := checkFields(m)
	c := &check{w: w, findings: anonymise.Check(fields), places: places,
		confirm: kb([]string{"y"}, "y", "confirm & finish"),
		edit:    kb([]string{"e", "enter"}, "e", "edit this"),
		back:    kb([]string{"esc", "shift+tab"}, "esc", "previous step"),
		up:      kb([]string{"up", "k"}, "↑", "up"),
		down:    kb([]string{"down", "j"}, "↓", "down")}
	m.rec.Anonymisation.Checked = true
	m.rec.Anonymisation.Findings = len(c.findings)
	m.save()
	return c
}

func (c *check) keys() help.KeyMap {
	short := []key.Binding{c.confirm}
	if len(c.findings) > 0 {
		short = append(short, c.edit)
	}
	short = append(short, c.back)
	full := append(append([]key.Binding(nil), short...), c.up, c.down)
	if len(c.findings) > 1 {
		short = append(short, kb([]string{"up", "down"}, "↑/↓", "move"))
	}
	return keyList{short: short, full: [][]key.Binding{full}}
}

func (c *check) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, c.confirm):
		m.rec.Anonymisation = record.Anonymisation{Checked: true, Findings: len(c.findings), Confirmed: true, At: m.opts.Now().UTC().Truncate(time.Second)}
		m.rec.Status = record.StatusComplete
		m.save()
		m.finished = true
		m.replace(&doneScreen{})
	case key.Matches(msg, c.back):
		return c.w.prev(m)
	case key.Matches(msg, c.up):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(msg, c.down):
		c.cursor = min(max(0, len(c.findings)-1), c.cursor+1)
	case key.Matches(msg, c.edit) && len(c.findings) > 0:
		at := c.places[c.findings[c.cursor].Field]
		if at.note != "" {
			code := at.note
			m.push(newEditor(m, "Note: "+code, m.sess.Answer(code).Note, func(m *root, v string) {
				if err := m.sess.SetNote(code, v); err == nil {
					m.textChanged()
					m.save()
				}
				c.w.show(m, c.w.at) // check again
			}))
			return nil
		}
		c.w.goStep(m, at.step)
		if at.step == "goals" && at.goal < len(m.rec.Plan) {
			m.push(c.w.goalForm(m, at.goal))
		}
	}
	return nil
}

func (c *check) view(m *root) string {
	t, w := m.theme, m.width
	header := []string{t.Title.Render(c.w.tag(c.w.at) + ": anonymisation check")}
	var body []string
	para := func(s string) { body = append(body, wrap(s, w, "", "")...) }
	if len(c.findings) == 0 {
		para("No likely identifiers were found in your notes, reflection and plan.")
	} else {
		what := "1 thing may"
		if len(c.findings) > 1 {
			what = fmt.Sprintf("%d things may", len(c.findings))
		}
		para(what + " identify someone. Look at each: edit it (e), or leave it if it identifies nobody.")
	}
	cursorLine := 0
	for i, f := range c.findings {
		ptr := "  "
		if i == c.cursor {
			ptr = t.Sym.Pointer + " "
			cursorLine = len(body)
		}
		line := fmt.Sprintf("%s: %q, %s", f.Field, f.Excerpt, anonymise.Describe(f.Kind))
		lines := wrap(line, w, ptr, "    ")
		if i == c.cursor {
			for j := range lines {
				lines[j] = t.Selected.Render(lines[j])
			}
		}
		body = append(body, lines...)
	}
	body = append(body, "")
	para("The check is a prompt, not a guarantee. " + cpd.PrivacyNote)
	para("Press y to confirm that this record identifies no patient, service user, family member or colleague, and to mark it complete.")
	footer := m.footer(c.keys())
	ensureVisible(&c.scroll, cursorLine, bodyRoom(m.height, len(header), len(footer)))
	return t.page(w, m.height, header, body, footer, &c.scroll)
}

// doneScreen closes the session with the export command and support.
type doneScreen struct{ scroll int }

func (d *doneScreen) keys() help.KeyMap {
	return keyList{short: []key.Binding{kb([]string{"enter", "q"}, "enter", "close")}}
}

func (d *doneScreen) update(m *root, msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter", "q", "esc":
		m.leaving = true
		return tea.Quit
	case "down", "j":
		d.scroll++
	case "up", "k":
		d.scroll--
	}
	return nil
}

func (d *doneScreen) view(m *root) string {
	t, w := m.theme, m.width
	header := []string{t.Title.Render("Your record is complete")}
	var body []string
	para := func(s string) { body = append(body, wrap(s, w, "", "")...) }
	para("Thank you for taking the time. Your record is saved.")
	body = append(body, "")
	para("Export it for your portfolio or your supervisor:")
	body = append(body, wrap("reflect export "+m.rec.ID+" --format md", w, "  ", "    ")...)
	body = append(body, "")
	body = append(body, supportLines(w)...)
	return t.page(w, m.height, header, body, m.footer(d.keys()), &d.scroll)
}
