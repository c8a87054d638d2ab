// Showing and answering the current statement: the item, the rating
// scale, not applicable with a reason, and notes.

package linemode

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// showItem prints the current statement. full also prints the scale.
// The position is saved quietly, so that a resume starts here.
func (m *runner) showItem(full bool) {
	if m.r.Position != m.s.Current().Code() {
		m.save()
	}
	it := m.s.Current()
	c := it.Competence
	a, _ := m.s.Progress()
	m.println("")
	m.para(fmt.Sprintf("Statement %d of %d (%d answered). %s framework; domain: %s; area: %s.", m.s.Cursor+1, m.s.Len(), a, it.Framework.ShortTitle, c.Area.Domain.Title, c.Area.Title))
	m.printf("%s, %s\n", c.Code, c.Kind)
	m.println(textutil.Wrap(c.Statement, m.width, "", ""))
	var walk func(items []*framework.Item, depth int)
	walk = func(items []*framework.Item, depth int) {
		for _, x := range items {
			ind := strings.Repeat("  ", depth)
			m.println(textutil.Wrap(x.Text, m.width, ind+"- ", ind+"  "))
			walk(x.Items, depth+1)
		}
	}
	walk(c.Items, 1)
	if len(it.Also) > 0 {
		var codes []string
		for _, o := range it.Also {
			codes = append(codes, o.Code)
		}
		m.printf("This also answers %s (the same competence in another framework).\n", strings.Join(codes, ", "))
		for _, o := range it.Also {
			if o.Statement == c.Statement {
				continue
			}
			name := o.Code
			if f := m.s.Plan.Set.Owner(o.Code); f != nil {
				name = f.ShortTitle + " framework, " + o.Code
			}
			m.println(textutil.Wrap(name+", words it: "+o.Statement, m.width, "  ", "  "))
		}
	}
	m.println(m.answerLine(c.Code))
	if full && !m.scaleShown {
		m.printScale()
		return
	}
	if full {
		m.println(m.scaleLine())
	}
}

func (m *runner) scaleLine() string {
	sc := m.s.Plan.Scale()
	var parts []string
	for _, l := range sc.Levels {
		parts = append(parts, fmt.Sprintf("%d %s", l.Value, l.Label))
	}
	return "Rate " + strings.Join(parts, ", ") + ", or n for not applicable."
}

func (m *runner) answerLine(code string) string {
	a := m.s.Answer(code)
	sc := m.s.Plan.Scale()
	var parts []string
	switch {
	case a.Rating > 0:
		l := sc.Level(a.Rating)
		parts = append(parts, fmt.Sprintf("your answer: %d %s", a.Rating, l.Label))
	case a.NA:
		label := a.NAReason
		if r := sc.NAReason(a.NAReason); r != nil {
			label = r.Label
		}
		parts = append(parts, "your answer: not applicable ("+strings.ToLower(label)+")")
	default:
		parts = append(parts, "not answered yet")
	}
	if a.Flag {
		parts = append(parts, "flagged as a development priority")
	}
	if a.Note != "" {
		parts = append(parts, "note: "+oneLine(a.Note, 60))
	}
	return capitalise(strings.Join(parts, "; ")) + "."
}

func (m *runner) notApplicable(code, arg string) error {
	sc := m.s.Plan.Scale()
	reasons := sc.NAReasons()
	for {
		if arg == "" {
			m.println("Why does this not apply?")
			for i, r := range reasons {
				m.printf("  %d %s\n", i+1, r.Label)
			}
			in, err := m.ask("Reason number (or cancel):", "Type the number of the reason this statement does not apply, or cancel to leave the answer as it is.")
			if err != nil {
				return err
			}
			if in == "" || strings.EqualFold(in, "cancel") {
				m.println("Not changed.")
				return nil
			}
			arg = in
		}
		r := matchReason(reasons, arg)
		if r == nil {
			m.printf("%q is not one of the reasons.\n", arg)
			arg = ""
			continue
		}
		if err := m.s.SetNA(code, r.ID); err != nil {
			m.println(capitalise(err.Error()) + ".")
			return nil
		}
		m.advance(fmt.Sprintf("Saved: not applicable (%s).", strings.ToLower(r.Label)))
		return nil
	}
}

// matchReason finds a reason by number, id, id prefix or a word of its label.
func matchReason(reasons []*framework.NAReason, s string) *framework.NAReason {
	s = strings.ToLower(strings.TrimSpace(s))
	if i, err := strconv.Atoi(s); err == nil {
		if i >= 1 && i <= len(reasons) {
			return reasons[i-1]
		}
		return nil
	}
	var found []*framework.NAReason
	for _, r := range reasons {
		if r.ID == s {
			return r
		}
		if strings.HasPrefix(r.ID, s) || strings.Contains(strings.ToLower(r.Label), s) {
			found = append(found, r)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return nil
}

func (m *runner) note(code, arg string) error {
	if arg != "" {
		if arg == "-" {
			arg = ""
		}
		m.flow.Set(cpd.NoteAddr(code), arg)
		if m.save() {
			if arg == "" {
				m.println("Note removed.")
			} else {
				m.println("Note saved.")
			}
		}
		return nil
	}
	m.para(cpd.PrivacyNote)
	addr := cpd.NoteAddr(code)
	text, keep, err := m.readText(addr, m.s.Answer(code).Note, true, "A note or evidence reference for this statement: what you did, read or noticed.")
	if err != nil && !errors.Is(err, errEOF) && !errors.Is(err, errQuit) {
		return err
	}
	if !keep {
		m.flow.Set(addr, text)
		m.flow.DropDraft()
		if m.save() {
			m.println("Note saved.")
		}
	} else if errors.Is(err, errEOF) {
		m.flow.DropDraft()
	}
	return err
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-3]) + "..."
	}
	return s
}
