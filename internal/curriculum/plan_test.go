package curriculum

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// A course of four modules against a team's needs, worked out by hand.
//
//	needs: MINI.1.1 10 people (MINI.1.1.1 needed by 6, MINI.1.1.2 by 4)
//	       MINI.2.1  8 people (no competences listed)
//	       MINI.1.2  2 people (a band's lower end)
//	A (1h):   develops MINI.1.1.1                        → 6
//	B (2h):   develops MINI.1.1.1, MINI.1.1.2; introduces MINI.2.1.1 → 10 + 4 = 14
//	C (30m):  introduces MINI.2.1.2                      → 4
//	D (1h):   assesses MINI.1.2.1                        → 2
//
// B's 14 is 6 + 4 for MINI.1.1 and 8 × ½ for MINI.2.1 (listed without
// competences, so its strongest mapping counts). Without a budget: B
// first; then C adds nothing (B's introduction of MINI.2.1 is as good),
// D adds 2, and then nothing adds anything. With 2 hours: per hour C 8,
// B 7, A 6, D 2 → C (30m), then A (1h; B no longer fits), then D does not
// fit the 30 minutes left: 10 in all. B alone fits and does 14, so B
// alone is the plan. With 90 minutes B never fits, and C then A stand.
func TestPlanTraining(t *testing.T) {
	set := testSet(t)
	mk := func(id, dur, maps string) string {
		return "  - id: " + id + "\n    title: " + id + "\n    sessions:\n      - title: s\n        duration: " + dur + "\n        outcomes:\n          - text: o\n            maps: {" + maps + "}\n"
	}
	c, probs := parseString(t, okHead+"modules:\n"+mk("A", "1h", "MINI.1.1.1: develops")+mk("B", "2h", "MINI.1.1.1: develops, MINI.1.1.2: develops, MINI.2.1.1: introduces")+
		mk("C", "30m", "MINI.2.1.2: introduces")+mk("D", "1h", "MINI.1.2.1: assesses"))
	if probs != "" {
		t.Fatal(probs)
	}
	needs := &TeamNeeds{MinGroup: 5, Areas: []TeamArea{
		{Framework: "mini", Code: "MINI.1.1", People: 10, Competences: []TeamCompetence{{Code: "MINI.1.1.1", People: 6}, {Code: "MINI.1.1.2", People: 4}}},
		{Framework: "mini", Code: "MINI.2.1", People: 8},
		{Framework: "mini", Code: "MINI.1.2", People: 2, Banded: true},
	}}
	ids := func(p *Plan) string {
		var out []string
		for _, ch := range p.Chosen {
			out = append(out, ch.Module.ID)
		}
		return strings.Join(out, " ")
	}
	p := PlanTraining(needs, []*Curriculum{c}, set, 0)
	if ids(p) != "B D" || p.Total != 20 || math.Abs(p.Addressed-16) > 1e-9 || math.Abs(p.Possible-16) > 1e-9 || p.Minutes != 180 {
		t.Errorf("no budget: %s, addressed %.2f of %.2f (possible %.2f), %d minutes", ids(p), p.Addressed, p.Total, p.Possible, p.Minutes)
	}
	if g := p.Chosen[0].Gain; math.Abs(g-14) > 1e-9 {
		t.Errorf("B's gain %.2f, want 14", g)
	}
	if r := p.Chosen[0].RunnerUp; r == nil || r.Module.ID != "A" || math.Abs(p.Chosen[0].RunnerGain-6) > 1e-9 {
		t.Errorf("runner-up %+v %.2f", r, p.Chosen[0].RunnerGain)
	}
	why := p.Chosen[0].WhyText(false)
	if !strings.Contains(why, "adds 14.0 people's needs") || !strings.Contains(why, "the next best, module A of c, would add 6.0") {
		t.Errorf("why: %s", why)
	}
	p = PlanTraining(needs, []*Curriculum{c}, set, 120)
	if ids(p) != "B" || !p.SingleBetter || math.Abs(p.Addressed-14) > 1e-9 {
		t.Errorf("2 hours: %s (single better %v), addressed %.2f", ids(p), p.SingleBetter, p.Addressed)
	}
	// 90 minutes: B does not fit; per hour C (8) then A (6): 10.
	p = PlanTraining(needs, []*Curriculum{c}, set, 90)
	if ids(p) != "C A" || p.SingleBetter || math.Abs(p.Addressed-10) > 1e-9 || len(p.TooLong) != 1 || p.TooLong[0].Module.ID != "B" {
		t.Errorf("90 minutes: %s, addressed %.2f, too long %v", ids(p), p.Addressed, p.TooLong)
	}
	if len(p.Unaddressed) != 1 || p.Unaddressed[0].Code != "MINI.1.2" {
		t.Errorf("unaddressed %+v", p.Unaddressed)
	}
	for _, format := range PlanFormats {
		var b bytes.Buffer
		if err := WritePlan(&b, format, p, RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		if format != FormatJSON && !strings.Contains(b.String(), "within 1h 30m") || format == FormatJSON && !strings.Contains(b.String(), `"budget_minutes": 90`) {
			t.Errorf("%s lacks the budget:\n%s", format, b.String())
		}
		if format == FormatJSON {
			var v struct {
				Report  string
				Modules []struct{ Module, Why string }
			}
			if err := json.Unmarshal(b.Bytes(), &v); err != nil || v.Report != "reflect-curriculum-plan" || len(v.Modules) != 2 || v.Modules[0].Why == "" {
				t.Errorf("json %+v %v", v, err)
			}
		}
	}
}
