package record

import (
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"
)

// TrustedKey is a reviewer's public key that the person verifying trusts:
// from their trusted-keys file ('reflect keys trust') or given for one run
// with --key.
type TrustedKey struct {
	Name   string // whose key it is, as the person who trusted it wrote it
	Key    ed25519.PublicKey
	Source string // where it came from, e.g. "your trusted keys" or "--key"
}

// VerifyOptions say what Verify checks a record against besides itself.
type VerifyOptions struct {
	// Trusted keys: a review counts as trusted only when its signature is
	// valid and made with one of them.
	Trusted []TrustedKey
	// Expect holds review fingerprints (hex, at least 16 digits, as
	// ParseFingerprint returns) that must be in the record: a reviewer's
	// way to find out that a review of theirs was removed.
	Expect []string
	// Figures is the first difference between the figures stored in the
	// record and those worked out again from its answers (nil when they
	// agree or were not checked).
	Figures *FigureDifference
}

// SignatureTrust is what is known about who made a valid signature.
type SignatureTrust int

// Trust states.
const (
	TrustNotChecked SignatureTrust = iota // unsigned, or the signature is not valid
	KeyTrusted                            // a valid signature by a trusted key
	KeyNotTrusted                         // a valid signature by a key nobody trusts here
)

// ReviewCheck is the result of verifying one review.
type ReviewCheck struct {
	Index       int // 0-based position in Reviews
	Review      Review
	Fingerprint string // "sha256:<hex>"

	Intact  bool     // the practitioner's content is what was reviewed (withheld sections aside)
	Reason  string   // why not, when not intact
	Changed []string // version 2: the sections that differ
	// Withheld are the sections this review covers that are withheld from
	// this copy: their digests are in the review, their content is not here.
	Withheld []string

	// Chain says whether the reviews before this one are those it
	// followed: "" when they are, or not a version 2 review (ChainChecked
	// false), else what is wrong.
	ChainChecked bool
	Chain        string

	Signature SignatureState
	SigReason string
	KeyID     string // the signature's key id, when signed
	Trust     SignatureTrust
	TrustedAs string // the trusted key's name and where it came from
}

// Verdict is the outcome of verifying one review or a whole record.
type Verdict int

// Verdicts, from best to worst: a record's verdict is its worst review's.
// The exit status of 'reflect verify' follows from it.
const (
	VerdictTrusted      Verdict = iota // unchanged, every signature valid and made with a trusted key
	VerdictUntrusted                   // unchanged, signed, but with a key not trusted here
	VerdictUnsigned                    // unchanged, but a review is not signed
	VerdictChanged                     // the content, the figures or the chain of reviews changed
	VerdictBadSignature                // a signature is not valid
)

// Words are the verdict as every command says it: verify, the exports,
// review --print and compare.
func (v Verdict) Words() string {
	switch v {
	case VerdictTrusted:
		return "signed by a trusted key"
	case VerdictUntrusted:
		return "signed, key not trusted"
	case VerdictUnsigned:
		return "not signed: anyone could have written this review"
	case VerdictChanged:
		return "changed since review"
	}
	return "signature not valid"
}

// Verdict of one review.
func (c ReviewCheck) Verdict() Verdict {
	switch {
	case c.Signature == SignatureInvalid:
		return VerdictBadSignature
	case !c.Intact || c.Chain != "":
		return VerdictChanged
	case c.Signature == Unsigned:
		return VerdictUnsigned
	case c.Trust == KeyTrusted:
		return VerdictTrusted
	}
	return VerdictUntrusted
}

// Sentence is one plain sentence about a review's signature, for exports
// and the review screens: never "valid" alone for a key nobody trusts.
func (c ReviewCheck) Sentence() string {
	switch c.Signature {
	case SignatureInvalid:
		return "Signature not valid: " + c.SigReason + "."
	case Unsigned:
		return "Not signed: anyone could have written this review."
	}
	if c.Trust == KeyTrusted {
		return fmt.Sprintf("Signed by a trusted key (%s, %s).", c.TrustedAs, fingerprintOf(c.KeyID))
	}
	return fmt.Sprintf("Signed, key not trusted: the signature was made with key %s, which is not in the trusted keys here, so it does not show who wrote the review. Check the key with the reviewer and trust it with 'reflect keys trust'.", fingerprintOf(c.KeyID))
}

// Verification is the result of verifying every review of a record.
type Verification struct {
	CurrentDigest string // version 2: the digest of the sections as they are now; version 1: the content digest
	Checks        []ReviewCheck
	// Missing are the expected fingerprints (VerifyOptions.Expect) that
	// no review in the record has.
	Missing []string
	// Figures is the first stored figure that differs from the one worked
	// out from the answers.
	Figures *FigureDifference
	// Withheld lists the sections withheld from this copy.
	Withheld []string
}

// Verdict is the worst outcome: a bad signature, then a change (to the
// content, the figures or the chain of reviews, or an expected review
// missing), then an unsigned review, then a key not trusted.
func (v Verification) Verdict() Verdict {
	out := VerdictTrusted
	for _, c := range v.Checks {
		out = max(out, c.Verdict())
	}
	if len(v.Missing) > 0 || v.Figures != nil {
		out = max(out, VerdictChanged)
	}
	return out
}

// Verify checks every review of the record: whether the practitioner's
// content is unchanged since the review (section by section, for version 2
// reviews), whether the reviews before it are the ones it followed,
// whether its signature is valid and whether it was made with a trusted
// key.
func Verify(r *Record, opts VerifyOptions) (Verification, error) {
	v := Verification{Figures: opts.Figures, Withheld: r.Withheld()}
	var err error
	if r.Disclosure != nil && len(r.Disclosure.Salts) > 0 || len(r.Withheld()) > 0 {
		v.CurrentDigest, err = r.currentSectionsDigest()
	} else {
		v.CurrentDigest, err = r.ContentDigest()
	}
	if err != nil {
		return Verification{}, err
	}
	fps := make([]string, len(r.Reviews))
	for i, rev := range r.Reviews {
		if fps[i], err = rev.Fingerprint(); err != nil {
			return Verification{}, err
		}
	}
	for i, rev := range r.Reviews {
		c := ReviewCheck{Index: i, Review: rev, Fingerprint: fps[i]}
		switch {
		case rev.Version >= ReviewVersion:
			r.checkSections(&c)
			c.ChainChecked = true
			c.Chain = chainProblem(rev.Previous, fps[:i], r.Reviews[:i])
		case !validDigest(rev.Digest):
			c.Reason = "the review's digest is missing or damaged, so it is not known what was reviewed"
		case len(r.Withheld()) > 0:
			c.Reason = "this review was made by an earlier reflect, whose digest covers the whole record, and this copy has " + strings.Join(r.Withheld(), ", ") + " withheld"
		default:
			cur, err := r.ContentDigest()
			if err != nil {
				return Verification{}, err
			}
			if rev.Digest != cur {
				c.Reason = "the practitioner's content is not what the reviewer saw: something was changed after the review"
			} else {
				c.Intact = true
			}
		}
		var pub ed25519.PublicKey
		c.Signature, pub, c.SigReason = CheckSignature(rev)
		if rev.Signature != nil {
			c.KeyID = rev.Signature.KeyID
		}
		if c.Signature == SignatureValid {
			c.Trust = KeyNotTrusted
			for _, k := range opts.Trusted {
				if k.Key.Equal(pub) {
					c.Trust = KeyTrusted
					c.TrustedAs = k.Name
					if k.Source != "" {
						if c.TrustedAs != "" {
							c.TrustedAs += ", "
						}
						c.TrustedAs += k.Source
					}
					break
				}
			}
		}
		v.Checks = append(v.Checks, c)
	}
	for _, want := range opts.Expect {
		found := false
		for _, fp := range fps {
			if strings.HasPrefix(strings.TrimPrefix(fp, DigestPrefix), want) {
				found = true
				break
			}
		}
		if !found {
			v.Missing = append(v.Missing, want)
		}
	}
	return v, nil
}

// currentSectionsDigest is the digest a new review would hold now, or ""
// when the record is a shared copy or lacks salts.
func (r *Record) currentSectionsDigest() (string, error) {
	if len(r.Withheld()) > 0 {
		return "", nil
	}
	list, err := r.SectionDigests()
	if err != nil {
		return "", nil
	}
	return sectionsDigest(list)
}

// checkSections compares a version 2 review's section digests with the
// record as it is now.
func (r *Record) checkSections(c *ReviewCheck) {
	rev := c.Review
	var altered []string // sections whose content differs from what was reviewed
	var problems []string
	if d, err := sectionsDigest(rev.Sections); err != nil || d != rev.Digest || !validDigest(rev.Digest) {
		problems = append(problems, "the review's list of sections does not match its digest, so the review itself was altered")
	}
	listed := map[string]bool{}
	for _, sd := range rev.Sections {
		if sd.Section == SectionReviewerRatings {
			switch d, err := ratingsDigest(rev.Ratings); {
			case listed[sd.Section]:
				problems = append(problems, "the review lists the reviewer's ratings twice")
			case len(rev.Ratings) == 0:
				problems = append(problems, "the reviewer's ratings were removed from the review")
			case err != nil || d != sd.Digest:
				problems = append(problems, "the reviewer's ratings are not those the review was made with: the review itself was altered")
			}
			listed[sd.Section] = true
			continue
		}
		info, known := SectionByName(sd.Section)
		switch {
		case !known:
			problems = append(problems, fmt.Sprintf("the review lists a section %q that reflect does not know", sd.Section))
			continue
		case listed[sd.Section]:
			problems = append(problems, fmt.Sprintf("the review lists the %s section twice", sd.Section))
			continue
		}
		listed[sd.Section] = true
		if r.IsWithheld(sd.Section) {
			if !r.sectionEmpty(sd.Section) {
				c.Changed = append(c.Changed, sd.Section)
				problems = append(problems, fmt.Sprintf("%s is marked withheld, but this copy holds some", info.Title))
				continue
			}
			c.Withheld = append(c.Withheld, sd.Section)
			continue
		}
		now, err := r.sectionDigest(sd.Section)
		switch {
		case err == ErrNoSalt:
			c.Changed = append(c.Changed, sd.Section)
			problems = append(problems, fmt.Sprintf("the salt of %s is missing, so it cannot be shown to be what was reviewed", info.Title))
		case err != nil:
			c.Changed = append(c.Changed, sd.Section)
			problems = append(problems, err.Error())
		case now != sd.Digest:
			c.Changed = append(c.Changed, sd.Section)
			altered = append(altered, info.Title)
		}
	}
	if len(rev.Ratings) > 0 && !listed[SectionReviewerRatings] {
		problems = append(problems, "the reviewer's ratings are not covered by the review's digest: they were added after the review was made")
	}
	for _, s := range Sections {
		if !listed[s.Name] {
			c.Changed = append(c.Changed, s.Name)
			problems = append(problems, fmt.Sprintf("the review does not cover %s", s.Title))
		}
	}
	if len(altered) > 0 {
		problems = append([]string{"changed after the review: " + joinAnd(altered)}, problems...)
	}
	if len(problems) == 0 {
		c.Intact = true
		return
	}
	c.Reason = strings.Join(problems, "; ")
}

func joinAnd(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

// chainProblem compares the fingerprints a review lists as coming before
// it with the reviews that do, and says what differs: a review removed,
// reordered, added or changed.
func chainProblem(listed, present []string, reviews []Review) string {
	if slices.Equal(listed, present) {
		return ""
	}
	pos := map[string]int{}
	for i, fp := range present {
		pos[fp] = i
	}
	var missing []string
	for i, fp := range listed {
		if _, ok := pos[fp]; !ok {
			missing = append(missing, fmt.Sprintf("review %d before it (fingerprint %s)", i+1, ShortFingerprint(fp)))
		}
	}
	listedSet := map[string]bool{}
	for _, fp := range listed {
		listedSet[fp] = true
	}
	var extra []string
	for i, fp := range present {
		if !listedSet[fp] {
			extra = append(extra, fmt.Sprintf("review %d (%s, %s)", i+1, reviews[i].Reviewer.Name, reviews[i].Date))
		}
	}
	var parts []string
	switch {
	case len(missing) > 0 && len(extra) == len(missing):
		parts = append(parts, fmt.Sprintf("it followed %s, which is no longer in the record as it was: %s was removed or changed", joinAnd(missing), joinAnd(extra)))
	case len(missing) > 0:
		parts = append(parts, fmt.Sprintf("it followed %s, which has been removed", joinAnd(missing)))
		if len(extra) > 0 {
			parts = append(parts, fmt.Sprintf("and %s was not there when it was made", joinAnd(extra)))
		}
	case len(extra) > 0:
		parts = append(parts, fmt.Sprintf("%s was not there when it was made: it was added or moved before it later", joinAnd(extra)))
	default:
		parts = append(parts, "the reviews before it are in a different order from when it was made")
	}
	return "the reviews before it are not the ones it followed: " + strings.Join(parts, " ")
}

func fingerprintOf(keyID string) string {
	var parts []string
	for i := 0; i < len(keyID); i += 4 {
		parts = append(parts, keyID[i:min(i+4, len(keyID))])
	}
	return strings.Join(parts, " ")
}
