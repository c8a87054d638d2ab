package assessment_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

func miniBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parse(t *testing.T, name string, data []byte) *framework.Framework {
	t.Helper()
	f, probs := framework.Parse(name, data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return f
}

// miniSet is the mini framework alone.
func miniSet(t *testing.T) *framework.Set {
	t.Helper()
	set, probs := framework.NewSet(parse(t, "mini.yaml", miniBytes(t)))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

// crosswalkSet is mini plus "other", a copy with OTHER.* codes whose
// OTHER.2.1.2 is the same competence as MINI.2.1.2. Its "specialist"
// profile targets are raised to 3 everywhere already; "everyone" is 2.
func crosswalkSet(t *testing.T) *framework.Set {
	t.Helper()
	other := bytes.ReplaceAll(miniBytes(t), []byte("MINI."), []byte("OTHER."))
	other = bytes.Replace(other, []byte("id: mini\n"), []byte("id: other\n"), 1)
	other = bytes.Replace(other, []byte("            kind: judgement\n"), []byte("            kind: judgement\n            same_as: [MINI.2.1.2]\n"), 1)
	set, probs := framework.NewSet(parse(t, "mini.yaml", miniBytes(t)), parse(t, "other.yaml", other))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

func session(t *testing.T, set *framework.Set, scopes ...assessment.Scope) *assessment.Session {
	t.Helper()
	p, err := assessment.NewPlan(set, scopes)
	if err != nil {
		t.Fatal(err)
	}
	s, err := assessment.NewSession(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func rate(t *testing.T, s *assessment.Session, ratings map[string]int) {
	t.Helper()
	for code, v := range ratings {
		if err := s.Rate(code, v); err != nil {
			t.Fatal(err)
		}
	}
}

func needCodes(ns []assessment.Need) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.Code)
	}
	return out
}

var miniAll = assessment.Scope{Framework: "mini"}

func TestScoreNothingAnswered(t *testing.T) {
	s := session(t, miniSet(t), miniAll)
	sc := s.Score()
	want := assessment.Score{Total: 5, Unanswered: 5}
	if sc.Overall != want {
		t.Errorf("overall = %+v, want %+v", sc.Overall, want)
	}
	if got := strings.Join(sc.Unanswered, " "); got != "MINI.1.1.1 MINI.1.1.2 MINI.1.2.1 MINI.2.1.1 MINI.2.1.2" {
		t.Errorf("unanswered = %s", got)
	}
	if len(sc.NA) != 0 || len(sc.Needs) != 0 || len(sc.Strengths) != 0 {
		t.Errorf("NA %v needs %v strengths %v, want none", sc.NA, sc.Needs, sc.Strengths)
	}
	for _, a := range sc.Areas {
		if a.HasMean() || a.Gap != 0 || a.BelowTarget() || a.Level != 0 {
			t.Errorf("unrated area %s has a score: %+v", a.Code, a)
		}
	}
}

func TestScoreAllNA(t *testing.T) {
	s := session(t, miniSet(t), miniAll)
	for i, it := range s.Plan.Items {
		reason := "not-my-role"
		if i%2 == 1 {
			reason = "not-encountered"
		}
		if err := s.SetNA(it.Code(), reason); err != nil {
			t.Fatal(err)
		}
	}
	sc := s.Score()
	// Nothing applies: no mean, no level, coverage 0 (not a division by zero).
	want := assessment.Score{Total: 5, NA: 5}
	if sc.Overall != want {
		t.Errorf("overall = %+v, want %+v", sc.Overall, want)
	}
	if len(sc.NA) != 5 || sc.NA[0] != (assessment.NAEntry{Code: "MINI.1.1.1", Reason: "not-my-role", ReasonLabel: "Not part of my role"}) ||
		sc.NA[1].ReasonLabel != "Not yet encountered" {
		t.Errorf("NA list = %+v", sc.NA)
	}
	if len(sc.Unanswered) != 0 || len(sc.Needs) != 0 || len(sc.Strengths) != 0 {
		t.Errorf("unanswered %v needs %v strengths %v, want none", sc.Unanswered, sc.Needs, sc.Strengths)
	}
	for _, d := range sc.Domains {
		if d.Rated != 0 || d.Coverage != 0 || d.NA != d.Total {
			t.Errorf("domain %s = %+v", d.Code, d)
		}
	}
}

func TestScoreOneArea(t *testing.T) {
	for _, tc := range []struct {
		rating   int
		gap      float64
		needs    []string
		strength []string
	}{
		{1, 1, []string{"MINI.1.2.1"}, []string{}},
		{2, 0, []string{}, []string{"MINI.1.2"}},
		{3, -1, []string{}, []string{"MINI.1.2"}},
	} {
		s := session(t, miniSet(t), assessment.Scope{Framework: "mini", Areas: []string{"MINI.1.2"}})
		rate(t, s, map[string]int{"MINI.1.2.1": tc.rating})
		sc := s.Score()
		if len(sc.Areas) != 1 || len(sc.Domains) != 1 {
			t.Fatalf("areas %d domains %d, want 1 and 1", len(sc.Areas), len(sc.Domains))
		}
		a := sc.Areas[0]
		// No profile: the target is the second-highest level (2 on mini's 3-point scale).
		if a.Target != 2 || a.Gap != tc.gap || a.Mean != float64(tc.rating) || a.Coverage != 1 {
			t.Errorf("rating %d: area = %+v", tc.rating, a)
		}
		if d := sc.Domains[0]; d.Score != a.Score || d.Target != 2 {
			t.Errorf("rating %d: domain %+v differs from its one area %+v", tc.rating, d, a)
		}
		if sc.Overall != a.Score {
			t.Errorf("rating %d: overall %+v differs from the one area %+v", tc.rating, sc.Overall, a.Score)
		}
		if got := needCodes(sc.Needs); !reflect.DeepEqual(got, tc.needs) {
			t.Errorf("rating %d: needs = %v, want %v", tc.rating, got, tc.needs)
		}
		if !reflect.DeepEqual(sc.Strengths, tc.strength) {
			t.Errorf("rating %d: strengths = %v, want %v", tc.rating, sc.Strengths, tc.strength)
		}
	}
}

func TestScoreMeanPercentLevelCoverage(t *testing.T) {
	s := session(t, miniSet(t), miniAll)
	// MINI.1.1: 2 and 3 → mean 2.5, a half: rounds down to level 2.
	// MINI.1.2: N/A → out of the denominator.
	// MINI.2.1: 3 and unanswered → mean 3, coverage 1/2.
	rate(t, s, map[string]int{"MINI.1.1.1": 2, "MINI.1.1.2": 3, "MINI.2.1.1": 3})
	if err := s.SetNA("MINI.1.2.1", "not-my-role"); err != nil {
		t.Fatal(err)
	}
	sc := s.Score()
	byCode := map[string]assessment.AreaScore{}
	for _, a := range sc.Areas {
		byCode[a.Code] = a
	}
	if a := byCode["MINI.1.1"]; a.Mean != 2.5 || a.Percent != 83.33 || a.Level != 2 || a.LevelLabel != "Developing" || a.Coverage != 1 {
		t.Errorf("MINI.1.1 = %+v", a)
	}
	if a := byCode["MINI.1.2"]; a.Rated != 0 || a.NA != 1 || a.Coverage != 0 || a.HasMean() {
		t.Errorf("MINI.1.2 = %+v", a)
	}
	if a := byCode["MINI.2.1"]; a.Mean != 3 || a.Percent != 100 || a.Level != 3 || a.Coverage != 0.5 || a.Unanswered != 1 {
		t.Errorf("MINI.2.1 = %+v", a)
	}
	// Overall: (2+3+3)/3 = 2.67 → level 3; coverage 3 rated of 5−1 applicable.
	want := assessment.Score{Total: 5, Rated: 3, NA: 1, Unanswered: 1, Mean: 2.67, Percent: 89, Level: 3, LevelLabel: "Competent", Coverage: 0.75}
	if sc.Overall != want {
		t.Errorf("overall = %+v\nwant %+v", sc.Overall, want)
	}
}

func TestScoreDomainIsPooled(t *testing.T) {
	s := session(t, miniSet(t), assessment.Scope{Framework: "mini", Profile: "specialist"})
	// MINI.1.1 mean 1, MINI.1.2 mean 3: the mean of area means would be 2,
	// but the domain pools the three ratings: 5/3 = 1.67.
	rate(t, s, map[string]int{"MINI.1.1.1": 1, "MINI.1.1.2": 1, "MINI.1.2.1": 3})
	sc := s.Score()
	d := sc.Domains[0]
	if d.Code != "MINI.1" || d.Mean != 1.67 || d.Level != 2 || d.Target != 3 {
		t.Errorf("domain = %+v", d)
	}
}

func TestScoreNeedsTies(t *testing.T) {
	s := session(t, miniSet(t), assessment.Scope{Framework: "mini", Profile: "specialist"}) // every target 3
	rate(t, s, map[string]int{
		"MINI.1.1.1": 2, // gap 1
		"MINI.1.1.2": 1, // gap 2
		"MINI.1.2.1": 2, // gap 1, flagged
		"MINI.2.1.1": 1, // gap 2, flagged
		"MINI.2.1.2": 3, // gap 0, flagged
	})
	for _, c := range []string{"MINI.1.2.1", "MINI.2.1.1", "MINI.2.1.2"} {
		if err := s.SetFlag(c, true); err != nil {
			t.Fatal(err)
		}
	}
	sc := s.Score()
	// Largest gap first; within a gap, flagged first; then framework order.
	want := []string{"MINI.2.1.1", "MINI.1.1.2", "MINI.1.2.1", "MINI.1.1.1", "MINI.2.1.2"}
	if got := needCodes(sc.Needs); !reflect.DeepEqual(got, want) {
		t.Errorf("needs = %v, want %v", got, want)
	}
	for i, n := range sc.Needs {
		if n.Rank != i+1 {
			t.Errorf("need %s rank %d, want %d", n.Code, n.Rank, i+1)
		}
	}
	// Equal gaps, none flagged: framework order.
	s2 := session(t, miniSet(t), assessment.Scope{Framework: "mini", Profile: "specialist"})
	rate(t, s2, map[string]int{"MINI.2.1.2": 2, "MINI.1.1.1": 2, "MINI.2.1.1": 2})
	if got := needCodes(s2.Score().Needs); !reflect.DeepEqual(got, []string{"MINI.1.1.1", "MINI.2.1.1", "MINI.2.1.2"}) {
		t.Errorf("tied needs = %v, want framework order", got)
	}
	// A flagged N/A or unanswered competence is still a need, with no gap.
	s3 := session(t, miniSet(t), miniAll)
	if err := s3.SetFlag("MINI.2.1.2", true); err != nil {
		t.Fatal(err)
	}
	if ns := s3.Score().Needs; len(ns) != 1 || ns[0].Gap != 0 || !ns[0].Flagged || ns[0].Rating != 0 {
		t.Errorf("flagged unanswered need = %+v", ns)
	}
}

func TestScoreCrosswalk(t *testing.T) {
	set := crosswalkSet(t)
	s := session(t, set, miniAll, assessment.Scope{Framework: "other"})
	if len(s.Plan.Items) != 9 {
		t.Fatalf("items = %d, want 9 (5 + 5, the linked competence asked once)", len(s.Plan.Items))
	}
	rate(t, s, map[string]int{"MINI.2.1.2": 1})
	sc := s.Score()
	if sc.Overall.Rated != 1 || sc.Overall.Total != 9 {
		t.Errorf("overall = %+v, want the linked rating once of 9", sc.Overall)
	}
	counted := map[string]int{}
	for _, a := range sc.Areas {
		counted[a.Code] = a.Rated
	}
	if counted["MINI.2.1"] != 1 || counted["OTHER.2.1"] != 1 {
		t.Errorf("area counts = %v, want the answer in MINI.2.1 and OTHER.2.1", counted)
	}
	if len(sc.Needs) != 1 || sc.Needs[0].Code != "MINI.2.1.2" {
		t.Errorf("needs = %+v, want the linked competence once", sc.Needs)
	}
	// Either code answers the same question.
	if s.Answer("OTHER.2.1.2").Rating != 1 {
		t.Error("the crosswalked code does not see the answer")
	}
}

func TestScoreCrosswalkNeedUsesHighestTarget(t *testing.T) {
	// Mini without a profile targets 2; other's specialist profile targets 3.
	// A rating of 2 is below target in OTHER.2.1, so it is a need.
	s := session(t, crosswalkSet(t), miniAll, assessment.Scope{Framework: "other", Profile: "specialist"})
	rate(t, s, map[string]int{"MINI.2.1.2": 2})
	sc := s.Score()
	for _, a := range sc.Areas {
		if a.Code == "OTHER.2.1" && !a.BelowTarget() {
			t.Errorf("OTHER.2.1 should be below target: %+v", a)
		}
	}
	if len(sc.Needs) != 1 || sc.Needs[0].Code != "MINI.2.1.2" || sc.Needs[0].Target != 3 || sc.Needs[0].Gap != 1 {
		t.Errorf("needs = %+v, want MINI.2.1.2 with target 3, gap 1", sc.Needs)
	}
}

func TestDefaultTarget(t *testing.T) {
	if got := assessment.DefaultTarget(framework.DefaultScale()); got != 3 {
		t.Errorf("default scale target = %d, want 3 (Competent)", got)
	}
	one := &framework.Scale{Levels: []*framework.Level{{Value: 1, Label: "Only"}}}
	if got := assessment.DefaultTarget(one); got != 1 {
		t.Errorf("one-level scale target = %d, want 1", got)
	}
}

func TestScoreDeterministic(t *testing.T) {
	s := session(t, crosswalkSet(t), miniAll, assessment.Scope{Framework: "other", Profile: "everyone"})
	rate(t, s, map[string]int{"MINI.1.1.1": 1, "OTHER.1.1.2": 2, "MINI.2.1.2": 1})
	a, b := s.Score(), s.Score()
	if !reflect.DeepEqual(a, b) {
		t.Error("two scorings of the same answers differ")
	}
}
