package review_test

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/review"
)

// Prompts whose answer cannot be empty (the plan choice, the review date)
// don't offer "- to clear"; free-text prompts with a default still do.
func TestLinesOfferClearOnlyWhereItMeansSomething(t *testing.T) {
	r := fullRecord(t)
	var out strings.Builder
	input := "\n\n\n\n\nSam Patel\nSupervisor\nNurse\n\n\nyes\n"
	rev, err := review.Lines(strings.NewReader(input), &out, r, review.Options{Width: 60, Today: "2026-03-10", Defaults: record.Review{Comments: "Fine"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !rev.PlanAgreed || rev.Date != "2026-03-10" {
		t.Fatalf("plan agreed %v, date %q", rev.PlanAgreed, rev.Date)
	}
	for _, want := range []string{
		"or not agreed (n) [a]: ",
		"Date of the review (YYYY-MM-DD) [2026-03-10]: ",
		"Overall comments [Fine] (- to clear): ",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("want %q in\n%s", want, out.String())
		}
	}
}
