package review_test

import (
	"io"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/review"
)

// Arrow keys pressed at a prompt put escape sequences into the typed line;
// they must not end up in the signed review.
func TestLinesDropTypedEscapeSequences(t *testing.T) {
	r := fullRecord(t)
	input := "Good\x1b[D\n\nOverall\x1b[A fine\na\nSam\x1b[D\x1b[C Patel\nSupervisor\nNurse\n\n2026-03-10\nyes\n"
	rev, err := review.Lines(strings.NewReader(input), io.Discard, r, review.Options{Width: 60, Today: "2026-03-10"})
	if err != nil {
		t.Fatal(err)
	}
	if rev.Reviewer.Name != "Sam Patel" || rev.Comments != "Overall fine" {
		t.Errorf("name %q, comments %q: want the typed words without escape sequences", rev.Reviewer.Name, rev.Comments)
	}
	if len(rev.NeedComments) == 0 || rev.NeedComments[0].Comment != "Good" {
		t.Errorf("need comments %+v", rev.NeedComments)
	}
}
