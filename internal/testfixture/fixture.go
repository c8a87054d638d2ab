// Package testfixture builds deterministic CPD records for tests and
// benchmarks: a fixed clock, fixed ids and a fixed signing key, from the
// test framework testdata/frameworks/mini.yaml (or any set); and it
// compares test output with golden files (Golden). It is used only by
// tests.
package testfixture

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Clock is the fixed time of every fixture.
var Clock = time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)

// Tool is the tool that "wrote" the fixtures.
var Tool = record.Tool{Name: "reflect", Version: "1.0.0-test"}

// Root returns the module's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Path returns a path under the module's root.
func Path(parts ...string) string { return filepath.Join(append([]string{Root()}, parts...)...) }

// MiniSet loads testdata/frameworks/mini.yaml alone.
func MiniSet() (*framework.Set, error) {
	data, err := os.ReadFile(Path("testdata", "frameworks", "mini.yaml"))
	if err != nil {
		return nil, err
	}
	f, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		return nil, probs
	}
	set, probs := framework.NewSet(f)
	if len(probs) > 0 {
		return nil, probs
	}
	return set, nil
}

// Salts returns a fixed stream of bytes for record salts, so that
// fixtures' section digests are the same on every run.
func Salts() io.Reader {
	var b []byte
	sum := sha256.Sum256([]byte("reflect test fixture salts"))
	for i := 0; i < 64; i++ {
		b = append(b, sum[:]...)
		sum = sha256.Sum256(sum[:])
	}
	return bytes.NewReader(b)
}

// ReviewKey is the fixed Ed25519 key the fixture review is signed with.
var ReviewKey = ed25519.NewKeyFromSeed([]byte("reflect test fixture signing key"))

// Full builds a complete record against mini's "specialist" profile with
// every field of the record filled in: ratings (every competence
// answered: complete means that), N/A with a reason, notes (one holding HTML and one a spreadsheet
// formula, to test escaping), a flag, the activity with evidence, a What?
// So what? Now what? reflection, benefit, standards, a two-goal plan, the
// anonymisation confirmation and a signed supervisor's review.
func Full(set *framework.Set) (*record.Record, error) {
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}})
	if err != nil {
		return nil, err
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		return nil, err
	}
	steps := []error{
		s.Rate("MINI.1.1.1", 2),
		s.SetNote("MINI.1.1.1", "Read the NICE guideline on self-harm – the “assessment” section – and talked it through with my supervisor."),
		s.Rate("MINI.1.1.2", 3),
		s.SetNote("MINI.1.1.2", `<script>alert("x")</script> & <b>not bold</b>`),
		s.SetNA("MINI.1.2.1", "not-my-role"),
		s.SetNote("MINI.1.2.1", `=HYPERLINK("http://example.invalid/x","click me")`),
		s.Rate("MINI.2.1.1", 1),
		s.SetFlag("MINI.2.1.1", true),
		s.SetNote("MINI.2.1.1", "+44 is how a number starts; @mention; -minus; I'd like more practice asking directly."),
		s.Rate("MINI.2.1.2", 3),
	}
	for _, e := range steps {
		if e != nil {
			return nil, e
		}
	}
	s.GotoCode("MINI.2.1.2")
	r := record.New("r-00000000000000f1", Clock.Add(-2*time.Hour), Tool, plan)
	r.Sync(s, Clock.Add(-time.Hour))
	r.Practitioner = record.Practitioner{Name: "Siân Ó Briain", Profession: "Mental health nurse", Role: "Community mental health nurse",
		Setting: "Community mental health team", Regulator: "NMC", Registration: "12A3456E"}
	sum := sha256.Sum256([]byte("certificate"))
	r.Activity = record.Activity{
		Title:              "Self-assessment: suicide and self-harm competences",
		StartDate:          "2026-02-16",
		EndDate:            "2026-03-02",
		Method:             "Self-assessment against a competence framework",
		Type:               "self-assessment",
		Hours:              3.5,
		ParticipatoryHours: 1,
		Evidence: []record.Evidence{
			{Description: "Certificate from the safety-planning workshop", File: "certificate.pdf", SHA256: hex.EncodeToString(sum[:]), Size: 11},
			{Description: "Notes from supervision (kept by me, not attached)"},
		},
	}
	m := cpd.LookupModel(cpd.ModelWhatSoWhatNowWhat)
	texts := []string{
		"The self-assessment showed that I am least confident asking directly and calmly about thoughts of suicide. I chose this and knowledge of the forms distress can take, because they come up every week in my caseload.",
		"Asking directly does not put the idea in someone’s head; it can be a relief. When I hesitate, people may feel I can’t hear it.\n\nI also noticed that I rush to reassure — I want to listen first.",
		"I will practise the words with my supervisor, use the short reading list, and ask for feedback after two visits.",
	}
	for i, p := range m.Prompts {
		r.Reflection.Sections = append(r.Reflection.Sections, record.ReflectionSection{Key: p.Key, Prompt: p.Question, Text: texts[i]})
	}
	r.Reflection.Model = m.ID
	r.Reflection.Focus = []string{"MINI.2.1.1", "MINI.1.1.1"}
	r.Benefit = "People I support are asked about suicide calmly and without judgement, so they can talk about how they feel and we can make a safety plan together."
	for _, id := range [][2]string{{cpd.SchemeNMC, "prioritise-people"}, {cpd.SchemeNMC, "preserve-safety"}, {cpd.SchemeHCPC, "4"}} {
		st, ok := cpd.LookupStandard(id[0], id[1])
		if !ok {
			return nil, fmt.Errorf("no standard %v", id)
		}
		r.Standards = append(r.Standards, record.StandardRef{Scheme: st.Scheme, ID: st.ID, Label: st.Label})
	}
	r.Plan = []record.Goal{
		{ID: "G1", Objective: "Ask directly and calmly about thoughts of suicide at every assessment where distress is present",
			Competences: []string{"MINI.2.1.1"}, Activities: []string{"Role-play the questions with my supervisor", "Observe a colleague’s assessment"},
			Resources: []string{"mini-reading"}, TargetDate: "2026-06-30", SuccessMeasure: "Feedback from two observed visits says I asked clearly and listened", Status: record.GoalPlanned},
		{ID: "G2", Objective: "Refresh my knowledge of the forms distress can take",
			Competences: []string{"MINI.1.1.1"}, Activities: []string{"Read the reading list and write a one-page summary"},
			Resources: []string{"Team teaching session (spring)"}, TargetDate: "2026-05-31", SuccessMeasure: "Summary discussed in supervision", Status: record.GoalInProgress},
	}
	r.Anonymisation = record.Anonymisation{Checked: true, Findings: 0, Confirmed: true, At: Clock.Add(-30 * time.Minute)}
	r.Updated = Clock.Add(-30 * time.Minute)
	cpd.Settle(r) // every competence answered, reflected and confirmed: complete

	if err := r.EnsureSalts(Salts()); err != nil {
		return nil, err
	}
	rev, err := r.NewReview(record.Review{
		Reviewer: record.Reviewer{Name: "Aled Jones", Role: "Clinical supervisor", Profession: "Mental health nurse", Registration: "98B7654C"},
		Date:     "2026-03-02",
		Comments: "A thoughtful reflection. We agreed the role-play should come first.",
		NeedComments: []record.NeedComment{
			{Code: "MINI.2.1.1", Comment: "Start with the team’s shared phrases."},
		},
		Ratings:       []record.Rating{{Code: "MINI.1.1.1", Rating: 3}, {Code: "MINI.2.1.1", Rating: 2}},
		PlanAgreed:    true,
		Anonymisation: &record.Anonymisation{Checked: true, Confirmed: true, At: Clock},
	}, Clock)
	if err != nil {
		return nil, err
	}
	if err := record.Sign(&rev, ReviewKey); err != nil {
		return nil, err
	}
	r.AppendReview(rev, Clock, Tool)
	return r, nil
}

// Large builds the largest record a person could make with a set: every
// framework in full, every competence rated (cycling through the scale),
// with a note, one in seven N/A, one in five flagged, and Full's
// reflection, plan and review fields.
func Large(set *framework.Set) (*record.Record, error) {
	var scopes []assessment.Scope
	for _, f := range set.Frameworks() {
		scopes = append(scopes, assessment.Scope{Framework: f.ID})
	}
	plan, err := assessment.NewPlan(set, scopes)
	if err != nil {
		return nil, err
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		return nil, err
	}
	scale := plan.Scale()
	reason := scale.NAReasons()[0].ID
	for i, it := range plan.Items {
		code := it.Code()
		if i%7 == 3 {
			err = s.SetNA(code, reason)
		} else {
			err = s.Rate(code, scale.Levels[i%len(scale.Levels)].Value)
		}
		if err == nil {
			err = s.SetNote(code, fmt.Sprintf("Note %d: what I did, what I learned and what I will do next – with “quotes” and Siân’s name.", i+1))
		}
		if err == nil && i%5 == 0 {
			err = s.SetFlag(code, true)
		}
		if err != nil {
			return nil, err
		}
	}
	r := record.New("r-000000000000large", Clock.Add(-2*time.Hour), Tool, plan)
	r.Sync(s, Clock)
	mini, err := MiniSet()
	if err != nil {
		return nil, err
	}
	full, err := Full(mini)
	if err != nil {
		return nil, err
	}
	r.Practitioner, r.Activity, r.Reflection, r.Benefit = full.Practitioner, full.Activity, full.Reflection, full.Benefit
	r.Standards, r.Plan, r.Anonymisation, r.Reviews = full.Standards, full.Plan, full.Anonymisation, full.Reviews
	cpd.Settle(r) // every competence answered, reflected and confirmed: complete
	return r, nil
}
