package linemode

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/textutil"
)

// generalHelp is said after the help of every prompt.
const generalHelp = "At any prompt: help shows this, support shows where to find support, and quit saves everything and stops (continue later with reflect assess --resume)."

// ask prints a prompt and reads a line, trimmed. The prompt is the
// question itself, followed by a space: no symbol a screen reader would
// read aloud. "quit" on its own leaves; "help" shows what can be typed
// here (help is the help of this prompt) and asks again; "support" shows
// where to find support and asks again.
func (m *runner) ask(prompt, help string) (string, error) {
	for {
		if prompt != "" {
			m.printf("%s ", textutil.Wrap(prompt, m.width, "", ""))
		}
		s, err := m.read()
		if err != nil {
			m.println("")
			return "", err
		}
		s = strings.TrimSpace(s)
		switch strings.ToLower(s) {
		case "quit":
			return "", errQuit
		case "help", "?":
			m.printHelp(help)
			m.para(generalHelp)
			continue
		case "support":
			m.println(supportText)
			continue
		}
		return s, nil
	}
}

// printHelp prints a prompt's help: as it is when it is laid out in
// lines (the command list), wrapped otherwise.
func (m *runner) printHelp(help string) {
	switch {
	case help == "":
	case strings.Contains(help, "\n"):
		m.println(help)
	default:
		m.para(help)
	}
}

// readText reads several lines ending with a line holding just ".". When
// existing is not empty it is shown and "." alone keeps it (keep is true);
// "-" alone removes it. The input ending keeps what was typed, with errEOF.
//
// addr is the field the text is for: every line typed is kept as a draft
// of it (saved at once), so that if reflect is stopped half-way through,
// the lines are there when it is resumed. A draft found for addr is shown
// and carried on.
func (m *runner) readText(addr, existing string, allowDelete bool, help string) (text string, keep bool, err error) {
	var lines []string
	if d, ok := m.flow.Draft(addr); ok && addr != "" {
		m.println("You were writing this when reflect stopped; it was kept:")
		for _, l := range strings.Split(d, "\n") {
			m.println("  " + l)
		}
		m.println("Type more lines to add to it, a full stop (.) alone to keep it as it is, or a hyphen (-) alone to start again.")
		lines = strings.Split(d, "\n")
	} else if existing != "" {
		m.println("You wrote:")
		for _, l := range strings.Split(existing, "\n") {
			m.println("  " + l)
		}
		if allowDelete {
			m.println("Type new text to replace it, a full stop (.) alone to keep it, or a hyphen (-) alone to delete it.")
		} else {
			m.println("Type new text to replace it, or a full stop (.) alone to keep it.")
		}
	}
	m.println("Type as many lines as you like. End with a line holding just a full stop (.).")
	drafted := len(lines) > 0
	first := true
	for {
		s, rerr := m.read()
		if rerr != nil {
			m.println("")
			t := strings.TrimSpace(strings.Join(lines, "\n"))
			if t == "" {
				return existing, true, rerr
			}
			return t, false, rerr
		}
		t := strings.TrimSpace(s)
		if t == "." {
			break
		}
		if first {
			switch strings.ToLower(t) {
			case "help", "?":
				m.printHelp(help)
				m.para("End the text with a line holding just a full stop (.). " + generalHelp)
				continue
			case "support":
				m.println(supportText)
				continue
			case "quit":
				if drafted {
					return strings.TrimSpace(strings.Join(lines, "\n")), false, errQuit
				}
				return existing, true, errQuit
			case "-":
				if drafted {
					lines, drafted = nil, false
					m.flow.DropDraft()
					m.save()
					m.println("Started again. Type your text, then a full stop (.) alone.")
					continue
				}
				if allowDelete && existing != "" {
					return "", false, nil
				}
			}
		}
		first = false
		lines = append(lines, strings.TrimRight(s, " \t"))
		if addr != "" {
			m.flow.SetDraft(addr, strings.Join(lines, "\n"))
			m.save()
			drafted = true
		}
	}
	t := strings.TrimSpace(strings.Join(lines, "\n"))
	if t == "" {
		return existing, true, nil
	}
	return t, false, nil
}

// askYesNo asks until the answer is yes or no; Enter takes def.
func (m *runner) askYesNo(prompt string, def bool) (bool, error) {
	for {
		s, err := m.ask(prompt, "Type yes or no, then press Enter.")
		if err != nil {
			return false, err
		}
		switch strings.ToLower(s) {
		case "":
			return def, nil
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		m.println("Please type yes or no.")
	}
}

// askLine asks for one line; Enter keeps def. "-" clears when def is set.
func (m *runner) askLine(prompt, def, help string) (string, error) {
	if def != "" {
		prompt = fmt.Sprintf("%s (Enter keeps %s; a hyphen clears it)", prompt, def)
	}
	s, err := m.ask(prompt, help)
	if err != nil {
		return "", err
	}
	switch {
	case s == "":
		return def, nil
	case s == "-":
		return "", nil
	}
	return s, nil
}

// askNumbers reads a list of numbers from 1 to n such as "1 3 5", "1,3" or
// "2-4". Enter takes def; "none" gives an empty list.
func (m *runner) askNumbers(prompt string, n int, def []int, help string) ([]int, error) {
	if help == "" {
		help = fmt.Sprintf("Type numbers from the list, 1 to %d, separated by spaces, such as 1 3, or a range such as 2-4. Type none for none.", n)
	}
	for {
		s, err := m.ask(prompt, help)
		if err != nil {
			return nil, err
		}
		if s == "" {
			return def, nil
		}
		if strings.EqualFold(s, "none") {
			return []int{}, nil
		}
		nums, perr := parseNumbers(s, n)
		if perr == nil {
			return nums, nil
		}
		m.println(capitalise(perr.Error()) + ".")
	}
}

func parseNumbers(s string, n int) ([]int, error) {
	seen := map[int]bool{}
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\t' }) {
		lo, hi := f, f
		if a, b, ok := strings.Cut(f, "-"); ok {
			lo, hi = a, b
		}
		x, err1 := strconv.Atoi(lo)
		y, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%q is not a number; type numbers from the list, such as 1 3", f)
		}
		if x > y {
			x, y = y, x
		}
		if x < 1 || y > n {
			return nil, fmt.Errorf("%s is not in the list; type numbers from 1 to %d", f, n)
		}
		for i := x; i <= y; i++ {
			if !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("type one or more numbers from the list, or none")
	}
	sort.Ints(out)
	return out, nil
}

// askChoice asks for one number from 1 to n; Enter takes def.
func (m *runner) askChoice(prompt string, n, def int, help string) (int, error) {
	if help == "" {
		help = fmt.Sprintf("Type one number from the list, 1 to %d, then press Enter.", n)
	}
	for {
		s, err := m.ask(prompt, help)
		if err != nil {
			return 0, err
		}
		if s == "" && def > 0 {
			return def, nil
		}
		if i, err := strconv.Atoi(s); err == nil && i >= 1 && i <= n {
			return i, nil
		}
		m.printf("Please type a number from 1 to %d.\n", n)
	}
}
