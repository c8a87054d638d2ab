// The last reflection steps: the CPD activity (dates, hours, evidence),
// the practitioner's details and the anonymisation check.

package linemode

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

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
