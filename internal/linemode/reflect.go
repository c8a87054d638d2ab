// The reflection that follows the questionnaire: the reflection model,
// focus, written sections, benefit and standards. The plan is in
// reflect_plan.go, the activity and final checks in reflect_activity.go.

package linemode

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// reflection runs the reflection, plan, activity, details and the
// anonymisation check. It reports whether the record was confirmed and
// marked complete. Each step is saved as soon as it is answered.
func (m *runner) reflection() (bool, error) {
	m.println("")
	m.println("Reflection")
	m.para(record.PrivacyNote)
	steps := []func() error{m.chooseModel, m.chooseFocus, m.writeSections, m.writeBenefit, m.chooseStandards, m.writeGoals, m.writeActivity, m.writeDetails}
	for _, step := range steps {
		if err := step(); err != nil {
			return false, err
		}
		m.save()
	}
	return m.checkAnonymised()
}

func (m *runner) heading(s string) {
	m.println("")
	m.para(s)
}

func (m *runner) chooseModel() error {
	m.heading("Choose a way to structure your reflection:")
	def := 1
	for i, mod := range record.ReflectionModels {
		m.printf("  %d %s\n", i+1, mod.Title)
		if mod.ID == m.r.Reflection.Model {
			def = i + 1
		}
	}
	i, err := m.askChoice(fmt.Sprintf("Model number [Enter for %d]", def), len(record.ReflectionModels), def)
	if err != nil {
		return err
	}
	mod := record.ReflectionModels[i-1]
	if mod.ID != m.r.Reflection.Model {
		// Keep the text of sections the new model shares.
		old := map[string]string{}
		for _, s := range m.r.Reflection.Sections {
			old[s.Key] = s.Text
		}
		var secs []record.ReflectionSection
		for _, p := range mod.Prompts {
			secs = append(secs, record.ReflectionSection{Key: p.Key, Prompt: p.Question, Text: old[p.Key]})
		}
		m.r.Reflection.Model = mod.ID
		m.r.Reflection.Sections = secs
	}
	return nil
}

func (m *runner) chooseFocus() error {
	needs := m.s.Score().Needs
	m.heading("Which development needs will you focus on?")
	if len(needs) == 0 {
		m.para("Nothing is below its target and nothing is flagged, so there are no development needs to choose. You can still reflect on what you would like to build on.")
		return nil
	}
	var def []int
	chosen := map[string]bool{}
	for _, c := range m.r.Reflection.Focus {
		chosen[c] = true
	}
	for i, n := range needs {
		m.println(textutil.Wrap(fmt.Sprintf("%d. %s %s (%s)", i+1, n.Code, n.Statement, needWhy(n, m.s.Plan.Scale())), m.width, "  ", "     "))
		if chosen[n.Code] {
			def = append(def, i+1)
		}
	}
	if len(def) == 0 {
		for i := 0; i < len(needs) && i < 3; i++ {
			def = append(def, i+1)
		}
	}
	nums, err := m.askNumbers(fmt.Sprintf("Type the numbers of the needs to focus on, such as 1 3 [Enter for %s]", joinInts(def)), len(needs), def)
	if err != nil {
		return err
	}
	m.r.Reflection.Focus = []string{}
	for _, i := range nums {
		m.r.Reflection.Focus = append(m.r.Reflection.Focus, needs[i-1].Code)
	}
	return nil
}

func (m *runner) writeSections() error {
	mod := record.Model(m.r.Reflection.Model)
	if mod == nil {
		return nil
	}
	for i, p := range mod.Prompts {
		m.heading(fmt.Sprintf("%s (%d of %d)", p.Title, i+1, len(mod.Prompts)))
		m.para(p.Question)
		if p.Help != "" {
			m.para(p.Help)
		}
		sec := &m.r.Reflection.Sections[i]
		text, keep, err := m.readText(sec.Text, false)
		if !keep {
			sec.Text = text
		}
		sec.Prompt = p.Question
		m.save()
		if err != nil {
			return err
		}
	}
	return nil
}

func (m *runner) writeBenefit() error {
	m.heading("Benefit to the people you support")
	m.para("How will what you learn benefit the people you support, their families and carers? (HCPC asks for this in standard 4; it helps every portfolio.)")
	text, keep, err := m.readText(m.r.Benefit, false)
	if !keep {
		m.r.Benefit = text
	}
	return err
}

func (m *runner) chooseStandards() error {
	m.heading("Which professional standards does this link to?")
	chosen := map[string]bool{}
	for _, s := range m.r.Standards {
		chosen[s.Scheme+"/"+s.ID] = true
	}
	var def []int
	scheme := ""
	for i, s := range record.Standards {
		if s.Scheme != scheme {
			scheme = s.Scheme
			m.println(record.SchemeTitles[scheme] + ":")
		}
		m.println(textutil.Wrap(fmt.Sprintf("%d. %s", i+1, s.Label), m.width, "  ", "     "))
		if chosen[s.Scheme+"/"+s.ID] {
			def = append(def, i+1)
		}
	}
	prompt := "Type the numbers that apply, such as 1 3 [Enter for none]"
	if len(def) > 0 {
		prompt = fmt.Sprintf("Type the numbers that apply, such as 1 3 [Enter keeps %s; none for none]", joinInts(def))
	}
	nums, err := m.askNumbers(prompt, len(record.Standards), def)
	if err != nil {
		return err
	}
	m.r.Standards = nil
	for _, i := range nums {
		s := record.Standards[i-1]
		m.r.Standards = append(m.r.Standards, record.StandardRef{Scheme: s.Scheme, ID: s.ID, Label: s.Label})
	}
	return nil
}

func joinInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, strconv.Itoa(x))
	}
	return strings.Join(s, " ")
}
