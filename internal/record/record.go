// Package record is the CPD reflection record: a versioned JSON document
// that is the one source of truth for a self-assessment and everything
// rendered from it. An in-progress assessment is a record with status
// "in-progress"; a finished one is "complete".
package record

import (
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
)

// Format names the document type; SchemaVersion is the version this build
// writes and the newest it reads.
const (
	Format        = "reflect-record"
	SchemaVersion = 2
)

// Schema versions:
//
//	1  reviews hold one digest over everything the practitioner wrote
//	2  reviews hold a salted digest per section (see sections.go) and the
//	   fingerprints of every review before them; records carry the salts
//	   and may be shared with sections withheld. Version 1 records and
//	   their reviews are still read and verified as before.

// Status values.
const (
	StatusInProgress = "in-progress"
	StatusComplete   = "complete"
)

// Statuses lists every status a record may have.
var Statuses = []string{StatusInProgress, StatusComplete}

// Record is the whole CPD reflection record. Field order is the order of
// the JSON document.
type Record struct {
	Format        string    `json:"format"`
	SchemaVersion int       `json:"schema_version"`
	ID            string    `json:"id"`
	Status        string    `json:"status"`
	Created       time.Time `json:"created"`
	Updated       time.Time `json:"updated"`
	Tool          Tool      `json:"tool"`

	Practitioner Practitioner        `json:"practitioner"`
	Frameworks   []FrameworkRef      `json:"frameworks"`
	Answers      []assessment.Answer `json:"answers"`
	Position     string              `json:"position,omitempty"` // code of the item to resume at
	Scores       *assessment.Scores  `json:"scores,omitempty"`

	Activity      Activity      `json:"activity"`
	Reflection    Reflection    `json:"reflection"`
	Benefit       string        `json:"benefit,omitempty"` // benefit to the people supported (HCPC standard 4)
	Standards     []StandardRef `json:"standards,omitempty"`
	Plan          []Goal        `json:"plan,omitempty"`
	Anonymisation Anonymisation `json:"anonymisation"`
	// Draft is text being typed that was not yet stored in its field,
	// kept so that it is restored when the assessment is resumed. It is
	// not part of the practitioner's content and exports leave it out.
	Draft *Draft `json:"draft,omitempty"`

	Disclosure *Disclosure `json:"disclosure,omitempty"` // section salts; sections withheld from a shared copy
	Reviews    []Review    `json:"reviews,omitempty"`
}

// Draft is the text of one field as it was being typed. Field is the
// field's address in the reflection flow (internal/cpd), such as
// "note.ADU.1.2.3" or "section.so-what".
type Draft struct {
	Field string    `json:"field"`
	Text  string    `json:"text"`
	At    time.Time `json:"at,omitzero"`
}

// Tool names the program and version that last wrote the record.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Practitioner is the person the record belongs to. Every field is
// optional free text.
type Practitioner struct {
	Name         string `json:"name,omitempty"`
	Profession   string `json:"profession,omitempty"`
	Role         string `json:"role,omitempty"`
	Setting      string `json:"setting,omitempty"`
	Regulator    string `json:"regulator,omitempty"`
	Registration string `json:"registration,omitempty"`
}

// FrameworkRef pins a framework the assessment used: its id, version and
// content digest, the provenance notice, and the scope assessed.
type FrameworkRef struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Version      string     `json:"version"`
	Digest       string     `json:"digest"` // SHA-256 of the framework file, hex
	Provenance   Provenance `json:"provenance"`
	Profile      string     `json:"profile,omitempty"`
	ProfileTitle string     `json:"profile_title,omitempty"`
	Areas        []string   `json:"areas,omitempty"` // the areas chosen, when no profile
}

// Provenance is copied from the framework so the record carries it.
type Provenance struct {
	BasedOn     string `json:"based_on"`
	Wording     string `json:"wording"`
	Notice      string `json:"notice"`
	OfficialURL string `json:"official_url,omitempty"`
}

// Activity is the CPD activity the record documents.
type Activity struct {
	Title     string `json:"title,omitempty"`
	StartDate string `json:"start_date,omitempty"` // YYYY-MM-DD
	EndDate   string `json:"end_date,omitempty"`   // YYYY-MM-DD
	Method    string `json:"method,omitempty"`     // e.g. self-assessment against a competence framework
	// Type is an activity type id from the rules of the practitioner's
	// regulator (frameworks/regulators), such as "self-assessment" or
	// "peer-review"; the portfolio counts the activity as this type.
	Type               string     `json:"type,omitempty"`
	Hours              float64    `json:"hours,omitempty"`
	ParticipatoryHours float64    `json:"participatory_hours,omitempty"`
	Evidence           []Evidence `json:"evidence,omitempty"`
}

// Evidence is a reference to evidence. A file is recorded by name and
// SHA-256, never copied.
type Evidence struct {
	Description string `json:"description,omitempty"`
	File        string `json:"file,omitempty"`   // base name only
	SHA256      string `json:"sha256,omitempty"` // hex
	Size        int64  `json:"size,omitempty"`
}

// Reflection is the structured reflection, in the chosen model.
type Reflection struct {
	Model    string              `json:"model,omitempty"`
	Focus    []string            `json:"focus,omitempty"` // competence codes of the needs reflected on
	Sections []ReflectionSection `json:"sections,omitempty"`
}

// ReflectionSection is one stage of the model with the person's words.
type ReflectionSection struct {
	Key    string `json:"key"`    // e.g. "what", "so-what", "now-what"
	Prompt string `json:"prompt"` // the question as shown
	Text   string `json:"text,omitempty"`
}

// StandardRef links the record to a professional standard.
type StandardRef struct {
	Scheme string `json:"scheme"` // nmc, gmc, hcpc, swe
	ID     string `json:"id"`
	Label  string `json:"label"`
}

// Goal statuses.
const (
	GoalPlanned    = "planned"
	GoalInProgress = "in-progress"
	GoalAchieved   = "achieved"
	GoalDropped    = "dropped"
)

// Goal is one SMART goal of the personal development plan.
type Goal struct {
	ID             string   `json:"id"`
	Objective      string   `json:"objective"`
	Competences    []string `json:"competences,omitempty"`
	Activities     []string `json:"activities,omitempty"`
	Resources      []string `json:"resources,omitempty"` // resource ids or free text
	TargetDate     string   `json:"target_date,omitempty"`
	SuccessMeasure string   `json:"success_measure,omitempty"`
	Status         string   `json:"status,omitempty"`
}

// Anonymisation records the local identifier check and the person's
// confirmation that the record identifies nobody.
type Anonymisation struct {
	Checked   bool      `json:"checked"`
	Findings  int       `json:"findings"`
	Confirmed bool      `json:"confirmed"`
	At        time.Time `json:"at,omitzero"`
}

// Review is a supervisor's review of the record. Digest binds it to the
// exact content the reviewer saw: in a version 2 review, through the list
// of section digests (Sections), of which Digest is the hash; in a
// version 1 review (Version 0), as one hash of PractitionerContent.
// Previous chains it to every review before it. The signature covers
// everything else in the review.
type Review struct {
	Version      int           `json:"version,omitempty"` // ReviewVersion; 0 for reviews made by reflect with record schema 1
	Reviewer     Reviewer      `json:"reviewer"`
	Date         string        `json:"date"` // YYYY-MM-DD
	Statement    string        `json:"statement"`
	Comments     string        `json:"comments,omitempty"`
	NeedComments []NeedComment `json:"need_comments,omitempty"`
	Ratings      []Rating      `json:"ratings,omitempty"` // the reviewer's own ratings, beside the practitioner's (calibration)
	PlanAgreed   bool          `json:"plan_agreed"`
	AgreedPlan   []Goal        `json:"agreed_plan,omitempty"` // when amended
	// Anonymisation is the local identifier check of the reviewer's own
	// words and their confirmation that they identify nobody.
	Anonymisation *Anonymisation  `json:"anonymisation,omitempty"`
	Digest        string          `json:"digest"`             // "sha256:<hex>": of Sections (version 2), or of the practitioner's content (version 1)
	Sections      []SectionDigest `json:"sections,omitempty"` // version 2: the salted hash of each section
	Previous      []string        `json:"previous,omitempty"` // version 2: the fingerprint of every earlier review, in order
	Signature     *Signature      `json:"signature,omitempty"`
	At            time.Time       `json:"at"`
}

// Reviewer identifies the supervisor.
type Reviewer struct {
	Name         string `json:"name"`
	Role         string `json:"role,omitempty"`
	Profession   string `json:"profession,omitempty"`
	Registration string `json:"registration,omitempty"`
}

// NeedComment is a reviewer's comment on one development need.
type NeedComment struct {
	Code    string `json:"code"`
	Comment string `json:"comment"`
}

// Rating is a reviewer's own rating of one competence the record
// answers, on the record's scale. It stands beside the practitioner's
// rating and is never averaged with it: the difference is what a
// supervisor and practitioner talk about (SFIA's advice against over- and
// under-rating).
type Rating struct {
	Code   string `json:"code"`
	Rating int    `json:"rating"`
}

// Signature is an Ed25519 signature over a review's digest.
type Signature struct {
	Algorithm string `json:"algorithm"`  // "ed25519"
	PublicKey string `json:"public_key"` // base64
	KeyID     string `json:"key_id"`     // short fingerprint
	Value     string `json:"value"`      // base64
}
