package due

import (
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
)

func TestGoalsReviewsAndReassessment(t *testing.T) {
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	unreviewed := &record.Record{ID: "r-1", Status: record.StatusComplete, Updated: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC),
		Frameworks: []record.FrameworkRef{{ID: "adults", Title: "Adults"}},
		Plan: []record.Goal{
			{ID: "g1", Objective: "Ask directly", TargetDate: "2026-05-20", Status: record.GoalPlanned},
			{ID: "g2", Objective: "Done already", TargetDate: "2026-07-01", Status: record.GoalAchieved},
			{ID: "g3", Objective: "Dropped", TargetDate: "2026-07-01", Status: record.GoalDropped},
		}}
	reviewed := &record.Record{ID: "r-0", Status: record.StatusComplete, Updated: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC),
		Frameworks: []record.FrameworkRef{{ID: "adults", Title: "Adults"}},
		Plan:       []record.Goal{{ID: "g1", Objective: "As written", TargetDate: "2025-09-01"}},
		Reviews:    []record.Review{{AgreedPlan: []record.Goal{{ID: "g1", Objective: "As agreed", TargetDate: "2025-10-01"}}}}}
	inProgress := &record.Record{ID: "r-2", Status: record.StatusInProgress, Plan: []record.Goal{{Objective: "Not yet", TargetDate: "2026-08-01"}}}
	items := Build(Input{Records: []*record.Record{unreviewed, reviewed, inProgress}, Today: today})
	var got []string
	for _, it := range items {
		got = append(got, it.Date+" "+it.Kind+" "+it.Title)
	}
	want := []string{
		"2025-10-01 goal Goal: As agreed",
		"2026-05-20 goal Goal: Ask directly",
		"2026-05-29 review Supervisor's review of your assessment r-1",
		"2027-05-01 reassessment Assess yourself again: Adults",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !items[0].Overdue || items[0].Days != -243 || items[3].Overdue {
		t.Errorf("overdue: %+v", items)
	}
	// UIDs are stable: the same input gives the same ids.
	again := Build(Input{Records: []*record.Record{unreviewed, reviewed}, Today: today.AddDate(0, 0, 3)})
	if again[0].UID != items[0].UID {
		t.Error("a UID changed between runs")
	}
}
