// The two list steps of the reflection: the development plan (goals, each
// a form of the flow's goal fields) and the evidence.

package linemode

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

func (m *runner) writeGoals(st cpd.Step) error {
	m.para(st.Prompt)
	if plan := m.r.Plan; len(plan) > 0 {
		m.println("Your goals so far:")
		for i, g := range plan {
			m.println(textutil.Wrap(fmt.Sprintf("%d. %s (%s)", i+1, orDash(g.Objective), cpd.GoalStatusLabel(g.Status)), m.width, "  ", "     "))
		}
		keep, err := m.askYesNo("Keep these goals? (yes, or no to write them again)", true)
		if err != nil {
			return err
		}
		if !keep {
			for _, g := range plan {
				m.flow.DeleteGoal(g.ID)
			}
			m.save()
		}
	}
	for {
		add := len(m.r.Plan) == 0
		if !add {
			var err error
			if add, err = m.askYesNo("Add another goal? (yes or no)", false); err != nil {
				return err
			}
		}
		if !add {
			return nil
		}
		done, err := m.writeGoal(len(m.r.Plan) + 1)
		if err != nil || done {
			return err
		}
	}
}

// writeGoal adds a goal and asks its fields. done is true when the person
// gave no objective (no goal is added).
func (m *runner) writeGoal(n int) (done bool, err error) {
	id, err := m.flow.AddGoal()
	if err != nil {
		return true, err
	}
	m.println("")
	m.printf("Goal %d\n", n)
	for _, fl := range m.flow.GoalFields(id) {
		name := fl.Addr[strings.LastIndex(fl.Addr, ".")+1:]
		switch name {
		case "objective":
			v, err := m.askLine(fl.Prompt+", or press Enter on its own to add no goal.", "", "A goal says what you will be able to do, such as: lead a collaborative safety plan with confidence.")
			if err == nil && strings.TrimSpace(v) == "" {
				m.flow.DeleteGoal(id)
				return true, nil
			}
			if err == nil {
				err = m.flow.Set(fl.Addr, v)
			}
			if err != nil {
				m.flow.DeleteGoal(id)
				return true, err
			}
			m.save()
		case "competences":
			if err := m.askGoalCodes(fl); err != nil {
				return true, err
			}
		case "activities":
			m.para(fl.Prompt)
			if err := m.askLines(fl.Addr, fl.Help); err != nil {
				return true, err
			}
		case "resources":
			if len(m.flow.Options(fl.Addr)) > 0 {
				if err := m.askMultiStep(fl.Prompt+":", "Tick any you plan to use.", fl.Addr, false); err != nil {
					return true, err
				}
			}
		case "status":
			opts := m.flow.Options(fl.Addr)
			var names []string
			for i, o := range opts {
				names = append(names, fmt.Sprintf("%d %s", i+1, o.Label))
			}
			m.println("Status: " + strings.Join(names, ", "))
			i, err := m.askChoice("Status number (Enter for 1, planned)", len(opts), 1, "")
			if err != nil {
				return true, err
			}
			m.flow.Set(fl.Addr, opts[i-1].Value)
		default:
			help := fl.Help
			if fl.Kind == cpd.KindDate {
				help = "Write the date as year-month-day, such as " + m.opts.Now().AddDate(0, 6, 0).Format(cpd.DateLayout) + ", or press Enter to leave it open."
			}
			prompt := fl.Prompt
			if fl.Kind == cpd.KindDate {
				prompt += ", such as " + m.opts.Now().AddDate(0, 6, 0).Format(cpd.DateLayout) + ", or Enter to leave it open"
			}
			for {
				v, err := m.askLine(prompt, m.flow.Get(fl.Addr), help)
				if err != nil {
					return true, err
				}
				if err := m.flow.Set(fl.Addr, v); err != nil {
					m.println(problemText(err))
					continue
				}
				if n := m.flow.Note(fl.Addr); n != "" {
					m.para(n)
				}
				break
			}
		}
		m.save()
	}
	return false, nil
}

// askGoalCodes lists the development needs by number and asks which a
// goal develops, by number or code. A new goal has none ticked.
func (m *runner) askGoalCodes(fl cpd.Field) error {
	opts := m.flow.Options(fl.Addr)
	if len(opts) > 0 {
		m.println("Your development needs:")
		for i, o := range opts {
			m.println(textutil.Wrap(fmt.Sprintf("%d. %s", i+1, o.Label), m.width, "  ", "     "))
		}
	}
	help := "Type the numbers of needs from the list, or competence codes, separated by spaces. Press Enter for none."
	for {
		s, err := m.ask(fl.Prompt+" Type numbers or codes (Enter for none)", help)
		if err != nil {
			return err
		}
		var codes []string
		bad := ""
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
			if nums, perr := parseNumbers(w, len(opts)); perr == nil && len(opts) > 0 {
				for _, n := range nums {
					codes = append(codes, opts[n-1].Value)
				}
				continue
			} else if strings.Trim(w, "0123456789-") == "" {
				bad = fmt.Sprintf("%s is not in the list; type numbers from 1 to %d, or codes.", w, len(opts))
				break
			}
			codes = append(codes, w)
		}
		if bad != "" {
			m.println(bad)
			continue
		}
		if err := m.flow.SetList(fl.Addr, codes); err != nil {
			m.println(problemText(err) + m.suggestCode(firstBad(err)))
			continue
		}
		return nil
	}
}

// firstBad pulls the code out of a refused code.
func firstBad(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, " is not"); i > 0 {
		return msg[:i]
	}
	return ""
}

func (m *runner) writeEvidence(st cpd.Step) error {
	m.para(st.Prompt)
	m.para(st.Help)
	if ev := m.r.Activity.Evidence; len(ev) > 0 {
		m.println("Evidence so far:")
		for i, e := range ev {
			m.printf("  %d. %s\n", i+1, evidenceLine(e))
		}
		keep, err := m.askYesNo("Keep it? (yes, or no to remove it)", true)
		if err != nil {
			return err
		}
		if !keep {
			for len(m.r.Activity.Evidence) > 0 {
				m.flow.RemoveEvidence(1)
			}
			m.save()
		}
	}
	help := "Type the path of a file, such as Documents/certificate.pdf, or describe the evidence in words. Press Enter on its own when you have no more."
	for {
		p, err := m.askLine("Path of an evidence file, a few words describing it, or Enter when you have no more", "", help)
		if err != nil || p == "" {
			return err
		}
		var ev record.Evidence
		if looksLikePath(p) {
			ev, err = m.opts.HashFile(p)
			if err != nil {
				m.printf("Cannot read that file: %v\n", err)
				continue
			}
			if ev.Description, err = m.askLine("What is it? (one line, optional)", "", "Say in a few words what the file is, such as Certificate from the safety-planning workshop."); err != nil {
				return err
			}
		} else {
			ev.Description = p
		}
		if err := m.flow.AddEvidence(ev); err != nil {
			m.println(problemText(err))
			continue
		}
		m.save()
		m.printf("Recorded %s.\n", evidenceLine(ev))
	}
}

// looksLikePath tells a file path from a description: a path has a
// folder separator or a file extension and no spaces between words.
func looksLikePath(s string) bool {
	if strings.ContainsAny(s, `/\`) {
		return true
	}
	if strings.Contains(strings.TrimSpace(s), " ") {
		return false
	}
	i := strings.LastIndex(s, ".")
	return i > 0 && i < len(s)-1
}

func evidenceLine(e record.Evidence) string {
	s := e.File
	if e.Size > 0 || e.SHA256 != "" {
		s += fmt.Sprintf(" (%d bytes, SHA-256 starting %.12s)", e.Size, e.SHA256)
	}
	if e.Description != "" {
		if s != "" {
			s += ": "
		}
		s += e.Description
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "no objective yet"
	}
	return s
}
