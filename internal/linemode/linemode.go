// Package linemode is the accessible twin of the interactive
// questionnaire: the same self-assessment, summary, reflection and plan as
// numbered text prompts and typed commands over an io.Reader and an
// io.Writer. It never redraws, moves the cursor or colours anything, so it
// works with screen readers, braille displays and pipes.
//
// Every change is handed to Options.Save at once, so closing the terminal,
// ending the input or a signal loses nothing.
package linemode

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Options configure Run.
type Options struct {
	// In is where the person types; Out is where prompts are written
	// (normally standard error, so standard output stays free).
	In  io.Reader
	Out io.Writer
	// Session and Record are the assessment when resuming or when the
	// caller has already started it.
	Session *assessment.Session
	Record  *record.Record
	// For a new assessment leave Session nil and set Set and Start: the
	// person chooses framework(s) and a profile or areas (skipped when
	// Scopes is set), then Start builds the plan, creates the record,
	// takes the lock and saves it for the first time.
	Set    *framework.Set
	Scopes []assessment.Scope
	Start  func(scopes []assessment.Scope) (*assessment.Session, *record.Record, error)
	// Save is called after every change. It syncs the session into the
	// record and writes it. An error is shown and the session goes on.
	Save func() error
	// Context, when cancelled (a signal), makes Run save and return
	// ErrInterrupted at once, even while it waits for input.
	Context context.Context
	// Now is the clock for default dates and the anonymisation stamp.
	Now func() time.Time
	// Resumed says the assessment was saved before (the welcome differs).
	Resumed bool
	// HashFile reads an evidence file for its name, size and SHA-256;
	// nil means the real file system.
	HashFile func(path string) (record.Evidence, error)
	// Width wraps long statements; 0 means 80.
	Width int
	// NewGoalID makes goal ids; nil means random ones.
	NewGoalID func() string
}

// Result says how the session ended.
type Result struct {
	Quit     bool // left to resume later (quit, or the input ended)
	Finished bool // the reflection and plan were completed and confirmed
}

// ErrInterrupted is returned when the context was cancelled. The record
// has been saved.
var ErrInterrupted = errors.New("interrupted")

var (
	errQuit = errors.New("quit")
	errEOF  = errors.New("end of input")
)

type line struct {
	text string
	err  error
}

type runner struct {
	opts  Options
	s     *assessment.Session
	r     *record.Record
	flow  *cpd.Flow // the reflection flow over r and s
	out   io.Writer
	lines chan line
	ctx   context.Context
	width int
	eof   bool
	// scaleShown is set once the full scale has been printed.
	scaleShown bool
	// introShown is set when setup already gave the content note.
	introShown bool
}

// Run runs the questionnaire, then the summary and, if the person wants,
// the reflection and plan. It returns when the person quits or finishes, or
// the input ends (both saved, Result.Quit), or the context is cancelled
// (saved, ErrInterrupted).
func Run(opts Options) (Result, error) {
	if (opts.Session == nil || opts.Record == nil) && (opts.Start == nil || (opts.Set == nil && len(opts.Scopes) == 0)) {
		return Result{}, errors.New("linemode: Session and Record, or Set and Start, are required")
	}
	if opts.Save == nil {
		opts.Save = func() error { return nil }
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.HashFile == nil {
		opts.HashFile = HashFile
	}
	m := &runner{opts: opts, s: opts.Session, r: opts.Record, out: opts.Out, ctx: opts.Context, width: opts.Width}
	if m.width <= 0 {
		m.width = 80
	}
	m.lines = make(chan line)
	go readLines(opts.In, m.lines)
	if m.s == nil {
		if err := m.setup(); err != nil {
			if errors.Is(err, errQuit) || errors.Is(err, errEOF) {
				m.println("")
				m.println("Nothing was started, so nothing was saved.")
				return Result{Quit: true}, nil
			}
			return Result{Quit: true}, err
		}
	}
	res, err := m.run()
	// Whatever happened, the last state is saved before returning.
	if serr := m.opts.Save(); serr != nil && err == nil {
		m.printf("Could not save: %v\n", serr)
	}
	return res, err
}

// readLines feeds the input line by line. It runs until the input ends; on
// a signal Run returns without waiting for it.
func readLines(in io.Reader, ch chan<- line) {
	br := bufio.NewReaderSize(in, 64<<10)
	for {
		s, err := br.ReadString('\n')
		if len(s) > 0 {
			// An arrow or function key pressed at a plain prompt puts an
			// escape sequence into the line; it is never meant as words.
			ch <- line{text: textutil.StripTyped(strings.TrimRight(s, "\r\n"))}
		}
		if err != nil {
			ch <- line{err: err}
			close(ch)
			return
		}
	}
}

func (m *runner) printf(format string, args ...any) { fmt.Fprintf(m.out, format, args...) }

func (m *runner) println(s string) { fmt.Fprintln(m.out, s) }

// para prints wrapped text followed by a newline.
func (m *runner) para(s string) { m.println(textutil.Wrap(s, m.width, "", "")) }

// read waits for one line of input.
func (m *runner) read() (string, error) {
	if m.eof {
		return "", errEOF
	}
	select {
	case <-m.ctx.Done():
		return "", ErrInterrupted
	case l, ok := <-m.lines:
		if !ok || l.err != nil {
			m.eof = true
			return "", errEOF
		}
		return l.text, nil
	}
}

// save saves and reports a failure without stopping.
func (m *runner) save() bool {
	if err := m.opts.Save(); err != nil {
		m.printf("Could not save: %v\nWhat you typed is kept for now; type save to try again.\n", err)
		return false
	}
	return true
}

// supportText is printed as it is, one way of getting support per line,
// so that no phone number is split across lines.
const supportText = `If this work is weighing on you, support is there:
  Samaritans: call 116 123, free, day and night
  Shout: text SHOUT to 85258
  your supervisor or occupational health`

func (m *runner) run() (Result, error) {
	m.flow = cpd.New(m.r, m.s, cpd.Options{Now: m.opts.Now, NewGoalID: m.opts.NewGoalID,
		OnUnconfirm: func() {
			m.para("You changed some text, so your confirmation that the record identifies nobody is withdrawn: confirm it again at the end of the reflection.")
		}})
	m.intro()
	done, err := m.questionnaire()
	if err != nil {
		return m.leave(err)
	}
	if !done {
		return m.leave(errQuit)
	}
	m.println("")
	WriteSummary(m.out, m.s, m.width)
	m.println("")
	m.para("Next comes a short reflection on what the summary shows, a development plan and the details of this CPD activity. You can stop at any point and come back: type quit at any prompt.")
	ok, err := m.askYesNo("Go on to the reflection and plan now? (yes, or no to stop here and come back later)", true)
	if err != nil {
		return m.leave(err)
	}
	if !ok {
		return m.leave(errQuit)
	}
	finished, err := m.reflection()
	if err != nil {
		return m.leave(err)
	}
	m.outro(finished)
	return Result{Finished: finished, Quit: !finished}, nil
}

// leave ends the session after quit, end of input or a signal.
func (m *runner) leave(err error) (Result, error) {
	if errors.Is(err, ErrInterrupted) {
		m.println("")
		m.println("Stopped. Everything you entered has been saved.")
		m.printf("Continue any time with: reflect assess --resume %s\n", m.r.ID)
		return Result{Quit: true}, ErrInterrupted
	}
	if errors.Is(err, errQuit) || errors.Is(err, errEOF) {
		if serr := m.opts.Save(); serr != nil {
			// Never say "Saved" when it was not: the caller reports the
			// error and exits with a failure.
			m.println("")
			m.println(supportText)
			return Result{Quit: true}, fmt.Errorf("%w\nWhat was saved before is kept; the changes since the last save could not be saved. When this is put right, continue with: reflect assess --resume %s", serr, m.r.ID)
		}
		m.println("")
		m.printf("Saved. Continue any time with: reflect assess --resume %s\n", m.r.ID)
		m.println(supportText)
		return Result{Quit: true}, nil
	}
	return Result{Quit: true}, err
}

func (m *runner) intro() {
	if !m.introShown {
		m.println("reflect: self-assessment (line mode)")
		m.println("")
	}
	switch {
	case m.introShown:
	case m.opts.Resumed:
		a, t := m.s.Progress()
		m.para(fmt.Sprintf("Welcome back. You have answered %d of %d. You are at item %d.", a, t, m.s.Cursor+1))
	default:
		m.para("Before you start: this self-assessment is about working with people who self-harm or are suicidal. Some statements may bring difficult experiences to mind.")
	}
	if d := m.r.Draft; d != nil {
		m.println("")
		todo := "type done to go on to the reflection, where it is waiting"
		if code, ok := strings.CutPrefix(d.Field, "note."); ok {
			todo = "type goto " + code + ", then note, to carry on with it"
		}
		m.para(fmt.Sprintf("You were writing %s when reflect stopped. What you had typed is kept: %s.", m.flow.FieldName(d.Field), todo))
	}
	m.println("")
	m.para("Take it at your own pace. You can stop at any time by typing quit; everything is saved as you go, and you can continue later.")
	if !m.introShown {
		m.println("")
		m.println(supportText)
		m.println("Type support at any time to see this again.")
	}
	m.println("")
	var fws []string
	for _, f := range m.r.Frameworks {
		s := f.Title
		if f.ProfileTitle != "" {
			s += " (profile: " + f.ProfileTitle + ")"
		} else if len(f.Areas) > 0 {
			s += fmt.Sprintf(" (%d chosen areas)", len(f.Areas))
		}
		fws = append(fws, s)
	}
	m.para(fmt.Sprintf("Assessing against: %s. %d statements.", strings.Join(fws, "; "), m.s.Len()))
	for _, f := range m.r.Frameworks {
		if f.Provenance.Notice != "" {
			m.para("About the statements: " + f.Provenance.Notice)
		}
	}
	m.println("")
	m.printScale()
	m.println("Type help at any prompt for all the commands.")
}

func (m *runner) printScale() {
	sc := m.s.Plan.Scale()
	m.println("The rating scale:")
	for _, l := range sc.Levels {
		m.println(textutil.Wrap(fmt.Sprintf("%d %s: %s", l.Value, l.Label, l.Descriptor), m.width, "  ", "    "))
	}
	var reasons []string
	for _, r := range sc.NAReasons() {
		reasons = append(reasons, strings.ToLower(r.Label[:1])+r.Label[1:])
	}
	m.println(textutil.Wrap("n Not applicable, with a reason: "+strings.Join(reasons, ", ")+". Not applicable is left out of your scores.", m.width, "  ", "    "))
	m.scaleShown = true
}

func (m *runner) outro(confirmed bool) {
	m.println("")
	p := m.flow.Progress()
	switch {
	case p.Complete():
		m.printf("Your record %s is complete and saved.\n", m.r.ID)
	case confirmed:
		m.para(fmt.Sprintf("Your record %s is saved. It is not complete yet (%s): a record is complete when every statement is answered, every part of the reflection is written and you have confirmed it identifies nobody.", m.r.ID, p))
		m.println("To carry on, run:")
		m.println("  reflect assess --resume " + m.r.ID)
	default:
		m.printf("Your record %s is saved but not yet confirmed as anonymised.\n", m.r.ID)
		m.println("To change it, run this and type done:")
		m.println("  reflect assess --resume " + m.r.ID)
	}
	m.println("Export it for your portfolio (formats: pdf, md, html, csv, json, nmc) with:")
	m.println("  reflect export " + m.r.ID + " --format pdf")
	m.println("")
	m.println("Thank you for taking the time to reflect.")
	m.println(supportText)
}

// HashFile records an evidence file by base name, size and SHA-256. The
// file itself is never copied.
func HashFile(path string) (record.Evidence, error) {
	// Refuse folders, devices and named pipes before opening: opening a
	// pipe would wait for a writer, and a device may never end.
	if fi, err := os.Stat(path); err != nil {
		return record.Evidence{}, err
	} else if !fi.Mode().IsRegular() {
		return record.Evidence{}, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return record.Evidence{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return record.Evidence{}, err
	}
	if !fi.Mode().IsRegular() {
		return record.Evidence{}, fmt.Errorf("%s is not a regular file", path)
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return record.Evidence{}, err
	}
	return record.Evidence{File: filepath.Base(path), SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}
