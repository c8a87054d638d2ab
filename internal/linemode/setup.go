package linemode

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// setup asks for the framework(s) and scope when none were given, then
// starts the assessment through Options.Start.
func (m *runner) setup() error {
	scopes := m.opts.Scopes
	if len(scopes) == 0 {
		m.println("reflect: self-assessment (line mode)")
		m.println("")
		m.para("Before you start: this self-assessment is about working with people who self-harm or are suicidal. Some statements may bring difficult experiences to mind.")
		m.println("")
		m.println(supportText)
		var err error
		if scopes, err = m.chooseScopes(); err != nil {
			return err
		}
	}
	s, r, err := m.opts.Start(scopes)
	if err != nil {
		return err
	}
	m.s, m.r = s, r
	m.opts.Session, m.opts.Record = s, r
	m.introShown = len(m.opts.Scopes) == 0
	return nil
}

func (m *runner) chooseScopes() ([]assessment.Scope, error) {
	fws := m.opts.Set.Frameworks()
	if len(fws) == 0 {
		return nil, fmt.Errorf("no frameworks are available; pass one with --framework FILE")
	}
	chosen := fws
	if len(fws) > 1 {
		m.heading("Which framework do you want to assess yourself against?")
		for i, f := range fws {
			_, _, n := f.Count()
			m.println(textutil.Wrap(fmt.Sprintf("%d. %s: %s (%d statements)", i+1, f.ShortTitle, f.Population, n), m.width, "  ", "     "))
		}
		help := "Type the number of the framework for the people you work with. If you work across populations, type several numbers, such as 1 2: a competence the frameworks share is asked once."
		nums, err := m.askNumbers("Type its number. If you work across populations, type several, such as 1 2; shared competences are asked once.", len(fws), nil, help)
		if err != nil {
			return nil, err
		}
		for len(nums) == 0 {
			if nums, err = m.askNumbers("Please choose at least one framework.", len(fws), nil, help); err != nil {
				return nil, err
			}
		}
		chosen = nil
		for _, i := range nums {
			chosen = append(chosen, fws[i-1])
		}
	} else {
		m.heading("Framework: " + fws[0].Title)
	}
	var scopes []assessment.Scope
	for _, f := range chosen {
		sc, err := m.chooseScope(f)
		if err != nil {
			return nil, err
		}
		scopes = append(scopes, sc)
	}
	return scopes, nil
}

func (m *runner) chooseScope(f *framework.Framework) (assessment.Scope, error) {
	m.heading(fmt.Sprintf("%s: which role profile fits you best? A profile chooses the areas that apply and a target level for each.", f.ShortTitle))
	n := 0
	for i, p := range f.Profiles {
		m.println(textutil.Wrap(fmt.Sprintf("%d. %s (%d areas)", i+1, p.Title, len(p.Targets.Keys)), m.width, "  ", "     "))
		n++
	}
	_, areas, comps := f.Count()
	all := n + 1
	pick := n + 2
	m.printf("  %d. All areas (%d areas, %d statements)\n", all, areas, comps)
	m.printf("  %d. Choose the areas yourself\n", pick)
	c, err := m.askChoice("Type a number", pick, 0, "A role profile is reflect's suggestion of the areas that apply to a role, with a target level for each; it is not an official one. Or assess every area, or choose the areas yourself. Type one number from the list.")
	if err != nil {
		return assessment.Scope{}, err
	}
	switch {
	case c <= n:
		return assessment.Scope{Framework: f.ID, Profile: f.Profiles[c-1].ID}, nil
	case c == all:
		return assessment.Scope{Framework: f.ID}, nil
	}
	list := f.Areas()
	for i, a := range list {
		m.println(textutil.Wrap(fmt.Sprintf("%d. %s %s (%d)", i+1, a.Code, a.Title, len(a.Competences)), m.width, "  ", "     "))
	}
	var nums []int
	for len(nums) == 0 {
		if nums, err = m.askNumbers("Type the numbers of the areas that apply to you, such as 1 2 5 or 3-6", len(list), nil, ""); err != nil {
			return assessment.Scope{}, err
		}
	}
	sc := assessment.Scope{Framework: f.ID}
	for _, i := range nums {
		sc.Areas = append(sc.Areas, list[i-1].Code)
	}
	m.printf("Chosen: %s\n", strings.Join(sc.Areas, ", "))
	return sc, nil
}
