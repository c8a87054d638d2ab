// Package caseload is a supervisor's own view over the records they hold:
// their supervisees, named (this is not an anonymous report), each with
// their latest record, its review verdict, when the next review is due,
// the goals past their target date and what changed since the last
// review. It is pure: the caller reads the records, verifies them and
// gives the date.
package caseload

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/compare"
	"github.com/reflect-cpd/reflect/internal/due"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Input is one record read: where from, the record (its figures worked
// out again from its answers) and its verification.
type Input struct {
	Path         string
	Record       *record.Record
	Verification record.Verification
}

// Goal is a goal past its target date.
type Goal struct {
	Objective, TargetDate string
	DaysOver              int
	Status                string
}

// Person is one supervisee.
type Person struct {
	Name, Profession, Role, Setting, Registration string
	Records                                       int // records of theirs read
	Latest                                        *record.Record
	LatestPath                                    string
	Date                                          string // the latest record's date: its activity's end, else its last update
	Complete                                      bool
	// The latest record's review: when, by whom, and the verdict in
	// verify's words ("not reviewed" when there is none).
	Reviewed         bool
	ReviewDate       string
	Reviewer         string
	Verdict          record.Verdict
	VerdictWords     string
	NextReview       string // YYYY-MM-DD
	NextReviewReason string
	ReviewOverdue    bool
	ReviewDays       int // from today; negative when overdue
	OverdueGoals     []Goal
	// Changes says what changed since the last review.
	Changes []string
	// Calibration, when the latest review gives the reviewer's own
	// ratings: how many competences, and the mean self − reviewer.
	Rated   int
	GapMean float64
}

// Attention reports whether the person needs something now.
func (p *Person) Attention() bool {
	return p.ReviewOverdue || len(p.OverdueGoals) > 0 || p.Verdict >= record.VerdictChanged && p.Reviewed
}

// Caseload is the whole view.
type Caseload struct {
	Today  string
	People []*Person
	// Due counts reviews overdue, and people with goals past their date.
	ReviewsOverdue, GoalsOverdue, Changed int
}

// Options tune the view.
type Options struct {
	Today time.Time
	Set   *framework.Set
	// ReviewWithin, ReassessAfter: as in package due (zero: its defaults).
	ReviewWithin  time.Duration
	ReassessAfter int
}

// Key is how records are put together as one person's: the registration
// number when given, else the name (case and spacing ignored); a record
// with neither stands alone.
func Key(p record.Practitioner, id string) string {
	if r := strings.ToLower(strings.Join(strings.Fields(p.Registration), "")); r != "" {
		return "reg:" + r
	}
	if n := strings.ToLower(strings.Join(strings.Fields(p.Name), " ")); n != "" {
		return "name:" + n
	}
	return "id:" + id
}

// date is when a record belongs: its activity's end, else its start, else
// its last update.
func date(r *record.Record) string {
	for _, d := range []string{r.Activity.EndDate, r.Activity.StartDate} {
		if len(d) == 10 {
			return d
		}
	}
	return r.Updated.UTC().Format("2006-01-02")
}

// Build works the caseload out.
func Build(in []Input, opt Options) *Caseload {
	today := opt.Today.UTC()
	cl := &Caseload{Today: today.Format("2006-01-02")}
	groups := map[string][]Input{}
	var order []string
	for _, x := range in {
		k := Key(x.Record.Practitioner, x.Record.ID)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], x)
	}
	for _, k := range order {
		recs := groups[k]
		sort.SliceStable(recs, func(i, j int) bool {
			di, dj := date(recs[i].Record), date(recs[j].Record)
			if di != dj {
				return di < dj
			}
			return recs[i].Record.Updated.Before(recs[j].Record.Updated)
		})
		cl.People = append(cl.People, person(recs, opt, today))
	}
	sort.SliceStable(cl.People, func(i, j int) bool {
		a, b := cl.People[i], cl.People[j]
		if a.Attention() != b.Attention() {
			return a.Attention()
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
	for _, p := range cl.People {
		if p.ReviewOverdue {
			cl.ReviewsOverdue++
		}
		if len(p.OverdueGoals) > 0 {
			cl.GoalsOverdue++
		}
		if p.Reviewed && p.Verdict >= record.VerdictChanged {
			cl.Changed++
		}
	}
	return cl
}

// dedupe keeps one copy of each record (the same id: before and after a
// review), the one updated last.
func dedupe(recs []Input) []Input {
	last := map[string]int{}
	for i, x := range recs {
		if j, ok := last[x.Record.ID]; !ok || x.Record.Updated.After(recs[j].Record.Updated) {
			last[x.Record.ID] = i
		}
	}
	var out []Input
	for i, x := range recs {
		if last[x.Record.ID] == i {
			out = append(out, x)
		}
	}
	return out
}

func person(recs []Input, opt Options, today time.Time) *Person {
	recs = dedupe(recs)
	latest := recs[len(recs)-1]
	r := latest.Record
	pr := r.Practitioner
	p := &Person{Name: pr.Name, Profession: pr.Profession, Role: pr.Role, Setting: pr.Setting, Registration: pr.Registration,
		Records: len(recs), Latest: r, LatestPath: latest.Path, Date: date(r), Complete: r.Status == record.StatusComplete}
	if p.Name == "" {
		p.Name = "(no name) " + r.ID
	}
	if n := len(r.Reviews); n > 0 {
		rev := r.Reviews[n-1]
		p.Reviewed, p.ReviewDate, p.Reviewer = true, rev.Date, rev.Reviewer.Name
		p.Verdict = latest.Verification.Verdict()
		p.VerdictWords = p.Verdict.Words()
	} else {
		p.VerdictWords = "not reviewed"
	}
	// When the next review is due, and the goals past their date: the due
	// package's rules, on the latest record.
	items := due.Build(due.Input{Records: []*record.Record{r}, Today: today, ReviewWithin: opt.ReviewWithin, ReassessAfter: opt.ReassessAfter})
	for _, it := range items {
		switch it.Kind {
		case due.KindReview:
			p.NextReview, p.ReviewDays, p.ReviewOverdue = it.Date, it.Days, it.Overdue
			p.NextReviewReason = "the latest record is not reviewed yet"
		case due.KindGoal:
			if it.Overdue {
				p.OverdueGoals = append(p.OverdueGoals, Goal{Objective: strings.TrimPrefix(it.Title, "Goal: "), TargetDate: it.Date, DaysOver: -it.Days, Status: goalStatus(r, it.Ref)})
			}
		}
	}
	if p.NextReview == "" {
		for _, it := range items {
			if it.Kind == due.KindReassessment {
				p.NextReview, p.ReviewDays, p.ReviewOverdue = it.Date, it.Days, it.Overdue
				p.NextReviewReason = "after the next assessment, a year on from the last"
			}
		}
	}
	if !p.Complete && p.NextReview == "" {
		p.NextReviewReason = "when the record is complete"
	}
	p.Changes = changes(recs, latest, opt.Set)
	if rs, _ := r.LatestRatings(); len(rs) > 0 && opt.Set != nil {
		sum := 0
		for _, g := range record.Calibration(r.Answers, rs, opt.Set) {
			p.Rated += g.Compared
			sum += g.Sum
		}
		if p.Rated > 0 {
			p.GapMean = float64(sum) / float64(p.Rated)
		}
	}
	return p
}

func goalStatus(r *record.Record, ref string) string {
	_, id, _ := strings.Cut(ref, "/")
	plan := r.Plan
	if n := len(r.Reviews); n > 0 && len(r.Reviews[n-1].AgreedPlan) > 0 {
		plan = r.Reviews[n-1].AgreedPlan
	}
	for _, g := range plan {
		if g.ID == id {
			if g.Status == "" {
				return record.GoalPlanned
			}
			return g.Status
		}
	}
	return ""
}

// changes says what changed since the last review: within the latest
// record when it was reviewed (verify's account), or between the last
// reviewed record and the latest one (compare's).
func changes(recs []Input, latest Input, set *framework.Set) []string {
	r := latest.Record
	if len(r.Reviews) > 0 {
		checks := latest.Verification.Checks
		if len(checks) == 0 {
			return nil
		}
		c := checks[len(checks)-1]
		switch {
		case !c.Intact:
			return []string{fmt.Sprintf("Changed since the review of %s: %s.", c.Review.Date, c.Reason)}
		case c.Chain != "":
			return []string{fmt.Sprintf("The reviews changed since the review of %s: %s.", c.Review.Date, c.Chain)}
		}
		if f := latest.Verification.Figures; f != nil {
			return []string{fmt.Sprintf("What the practitioner wrote is unchanged since the review of %s, but a figure stored in the file is not what the answers give (%s).", c.Review.Date, f)}
		}
		return []string{fmt.Sprintf("Unchanged since the review of %s.", c.Review.Date)}
	}
	var prev *record.Record
	for i := len(recs) - 2; i >= 0; i-- {
		if len(recs[i].Record.Reviews) > 0 {
			prev = recs[i].Record
			break
		}
	}
	if prev == nil {
		if len(recs) > 1 {
			return []string{fmt.Sprintf("No earlier record of theirs here has been reviewed (%d records read).", len(recs))}
		}
		return []string{"No earlier review to compare with."}
	}
	lastRev := prev.Reviews[len(prev.Reviews)-1]
	res, err := compare.Compare(prev, r, set)
	if err != nil {
		return []string{fmt.Sprintf("Since the review of %s (record %s), a new record: it cannot be compared with that one (%v).", lastRev.Date, prev.ID, err)}
	}
	out := []string{fmt.Sprintf("Since the review of %s (record %s), a new record (%s):", lastRev.Date, prev.ID, r.ID)}
	up, down := 0, 0
	for _, a := range res.Areas {
		switch a.Status {
		case compare.Improved:
			up++
		case compare.Lower:
			down++
		}
	}
	out = append(out, fmt.Sprintf("%s improved, %s lower; overall mean %.2f → %.2f.", plural(up, "area", "areas"), plural(down, "area", "areas"), res.Old.Overall, res.New.Overall))
	out = append(out, fmt.Sprintf("Needs: %d met, %d new, %d still open.", len(res.NeedsMet), len(res.NewNeeds), len(res.NeedsOpen)))
	if len(res.Goals) > 0 {
		counts := map[string]int{}
		var kinds []string
		for _, g := range res.Goals {
			if counts[g.Outcome] == 0 {
				kinds = append(kinds, g.Outcome)
			}
			counts[g.Outcome]++
		}
		var parts []string
		for _, k := range kinds {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
		out = append(out, fmt.Sprintf("Of the %s agreed then: %s.", plural(len(res.Goals), "goal", "goals"), strings.Join(parts, ", ")))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// WhenText says when the next review is due, in words.
func (p *Person) WhenText() string {
	switch {
	case p.NextReview == "":
		return "not known (" + p.NextReviewReason + ")"
	case p.ReviewOverdue:
		return fmt.Sprintf("%s — overdue by %s (%s)", p.NextReview, plural(-p.ReviewDays, "day", "days"), p.NextReviewReason)
	case p.ReviewDays == 0:
		return p.NextReview + " — today (" + p.NextReviewReason + ")"
	}
	return fmt.Sprintf("%s — in %s (%s)", p.NextReview, plural(p.ReviewDays, "day", "days"), p.NextReviewReason)
}

// Who is the person's details in a line.
func (p *Person) Who() string {
	var parts []string
	for _, s := range []string{p.Profession, p.Role, p.Setting} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if p.Registration != "" {
		parts = append(parts, "registration "+p.Registration)
	}
	return strings.Join(parts, ", ")
}

// ReviewText is the latest record's review in a line.
func (p *Person) ReviewText() string {
	if !p.Reviewed {
		if !p.Complete {
			return "not reviewed (the record is still in progress)"
		}
		return "not reviewed"
	}
	return fmt.Sprintf("reviewed %s by %s: %s", p.ReviewDate, p.Reviewer, p.VerdictWords)
}

// CalibrationText is the latest review's calibration in a line, or "".
func (p *Person) CalibrationText() string {
	if p.Rated == 0 {
		return ""
	}
	return fmt.Sprintf("Your own ratings of %s beside theirs: self − reviewer %+.2f on average (never averaged together).", plural(p.Rated, "competence", "competences"), p.GapMean)
}

// Summary is the caseload's first line.
func (c *Caseload) Summary() string {
	s := fmt.Sprintf("%s on %s: %s overdue, %s with goals past their date", plural(len(c.People), "supervisee", "supervisees"), c.Today,
		plural(c.ReviewsOverdue, "review", "reviews"), plural(c.GoalsOverdue, "person", "people"))
	if c.Changed > 0 {
		s += fmt.Sprintf(", %s whose record changed since review or whose review does not verify", plural(c.Changed, "person", "people"))
	}
	return s + "."
}
