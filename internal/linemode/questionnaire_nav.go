// Moving around the questionnaire: goto, areas, area and search.

package linemode

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/textutil"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

func (m *runner) gotoCmd(arg string) {
	if arg == "" {
		m.println("Type goto and a statement code (such as " + m.s.Plan.Items[0].Code() + ") or a statement number.")
		return
	}
	if n, err := strconv.Atoi(arg); err == nil {
		if n < 1 || n > m.s.Len() {
			m.printf("There are %d statements; type a number from 1 to %d.\n", m.s.Len(), m.s.Len())
			return
		}
		m.s.Goto(n - 1)
		m.showItem(false)
		return
	}
	if m.s.GotoCode(strings.ToUpper(arg)) || m.s.GotoCode(arg) {
		m.showItem(false)
		return
	}
	if _, ok := m.s.Plan.AreaRef(strings.ToUpper(arg)); ok {
		m.areaCmd(arg)
		return
	}
	m.printf("No statement in this assessment has the code %q.%s\n", arg, m.suggestCode(arg))
}

func (m *runner) suggestCode(arg string) string {
	var codes []string
	for _, it := range m.s.Plan.Items {
		codes = append(codes, it.Code())
	}
	for _, ar := range m.s.Plan.Areas {
		codes = append(codes, ar.Area.Code)
	}
	if s := yamlx.Suggest(strings.ToUpper(arg), codes); s != "" {
		return " Did you mean " + s + "?"
	}
	return " Type areas to list the areas, or search to find a statement."
}

func (m *runner) listAreas() {
	m.println("Areas in this assessment:")
	for i, ar := range m.s.Plan.Areas {
		answered, total := 0, 0
		for _, it := range m.s.Plan.Items {
			if it.Competence.Area == ar.Area {
				total++
				if m.s.Answer(it.Code()).Answered() {
					answered++
				}
			}
		}
		extra := ""
		if total == 0 {
			extra = " (asked in another framework's area)"
		}
		m.println(textutil.Wrap(fmt.Sprintf("%d. %s %s: %d of %d answered%s", i+1, ar.Area.Code, ar.Area.Title, answered, total, extra), m.width, "  ", "     "))
	}
	m.println("Type area and a number or code to go there.")
}

func (m *runner) areaCmd(arg string) {
	if arg == "" {
		m.listAreas()
		return
	}
	var ref *assessment.AreaRef
	if n, err := strconv.Atoi(arg); err == nil {
		if n >= 1 && n <= len(m.s.Plan.Areas) {
			ref = &m.s.Plan.Areas[n-1]
		}
	} else if r, ok := m.s.Plan.AreaRef(strings.ToUpper(arg)); ok {
		ref = &r
	}
	if ref == nil {
		m.printf("There is no area %q here. Type areas to list them.\n", arg)
		return
	}
	i := m.s.Plan.FirstItemOfArea(ref.Area.Code)
	if i < 0 {
		m.printf("Every statement of %s is asked with the matching statements of another framework.\n", ref.Area.Code)
		return
	}
	m.s.Goto(i)
	m.showItem(false)
}

func (m *runner) search(q string) {
	if q == "" {
		m.println("Type search and some words, for example: search safety plan")
		return
	}
	hits := m.s.Search(q)
	if len(hits) == 0 {
		m.printf("No statement contains %q.\n", q)
		return
	}
	m.printf("%d found:\n", len(hits))
	for i, h := range hits {
		if i == 20 {
			m.printf("  and %d more; add words to narrow the search.\n", len(hits)-20)
			break
		}
		it := m.s.Plan.Items[h]
		m.println(textutil.Wrap(fmt.Sprintf("%d. %s %s", h+1, it.Code(), it.Competence.Statement), m.width, "  ", "     "))
	}
	m.println("Type goto and a number to go to one.")
}
