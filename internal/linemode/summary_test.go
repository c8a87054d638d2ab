package linemode

import (
	"os"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// A mean of 2.5 on a 4-point scale is 62.5%: shown as 63%, as the
// questionnaire's summary shows it, not 62% (fmt rounds halves to even).
func TestSummaryPercentRoundsHalfUp(t *testing.T) {
	data, err := os.ReadFile("../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	level3 := "      descriptor: I can do this on my own\n"
	if !strings.Contains(string(data), level3) {
		t.Fatal("mini.yaml's scale has changed; update this test")
	}
	data = []byte(strings.Replace(string(data), level3, level3+"    - value: 4\n      label: Proficient\n      descriptor: I can guide others\n", 1))
	f, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	set, probs := framework.NewSet(f)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini"}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		t.Fatal(err)
	}
	for code, v := range map[string]int{"MINI.1.1.1": 2, "MINI.1.1.2": 3} {
		if err := s.Rate(code, v); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	WriteSummary(&b, s, 200)
	out := b.String()
	for _, want := range []string{"Overall: Developing (2.5 out of 4, 63%).", "MINI.1.1 Understanding distress: Developing, 2.5 (63%), 2 of 2 rated"} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
}
