// Package due works out what falls due and when: the renewal (or
// revalidation) date and the regulator's reminders before it, the next
// appraisal, the target dates of development goals, supervisor reviews of
// records not yet reviewed, and when each framework is due to be assessed
// again. It is pure: the caller reads the log and records and gives the date.
package due

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/portfolio"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/rules"
)

// Kinds of item.
const (
	KindRenewal      = "renewal"
	KindReminder     = "reminder"
	KindAppraisal    = "appraisal"
	KindGoal         = "goal"
	KindReview       = "review"
	KindReassessment = "reassessment"
)

// Item is one thing that falls due.
type Item struct {
	Date    string `json:"date"` // YYYY-MM-DD
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Detail  string `json:"detail,omitempty"`
	Ref     string `json:"ref,omitempty"` // the record (and goal) it comes from
	Overdue bool   `json:"overdue"`
	Days    int    `json:"days"` // from today; negative when overdue
	UID     string `json:"uid"`  // stable, for calendars
}

// Input is what the items are worked out from.
type Input struct {
	Rules    *rules.Rules // nil when no regulator is known
	Settings cpdlog.Item
	Records  []*record.Record
	Today    time.Time
	// ReviewWithin is how long after a record is finished a supervisor's
	// review is suggested; ReassessAfter, how long after an assessment the
	// next one is. Both are reflect's suggestions, not regulators' rules.
	ReviewWithin  time.Duration
	ReassessAfter int // months
	// Met holds the requirements of the cycle that are met (from the
	// portfolio): a reminder done when one of them is met is left out.
	Met map[string]bool
}

// Defaults for Input.
const (
	DefaultReviewWithin  = 28 * 24 * time.Hour
	DefaultReassessAfter = 12
)

const layout = cpdlog.DateLayout

// Build lists what falls due, earliest first.
func Build(in Input) []Item {
	today := truncDay(in.Today)
	if in.ReviewWithin == 0 {
		in.ReviewWithin = DefaultReviewWithin
	}
	if in.ReassessAfter == 0 {
		in.ReassessAfter = DefaultReassessAfter
	}
	var out []Item
	add := func(date time.Time, kind, title, detail, ref string) {
		it := Item{Date: date.Format(layout), Kind: kind, Title: title, Detail: detail, Ref: ref}
		it.Days = int(date.Sub(today).Hours() / 24)
		it.Overdue = it.Days < 0
		sum := sha256.Sum256([]byte(kind + "\x00" + ref + "\x00" + title))
		it.UID = hex.EncodeToString(sum[:12]) + "@reflect"
		out = append(out, it)
	}

	renewal := in.Settings.Renewal
	if renewal == "" && in.Rules != nil && in.Rules.Cycle.Kind == rules.CycleRegistrationYear {
		_, end, err := portfolio.CycleFor(in.Rules, today.Format(layout))
		if err == nil {
			renewal = end.Format(layout)
		}
	}
	if d, err := time.Parse(layout, renewal); err == nil {
		who := "your registration"
		if in.Rules != nil {
			who = "your " + in.Rules.Short + " registration"
		}
		detail := ""
		if in.Rules != nil {
			detail = "The cycle: " + in.Rules.Cycle.Describe + ". See 'reflect portfolio' for what is met and what is missing."
		}
		add(d, KindRenewal, "Renewal of "+who, detail, "renewal")
		if in.Rules != nil {
			for _, m := range in.Rules.Reminders {
				if m.DoneWhen != "" && in.Met[m.DoneWhen] {
					continue
				}
				src := in.Rules.SourceByID(m.Source)
				det := fmt.Sprintf("%d days before your renewal on %s.", m.DaysBefore, d.Format("2 January 2006"))
				if src != nil {
					det += " " + src.Publisher + ": " + src.Title + " (" + src.URL + ")."
				}
				add(d.AddDate(0, 0, -m.DaysBefore), KindReminder, m.Title, det, "reminder")
			}
		}
	}
	if d, err := time.Parse(layout, in.Settings.Appraisal); err == nil {
		add(d, KindAppraisal, "Appraisal", "Bring your supporting information: 'reflect portfolio' lists it.", "appraisal")
	}

	latest := map[string]*record.Record{} // framework ids → the latest complete record
	for _, r := range in.Records {
		if r.Status != record.StatusComplete {
			continue
		}
		key := frameworkKey(r)
		if l := latest[key]; l == nil || r.Updated.After(l.Updated) {
			latest[key] = r
		}
		plan := r.Plan
		if n := len(r.Reviews); n > 0 && len(r.Reviews[n-1].AgreedPlan) > 0 {
			plan = r.Reviews[n-1].AgreedPlan // the plan as the supervisor agreed it
		}
		for _, g := range plan {
			if g.Status == record.GoalAchieved || g.Status == record.GoalDropped {
				continue
			}
			if d, err := time.Parse(layout, g.TargetDate); err == nil {
				detail := ""
				if g.SuccessMeasure != "" {
					detail = "How you will know: " + g.SuccessMeasure
				}
				if len(g.Competences) > 0 {
					detail = strings.TrimSpace(detail + " Competences: " + strings.Join(g.Competences, ", ") + ".")
				}
				add(d, KindGoal, "Goal: "+oneLine(g.Objective), detail, r.ID+"/"+g.ID)
			}
		}
		if len(r.Reviews) == 0 {
			done := truncDay(r.Updated)
			add(done.Add(in.ReviewWithin), KindReview, "Supervisor's review of your assessment "+r.ID,
				fmt.Sprintf("Finished on %s and not yet reviewed: ask your supervisor to read it with you ('reflect review'). Within %d days is reflect's suggestion.", done.Format("2 January 2006"), int(in.ReviewWithin.Hours()/24)), r.ID)
		}
	}
	for key, r := range latest {
		next := truncDay(r.Updated).AddDate(0, in.ReassessAfter, 0)
		var titles []string
		for _, f := range r.Frameworks {
			titles = append(titles, f.Title)
		}
		add(next, KindReassessment, "Assess yourself again: "+strings.Join(titles, "; "),
			fmt.Sprintf("Your last assessment (%s) was on %s; reassessing after %d months is reflect's suggestion, to see your progress ('reflect compare').", r.ID, truncDay(r.Updated).Format("2 January 2006"), in.ReassessAfter), "reassess/"+key)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].Title < out[j].Title
	})
	return out
}

func frameworkKey(r *record.Record) string {
	var ids []string
	for _, f := range r.Frameworks {
		ids = append(ids, f.ID)
	}
	sort.Strings(ids)
	return strings.Join(ids, "+")
}

func truncDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
