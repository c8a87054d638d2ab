package record

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
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

// NewReview checks what a reviewer wrote against the record and completes
// it: the statement, the digest of the practitioner's content as it is
// now, and the time (now). Comments are trimmed; goal ids are filled in.
// It does not add the review to the record (sign it first, if wanted,
// then AppendReview).
func (r *Record) NewReview(in Review, now time.Time) (Review, error) {
	rev := in
	rev.Reviewer.Name = strings.TrimSpace(rev.Reviewer.Name)
	rev.Reviewer.Role = strings.TrimSpace(rev.Reviewer.Role)
	rev.Reviewer.Profession = strings.TrimSpace(rev.Reviewer.Profession)
	rev.Reviewer.Registration = strings.TrimSpace(rev.Reviewer.Registration)
	rev.Comments = strings.TrimSpace(rev.Comments)
	rev.Date = strings.TrimSpace(rev.Date)
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if rev.Reviewer.Name == "" {
		add("the reviewer's name is missing")
	}
	for _, f := range []struct{ what, v string }{
		{"name", rev.Reviewer.Name}, {"role", rev.Reviewer.Role},
		{"profession", rev.Reviewer.Profession}, {"registration number", rev.Reviewer.Registration},
	} {
		if utf8.RuneCountInString(f.v) > maxShortField {
			add("the reviewer's %s is longer than %d characters", f.what, maxShortField)
		}
		if strings.ContainsAny(f.v, "\n\r") {
			add("the reviewer's %s must be on one line", f.what)
		}
	}
	if rev.Date == "" {
		rev.Date = now.Format("2006-01-02")
	}
	if d, err := time.Parse("2006-01-02", rev.Date); err != nil {
		add("the date %q is not a date written as YYYY-MM-DD", rev.Date)
	} else if d.After(now.AddDate(0, 0, 1)) {
		add("the date %s is in the future", rev.Date)
	}
	if utf8.RuneCountInString(rev.Comments) > maxComment {
		add("the overall comment is longer than %d characters", maxComment)
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
		switch {
		case nc.Code == "":
			add("a comment on a need has no competence code")
		case seen[nc.Code]:
			add("there are two comments on %s; write them as one", nc.Code)
		case !needs[nc.Code] && !assessed[nc.Code]:
			add("%s is not a development need or an answered competence in this record", nc.Code)
		case nc.Comment == "":
			// An empty comment is no comment: leave it out.
			continue
		case utf8.RuneCountInString(nc.Comment) > maxComment:
			add("the comment on %s is longer than %d characters", nc.Code, maxComment)
		}
		seen[nc.Code] = true
		if nc.Comment != "" {
			ncs = append(ncs, nc)
		}
	}
	rev.NeedComments = ncs

	if !rev.PlanAgreed && len(rev.AgreedPlan) > 0 {
		add("an amended plan is given but the plan is not marked as agreed")
	}
	if len(rev.AgreedPlan) > maxGoals {
		add("the amended plan has more than %d goals", maxGoals)
	}
	ids := map[string]bool{}
	var goals []Goal
	for i, g := range rev.AgreedPlan {
		g.Objective = strings.TrimSpace(g.Objective)
		if g.Objective == "" {
			add("goal %d of the amended plan has no objective", i+1)
		}
		if g.TargetDate != "" {
			if _, err := time.Parse("2006-01-02", g.TargetDate); err != nil {
				add("goal %d of the amended plan: the target date %q is not written as YYYY-MM-DD", i+1, g.TargetDate)
			}
		}
		switch g.Status {
		case "", GoalPlanned, GoalInProgress, GoalAchieved, GoalDropped:
		default:
			add("goal %d of the amended plan: status %q is not one of planned, in-progress, achieved, dropped", i+1, g.Status)
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
		add("this is a shared copy with %s withheld; review the whole record, which the practitioner holds", strings.Join(w, ", "))
	}
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
type ReviewError struct{ Problems []string }

func (e *ReviewError) Error() string {
	if len(e.Problems) == 1 {
		return "the review cannot be added: " + e.Problems[0]
	}
	return "the review cannot be added:\n  - " + strings.Join(e.Problems, "\n  - ")
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
