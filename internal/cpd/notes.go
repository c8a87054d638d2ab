package cpd

import (
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
)

// Note is a remark about a value that was stored, for the front ends to
// show beside the field: not a refusal (the value stands) but something
// the person may want to look at again. "" when there is nothing to say.
//
// A goal still planned or in progress whose target date has already
// passed is usually a slip of the year (30 September typed in December):
// the person is told, and told what to do if it was meant.
func (f *Flow) Note(addr string) string {
	head, key, name := address(addr)
	if head != "goal" || name != "target_date" {
		return ""
	}
	g, err := f.goal(addr, key)
	if err != nil || g.TargetDate == "" || (g.Status != record.GoalPlanned && g.Status != record.GoalInProgress && g.Status != "") {
		return ""
	}
	t, err := time.Parse(DateLayout, g.TargetDate)
	if err != nil {
		return ""
	}
	now := f.opts.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if !t.Before(today) {
		return ""
	}
	return "The target date, " + Day(g.TargetDate) + ", has already passed. If you meant a date to come, change it; if you have met the goal, mark it achieved."
}
