package review

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

var plan = []record.Goal{
	{ID: "g1", Objective: "Ask directly and calmly about suicide", Competences: []string{"A.1", "A.2"},
		Activities: []string{"Role-play", "Observe a colleague"}, TargetDate: "2026-07-31", SuccessMeasure: "Three assessments", Status: "planned"},
	{ID: "g2", Objective: "Read the guidance", Status: "in-progress"},
}

func TestPlanTextRoundTrip(t *testing.T) {
	text := PlanText(plan)
	got, err := ParsePlanText(text, plan, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, plan) {
		t.Errorf("round trip:\n%+v\n%+v\ntext:\n%s", got, plan, text)
	}
}

func TestParsePlanTextEdits(t *testing.T) {
	text := "objective: Ask directly and calmly\nTarget date: 2026-08-01\nStatus: achieved\n\n\nObjective: A new goal\nCompetences: X.1;; X.2 \n\n" + PlanTextTemplate + "\n"
	got, err := ParsePlanText(text, plan, nil, nil)
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
		"Objective: x\nTarget date: 31/07/2026": "line 2: goal 1: the target date",
		"Objective: x\nStatus: done":            "status \"done\"",
		"Target date: 2026-01-01":               "goal 1: the goal has no objective",
		"Objective: x\n  and more":              "line 2: \"and more\" does not start with a field",
		"Objective: x\nCompetence: A.1":         "did you mean Competences?",
		"Objective: x\nObjective: y":            "line 2: Objective is given twice",
	} {
		if _, err := ParsePlanText(in, nil, nil, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
	if got, err := ParsePlanText("", nil, nil, nil); err != nil || len(got) != 0 {
		t.Errorf("empty: %v %v", got, err)
	}
}

func FuzzParsePlanText(f *testing.F) {
	f.Add(PlanText(plan))
	f.Add(PlanTextTemplate)
	f.Add("Objective: a\n\nObjective: b\nStatus: dropped\nResources: r; s")
	f.Fuzz(func(t *testing.T, text string) {
		goals, err := ParsePlanText(text, plan, nil, nil)
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
		again, err := ParsePlanText(PlanText(goals), plan, nil, nil)
		if err != nil {
			t.Fatalf("re-reading %q: %v", PlanText(goals), err)
		}
		if len(again) != len(goals) {
			t.Fatalf("round trip changed the number of goals: %d → %d", len(goals), len(again))
		}
	})
}

// The amended plan: a code that does not exist, a word and a
// stray line of text are refused, each at its line, with "did you mean".
func TestParsePlanTextChecksCodesAndResources(t *testing.T) {
	set := recordtest.Mini(t)
	fws := []string{"mini"}
	text := "Objective: Ask directly\nCompetences: MINI.2.1.1; MINI.2.1.9; NOPE\nResources: mini-readin; Team teaching session\nthe stray line\n"
	_, err := ParsePlanText(text, nil, set, fws)
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		`line 4: "the stray line" does not start with a field`,
		"line 2: goal 1: MINI.2.1.9 is not a competence of the frameworks this record assessed (did you mean MINI.2.1.1?)",
		"line 2: goal 1: NOPE is not a competence",
		`line 3: goal 1: "mini-readin" is not a resource of the frameworks this record assessed (did you mean mini-reading?`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	got, err := ParsePlanText("Objective: Ask directly\nCompetences: MINI.2.1.1\nResources: mini-reading; Team teaching session", nil, set, fws)
	if err != nil || len(got) != 1 || len(got[0].Resources) != 2 {
		t.Fatalf("a good plan: %+v, %v", got, err)
	}
}
