package render

import (
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// RecordOptions are what an export needs besides the record itself.
type RecordOptions struct {
	// Set, when given, supplies the competence statements, area titles,
	// rating labels and resource titles that the record refers to by code.
	// Without it, exports show codes. A framework whose content changed
	// since the record was made is still used, and the export says so.
	Set *framework.Set
	// ToolVersion is the version of reflect doing the export.
	ToolVersion string
	// Now is when the export is made (shown on it); zero leaves it out.
	Now time.Time
	// CSVTable chooses the CSV table: "log", "ratings", or both (empty).
	CSVTable string
	// CSVNoBOM leaves out the UTF-8 byte order mark that tells Excel the
	// file is UTF-8.
	CSVNoBOM bool
	// SummaryOnly writes the summary a confirmer reads first (HTML, PDF
	// and Markdown) without the appendix.
	SummaryOnly bool
	// Verification is the record's verification with the reader's trusted
	// keys; nil verifies it with none, so a signed review reads "signed,
	// key not trusted".
	Verification *record.Verification
}

// RecordTitle is the title of every export.
const RecordTitle = "CPD reflection record"

// The documents below are the one view of a record that every format
// renders, so that all formats say the same things in the same order.

type kv struct{ Label, Value string }

type fwView struct {
	ID, Title, Version, Digest, DigestShort string
	Scope                                   string // the profile or areas assessed
	BasedOn, Wording, Notice, OfficialURL   string
	VersionNote                             string // when the loaded framework differs
}

type scoreView struct {
	Framework, Code, Title string
	HasMean                bool
	Mean, Percent          string // "2.67", "67%"
	MeanValue              float64
	Level                  string // "3 Competent"
	Target                 string // "3" or "2.5"; "" when none
	TargetValue            float64
	Gap                    string // area only: "+0.5 below", "at target"...
	Coverage               string // "75%"
	Counts                 string // "3 rated, 1 N/A, 0 unanswered of 5"
	Below                  bool
	Rated, NA, Unanswered  int
	Total                  int
}

type codeView struct {
	Code, Statement, Detail string
}

type needView struct {
	Rank                   int
	Code, Statement, Area  string
	Rating, Target         string
	Gap                    int
	Flagged                bool
	Framework, AreaTitle   string
	RatingValue, TargetVal int
}

type sectionView struct {
	Key, Title, Prompt, Text string
}

type standardGroup struct {
	Scheme, Title string
	Items         []string
}

type goalView struct {
	ID, Objective, TargetDate, SuccessMeasure, Status string
	Competences, Activities, Resources                []string
}

// When is how the summary dates a goal, the same in every format: "by 31
// March 2027; planned" ("" when it has neither a date nor a status).
func (g goalView) When() string {
	var parts []string
	if g.TargetDate != "" {
		parts = append(parts, "by "+g.TargetDate)
	}
	if g.Status != "" {
		parts = append(parts, strings.ToLower(g.Status))
	}
	return strings.Join(parts, "; ")
}

type evidenceView struct {
	Description, File, SHA256, Size string
}

type reviewView struct {
	Number                                  int
	Reviewer                                string // name, role, profession, registration
	Date, Statement, Comments, PlanDecision string
	NeedComments                            []kv
	Ratings                                 []calibView // the reviewer's own ratings beside the practitioner's
	AgreedPlan                              []goalView
	Integrity                               string
	Intact                                  bool
	Signature                               string
}

// calibView is one competence a reviewer rated, beside the
// practitioner's own rating: never averaged.
type calibView struct {
	Code, Statement string
	Self, Reviewer  string // "1 Not yet", "2 Developing"; Self may be "N/A" or "not answered"
	Difference      string // "self 1 lower", "self 1 higher", "the same", "" when the practitioner gave no rating
}

type answerView struct {
	Framework, Domain, Area, Code, Statement string
	Rating, RatingLabel                      string // "3", "Competent"
	NA                                       bool
	NAReason                                 string
	Unanswered, Flagged                      bool
	Note                                     string
	Also                                     []string
	// Reviewer is the latest reviewer's own rating ("2 Developing"), when
	// a review rated this competence.
	Reviewer string
	// Others are the same competence in the other frameworks assessed,
	// each labelled "Framework CODE" with its own statement; Label labels
	// the primary statement the same way when there are others.
	Others []kv
	Label  string
}

type recordDoc struct {
	Title, Subtitle string
	R               *record.Record

	Practitioner []kv
	About        []kv // record id, status, dates, tool versions
	Frameworks   []fwView
	Scale        string // "1 Not yet · 2 Developing · …"

	Scored     bool
	Overall    scoreView
	Domains    []scoreView
	Areas      []scoreView
	NA         []codeView
	Unanswered []codeView
	Needs      []needView
	Strengths  []codeView
	ScaleMax   int

	ModelTitle string
	Focus      []codeView
	Sections   []sectionView
	NMC        []cpd.NMCAnswer
	CodeThemes []string
	Benefit    string
	Standards  []standardGroup
	Plan       []goalView

	ActivityTitle, Dates, Method, Hours, ParticipatoryHours string
	// ActivityType is the activity type's title on the regulator's list.
	ActivityType string
	Evidence     []evidenceView

	Anonymisation string
	AnonOK        bool
	PrivacyNote   string

	Reviews []reviewView
	Answers []answerView

	// Summary is what a confirmer reads first; SummaryOnly leaves out
	// the rest.
	Summary     summaryView
	SummaryOnly bool
}

// lookup finds what the set knows about codes.

// withheldText is what an export shows for a section the practitioner
// withheld from a shared copy (reflect share), in place of "not written":
// the section is not empty, it is not in this copy.
const withheldText = "Withheld by the practitioner from this shared copy."

// Empty is what to show for section when it has nothing to show: def, or,
// in a shared copy that withholds it, that it was withheld.
func (d *recordDoc) Empty(section, def string) string {
	if d.R != nil && d.R.IsWithheld(section) {
		return withheldText
	}
	return def
}
