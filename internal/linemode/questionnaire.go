package linemode

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

const helpText = `Commands (type them at the > prompt, then press Enter):
  1, 2, 3 ...       rate this statement with that level; moves on to the next
  n [reason]        not applicable, with a reason (n on its own lists them)
  clear             remove the rating or not applicable from this statement
  note [text]       add a note or evidence reference (note on its own for several lines)
  flag              mark or unmark this statement as a development priority
  next, back        move on or go back one statement without answering
  goto CODE or N    go to a statement by its code or its number
  areas             list the areas with how much of each is answered
  area N or CODE    go to the first statement of an area
  unanswered        go to the next statement you have not answered
  search WORDS      find statements containing the words
  show              show this statement again
  scale             show the rating scale again
  summary           show your scores so far
  done              finish the questions and go to the summary and reflection
  support           where to find support
  save              save now (everything is saved as you go anyway)
  quit              save and stop; continue later with reflect assess --resume
  help              this list`

// questionnaire runs the question loop. It returns true when the person
// types done, false when they quit.
func (m *runner) questionnaire() (bool, error) {
	m.showItem(true)
	for {
		in, err := m.ask(m.promptLabel())
		if err != nil {
			if errors.Is(err, errQuit) {
				return false, nil
			}
			return false, err
		}
		fin, err := m.command(in)
		if err != nil {
			if errors.Is(err, errQuit) {
				return false, nil
			}
			return false, err
		}
		if fin {
			return true, nil
		}
	}
}

func (m *runner) promptLabel() string {
	return fmt.Sprintf("%d/%d ", m.s.Cursor+1, m.s.Len())
}

// command runs one typed command. It reports true when the questionnaire
// is done.
func (m *runner) command(in string) (bool, error) {
	if in == "" {
		m.println("Type a number to rate this statement, n for not applicable, next to skip it, or help for all commands.")
		return false, nil
	}
	cmd, arg, _ := strings.Cut(in, " ")
	arg = strings.TrimSpace(arg)
	cmd = strings.ToLower(cmd)
	code := m.s.Current().Code()
	if v, err := strconv.Atoi(cmd); err == nil && arg == "" {
		if err := m.s.Rate(code, v); err != nil {
			m.println(capitalise(err.Error()) + ".")
			return false, nil
		}
		l := m.s.Plan.Scale().Level(v)
		m.advance(fmt.Sprintf("Saved: %d %s.", v, l.Label))
		return false, nil
	}
	switch cmd {
	case "n", "na", "n/a":
		return false, m.notApplicable(code, arg)
	case "clear":
		m.s.Clear(code)
		if m.save() {
			m.println("Cleared: this statement is now unanswered.")
		}
	case "note":
		return false, m.note(code, arg)
	case "flag", "f":
		on, _ := m.s.ToggleFlag(code)
		if m.save() {
			if on {
				m.println("Flagged as a development priority.")
			} else {
				m.println("No longer flagged.")
			}
		}
	case "next", "skip":
		if !m.s.Next() {
			m.println("This is the last statement. Type done to go to your summary, or unanswered to find any you skipped.")
			return false, nil
		}
		m.showItem(false)
	case "back", "b", "previous", "prev":
		if !m.s.Back() {
			m.println("This is the first statement.")
			return false, nil
		}
		m.showItem(false)
	case "goto", "go", "g":
		m.gotoCmd(arg)
	case "areas":
		m.listAreas()
	case "area":
		m.areaCmd(arg)
	case "unanswered", "u":
		if !m.s.NextUnanswered() {
			m.println("Every statement is answered. Type done to go to your summary.")
			return false, nil
		}
		m.showItem(false)
	case "search", "/", "find":
		m.search(arg)
	case "show", "repeat", "again":
		m.showItem(true)
	case "scale":
		m.printScale()
	case "summary", "scores":
		WriteSummary(m.out, m.s, m.width)
	case "done", "finish":
		return m.done()
	case "support", "help!":
		m.println(supportText)
	case "save":
		if m.save() {
			m.println("Saved.")
		}
	case "help", "?", "h":
		m.println(helpText)
	default:
		if strings.HasPrefix(in, "/") {
			m.search(strings.TrimSpace(in[1:]))
			return false, nil
		}
		sc := m.s.Plan.Scale()
		m.printf("I did not understand %q. Type a number from %d to %d to rate, n for not applicable, or help for all commands.\n", in, sc.Min(), sc.Max())
	}
	return false, nil
}

// advance moves on after an answer and saves (so that a resume starts at
// the next statement), then confirms with msg; at the end it says what is
// left.
func (m *runner) advance(msg string) {
	moved := m.s.Next()
	if m.save() {
		m.println(msg)
	}
	if moved {
		m.showItem(false)
		return
	}
	a, t := m.s.Progress()
	if a == t {
		m.printf("That was the last statement, and all %d are answered. Type done to see your summary, or back to change an answer.\n", t)
		return
	}
	m.printf("That was the last statement. %d of %d are unanswered: type unanswered to go to them, or done to see your summary now.\n", t-a, t)
}

func (m *runner) done() (bool, error) {
	a, t := m.s.Progress()
	if a < t {
		ok, err := m.askYesNo(fmt.Sprintf("%d of %d statements are unanswered; they will be listed as unanswered, not counted. Go to the summary anyway? (yes/no)", t-a, t), true)
		if err != nil || !ok {
			if err == nil {
				m.showItem(false)
			}
			return false, err
		}
	}
	return true, nil
}

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
	m.para(fmt.Sprintf("Statement %d of %d (%d answered). %s > %s > %s", m.s.Cursor+1, m.s.Len(), a, it.Framework.ShortTitle, c.Area.Domain.Title, c.Area.Title))
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
			in, err := m.ask("Reason number (or cancel) ")
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
		m.s.SetNote(code, arg)
		if m.save() {
			if arg == "" {
				m.println("Note removed.")
			} else {
				m.println("Note saved.")
			}
		}
		return nil
	}
	m.para(record.PrivacyNote)
	text, keep, err := m.readText(m.s.Answer(code).Note, true)
	if err != nil && !errors.Is(err, errEOF) {
		return err
	}
	if !keep {
		m.s.SetNote(code, text)
		if m.save() {
			m.println("Note saved.")
		}
	}
	return err
}

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

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-3]) + "..."
	}
	return s
}
