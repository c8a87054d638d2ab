// Package rules holds a regulator's revalidation or CPD rules as data: the
// cycle, the activity types it recognises and the requirements a cycle is
// judged by, each citing the published source it comes from. The shipped
// files are in frameworks/regulators (one per regulator, embedded in the
// binary); a file of one's own (a trust's local rules, or a regulator's
// change before reflect catches up) is read with the same checks and
// reported at file:line:col.
//
// The code knows a fixed vocabulary of measures (what is counted); the
// files choose which measures a regulator uses, with what threshold.
package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// SchemaVersion is the rules format this build reads.
const SchemaVersion = 1

// MaxFileSize bounds a rules file.
const MaxFileSize = 1 << 20

// Cycle kinds.
const (
	// CycleYearsBeforeRenewal is a rolling period of Years ending on the
	// renewal (or revalidation) date: the NMC's three years, the HCPC's
	// two, the GMC's five.
	CycleYearsBeforeRenewal = "years-before-renewal"
	// CycleRegistrationYear is a fixed registration year starting on
	// YearStarts (MM-DD) and ending the day before the next: Social Work
	// England's 1 December to 30 November.
	CycleRegistrationYear = "registration-year"
)

// Measures: what a requirement counts. Each is computed by the portfolio
// package from the records and the CPD log.
const (
	MeasurePracticeHours        = "practice-hours"         // hours of practice
	MeasureCPDHours             = "cpd-hours"              // hours of CPD (activities and records)
	MeasureParticipatoryHours   = "participatory-hours"    // participatory hours of CPD
	MeasureFeedback             = "feedback"               // pieces of practice-related feedback
	MeasureReflectiveAccounts   = "reflective-accounts"    // written reflective accounts
	MeasureReflectiveDiscussion = "reflective-discussion"  // reflective discussions with another registrant
	MeasureActivityTypes        = "activity-types"         // different activity types among the activities
	MeasureGaps                 = "gaps"                   // unexplained gaps of GapMonths or more between activities
	MeasurePieces               = "pieces"                 // pieces of CPD (activities and records)
	MeasurePeerReflection       = "peer-reflection"        // pieces of CPD with a peer reflection
	MeasureCPDActivities        = "cpd"                    // CPD activities, counted
	MeasureQualityImprovement   = "quality-improvement"    // quality improvement activities
	MeasureSignificantEvents    = "significant-events"     // significant events
	MeasureColleagueFeedback    = "colleague-feedback"     // feedback from colleagues
	MeasurePatientFeedback      = "patient-feedback"       // feedback from patients or those one provides services to
	MeasureComplimentsComplaint = "compliments-complaints" // compliments and complaints
)

// Measures lists every measure with its unit.
var Measures = []struct{ ID, Unit string }{
	{MeasurePracticeHours, "hours"},
	{MeasureCPDHours, "hours"},
	{MeasureParticipatoryHours, "hours"},
	{MeasureFeedback, "pieces"},
	{MeasureReflectiveAccounts, "accounts"},
	{MeasureReflectiveDiscussion, "discussions"},
	{MeasureActivityTypes, "types"},
	{MeasureGaps, "gaps"},
	{MeasurePieces, "pieces"},
	{MeasurePeerReflection, "pieces"},
	{MeasureCPDActivities, "activities"},
	{MeasureQualityImprovement, "activities"},
	{MeasureSignificantEvents, "events"},
	{MeasureColleagueFeedback, "pieces"},
	{MeasurePatientFeedback, "pieces"},
	{MeasureComplimentsComplaint, "pieces"},
}

// MeasureUnit returns the unit of a measure, or "".
func MeasureUnit(id string) string {
	for _, m := range Measures {
		if m.ID == id {
			return m.Unit
		}
	}
	return ""
}

// Comparison of what is there against what is required.
const (
	AtLeast = "at-least"
	AtMost  = "at-most"
)

// Rules is one regulator's rules file.
type Rules struct {
	Pos       yamlx.Pos
	Schema    int            `yaml:"schema"`
	ID        string         `yaml:"id" req:"true"`
	Regulator string         `yaml:"regulator" req:"true"`
	Short     string         `yaml:"short" req:"true"`
	Checked   string         `yaml:"checked" req:"true"` // YYYY-MM-DD: when these rules were last checked against the sources
	Note      string         `yaml:"note"`
	Sources   []Source       `yaml:"sources" req:"true"`
	Cycle     Cycle          `yaml:"cycle" req:"true"`
	Types     []ActivityType `yaml:"activity_types" req:"true"`
	// RecordType is the activity type a reflect self-assessment record's
	// activity counts as when the record names none.
	RecordType   string        `yaml:"record_activity_type" req:"true"`
	Requirements []Requirement `yaml:"requirements" req:"true"`
	Reminders    []Reminder    `yaml:"reminders"`
	Unchecked    []string      `yaml:"not_checked"` // what could not be checked against the sources, said plainly

	File string `yaml:"-"`
}

// Source is a published document a rule comes from.
type Source struct {
	Pos       yamlx.Pos
	ID        string `yaml:"id" req:"true"`
	Title     string `yaml:"title" req:"true"`
	Publisher string `yaml:"publisher" req:"true"`
	URL       string `yaml:"url" req:"true"`
	Published string `yaml:"published" req:"true"` // the version's date as the publisher gives it (YYYY, YYYY-MM or YYYY-MM-DD)
	Note      string `yaml:"note"`
}

// Cycle says which dates a portfolio covers.
type Cycle struct {
	Pos        yamlx.Pos
	Kind       string `yaml:"kind" req:"true"`
	Years      int    `yaml:"years"`       // years-before-renewal
	YearStarts string `yaml:"year_starts"` // registration-year: MM-DD
	Source     string `yaml:"source" req:"true"`
	Describe   string `yaml:"describe" req:"true"` // in plain words, e.g. "the three years before your renewal date"
}

// ActivityType is one kind of learning activity the regulator names.
type ActivityType struct {
	Pos           yamlx.Pos
	ID            string `yaml:"id" req:"true"`
	Title         string `yaml:"title" req:"true"`
	Participatory bool   `yaml:"participatory"` // learning with others, by default
	Describe      string `yaml:"describe"`
}

// Requirement is one thing a cycle is judged by.
type Requirement struct {
	Pos       yamlx.Pos
	ID        string  `yaml:"id" req:"true"`
	Title     string  `yaml:"title" req:"true"`
	Measure   string  `yaml:"measure" req:"true"`
	Required  float64 `yaml:"required"`
	Compare   string  `yaml:"compare"`    // at-least (default) or at-most
	GapMonths int     `yaml:"gap_months"` // gaps: the length of gap that needs an explanation
	Source    string  `yaml:"source" req:"true"`
	Describe  string  `yaml:"describe" req:"true"` // what it asks, in plain words
	Note      string  `yaml:"note"`
}

// Unit is the requirement's unit, from its measure.
func (q Requirement) Unit() string { return MeasureUnit(q.Measure) }

// Comparison returns at-least or at-most.
func (q Requirement) Comparison() string {
	if q.Compare == "" {
		return AtLeast
	}
	return q.Compare
}

// Reminder is something `reflect due` shows before the renewal date.
type Reminder struct {
	Pos        yamlx.Pos
	Title      string `yaml:"title" req:"true"`
	DaysBefore int    `yaml:"days_before"`
	Source     string `yaml:"source" req:"true"`
	// DoneWhen is a requirement id: once it is met, the reminder is not shown.
	DoneWhen string `yaml:"done_when"`
}

// Type returns the activity type with the given id, or nil.
func (r *Rules) Type(id string) *ActivityType {
	for i := range r.Types {
		if r.Types[i].ID == id {
			return &r.Types[i]
		}
	}
	return nil
}

// TypeIDs lists the activity type ids in file order.
func (r *Rules) TypeIDs() []string {
	out := make([]string, len(r.Types))
	for i, t := range r.Types {
		out[i] = t.ID
	}
	return out
}

// Source returns the source with the given id, or nil.
func (r *Rules) SourceByID(id string) *Source {
	for i := range r.Sources {
		if r.Sources[i].ID == id {
			return &r.Sources[i]
		}
	}
	return nil
}

// Requirement returns the requirement with the given id, or nil.
func (r *Rules) Requirement(id string) *Requirement {
	for i := range r.Requirements {
		if r.Requirements[i].ID == id {
			return &r.Requirements[i]
		}
	}
	return nil
}

// Parse decodes and validates a rules file. Problems carry file:line:col.
func Parse(file string, data []byte) (*Rules, yamlx.Problems) {
	root, probs := yamlx.Parse(file, data, yamlx.Limits{MaxBytes: MaxFileSize, MaxNodes: 100_000})
	if len(probs) > 0 {
		return nil, probs
	}
	r := &Rules{}
	probs = yamlx.Decode(file, root, r)
	r.File = file
	probs = append(probs, Validate(r)...)
	probs.Sort()
	if len(probs) > 0 {
		return r, probs
	}
	return r, nil
}

// ReadFile reads a rules file of one's own.
func ReadFile(name string) (*Rules, error) {
	fi, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, yamlx.Problems{{File: name, Msg: "no such file", Hint: "check the path; the shipped rules are " + strings.Join(ShippedIDs(), ", ")}}
		}
		return nil, err
	}
	if fi.IsDir() {
		return nil, yamlx.Problems{{File: name, Msg: "this is a folder, not a rules file"}}
	}
	if fi.Size() > MaxFileSize {
		return nil, yamlx.Problems{{File: name, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d a rules file may be", fi.Size(), MaxFileSize)}}
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	r, probs := Parse(name, data)
	if len(probs) > 0 {
		return nil, probs
	}
	return r, nil
}

// Set is the rules of several regulators, by id.
type Set struct {
	byID map[string]*Rules
}

// NewSet makes a set; a later rules file with the same id replaces an
// earlier one (a file of one's own replaces the shipped rules).
func NewSet(rs ...*Rules) *Set {
	s := &Set{byID: map[string]*Rules{}}
	for _, r := range rs {
		s.byID[r.ID] = r
	}
	return s
}

// Get returns the rules with the given id, or nil.
func (s *Set) Get(id string) *Rules { return s.byID[id] }

// IDs lists the regulators in the set, sorted.
func (s *Set) IDs() []string {
	var out []string
	for id := range s.byID {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the rules for id, or an error naming the ones there are
// and the nearest, for an unknown regulator.
func (s *Set) Lookup(id string) (*Rules, error) {
	if r := s.Get(strings.ToLower(strings.TrimSpace(id))); r != nil {
		return r, nil
	}
	hint := "use one of " + strings.Join(s.IDs(), ", ") + ", or give a rules file of your own with --rules FILE"
	if sug := yamlx.Suggest(id, s.IDs()); sug != "" {
		hint = fmt.Sprintf("did you mean %s? (%s)", sug, hint)
	}
	return nil, fmt.Errorf("there are no rules for the regulator %q; %s", id, hint)
}
