package review

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/record"
)

var plan = []record.Goal{
	{ID: "g1", Objective: "Ask directly and calmly about suicide", Competences: []string{"A.1", "A.2"},
		Activities: []string{"Role-play", "Observe a colleague"}, TargetDate: "2026-07-31", SuccessMeasure: "Three assessments", Status: "planned"},
	{ID: "g2", Objective: "Read the guidance", Status: "in-progress"},
}

func TestPlanTextRoundTrip(t *testing.T) {
	text := PlanText(plan)
	got, err := ParsePlanText(text, plan)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, plan) {
		t.Errorf("round trip:\n%+v\n%+v\ntext:\n%s", got, plan, text)
	}
}

func TestParsePlanTextEdits(t *testing.T) {
	text := "objective: Ask directly\n  and calmly\nTarget date: 2026-08-01\nStatus: achieved\n\n\nObjective: A new goal\nCompetences: X.1;; X.2 \n\n" + PlanTextTemplate + "\n"
	got, err := ParsePlanText(text, plan)
	if err != nil {
		t.Fatal(err)
	}
	want := []record.Goal{
		{ID: "g1", Objective: "Ask directly and calmly", TargetDate: "2026-08-01", Status: "achieved"},
		{ID: "g2", Objective: "A new goal", Competences: []string{"X.1", "X.2"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestParsePlanTextProblems(t *testing.T) {
	for in, want := range map[string]string{
		"Just some words":                       "line 1",
		"Objective: x\nTarget date: 31/07/2026": "line 2: the target date",
		"Objective: x\nStatus: done":            "status \"done\"",
		"Target date: 2026-01-01":               "goal 1 has no objective",
	} {
		if _, err := ParsePlanText(in, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
	if got, err := ParsePlanText("", nil); err != nil || len(got) != 0 {
		t.Errorf("empty: %v %v", got, err)
	}
}

func FuzzParsePlanText(f *testing.F) {
	f.Add(PlanText(plan))
	f.Add(PlanTextTemplate)
	f.Add("Objective: a\n\nObjective: b\nStatus: dropped\nResources: r; s")
	f.Fuzz(func(t *testing.T, text string) {
		goals, err := ParsePlanText(text, plan)
		if err != nil {
			if !utf8.ValidString(err.Error()) && utf8.ValidString(text) {
				t.Fatalf("error is not valid UTF-8: %q", err.Error())
			}
			return
		}
		for _, g := range goals {
			if strings.TrimSpace(g.Objective) == "" {
				t.Fatalf("a goal without an objective: %+v", g)
			}
		}
		// What was read writes back and reads the same.
		again, err := ParsePlanText(PlanText(goals), plan)
		if err != nil {
			t.Fatalf("re-reading %q: %v", PlanText(goals), err)
		}
		if len(again) != len(goals) {
			t.Fatalf("round trip changed the number of goals: %d → %d", len(goals), len(again))
		}
	})
}
