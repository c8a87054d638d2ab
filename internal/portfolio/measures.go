package portfolio

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/rules"
)

func (b *builder) of(kind string) []*source {
	var out []*source
	for _, s := range b.all {
		if s.in && s.item.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// hasReflection reports whether a record has any reflection written.
func (s *source) hasReflection() bool {
	if s.rec == nil {
		return false
	}
	for _, sec := range s.rec.Reflection.Sections {
		if strings.TrimSpace(sec.Text) != "" {
			return true
		}
	}
	return false
}

func parseDay(s string) time.Time {
	t, _ := time.Parse(dateLayout, s)
	return t
}

func daysBetween(a, b string) int {
	return int(math.Round(parseDay(b).Sub(parseDay(a)).Hours()/24)) + 1
}

// proRata is the part of a practice period's hours that falls in the cycle.
func (b *builder) proRata(s *source) float64 {
	first, last := s.e.Start, s.e.End
	if first >= b.start && last <= b.end {
		return s.item.Hours
	}
	from, to := maxStr(first, b.start), minStr(last, b.end)
	if to < from {
		return 0
	}
	return math.Round(s.item.Hours*float64(daysBetween(from, to))/float64(daysBetween(first, last))*100) / 100
}

func maxStr(a, b string) string {
	if a > b {
		return a
	}
	return b
}

func minStr(a, b string) string {
	if a < b {
		return a
	}
	return b
}

func (b *builder) requirement(q rules.Requirement) Requirement {
	out := Requirement{ID: q.ID, Title: q.Title, Describe: q.Describe, Required: q.Required, Unit: q.Unit(), Compare: q.Comparison(), Note: q.Note, Counts: []string{}}
	if s := b.r.SourceByID(q.Source); s != nil {
		out.Source = SourceRef{Title: s.Title, Publisher: s.Publisher, URL: s.URL, Published: s.Published}
	}
	count := func(ss []*source) {
		for _, s := range ss {
			s.counts[q.ID] = true
			out.Counts = append(out.Counts, s.e.ID)
		}
		out.Have = float64(len(ss))
	}
	var filter = func(ss []*source, keep func(*source) bool) []*source {
		var o []*source
		for _, s := range ss {
			if keep(s) {
				o = append(o, s)
			}
		}
		return o
	}
	acts := b.of(cpdlog.KindActivity)
	var gaps []Gap
	switch q.Measure {
	case rules.MeasurePracticeHours:
		for _, s := range b.of(cpdlog.KindPractice) {
			h := b.proRata(s)
			if h != s.item.Hours {
				s.e.CountedHours = h
			}
			out.Have += h
			s.counts[q.ID] = true
			out.Counts = append(out.Counts, s.e.ID)
		}
	case rules.MeasureCPDHours, rules.MeasureParticipatoryHours:
		for _, s := range acts {
			h := s.item.Hours
			if q.Measure == rules.MeasureParticipatoryHours {
				h = s.item.ParticipatoryHours
			}
			if h > 0 {
				out.Have += h
				s.counts[q.ID] = true
				out.Counts = append(out.Counts, s.e.ID)
			}
		}
	case rules.MeasureFeedback:
		count(b.of(cpdlog.KindFeedback))
	case rules.MeasureReflectiveAccounts:
		accounts := b.of(cpdlog.KindAccount)
		accounts = append(accounts, filter(acts, (*source).hasReflection)...)
		count(accounts)
	case rules.MeasureReflectiveDiscussion:
		count(b.of(cpdlog.KindDiscussion))
	case rules.MeasureActivityTypes:
		types := map[string]bool{}
		for _, s := range acts {
			if s.item.Type != "" && b.r.Type(s.item.Type) != nil {
				types[s.item.Type] = true
				s.counts[q.ID] = true
				out.Counts = append(out.Counts, s.e.ID)
			}
		}
		out.Have = float64(len(types))
	case rules.MeasureGaps:
		gaps = b.gaps(q.GapMonths)
		for _, g := range gaps {
			if !g.Explained {
				out.Have++
			}
		}
		for _, s := range b.of(cpdlog.KindGap) {
			s.counts[q.ID] = true
			out.Counts = append(out.Counts, s.e.ID)
		}
	case rules.MeasurePieces, rules.MeasureCPDActivities:
		count(acts)
	case rules.MeasurePeerReflection:
		linked := map[string]bool{}
		for _, s := range b.all {
			if s.item.Kind == cpdlog.KindPeer {
				for _, id := range s.item.Activities {
					linked[id] = true
				}
			}
		}
		count(filter(acts, func(s *source) bool { return linked[s.e.ID] }))
		for _, s := range b.of(cpdlog.KindPeer) {
			s.counts[q.ID] = true
		}
	case rules.MeasureQualityImprovement:
		count(b.of(cpdlog.KindQI))
	case rules.MeasureSignificantEvents:
		count(b.of(cpdlog.KindEvent))
	case rules.MeasureColleagueFeedback:
		count(filter(b.of(cpdlog.KindFeedback), func(s *source) bool { return cpdlog.IsColleagueSource(s.item.Source) }))
	case rules.MeasurePatientFeedback:
		count(filter(b.of(cpdlog.KindFeedback), func(s *source) bool { return cpdlog.IsPatientSource(s.item.Source) }))
	case rules.MeasureComplimentsComplaint:
		count(filter(b.of(cpdlog.KindFeedback), func(s *source) bool { return s.item.IsComplimentOrComplaint() }))
	}
	out.Have = math.Round(out.Have*100) / 100
	if out.Compare == rules.AtMost {
		out.Met = out.Have <= out.Required
	} else {
		out.Met = out.Have >= out.Required-1e-9
	}
	if !out.Met {
		out.Missing = missing(q, out, gaps)
	}
	return out
}

func missing(q rules.Requirement, r Requirement, gaps []Gap) string {
	short := r.Required - r.Have
	n := cpdlog.FormatHours(short)
	switch q.Measure {
	case rules.MeasurePracticeHours:
		return n + " more hours of practice (add them with 'reflect log add practice')"
	case rules.MeasureCPDHours:
		return n + " more hours of CPD (add activities with 'reflect log add activity')"
	case rules.MeasureParticipatoryHours:
		return n + " more participatory hours: learning with other people"
	case rules.MeasureFeedback:
		return count(short, "more piece", "more pieces") + " of practice-related feedback ('reflect log add feedback')"
	case rules.MeasureReflectiveAccounts:
		return count(short, "more written reflective account", "more written reflective accounts") + " ('reflect log add account', or a record's reflection)"
	case rules.MeasureReflectiveDiscussion:
		return "a reflective discussion with another registrant, recorded with their name, PIN, e-mail, professional address and postcode ('reflect log add discussion')"
	case rules.MeasureActivityTypes:
		return count(short, "more type", "more types") + " of learning activity: a mixture, not all of one kind"
	case rules.MeasureGaps:
		var parts []string
		for _, g := range gaps {
			if !g.Explained {
				parts = append(parts, fmt.Sprintf("%s to %s (%d months)", g.Start, g.End, g.Months))
			}
		}
		return fmt.Sprintf("an explanation of %s: %s ('reflect log add gap' with the dates and why)", count(r.Have, "gap", "gaps"), strings.Join(parts, "; "))
	case rules.MeasurePieces:
		return count(short, "more piece", "more pieces") + " of CPD this registration year"
	case rules.MeasurePeerReflection:
		return count(short, "piece", "pieces") + " of CPD with a peer reflection ('reflect log add peer-reflection')"
	case rules.MeasureCPDActivities:
		return count(short, "CPD activity", "CPD activities")
	case rules.MeasureQualityImprovement:
		return count(short, "quality improvement activity", "quality improvement activities") + " ('reflect log add quality-improvement')"
	case rules.MeasureColleagueFeedback:
		return count(short, "piece", "pieces") + " of feedback from colleagues (a colleague feedback exercise)"
	case rules.MeasurePatientFeedback:
		return count(short, "piece", "pieces") + " of feedback from patients (a patient feedback exercise, where your practice has patients)"
	}
	if r.Compare == rules.AtMost {
		return fmt.Sprintf("%s over the limit of %s", cpdlog.FormatHours(r.Have-r.Required), cpdlog.FormatHours(r.Required))
	}
	return fmt.Sprintf("%s more %s", n, r.Unit)
}

func count(v float64, one, many string) string {
	n := int(math.Ceil(v - 1e-9))
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// gaps finds the gaps of months or more without a CPD activity between the
// cycle's start and its end (or today, if sooner), and whether explained
// gaps in the log cover them.
func (b *builder) gaps(months int) []Gap {
	until := minStr(b.end, b.p.Generated)
	type span struct{ from, to string }
	var acts []span
	for _, s := range b.of(cpdlog.KindActivity) {
		acts = append(acts, span{s.e.Start, s.e.End})
	}
	sort.Slice(acts, func(i, j int) bool { return acts[i].from < acts[j].from })
	var explained []*source
	for _, s := range b.all {
		if s.item.Kind == cpdlog.KindGap {
			explained = append(explained, s)
		}
	}
	var out []Gap
	cursor := b.start
	consider := func(from, to string) {
		if to < from || !longEnough(from, to, months) {
			return
		}
		g := Gap{Start: from, End: to, Months: monthsBetween(from, to)}
		// What is left of the gap once the explained periods are taken out.
		rest := []span{{from, to}}
		var why []string
		for _, x := range explained {
			var next []span
			hit := false
			for _, r := range rest {
				if x.e.End < r.from || x.e.Start > r.to {
					next = append(next, r)
					continue
				}
				hit = true
				if x.e.Start > r.from {
					next = append(next, span{r.from, dayBefore(x.e.Start)})
				}
				if x.e.End < r.to {
					next = append(next, span{dayAfter(x.e.End), r.to})
				}
			}
			if hit {
				why = append(why, firstLine(x.item.Explanation))
			}
			rest = next
		}
		g.Explained = true
		for _, r := range rest {
			if longEnough(r.from, r.to, months) {
				g.Explained = false
			}
		}
		if len(why) > 0 {
			g.Explanation = strings.Join(why, "; ")
		}
		out = append(out, g)
	}
	for _, a := range acts {
		if a.from > cursor {
			consider(cursor, dayBefore(a.from))
		}
		if next := dayAfter(a.to); next > cursor {
			cursor = next
		}
	}
	consider(cursor, until)
	return out
}

// longEnough reports whether the days from..to (inclusive) span months.
func longEnough(from, to string, months int) bool {
	return !parseDay(to).AddDate(0, 0, 1).Before(parseDay(from).AddDate(0, months, 0))
}

func monthsBetween(from, to string) int {
	n := 0
	for longEnough(from, to, n+1) {
		n++
	}
	return n
}

func dayBefore(s string) string { return parseDay(s).AddDate(0, 0, -1).Format(dateLayout) }
func dayAfter(s string) string  { return parseDay(s).AddDate(0, 0, 1).Format(dateLayout) }
