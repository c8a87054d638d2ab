package cmdutil

import (
	"io"
	"os"

	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Screen is how a command that asks questions shows them: the full screen,
// or line mode (numbered prompts, nothing redrawn).
type Screen struct {
	// Full is true for the full-screen view.
	Full bool
	// Why is, for line mode the person did not ask for, the reason in
	// words ("standard error is not a terminal"); empty otherwise.
	Why string
}

// ChooseScreen is the one terminal decision, used by every command that
// draws (assess, review). The full screen draws on standard error (results
// go to standard output), so it is used only when standard input and
// standard error are both terminals and TERM is not "dumb"; otherwise, or
// with --accessible, line mode. Testing standard output instead, as assess
// once did, drew the questionnaire into a file with `reflect assess 2>log`.
func (d *Deps) ChooseScreen(accessible bool) Screen {
	switch {
	case accessible:
		return Screen{}
	case !d.IO.InIsTerminal():
		return Screen{Why: "standard input is not a terminal"}
	case !d.IO.ErrIsTerminal():
		return Screen{Why: "standard error, where the full screen draws, is not a terminal"}
	case d.Getenv("TERM") == "dumb":
		return Screen{Why: "TERM is dumb"}
	}
	return Screen{Full: true}
}

// LinesTo is where line mode writes its prompts: standard error, like
// every prompt (standard output carries results), with control
// characters in statements, notes and names made harmless when it is a
// terminal (a framework file or a record may come from someone else; line
// mode itself never writes escape sequences). But when standard error is not a terminal
// while standard input and standard output are, and standard output
// carries no results (outUsed is false), the person is at a terminal with
// standard error sent elsewhere (`reflect assess 2>log`): the prompts go
// to the terminal they are typing at, not into the log, which left them a
// blank screen waiting for keys.
func (d *Deps) LinesTo(outUsed bool) io.Writer {
	w := d.IO.Err
	if !outUsed && !d.IO.ErrIsTerminal() && d.IO.InIsTerminal() && d.IO.OutIsTerminal() {
		w = d.IO.Out
	}
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		return textutil.TerminalSafe(f)
	}
	return w
}

// Explained returns w for line mode's prompts. When line mode was chosen
// for the person (not asked for), the first thing written through it is
// one line saying why, so that nobody is left wondering where the full
// screen went; a command that fails before it asks anything says only
// what failed.
func (s Screen) Explained(w io.Writer) io.Writer {
	if s.Full || s.Why == "" {
		return w
	}
	return &explainer{w: w, line: "Using line mode because " + s.Why + ".\n"}
}

type explainer struct {
	w    io.Writer
	line string
	said bool
}

func (e *explainer) Write(p []byte) (int, error) {
	if !e.said && len(p) > 0 {
		e.said = true
		if _, err := io.WriteString(e.w, e.line); err != nil {
			return 0, err
		}
	}
	return e.w.Write(p)
}
