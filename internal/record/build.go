package record

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// NewID returns a new random record id: "r-" and 16 hex digits.
func NewID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return "r-" + hex.EncodeToString(b[:])
}

// New starts a record for a plan.
func New(id string, now time.Time, tool Tool, plan *assessment.Plan) *Record {
	r := &Record{Format: Format, SchemaVersion: SchemaVersion, ID: id, Status: StatusInProgress,
		Created: now.UTC(), Updated: now.UTC(), Tool: tool, Answers: []assessment.Answer{}}
	for _, sc := range plan.Scopes {
		f := plan.Set.Get(sc.Framework)
		ref := FrameworkRef{ID: f.ID, Title: f.Title, Version: f.Version, Digest: f.Digest,
			Provenance: Provenance{BasedOn: f.Provenance.BasedOn, Wording: f.Provenance.Wording, Notice: f.Provenance.Notice, OfficialURL: f.Provenance.OfficialURL},
			Profile:    sc.Profile, Areas: sc.Areas}
		if p := f.Profile(sc.Profile); p != nil {
			ref.ProfileTitle = p.Title
		}
		r.Frameworks = append(r.Frameworks, ref)
	}
	r.Activity.Method = "Self-assessment against a competence framework"
	return r
}

// Scopes returns the scopes the record was assessed against.
func (r *Record) Scopes() []assessment.Scope {
	var out []assessment.Scope
	for _, f := range r.Frameworks {
		out = append(out, assessment.Scope{Framework: f.ID, Profile: f.Profile, Areas: f.Areas})
	}
	return out
}

// Sync copies the session's answers, position and scores into the record
// and stamps it updated at now.
func (r *Record) Sync(s *assessment.Session, now time.Time) {
	r.Answers = s.Answers()
	if r.Answers == nil {
		r.Answers = []assessment.Answer{}
	}
	r.Position = s.Current().Code()
	sc := s.Score()
	r.Scores = &sc
	r.Updated = now.UTC()
}

// DigestMismatch describes a framework whose content changed since the
// record was made.
type DigestMismatch struct {
	ID             string
	RecordVersion  string
	CurrentVersion string
	// The content digests (hex SHA-256) and the current title, to tell two
	// contents of the same version apart.
	RecordDigest  string
	CurrentDigest string
	Title         string
}

func (m DigestMismatch) String() string {
	return fmt.Sprintf("framework %q has changed since this record was made: the record was made with %s, and reflect now has %s", m.ID,
		versionText(m.RecordVersion, m.RecordDigest), versionText(m.CurrentVersion, m.CurrentDigest))
}

// versionText names a framework version with the start of its content
// digest, which tells apart two contents given the same version.
func versionText(version, digest string) string {
	d := digest
	if len(d) > 12 {
		d = d[:12]
	}
	if d == "" {
		d = "unknown"
	}
	return fmt.Sprintf("version %s (content sha256 %s)", version, d)
}

// Open rebuilds the session a record describes against a set of
// frameworks. It returns the session, answers the current frameworks no
// longer ask (never dropped silently: the caller reports them), and any
// frameworks whose digest differs from the record's.
func Open(r *Record, set *framework.Set) (*assessment.Session, []assessment.Answer, []DigestMismatch, error) {
	var mism []DigestMismatch
	for _, ref := range r.Frameworks {
		f := set.Get(ref.ID)
		if f == nil {
			return nil, nil, nil, fmt.Errorf("this record was made with framework %q, which is not loaded; pass it with --framework FILE", ref.ID)
		}
		if f.Digest != ref.Digest {
			mism = append(mism, DigestMismatch{ID: ref.ID, RecordVersion: ref.Version, CurrentVersion: f.Version,
				RecordDigest: ref.Digest, CurrentDigest: f.Digest, Title: f.Title})
		}
	}
	plan, err := assessment.NewPlan(set, r.Scopes())
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		return nil, nil, nil, err
	}
	lost := s.Restore(r.Answers)
	if r.Position != "" {
		s.GotoCode(r.Position)
	}
	return s, lost, mism, nil
}

// PractitionerContent is the part of the record the practitioner wrote:
// everything except reviews and bookkeeping. Review digests are computed
// over its canonical JSON.
func (r *Record) PractitionerContent() any {
	return struct {
		ID            string              `json:"id"`
		Practitioner  Practitioner        `json:"practitioner"`
		Frameworks    []FrameworkRef      `json:"frameworks"`
		Answers       []assessment.Answer `json:"answers"`
		Activity      Activity            `json:"activity"`
		Reflection    Reflection          `json:"reflection"`
		Benefit       string              `json:"benefit"`
		Standards     []StandardRef       `json:"standards"`
		Plan          []Goal              `json:"plan"`
		Anonymisation Anonymisation       `json:"anonymisation"`
	}{r.ID, r.Practitioner, r.Frameworks, r.Answers, r.Activity, r.Reflection, r.Benefit, r.Standards, r.Plan, r.Anonymisation}
}
