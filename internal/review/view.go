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
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Summary writes what a reviewer reads: who and what the record is about,
// the scores, the development needs, the reflection, the benefit, the plan
// and any earlier reviews, wrapped to width columns.
func Summary(w io.Writer, r *record.Record, width int) error {
	if width < 40 {
		width = 40
	}
	ew := &errWriter{w: w}
	p := r.Practitioner
	who := strings.Join(nonEmpty(p.Name, p.Profession, p.Role, p.Setting), ", ")
	if who == "" {
		who = "no name given"
	}
	ew.printf("CPD record %s: %s\n", r.ID, who)
	switch {
	case p.Regulator != "" && p.Registration != "":
		ew.printf("Regulator: %s; registration number %s\n", p.Regulator, p.Registration)
	case p.Regulator != "":
		ew.printf("Regulator: %s\n", p.Regulator)
	case p.Registration != "":
		ew.printf("Registration number: %s\n", p.Registration)
	}
	ew.printf("Status: %s; created %s; last updated %s\n", r.Status, r.Created.Format("2006-01-02"), r.Updated.Format("2006-01-02"))
	for _, f := range r.Frameworks {
		line := fmt.Sprintf("Framework: %s, version %s", f.Title, f.Version)
		if f.ProfileTitle != "" {
			line += "; profile: " + f.ProfileTitle
		}
		ew.println(textutil.Wrap(line, width, "", "  "))
		if f.Provenance.Notice != "" {
			ew.println(textutil.Wrap(f.Provenance.Notice, width, "  ", "  "))
		}
	}
	a := r.Activity
	if a.Title != "" || a.Hours > 0 || a.StartDate != "" {
		ew.println(textutil.Wrap("Activity: "+strings.Join(nonEmpty(a.Title, dates(a.StartDate, a.EndDate), hours(a.Hours, a.ParticipatoryHours)), "; "), width, "", "  "))
	}

	ew.heading("Scores")
	if r.Scores == nil {
		ew.println("  No scores: the assessment has not been scored.")
	} else {
		s := r.Scores
		ew.printf("  Overall: %s, %d of %d rated, %d not applicable\n", meanText(s.Overall.Rated, s.Overall.Mean, s.Overall.LevelLabel), s.Overall.Rated, s.Overall.Total, s.Overall.NA)
		for _, ar := range s.Areas {
			line := fmt.Sprintf("%s %s: %s", ar.Code, ar.Title, meanText(ar.Rated, ar.Mean, ar.LevelLabel))
			if ar.Target > 0 {
				line += fmt.Sprintf("; target %d", ar.Target)
				if ar.BelowTarget() {
					line += fmt.Sprintf(", below by %.2g", ar.Gap)
				}
			}
			ew.println(textutil.Wrap(line, width, "  ", "      "))
		}
	}

	ew.heading("Development needs")
	needs := Needs(r)
	if len(needs) == 0 {
		ew.println("  None recorded.")
	}
	for _, n := range needs {
		ew.println(textutil.Wrap(NeedLine(n), width, fmt.Sprintf("  %d. ", n.Rank), "     "))
	}

	ew.heading("Reflection")
	if r.Reflection.Model != "" {
		ew.printf("  Model: %s\n", modelTitle(r.Reflection.Model))
	}
	if len(r.Reflection.Focus) > 0 {
		ew.printf("  Focus: %s\n", strings.Join(r.Reflection.Focus, ", "))
	}
	wrote := false
	for _, sec := range r.Reflection.Sections {
		ew.println(textutil.Wrap(sec.Prompt, width, "  ", "  "))
		text := strings.TrimSpace(sec.Text)
		if text == "" {
			ew.println("    (not written)")
			continue
		}
		wrote = true
		for _, para := range strings.Split(text, "\n") {
			ew.println(textutil.Wrap(para, width, "    ", "    "))
		}
	}
	if len(r.Reflection.Sections) == 0 || !wrote {
		ew.println("  No reflection written.")
	}
	if strings.TrimSpace(r.Benefit) != "" {
		ew.heading("Benefit to the people supported")
		ew.println(textutil.Wrap(r.Benefit, width, "  ", "  "))
	}
	if len(r.Standards) > 0 {
		ew.heading("Standards")
		for _, st := range r.Standards {
			ew.println(textutil.Wrap(st.Label, width, "  "+strings.ToUpper(st.Scheme)+": ", "      "))
		}
	}

	ew.heading("Development plan")
	if len(r.Plan) == 0 {
		ew.println("  No goals written.")
	}
	for i, g := range r.Plan {
		GoalText(ew, i+1, g, width)
	}
	if len(r.Reviews) > 0 {
		ew.heading("Earlier reviews")
		for _, rev := range r.Reviews {
			ew.println(textutil.Wrap(fmt.Sprintf("%s, %s: plan %s", strings.Join(nonEmpty(rev.Reviewer.Name, rev.Reviewer.Role), ", "), rev.Date, decisionText(rev.PlanDecision())), width, "  ", "    "))
			if rev.Comments != "" {
				ew.println(textutil.Wrap(rev.Comments, width, "    ", "    "))
			}
			if len(rev.Ratings) > 0 {
				ew.println("    The reviewer's own ratings, beside the practitioner's (never averaged):")
				for _, c := range Calibration(r, rev) {
					ew.println(textutil.Wrap(c, width, "      ", "        "))
				}
			}
		}
	}
	ew.println("")
	ew.println(textutil.Wrap("Reflections are not legally privileged. If this work is weighing on you or the practitioner: Samaritans 116 123 (free, day and night), text SHOUT to 85258, or talk to your own supervisor or occupational health.", width, "", ""))
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

// NeedView is a development need as the reviewer sees it.
type NeedView struct {
	Rank      int
	Code      string
	Statement string
	Rating    int
	Target    int
	Flagged   bool
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

func decisionText(d string) string {
	switch d {
	case record.PlanAgree:
		return "agreed"
	case record.PlanAmend:
		return "agreed with amendments"
	}
	return "not agreed"
}

func modelTitle(id string) string {
	for _, m := range cpd.Models {
		if m.ID == id {
			return m.Title
		}
	}
	return id
}

func meanText(rated int, mean float64, label string) string {
	if rated == 0 {
		return "not rated"
	}
	if label != "" {
		return fmt.Sprintf("%.2f (%s)", mean, label)
	}
	return fmt.Sprintf("%.2f", mean)
}

func dates(a, b string) string {
	switch {
	case a != "" && b != "" && a != b:
		return a + " to " + b
	case a != "":
		return a
	}
	return b
}

func hours(h, p float64) string {
	switch {
	case h > 0 && p > 0:
		return fmt.Sprintf("%g hours (%g participatory)", h, p)
	case h > 0:
		return fmt.Sprintf("%g hours", h)
	}
	return ""
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
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

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
func (e *errWriter) println(s string)                  { fmt.Fprintln(e, s) }
func (e *errWriter) heading(s string)                  { fmt.Fprintf(e, "\n%s\n", strings.ToUpper(s)) }
