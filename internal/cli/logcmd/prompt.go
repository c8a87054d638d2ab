package logcmd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// The line prompts: one field at a time, as plain text on standard error
// (screen readers, pipes), in the style of assess line mode. At any prompt:
// help, back, skip (an optional field), quit. Enter keeps what is shown in
// brackets; "-" clears it.

var (
	errQuit = errors.New("quit")
	errBack = errors.New("back")
)

type prompter struct {
	in  *bufio.Scanner
	out io.Writer
	eof bool
}

func newPrompter(in io.Reader, out io.Writer) *prompter {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	return &prompter{in: sc, out: out}
}

func (p *prompter) printf(format string, args ...any) { fmt.Fprintf(p.out, format, args...) }

// line reads one line, with keys pressed at a plain prompt (arrows,
// function keys) removed. The end of input is errQuit.
func (p *prompter) line() (string, error) {
	if p.eof || !p.in.Scan() {
		p.eof = true
		p.printf("\n")
		return "", errQuit
	}
	return textutil.StripTyped(p.in.Text()), nil
}

// command handles the words every prompt understands. It returns handled
// and the error to return (errBack, errQuit) or nil for help.
func (p *prompter) command(s string, f *cpdlog.Field, canBack bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "quit", "exit":
		return true, errQuit
	case "back":
		if !canBack {
			p.printf("This is the first question.\n")
			return true, nil
		}
		return true, errBack
	case "help", "?":
		p.printf("%s.\n", strings.TrimSuffix(f.Help, "."))
		p.printf("Type the answer and press Enter. Also: back (the question before), skip (leave an optional answer empty), - (clear what is shown), quit (stop; what you typed is kept).\n")
		return true, nil
	}
	return false, nil
}

// current is the field's value shown in brackets.
func current(f *cpdlog.Field, it *cpdlog.Item) string {
	switch {
	case f.S != nil:
		return *f.S(it)
	case f.F != nil:
		if v := *f.F(it); v != 0 {
			return cpdlog.FormatHours(v)
		}
	case f.L != nil:
		return strings.Join(*f.L(it), ", ")
	case f.E != nil:
		var names []string
		for _, e := range *f.E(it) {
			names = append(names, nonEmpty(e.File, e.Description))
		}
		return strings.Join(names, ", ")
	}
	return ""
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// askField asks for one field until the answer is usable; set parses and
// checks it. def is offered when the field is empty.
func (p *prompter) askField(n, of int, f *cpdlog.Field, it *cpdlog.Item, def string, set func(string) error) error {
	for {
		cur := current(f, it)
		label := f.Label
		if !f.Required && !strings.Contains(label, "optional") {
			label += " (optional)"
		}
		p.printf("\n%d/%d %s\n", n, of, label)
		if len(f.Choices) > 0 {
			for i, c := range f.Choices {
				p.printf("  %d  %s\n", i+1, c.Title)
			}
			if f.Kind == cpdlog.FieldChoices {
				p.printf("(one or more numbers, separated by commas)\n")
			}
		}
		switch {
		case cur != "":
			p.printf("[%s; Enter to keep, - to clear]\n", cur)
		case def != "":
			p.printf("[%s; Enter to take it]\n", def)
		}
		if f.Kind == cpdlog.FieldText {
			text, err := p.text(f, n > 1)
			if err != nil {
				return err
			}
			if text == "" {
				text = cur
			}
			if text == "-" {
				f.Clear(it)
				text = ""
			}
			if text == "" {
				if f.Required {
					p.printf("This one is needed: %s.\n", f.Help)
					continue
				}
				return nil
			}
			if err := set(text); err != nil {
				p.printf("%v\n", err)
				continue
			}
			return nil
		}
		p.printf("> ")
		s, err := p.line()
		if err != nil {
			return err
		}
		if handled, err := p.command(s, f, n > 1); handled {
			if err != nil {
				return err
			}
			continue
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "-":
			f.Clear(it)
			if f.Required {
				p.printf("Cleared; this one is needed, so please give it.\n")
				continue
			}
			return nil
		case strings.EqualFold(s, "skip"):
			if f.Required {
				p.printf("This one is needed and cannot be skipped: %s.\n", f.Help)
				continue
			}
			return nil
		case s == "" && cur != "":
			s = cur
		case s == "" && def != "":
			s = def
		case s == "":
			if f.Required {
				p.printf("This one is needed: %s. (Type help for more, quit to stop.)\n", f.Help)
				continue
			}
			return nil
		}
		if len(f.Choices) > 0 {
			s = choiceByNumber(f, s)
		}
		if err := set(s); err != nil {
			p.printf("%v\n", err)
			continue
		}
		return nil
	}
}

// choiceByNumber turns numbers typed at a choice into ids.
func choiceByNumber(f *cpdlog.Field, s string) string {
	var out []string
	for _, part := range cpdlog.ParseList(s) {
		if n, err := strconv.Atoi(part); err == nil && n >= 1 && n <= len(f.Choices) {
			out = append(out, f.Choices[n-1].ID)
		} else {
			out = append(out, part)
		}
	}
	return strings.Join(out, ",")
}

// text reads several lines ending with a line holding just ".". An empty
// first line is "nothing typed"; the commands work on the first line.
func (p *prompter) text(f *cpdlog.Field, canBack bool) (string, error) {
	p.printf("(as many lines as you like; end with a line holding just a full stop. Enter alone to leave it as it is.)\n")
	var lines []string
	for {
		p.printf("> ")
		s, err := p.line()
		if err != nil {
			if len(lines) > 0 {
				return strings.TrimSpace(strings.Join(lines, "\n")), err
			}
			return "", err
		}
		if len(lines) == 0 {
			if handled, err := p.command(s, f, canBack); handled {
				if err != nil {
					return "", err
				}
				continue
			}
			switch t := strings.TrimSpace(s); {
			case t == "" || t == ".":
				return "", nil
			case t == "-":
				return "-", nil
			case strings.EqualFold(t, "skip"):
				return "", nil
			}
		}
		if strings.TrimSpace(s) == "." {
			break
		}
		lines = append(lines, strings.TrimRight(s, " \t"))
	}
	return strings.TrimSpace(strings.Join(lines, "\n")), nil
}

// yesNo asks until yes or no; Enter takes def. The end of input is errQuit.
func (p *prompter) yesNo(q string, def bool) (bool, error) {
	for {
		d := "y/N"
		if def {
			d = "Y/n"
		}
		p.printf("%s [%s] ", q, d)
		s, err := p.line()
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "":
			return def, nil
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		case "quit":
			return false, errQuit
		}
		p.printf("Please type yes or no.\n")
	}
}
