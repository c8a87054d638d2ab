package review_test

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/render"
	"github.com/reflect-cpd/reflect/internal/review"
)

// What a reviewer reads shows everything the review signs: each rating,
// the note beside each competence and under each need, the evidence (name,
// size, SHA-256) and the anonymisation check; and in the order of the
// exports.
func TestSummaryShowsWhatTheReviewSigns(t *testing.T) {
	set := recordtest.Mini(t)
	r := fullRecord(t)
	var b strings.Builder
	if err := review.Summary(&b, r, review.View{Width: 80, Set: set}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	flat := strings.Join(strings.Fields(out), " ")
	for _, a := range r.Answers {
		if !strings.Contains(out, "  "+a.Code+" ") {
			t.Errorf("no rating row for %s", a.Code)
		}
		if a.Note != "" && !strings.Contains(flat, strings.Join(strings.Fields(a.Note), " ")) {
			t.Errorf("the note on %s is not shown: %q", a.Code, a.Note)
		}
	}
	for _, want := range []string{"2 Developing", "N/A (Not part of my role)", "1 Not yet (flagged)",
		"certificate.pdf", r.Activity.Evidence[0].SHA256, "11 bytes",
		"The practitioner confirmed that this record does not identify any patient",
		"Signed, key not trusted"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	// The note under each need.
	needs := out[strings.Index(out, "\nDEVELOPMENT NEEDS"):strings.Index(out, "\nREFLECTION\n")]
	if !strings.Contains(needs, "Note: +44 is how a number starts") {
		t.Errorf("the need MINI.2.1.1 does not show its note:\n%s", needs)
	}

	// An earlier review's agreed plan sits under that review, indented
	// deeper than the review's own lines.
	amended := r.Reviews[0]
	amended.PlanAgreed, amended.AgreedPlan = true, []record.Goal{{ID: "g1", Objective: "Agreed goal, as amended", TargetDate: "2026-07-31"}}
	withPlan := *r
	withPlan.Reviews = []record.Review{amended}
	var ab strings.Builder
	if err := review.Summary(&ab, &withPlan, review.View{Width: 80, Set: set}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ab.String(), "\n      1. Agreed goal, as amended\n         Id: g1\n") {
		t.Errorf("the agreed plan is not under its review:\n%s", ab.String()[strings.Index(ab.String(), "EARLIER REVIEWS"):])
	}

	// The same order as the Markdown export.
	var md strings.Builder
	if err := render.RecordMarkdown(&md, r, render.RecordOptions{Set: set}); err != nil {
		t.Fatal(err)
	}
	pairs := [][2]string{{"PRACTITIONER", "## Practitioner"}, {"FRAMEWORKS", "## Frameworks"}, {"SCORES", "## Scores"},
		{"REFLECTION", "## Reflection"}, {"BENEFIT TO THE PEOPLE SUPPORTED", "## Benefit"}, {"LINKS TO STANDARDS", "## Links to standards"},
		{"PERSONAL DEVELOPMENT PLAN", "## Personal development plan"}, {"CPD ACTIVITY", "## CPD activity"},
		{"ANONYMISATION", "## Anonymisation"}, {"EARLIER REVIEWS", "## Supervisor's review"}, {"EVERY RATING", "## Every answer"},
		{"ABOUT THIS RECORD", "## About this record"}}
	lastText, lastMD := -1, -1
	for _, p := range pairs {
		it, im := strings.Index(out, "\n"+p[0]+"\n"), strings.Index(md.String(), p[1])
		if it < 0 || im < 0 {
			t.Fatalf("%q in the summary at %d, %q in the export at %d", p[0], it, p[1], im)
		}
		if it < lastText || im < lastMD {
			t.Errorf("%s is out of order", p[0])
		}
		lastText, lastMD = it, im
	}
}

// With the reviewer's trusted keys, an earlier review reads as trusted.
func TestSummaryVerdictWithTrustedKey(t *testing.T) {
	set := recordtest.Mini(t)
	r := fullRecord(t)
	pub, err := record.ParsePublicKey([]byte(r.Reviews[0].Signature.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	v, err := record.Verify(r, record.VerifyOptions{Trusted: []record.TrustedKey{{Name: "Aled Jones", Key: pub}}})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := review.Summary(&b, r, review.View{Width: 80, Set: set, Verification: &v}); err != nil {
		t.Fatal(err)
	}
	if flat := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(flat, "Signed by a trusted key (Aled Jones") || strings.Contains(flat, "not trusted") {
		t.Errorf("verdict:\n%s", b.String())
	}
}
