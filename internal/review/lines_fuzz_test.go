package review_test

import (
	"io"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/review"
)

// FuzzLines types arbitrary answers into the supervisor's line-based
// review of the full fixture record (comments on needs, the plan decision,
// amended goals, sign-off, date, confirmation). It must never panic and
// must stop when the input ends; a review it returns must be one that
// record.NewReview accepts or rejects with a message.
func FuzzLines(f *testing.F) {
	data := fullJSON(f)
	f.Add("Good\n\nOverall fine\na\nSam Patel\nSupervisor\nNurse\n\n2026-03-10\nyes\n")
	f.Add("\n\n\nm\n1\nnew objective\n\n\n\n\n\n\nSam\n\n\n\nnot a date\n2026-02-30\n2026-03-01\nno\n")
	f.Add("\x00\r\n\xff\r\nn\r\n\r\n")
	f.Fuzz(func(t *testing.T, input string) {
		r, err := record.Decode("full.json", data)
		if err != nil {
			t.Fatal(err)
		}
		rev, err := review.Lines(strings.NewReader(input), io.Discard, r, review.Options{Width: 60, Today: "2026-03-10"})
		if err != nil {
			return
		}
		if rev.Reviewer.Name == "" {
			t.Fatal("a review without a name was returned")
		}
		_, _ = r.NewReview(rev, r.Updated)
	})
}
