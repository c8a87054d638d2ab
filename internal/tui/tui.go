// Package tui is reflect's interactive questionnaire: a Bubble Tea program
// that walks a practitioner through a self-assessment, shows the summary and
// then the reflection and development plan. A root model routes to small
// child models (start, question, summary, reflection); every change to the
// session or the record is handed to Options.Save at once, so nothing is
// lost if the terminal closes.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Options configure Run.
//
// A new assessment: set Set, Start and Save (and Scopes to skip the
// framework and profile questions). A resumed one: set Session and Record
// too; setup is skipped. In and Out are the terminal (Out is normally
// stderr: the TUI draws there so stdout stays free for results).
type Options struct {
	// Set holds the frameworks a person can choose from.
	Set *framework.Set
	// Scopes, when not empty, are preselected; otherwise the TUI asks for
	// the framework(s), then a role profile or a list of areas for each.
	Scopes []assessment.Scope
	// Start is called once the scopes are known. The caller builds the
	// plan, creates the record, takes the lock and saves it for the first
	// time.
	Start func(scopes []assessment.Scope) (*assessment.Session, *record.Record, error)
	// Save is called after every change with the session and the record
	// the TUI has changed (reflection, plan, activity, anonymisation). The
	// caller syncs the session into the record and saves atomically. An
	// error is shown to the person; the TUI keeps going.
	Save func(*assessment.Session, *record.Record) error
	// Stage, when set, is used instead of Save on the keystroke path: it
	// takes the change at once and returns a function that waits until
	// it is durable (nil when there was nothing to save). The TUI runs
	// the wait as a command and says "saved" only when it returns
	// without an error. Save is then used only on leaving, where it must
	// stage what is left and wait for everything staged before.
	Stage func(*assessment.Session, *record.Record) func() error
	// Session and Record are set when resuming.
	Session *assessment.Session
	Record  *record.Record
	// In and Out are the terminal streams.
	In  io.Reader
	Out io.Writer
	// Width and Height fix the screen size; 0 detects it from the terminal
	// (80×24 when it cannot be detected).
	Width, Height int
	// NoColor turns colour off (the caller passes NO_COLOR; the TUI also
	// honours NO_COLOR in the environment through its colour detection).
	NoColor bool
	// ASCII draws borders, bars and symbols with ASCII characters only.
	ASCII bool
	// Context, when cancelled (e.g. on SIGTERM or SIGHUP), ends the
	// questionnaire: the terminal is restored, text typed in an open editor
	// is kept and saved, and Run returns ErrInterrupted.
	Context context.Context
	// Now is the clock for dates the TUI stamps (the anonymisation
	// confirmation time, default dates). Nil means time.Now.
	Now func() time.Time
	// HashFile reads an evidence file for its name, size and SHA-256
	// (the file is never copied); nil refuses files.
	HashFile func(path string) (record.Evidence, error)
	// NewGoalID makes goal ids; nil means random ones.
	NewGoalID func() string
}

// Result is how the session ended.
type Result struct {
	// Record is the record as last saved (nil when the person left before
	// choosing a framework).
	Record *record.Record
	// Quit is true when the person left to resume later.
	Quit bool
	// Finished is true when the reflection and plan were completed and the
	// record marked complete.
	Finished bool
}

// Run shows the questionnaire until the person leaves or finishes. It draws
// on opts.Out and, when the person leaves with q, prints one line there:
// "Saved. Resume with: reflect assess --resume" (or, when finished, the
// export command). It returns an error only
// when the terminal fails, Start fails (its error is returned as is) or the
// run was interrupted (ErrInterrupted); Save errors are shown on screen.
func Run(opts Options) (Result, error) {
	if opts.Set == nil && opts.Session == nil {
		return Result{}, errors.New("tui: no frameworks to choose from")
	}
	if opts.Session == nil && opts.Start == nil {
		return Result{}, errors.New("tui: Options.Start is required for a new assessment")
	}
	if opts.Save == nil {
		opts.Save = func(*assessment.Session, *record.Record) error { return nil }
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.HashFile == nil {
		opts.HashFile = noFiles
	}
	out := opts.Out
	if out == nil {
		out = os.Stderr
	}
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
	}
	m := newRoot(opts)
	popts := []tea.ProgramOption{tea.WithOutput(out)}
	if opts.NoColor {
		// Bold and reverse video, no colours (Bubble Tea detects the rest
		// of the colour profile from the output and the environment).
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	if opts.Width > 0 && opts.Height > 0 {
		popts = append(popts, tea.WithWindowSize(opts.Width, opts.Height))
	}
	if opts.Context != nil {
		popts = append(popts, tea.WithContext(opts.Context))
	}
	if opts.In != nil {
		popts = append(popts, tea.WithInput(opts.In))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	r, ok := final.(*root)
	if !ok {
		r = m
	}
	// Stopped without the person leaving: SIGTERM (Bubble Tea quits on
	// it), SIGINT, or the context.
	external := err == nil && !r.leaving
	if r.interrupted || external || errors.Is(err, tea.ErrInterrupted) || (errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrProgramPanic)) {
		// Stopped from outside (a signal, the context): keep what was typed.
		if !r.leaving {
			r.leave()
		}
		if r.rec != nil && !r.finished {
			// Ctrl+C is a way to leave too: say, as q does, that it is
			// saved and how to come back (the screen is restored by now).
			fmt.Fprintln(out, savedLine)
		}
		return Result{Record: r.rec, Quit: r.rec != nil && !r.finished, Finished: r.finished}, ErrInterrupted
	}
	if err != nil {
		return Result{Record: r.rec}, fmt.Errorf("the questionnaire stopped: %w", err)
	}
	if r.startErr != nil {
		return Result{Record: r.rec}, r.startErr
	}
	res := Result{Record: r.rec, Quit: !r.finished, Finished: r.finished}
	if r.rec != nil {
		if r.finished {
			fmt.Fprintf(out, finishedLine+"\n", r.rec.ID)
		} else {
			fmt.Fprintln(out, savedLine)
		}
	}
	return res, nil
}

func noFiles(string) (record.Evidence, error) {
	return record.Evidence{}, errors.New("files cannot be read here")
}

// ErrInterrupted is returned by Run when ctrl+c, a signal or the context
// stopped the questionnaire. Everything was saved first.
var ErrInterrupted = errors.New("the questionnaire was interrupted")

const (
	savedLine    = "Saved. Resume with: reflect assess --resume"
	finishedLine = "Saved and marked complete. Export it with: reflect export %s --format md"
)
