package linemode

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/framework"
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

func (m *runner) writeGoals() error {
	m.heading("Your development plan")
	m.para("Set one or more SMART goals: specific, measurable, achievable, relevant and time-bound.")
	if len(m.r.Plan) > 0 {
		m.println("Your goals so far:")
		for i, g := range m.r.Plan {
			m.println(textutil.Wrap(fmt.Sprintf("%d. %s (%s)", i+1, g.Objective, orDash(g.Status)), m.width, "  ", "     "))
		}
		keep, err := m.askYesNo("Keep these goals? (yes, or no to write them again)", true)
		if err != nil {
			return err
		}
		if !keep {
			m.r.Plan = nil
		}
	}
	for {
		add := len(m.r.Plan) == 0
		if !add {
			var err error
			add, err = m.askYesNo("Add another goal? (yes/no)", false)
			if err != nil {
				return err
			}
		} else {
			m.println("")
		}
		if !add {
			return nil
		}
		g, err := m.writeGoal(len(m.r.Plan) + 1)
		if g.Objective != "" {
			m.r.Plan = append(m.r.Plan, g)
			m.save()
		}
		if err != nil {
			return err
		}
		if g.Objective == "" {
			return nil
		}
	}
}

func (m *runner) writeGoal(n int) (record.Goal, error) {
	g := record.Goal{ID: fmt.Sprintf("g%d", n), Status: record.GoalPlanned}
	m.printf("Goal %d\n", n)
	obj, err := m.askLine("What do you want to achieve? (one line; Enter on its own to skip adding a goal)", "")
	if err != nil || obj == "" {
		return g, err
	}
	g.Objective = obj
	codes, err := m.askCodes(m.r.Reflection.Focus)
	g.Competences = codes
	if err != nil {
		return g, err
	}
	m.println("What will you do to get there? For example: a course, reading, shadowing a colleague, discussing cases in supervision.")
	acts, _, err := m.readText("", false)
	for _, l := range strings.Split(acts, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(l, "-* ")); l != "" {
			g.Activities = append(g.Activities, l)
		}
	}
	if err != nil {
		return g, err
	}
	if res := m.resourcesFor(g.Competences); len(res) > 0 {
		m.println("Learning resources for these areas:")
		for i, r := range res {
			line := fmt.Sprintf("%d. %s (%s, %s)", i+1, r.Title, r.Provider, r.Cost)
			if r.URL != "" {
				line += " " + r.URL
			}
			m.println(textutil.Wrap(line, m.width, "  ", "     "))
		}
		nums, err := m.askNumbers("Type the numbers of any you plan to use [Enter for none]", len(res), nil)
		if err != nil {
			return g, err
		}
		for _, i := range nums {
			g.Resources = append(g.Resources, res[i-1].ID)
		}
	}
	for {
		d, err := m.askLine("Target date, as YYYY-MM-DD (for example "+m.opts.Now().AddDate(0, 6, 0).Format("2006-01-02")+"), or Enter to leave it open", "")
		if err != nil {
			return g, err
		}
		if d == "" {
			break
		}
		if _, perr := time.Parse("2006-01-02", d); perr != nil {
			m.println("Please write the date as year-month-day, such as 2026-09-30.")
			continue
		}
		g.TargetDate = d
		break
	}
	g.SuccessMeasure, err = m.askLine("How will you know you have achieved it? (one line)", "")
	if err != nil {
		return g, err
	}
	statuses := []string{record.GoalPlanned, record.GoalInProgress, record.GoalAchieved, record.GoalDropped}
	m.println("Status: 1 planned, 2 in progress, 3 achieved, 4 dropped")
	i, err := m.askChoice("Status number [Enter for 1, planned]", len(statuses), 1)
	if err != nil {
		return g, err
	}
	g.Status = statuses[i-1]
	return g, nil
}

// askCodes asks which competences a goal is linked to.
func (m *runner) askCodes(def []string) ([]string, error) {
	for {
		prompt := "Which competences does this goal develop? Type codes separated by spaces"
		if len(def) > 0 {
			prompt += " [Enter for " + strings.Join(def, " ") + "]"
		}
		s, err := m.askLine(prompt, "")
		if err != nil {
			return nil, err
		}
		if s == "" {
			return def, nil
		}
		var out, bad []string
		for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
			c = strings.ToUpper(c)
			if m.s.Plan.Set.Competence(c) == nil {
				bad = append(bad, c)
				continue
			}
			out = append(out, c)
		}
		if len(bad) == 0 {
			return out, nil
		}
		m.printf("Not a competence code: %s.%s\n", strings.Join(bad, ", "), m.suggestCode(bad[0]))
	}
}

// resourcesFor lists the catalogue's resources for the areas of codes.
func (m *runner) resourcesFor(codes []string) []*framework.Resource {
	seen := map[string]bool{}
	seenArea := map[string]bool{}
	var out []*framework.Resource
	for _, c := range codes {
		comp := m.s.Plan.Set.Competence(c)
		f := m.s.Plan.Set.Owner(c)
		if comp == nil || f == nil || comp.Area == nil || seenArea[comp.Area.Code] {
			continue
		}
		seenArea[comp.Area.Code] = true
		for _, r := range f.ResourcesFor(comp.Area.Code) {
			if !seen[f.ID+"/"+r.ID] {
				seen[f.ID+"/"+r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out
}

func (m *runner) writeActivity() error {
	a := &m.r.Activity
	m.heading("The CPD activity")
	if a.Title == "" {
		var names []string
		for _, f := range m.s.Plan.Scopes {
			if fw := m.s.Plan.Set.Get(f.Framework); fw != nil {
				names = append(names, fw.ShortTitle)
			}
		}
		a.Title = "Self-assessment and reflection: self-harm and suicide prevention competences (" + strings.Join(names, ", ") + ")"
	}
	var err error
	if a.Title, err = m.askLine("Title of the activity", a.Title); err != nil {
		return err
	}
	today := m.opts.Now().Format("2006-01-02")
	if a.StartDate == "" {
		a.StartDate = today
	}
	if a.StartDate, err = m.askDate("Date of the activity (YYYY-MM-DD)", a.StartDate); err != nil {
		return err
	}
	if a.EndDate == "" {
		a.EndDate = a.StartDate
	}
	if a.EndDate, err = m.askDate("Date it ended (YYYY-MM-DD)", a.EndDate); err != nil {
		return err
	}
	if a.Method, err = m.askLine("Type of CPD (method)", a.Method); err != nil {
		return err
	}
	if a.Hours, err = m.askHours("How many hours did it take, including this reflection? (such as 1.5)", a.Hours, -1); err != nil {
		return err
	}
	m.para("Participatory hours are learning with other people, such as discussing this record with your supervisor or a group (the NMC asks for 20 of your 35 hours over three years to be participatory). Time on your own is not participatory.")
	if a.ParticipatoryHours, err = m.askHours("How many of those hours were participatory?", a.ParticipatoryHours, a.Hours); err != nil {
		return err
	}
	m.save()
	return m.writeEvidence()
}

func (m *runner) askDate(prompt, def string) (string, error) {
	for {
		d, err := m.askLine(prompt, def)
		if err != nil || d == "" {
			return d, err
		}
		if _, perr := time.Parse("2006-01-02", d); perr == nil {
			return d, nil
		}
		m.println("Please write the date as year-month-day, such as 2026-03-05.")
	}
}

func (m *runner) askHours(prompt string, def, most float64) (float64, error) {
	ds := ""
	if def > 0 {
		ds = strconv.FormatFloat(def, 'f', -1, 64)
	}
	for {
		s, err := m.askLine(prompt, ds)
		if err != nil {
			return 0, err
		}
		if s == "" {
			return 0, nil
		}
		h, perr := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "h"), 64)
		switch {
		case perr != nil || h < 0 || h > 10000 || h != h:
			m.println("Please type a number of hours, such as 1.5.")
		case most >= 0 && h > most:
			m.printf("That is more than the %s hours of the whole activity.\n", strconv.FormatFloat(most, 'f', -1, 64))
		default:
			return h, nil
		}
	}
}

func (m *runner) writeEvidence() error {
	a := &m.r.Activity
	m.heading("Evidence (optional)")
	m.para("You can refer to evidence such as a certificate or your notes. Type the path of a file: reflect records its name, size and a SHA-256 fingerprint so it can be matched later. The file itself is not copied and stays where it is.")
	if len(a.Evidence) > 0 {
		m.println("Evidence so far:")
		for i, e := range a.Evidence {
			m.printf("  %d. %s\n", i+1, evidenceLine(e))
		}
		keep, err := m.askYesNo("Keep it? (yes, or no to remove it)", true)
		if err != nil {
			return err
		}
		if !keep {
			a.Evidence = nil
		}
	}
	for {
		p, err := m.askLine("Path of an evidence file, or Enter when you have no more", "")
		if err != nil || p == "" {
			return err
		}
		ev, herr := m.opts.HashFile(p)
		if herr != nil {
			m.printf("Cannot read that file: %v\n", herr)
			continue
		}
		if ev.Description, err = m.askLine("What is it? (one line, optional)", ""); err != nil {
			return err
		}
		a.Evidence = append(a.Evidence, ev)
		m.save()
		m.printf("Recorded %s.\n", evidenceLine(ev))
	}
}

func evidenceLine(e record.Evidence) string {
	s := e.File
	if e.Size > 0 || e.SHA256 != "" {
		s += fmt.Sprintf(" (%d bytes, SHA-256 %.12s...)", e.Size, e.SHA256)
	}
	if e.Description != "" {
		s += ": " + e.Description
	}
	return s
}

func (m *runner) writeDetails() error {
	p := &m.r.Practitioner
	m.heading("Your details for the record (all optional)")
	var err error
	for _, f := range []struct {
		prompt string
		v      *string
	}{
		{"Your name", &p.Name},
		{"Your profession (such as mental health nurse, paramedic, social worker)", &p.Profession},
		{"Your regulator (such as NMC, GMC, HCPC, Social Work England), if any", &p.Regulator},
		{"Your registration number, if any", &p.Registration},
	} {
		if *f.v, err = m.askLine(f.prompt, *f.v); err != nil {
			return err
		}
	}
	return nil
}

// checkAnonymised runs the local identifier check over everything the
// person wrote and asks them to confirm the record identifies nobody.
func (m *runner) checkAnonymised() (bool, error) {
	m.heading("Checking that the record identifies nobody")
	findings := anonymise.Check(anonymise.RecordFields(m.r))
	if len(findings) == 0 {
		m.para("The check found nothing that looks like a name with a title, an NHS number, a date of birth, a postcode, a phone number, an e-mail address or a ward or bed. It cannot catch everything, so please read your record through before you share it.")
	} else {
		m.printf("The check found %d thing(s) that could identify someone:\n", len(findings))
		for _, f := range findings {
			m.println(textutil.Wrap(fmt.Sprintf("- in %s: %q looks like %s", f.Field, f.Excerpt, anonymise.Describe(f.Kind)), m.width, "  ", "    "))
		}
		m.para("If any of these could identify a patient, service user, family member or colleague, answer no, then change them: run reflect assess --resume " + m.r.ID + " and type done to go through your reflection again (notes are changed with the note command).")
	}
	m.r.Anonymisation = record.Anonymisation{Checked: true, Findings: len(findings), At: m.opts.Now().UTC()}
	ok, err := m.askYesNo("Do you confirm that this record does not identify any patient, service user, family member or colleague? (yes/no)", false)
	if err != nil {
		m.save()
		if errors.Is(err, errEOF) || errors.Is(err, errQuit) {
			return false, err
		}
		return false, err
	}
	m.r.Anonymisation.Confirmed = ok
	if ok {
		m.r.Status = record.StatusComplete
	}
	m.save()
	return ok, nil
}

func joinInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, strconv.Itoa(x))
	}
	return strings.Join(s, " ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
