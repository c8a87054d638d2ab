package linemode

import (
	"fmt"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// checkAnonymised runs the local identifier check over everything the
// person wrote (the flow's one list of free-text fields) and asks them to
// confirm the record identifies nobody.
func (m *runner) checkAnonymised(st cpd.Step) (bool, error) {
	m.heading(st.Prompt)
	findings := m.flow.Check()
	m.save()
	if len(findings) == 0 {
		m.para("The check found nothing that looks like a name with a title, an NHS number, a date of birth, a postcode, a phone number, an e-mail address or a ward or bed. It cannot catch everything, so please read your record through before you share it.")
	} else {
		what := "1 thing that could identify someone"
		if len(findings) > 1 {
			what = fmt.Sprintf("%d things that could identify someone", len(findings))
		}
		m.printf("The check found %s:\n", what)
		for i, f := range findings {
			m.println(textutil.Wrap(fmt.Sprintf("%d. In %s: %q looks like %s.", i+1, f.Field, f.Excerpt, anonymise.Describe(f.Kind)), m.width, "  ", "     "))
		}
		m.para("If any of these could identify a patient, service user, family member or colleague, answer no, then change them: run reflect assess --resume " + m.r.ID + " and type done to go through your reflection again (notes are changed with the note command).")
	}
	ok, err := m.askYesNo("Do you confirm that this record does not identify any patient, service user, family member or colleague? (yes or no)", false)
	if err != nil {
		m.save()
		return false, err
	}
	if ok {
		m.flow.Confirm()
	}
	m.save()
	return ok, nil
}
