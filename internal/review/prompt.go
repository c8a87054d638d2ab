package review

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/textutil"
)

// prompter reads answers a line at a time and handles the words every
// prompt understands: help, back, skip and quit.
type prompter struct {
	in    *bufio.Reader
	out   io.Writer
	width int
	eof   bool
	// ctx, when set, ends a wait for input at once when it is cancelled
	// (a signal): read returns errInterrupted. Lines are then read by a
	// goroutine, one at a time.
	ctx   context.Context
	lines chan typed
}

type typed struct {
	text string
	err  error
}

func (p *prompter) say(s string) { fmt.Fprintln(p.out, s) }

func (p *prompter) para(s string) { p.say(textutil.Wrap(s, p.width, "", "")) }

// read reads one line with keys pressed at a plain prompt (arrows,
// function keys) removed. The end of input is errQuit.
func (p *prompter) read() (string, error) {
	if p.eof {
		return "", errQuit
	}
	line, err := p.next()
	if err != nil {
		if errors.Is(err, errInterrupted) {
			return "", err
		}
		if !errors.Is(err, io.EOF) {
			return "", err
		}
		p.eof = true
		if line == "" {
			fmt.Fprintln(p.out)
			return "", errQuit
		}
	}
	return strings.TrimRight(textutil.StripTyped(line), "\r\n"), nil
}

// next reads the next line, or returns errInterrupted when the context
// is cancelled first.
func (p *prompter) next() (string, error) {
	if p.ctx == nil {
		return p.in.ReadString('\n')
	}
	if p.lines == nil {
		p.lines = make(chan typed)
		go func() {
			for {
				s, err := p.in.ReadString('\n')
				p.lines <- typed{s, err}
				if err != nil {
					close(p.lines)
					return
				}
			}
		}()
	}
	select {
	case <-p.ctx.Done():
		return "", errInterrupted
	case l, ok := <-p.lines:
		if !ok {
			return "", io.EOF
		}
		return l.text, l.err
	}
}

// command handles help, back and quit; it reports whether s was one, and
// the error to return (nil after help: ask again).
func (p *prompter) command(s, help string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "quit", "exit":
		return true, errQuit
	case "back":
		return true, errBack
	case "help", "?":
		if help != "" {
			p.para("  " + help)
		}
		p.para("  " + commandsHelp)
		return true, nil
	}
	return false, nil
}

// line asks for one line. Enter keeps def; "-" clears it (when
// clearable); "skip" leaves an optional answer empty.
func (p *prompter) line(label, help, def string, clearable, optional bool) (string, error) {
	for {
		switch {
		case def != "" && clearable:
			fmt.Fprintf(p.out, "%s [%s] (- to clear): ", label, textutil.Truncate(oneLine(def), 40, "…"))
		case def != "":
			fmt.Fprintf(p.out, "%s [%s]: ", label, textutil.Truncate(oneLine(def), 40, "…"))
		default:
			fmt.Fprintf(p.out, "%s: ", label)
		}
		s, err := p.read()
		if err != nil {
			return "", err
		}
		if handled, err := p.command(s, help); handled {
			if err != nil {
				return "", err
			}
			continue
		}
		s = strings.TrimSpace(s)
		switch {
		case strings.EqualFold(s, "skip"):
			if !optional {
				p.say("  This one cannot be skipped. Type help for more.")
				continue
			}
			return "", nil
		case s == "-" && clearable:
			return "", nil
		case s == "":
			return def, nil
		}
		return s, nil
	}
}

// text asks for text of one or more lines, ending with a line holding
// just a full stop. Enter alone on the first line keeps def (or leaves
// the answer empty), as does "."; "-" or "skip" alone clears it (skip
// leaves an optional answer empty, as at every other prompt). help, back
// and quit work on the first line. When the input ends part way, what was
// typed is returned with errQuit, so that it can be kept in a draft.
func (p *prompter) text(label, help, def string) (string, error) {
	for {
		p.say(label)
		if def != "" {
			p.say("  You wrote:")
			for _, l := range strings.Split(def, "\n") {
				p.say("    " + l)
			}
			p.say(textutil.Wrap("Type new text to replace it, Enter or a full stop (.) alone to keep it, or a hyphen (-) alone or skip to clear it.", p.width, "  ", "  "))
		} else {
			p.say(textutil.Wrap("Type as many lines as you like and end with a line holding just a full stop (.). Enter alone leaves it empty.", p.width, "  ", "  "))
		}
		fmt.Fprint(p.out, "> ")
		first, err := p.read()
		if err != nil {
			return "", err
		}
		if handled, err := p.command(first, help); handled {
			if err != nil {
				return "", err
			}
			continue
		}
		switch t := strings.TrimSpace(first); {
		case t == "" || t == ".":
			return def, nil
		case t == "-" || strings.EqualFold(t, "skip"):
			return "", nil
		}
		lines := []string{strings.TrimRight(first, " \t")}
		for {
			fmt.Fprint(p.out, "> ")
			s, err := p.read()
			if err != nil {
				return strings.TrimSpace(strings.Join(lines, "\n")), err
			}
			if strings.TrimSpace(s) == "." {
				break
			}
			lines = append(lines, strings.TrimRight(s, " \t"))
		}
		return strings.TrimSpace(strings.Join(lines, "\n")), nil
	}
}

// kept reports whether a value read should be kept: it was answered, or
// the input ended part way through typing it.
func kept(v string, err error) bool {
	return err == nil || ((errors.Is(err, errQuit) || errors.Is(err, errInterrupted)) && v != "")
}
