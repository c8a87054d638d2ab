package cpd_test

import (
	"strings"
	"testing"

	. "github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

func TestNMCAccountNeverAnswersQuestion3WithThePlan(t *testing.T) {
	r := &record.Record{Reflection: record.Reflection{Model: ModelWhatSoWhatNowWhat, Sections: []record.ReflectionSection{
		{Key: "what", Text: "I assessed myself."}, {Key: "so-what", Text: "I learned to ask."}, {Key: "now-what", Text: "I will practise with my supervisor."}}},
		Standards: []record.StandardRef{{Scheme: SchemeNMC, ID: "preserve-safety", Label: "Preserve safety"}, {Scheme: SchemeHCPC, ID: "4", Label: "4"}}}
	a := NMCAccount(r)
	if len(a) != 4 || a[2].Question != "How did you change or improve your practice as a result?" {
		t.Fatalf("questions: %+v", a)
	}
	for _, p := range a[2].Parts {
		if strings.Contains(p.Text, "will practise") {
			t.Fatal("question 3 was answered with the future-tense plan")
		}
	}
	if !strings.Contains(a[2].Missing, "Now what?") || !strings.Contains(a[2].Missing, "already changed") {
		t.Errorf("question 3 should say why it is empty: %q", a[2].Missing)
	}
	if a[0].From != "From your \u201cWhat?\u201d section." || a[1].From != "From your \u201cSo what?\u201d section." {
		t.Errorf("question 1 should say where it comes from: %q", a[0].From)
	}
	if len(a[1].Parts) != 1 || a[1].Parts[0].Text != "I learned to ask." {
		t.Errorf("question 2: %+v", a[1])
	}
	if strings.Join(a[3].Themes, ";") != "Preserve safety" {
		t.Errorf("themes %q", a[3].Themes)
	}
}

func TestNMCAccountLabelsGibbsStages(t *testing.T) {
	r := &record.Record{Reflection: record.Reflection{Model: ModelGibbs, Sections: []record.ReflectionSection{
		{Key: "description", Text: "D"}, {Key: "feelings", Text: "F"}, {Key: "evaluation", Text: "E"}, {Key: "analysis"}, {Key: "conclusion", Text: "C"}, {Key: "action-plan", Text: "A"}}}}
	q2 := NMCAccount(r)[1]
	// The label names the stages the answer is taken from: the analysis
	// is empty, so not it.
	if q2.From != "From your Gibbs feelings, evaluation and conclusion." {
		t.Errorf("From %q", q2.From)
	}
	var titles []string
	for _, p := range q2.Parts {
		titles = append(titles, p.Title+"="+p.Text)
	}
	// Question 2 no longer opens with the feelings stage unlabelled.
	if strings.Join(titles, " ") != "Feelings=F Evaluation=E Conclusion=C" {
		t.Errorf("parts %q", titles)
	}
	if q3 := NMCAccount(r)[2]; len(q3.Parts) != 0 || q3.Missing == "" {
		t.Errorf("Gibbs' action plan answered question 3: %+v", q3)
	}
}

func TestNMCModelAnswersTheFormDirectly(t *testing.T) {
	m := LookupModel(ModelNMC)
	for i, p := range m.Prompts {
		if p.Question != NMCQuestions[i] || p.NMC != i+1 {
			t.Errorf("NMC section %d: %+v", i+1, p)
		}
	}
	r := &record.Record{Reflection: record.Reflection{Model: ModelNMC, Sections: []record.ReflectionSection{
		{Key: "nature", Text: "N"}, {Key: "learned", Text: "L"}, {Key: "changed", Text: "I now ask every time."}, {Key: "code", Text: "It keeps people safe."}}}}
	a := NMCAccount(r)
	for i, want := range []string{"N", "L", "I now ask every time.", "It keeps people safe."} {
		if len(a[i].Parts) != 1 || a[i].Parts[0].Text != want || a[i].From != "" || a[i].Missing != "" {
			t.Errorf("question %d: %+v", i+1, a[i])
		}
	}
}

// TestNMCLabelNamesOnlyWrittenSections: a question none of whose sections
// is written has no "From" label (it would point at empty sections) and
// says where its answer will come from.
func TestNMCLabelNamesOnlyWrittenSections(t *testing.T) {
	r := &record.Record{Reflection: record.Reflection{Model: ModelGibbs, Sections: []record.ReflectionSection{{Key: "description", Text: "D"}}}}
	q2 := NMCAccount(r)[1]
	if q2.From != "" || len(q2.Parts) != 0 || q2.Missing != "Not written yet. It comes from your Gibbs feelings, evaluation, analysis and conclusion." {
		t.Errorf("question 2 with nothing written: %+v", q2)
	}
	r.Reflection.Model = ModelWhatSoWhatNowWhat
	r.Reflection.Sections = []record.ReflectionSection{{Key: "what", Text: "W"}}
	if q2 := NMCAccount(r)[1]; q2.From != "" || q2.Missing != "Not written yet. It comes from your \u201cSo what?\u201d section." {
		t.Errorf("question 2 with So what? empty: %+v", q2)
	}
}
