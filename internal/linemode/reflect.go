// The reflection that follows the questionnaire: the steps of the
// reflection flow (internal/cpd) asked one after another as text prompts.
// The steps, their questions, help and validation are the flow's; this
// file only turns them into prompts and typed lines into changes. Goals
// and evidence are in reflect_lists.go, the check in reflect_check.go.

package linemode

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// reflection runs the steps of the reflection and plan. It reports
// whether the person confirmed the anonymisation check. Each answer is
// saved as soon as it is given.
func (m *runner) reflection() (bool, error) {
	m.println("")
	m.println("Reflection")
	m.para(cpd.PrivacyNote)
	for i := 0; ; i++ {
		// The list is read again each time: choosing a model changes it.
		steps := m.flow.Steps()
		if i >= len(steps) {
			return false, nil
		}
		st := steps[i]
		if st.Kind == cpd.KindCheck {
			return m.checkAnonymised(st)
		}
		if err := m.step(st); err != nil {
			return false, err
		}
		m.save()
	}
}

// modelIntro shows a model's introduction before its first section and,
// when the model offers it (cpd.Model.NotNow), asks whether now is a good
// time: "not now" saves and stops, and --resume comes back here.
func (m *runner) modelIntro(mdl *cpd.Model) error {
	if len(mdl.Intro) == 0 && !mdl.NotNow {
		return nil
	}
	m.heading(mdl.Title)
	for _, p := range mdl.Intro {
		m.para(p)
	}
	if !mdl.NotNow {
		return nil
	}
	for {
		s, err := m.ask("Is now a good time to write this reflection? Type yes to start, or not now to stop here and come back later.",
			"Type yes (or press Enter) to start, or not now to save everything and stop. reflect assess --resume brings you back to this reflection.")
		if err != nil {
			return err
		}
		switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
		case "", "y", "yes":
			return nil
		case "not now", "no", "n", "later":
			m.para(cpd.NotNowText)
			return errQuit
		}
		m.println("Please type yes, or not now.")
	}
}

func (m *runner) heading(s string) {
	m.println("")
	m.para(s)
}

// problemText is what to say when the flow refuses a value.
func problemText(err error) string {
	var p *cpd.Problem
	if errors.As(err, &p) {
		s := capitalise(p.Msg) + "."
		if p.Hint != "" {
			s += " " + capitalise(p.Hint) + "."
		}
		return s
	}
	return capitalise(err.Error()) + "."
}

func (m *runner) step(st cpd.Step) error {
	if st.Kind == cpd.KindIntro {
		return m.modelIntro(m.flow.Model())
	}
	m.heading(st.Title)
	switch st.Kind {
	case cpd.KindForm:
		m.para(st.Prompt)
		if st.Help != "" && st.ID == "activity" {
			m.para(st.Help)
		}
		for _, fl := range st.Fields {
			if err := m.askField(fl, st.Help); err != nil {
				return err
			}
		}
		return nil
	case cpd.KindChoice:
		return m.askChoiceStep(st)
	case cpd.KindMulti:
		return m.askMultiStep(st.Prompt, st.Help, st.Addr, st.ID == "focus")
	case cpd.KindLines:
		m.para(st.Prompt)
		if st.Help != "" {
			m.para(st.Help)
		}
		return m.askLines(st.Addr, st.Prompt+" "+st.Help)
	case cpd.KindGoals:
		return m.writeGoals(st)
	case cpd.KindEvidence:
		return m.writeEvidence(st)
	}
	return nil
}

// askField asks for one field until the flow accepts the answer. Enter
// keeps what is stored, or takes the suggestion when nothing is.
func (m *runner) askField(fl cpd.Field, stepHelp string) error {
	help := fl.Help
	if help == "" {
		help = stepHelp
	}
	switch fl.Kind {
	case cpd.KindDate:
		help = strings.TrimSpace(help + " Write the date as year-month-day, such as 2026-03-05.")
	case cpd.KindHours:
		help = strings.TrimSpace(help + " Write a number of hours, such as 1.5 for an hour and a half.")
	}
	if fl.Kind == cpd.KindLines {
		m.para(fl.Prompt)
		return m.askLines(fl.Addr, help)
	}
	for {
		def := m.flow.Get(fl.Addr)
		if def == "" {
			def = m.flow.Suggest(fl.Addr)
		}
		v, err := m.askLine(fl.Prompt, def, help)
		if err != nil {
			return err
		}
		if err := m.flow.Set(fl.Addr, v); err != nil {
			m.println(problemText(err))
			continue
		}
		m.save()
		return nil
	}
}

// askLines reads several lines for a field and stores them.
func (m *runner) askLines(addr, help string) error {
	text, keep, err := m.readText(addr, m.flow.Get(addr), false, help)
	if !keep {
		if serr := m.flow.Set(addr, text); serr != nil {
			m.println(problemText(serr))
		}
	}
	m.flow.DropDraft()
	m.save()
	return err
}

func (m *runner) askChoiceStep(st cpd.Step) error {
	m.para(st.Prompt)
	opts := m.flow.Options(st.Addr)
	cur := m.flow.Get(st.Addr)
	def := 1
	for i, o := range opts {
		line := fmt.Sprintf("%d. %s", i+1, o.Label)
		if o.Detail != "" {
			line += ": " + o.Detail
		}
		m.println(textutil.Wrap(line, m.width, "  ", "     "))
		if o.Value == cur {
			def = i + 1
		}
	}
	help := st.Help
	for {
		i, err := m.askChoice(fmt.Sprintf("Type a number (Enter for %d)", def), len(opts), def, help+" Type one number from the list.")
		if err != nil {
			return err
		}
		if err := m.flow.Set(st.Addr, opts[i-1].Value); err != nil {
			m.println(problemText(err))
			continue
		}
		return nil
	}
}

// askMultiStep lists the options with numbers and asks which apply. With
// suggest, Enter on a field holding nothing takes the flow's suggestion.
func (m *runner) askMultiStep(prompt, help, addr string, suggest bool) error {
	m.para(prompt)
	opts := m.flow.Options(addr)
	if len(opts) == 0 {
		if addr == cpd.AddrFocus {
			m.para("Nothing is below its target and nothing is flagged, so there are no development needs to choose. You can still reflect on what you would like to build on.")
		}
		return nil
	}
	have := m.flow.GetList(addr)
	if len(have) == 0 && suggest {
		have = m.flow.DefaultFocus()
	}
	var def []int
	for i, o := range opts {
		if o.Group != "" {
			m.println(o.Group + ":")
		}
		line := fmt.Sprintf("%d. %s", i+1, o.Label)
		if o.Detail != "" {
			line += " (" + o.Detail + ")"
		}
		m.println(textutil.Wrap(line, m.width, "  ", "     "))
		if slices.Contains(have, o.Value) {
			def = append(def, i+1)
		}
	}
	q := "Type the numbers that apply, such as 1 3 (Enter for none)"
	if len(def) > 0 {
		q = fmt.Sprintf("Type the numbers that apply, such as 1 3 (Enter for %s; none for none)", joinInts(def))
	}
	for {
		nums, err := m.askNumbers(q, len(opts), def, help)
		if err != nil {
			return err
		}
		var vals []string
		for _, n := range nums {
			vals = append(vals, opts[n-1].Value)
		}
		if err := m.flow.SetList(addr, vals); err != nil {
			m.println(problemText(err))
			continue
		}
		return nil
	}
}

func joinInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, strconv.Itoa(x))
	}
	return strings.Join(s, " ")
}
