// Package review holds the supervisor's review flow apart from any
// terminal library: the plain-text view of a record that a reviewer reads,
// and the line-based prompts (for screen readers, scripts and terminals
// where the full-screen view is not wanted). internal/tui/review draws the
// same flow with Bubble Tea; both produce a record.Review.
package review

import (
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/render"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// View says how a record is shown to a reviewer.
type View struct {
	Width int // columns to wrap to (at least 40)
	// Set supplies the competence statements and labels; the record's own
	// frameworks must be in it for its figures (record.Recompute).
	Set *framework.Set
	// Verification gives earlier reviews their verdicts, with the
	// reviewer's trusted keys; nil verifies with none.
	Verification *record.Verification
}

// Summary writes what a reviewer reads: everything the review will sign,
// in the order of the exports (render.RecordText) — the practitioner, the
// frameworks, the scores, the ranked needs with the note under each, the
// reflection, benefit, standards and plan, the activity and evidence (name,
// size, SHA-256), the anonymisation check, earlier reviews with their
// verdicts, and a table of every rating with its note — then where
// support is.
func Summary(w io.Writer, r *record.Record, v View) error {
	ew := &errWriter{w: w}
	if err := render.RecordText(ew, r, render.RecordOptions{Set: v.Set, Verification: v.Verification}, v.Width); err != nil {
		return err
	}
	ew.println("")
	ew.println(textutil.Wrap("Reflections are not legally privileged. If this work is weighing on you or the practitioner: Samaritans 116 123 (free, day and night), text SHOUT to 85258, or talk to your own supervisor or occupational health.", max(40, v.Width), "", ""))
	return ew.err
}

// Calibration lists a review's own ratings beside the practitioner's,
// one line each: "MINI.2.1.1: practitioner 1, reviewer 2 (self 1 lower)".
func Calibration(r *record.Record, rev record.Review) []string {
	self := map[string]assessment.Answer{}
	for _, a := range r.Answers {
		self[a.Code] = a
	}
	var out []string
	for _, rt := range rev.Ratings {
		a := self[rt.Code]
		switch {
		case a.Rating > 0:
			out = append(out, fmt.Sprintf("%s: practitioner %d, reviewer %d (%s)", rt.Code, a.Rating, rt.Rating, record.DifferenceWords(a.Rating-rt.Rating)))
		case a.NA:
			out = append(out, fmt.Sprintf("%s: practitioner N/A, reviewer %d", rt.Code, rt.Rating))
		default:
			out = append(out, fmt.Sprintf("%s: practitioner not answered, reviewer %d", rt.Code, rt.Rating))
		}
	}
	return out
}

// Needs returns the record's development needs in rank order.
func Needs(r *record.Record) []NeedView {
	if r.Scores == nil {
		return nil
	}
	out := make([]NeedView, 0, len(r.Scores.Needs))
	for _, n := range r.Scores.Needs {
		out = append(out, NeedView{Rank: n.Rank, Code: n.Code, Statement: n.Statement, Rating: n.Rating, Target: n.Target, Flagged: n.Flagged})
	}
	return out
}

// CommentTargets are the questions a reviewer answers with a comment on
// a competence: each development need in rank order, then each competence
// that a comment given beforehand (flags, a draft) names and that is not a
// need. Every front end asks them all, so a comment given beforehand is
// always shown and can be changed or cleared, never dropped unseen.
func CommentTargets(r *record.Record, set *framework.Set, given []record.NeedComment) []NeedView {
	out := Needs(r)
	seen := map[string]bool{}
	for _, n := range out {
		seen[n.Code] = true
	}
	answers := map[string]assessment.Answer{}
	for _, a := range r.Answers {
		answers[a.Code] = a
	}
	for _, nc := range given {
		code := strings.TrimSpace(nc.Code)
		if seen[code] || strings.TrimSpace(nc.Comment) == "" {
			continue
		}
		seen[code] = true
		v := NeedView{Code: code, Other: true}
		a, ok := answers[code]
		v.Unknown = !ok
		if ok {
			v.Rating = a.Rating
			v.NA = a.NA
		}
		if set != nil {
			if c := set.Competence(code); c != nil {
				v.Statement = c.Statement
			}
		}
		out = append(out, v)
	}
	return out
}

// NeedView is a development need as the reviewer sees it, or (Other) a
// competence that is not a need but has a comment given beforehand.
type NeedView struct {
	Rank      int
	Code      string
	Statement string
	Rating    int
	Target    int
	Flagged   bool
	// Other: not a development need; NA: answered not applicable;
	// Unknown: not a competence the record answers, so a comment on it
	// cannot be added (the reviewer clears it, or moves its words).
	Other, NA, Unknown bool
}

// Heading says which question of how many a comment target is.
func Heading(targets []NeedView, i int) string {
	needs, others := 0, 0
	for _, t := range targets {
		if t.Other {
			others++
		} else {
			needs++
		}
	}
	if !targets[i].Other {
		return fmt.Sprintf("Need %d of %d", i+1, needs)
	}
	return fmt.Sprintf("Another competence, %d of %d", i+1-needs, others)
}

// NeedLine is the one-paragraph description of a need.
func NeedLine(n NeedView) string {
	var facts []string
	if n.Rating > 0 {
		facts = append(facts, fmt.Sprintf("rated %d", n.Rating))
	}
	if n.Target > 0 {
		facts = append(facts, fmt.Sprintf("target %d", n.Target))
	}
	if n.Flagged {
		facts = append(facts, "flagged as a priority")
	}
	switch {
	case n.Unknown:
		return n.Code + ": not a competence this record answers, so a comment on it cannot be added; clear it, and put anything you want to keep in another comment"
	case n.Other && n.NA:
		facts = append([]string{"answered not applicable"}, facts...)
	}
	if n.Other {
		facts = append(facts, "not a development need")
	}
	s := n.Code + " " + n.Statement
	if len(facts) > 0 {
		s += " (" + strings.Join(facts, ", ") + ")"
	}
	return s
}

// GoalText writes one goal of a plan.
func GoalText(w io.Writer, n int, g record.Goal, width int) {
	ew, ok := w.(*errWriter)
	if !ok {
		ew = &errWriter{w: w}
	}
	ew.println(textutil.Wrap(g.Objective, width, fmt.Sprintf("  %d. ", n), "     "))
	for _, f := range []struct{ label, v string }{
		{"Competences", strings.Join(g.Competences, ", ")},
		{"Activities", strings.Join(g.Activities, "; ")},
		{"Resources", strings.Join(g.Resources, "; ")},
		{"Target date", g.TargetDate},
		{"Success measure", g.SuccessMeasure},
		{"Status", g.Status},
	} {
		if f.v != "" {
			ew.println(textutil.Wrap(f.label+": "+f.v, width, "     ", "       "))
		}
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) println(s string) { fmt.Fprintln(e, s) }
