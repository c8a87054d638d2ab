package linemode

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// WriteSummary writes the scores of a session as plain text: overall,
// per domain and per area against targets, coverage, not applicable,
// unanswered, strengths and the ranked development needs. No bars or
// symbols, so that it reads well aloud.
func WriteSummary(w io.Writer, s *assessment.Session, width int) {
	if width <= 0 {
		width = 80
	}
	sc := s.Score()
	scale := s.Plan.Scale()
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	wrap := func(text, first, rest string) { fmt.Fprintln(w, textutil.Wrap(text, width, first, rest)) }

	p("Your summary\n\n")
	o := sc.Overall
	if o.HasMean() {
		wrap(fmt.Sprintf("Overall: %s (%.1f out of %d, %s).", o.LevelLabel, o.Mean, sc.ScaleMax, percent(o.Percent)), "", "")
	} else {
		wrap("Overall: nothing rated yet.", "", "")
	}
	wrap(fmt.Sprintf("Answered: %d rated, %d not applicable, %d unanswered, of %d statements. Coverage %s (rated out of those that apply).",
		o.Rated, o.NA, o.Unanswered, o.Total, percent(o.Coverage*100)), "", "")
	p("\nBy domain:\n")
	for _, d := range sc.Domains {
		wrap(fmt.Sprintf("%s %s: %s%s.", d.Code, d.Title, scoreWords(d.Score), domainTarget(d)), "  ", "    ")
	}
	p("\nBy area:\n")
	for _, a := range sc.Areas {
		wrap(fmt.Sprintf("%s %s: %s%s.", a.Code, a.Title, scoreWords(a.Score), areaTarget(a)), "  ", "    ")
	}
	if len(sc.NA) > 0 {
		p("\nNot applicable (left out of the scores):\n")
		for _, n := range sc.NA {
			wrap(fmt.Sprintf("%s: %s", n.Code, strings.ToLower(n.ReasonLabel)), "  ", "    ")
		}
	}
	if len(sc.Unanswered) > 0 {
		p("\nUnanswered (%d): %s\n", len(sc.Unanswered), listCodes(sc.Unanswered, 12))
	}
	p("\nStrengths (areas at or above their target):\n")
	if len(sc.Strengths) == 0 {
		p("  none yet\n")
	}
	for _, code := range sc.Strengths {
		for _, a := range sc.Areas {
			if a.Code == code {
				wrap(fmt.Sprintf("%s %s (%.1f, target %d)", a.Code, a.Title, a.Mean, a.Target), "  ", "    ")
			}
		}
	}
	p("\nDevelopment needs, most pressing first:\n")
	if len(sc.Needs) == 0 {
		p("  none: nothing is below its target and nothing is flagged\n")
	}
	for _, n := range sc.Needs {
		wrap(fmt.Sprintf("%d. %s %s (%s)", n.Rank, n.Code, n.Statement, cpd.NeedWhy(n, scale)), "  ", "     ")
	}
}

// percent writes a percentage as a whole number, halves rounded up as the
// questionnaire's summary does (fmt's %.0f would show 62.5 as 62 there
// and 63 on the other screen).
func percent(p float64) string {
	return strconv.Itoa(int(math.Round(p))) + "%"
}

func scoreWords(s assessment.Score) string {
	if !s.HasMean() {
		if s.Total > 0 && s.NA == s.Total {
			return "all not applicable"
		}
		return "not rated yet"
	}
	out := fmt.Sprintf("%s, %.1f (%s), %d of %d rated", s.LevelLabel, s.Mean, percent(s.Percent), s.Rated, s.Total)
	if s.NA > 0 {
		out += fmt.Sprintf(", %d not applicable", s.NA)
	}
	return out
}

func areaTarget(a assessment.AreaScore) string {
	switch {
	case a.Target == 0:
		return ""
	case !a.HasMean():
		return fmt.Sprintf("; target %d", a.Target)
	case a.Gap > 0:
		return fmt.Sprintf("; target %d, %.1f below", a.Target, a.Gap)
	default:
		return fmt.Sprintf("; target %d, met", a.Target)
	}
}

func domainTarget(d assessment.DomainScore) string {
	if d.Target == 0 {
		return ""
	}
	return fmt.Sprintf("; target %.1f", d.Target)
}

func listCodes(codes []string, max int) string {
	if len(codes) <= max {
		return strings.Join(codes, ", ")
	}
	return strings.Join(codes[:max], ", ") + fmt.Sprintf(" and %d more", len(codes)-max)
}
