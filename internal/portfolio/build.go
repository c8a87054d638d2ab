package portfolio

import (
	"errors"
	"fmt"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/rules"
)

const dateLayout = cpdlog.DateLayout

// Input is what a portfolio is made from.
type Input struct {
	Rules *rules.Rules
	Log   *cpdlog.Log
	// Verification of the log's chain (nil when not checked).
	Verification *cpdlog.Verification
	// Records are the person's reflect records; only complete ones count.
	Records []*record.Record
	// Renewal is the renewal (or revalidation) date, YYYY-MM-DD: the end
	// of the cycle. Empty takes the log's settings.
	Renewal string
	Today   time.Time
	// Accounts are the ids of the reflective accounts the person picks
	// for the NMC form (at most five are shown); empty takes the latest.
	Accounts []string
	// Profile is the id of the HCPC profile draft; empty takes the latest.
	Profile string
}

// CycleFor works out the cycle's first and last day from the renewal date.
// For a registration year the renewal date may be any day of the year: the
// year that holds it is taken.
func CycleFor(r *rules.Rules, renewal string) (start, end time.Time, err error) {
	d, err := time.Parse(dateLayout, renewal)
	if err != nil {
		return start, end, fmt.Errorf("the renewal date %q is not a date: write it as YYYY-MM-DD", renewal)
	}
	switch r.Cycle.Kind {
	case rules.CycleRegistrationYear:
		md, _ := time.Parse("2006-01-02", "2001-"+r.Cycle.YearStarts)
		s := time.Date(d.Year(), md.Month(), md.Day(), 0, 0, 0, 0, time.UTC)
		if s.After(d) {
			s = s.AddDate(-1, 0, 0)
		}
		return s, s.AddDate(1, 0, -1), nil
	default:
		return d.AddDate(-r.Cycle.Years, 0, 1), d, nil
	}
}

// Build adds the cycle up.
func Build(in Input) (*Portfolio, error) {
	r := in.Rules
	if r == nil {
		return nil, errors.New("no regulator's rules given")
	}
	if in.Log == nil {
		in.Log, _ = cpdlog.Parse("", nil)
	}
	today := in.Today.UTC().Format(dateLayout)
	settings := in.Log.Settings()
	renewal := in.Renewal
	if renewal == "" {
		renewal = settings.Renewal
	}
	if renewal == "" {
		if r.Cycle.Kind != rules.CycleRegistrationYear {
			return nil, fmt.Errorf("reflect needs your renewal date to know which %s to count: give --renewal YYYY-MM-DD, or keep it with 'reflect log settings --renewal YYYY-MM-DD'", r.Cycle.Describe)
		}
		renewal = today
	}
	start, end, err := CycleFor(r, renewal)
	if err != nil {
		return nil, err
	}
	if maxAhead := in.Today.AddDate(cycleYears(r)+1, 0, 0); end.After(maxAhead) {
		return nil, fmt.Errorf("the renewal date %s is more than %d years away, so the cycle has not started yet: check the date (your next renewal is within %s)", renewal, cycleYears(r)+1, r.Cycle.Describe)
	}
	p := &Portfolio{
		Format: Format, SchemaVersion: SchemaVersion,
		Regulator: r.ID, RegulatorName: r.Regulator, Generated: today,
		Person: Person{Name: settings.Name, Registration: settings.Registration, Profession: settings.Profession},
		Cycle: Cycle{Start: start.Format(dateLayout), End: end.Format(dateLayout), Describe: r.Cycle.Describe,
			DaysLeft: int(math.Round(end.Sub(truncDay(in.Today)).Hours() / 24))},
		Rules: rulesRef(r),
	}
	n, head := in.Log.Head()
	p.Log = LogState{Changes: n, Head: head, Verified: in.Verification != nil && in.Verification.OK()}
	if in.Verification != nil {
		p.Log.Breaks = len(in.Verification.Breaks)
		if !in.Verification.OK() {
			p.Notes = append(p.Notes, fmt.Sprintf("The CPD log's chain is broken in %d places (run 'reflect log verify' to see where): it cannot show that it was not edited after the fact.", len(in.Verification.Breaks)))
		}
	}
	b := &builder{in: in, r: r, p: p, start: p.Cycle.Start, end: p.Cycle.End, byID: map[string]*source{}}
	b.collect()
	for _, q := range r.Requirements {
		p.Requirements = append(p.Requirements, b.requirement(q))
	}
	b.finishEntries()
	switch r.ID {
	case "nmc":
		p.NMC = b.nmc()
	case "hcpc":
		p.HCPC = b.hcpc()
	case "swe":
		p.SWE = b.swe()
	case "gmc":
		p.GMC = b.gmc()
	}
	if p.NMC == nil && p.HCPC == nil && p.SWE == nil && p.GMC == nil {
		// A rules file of one's own: show the sections its measures need.
		for _, q := range r.Requirements {
			switch q.Measure {
			case rules.MeasureGaps, rules.MeasureActivityTypes:
				if p.HCPC == nil {
					p.HCPC = b.hcpc()
				}
			}
		}
	}
	return p, nil
}

func cycleYears(r *rules.Rules) int {
	if r.Cycle.Kind == rules.CycleRegistrationYear {
		return 1
	}
	return r.Cycle.Years
}

func truncDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func rulesRef(r *rules.Rules) RulesRef {
	ref := RulesRef{ID: r.ID, File: r.File, Checked: r.Checked, NotChecked: r.Unchecked}
	for _, s := range r.Sources {
		ref.Sources = append(ref.Sources, SourceRef{Title: s.Title, Publisher: s.Publisher, URL: s.URL, Published: s.Published})
	}
	return ref
}

// source is an entry with what it is made from.
type source struct {
	e      *Entry
	item   cpdlog.Item // for log entries, and a view of a record's activity
	rec    *record.Record
	in     bool // falls in the cycle
	counts map[string]bool
}

type builder struct {
	in         Input
	r          *rules.Rules
	p          *Portfolio
	start, end string
	all        []*source // every dated entry, in order
	byID       map[string]*source
}

// collect gathers the log's entries and the records' activities.
func (b *builder) collect() {
	for _, le := range b.in.Log.Entries(false) {
		it := le.Item
		first, last := it.Days()
		e := &Entry{ID: le.ID, From: "log", Kind: it.Kind, Title: entryTitle(&it), Start: first, End: last,
			Type: it.Type, Method: it.Method, Provider: it.Provider, Hours: it.Hours, Participatory: it.ParticipatoryHours,
			Themes: themeLabels(it.Themes), Description: it.Description, Learning: it.Learning, Impact: it.Impact,
			Source: it.Source, FeedbackType: it.FeedbackType}
		if t := b.r.Type(it.Type); t != nil {
			e.TypeTitle = t.Title
		} else if it.Type != "" {
			e.TypeTitle = it.Type + " (not a type of the " + b.r.Short + ")"
		}
		for _, ev := range it.Evidence {
			e.Evidence = append(e.Evidence, evidenceText(ev))
		}
		b.add(&source{e: e, item: it})
	}
	inProgress := 0
	for _, rec := range b.in.Records {
		if rec.Status != record.StatusComplete {
			inProgress++
			continue
		}
		b.add(b.recordSource(rec))
	}
	if inProgress > 0 {
		b.p.Notes = append(b.p.Notes, fmt.Sprintf("%d assessment%s still in progress %s not counted; finish %s with 'reflect assess --resume'.", inProgress, plural(inProgress, "", "s"), plural(inProgress, "is", "are"), plural(inProgress, "it", "them")))
	}
	sort.SliceStable(b.all, func(i, j int) bool {
		if b.all[i].e.End != b.all[j].e.End {
			return b.all[i].e.End < b.all[j].e.End
		}
		return b.all[i].e.Start < b.all[j].e.Start
	})
	out := 0
	for _, s := range b.all {
		// An entry counts when it ends in the cycle (a practice period
		// that overlaps it counts pro rata).
		s.in = s.e.End >= b.start && s.e.End <= b.end
		if s.item.Kind == cpdlog.KindPractice || s.item.Kind == cpdlog.KindGap {
			s.in = s.e.End >= b.start && s.e.Start <= b.end
		}
		if !s.in && s.item.Kind != cpdlog.KindProfile {
			out++
		}
	}
	if out > 0 {
		b.p.Notes = append(b.p.Notes, fmt.Sprintf("%d entr%s outside the cycle (%s to %s) %s not counted.", out, plural(out, "y", "ies"), b.start, b.end, plural(out, "is", "are")))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (b *builder) add(s *source) {
	s.counts = map[string]bool{}
	b.all = append(b.all, s)
	b.byID[s.e.ID] = s
}

// recordSource is a complete record's own activity, counted once as a CPD
// activity (it need not be entered in the log too).
func (b *builder) recordSource(rec *record.Record) *source {
	a := rec.Activity
	first, last := a.StartDate, a.EndDate
	if first == "" {
		first = rec.Updated.UTC().Format(dateLayout)
	}
	if last == "" {
		last = first
	}
	title := a.Title
	if title == "" {
		var names []string
		for _, f := range rec.Frameworks {
			names = append(names, f.Title)
		}
		title = "Self-assessment against " + strings.Join(names, "; ")
	}
	method := a.Method
	if method == "" {
		method = "Self-assessment against a competence framework, with reflection"
	}
	var themes []string
	for _, s := range rec.Standards {
		if s.Scheme == cpd.SchemeNMC {
			themes = append(themes, s.ID)
		}
	}
	// The record's own type, from the flow's activity type step (or its
	// answers file); a record without one, or with one this regulator
	// does not list, counts as the rules' type for a self-assessment.
	typ := b.r.RecordType
	if a.Type != "" {
		if b.r.Type(a.Type) != nil {
			typ = a.Type
		} else {
			def := typ
			if t := b.r.Type(typ); t != nil {
				def = t.Title
			}
			b.p.Notes = append(b.p.Notes, fmt.Sprintf("The record %q gives its activity type as %q, which is not on the %s's list, so it counts as %q.",
				title, a.Type, b.r.Short, def))
		}
	}
	it := cpdlog.Item{Kind: cpdlog.KindActivity, Title: title, Start: first, End: last, Method: method, Type: typ,
		Hours: a.Hours, ParticipatoryHours: a.ParticipatoryHours, Themes: themes, Evidence: a.Evidence}
	e := &Entry{ID: rec.ID, From: "record", Kind: cpdlog.KindActivity, Title: title, Start: first, End: last,
		Type: it.Type, Method: method, Hours: a.Hours, Participatory: a.ParticipatoryHours, Themes: themeLabels(themes),
		Description: recordTopic(rec)}
	if t := b.r.Type(it.Type); t != nil {
		e.TypeTitle = t.Title
	}
	for _, ev := range a.Evidence {
		e.Evidence = append(e.Evidence, evidenceText(ev))
	}
	return &source{e: e, item: it, rec: rec}
}

func recordTopic(rec *record.Record) string {
	var parts []string
	for _, f := range rec.Frameworks {
		parts = append(parts, f.Title)
	}
	s := "Self-assessment against " + strings.Join(parts, "; ")
	if n := len(rec.Reflection.Focus); n > 0 {
		s += fmt.Sprintf(", with a reflection on %d development need%s and a development plan", n, plural(n, "", "s"))
	}
	return s
}

func entryTitle(it *cpdlog.Item) string {
	if it.Title != "" {
		return it.Title
	}
	switch it.Kind {
	case cpdlog.KindPractice:
		return "Practice at " + it.Organisation
	case cpdlog.KindFeedback:
		return "Feedback from " + cpdlog.ChoiceTitle(cpdlog.FeedbackSources, it.Source)
	case cpdlog.KindDiscussion:
		return "Reflective discussion with " + it.PartnerName
	case cpdlog.KindPeer:
		return "Peer reflection with " + it.Peer
	case cpdlog.KindGap:
		return "No CPD: " + firstLine(it.Explanation)
	case cpdlog.KindProfile:
		return "HCPC profile draft"
	}
	return cpdlog.Kind(it.Kind).Title
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:77]) + "…"
	}
	return s
}

func themeLabels(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if s, ok := cpd.LookupStandard(cpd.SchemeNMC, id); ok {
			out = append(out, s.Label)
		} else {
			out = append(out, id)
		}
	}
	return out
}

func evidenceText(ev record.Evidence) string {
	switch {
	case ev.File != "" && ev.SHA256 != "":
		s := fmt.Sprintf("%s (%s, SHA-256 %s…)", ev.File, humanSize(ev.Size), ev.SHA256[:min(12, len(ev.SHA256))])
		if ev.Description != "" {
			s = ev.Description + ": " + s
		}
		return s
	case ev.File != "":
		return ev.File
	}
	return ev.Description
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

// finishEntries lists the entries of the cycle with what they count towards.
func (b *builder) finishEntries() {
	b.p.Entries = []Entry{}
	for _, s := range b.all {
		if !s.in {
			continue
		}
		s.e.Counts = []string{}
		for _, q := range b.p.Requirements {
			if s.counts[q.ID] {
				s.e.Counts = append(s.e.Counts, q.ID)
			}
		}
		b.p.Entries = append(b.p.Entries, *s.e)
	}
}
