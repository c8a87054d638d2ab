package record

import (
	"crypto/ed25519"
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

	if len(problems) > 0 {
		return Review{}, &ReviewError{Problems: problems}
	}
	digest, err := r.ContentDigest()
	if err != nil {
		return Review{}, err
	}
	rev.Statement = ReviewStatement
	rev.Digest = digest
	rev.Signature = nil
	rev.At = now.UTC().Truncate(time.Second)
	return rev, nil
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

// KeyMatch says whether a signature's key is one the person trusts.
type KeyMatch int

// Key match states.
const (
	NoKeyGiven KeyMatch = iota // no key to compare with
	KeyMatches
	KeyDiffers
)

// ReviewCheck is the result of verifying one review.
type ReviewCheck struct {
	Index     int // 0-based position in Reviews
	Review    Review
	Intact    bool   // the practitioner's content is what was reviewed
	Reason    string // why not, when not intact
	Signature SignatureState
	SigReason string
	KeyID     string // the signature's key id, when signed
	Key       KeyMatch
}

// Verdict is the overall result of verifying a record.
type Verdict int

// Verdicts, from best to worst.
const (
	VerdictIntact Verdict = iota
	VerdictChanged
	VerdictBadSignature
)

// Verification is the result of verifying every review of a record.
type Verification struct {
	CurrentDigest string
	Checks        []ReviewCheck
}

// Verdict is the worst outcome over all reviews. A signature that is
// invalid, or not made with a key the person gave, counts as a bad
// signature, which outranks a change in content.
func (v Verification) Verdict() Verdict {
	out := VerdictIntact
	for _, c := range v.Checks {
		if c.Signature == SignatureInvalid || c.Key == KeyDiffers {
			return VerdictBadSignature
		}
		if !c.Intact {
			out = VerdictChanged
		}
	}
	return out
}

// Verify checks every review of the record: whether the practitioner's
// content is unchanged since the review, whether its signature is valid,
// and (when trusted keys are given) whether it was signed with one of
// them. With trusted keys, an unsigned review is reported as KeyDiffers:
// nothing shows it came from the holder of the key.
func Verify(r *Record, trusted []ed25519.PublicKey) (Verification, error) {
	cur, err := r.ContentDigest()
	if err != nil {
		return Verification{}, err
	}
	v := Verification{CurrentDigest: cur}
	for i, rev := range r.Reviews {
		c := ReviewCheck{Index: i, Review: rev}
		switch {
		case !validDigest(rev.Digest):
			c.Reason = "the review's digest is missing or damaged, so it is not known what was reviewed"
		case rev.Digest != cur:
			c.Reason = "the practitioner's content is not what the reviewer saw: something was changed after the review"
		default:
			c.Intact = true
		}
		var pub ed25519.PublicKey
		c.Signature, pub, c.SigReason = CheckSignature(rev)
		if rev.Signature != nil {
			c.KeyID = rev.Signature.KeyID
		}
		if len(trusted) > 0 {
			c.Key = KeyDiffers
			if c.Signature == SignatureValid {
				for _, k := range trusted {
					if k.Equal(pub) {
						c.Key = KeyMatches
						break
					}
				}
			}
		}
		v.Checks = append(v.Checks, c)
	}
	return v, nil
}
