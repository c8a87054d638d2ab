// The questionnaire loop: the command help, reading and dispatching
// commands, and moving on. Answering is in questionnaire_item.go,
// navigation in questionnaire_nav.go.

package linemode

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const helpText = `Commands (type them at the prompt, then press Enter):
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
		in, err := m.ask(m.promptLabel(), helpText)
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

// promptLabel ends the question: "Statement 3 of 40, your answer:". No
// symbol such as ">" or "/", which a screen reader reads out.
func (m *runner) promptLabel() string {
	return fmt.Sprintf("Statement %d of %d, your answer:", m.s.Cursor+1, m.s.Len())
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

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
