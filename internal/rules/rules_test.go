package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShippedRulesLoad(t *testing.T) {
	s, err := Shipped()
	if err != nil {
		t.Fatalf("shipped rules are invalid:\n%v", err)
	}
	if got := strings.Join(s.IDs(), ","); got != "gmc,hcpc,nmc,swe" {
		t.Fatalf("shipped = %s", got)
	}
}

// The requirement ids are the ones the portfolio's JSON promises.
func TestShippedRequirementIDs(t *testing.T) {
	want := map[string]string{
		"nmc":  "practice-hours,cpd-hours,participatory-hours,feedback,reflective-accounts,reflective-discussion",
		"hcpc": "activity-types,gaps",
		"swe":  "pieces,peer-reflection",
		"gmc":  "cpd,quality-improvement,significant-events,colleague-feedback,patient-feedback,compliments-complaints",
	}
	s, _ := Shipped()
	for id, ids := range want {
		r := s.Get(id)
		var got []string
		for _, q := range r.Requirements {
			got = append(got, q.ID)
			src := r.SourceByID(q.Source)
			if src == nil || !strings.HasPrefix(src.URL, "https://") || src.Published == "" {
				t.Errorf("%s/%s cites no published, dated source", id, q.ID)
			}
		}
		if strings.Join(got, ",") != ids {
			t.Errorf("%s: requirements %v, want %s", id, got, ids)
		}
		if len(r.Unchecked) == 0 {
			t.Errorf("%s says nothing about what could not be checked", id)
		}
	}
	// The published thresholds.
	nmc := s.Get("nmc")
	for id, n := range map[string]float64{"practice-hours": 450, "cpd-hours": 35, "participatory-hours": 20, "feedback": 5, "reflective-accounts": 5, "reflective-discussion": 1} {
		if q := nmc.Requirement(id); q.Required != n {
			t.Errorf("nmc %s = %v, want %v", id, q.Required, n)
		}
	}
	if c := nmc.Cycle; c.Kind != CycleYearsBeforeRenewal || c.Years != 3 {
		t.Errorf("nmc cycle %+v", c)
	}
	if c := s.Get("swe").Cycle; c.Kind != CycleRegistrationYear || c.YearStarts != "12-01" {
		t.Errorf("swe cycle %+v", c)
	}
	if c := s.Get("gmc").Cycle; c.Years != 5 {
		t.Errorf("gmc cycle %+v", c)
	}
	if q := s.Get("hcpc").Requirement("gaps"); q.GapMonths != 3 || q.Comparison() != AtMost {
		t.Errorf("hcpc gaps %+v", q)
	}
}

const good = `schema: 1
id: my-trust
regulator: My Trust
short: Trust
checked: "2026-01-01"
sources:
  - {id: policy, title: Policy, publisher: Trust, url: "https://example.org/p", published: "2025"}
cycle: {kind: years-before-renewal, years: 1, source: policy, describe: the year}
activity_types:
  - {id: course, title: Course}
record_activity_type: course
requirements:
  - {id: hours, title: Hours, measure: cpd-hours, required: 10, source: policy, describe: Ten hours.}
`

func TestOwnRulesFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "mine.yaml")
	os.WriteFile(p, []byte(good), 0o600)
	r, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "my-trust" || r.Requirement("hours").Unit() != "hours" {
		t.Errorf("%+v", r)
	}
}

func TestBadRulesAtFileLineCol(t *testing.T) {
	cases := []struct{ edit, want string }{
		{strings.Replace(good, "measure: cpd-hours", "measure: cpd-hour", 1), `mine.yaml:13:5: requirement hours: unknown measure "cpd-hour" (did you mean "cpd-hours"?)`},
		{strings.Replace(good, "source: policy, describe: Ten", "source: polcy, describe: Ten", 1), `mine.yaml:13:5: requirement hours cites the source "polcy", which is not listed (did you mean "policy"?)`},
		{strings.Replace(good, "kind: years-before-renewal, years: 1", "kind: years-before-renewal, years: 0", 1), "mine.yaml:8:8: the cycle needs years"},
		{strings.Replace(good, "record_activity_type: course", "record_activity_type: cours", 1), `did you mean "course"?`},
		{strings.Replace(good, "required: 10", "required: -1", 1), "not a usable threshold"},
		{strings.Replace(good, "required: 10", "required: .nan", 1), "is not a usable number"},
		{strings.Replace(good, "url: \"https://example.org/p\"", "url: \"http://example.org/p\"", 1), "not an https address"},
		{strings.Replace(good, "short: Trust\n", "short: Trust\nshortt: x\n", 1), `mine.yaml:5:1: unknown field "shortt" (did you mean "short"?)`},
		{strings.Replace(good, "checked: \"2026-01-01\"", "checked: \"2026-13-01\"", 1), "is not a date"},
		{good + "  - {id: hours, title: H, measure: feedback, source: policy, describe: d}\n", `the requirement "hours" is listed twice`},
		{strings.Replace(good, "measure: cpd-hours, required: 10", "measure: gaps, required: 0", 1), "gaps needs gap_months"},
	}
	for _, c := range cases {
		_, probs := Parse("mine.yaml", []byte(c.edit))
		if !strings.Contains(probs.Error(), c.want) {
			t.Errorf("want %q in:\n%v", c.want, probs)
		}
	}
}

func TestUnknownRegulator(t *testing.T) {
	s, _ := Shipped()
	_, err := s.Lookup("hcpcc")
	if err == nil || !strings.Contains(err.Error(), "did you mean hcpc?") || !strings.Contains(err.Error(), "--rules FILE") {
		t.Errorf("err = %v", err)
	}
	if r, err := s.Lookup(" NMC "); err != nil || r.ID != "nmc" {
		t.Errorf("NMC: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	for _, id := range []string{"nmc", "hcpc", "swe", "gmc"} {
		b, _ := os.ReadFile(filepath.Join("..", "..", "frameworks", "regulators", id+".yaml"))
		f.Add(b)
	}
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte(strings.Repeat("[", 300)))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, probs := Parse("fuzz.yaml", data)
		if len(probs) == 0 && r == nil {
			t.Fatal("no rules and no problems")
		}
		for _, p := range probs {
			if p.File != "fuzz.yaml" || p.Msg == "" {
				t.Fatalf("problem without a place or message: %+v", p)
			}
		}
	})
}
