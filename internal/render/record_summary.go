// The summary a confirmer reads first: who, the activity and hours, the
// scores, the most pressing needs, the reflection, the plan and the review
// verdict, in at most two pages. The rest of the record follows it as an
// appendix (or is left out, with RecordOptions.SummaryOnly).

package render

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// SummaryNeeds is how many development needs the summary lists.
const SummaryNeeds = 5

// summaryWords is how many words of the reflection the summary shows
// before it shortens each section (the whole text is in the appendix).
// About 700 words leave room on two A4 pages for the rest of the summary;
// the PDF checks that it does and shortens further if not.
const summaryWords = 700

type summaryView struct {
	Who        []kv
	Activity   []kv
	Status     string // "Complete", or what is left
	Complete   bool
	Frameworks []string // "Title, version 1.0.0 (Role profile: …)"
	Notices    []string // the provenance notice of each framework
	TopNeeds   []needView
	MoreNeeds  int // needs not listed in the summary
	ModelTitle string
	Sections   []sectionView
	Shortened  bool // some section is shortened; the appendix has it in full
	Goals      []goalView
	Verdict    []string // the latest review, in the review's own words; empty when not reviewed
	Reviewed   bool
	Anonymised string
	AnonOK     bool
}

func buildSummary(d *recordDoc, budget int) summaryView {
	r := d.R
	s := summaryView{ModelTitle: d.ModelTitle, AnonOK: d.AnonOK}
	p := r.Practitioner
	who := []kv{{"Name", p.Name}, {"Profession", p.Profession}, {"Role", p.Role}, {"Where they work", p.Setting}}
	if reg := strings.TrimSpace(p.Registration); reg != "" {
		label := "Registration number"
		switch {
		case cpd.IsNMC(p.Regulator):
			label = "NMC PIN"
		case p.Regulator != "":
			label = "Registration (" + oneLine(p.Regulator) + ")"
		}
		who = append(who, kv{label, reg})
	} else if p.Regulator != "" {
		who = append(who, kv{"Regulator", p.Regulator})
	}
	for _, x := range who {
		if strings.TrimSpace(x.Value) != "" {
			s.Who = append(s.Who, kv{x.Label, oneLine(x.Value)})
		}
	}
	hours := d.Hours
	if hours != "" {
		hours += " hours"
		if d.ParticipatoryHours != "" {
			hours += ", of which " + d.ParticipatoryHours + " participatory"
		} else {
			hours += ", none participatory"
		}
	}
	for _, x := range []kv{{"Activity", d.ActivityTitle}, {"Dates", d.Dates}, {"Type of CPD", d.Method}, {"Hours", hours}} {
		if strings.TrimSpace(x.Value) != "" {
			s.Activity = append(s.Activity, x)
		}
	}
	prog := cpd.ProgressOf(r)
	s.Complete = prog.Complete()
	s.Status = capitalise(prog.String())
	for _, f := range d.Frameworks {
		s.Frameworks = append(s.Frameworks, fmt.Sprintf("%s, version %s (%s)", f.Title, f.Version, f.Scope))
		if f.Notice != "" {
			s.Notices = append(s.Notices, f.Notice)
		}
	}
	for i, n := range d.Needs {
		if i == SummaryNeeds {
			s.MoreNeeds = len(d.Needs) - i
			break
		}
		s.TopNeeds = append(s.TopNeeds, n)
	}
	s.Sections, s.Shortened = shortenSections(d.Sections, budget)
	s.Goals = d.Plan
	if n := len(d.Reviews); n > 0 {
		rv := d.Reviews[n-1]
		s.Reviewed = true
		head := "Reviewed by " + rv.Reviewer
		if rv.Date != "" {
			head += " on " + rv.Date
		}
		if n > 1 {
			head += fmt.Sprintf(" (the latest of %d reviews)", n)
		}
		s.Verdict = append(s.Verdict, head+".")
		for _, x := range []string{rv.PlanDecision, rv.Integrity, rv.Signature} {
			if x = strings.TrimSpace(x); x != "" {
				s.Verdict = append(s.Verdict, strings.TrimSuffix(x, ":"))
			}
		}
	}
	s.Anonymised = d.Anonymisation
	return s
}

// shortenSections keeps the reflection within budget words: when it is
// longer, each section is cut at a word boundary to an equal share and
// marked as continuing in the appendix.
func shortenSections(secs []sectionView, budget int) ([]sectionView, bool) {
	total, written := 0, 0
	for _, s := range secs {
		if n := len(strings.Fields(s.Text)); n > 0 {
			total += n
			written++
		}
	}
	if total <= budget || written == 0 {
		return secs, false
	}
	share := max(30, budget/written)
	out := make([]sectionView, len(secs))
	copy(out, secs)
	short := false
	for i := range out {
		if cut, ok := firstWords(out[i].Text, share); ok {
			out[i].Text = cut + " … (continued in full in the appendix)"
			short = true
		}
	}
	return out, short
}

// firstWords returns the first n words of s, keeping its paragraph
// breaks, and whether anything was cut.
func firstWords(s string, n int) (string, bool) {
	count := 0
	inWord := false
	for i, r := range s {
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !space && !inWord {
			count++
			if count > n {
				return strings.TrimRight(s[:i], " \n\t\r,;:"), true
			}
		}
		inWord = !space
	}
	return s, false
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// statusText is the record's status as the exports show it.
func statusText(r *record.Record) string { return capitalise(cpd.ProgressOf(r).String()) }
