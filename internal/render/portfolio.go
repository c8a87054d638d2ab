// The revalidation portfolio (internal/portfolio) rendered for people: the
// cycle, every requirement, the entries that count, and the forms and lists
// each regulator asks for. The document is built once as blocks
// (portfolioDoc) and each format draws the blocks: text, Markdown, HTML and
// PDF say the same thing.

package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/portfolio"
)

type blockKind int

const (
	bH2 blockKind = iota
	bH3
	bPara
	bMuted
	bNotice
	bWarn
	bKV
	bTable
	bForm
	bBullets
	bPageBreak
)

type pcol struct {
	Head  string
	W     float64 // share of the width (PDF)
	Right bool
}

type block struct {
	Kind  blockKind
	Text  string
	KV    []kv
	Cols  []pcol
	Rows  [][]string
	Bad   []bool // table rows to highlight (a requirement not met)
	Items []string
	ID    string // an anchor for HTML
}

type portfolioDoc struct {
	Title    string
	Subtitle string
	Person   string
	Footer   string
	Blocks   []block
}

func (d *portfolioDoc) add(b block) { d.Blocks = append(d.Blocks, b) }
func (d *portfolioDoc) h2(s, id string) {
	d.add(block{Kind: bH2, Text: s, ID: id})
}
func (d *portfolioDoc) h3(s string)    { d.add(block{Kind: bH3, Text: s}) }
func (d *portfolioDoc) para(s string)  { d.add(block{Kind: bPara, Text: s}) }
func (d *portfolioDoc) muted(s string) { d.add(block{Kind: bMuted, Text: s}) }

func hours(v float64) string { return cpdlog.FormatHours(v) }

func have(q portfolio.Requirement) string {
	switch q.Unit {
	case "hours":
		return hours(q.Have)
	}
	return hours(q.Have)
}

// accountTitles names the accounts a discussion covered by their titles,
// with their ids (an id alone when the account is not in this cycle).
func accountTitles(p *portfolio.Portfolio, ids []string) string {
	titles := map[string]string{}
	for _, e := range p.Entries {
		titles[e.ID] = e.Title
	}
	var out []string
	for _, id := range ids {
		if t := titles[id]; t != "" {
			out = append(out, t+" ("+id+")")
		} else {
			out = append(out, id)
		}
	}
	return strings.Join(out, "; ")
}

// unitFor writes the unit in the singular for one.
func unitFor(n float64, unit string) string {
	if n == 1 {
		return strings.TrimSuffix(unit, "s")
	}
	return unit
}

func status(q portfolio.Requirement) string {
	if q.Met {
		return "met"
	}
	return "not yet"
}

// buildPortfolioDoc lays the portfolio out.
func buildPortfolioDoc(p *portfolio.Portfolio) *portfolioDoc {
	d := &portfolioDoc{Title: p.RegulatorName + ": revalidation portfolio"}
	switch p.Regulator {
	case "hcpc":
		d.Title = "HCPC: CPD record and profile"
	case "swe":
		d.Title = "Social Work England: CPD record"
	case "gmc":
		d.Title = "GMC: supporting information for appraisal and revalidation"
	case "nmc":
		d.Title = "NMC revalidation portfolio"
	}
	d.Subtitle = fmt.Sprintf("%s to %s: %s", longDate(p.Cycle.Start), longDate(p.Cycle.End), p.Cycle.Describe)
	d.Person = p.Person.Name
	d.Footer = fmt.Sprintf("reflect portfolio · %s · made %s", p.Regulator, p.Generated)

	var who []kv
	who = append(who, kv{"Name", p.Person.Name}, kv{"Registration", p.Person.Registration}, kv{"Profession", p.Person.Profession})
	who = append(who, kv{"Cycle", fmt.Sprintf("%s to %s", longDate(p.Cycle.Start), longDate(p.Cycle.End))})
	switch {
	case p.Cycle.DaysLeft > 0:
		who = append(who, kv{"Days left", fmt.Sprintf("%d (to %s)", p.Cycle.DaysLeft, longDate(p.Cycle.End))})
	case p.Cycle.DaysLeft == 0:
		who = append(who, kv{"Days left", "the cycle ends today"})
	default:
		who = append(who, kv{"Days left", fmt.Sprintf("none: the cycle ended %d days ago", -p.Cycle.DaysLeft)})
	}
	met := 0
	for _, q := range p.Requirements {
		if q.Met {
			met++
		}
	}
	who = append(who, kv{"Requirements", fmt.Sprintf("%d of %d met", met, len(p.Requirements))})
	d.add(block{Kind: bKV, KV: who})
	if met == len(p.Requirements) {
		d.add(block{Kind: bNotice, Text: "Every requirement reflect counts is met for this cycle. Your regulator may ask for more than reflect counts (for the NMC: the health and character declaration, professional indemnity and your confirmation)."})
	} else {
		var miss []string
		for _, q := range p.Requirements {
			if !q.Met {
				miss = append(miss, q.Title+": "+q.Missing)
			}
		}
		d.add(block{Kind: bWarn, Text: "Still to do:\n" + strings.Join(miss, "\n")})
	}
	for _, n := range p.Notes {
		d.add(block{Kind: bMuted, Text: n})
	}

	d.h2("Requirements", "requirements")
	rows := [][]string{}
	var bad []bool
	for _, q := range p.Requirements {
		req := hours(q.Required)
		if q.Compare == "at-most" {
			req = "at most " + req
		}
		rows = append(rows, []string{q.Title, req + " " + unitFor(q.Required, q.Unit), have(q), status(q), q.Missing})
		bad = append(bad, !q.Met)
	}
	d.add(block{Kind: bTable, Cols: []pcol{{"Requirement", .24, false}, {"Required", .14, true}, {"There", .08, true}, {"", .09, false}, {"What is missing", .45, false}}, Rows: rows, Bad: bad})
	for _, q := range p.Requirements {
		d.muted(fmt.Sprintf("%s: %s (Source: %s, %s, %s.)", q.Title, q.Describe, q.Source.Publisher, q.Source.Title, q.Source.Published))
	}

	switch {
	case p.NMC != nil:
		nmcBlocks(d, p)
	case p.HCPC != nil:
		hcpcBlocks(d, p)
	case p.SWE != nil:
		sweBlocks(d, p)
	case p.GMC != nil:
		gmcBlocks(d, p)
	}
	if p.HCPC != nil && p.Regulator != "hcpc" {
		hcpcBlocks(d, p)
	}

	d.h2("Everything that counts", "entries")
	rows = nil
	for _, e := range p.Entries {
		h := ""
		if e.Hours > 0 {
			h = hours(e.Hours)
			if e.CountedHours > 0 {
				h = hours(e.CountedHours) + " of " + h
			}
			if e.Participatory > 0 {
				h += " (" + hours(e.Participatory) + " p.)"
			}
		}
		rows = append(rows, []string{dates(e.Start, e.End), e.Title + fromNote(e), kindTitle(e.Kind, e.TypeTitle), h, strings.Join(e.Counts, ", "), e.ID})
	}
	if len(rows) == 0 {
		d.muted("Nothing in the log or your records falls in this cycle yet.")
	} else {
		d.add(block{Kind: bTable, Cols: []pcol{{"Dates", .14, false}, {"Entry", .30, false}, {"Kind", .17, false}, {"Hours", .1, true}, {"Counts towards", .17, false}, {"Id", .12, false}}, Rows: rows})
	}

	d.h2("About this portfolio", "about")
	log := fmt.Sprintf("The CPD log has %d changes; its latest digest is %s.", p.Log.Changes, p.Log.Head)
	if p.Log.Changes == 0 {
		log = "The CPD log is empty."
	} else if p.Log.Verified {
		log += " Its chain was checked when this was made and holds: no entry was edited or back-filled after it was written. A reader can check that the log still holds this digest with 'reflect log verify --head DIGEST'."
	} else {
		log += fmt.Sprintf(" Its chain is broken in %d places ('reflect log verify' says where).", p.Log.Breaks)
	}
	d.para(log)
	d.para(fmt.Sprintf("Counted by reflect from the CPD log and the person's complete reflect records, against the %s rules (%s), last checked against the published guidance on %s. Every figure is worked out from the entries each time; nothing stored as a total is trusted. A record's own activity counts once, as a CPD activity.", p.RegulatorName, nonEmptyStr(p.Rules.File, p.Rules.ID), longDate(p.Rules.Checked)))
	var src []string
	for _, s := range p.Rules.Sources {
		src = append(src, fmt.Sprintf("%s. %s (%s). %s", s.Publisher, s.Title, s.Published, s.URL))
	}
	d.add(block{Kind: bBullets, Items: src})
	if len(p.Rules.NotChecked) > 0 {
		d.muted("What reflect could not check: " + strings.Join(p.Rules.NotChecked, " "))
	}
	d.muted("Keep what you hand in anonymous: it must not identify any patient, service user, family member or colleague. Written reflections are not legally privileged.")
	return d
}

func nonEmptyStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func fromNote(e portfolio.Entry) string {
	if e.From == "record" {
		return " (reflect record)"
	}
	return ""
}

func kindTitle(kind, typeTitle string) string {
	if kind == cpdlog.KindActivity && typeTitle != "" {
		if i := strings.Index(typeTitle, " ("); i > 0 {
			return typeTitle[:i]
		}
		return typeTitle
	}
	if k := cpdlog.Kind(kind); k != nil {
		return k.Title
	}
	return kind
}

func dates(a, b string) string {
	if a == b || b == "" {
		return a
	}
	return a + " to " + b
}

func longDate(s string) string {
	t, err := parseISODate(s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

func nmcBlocks(d *portfolioDoc, p *portfolio.Portfolio) {
	n := p.NMC
	d.h2("Written reflective accounts", "accounts")
	d.muted("Laid out as the NMC reflective accounts form: copy each onto the approved form. Five are needed; the latest five are shown unless you pick them with --accounts.")
	if len(n.Accounts) == 0 {
		d.muted("No reflective accounts in this cycle yet: add one with 'reflect log add account', or write the reflection of a reflect assessment.")
	}
	for i, a := range n.Accounts {
		d.h3(fmt.Sprintf("Reflective account %d: %s", i+1, a.Title))
		d.add(block{Kind: bKV, KV: []kv{{"Date", longDate(a.Date)}, {"Id", a.ID}}})
		qa := []struct{ q, a string }{
			{"What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?", a.Nature},
			{"What did you learn from the CPD activity and/or feedback and/or event or experience in your practice?", a.Learnt},
			{"How did you change or improve your practice as a result?", a.Change},
			{"How is this relevant to the Code? Select one or more themes: Prioritise people – Practise effectively – Preserve safety – Promote professionalism and trust.", strings.Join(a.Themes, "; ")},
		}
		for _, x := range qa {
			d.add(block{Kind: bMuted, Text: x.q})
			if strings.TrimSpace(x.a) == "" {
				x.a = "(not written yet)"
			}
			d.para(x.a)
		}
	}

	d.h2("CPD log", "cpd-log")
	d.muted("In the columns of the NMC's CPD log template.")
	var rows [][]string
	for _, r := range n.CPDLog {
		rows = append(rows, []string{r.Dates, r.Method, r.Topic, r.Code, hours(r.Hours), hours(r.Participatory), r.Description, r.Evidence})
	}
	if len(rows) == 0 {
		d.muted("No CPD activities in this cycle yet.")
	} else {
		d.add(block{Kind: bTable, Cols: []pcol{{"Dates", .12, false}, {"Method", .13, false}, {"Topic", .14, false}, {"Link to the Code", .12, false}, {"Hours", .08, true}, {"Partici-patory hours", .09, true}, {"Description and how it relates to your practice", .18, false}, {"Evidence", .14, false}}, Rows: rows})
	}

	d.h2("Practice hours log", "practice-log")
	rows = nil
	for _, r := range n.PracticeLog {
		h := hours(r.Hours)
		if r.Counted != r.Hours {
			h = hours(r.Counted) + " of " + h + " (in the cycle)"
		}
		rows = append(rows, []string{r.Dates, r.Organisation, r.Scope, r.Setting, h, r.RegisteredAs, r.Description})
	}
	if len(rows) == 0 {
		d.muted("No practice hours in this cycle yet: add them with 'reflect log add practice'.")
	} else {
		d.add(block{Kind: bTable, Cols: []pcol{{"Dates", .14, false}, {"Organisation, address and postcode", .2, false}, {"Scope of practice", .14, false}, {"Work setting", .14, false}, {"Hours", .1, true}, {"Registration", .12, false}, {"Brief description", .16, false}}, Rows: rows})
	}

	d.h2("Practice-related feedback log", "feedback-log")
	rows = nil
	for _, r := range n.FeedbackLog {
		rows = append(rows, []string{r.Date, r.Source, r.Type, r.Content, r.Used})
	}
	if len(rows) == 0 {
		d.muted("No feedback in this cycle yet: add it with 'reflect log add feedback'.")
	} else {
		d.add(block{Kind: bTable, Cols: []pcol{{"Date", .12, false}, {"From", .16, false}, {"Kind", .12, false}, {"What it said", .29, false}, {"How you used it", .31, false}}, Rows: rows})
	}

	d.add(block{Kind: bPageBreak})
	d.h2("Reflective discussion form", "discussion")
	d.muted("Laid out as the NMC reflective discussion form: the discussion of your five written reflective accounts with another NMC registrant.")
	dis := n.Discussion
	if dis == nil {
		dis = &portfolio.Discussion{}
		d.add(block{Kind: bWarn, Text: "No reflective discussion is in the log for this cycle: record it with 'reflect log add discussion' once it has happened. The fields below are left empty."})
	}
	d.add(block{Kind: bForm, KV: []kv{
		{"Your name", p.Person.Name}, {"Your NMC PIN", p.Person.Registration},
		{"Name of the NMC registrant you discussed with", dis.PartnerName}, {"Their NMC PIN", dis.PartnerPIN},
		{"Their e-mail address", dis.PartnerEmail}, {"Their professional address", dis.PartnerAddress}, {"Postcode", dis.PartnerPostcode},
		{"Date of the discussion", longDate(dis.Date)}, {"Reflective accounts discussed", accountTitles(p, dis.Accounts)},
		{"Signature of the NMC registrant", ""}, {"Date signed", ""},
	}})

	d.add(block{Kind: bPageBreak})
	d.h2("Confirmation form", "confirmation")
	d.muted("Laid out as the NMC confirmation form. Your confirmer fills in their part after your confirmation discussion; a confirmer confirms that you have met the requirements, not your competence.")
	var checks []kv
	for _, c := range n.Confirmation.Checklist {
		mark := "not yet"
		if c.Met {
			mark = "met"
		}
		checks = append(checks, kv{c.Title, mark + " (" + c.Have + ")"})
	}
	checks = append(checks, kv{"Health and character declaration", "you make it in your application"}, kv{"Professional indemnity arrangement", "you declare it in your application"})
	d.add(block{Kind: bKV, KV: checks})
	d.add(block{Kind: bForm, KV: []kv{
		{"Your name", p.Person.Name}, {"Your NMC PIN", p.Person.Registration},
		{"Confirmer's name", ""}, {"Confirmer's NMC PIN (if on the NMC register)", ""}, {"Professional relationship to you", ""},
		{"Confirmer's e-mail address", ""}, {"Confirmer's professional address", ""}, {"Postcode", ""},
		{"Date of the confirmation discussion", ""}, {"Confirmer's signature", ""},
	}})
}

func hcpcBlocks(d *portfolioDoc, p *portfolio.Portfolio) {
	h := p.HCPC
	d.h2("Dated list of CPD activities", "list")
	d.muted("Every CPD activity of the last two years, in order, as the HCPC asks for with a profile. Gaps of three months or more are flagged: each needs an explanation.")
	type row struct {
		date string
		r    []string
		bad  bool
	}
	var rows []row
	for _, a := range h.List {
		start, _, _ := strings.Cut(a.Dates, " to ")
		rows = append(rows, row{start + "a", []string{a.Dates, a.Title, kindTitle(cpdlog.KindActivity, a.Type), a.ID}, false})
	}
	for _, g := range h.Gaps {
		what := fmt.Sprintf("Gap of %d months without CPD: needs an explanation", g.Months)
		if g.Explained {
			what = fmt.Sprintf("Gap of %d months, explained: %s", g.Months, g.Explanation)
		}
		rows = append(rows, row{g.Start + "0", []string{dates(g.Start, g.End), what, "", ""}, !g.Explained})
	}
	sortRows := func() {
		for i := 1; i < len(rows); i++ {
			for j := i; j > 0 && rows[j].date < rows[j-1].date; j-- {
				rows[j], rows[j-1] = rows[j-1], rows[j]
			}
		}
	}
	sortRows()
	var tr [][]string
	var bad []bool
	for _, r := range rows {
		tr = append(tr, r.r)
		bad = append(bad, r.bad)
	}
	if len(tr) == 0 {
		d.muted("No CPD activities in the last two years yet.")
	} else {
		d.add(block{Kind: bTable, Cols: []pcol{{"Dates", .2, false}, {"Activity", .46, false}, {"Type", .2, false}, {"Id", .14, false}}, Rows: tr, Bad: bad})
	}
	d.h2("The mixture of activity types", "mix")
	var mix [][]string
	for _, m := range h.Mix {
		mix = append(mix, []string{m.Title, fmt.Sprint(m.Count)})
	}
	d.add(block{Kind: bTable, Cols: []pcol{{"Type", .8, false}, {"Activities", .2, true}}, Rows: mix})

	d.add(block{Kind: bPageBreak})
	d.h2("Draft CPD profile", "profile")
	pr := h.Profile
	if pr == nil {
		d.add(block{Kind: bWarn, Text: "No profile draft is in the log yet. Write one with 'reflect log add profile': a summary of your practice history (up to 500 words), a statement of how your CPD meets the standards (up to 1,500 words) and the 4 to 6 activities it describes."})
		return
	}
	d.add(block{Kind: bKV, KV: []kv{{"Draft of", longDate(pr.Date)}, {"Summary of practice history", fmt.Sprintf("%d of up to %d words", pr.SummaryWords, portfolio.SummaryWords)}, {"Statement", fmt.Sprintf("%d of up to %d words", pr.StatementWords, portfolio.StatementWords)}, {"Activities described", fmt.Sprintf("%d (the HCPC asks for %d to %d): %s", len(pr.Chosen), portfolio.MinChosen, portfolio.MaxChosen, strings.Join(pr.Chosen, ", "))}}})
	if len(pr.Problems) > 0 {
		d.add(block{Kind: bWarn, Text: strings.Join(pr.Problems, "\n")})
	}
	d.h3("Summary of practice history")
	d.para(pr.Summary)
	d.h3("Statement of how the standards are met")
	d.para(pr.Statement)
}

func sweBlocks(d *portfolioDoc, p *portfolio.Portfolio) {
	d.h2("Registration years", "years")
	d.muted("Each registration year (1 December to 30 November) needs at least two pieces of CPD, at least one of them with a peer reflection.")
	var rows [][]string
	var bad []bool
	for _, y := range p.SWE.Years {
		pieces := y.Titles
		mark := "met"
		if !y.Met {
			mark = "not met"
		}
		rows = append(rows, []string{dates(y.Start, y.End), fmt.Sprint(len(y.Pieces)), fmt.Sprint(len(y.Peer)), mark, strings.Join(pieces, "; ")})
		bad = append(bad, !y.Met)
	}
	d.add(block{Kind: bTable, Cols: []pcol{{"Registration year", .22, false}, {"Pieces", .09, true}, {"With peer reflection", .13, true}, {"", .1, false}, {"Pieces of CPD", .46, false}}, Rows: rows, Bad: bad})
	d.muted("Earlier years are shown from what is in the log; only this year is renewed now.")
}

func gmcBlocks(d *portfolioDoc, p *portfolio.Portfolio) {
	d.h2("The six types of supporting information, year by year", "types")
	d.muted("Collected, reflected on and discussed at your annual appraisals over the five-year cycle. The GMC sets no minimum or maximum quantity.")
	cols := []pcol{{"Type", .34, false}}
	for i := range p.GMC.Years {
		cols = append(cols, pcol{fmt.Sprintf("Year %d", i+1), .11, true})
	}
	cols = append(cols, pcol{"Cycle", .11, true})
	var rows [][]string
	for _, t := range p.GMC.Types {
		r := []string{t.Title}
		for _, y := range p.GMC.Years {
			r = append(r, fmt.Sprint(y.Count[t.ID]))
		}
		r = append(r, fmt.Sprint(len(t.Entries)))
		rows = append(rows, r)
	}
	d.add(block{Kind: bTable, Cols: cols, Rows: rows})
	var yrs []string
	for i, y := range p.GMC.Years {
		yrs = append(yrs, fmt.Sprintf("Year %d: %s to %s", i+1, y.Start, y.End))
	}
	d.muted(strings.Join(yrs, "; ") + ".")
}

func parseISODate(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
