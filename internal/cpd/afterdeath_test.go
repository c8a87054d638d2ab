package cpd_test

import (
	"regexp"
	"strings"
	"testing"

	. "github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/readability"
	"github.com/reflect-cpd/reflect/internal/record"
)

// The reflection after a death by suicide is paced and asks for no account
// of the death: these are its rules, kept true.
func TestAfterDeathModel(t *testing.T) {
	m := LookupModel(ModelAfterDeath)
	if m == nil {
		t.Fatal("no after-a-death model")
	}
	if !m.NotNow {
		t.Error("the model must offer not now, with a way back")
	}
	intro := strings.Join(m.Intro, "\n")
	for _, want := range []string{
		"at your own pace",
		"does not ask about the person, their death or what happened",
		"incident process", "inquest", "not legally privileged",
		"debrief and supervision",
		"occupational health", "postvention", "Samaritans", "116 123",
	} {
		if !strings.Contains(intro, want) {
			t.Errorf("introduction does not say %q", want)
		}
	}
	if !strings.Contains(NotNowText, "kept") || !strings.Contains(NotNowText, "come back") {
		t.Errorf("not now should say everything is kept and how to come back: %q", NotNowText)
	}

	// It records that a debrief and supervision took place and what was
	// learnt, and it plans support; no question asks what happened.
	keys := map[string]Prompt{}
	for _, p := range m.Prompts {
		keys[p.Key] = p
	}
	if p := keys["support-so-far"]; !strings.Contains(p.Question, "debrief") || !strings.Contains(p.Question, "supervision") || p.NMC != 1 {
		t.Errorf("support-so-far: %+v", p)
	}
	if p := keys["learning"]; !strings.Contains(p.Question, "learnt") || p.NMC != 2 {
		t.Errorf("learning: %+v", p)
	}
	if p := keys["looking-after"]; !p.Plan || !strings.Contains(p.Question, "support") {
		t.Errorf("looking-after: %+v", p)
	}
	narrative := regexp.MustCompile(`(?i)\b(describe|what happened|how (did )?(they|he|she) died|method|means|found|tell us about the)\b`)
	for _, p := range m.Prompts {
		if narrative.MatchString(p.Question) {
			t.Errorf("%s asks for an account of the event: %q", p.Key, p.Question)
		}
		if p.Help == "" {
			t.Errorf("%s has no help", p.Key)
		}
	}

	// Plain enough to read at a hard time: short sentences, an easy grade.
	var texts []string
	texts = append(texts, m.Intro...)
	for _, p := range m.Prompts {
		texts = append(texts, p.Question, p.Help)
	}
	texts = append(texts, NotNowText)
	st := readability.Measure(texts...)
	if st.MeanSentence() > 20 || st.LongestWords > 30 || st.Grade() > 10 {
		t.Errorf("readability: mean %.1f words, longest %d (%q), grade %.1f", st.MeanSentence(), st.LongestWords, st.Longest, st.Grade())
	}
	t.Logf("readability: %d sentences, mean %.1f words, longest %d, grade %.1f", st.Sentences, st.MeanSentence(), st.LongestWords, st.Grade())
}

func TestAfterDeathNMCAccount(t *testing.T) {
	r := &record.Record{Reflection: record.Reflection{Model: ModelAfterDeath, Sections: []record.ReflectionSection{
		{Key: "support-so-far", Text: "Team debrief in March; supervision in April."},
		{Key: "learning", Text: "I learnt to ask for help sooner."},
		{Key: "looking-after", Text: "Monthly supervision."}}}}
	a := NMCAccount(r)
	if a[0].From != "From your \u201cDebrief and supervision\u201d section." || len(a[0].Parts) != 1 {
		t.Errorf("question 1: %+v", a[0])
	}
	if a[1].From != "From your \u201cWhat you have learnt\u201d section." || len(a[1].Parts) != 1 {
		t.Errorf("question 2: %+v", a[1])
	}
	if len(a[2].Parts) != 0 || !strings.Contains(a[2].Missing, "Looking after yourself from here") {
		t.Errorf("question 3 is never answered from the plan: %+v", a[2])
	}
}

// TestAfterDeathAsksNoFocus: the reflection after a death does not ask
// which of the self-assessment's development needs to reflect on (its
// sections are about support and learning); a focus is refused with it,
// and one chosen under another model is kept for that model but not
// asked again.
func TestAfterDeathAsksNoFocus(t *testing.T) {
	f, s := newFlow(t)
	s.Rate("MINI.1.1.1", 1)
	ids := func() []string {
		var out []string
		for _, st := range f.Steps() {
			out = append(out, st.ID)
		}
		return out
	}
	mustSet(t, f, AddrModel, ModelGibbs)
	if !strings.Contains(strings.Join(ids(), " "), "model focus section.description") {
		t.Fatalf("Gibbs steps %v: want the focus after the model", ids())
	}
	if err := f.SetList(AddrFocus, []string{"MINI.1.1.1"}); err != nil {
		t.Fatal(err)
	}
	mustSet(t, f, AddrModel, ModelAfterDeath)
	if got := strings.Join(ids(), " "); strings.Contains(got, "focus") || !strings.Contains(got, "model intro section.support-so-far") {
		t.Errorf("after-a-death steps %v: want no focus, the introduction straight after the model", got)
	}
	if AsksFocus(ModelAfterDeath) || !AsksFocus(ModelGibbs) || !AsksFocus("") || !AsksFocus(ModelNMC) {
		t.Error("AsksFocus is wrong for a model")
	}
	refused(t, f.SetList(AddrFocus, []string{"MINI.1.1.1"}), "does not ask which development needs")
	if err := f.SetList(AddrFocus, nil); err != nil {
		t.Errorf("clearing the focus: %v", err)
	}
	// Back to Gibbs: the focus step again (the list was cleared above).
	mustSet(t, f, AddrModel, ModelGibbs)
	if !strings.Contains(strings.Join(ids(), " "), "focus") {
		t.Errorf("Gibbs again: %v", ids())
	}
}
