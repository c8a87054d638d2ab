package record

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// Sections: what a review (schema version 2) binds, one salted hash per
// section, as SD-JWT binds each claim.
//
// A review does not hash the practitioner's content as one block: it
// stores a list of section digests, each the SHA-256 of the canonical JSON
// of ["<salt>", "<section name>", <section content>], and its signature
// covers that list. Each section has its own random salt, kept in the
// record's "disclosure" block. 'reflect share --withhold' can then leave a
// section out of a copy, with its salt: the review still lists the
// section's hash, so everything shown can be checked, and without the salt
// nobody can test guesses of the withheld text against the hash.
//
// Every field of Record is either in exactly one section or listed in
// bookkeepingFields (a test keeps the two in step), so a field added later
// cannot end up unprotected by accident.

// Section names, in the order a review lists them.
const (
	SectionRecord        = "record"        // id, status and when the record was started
	SectionPractitioner  = "practitioner"  // name, profession, role, setting, regulator, registration
	SectionFrameworks    = "frameworks"    // frameworks with version, digest, provenance and scope
	SectionRatings       = "ratings"       // every rating, N/A with its reason, and flag
	SectionNotes         = "notes"         // the note beside each competence
	SectionActivity      = "activity"      // the CPD activity: dates, method, hours, evidence
	SectionReflection    = "reflection"    // the reflective model, focus and text
	SectionBenefit       = "benefit"       // benefit to the people supported
	SectionStandards     = "standards"     // links to professional standards
	SectionPlan          = "plan"          // the personal development plan
	SectionAnonymisation = "anonymisation" // the identifier check and the confirmation
)

// SectionInfo describes a section for people and says whether it may be
// withheld from a shared copy. The ratings, frameworks, record and
// anonymisation sections cannot be: every figure is worked out from the
// ratings against the frameworks, and a reader needs to see what was
// assessed and that the record was confirmed to identify nobody.
type SectionInfo struct {
	Name         string
	Title        string
	Withholdable bool
}

// Sections lists every section in order.
var Sections = []SectionInfo{
	{SectionRecord, "the record's id, status and start date", false},
	{SectionPractitioner, "the practitioner's details", true},
	{SectionFrameworks, "the frameworks assessed", false},
	{SectionRatings, "the ratings", false},
	{SectionNotes, "the notes beside the competences", true},
	{SectionActivity, "the CPD activity and evidence", true},
	{SectionReflection, "the reflection", true},
	{SectionBenefit, "the benefit to the people supported", true},
	{SectionStandards, "the links to standards", true},
	{SectionPlan, "the development plan", true},
	{SectionAnonymisation, "the anonymisation check", false},
}

// SectionByName returns a section's description.
func SectionByName(name string) (SectionInfo, bool) {
	for _, s := range Sections {
		if s.Name == name {
			return s, true
		}
	}
	return SectionInfo{}, false
}

// SectionNames lists the section names in order.
func SectionNames() []string {
	out := make([]string, len(Sections))
	for i, s := range Sections {
		out[i] = s.Name
	}
	return out
}

// WithholdableNames lists the sections that may be withheld.
func WithholdableNames() []string {
	var out []string
	for _, s := range Sections {
		if s.Withholdable {
			out = append(out, s.Name)
		}
	}
	return out
}

// bookkeepingFields are the Record fields (by JSON name) that no section
// holds: the document's type and version, bookkeeping that changes when a
// review is added, the cached figures (worked out again from the answers
// on every read), the salts themselves, the reviews, and the draft (text
// being typed, which is not the practitioner's content until it is stored
// in its field, and which exports leave out).
var bookkeepingFields = []string{"format", "schema_version", "updated", "tool", "position", "scores", "disclosure", "reviews", "draft"}

// Disclosure holds each section's salt and the sections withheld from a
// shared copy. A withheld section's salt is removed with its content.
type Disclosure struct {
	Salts    map[string]string `json:"salts,omitempty"`    // section name → base64url salt (16 random bytes)
	Withheld []string          `json:"withheld,omitempty"` // sections left out of this copy, in section order
}

// IsWithheld reports whether a section was left out of this copy.
func (r *Record) IsWithheld(section string) bool {
	return r.Disclosure != nil && slices.Contains(r.Disclosure.Withheld, section)
}

// Withheld lists the sections left out of this copy.
func (r *Record) Withheld() []string {
	if r.Disclosure == nil {
		return nil
	}
	return r.Disclosure.Withheld
}

const saltBytes = 16

// EnsureSalts gives every section that has none a random salt from rand
// (crypto/rand in use; tests pass a fixed source) and marks the record as
// schema version 2. Salts are made once: changing one would change that
// section's digest and so break every review made since.
func (r *Record) EnsureSalts(rand io.Reader) error {
	if r.Disclosure == nil {
		r.Disclosure = &Disclosure{}
	}
	if r.Disclosure.Salts == nil {
		r.Disclosure.Salts = map[string]string{}
	}
	for _, s := range Sections {
		if r.Disclosure.Salts[s.Name] != "" || r.IsWithheld(s.Name) {
			continue
		}
		var b [saltBytes]byte
		if _, err := io.ReadFull(rand, b[:]); err != nil {
			return fmt.Errorf("cannot make a random salt: %w", err)
		}
		r.Disclosure.Salts[s.Name] = base64.RawURLEncoding.EncodeToString(b[:])
	}
	if r.SchemaVersion < SchemaVersion {
		r.SchemaVersion = SchemaVersion
	}
	return nil
}

// ratingEntry is one answer without its note: the ratings section.
type ratingEntry struct {
	Code     string `json:"code"`
	Rating   int    `json:"rating,omitempty"`
	NA       bool   `json:"na,omitempty"`
	NAReason string `json:"na_reason,omitempty"`
	Flag     bool   `json:"flag,omitempty"`
}

// noteEntry is the note beside one competence: the notes section.
type noteEntry struct {
	Code string `json:"code"`
	Note string `json:"note"`
}

// SectionContent returns the content of one section as it is now in the
// record, ready for Canonical.
func (r *Record) SectionContent(name string) (any, error) {
	switch name {
	case SectionRecord:
		return struct {
			ID      string `json:"id"`
			Status  string `json:"status"`
			Created string `json:"created"`
		}{r.ID, r.Status, r.Created.UTC().Format(time.RFC3339Nano)}, nil
	case SectionPractitioner:
		return r.Practitioner, nil
	case SectionFrameworks:
		return r.Frameworks, nil
	case SectionRatings:
		out := make([]ratingEntry, 0, len(r.Answers))
		for _, a := range r.Answers {
			out = append(out, ratingEntry{Code: a.Code, Rating: a.Rating, NA: a.NA, NAReason: a.NAReason, Flag: a.Flag})
		}
		return out, nil
	case SectionNotes:
		var out []noteEntry
		for _, a := range r.Answers {
			if a.Note != "" {
				out = append(out, noteEntry{Code: a.Code, Note: a.Note})
			}
		}
		return out, nil
	case SectionActivity:
		return r.Activity, nil
	case SectionReflection:
		return r.Reflection, nil
	case SectionBenefit:
		return r.Benefit, nil
	case SectionStandards:
		return r.Standards, nil
	case SectionPlan:
		return r.Plan, nil
	case SectionAnonymisation:
		return r.Anonymisation, nil
	}
	return nil, fmt.Errorf("there is no record section %q", name)
}

// sectionEmpty reports whether a section holds nothing in this copy.
func (r *Record) sectionEmpty(name string) bool {
	v, err := r.SectionContent(name)
	if err != nil {
		return false
	}
	c, err := Canonical(v)
	if err != nil {
		return false
	}
	switch string(c) {
	case "{}", "[]", `""`, "null":
		return true
	}
	return false
}

// SectionDigest is one entry of a review's list: a section and its salted
// hash.
type SectionDigest struct {
	Section string `json:"section"`
	Digest  string `json:"digest"` // "sha256:<hex>" of Canonical(["<salt>", "<section>", content])
}

// ErrNoSalt is returned when a section's salt is missing.
var ErrNoSalt = errors.New("the section has no salt")

// sectionDigest hashes a section with its salt.
func (r *Record) sectionDigest(name string) (string, error) {
	salt := ""
	if r.Disclosure != nil {
		salt = r.Disclosure.Salts[name]
	}
	if salt == "" {
		return "", ErrNoSalt
	}
	content, err := r.SectionContent(name)
	if err != nil {
		return "", err
	}
	b, err := Canonical([]any{salt, name, content})
	if err != nil {
		return "", fmt.Errorf("cannot compute the digest of the %s section: %w", name, err)
	}
	sum := sha256.Sum256(b)
	return DigestPrefix + hex.EncodeToString(sum[:]), nil
}

// SectionDigests returns the salted hash of every section, in order. Every
// section must have its salt (EnsureSalts) and none may be withheld: a
// review is made over the whole record.
func (r *Record) SectionDigests() ([]SectionDigest, error) {
	if w := r.Withheld(); len(w) > 0 {
		return nil, fmt.Errorf("this is a shared copy with %s withheld; a review needs the whole record", strings.Join(w, ", "))
	}
	out := make([]SectionDigest, 0, len(Sections))
	for _, s := range Sections {
		d, err := r.sectionDigest(s.Name)
		if err != nil {
			return nil, fmt.Errorf("the %s section: %w", s.Name, err)
		}
		out = append(out, SectionDigest{Section: s.Name, Digest: d})
	}
	return out, nil
}

// sectionsDigest is the digest of a list of section digests: the
// review's one-line summary of what it covers.
func sectionsDigest(list []SectionDigest) (string, error) {
	b, err := Canonical(list)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return DigestPrefix + hex.EncodeToString(sum[:]), nil
}

// Withhold returns a copy of r without the named sections and their salts,
// for 'reflect share'. The copy's reviews still verify for every section
// shown. Sections that cannot be withheld, unknown names, and records
// with a review made before section digests (schema version 1, whose
// digest covers the whole record) are refused.
func Withhold(r *Record, sections []string) (*Record, error) {
	var bad []string
	want := map[string]bool{}
	for _, s := range sections {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		info, ok := SectionByName(s)
		switch {
		case !ok:
			msg := fmt.Sprintf("there is no section %q", s)
			if sg := yamlx.Suggest(s, WithholdableNames()); sg != "" {
				msg += " (did you mean " + sg + "?)"
			}
			bad = append(bad, msg)
		case !info.Withholdable:
			bad = append(bad, fmt.Sprintf("%s cannot be withheld: %s", s, whyNotWithholdable(s)))
		default:
			want[s] = true
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%s; the sections that can be withheld are %s", strings.Join(bad, "; "), strings.Join(WithholdableNames(), ", "))
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("name the sections to withhold: %s", strings.Join(WithholdableNames(), ", "))
	}
	for i, rev := range r.Reviews {
		if rev.Version < ReviewVersion {
			return nil, fmt.Errorf("review %d (%s, %s) was made by an earlier reflect: its digest covers the whole record, so a copy with anything withheld would no longer verify. Share the whole record, or ask for a new review", i+1, rev.Reviewer.Name, rev.Date)
		}
	}
	cp, err := clone(r)
	if err != nil {
		return nil, err
	}
	if cp.Disclosure == nil {
		cp.Disclosure = &Disclosure{}
	}
	for _, s := range Sections {
		if !want[s.Name] || cp.IsWithheld(s.Name) {
			continue
		}
		cp.clearSection(s.Name)
		delete(cp.Disclosure.Salts, s.Name)
		cp.Disclosure.Withheld = append(cp.Disclosure.Withheld, s.Name)
	}
	slices.SortFunc(cp.Disclosure.Withheld, func(a, b string) int { return sectionIndex(a) - sectionIndex(b) })
	return cp, nil
}

func whyNotWithholdable(s string) string {
	switch s {
	case SectionRatings:
		return "every score and need is worked out from the ratings"
	case SectionFrameworks:
		return "the ratings mean nothing without the frameworks they answer"
	case SectionAnonymisation:
		return "a reader needs to see whether the record was confirmed to identify nobody"
	}
	return "it says which record this is"
}

func sectionIndex(name string) int {
	for i, s := range Sections {
		if s.Name == name {
			return i
		}
	}
	return len(Sections)
}

func (r *Record) clearSection(name string) {
	switch name {
	case SectionPractitioner:
		r.Practitioner = Practitioner{}
	case SectionNotes:
		for i := range r.Answers {
			r.Answers[i].Note = ""
		}
	case SectionActivity:
		r.Activity = Activity{}
	case SectionReflection:
		r.Reflection = Reflection{}
	case SectionBenefit:
		r.Benefit = ""
	case SectionStandards:
		r.Standards = nil
	case SectionPlan:
		r.Plan = nil
	}
}

// clone deep-copies a record through its JSON form.
func clone(r *Record) (*Record, error) {
	b, err := Marshal(r)
	if err != nil {
		return nil, err
	}
	cp, err := Decode("copy", b)
	if err != nil {
		return nil, err
	}
	return cp, nil
}
