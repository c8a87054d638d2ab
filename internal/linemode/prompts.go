package linemode

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// readText reads several lines ending with a line holding just ".". When
// existing is not empty it is shown and "." alone keeps it (keep is true);
// "-" alone removes it. The input ending keeps what was typed, with errEOF.
func (m *runner) readText(existing string, allowDelete bool) (text string, keep bool, err error) {
	if existing != "" {
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
	var lines []string
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
		if strings.TrimSpace(s) == "." {
			break
		}
		if len(lines) == 0 && allowDelete && existing != "" && strings.TrimSpace(s) == "-" {
			return "", false, nil
		}
		lines = append(lines, strings.TrimRight(s, " \t"))
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
		m.para(prompt)
		s, err := m.ask("")
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
func (m *runner) askLine(prompt, def string) (string, error) {
	if def != "" {
		m.para(fmt.Sprintf("%s [%s; Enter to keep, - to clear]", prompt, def))
	} else {
		m.para(prompt)
	}
	s, err := m.ask("")
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
func (m *runner) askNumbers(prompt string, n int, def []int) ([]int, error) {
	for {
		m.para(prompt)
		s, err := m.ask("")
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
func (m *runner) askChoice(prompt string, n, def int) (int, error) {
	for {
		m.para(prompt)
		s, err := m.ask("")
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
