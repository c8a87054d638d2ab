package portfolio

import (
	"fmt"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/rules"
)

// dates writes a span for people: one day, or first to last.
func dates(first, last string) string {
	if first == last || last == "" {
		return first
	}
	return first + " to " + last
}

// account is a source's reflective account on the NMC form, if it has one.
func (s *source) account() (Account, bool) {
	switch {
	case s.item.Kind == cpdlog.KindAccount:
		return Account{ID: s.e.ID, From: s.e.From, Date: s.e.End, Title: s.e.Title, Nature: s.item.Description, Learnt: s.item.Learning, Change: s.item.Impact, Themes: themeLabels(s.item.Themes)}, true
	case s.hasReflection():
		a := Account{ID: s.e.ID, From: "record", Date: s.e.End, Title: s.e.Title, Themes: themeLabels(s.item.Themes)}
		answers := nmcAnswers(s.rec)
		a.Nature, a.Learnt, a.Change = answers[0], answers[1], answers[2]
		return a, true
	}
	return Account{}, false
}

// nmcAnswers answers the NMC form's first three questions from a record's
// reflection, laid out by the reflection flow (cpd.NMCAccount): never
// question 3 from a plan.
func nmcAnswers(rec *record.Record) [3]string {
	var out [3]string
	acc := cpd.NMCAccount(rec)
	for i := 0; i < 3; i++ {
		out[i] = acc[i].Body()
	}
	return out
}

func (b *builder) nmc() *NMC {
	n := &NMC{CPDLog: []NMCCPDRow{}, PracticeLog: []NMCPracticeRow{}, FeedbackLog: []NMCFeedbackRow{}, Accounts: []Account{}}
	var all []Account
	for _, s := range b.all {
		if !s.in {
			continue
		}
		if a, ok := s.account(); ok {
			all = append(all, a)
		}
	}
	if len(b.in.Accounts) > 0 {
		byID := map[string]Account{}
		for _, a := range all {
			byID[a.ID] = a
		}
		for _, id := range b.in.Accounts {
			if a, ok := byID[id]; ok {
				n.Accounts = append(n.Accounts, a)
			} else {
				b.p.Notes = append(b.p.Notes, fmt.Sprintf("%s was picked as a reflective account, but there is no account or reflection with that id in the cycle.", id))
			}
		}
	} else {
		// The latest five, shown oldest first.
		if len(all) > 5 {
			all = all[len(all)-5:]
		}
		n.Accounts = append(n.Accounts, all...)
	}
	for _, s := range b.of(cpdlog.KindActivity) {
		n.CPDLog = append(n.CPDLog, NMCCPDRow{ID: s.e.ID, Dates: dates(s.e.Start, s.e.End), Method: nonEmpty(s.e.Method, s.e.TypeTitle),
			Topic: s.e.Title, Code: strings.Join(s.e.Themes, "; "), Hours: s.item.Hours, Participatory: s.item.ParticipatoryHours,
			Description: strings.TrimSpace(strings.Join(nonEmptyAll(s.e.Description, s.item.Learning), " ")), Evidence: strings.Join(s.e.Evidence, "; ")})
	}
	for _, s := range b.of(cpdlog.KindPractice) {
		it := s.item
		n.PracticeLog = append(n.PracticeLog, NMCPracticeRow{ID: s.e.ID, Dates: dates(s.e.Start, s.e.End),
			Organisation: strings.Join(nonEmptyAll(it.Organisation, it.Address, it.Postcode), ", "), Scope: it.Scope, Setting: it.Setting,
			Hours: it.Hours, Counted: b.proRata(s), RegisteredAs: cpdlog.ChoiceTitle(cpdlog.RegisteredAsChoices, it.RegisteredAs), Description: it.Description})
	}
	for _, s := range b.of(cpdlog.KindFeedback) {
		it := s.item
		n.FeedbackLog = append(n.FeedbackLog, NMCFeedbackRow{ID: s.e.ID, Date: s.e.End, Source: cpdlog.ChoiceTitle(cpdlog.FeedbackSources, it.Source),
			Type: cpdlog.ChoiceTitle(cpdlog.FeedbackTypes, nonEmpty(it.FeedbackType, "general")), Content: it.Description,
			Used: strings.Join(nonEmptyAll(it.Learning, it.Impact), " ")})
	}
	if ds := b.of(cpdlog.KindDiscussion); len(ds) > 0 {
		it := ds[len(ds)-1].item
		n.Discussion = &Discussion{ID: ds[len(ds)-1].e.ID, Date: it.Date, PartnerName: it.PartnerName, PartnerPIN: it.PartnerPIN, PartnerEmail: it.PartnerEmail,
			PartnerAddress: it.PartnerAddress, PartnerPostcode: it.PartnerPostcode, Accounts: append([]string{}, it.Accounts...)}
	}
	for _, q := range b.p.Requirements {
		n.Confirmation.Checklist = append(n.Confirmation.Checklist, Check{Title: q.Title, Met: q.Met, Have: haveText(q)})
	}
	return n
}

func haveText(q Requirement) string {
	if q.Compare == rules.AtMost {
		return fmt.Sprintf("%s %s (at most %s)", cpdlog.FormatHours(q.Have), q.Unit, cpdlog.FormatHours(q.Required))
	}
	unit := q.Unit
	if q.Required == 1 {
		unit = strings.TrimSuffix(unit, "s") // "1 of 1 discussion"
	}
	return fmt.Sprintf("%s of %s %s", cpdlog.FormatHours(q.Have), cpdlog.FormatHours(q.Required), unit)
}

func nonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

func nonEmptyAll(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// HCPC word limits and the number of activities a profile describes.
const (
	SummaryWords   = 500
	StatementWords = 1500
	MinChosen      = 4
	MaxChosen      = 6
)

func (b *builder) hcpc() *HCPC {
	h := &HCPC{List: []HCPCRow{}, Gaps: []Gap{}, Mix: []TypeCount{}}
	months := 3
	for _, q := range b.r.Requirements {
		if q.Measure == rules.MeasureGaps {
			months = q.GapMonths
		}
	}
	h.Gaps = append(h.Gaps, b.gaps(months)...)
	counts := map[string]int{}
	for _, s := range b.of(cpdlog.KindActivity) {
		h.List = append(h.List, HCPCRow{ID: s.e.ID, Dates: dates(s.e.Start, s.e.End), Title: s.e.Title, Type: s.e.TypeTitle})
		counts[s.item.Type]++
	}
	for _, t := range b.r.Types {
		h.Mix = append(h.Mix, TypeCount{Type: t.ID, Title: t.Title, Count: counts[t.ID]})
	}
	var prof *source
	for _, s := range b.all {
		if s.item.Kind != cpdlog.KindProfile {
			continue
		}
		if b.in.Profile == "" || b.in.Profile == s.e.ID {
			prof = s
		}
	}
	if b.in.Profile != "" && prof == nil {
		b.p.Notes = append(b.p.Notes, fmt.Sprintf("There is no HCPC profile %s in the log.", b.in.Profile))
	}
	if prof != nil {
		it := prof.item
		p := &HCPCProfile{ID: prof.e.ID, Date: it.Date, Summary: it.Summary, Statement: it.Statement, Chosen: append([]string{}, it.Chosen...),
			SummaryWords: cpdlog.CountWords(it.Summary), StatementWords: cpdlog.CountWords(it.Statement), Problems: []string{}}
		if p.SummaryWords > SummaryWords {
			p.Problems = append(p.Problems, fmt.Sprintf("The summary is %d words; the HCPC asks for up to %d.", p.SummaryWords, SummaryWords))
		}
		if p.StatementWords > StatementWords {
			p.Problems = append(p.Problems, fmt.Sprintf("The statement is %d words; the HCPC asks for up to %d.", p.StatementWords, StatementWords))
		}
		if n := len(p.Chosen); n < MinChosen || n > MaxChosen {
			p.Problems = append(p.Problems, fmt.Sprintf("%d activities are chosen; the HCPC asks you to describe %d to %d.", n, MinChosen, MaxChosen))
		}
		for _, id := range p.Chosen {
			s := b.byID[id]
			switch {
			case s == nil:
				p.Problems = append(p.Problems, fmt.Sprintf("%s is chosen but is not in the log or your records.", id))
			case !s.in || s.item.Kind != cpdlog.KindActivity:
				p.Problems = append(p.Problems, fmt.Sprintf("%s is chosen but is not a CPD activity of the last two years.", id))
			}
		}
		h.Profile = p
	}
	return h
}

func (b *builder) swe() *SWE {
	sw := &SWE{Years: []SWEYear{}}
	// Every registration year from the first piece of CPD to this one.
	first := b.start
	for _, s := range b.all {
		if s.item.Kind == cpdlog.KindActivity && s.e.End < first {
			first = s.e.End
		}
	}
	linked := map[string]bool{}
	for _, s := range b.all {
		if s.item.Kind == cpdlog.KindPeer {
			for _, id := range s.item.Activities {
				linked[id] = true
			}
		}
	}
	need := func(id string) float64 {
		if q := b.r.Requirement(id); q != nil {
			return q.Required
		}
		return 0
	}
	ys, _, _ := CycleFor(b.r, first)
	for y := ys; !y.After(parseDay(b.start)); y = y.AddDate(1, 0, 0) {
		from, to := y.Format(dateLayout), y.AddDate(1, 0, -1).Format(dateLayout)
		yr := SWEYear{Start: from, End: to, Pieces: []string{}, Titles: []string{}, Peer: []string{}}
		for _, s := range b.all {
			if s.item.Kind == cpdlog.KindActivity && s.e.End >= from && s.e.End <= to {
				yr.Pieces = append(yr.Pieces, s.e.ID)
				yr.Titles = append(yr.Titles, s.e.Title)
				if linked[s.e.ID] {
					yr.Peer = append(yr.Peer, s.e.ID)
				}
			}
		}
		yr.Met = float64(len(yr.Pieces)) >= need(rules.MeasurePieces) && float64(len(yr.Peer)) >= need(rules.MeasurePeerReflection)
		sw.Years = append(sw.Years, yr)
	}
	// The latest year first: it is the one being renewed.
	sort.SliceStable(sw.Years, func(i, j int) bool { return sw.Years[i].Start > sw.Years[j].Start })
	return sw
}

func (b *builder) gmc() *GMC {
	g := &GMC{Years: []GMCYear{}, Types: []GMCType{}}
	start := parseDay(b.start)
	years := b.r.Cycle.Years
	for i := 0; i < years; i++ {
		from := start.AddDate(i, 0, 0)
		to := start.AddDate(i+1, 0, -1)
		g.Years = append(g.Years, GMCYear{Start: from.Format(dateLayout), End: to.Format(dateLayout), Count: map[string]int{}})
	}
	for _, q := range b.p.Requirements {
		t := GMCType{ID: q.ID, Title: q.Title, Entries: append([]string{}, q.Counts...)}
		g.Types = append(g.Types, t)
		for _, id := range q.Counts {
			s := b.byID[id]
			if s == nil {
				continue
			}
			d := parseDay(s.e.End)
			for i := range g.Years {
				if !d.Before(parseDay(g.Years[i].Start)) && !d.After(parseDay(g.Years[i].End)) {
					g.Years[i].Count[q.ID]++
				}
			}
		}
	}
	return g
}
