package record

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// ReviewStatement is what every reviewer confirms. It records that a
// review and a discussion took place; it deliberately does not certify
// competence, which no self-assessment can show.
const ReviewStatement = "I have reviewed this record and discussed it with the practitioner. " +
	"This confirms that the review and discussion took place; it does not certify the practitioner's competence."

// Limits on what a reviewer can write, generous for people and small
// enough that a record stays a manageable file.
const (
	maxShortField = 200
	maxComment    = 20000
	maxGoals      = 100
)

// Plan decisions a reviewer can record.
const (
	PlanAgree     = "agree"
	PlanAmend     = "amend"
	PlanNotAgreed = "not-agreed"
)

// PlanDecision names what a review says about the plan.
func (rev Review) PlanDecision() string {
	switch {
	case rev.PlanAgreed && len(rev.AgreedPlan) > 0:
		return PlanAmend
	case rev.PlanAgreed:
		return PlanAgree
	}
	return PlanNotAgreed
}

// ReviewProblem is one thing wrong with what a reviewer wrote. Field says
// where, so that each way of reviewing can take the reviewer back to it:
// "reviewer.name", "reviewer.role", "reviewer.profession",
// "reviewer.registration", "date", "comments", "needs[CODE]", "plan",
// "amended_plan[N]" or "amended_plan[N].FIELD" (N from 0; FIELD as in the
// review file, e.g. "competences"), with Index the list element when the
// field is a list (-1 otherwise).
type ReviewProblem struct {
	Field string
	Index int
	Msg   string
	Hint  string
}

func (p ReviewProblem) String() string {
	if p.Hint == "" {
		return p.Msg
	}
	return p.Msg + " (" + p.Hint + ")"
}

// CheckReview checks what a reviewer wrote against the record, without
// changing anything: it returns the review tidied (comments trimmed, empty
// need comments left out, the date defaulting to today, goal ids filled
// in) and every problem. With set, an amended plan's competences and
// resources are checked against the record's frameworks (CheckGoal);
// without, only their form is.
func (r *Record) CheckReview(in Review, now time.Time, set *framework.Set) (Review, []ReviewProblem) {
	rev := in
	rev.Reviewer.Name = strings.TrimSpace(rev.Reviewer.Name)
	rev.Reviewer.Role = strings.TrimSpace(rev.Reviewer.Role)
	rev.Reviewer.Profession = strings.TrimSpace(rev.Reviewer.Profession)
	rev.Reviewer.Registration = strings.TrimSpace(rev.Reviewer.Registration)
	rev.Comments = strings.TrimSpace(rev.Comments)
	rev.Date = strings.TrimSpace(rev.Date)
	var problems []ReviewProblem
	add := func(field string, format string, args ...any) {
		problems = append(problems, ReviewProblem{Field: field, Index: -1, Msg: fmt.Sprintf(format, args...)})
	}

	if rev.Reviewer.Name == "" {
		add("reviewer.name", "the reviewer's name is missing")
	}
	for _, f := range []struct{ field, what, v string }{
		{"reviewer.name", "name", rev.Reviewer.Name}, {"reviewer.role", "role", rev.Reviewer.Role},
		{"reviewer.profession", "profession", rev.Reviewer.Profession}, {"reviewer.registration", "registration number", rev.Reviewer.Registration},
	} {
		if utf8.RuneCountInString(f.v) > maxShortField {
			add(f.field, "the reviewer's %s is longer than %d characters", f.what, maxShortField)
		}
		if strings.ContainsAny(f.v, "\n\r") {
			add(f.field, "the reviewer's %s must be on one line", f.what)
		}
	}
	if rev.Date == "" {
		rev.Date = now.Format("2006-01-02")
	}
	if msg := CheckReviewDate(rev.Date, now); msg != "" {
		add("date", "%s", msg)
	}
	if utf8.RuneCountInString(rev.Comments) > maxComment {
		add("comments", "the overall comment is longer than %d characters", maxComment)
	}

	needs := map[string]bool{}
	assessed := map[string]bool{}
	if r.Scores != nil {
		for _, n := range r.Scores.Needs {
			needs[n.Code] = true
		}
	}
	for _, a := range r.Answers {
		assessed[a.Code] = true
	}
	seen := map[string]bool{}
	var ncs []NeedComment
	for _, nc := range rev.NeedComments {
		nc.Code = strings.TrimSpace(nc.Code)
		nc.Comment = strings.TrimSpace(nc.Comment)
		field := "needs[" + nc.Code + "]"
		switch {
		case nc.Code == "":
			add(field, "a comment on a need has no competence code")
		case seen[nc.Code]:
			add(field, "there are two comments on %s; write them as one", nc.Code)
		case !needs[nc.Code] && !assessed[nc.Code]:
			add(field, "%s is not a development need or an answered competence in this record", nc.Code)
		case nc.Comment == "":
			// An empty comment is no comment: leave it out.
			continue
		case utf8.RuneCountInString(nc.Comment) > maxComment:
			add(field, "the comment on %s is longer than %d characters", nc.Code, maxComment)
		}
		seen[nc.Code] = true
		if nc.Comment != "" {
			ncs = append(ncs, nc)
		}
	}
	rev.NeedComments = ncs

	rev.Ratings, problems = checkRatings(r, rev.Ratings, problems)
	for _, msg := range RatingProblems(r, rev.Ratings, set) {
		problems = append(problems, ReviewProblem{Field: "ratings", Index: -1, Msg: msg})
	}

	if !rev.PlanAgreed && len(rev.AgreedPlan) > 0 {
		add("plan", "an amended plan is given but the plan is not marked as agreed")
	}
	if len(rev.AgreedPlan) > maxGoals {
		add("plan", "the amended plan has more than %d goals", maxGoals)
	}
	var fws []string
	for _, f := range r.Frameworks {
		fws = append(fws, f.ID)
	}
	ids := map[string]bool{}
	var goals []Goal
	for i, g := range rev.AgreedPlan {
		g.Objective = strings.TrimSpace(g.Objective)
		for _, gp := range CheckGoal(g, set, fws) {
			field := fmt.Sprintf("amended_plan[%d].%s", i, gp.Field)
			problems = append(problems, ReviewProblem{Field: field, Index: gp.Index, Msg: fmt.Sprintf("goal %d of the amended plan: %s", i+1, gp.Msg), Hint: gp.Hint})
		}
		if g.ID == "" || ids[g.ID] {
			g.ID = fmt.Sprintf("g%d", i+1)
			for ids[g.ID] {
				g.ID += "x"
			}
		}
		ids[g.ID] = true
		goals = append(goals, g)
	}
	rev.AgreedPlan = goals
	if w := r.Withheld(); len(w) > 0 {
		add("", "this is a shared copy with %s withheld; review the whole record, which the practitioner holds", strings.Join(w, ", "))
	}
	return rev, problems
}

// CheckReviewDate checks the date of a review: a date written YYYY-MM-DD,
// not after today (the day now falls on where the reviewer is: now's
// location). It returns what is wrong, or "".
func CheckReviewDate(date string, now time.Time) string {
	_, err := time.Parse("2006-01-02", date)
	switch {
	case err != nil:
		return fmt.Sprintf("the date %q is not a date written as YYYY-MM-DD", date)
	case date > now.Format("2006-01-02"):
		return fmt.Sprintf("the date %s is in the future; a review is dated the day it took place", date)
	}
	return ""
}

// NewReview checks what a reviewer wrote against the record (CheckReview,
// without frameworks: check the plan's codes with CheckReview first) and
// completes it: the statement, the section digests of the practitioner's
// content as it is now (giving the record its salts, if it has none),
// the fingerprints of the reviews before it, and the time (now). It does
// not add the review to the record (sign it first, if wanted, then
// AppendReview).
func (r *Record) NewReview(in Review, now time.Time) (Review, error) {
	rev, problems := r.CheckReview(in, now, nil)
	if len(problems) > 0 {
		return Review{}, &ReviewError{Problems: problems}
	}
	if err := r.EnsureSalts(rand.Reader); err != nil {
		return Review{}, err
	}
	sections, err := r.SectionDigests()
	if err != nil {
		return Review{}, err
	}
	if len(rev.Ratings) > 0 {
		d, err := ratingsDigest(rev.Ratings)
		if err != nil {
			return Review{}, err
		}
		sections = append(sections, SectionDigest{Section: SectionReviewerRatings, Digest: d})
	}
	digest, err := sectionsDigest(sections)
	if err != nil {
		return Review{}, err
	}
	var prev []string
	for _, earlier := range r.Reviews {
		fp, err := earlier.Fingerprint()
		if err != nil {
			return Review{}, err
		}
		prev = append(prev, fp)
	}
	rev.Version = ReviewVersion
	rev.Statement = ReviewStatement
	rev.Digest = digest
	rev.Sections = sections
	rev.Previous = prev
	rev.Signature = nil
	rev.At = now.UTC().Truncate(time.Second)
	return rev, nil
}

// ReviewVersion is the review format this reflect writes: section digests
// and the chain of earlier reviews.
const ReviewVersion = 2

// Fingerprint identifies a review exactly, signature included: the
// SHA-256 of "reflect-review-id\n" and the canonical JSON of the whole
// review, as "sha256:<hex>". Each later review lists it in Previous, and
// 'reflect verify --review' looks for it. ShortFingerprint is the form
// people read and type.
func (rev Review) Fingerprint() (string, error) {
	c, err := Canonical(rev)
	if err != nil {
		return "", fmt.Errorf("cannot compute the review's fingerprint: %w", err)
	}
	sum := sha256.Sum256(append([]byte("reflect-review-id\n"), c...))
	return DigestPrefix + hex.EncodeToString(sum[:]), nil
}

// ShortFingerprint is the first 16 hex digits of a fingerprint in groups
// of four, e.g. "3f2a 9c1b 77d0 e4a5": enough to find a review, short
// enough to read out or copy into a note.
func ShortFingerprint(fp string) string {
	h := strings.TrimPrefix(fp, DigestPrefix)
	if len(h) > 16 {
		h = h[:16]
	}
	var parts []string
	for i := 0; i < len(h); i += 4 {
		parts = append(parts, h[i:min(i+4, len(h))])
	}
	return strings.Join(parts, " ")
}

// ParseFingerprint reads a review fingerprint as people give it: the
// short form or the whole, with or without "sha256:", spaces and case
// ignored. It returns the hex digits, at least 16 of them.
func ParseFingerprint(s string) (string, error) {
	h := strings.ToLower(strings.TrimSpace(s))
	h = strings.TrimPrefix(h, DigestPrefix)
	h = strings.Join(strings.Fields(h), "")
	if len(h) < 16 || len(h) > 64 {
		return "", fmt.Errorf("%q is not a review fingerprint: give the 16 hex digits 'reflect review' printed (e.g. 3f2a 9c1b 77d0 e4a5), or the whole sha256", s)
	}
	if _, err := hex.DecodeString(h + strings.Repeat("0", len(h)%2)); err != nil {
		return "", fmt.Errorf("%q is not a review fingerprint: it should hold only the hex digits 0-9 and a-f", s)
	}
	return h, nil
}

// ReviewError lists what is wrong with a review.
type ReviewError struct{ Problems []ReviewProblem }

func (e *ReviewError) Error() string {
	var ps []string
	for _, p := range e.Problems {
		ps = append(ps, p.String())
	}
	if len(ps) == 1 {
		return "the review cannot be added: " + ps[0]
	}
	return "the review cannot be added:\n  - " + strings.Join(ps, "\n  - ")
}

// AppendReview adds a completed review (from NewReview, perhaps signed)
// to the record and stamps it updated by tool at now.
func (r *Record) AppendReview(rev Review, now time.Time, tool Tool) {
	r.Reviews = append(r.Reviews, rev)
	r.Updated = now.UTC()
	if tool.Name != "" {
		r.Tool = tool
	}
}

// checkRatings checks a reviewer's ratings against the record: each names
// a competence the record answers (rated or N/A), at most once, with a
// rating of at least 1. Whether the rating is on the record's scale needs
// the frameworks: see RatingProblems. The ratings are returned in the
// record's answer order.
func checkRatings(r *Record, in []Rating, problems []ReviewProblem) ([]Rating, []ReviewProblem) {
	add := func(code, format string, args ...any) {
		problems = append(problems, ReviewProblem{Field: "ratings[" + code + "]", Index: -1, Msg: fmt.Sprintf(format, args...)})
	}
	if len(in) == 0 {
		return nil, problems
	}
	order := map[string]int{}
	for i, a := range r.Answers {
		if _, ok := order[a.Code]; !ok {
			order[a.Code] = i
		}
	}
	seen := map[string]bool{}
	var out []Rating
	for _, rt := range in {
		rt.Code = strings.TrimSpace(rt.Code)
		switch _, answered := order[rt.Code]; {
		case rt.Code == "":
			add(rt.Code, "a rating has no competence code")
			continue
		case seen[rt.Code]:
			add(rt.Code, "%s is rated twice; give one rating for each competence", rt.Code)
			continue
		case !answered:
			add(rt.Code, "%s is not a competence this record answers, so it cannot be rated beside the practitioner's rating", rt.Code)
			continue
		case rt.Rating < 1:
			add(rt.Code, "the rating of %s must be a level of the scale (1 or more)", rt.Code)
			continue
		}
		seen[rt.Code] = true
		out = append(out, rt)
	}
	slices.SortStableFunc(out, func(a, b Rating) int { return order[a.Code] - order[b.Code] })
	return out, problems
}

// RatingProblems says which of a reviewer's ratings are not levels of the
// scale the record was assessed on (set holds its frameworks).
func RatingProblems(r *Record, ratings []Rating, set *framework.Set) []string {
	if len(ratings) == 0 || set == nil || len(r.Frameworks) == 0 {
		return nil
	}
	f := set.Get(r.Frameworks[0].ID)
	if f == nil {
		return nil
	}
	scale := f.EffectiveScale()
	var out []string
	for _, rt := range ratings {
		if scale.Level(rt.Rating) == nil {
			out = append(out, fmt.Sprintf("the rating %d of %s is not on the scale (%s)", rt.Rating, rt.Code, scaleText(scale)))
		}
	}
	return out
}

// SectionReviewerRatings names the entry of a version 2 review's section
// list that holds the reviewer's own ratings, so that the review's digest
// (and so its signature and every later review's chain) covers them. It
// is present exactly when the review has ratings.
const SectionReviewerRatings = "reviewer_ratings"

// ratingsDigest hashes a review's ratings. They are in the review itself,
// in the clear, so there is no salt to hide them behind: the hash binds
// them, like the record's sections, into the review's digest.
func ratingsDigest(ratings []Rating) (string, error) {
	b, err := Canonical([]any{"reflect-review-ratings", SectionReviewerRatings, ratings})
	if err != nil {
		return "", fmt.Errorf("cannot compute the digest of the reviewer's ratings: %w", err)
	}
	sum := sha256.Sum256(b)
	return DigestPrefix + hex.EncodeToString(sum[:]), nil
}

// RatingOf returns the reviewer's rating of a competence, or 0.
func (rev Review) RatingOf(code string) int {
	for _, rt := range rev.Ratings {
		if rt.Code == code {
			return rt.Rating
		}
	}
	return 0
}

// LatestRatings returns the ratings of the latest review that has any,
// and that review's index (−1 when no review rates anything).
func (r *Record) LatestRatings() ([]Rating, int) {
	for i := len(r.Reviews) - 1; i >= 0; i-- {
		if len(r.Reviews[i].Ratings) > 0 {
			return r.Reviews[i].Ratings, i
		}
	}
	return nil, -1
}

// DifferenceWords says how a self-rating stands to a reviewer's, given
// self − reviewer: "self 1 higher", "self 2 lower", "the same". Every
// command that shows calibration says it this way.
func DifferenceWords(diff int) string {
	switch {
	case diff > 0:
		return fmt.Sprintf("self %d higher", diff)
	case diff < 0:
		return fmt.Sprintf("self %d lower", -diff)
	}
	return "the same"
}

// AreaGap is how a practitioner's ratings stand to a reviewer's in one
// area: over the competences both rated, the sum of self − reviewer and
// how many the practitioner rated higher, the same or lower. Ratings are
// never averaged together; the gap is their difference.
type AreaGap struct {
	Framework, Area     string
	Compared            int
	Sum                 int
	Higher, Same, Lower int
}

// Mean is the mean of self − reviewer over the competences compared.
func (g AreaGap) Mean() float64 {
	if g.Compared == 0 {
		return 0
	}
	return float64(g.Sum) / float64(g.Compared)
}

// Calibration compares a reviewer's ratings with the practitioner's
// answers, area by area, in the order of the frameworks in set. A
// competence counts when both rated it (an N/A or unanswered competence
// has nothing to compare). Competences set does not hold are left out.
func Calibration(answers []assessment.Answer, ratings []Rating, set *framework.Set) []AreaGap {
	if len(ratings) == 0 || set == nil {
		return nil
	}
	self := make(map[string]int, len(answers))
	for _, a := range answers {
		if a.Rating > 0 {
			self[a.Code] = a.Rating
		}
	}
	byArea := map[*framework.Area]*AreaGap{}
	for _, rt := range ratings {
		s, ok := self[rt.Code]
		c := set.Competence(rt.Code)
		if !ok || rt.Rating <= 0 || c == nil || c.Area == nil {
			continue
		}
		g := byArea[c.Area]
		if g == nil {
			fw := ""
			if f := set.Owner(rt.Code); f != nil {
				fw = f.ID
			}
			g = &AreaGap{Framework: fw, Area: c.Area.Code}
			byArea[c.Area] = g
		}
		d := s - rt.Rating
		g.Compared++
		g.Sum += d
		switch {
		case d > 0:
			g.Higher++
		case d < 0:
			g.Lower++
		default:
			g.Same++
		}
	}
	var out []AreaGap
	for _, f := range set.Frameworks() {
		for _, a := range f.Areas() {
			if g := byArea[a]; g != nil {
				out = append(out, *g)
			}
		}
	}
	return out
}
