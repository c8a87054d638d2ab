package review_test

import (
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/review"
)

// FuzzDraftIntoLines reads an arbitrary draft (the review-drafts file a
// reviewer may also edit by hand) and carries on from it line by line,
// pressing Enter through every question and confirming. It must never
// panic or hang; whatever the draft holds (codes the record does not
// answer, a date in the future, ratings off the scale, a broken plan), a
// review Lines returns passes the last check, so nothing in a draft can
// trap the reviewer or reach the record unchecked.
func FuzzDraftIntoLines(f *testing.F) {
	f.Add([]byte("reviewer: {name: Sam}\ndate: \"2026-03-10\"\nneeds:\n  - code: MINI.9.9.9\n    comment: hello\n  - code: MINI.2.1.2\n    comment: kept\nplan: agree\n"))
	f.Add([]byte("reviewer: {name: Sam}\ndate: \"2030-01-01\"\nratings: {MINI.1.1.1: 7, NOPE: 1}\nplan: amend\namended_plan:\n  - objective: x\n    competences: [ADU.2.2.9]\n    resources: [NOPE]\n    status: done\n"))
	f.Add([]byte("needs: [{code: '', comment: x}, {code: MINI.2.1.1, comment: a}, {code: MINI.2.1.1, comment: b}]\n"))
	f.Add([]byte("comments: " + strings.Repeat("x", 20001) + "\n"))
	data := fullJSON(f)
	set := recordtest.Mini(f)
	script := strings.Repeat("\n", 40) + "a\nSam\n" + strings.Repeat("\n", 10) + "y\n" + strings.Repeat("\n", 30) + "y\n"
	f.Fuzz(func(t *testing.T, draft []byte) {
		def, err := record.ReadReviewDraft(draft)
		if err != nil {
			return
		}
		r, err := record.Decode("full.json", data)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
		rev, err := review.Lines(strings.NewReader(script), discard{}, r, review.Options{Width: 60, Today: "2026-03-10", Now: now, Defaults: def, View: review.View{Set: set}})
		if err != nil {
			return
		}
		if _, probs := r.CheckReview(rev, now, set); len(probs) > 0 {
			t.Fatalf("Lines returned a review the last check refuses: %v", probs)
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
