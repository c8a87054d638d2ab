package record_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// A reviewer may rate any competence the record answers, once, on the
// scale; the ratings are kept in the record's answer order.
func TestReviewRatingsAreChecked(t *testing.T) {
	r := miniRecord(t)
	in := sam
	in.Ratings = []record.Rating{{Code: "MINI.2.1.1", Rating: 3}, {Code: " MINI.1.1.1 ", Rating: 2}}
	rev, err := r.NewReview(in, now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rev.Ratings, []record.Rating{{Code: "MINI.1.1.1", Rating: 2}, {Code: "MINI.2.1.1", Rating: 3}}) {
		t.Errorf("ratings %+v", rev.Ratings)
	}
	if rev.RatingOf("MINI.2.1.1") != 3 || rev.RatingOf("MINI.1.2.1") != 0 {
		t.Error("RatingOf")
	}
	last := rev.Sections[len(rev.Sections)-1]
	if last.Section != record.SectionReviewerRatings {
		t.Errorf("the ratings are not in the review's sections: %+v", rev.Sections)
	}
	for _, tc := range []struct {
		ratings []record.Rating
		want    string
	}{
		{[]record.Rating{{Code: "MINI.9.9.9", Rating: 2}}, "MINI.9.9.9 is not a competence this record answers"},
		{[]record.Rating{{Code: "MINI.1.1.1", Rating: 2}, {Code: "MINI.1.1.1", Rating: 3}}, "MINI.1.1.1 is rated twice"},
		{[]record.Rating{{Code: "MINI.1.1.1", Rating: 0}}, "must be a level of the scale"},
		{[]record.Rating{{Rating: 2}}, "a rating has no competence code"},
	} {
		in.Ratings = tc.ratings
		if _, err := r.NewReview(in, now); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.ratings, err, tc.want)
		}
	}
	set := recordtest.Mini(t)
	if p := record.RatingProblems(r, []record.Rating{{Code: "MINI.1.1.1", Rating: 4}}, set); len(p) != 1 || !strings.Contains(p[0], "the rating 4 of MINI.1.1.1 is not on the scale (1 Not yet, 2 Developing, 3 Competent)") {
		t.Errorf("RatingProblems: %v", p)
	}
	if p := record.RatingProblems(r, []record.Rating{{Code: "MINI.1.1.1", Rating: 3}}, set); len(p) != 0 {
		t.Errorf("RatingProblems on the scale: %v", p)
	}
}

// The reviewer's ratings are part of what the review binds: an unsigned
// review whose ratings are edited, removed or added afterwards verifies as
// changed, and a signed one's signature fails.
func TestReviewRatingsAreBound(t *testing.T) {
	withRatings := func(sign bool) *record.Record {
		r := miniRecord(t)
		in := sam
		in.Ratings = []record.Rating{{Code: "MINI.2.1.1", Rating: 3}}
		k := key(t, 1)
		if !sign {
			k = nil
		}
		review(t, r, in, k)
		return r
	}
	verdict := func(r *record.Record) (record.Verdict, string) {
		v, err := record.Verify(r, record.VerifyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return v.Verdict(), v.Checks[0].Reason
	}
	if v, why := verdict(withRatings(false)); v != record.VerdictUnsigned {
		t.Fatalf("untouched: %v %s", v, why)
	}
	for name, tc := range map[string]struct {
		tamper func(r *record.Record)
		want   string
	}{
		"edited":  {func(r *record.Record) { r.Reviews[0].Ratings[0].Rating = 1 }, "the reviewer's ratings are not those the review was made with"},
		"removed": {func(r *record.Record) { r.Reviews[0].Ratings = nil }, "the reviewer's ratings were removed"},
		"added": {func(r *record.Record) {
			r.Reviews[0].Ratings = append(r.Reviews[0].Ratings, record.Rating{Code: "MINI.1.1.1", Rating: 1})
		}, "the reviewer's ratings are not those"},
		"section dropped": {func(r *record.Record) {
			rev := &r.Reviews[0]
			rev.Sections = rev.Sections[:len(rev.Sections)-1]
		}, "not covered by the review's digest"},
	} {
		r := withRatings(false)
		tc.tamper(r)
		if v, why := verdict(r); v != record.VerdictChanged || !strings.Contains(why, tc.want) {
			t.Errorf("%s: %v %q, want changed: %q", name, v, why, tc.want)
		}
		s := withRatings(true)
		tc.tamper(s)
		if v, _ := verdict(s); v != record.VerdictBadSignature {
			t.Errorf("%s, signed: %v, want a bad signature", name, v)
		}
	}
	// A review without ratings lists no ratings entry.
	r := miniRecord(t)
	rev := review(t, r, sam, nil)
	for _, sd := range rev.Sections {
		if sd.Section == record.SectionReviewerRatings {
			t.Error("a review without ratings lists them")
		}
	}
	if _, i := r.LatestRatings(); i != -1 {
		t.Errorf("LatestRatings without ratings: %d", i)
	}
	r2 := withRatings(false)
	review(t, r2, sam, nil) // a later review without ratings
	if rs, i := r2.LatestRatings(); i != 0 || len(rs) != 1 {
		t.Errorf("LatestRatings: %v %d", rs, i)
	}
}
