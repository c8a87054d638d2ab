// Keys: moving through the review's steps and what each key does in them.

package review

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/reflect-cpd/reflect/internal/record"
	flow "github.com/reflect-cpd/reflect/internal/review"
)

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		m.setDark(msg.IsDark())
		return m, nil
	case tea.PasteMsg:
		return m, m.paste(msg)
	case tea.KeyPressMsg:
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
		case stepRatings:
			return m, m.updateRatings(msg)
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

func (m *Model) updateRead(msg tea.KeyPressMsg) tea.Cmd {
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

func (m *Model) updateArea(msg tea.KeyPressMsg, ta *textarea.Model) tea.Cmd {
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

// paste puts pasted text into the box being typed in, if any.
func (m *Model) paste(msg tea.PasteMsg) tea.Cmd {
	if m.reading || m.confirmQ {
		return nil
	}
	var cmd tea.Cmd
	switch m.step {
	case stepNeed:
		m.needText[m.needIdx], cmd = m.needText[m.needIdx].Update(msg)
	case stepOverall:
		m.overall, cmd = m.overall.Update(msg)
	case stepAmend:
		m.amend, cmd = m.amend.Update(msg)
	case stepSignoff:
		m.fields[m.field], cmd = m.fields[m.field].Update(msg)
	}
	return cmd
}

func (m *Model) updatePlan(msg tea.KeyPressMsg) tea.Cmd {
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

// updateRatings moves through the competences (↑/↓, pgup/pgdn) and sets
// the reviewer's rating of the one selected with a digit of the scale;
// 0, - or backspace takes it back.
func (m *Model) updateRatings(msg tea.KeyPressMsg) tea.Cmd {
	n := len(m.ratingRows)
	switch {
	case key.Matches(msg, m.keys.next), key.Matches(msg, m.keys.choose):
		return m.forward()
	case key.Matches(msg, m.keys.back):
		return m.backward()
	case key.Matches(msg, m.keys.up):
		m.ratingIdx = max(0, m.ratingIdx-1)
		return nil
	case key.Matches(msg, m.keys.down):
		m.ratingIdx = min(n-1, m.ratingIdx+1)
		return nil
	}
	switch s := msg.String(); s {
	case "pgup":
		m.ratingIdx = max(0, m.ratingIdx-m.ratingPage())
	case "pgdown":
		m.ratingIdx = min(n-1, m.ratingIdx+m.ratingPage())
	case "home":
		m.ratingIdx = 0
	case "end":
		m.ratingIdx = n - 1
	case "0", "-", "backspace", "delete":
		m.ratings = flow.SetRating(m.ratings, m.ratingRows[m.ratingIdx].Code, 0)
	default:
		if len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
			v := int(s[0] - '0')
			if m.scale != nil && m.scale.Level(v) == nil {
				m.msg = fmt.Sprintf("%d is not on the scale: rate from %d to %d, or 0 to take a rating back.", v, m.scale.Min(), m.scale.Max())
				return nil
			}
			m.ratings = flow.SetRating(m.ratings, m.ratingRows[m.ratingIdx].Code, v)
			m.ratingIdx = min(n-1, m.ratingIdx+1)
		}
	}
	return nil
}

// ratingPage is how many competences the ratings step shows at once.
func (m *Model) ratingPage() int { return max(3, m.height-12) }

func (m *Model) updateSignoff(msg tea.KeyPressMsg) tea.Cmd {
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

func (m *Model) updateConfirm(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.yes):
		rev := m.review()
		findings := flow.Findings(m.rec, rev)
		rev.Anonymisation = &record.Anonymisation{Checked: true, Findings: len(findings), Confirmed: true, At: m.opts.Now.UTC().Truncate(time.Second)}
		// The same checks as every other way of reviewing; a problem
		// takes the reviewer back to its field, with everything kept.
		if _, probs := m.rec.CheckReview(rev, m.opts.Now, m.opts.View.Set); len(probs) > 0 {
			m.msg = "The review cannot be added yet: " + probs[0].String() + "."
			return m.goToField(probs[0].Field)
		}
		m.result = rev
		m.done = true
		return tea.Quit
	case msg.String() == "e":
		if findings := flow.Findings(m.rec, m.review()); len(findings) > 0 {
			return m.goToField(flow.FindingField(findings[0]))
		}
	case key.Matches(msg, m.keys.no), key.Matches(msg, m.keys.back):
		return m.backward()
	}
	return nil
}

// goToField opens the step (and the box) where field is written.
func (m *Model) goToField(field string) tea.Cmd {
	switch {
	case strings.HasPrefix(field, "needs["):
		code := strings.TrimSuffix(strings.TrimPrefix(field, "needs["), "]")
		for i, n := range m.needs {
			if n.Code == code {
				m.needIdx = i
				return m.goTo(stepNeed)
			}
		}
		return m.goTo(stepOverall)
	case field == "comments":
		return m.goTo(stepOverall)
	case strings.HasPrefix(field, "amended_plan"):
		return m.goTo(stepAmend)
	case field == "plan":
		return m.goTo(stepPlan)
	case strings.HasPrefix(field, "reviewer.") || field == "date":
		i := map[string]int{"reviewer.name": 0, "reviewer.role": 1, "reviewer.profession": 2, "reviewer.registration": 3, "date": 4}[field]
		m.blurAll()
		m.step = stepSignoff
		return m.focusField(i)
	}
	return nil
}

func (m *Model) frameworkIDs() []string {
	var out []string
	for _, f := range m.rec.Frameworks {
		out = append(out, f.ID)
	}
	return out
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
		if len(m.ratingRows) > 0 {
			return m.goTo(stepRatings)
		}
		return m.goTo(stepPlan)
	case stepRatings:
		return m.goTo(stepPlan)
	case stepPlan:
		if planChoices[m.planChoice].id == record.PlanAmend {
			return m.goTo(stepAmend)
		}
		return m.goTo(stepSignoff)
	case stepAmend:
		goals, err := flow.ParsePlanText(m.amend.Value(), m.rec.Plan, m.opts.View.Set, m.frameworkIDs())
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
		if msg := record.CheckReviewDate(strings.TrimSpace(m.fields[4].Value()), m.opts.Now); msg != "" {
			m.msg = strings.ToUpper(msg[:1]) + msg[1:] + ". Write the date as YYYY-MM-DD, for example " + m.opts.Today + "."
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
	case stepRatings:
		return m.goTo(stepOverall)
	case stepPlan:
		if len(m.ratingRows) > 0 {
			return m.goTo(stepRatings)
		}
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
		Ratings:  append([]record.Rating(nil), m.ratings...),
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
		rev.AgreedPlan, _ = flow.ParsePlanText(m.amend.Value(), m.rec.Plan, m.opts.View.Set, m.frameworkIDs())
	}
	return rev
}

// Result reports how the view ended: the review when confirmed.
func (m *Model) Result() (record.Review, bool) { return m.result, m.done }
