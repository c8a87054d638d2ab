package review_test

import (
	"io"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/review"
)

// Arrow keys pressed at a prompt put escape sequences into the typed line;
// they must not end up in the signed review.
func TestLinesDropTypedEscapeSequences(t *testing.T) {
	r := fullRecord(t)
	input := "Good\x1b[D\n\nOverall\x1b[A fine\n\na\nSam\x1b[D\x1b[C Patel\nSupervisor\nNurse\n\n2026-03-10\nyes\n"
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

// The reviewer's own ratings, line by line: "list" shows the
// competences, a bad code or a rating off the scale is explained and asked
// again, and CODE=- takes a rating back.
func TestLinesAskForTheReviewersRatings(t *testing.T) {
	r := fullRecord(t)
	set := fixtureSet(t)
	input := "\n\n\n" + "list\nMINI.9.9.9=2\nMINI.2.1.1=7\nMINI.2.1.1=2, MINI.1.1.1=3\nMINI.1.1.1=-\n\n" + "a\nSam Patel\n\n\n\n\nyes\n"
	var out strings.Builder
	rev, err := review.Lines(strings.NewReader(input), &out, r, review.Options{Width: 200, Today: "2026-03-10", Set: set})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(rev.Ratings) != 1 || rev.Ratings[0] != (record.Rating{Code: "MINI.2.1.1", Rating: 2}) {
		t.Errorf("ratings %+v\n%s", rev.Ratings, out.String())
	}
	for _, want := range []string{"YOUR OWN RATINGS (optional)", "never averaged",
		"MINI.2.1.1 An ability to ask directly and calmly about thoughts of suicide — practitioner: 1 Not yet",
		"MINI.9.9.9 is not a competence this record answers", "MINI.2.1.1=7: the rating must be a level of the scale (1 to 3)",
		"So far: MINI.2.1.1=2, MINI.1.1.1=3.", "Your ratings: MINI.2.1.1=2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("want %q in\n%s", want, out.String())
		}
	}
	// Defaults from flags come through when the reviewer just presses Enter.
	input = "\n\n\n\n" + "a\nSam Patel\n\n\n\n\nyes\n"
	rev, err = review.Lines(strings.NewReader(input), io.Discard, r, review.Options{Width: 80, Today: "2026-03-10", Set: set,
		Defaults: record.Review{Ratings: []record.Rating{{Code: "MINI.1.1.1", Rating: 1}}}})
	if err != nil || len(rev.Ratings) != 1 || rev.Ratings[0].Rating != 1 {
		t.Errorf("defaults: %+v %v", rev.Ratings, err)
	}
}
