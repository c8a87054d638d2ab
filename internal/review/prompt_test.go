package review_test

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/review"
)

// Prompts whose answer cannot be empty (the plan choice, the review date)
// don't offer "- to clear"; free-text prompts with a default say how to
// keep or clear it.
func TestLinesOfferClearOnlyWhereItMeansSomething(t *testing.T) {
	input := "\n\n\n\n\nSam Patel\nSupervisor\nNurse\n\n\ny\n"
	rev, out, err := lines(t, input, review.Options{Defaults: record.Review{Comments: "Fine"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !rev.PlanAgreed || rev.Date != "2026-03-10" || rev.Comments != "Fine" {
		t.Fatalf("plan agreed %v, date %q, comments %q", rev.PlanAgreed, rev.Date, rev.Comments)
	}
	for _, want := range []string{
		"or not agreed (n) [a]: ",
		"Date of the review (YYYY-MM-DD) [2026-03-10]: ",
		"You wrote: Fine Type new text to replace it, Enter or a full stop (.) alone to keep it, or a hyphen (-) alone or skip to clear it.",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
}
