package caseload

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

var today = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

// A supervisor's caseload of three, worked out by hand (today is 1 June
// 2026):
//
//   - Alex: a record of January, reviewed on 20 January; a new record of
//     May (finished 10 May, not reviewed: due 7 June, in 6 days), with a
//     goal whose target date (1 April) has passed.
//   - Sam: one record of March, reviewed on 10 March and changed since
//     (a rating edited): the review no longer verifies. Next review: when
//     the next assessment is due, a year after the record's last update
//     (the review, 10 March): 10 March 2027.
//   - Jo: one record finished on 1 February, never reviewed: due 1 March,
//     92 days overdue.
func TestCaseload(t *testing.T) {
	set := recordtest.Mini(t)
	build := func(id, name, reg string, when time.Time, rate int, plan []record.Goal) *record.Record {
		r := recordtest.Build(t, set, recordtest.Spec{ID: id, Now: when, Scopes: []assessment.Scope{{Framework: "mini", Profile: "specialist"}},
			Rate:         recordtest.Constant(rate),
			Practitioner: record.Practitioner{Name: name, Registration: reg, Profession: "Nurse"},
			Reflection:   []string{"a", "b", "c"}, Plan: plan, Complete: true})
		r.Activity.EndDate = when.Format("2006-01-02")
		return r
	}
	review := func(r *record.Record, date string, ratings ...record.Rating) {
		at, _ := time.Parse("2006-01-02", date)
		rev, err := r.NewReview(record.Review{Reviewer: record.Reviewer{Name: "Sam Patel"}, Date: date, PlanAgreed: true, Ratings: ratings}, at.Add(10*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		r.AppendReview(rev, at.Add(10*time.Hour), record.Tool{})
	}
	alex1 := build("r-a1", "Alex Example", "", time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC), 1, nil)
	review(alex1, "2026-01-20")
	alex2 := build("r-a2", "alex  EXAMPLE", "", time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC), 3,
		[]record.Goal{{ID: "g1", Objective: "Ask directly", TargetDate: "2026-04-01", Status: record.GoalInProgress},
			{ID: "g2", Objective: "Read the policy", TargetDate: "2026-03-01", Status: record.GoalAchieved}})
	sam := build("r-s1", "Sam Other", "12A3456E", time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), 2, nil)
	review(sam, "2026-03-10", record.Rating{Code: "MINI.1.1.1", Rating: 3}, record.Rating{Code: "MINI.2.1.1", Rating: 1})
	sam.Answers[0].Rating = 1 // changed after the review
	jo := build("r-j1", "Jo Bloggs", "", time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), 2, nil)
	var in []Input
	for _, r := range []*record.Record{alex2, sam, jo, alex1} {
		v, err := record.Verify(r, record.VerifyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, Input{Path: r.ID + ".json", Record: r, Verification: v})
	}
	c := Build(in, Options{Today: today, Set: set})
	if len(c.People) != 3 {
		t.Fatalf("%d people", len(c.People))
	}
	by := map[string]*Person{}
	for _, p := range c.People {
		by[strings.Fields(p.Name)[0]] = p
	}
	a, s, j := by["alex"], by["Sam"], by["Jo"]
	if a == nil || s == nil || j == nil {
		t.Fatalf("people: %v", c.People)
	}
	if a.Records != 2 || a.Latest.ID != "r-a2" || a.Reviewed || a.NextReview != "2026-06-07" || a.ReviewOverdue || a.ReviewDays != 6 {
		t.Errorf("Alex: %+v", a)
	}
	if len(a.OverdueGoals) != 1 || a.OverdueGoals[0].Objective != "Ask directly" || a.OverdueGoals[0].DaysOver != 61 || a.OverdueGoals[0].Status != record.GoalInProgress {
		t.Errorf("Alex's goals: %+v", a.OverdueGoals)
	}
	if len(a.Changes) < 3 || !strings.Contains(a.Changes[0], "Since the review of 2026-01-20 (record r-a1), a new record (r-a2)") ||
		!strings.Contains(a.Changes[1], "improved") || !strings.Contains(a.Changes[2], "met") {
		t.Errorf("Alex's changes: %q", a.Changes)
	}
	if !s.Reviewed || s.Verdict != record.VerdictChanged || s.VerdictWords != "changed since review" || !strings.Contains(s.Changes[0], "Changed since the review of 2026-03-10") {
		t.Errorf("Sam: verdict %v %q, changes %q", s.Verdict, s.VerdictWords, s.Changes)
	}
	if s.NextReview != "2027-03-10" || s.ReviewOverdue {
		t.Errorf("Sam's next review %s (%s)", s.NextReview, s.NextReviewReason)
	}
	// Sam's ratings now: MINI.1.1.1 self 1 vs 3 (−2), MINI.2.1.1 self 2 vs 1 (+1).
	if s.Rated != 2 || s.GapMean != -0.5 {
		t.Errorf("Sam's calibration %d %.2f", s.Rated, s.GapMean)
	}
	if j.Reviewed || j.VerdictWords != "not reviewed" || !j.ReviewOverdue || j.NextReview != "2026-03-01" || j.ReviewDays != -92 {
		t.Errorf("Jo: %+v", j)
	}
	// Those needing attention come first: Jo (overdue), Sam (changed), and
	// Alex (a goal past its date); then by name.
	var order []string
	for _, p := range c.People {
		order = append(order, p.Latest.ID)
	}
	if strings.Join(order, " ") != "r-a2 r-j1 r-s1" || c.ReviewsOverdue != 1 || c.GoalsOverdue != 1 || c.Changed != 1 {
		t.Errorf("order %v, overdue %d, goals %d, changed %d", order, c.ReviewsOverdue, c.GoalsOverdue, c.Changed)
	}
	for _, format := range Formats {
		var b bytes.Buffer
		if err := Write(&b, format, c, 80); err != nil {
			t.Fatal(err)
		}
		out := strings.Join(strings.Fields(b.String()), " ")
		if format == "json" {
			out = b.String()
		}
		overdue := "overdue by 92 days"
		if format == "json" {
			overdue = `"review_overdue": true`
		}
		for _, want := range []string{"Jo Bloggs", overdue, "changed since review", "Ask directly", "names your supervisees"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
		if format == "json" {
			var v struct {
				Report      string
				Supervisees []struct{ Name, Verdict string }
			}
			if err := json.Unmarshal(b.Bytes(), &v); err != nil || v.Report != "reflect-caseload" || len(v.Supervisees) != 3 {
				t.Errorf("json %+v %v", v, err)
			}
		}
	}
}
