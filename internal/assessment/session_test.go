package assessment_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// twoFrameworks loads mini.yaml and a copy ("other", codes OTHER.*) whose
// MINI.2.1.1 equivalent is crosswalked to MINI.2.1.1.
func twoFrameworks(t *testing.T) *framework.Set {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "frameworks", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	a, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	other := bytes.ReplaceAll(data, []byte("MINI."), []byte("OTHER."))
	other = bytes.Replace(other, []byte("id: mini"), []byte("id: other"), 1)
	other = bytes.Replace(other, []byte("          - code: OTHER.2.1.1\n            kind: skill\n"), []byte("          - code: OTHER.2.1.1\n            kind: skill\n            same_as: [MINI.2.1.1]\n"), 1)
	b, probs := framework.Parse("other.yaml", other)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	set, probs := framework.NewSet(a, b)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

func codes(p *assessment.Plan) []string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.Code())
	}
	return out
}

func TestPlanScopes(t *testing.T) {
	set := twoFrameworks(t)
	tests := []struct {
		name    string
		scopes  []assessment.Scope
		want    []string
		wantErr string
	}{
		{"everything", []assessment.Scope{{Framework: "mini"}}, []string{"MINI.1.1.1", "MINI.1.1.2", "MINI.1.2.1", "MINI.2.1.1", "MINI.2.1.2"}, ""},
		{"profile in framework order", []assessment.Scope{{Framework: "mini", Profile: "everyone"}}, []string{"MINI.1.1.1", "MINI.1.1.2", "MINI.2.1.1", "MINI.2.1.2"}, ""},
		{"chosen areas", []assessment.Scope{{Framework: "mini", Areas: []string{"MINI.2.1"}}}, []string{"MINI.2.1.1", "MINI.2.1.2"}, ""},
		{"crosswalk asked once", []assessment.Scope{{Framework: "mini", Areas: []string{"MINI.2.1"}}, {Framework: "other", Areas: []string{"OTHER.2.1"}}}, []string{"MINI.2.1.1", "MINI.2.1.2", "OTHER.2.1.2"}, ""},
		{"unknown profile", []assessment.Scope{{Framework: "mini", Profile: "nobody"}}, nil, `has no profile "nobody"`},
		{"unknown area", []assessment.Scope{{Framework: "mini", Areas: []string{"MINI.9.9"}}}, nil, `has no area "MINI.9.9"`},
		{"unknown framework", []assessment.Scope{{Framework: "nope"}}, nil, `no framework "nope"`},
		{"twice", []assessment.Scope{{Framework: "mini"}, {Framework: "mini"}}, nil, "chosen twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := assessment.NewPlan(set, tt.scopes)
			if tt.wantErr != "" {
				if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tt.wantErr)) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(p); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("items = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestProfileTargets(t *testing.T) {
	set := twoFrameworks(t)
	p, _ := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}})
	ar, ok := p.AreaRef("MINI.1.2")
	if !ok || ar.Target != 3 {
		t.Errorf("target of MINI.1.2 = %+v", ar)
	}
	p2, _ := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini"}})
	if ar, _ := p2.AreaRef("MINI.1.2"); ar.Target != 2 {
		t.Errorf("default target = %d, want 2 (second-highest level of a 3-level scale)", ar.Target)
	}
}

func TestSessionAnswering(t *testing.T) {
	set := twoFrameworks(t)
	p, _ := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini", Areas: []string{"MINI.2.1"}}, {Framework: "other", Areas: []string{"OTHER.2.1"}}})
	s, err := assessment.NewSession(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Rate("OTHER.2.1.1", 3); err != nil { // the crosswalked code answers its primary
		t.Fatal(err)
	}
	if got := s.Answer("MINI.2.1.1"); got.Rating != 3 || got.Code != "MINI.2.1.1" {
		t.Errorf("crosswalked answer = %+v", got)
	}
	if err := s.Rate("MINI.2.1.2", 4); err == nil {
		t.Error("rating 4 on a 3-level scale accepted")
	}
	if err := s.Rate("MINI.1.1.1", 2); err == nil {
		t.Error("rating a competence outside the plan accepted")
	}
	if err := s.SetNA("MINI.2.1.2", "because"); err == nil {
		t.Error("unknown N/A reason accepted")
	}
	if err := s.SetNA("MINI.2.1.2", "not-my-role"); err != nil {
		t.Fatal(err)
	}
	s.SetNote("MINI.2.1.2", "  discussed in supervision \n\n")
	if on, _ := s.ToggleFlag("OTHER.2.1.2"); !on {
		t.Error("flag did not switch on")
	}
	if a, tot := s.Progress(); a != 2 || tot != 3 {
		t.Errorf("progress = %d/%d, want 2/3", a, tot)
	}
	if got := s.Answer("MINI.2.1.2"); !got.NA || got.Note != "  discussed in supervision" {
		t.Errorf("N/A answer = %+v", got)
	}
	// Rating replaces N/A.
	s.Rate("MINI.2.1.2", 1)
	if got := s.Answer("MINI.2.1.2"); got.NA || got.NAReason != "" || got.Rating != 1 {
		t.Errorf("rating after N/A = %+v", got)
	}

	// Saved answers come back; unknown ones are returned, not dropped.
	saved := s.Answers()
	s2, _ := assessment.NewSession(p)
	lost := s2.Restore(append(saved, assessment.Answer{Code: "GONE.1", Rating: 2}, assessment.Answer{Code: "MINI.2.1.1", Rating: 7}))
	if len(lost) != 2 {
		t.Errorf("lost = %+v, want the unknown code and the off-scale rating", lost)
	}
	if !reflect.DeepEqual(s2.Answers()[1:], saved[1:]) || s2.Answer("OTHER.2.1.2").Flag != true {
		t.Errorf("restored answers differ:\n%+v\n%+v", s2.Answers(), saved)
	}
}

func TestNavigation(t *testing.T) {
	set := twoFrameworks(t)
	p, _ := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini"}})
	s, _ := assessment.NewSession(p)
	if s.Back() {
		t.Error("back at the start should report false")
	}
	for s.Next() {
	}
	if s.Cursor != s.Len()-1 {
		t.Errorf("cursor = %d after walking to the end", s.Cursor)
	}
	if !s.Back() || s.Cursor != s.Len()-2 {
		t.Error("back always works")
	}
	s.Goto(0)
	s.Rate("MINI.1.1.2", 2)
	s.SetNA("MINI.1.2.1", "not-encountered")
	if !s.NextUnanswered() || s.Current().Code() != "MINI.2.1.1" {
		t.Errorf("next unanswered = %s", s.Current().Code())
	}
	s.Goto(4)
	if !s.NextUnanswered() || s.Current().Code() != "MINI.1.1.1" {
		t.Errorf("next unanswered should wrap round: %s", s.Current().Code())
	}
	for _, it := range p.Items {
		s.Rate(it.Code(), 1)
	}
	if s.NextUnanswered() {
		t.Error("nothing is unanswered")
	}
	if got := s.Search("directly SUICIDE"); len(got) != 1 || p.Items[got[0]].Code() != "MINI.2.1.1" {
		t.Errorf("search = %v", got)
	}
	if got := s.Search("setting them aside"); len(got) != 1 || p.Items[got[0]].Code() != "MINI.1.1.2" {
		t.Errorf("search should look in sub-items: %v", got)
	}
	if !s.GotoCode("MINI.1.2.1") || s.Cursor != 2 {
		t.Error("GotoCode")
	}
}
