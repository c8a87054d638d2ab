package compare_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/compare"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var (
	march = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	sept  = time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
)

func set(t *testing.T) *framework.Set {
	return recordtest.LoadSet(t, "testdata/frameworks/mini.yaml", "internal/compare/testdata/mini2.yaml", "internal/compare/testdata/lonely.yaml")
}

func oldRecord(t *testing.T, s *framework.Set) *record.Record {
	return recordtest.Build(t, s, recordtest.Spec{
		ID: "r-0000000000000001", Now: march,
		Scopes: []assessment.Scope{{Framework: "mini", Profile: "specialist"}},
		Rate:   recordtest.ByCode(map[string]int{"MINI.1.1.1": 2, "MINI.1.1.2": 2, "MINI.1.2.1": 1, "MINI.2.1.1": 1, "MINI.2.1.2": 3}),
		Plan: []record.Goal{
			{ID: "g1", Objective: "Ask directly and calmly about suicide", Competences: []string{"MINI.2.1.1"}, Status: record.GoalPlanned},
			{ID: "g2", Objective: "Learn when information may be shared", Competences: []string{"MINI.1.2.1"}, Status: record.GoalPlanned},
			{ID: "g3", Objective: "Notice my own reactions", Competences: []string{"MINI.1.1.2"}, Status: record.GoalPlanned},
			{ID: "g4", Objective: "Read the local policy", Status: record.GoalAchieved},
		},
		Complete: true,
	})
}

func newRecord(t *testing.T, s *framework.Set) *record.Record {
	return recordtest.Build(t, s, recordtest.Spec{
		ID: "r-0000000000000002", Now: sept,
		Scopes: []assessment.Scope{{Framework: "mini", Profile: "specialist"}},
		Rate:   recordtest.ByCode(map[string]int{"MINI.1.1.1": 3, "MINI.1.1.2": 2, "MINI.1.2.1": 3, "MINI.2.1.1": 2, "MINI.2.1.2": 2}),
		Plan: []record.Goal{
			{ID: "g1", Objective: "ask directly and  calmly about suicide", Competences: []string{"MINI.2.1.1"}, Status: record.GoalInProgress},
			{ID: "g2", Objective: "Involve colleagues earlier", Competences: []string{"MINI.2.1.2"}, Status: record.GoalPlanned},
		},
		Complete: true,
	})
}

func codes(ns []compare.NeedChange) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Code)
	}
	return strings.Join(out, " ")
}

func TestCompareSameFramework(t *testing.T) {
	s := set(t)
	res, err := compare.Compare(oldRecord(t, s), newRecord(t, s), s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != compare.ModeSame || len(res.Warnings) != 0 {
		t.Errorf("mode %s, warnings %q", res.Mode, res.Warnings)
	}
	wantAreas := []struct {
		code     string
		old, new float64
		delta    float64
		status   string
	}{
		{"MINI.1.1", 2, 2.5, 0.5, compare.Improved},
		{"MINI.1.2", 1, 3, 2, compare.Improved},
		{"MINI.2.1", 2, 2, 0, compare.Unchanged},
	}
	if len(res.Areas) != len(wantAreas) {
		t.Fatalf("areas: %+v", res.Areas)
	}
	for i, w := range wantAreas {
		a := res.Areas[i]
		if a.Code != w.code || a.Old.Mean != w.old || a.New.Mean != w.new || a.Delta != w.delta || a.Status != w.status {
			t.Errorf("area %d = %s %v→%v %+v %s, want %+v", i, a.Code, a.Old.Mean, a.New.Mean, a.Delta, a.Status, w)
		}
	}
	if got := res.Areas[1]; got.Old.Label != "Not yet" || got.New.Label != "Competent" {
		t.Errorf("levels of MINI.1.2: %q → %q", got.Old.Label, got.New.Label)
	}
	for name, tc := range map[string]struct{ got, want string }{
		"met":  {codes(res.NeedsMet), "MINI.1.1.1 MINI.1.2.1"},
		"open": {codes(res.NeedsOpen), "MINI.1.1.2 MINI.2.1.1"},
		"new":  {codes(res.NewNeeds), "MINI.2.1.2"},
	} {
		if tc.got != tc.want {
			t.Errorf("needs %s = %q, want %q", name, tc.got, tc.want)
		}
	}
	wantGoals := []string{compare.GoalCarriedForward, compare.GoalNeedsMet, compare.GoalNotCarried, compare.GoalAchieved}
	for i, w := range wantGoals {
		if res.Goals[i].Outcome != w {
			t.Errorf("goal %q: %q, want %q", res.Goals[i].Goal.Objective, res.Goals[i].Outcome, w)
		}
	}
	if len(res.NewGoals) != 1 || res.NewGoals[0].Objective != "Involve colleagues earlier" {
		t.Errorf("new goals: %+v", res.NewGoals)
	}
}

func TestCompareWarnings(t *testing.T) {
	s := set(t)
	o, n := oldRecord(t, s), newRecord(t, s)
	n.Frameworks[0].Digest = "different"
	n.Frameworks[0].Version = "0.2.0"
	o.Practitioner.Name, n.Practitioner.Name = "Alex", "Sam"
	res, err := compare.Compare(o, n, s)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(res.Warnings, "\n")
	for _, want := range []string{"changed between the records (version 0.1.0, then 0.2.0)", "name differs"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	res, _ = compare.Compare(n, o, s)
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "swap") {
		t.Errorf("swapped records not noticed: %q", res.Warnings)
	}
}

func TestCompareAmendedPlanFromReview(t *testing.T) {
	s := set(t)
	o := oldRecord(t, s)
	o.Reviews = []record.Review{{Reviewer: record.Reviewer{Name: "Sam"}, Date: "2026-03-10", PlanAgreed: true,
		AgreedPlan: []record.Goal{{ID: "g1", Objective: "Shadow a liaison nurse", Status: record.GoalPlanned}}}}
	res, err := compare.Compare(o, newRecord(t, s), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Goals) != 1 || res.Goals[0].Goal.Objective != "Shadow a liaison nurse" || !strings.Contains(res.PlanSource, "Sam") {
		t.Errorf("goals from the agreed plan: %+v (%s)", res.Goals, res.PlanSource)
	}
}

func TestCompareCrosswalk(t *testing.T) {
	s := set(t)
	n := recordtest.Build(t, s, recordtest.Spec{
		ID: "r-0000000000000003", Now: sept,
		Scopes: []assessment.Scope{{Framework: "mini2"}},
		Rate:   recordtest.ByCode(map[string]int{"MINI2.1.1.1": 3, "MINI2.1.1.2": 3, "MINI2.1.1.3": 1, "MINI2.1.2.1": 2}),
	})
	res, err := compare.Compare(oldRecord(t, s), n, s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != compare.ModeCrosswalk || !strings.Contains(strings.Join(res.Warnings, " "), "crosswalk") {
		t.Fatalf("mode %s, warnings %q", res.Mode, res.Warnings)
	}
	a := res.Areas[0]
	// Over the two linked competences: old 1 and 3 (mean 2), new 3 and 3.
	if a.Code != "MINI2.1.1" || a.Matched != 2 || a.Old.Mean != 2 || a.New.Mean != 3 || a.Delta != 1 || a.Status != compare.Improved || strings.Join(a.Via, ",") != "MINI.2.1" {
		t.Errorf("crosswalked area: %+v", a)
	}
	// A related link is shown for context and never compared.
	if b := res.Areas[1]; b.Code != "MINI2.1.2" || b.Status != compare.NoLink || b.Matched != 0 || strings.Join(b.Near, ",") != "MINI.1.1.1 (related)" ||
		!strings.Contains(b.Note(), "close or related, not compared: MINI.1.1.1 (related)") {
		t.Errorf("unlinked area: %+v", b)
	}
	// MINI.2.1.1 (rated 1, target 3) maps to MINI2.1.1.1, now 3: met.
	if len(res.NeedsMet) != 1 || res.NeedsMet[0].Code != "MINI2.1.1.1" || res.NeedsMet[0].OldCode != "MINI.2.1.1" {
		t.Errorf("needs met through the crosswalk: %+v", res.NeedsMet)
	}
}

func TestCompareRefuses(t *testing.T) {
	s := set(t)
	lonely := recordtest.Build(t, s, recordtest.Spec{Now: sept, Scopes: []assessment.Scope{{Framework: "lonely"}}, Rate: recordtest.Constant(2)})
	_, err := compare.Compare(oldRecord(t, s), lonely, s)
	if !errors.Is(err, compare.ErrNotComparable) || !strings.Contains(err.Error(), "crosswalk") || !strings.Contains(err.Error(), "mini") || !strings.Contains(err.Error(), "lonely") {
		t.Errorf("no links: %v", err)
	}
	onlyMini := recordtest.Mini(t)
	_, err = compare.Compare(oldRecord(t, s), lonely, onlyMini)
	if !errors.Is(err, compare.ErrNotComparable) || !strings.Contains(err.Error(), "--framework") {
		t.Errorf("framework not loaded: %v", err)
	}
	unscored := oldRecord(t, s)
	unscored.Scores = nil
	if _, err := compare.Compare(unscored, newRecord(t, s), s); !errors.Is(err, compare.ErrNotComparable) {
		t.Errorf("unscored: %v", err)
	}
}

func TestRenderGolden(t *testing.T) {
	s := set(t)
	res, err := compare.Compare(oldRecord(t, s), newRecord(t, s), s)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fn   func(*bytes.Buffer) error
	}{
		{"compare.txt", func(b *bytes.Buffer) error { return compare.Text(b, res, 80) }},
		{"compare.md", func(b *bytes.Buffer) error { return compare.Markdown(b, res) }},
		{"compare.html", func(b *bytes.Buffer) error { return compare.HTML(b, res) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.fn(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", tc.name)
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file; if the change is intended, run go test ./internal/compare -update and review the diff\n%s", tc.name, b.String())
			}
		})
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	s := set(t)
	o := oldRecord(t, s)
	n := newRecord(t, s)
	n.Plan[1].Objective = `<script>alert(1)</script>`
	res, _ := compare.Compare(o, n, s)
	var b bytes.Buffer
	if err := compare.HTML(&b, res); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	if strings.Contains(h, "<script>") || !strings.Contains(h, "Content-Security-Policy") || strings.Contains(h, "http://") || strings.Contains(h, "https://") {
		t.Errorf("HTML is not safe and self-contained:\n%s", h)
	}
}

// Records of two shipped frameworks compare through their crosswalk, when
// the frameworks are present and linked.
func TestCompareShippedFrameworksThroughCrosswalk(t *testing.T) {
	s := recordtest.Embedded()
	if s == nil || len(s.Frameworks()) < 2 {
		t.Fatal("want the shipped frameworks (at least two, linked by the crosswalk)")
	}
	a, b := s.Frameworks()[0], s.Frameworks()[1]
	linked := false
	for _, c := range a.Competences() {
		for _, x := range s.SameAs(c.Code) {
			linked = linked || s.Owner(x) == b
		}
	}
	if !linked {
		t.Skipf("%s and %s have no crosswalk links", a.ID, b.ID)
	}
	top := a.EffectiveScale().Max()
	o := recordtest.Build(t, s, recordtest.Spec{Now: march, Scopes: []assessment.Scope{{Framework: a.ID}}, Rate: recordtest.Constant(1)})
	n := recordtest.Build(t, s, recordtest.Spec{Now: sept, Scopes: []assessment.Scope{{Framework: b.ID}}, Rate: recordtest.Constant(min(top, b.EffectiveScale().Max()))})
	res, err := compare.Compare(o, n, s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != compare.ModeCrosswalk {
		t.Fatalf("mode %s", res.Mode)
	}
	improved := 0
	for _, ar := range res.Areas {
		if ar.Status == compare.Improved {
			improved++
			if ar.Matched == 0 || len(ar.Via) == 0 {
				t.Errorf("%s improved without matched competences: %+v", ar.Code, ar)
			}
		}
	}
	if improved == 0 || len(res.NeedsMet) == 0 {
		t.Errorf("%s → %s: %d areas improved, %d needs met", a.ID, b.ID, improved, len(res.NeedsMet))
	}
}

// Hand-edited records must not make compare panic.
func TestCompareOddRecords(t *testing.T) {
	s := set(t)
	n := recordtest.Build(t, s, recordtest.Spec{Now: sept, Scopes: []assessment.Scope{{Framework: "mini2"}}, Rate: recordtest.Constant(2)})
	n.Scores.Areas[0].Framework = "nowhere"
	n.Scores.Areas = append(n.Scores.Areas, assessment.AreaScore{Framework: "mini2", Code: "MINI2.9.9"})
	res, err := compare.Compare(oldRecord(t, s), n, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Areas[:1] {
		if a.Status != compare.NoLink {
			t.Errorf("%+v", a)
		}
	}
	o := oldRecord(t, s)
	o.Scores.Needs = append(o.Scores.Needs, assessment.Need{Code: "X.1"})
	o.Plan = append(o.Plan, record.Goal{Objective: ""})
	if _, err := compare.Compare(o, newRecord(t, s), s); err != nil {
		t.Fatal(err)
	}
}

// How the gap between self and reviewer ratings moved: worked out by hand.
// March: MINI.1.1 self 2, 2 against the reviewer's 3, 3 (−1 each, mean
// −1.00); MINI.2.1 self 1 against 1 (0). September: MINI.1.1 self 3, 2
// against 3, 3 (0 and −1: −0.50), MINI.2.1 not rated by the reviewer.
func TestCompareCalibration(t *testing.T) {
	s := set(t)
	old, nw := oldRecord(t, s), newRecord(t, s)
	rate := func(r *record.Record, rs ...record.Rating) {
		rev, err := r.NewReview(record.Review{Reviewer: record.Reviewer{Name: "Sam"}, Date: r.Updated.Format("2006-01-02"), PlanAgreed: true, Ratings: rs}, r.Updated.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		r.AppendReview(rev, r.Updated.Add(time.Hour), record.Tool{})
	}
	rate(old, record.Rating{Code: "MINI.1.1.1", Rating: 3}, record.Rating{Code: "MINI.1.1.2", Rating: 3}, record.Rating{Code: "MINI.2.1.1", Rating: 1})
	rate(nw, record.Rating{Code: "MINI.1.1.1", Rating: 3}, record.Rating{Code: "MINI.1.1.2", Rating: 3})
	res, err := compare.Compare(old, nw, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Calibration) != 2 {
		t.Fatalf("calibration %+v", res.Calibration)
	}
	a, b := res.Calibration[0], res.Calibration[1]
	if a.Code != "MINI.1.1" || a.Old.Mean() != -1 || a.New.Mean() != -0.5 || a.Moved() != "closer" || a.New.Same != 1 || a.New.Lower != 1 {
		t.Errorf("MINI.1.1: %+v %+v %+v %s", a, a.Old, a.New, a.Moved())
	}
	if b.Code != "MINI.2.1" || b.Old.Mean() != 0 || b.New != nil || b.Moved() != "not rated by a reviewer this time" {
		t.Errorf("MINI.2.1: %+v", b)
	}
	var out bytes.Buffer
	if err := compare.Text(&out, res, 100); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CALIBRATION: SELF − REVIEWER", "MINI.1.1  -1.00 over 2    -0.50 over 2    closer", "never averaged together"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, out.String())
		}
	}
}

// TestGoalsKeepTheirIdentity is the case: the earlier plan dropped
// goal g2; the new plan has a different goal, also called g2 (the old
// per-record ids), sharing a competence. It is not the same goal and the
// dropped one is never "carried forward". Goals with the ids reflect gives
// now (unique across records) are followed by id even when the objective
// is reworded.
func TestGoalsKeepTheirIdentity(t *testing.T) {
	s := set(t)
	old := oldRecord(t, s)
	old.Plan = []record.Goal{
		{ID: "g2", Objective: "Learn the information-sharing policy", Competences: []string{"MINI.1.2.1", "MINI.2.1.2"}, Status: record.GoalDropped},
		{ID: "g-0123456789abcdef", Objective: "Ask directly about suicide", Competences: []string{"MINI.2.1.1"}, Status: record.GoalPlanned},
		{ID: "g-1111111111111111", Objective: "Practise a safety plan", Status: record.GoalDropped},
	}
	nw := newRecord(t, s)
	nw.Plan = []record.Goal{
		{ID: "g2", Objective: "Involve colleagues earlier", Competences: []string{"MINI.2.1.2"}, Status: record.GoalPlanned},
		{ID: "g-0123456789abcdef", Objective: "Ask directly and calmly about thoughts of suicide", Competences: []string{"MINI.2.1.1"}, Status: record.GoalInProgress},
		{ID: "g-1111111111111111", Objective: "Practise a safety plan", Status: record.GoalInProgress},
	}
	res, err := compare.Compare(old, nw, s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{compare.GoalDropped, compare.GoalCarriedForward, compare.GoalDropped}
	for i, o := range res.Goals {
		if o.Outcome != want[i] {
			t.Errorf("goal %s (%s): %s, want %s", o.Goal.ID, o.Goal.Objective, o.Outcome, want[i])
		}
	}
	if len(res.NewGoals) != 1 || res.NewGoals[0].Objective != "Involve colleagues earlier" {
		t.Errorf("new goals %+v: want the different g2 listed as new", res.NewGoals)
	}
	var b strings.Builder
	if err := compare.Text(&b, res, 200); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Practise a safety plan: dropped (the new plan takes it up again: in progress)") {
		t.Errorf("text:\n%s", b.String())
	}
}
