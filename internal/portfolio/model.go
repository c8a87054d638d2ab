// Package portfolio adds a regulator's cycle up: it reads the CPD log and
// the person's reflect records, counts them against the regulator's rules
// (internal/rules) and gives, for every requirement, what is required,
// what is there, whether it is met and what is missing — with the forms
// and lists each regulator asks people to hand in. It is pure: the caller
// reads the files and gives the date.
//
// Nothing stored as a figure is trusted: hours, counts and gaps are worked
// out here from the entries themselves, every time.
package portfolio

// Format names the portfolio JSON document; SchemaVersion its version
// (frameworks/portfolio.schema.json).
const (
	Format        = "reflect-portfolio"
	SchemaVersion = 1
)

// Portfolio is one regulator's cycle, added up. Its JSON is stable and
// described by frameworks/portfolio.schema.json.
type Portfolio struct {
	Format        string        `json:"format"`
	SchemaVersion int           `json:"schema_version"`
	Regulator     string        `json:"regulator"`
	RegulatorName string        `json:"regulator_name"`
	Generated     string        `json:"generated"` // YYYY-MM-DD
	Person        Person        `json:"person"`
	Cycle         Cycle         `json:"cycle"`
	Requirements  []Requirement `json:"requirements"`
	Entries       []Entry       `json:"entries"`
	Log           LogState      `json:"log"`
	Rules         RulesRef      `json:"rules"`
	Notes         []string      `json:"notes,omitempty"`

	NMC  *NMC  `json:"nmc,omitempty"`
	HCPC *HCPC `json:"hcpc,omitempty"`
	SWE  *SWE  `json:"swe,omitempty"`
	GMC  *GMC  `json:"gmc,omitempty"`
}

// Person is who the portfolio belongs to, from the log's settings.
type Person struct {
	Name         string `json:"name,omitempty"`
	Registration string `json:"registration,omitempty"`
	Profession   string `json:"profession,omitempty"`
}

// Cycle is the period the portfolio covers.
type Cycle struct {
	Start    string `json:"start"`
	End      string `json:"end"`
	Describe string `json:"describe"`
	DaysLeft int    `json:"days_left"` // from the day it was made to End; negative once passed
}

// Requirement is one requirement with what is there.
type Requirement struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Describe string    `json:"describe"`
	Required float64   `json:"required"`
	Have     float64   `json:"have"`
	Unit     string    `json:"unit"`
	Compare  string    `json:"compare"` // at-least or at-most
	Met      bool      `json:"met"`
	Missing  string    `json:"missing"` // "" when met
	Counts   []string  `json:"counts"`  // ids of the entries that count
	Source   SourceRef `json:"source"`
	Note     string    `json:"note,omitempty"`
}

// SourceRef cites a published source.
type SourceRef struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// RulesRef says which rules were used.
type RulesRef struct {
	ID         string      `json:"id"`
	File       string      `json:"file"`
	Checked    string      `json:"checked"`
	Sources    []SourceRef `json:"sources"`
	NotChecked []string    `json:"not_checked,omitempty"`
}

// Entry is one thing that counts (or is listed) in the cycle: a log entry
// or a record.
type Entry struct {
	ID            string   `json:"id"`
	From          string   `json:"from"` // log or record
	Kind          string   `json:"kind"`
	Title         string   `json:"title"`
	Start         string   `json:"start"`
	End           string   `json:"end"`
	Type          string   `json:"type,omitempty"`
	TypeTitle     string   `json:"type_title,omitempty"`
	Method        string   `json:"method,omitempty"`
	Provider      string   `json:"provider,omitempty"`
	Hours         float64  `json:"hours,omitempty"`
	Participatory float64  `json:"participatory_hours,omitempty"`
	Themes        []string `json:"themes,omitempty"`
	Evidence      []string `json:"evidence,omitempty"` // "name (size, sha256 …)"
	Description   string   `json:"description,omitempty"`
	Learning      string   `json:"learning,omitempty"`
	Impact        string   `json:"impact,omitempty"`
	Source        string   `json:"source,omitempty"`        // feedback: where it came from
	FeedbackType  string   `json:"feedback_type,omitempty"` // feedback, compliment, complaint
	Counts        []string `json:"counts"`                  // requirement ids it counts towards
	// CountedHours is what the entry adds to hours requirements when only
	// part of it falls in the cycle (practice periods are counted pro rata).
	CountedHours float64 `json:"counted_hours,omitempty"`
}

// LogState says what the log's chain showed.
type LogState struct {
	Changes  int    `json:"changes"`
	Head     string `json:"head"`
	Verified bool   `json:"verified"`
	Breaks   int    `json:"breaks"`
}

// NMC is what the NMC asks people to hand in or keep.
type NMC struct {
	Accounts     []Account        `json:"reflective_accounts"`
	CPDLog       []NMCCPDRow      `json:"cpd_log"`
	PracticeLog  []NMCPracticeRow `json:"practice_log"`
	FeedbackLog  []NMCFeedbackRow `json:"feedback_log"`
	Discussion   *Discussion      `json:"reflective_discussion"`
	Confirmation NMCConfirmation  `json:"confirmation"`
}

// Account is a written reflective account on the NMC form.
type Account struct {
	ID     string   `json:"id"`
	From   string   `json:"from"`
	Date   string   `json:"date"`
	Title  string   `json:"title"`
	Nature string   `json:"nature"`  // what was the nature of the CPD activity, feedback or event
	Learnt string   `json:"learnt"`  // what did you learn
	Change string   `json:"changed"` // how did you change or improve your practice
	Themes []string `json:"themes"`  // the Code themes (labels)
}

// NMCCPDRow is a row of the NMC CPD log template.
type NMCCPDRow struct {
	Dates         string  `json:"dates"`
	Method        string  `json:"method"`
	Topic         string  `json:"topic"`
	Code          string  `json:"link_to_code"`
	Hours         float64 `json:"hours"`
	Participatory float64 `json:"participatory_hours"`
	Description   string  `json:"description"`
	Evidence      string  `json:"evidence"`
	ID            string  `json:"id"`
}

// NMCPracticeRow is a row of the NMC practice hours log.
type NMCPracticeRow struct {
	Dates        string  `json:"dates"`
	Organisation string  `json:"organisation"` // name, address and postcode
	Scope        string  `json:"scope"`
	Setting      string  `json:"setting"`
	Hours        float64 `json:"hours"`
	Counted      float64 `json:"counted_hours"`
	RegisteredAs string  `json:"registered_as"`
	Description  string  `json:"description"`
	ID           string  `json:"id"`
}

// NMCFeedbackRow is a row of the NMC feedback log.
type NMCFeedbackRow struct {
	Date    string `json:"date"`
	Source  string `json:"source"`
	Type    string `json:"type"`
	Content string `json:"content"`
	Used    string `json:"how_used"`
	ID      string `json:"id"`
}

// Discussion is the reflective discussion form.
type Discussion struct {
	ID              string   `json:"id"`
	Date            string   `json:"date"`
	PartnerName     string   `json:"partner_name"`
	PartnerPIN      string   `json:"partner_pin"`
	PartnerEmail    string   `json:"partner_email"`
	PartnerAddress  string   `json:"partner_address"`
	PartnerPostcode string   `json:"partner_postcode"`
	Accounts        []string `json:"accounts"`
}

// NMCConfirmation is the confirmation form: the checklist, with the
// confirmer's fields left empty for them.
type NMCConfirmation struct {
	Checklist []Check `json:"checklist"`
}

// Check is one line of a checklist.
type Check struct {
	Title string `json:"title"`
	Met   bool   `json:"met"`
	Have  string `json:"have"`
}

// HCPC is the HCPC audit profile and its dated list.
type HCPC struct {
	List    []HCPCRow    `json:"list"`
	Gaps    []Gap        `json:"gaps"`
	Mix     []TypeCount  `json:"mix"`
	Profile *HCPCProfile `json:"profile"`
}

// HCPCRow is a line of the dated list: an activity, or a gap before it.
type HCPCRow struct {
	ID    string `json:"id"`
	Dates string `json:"dates"`
	Title string `json:"title"`
	Type  string `json:"type"`
}

// Gap is a gap of GapMonths or more between activities.
type Gap struct {
	Start       string `json:"start"` // the first day without CPD
	End         string `json:"end"`   // the last day without CPD
	Months      int    `json:"months"`
	Explained   bool   `json:"explained"`
	Explanation string `json:"explanation,omitempty"`
}

// TypeCount is how many activities of a type there are.
type TypeCount struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	Count int    `json:"count"`
}

// HCPCProfile is the draft profile, with its word counts.
type HCPCProfile struct {
	ID             string   `json:"id"`
	Date           string   `json:"date"`
	Summary        string   `json:"summary"`
	SummaryWords   int      `json:"summary_words"`
	Statement      string   `json:"statement"`
	StatementWords int      `json:"statement_words"`
	Chosen         []string `json:"chosen"`
	Problems       []string `json:"problems"`
}

// SWE is each registration year with its pieces.
type SWE struct {
	Years []SWEYear `json:"years"`
}

// SWEYear is one registration year.
type SWEYear struct {
	Start  string   `json:"start"`
	End    string   `json:"end"`
	Pieces []string `json:"pieces"`       // entry ids
	Titles []string `json:"piece_titles"` // their titles, in the same order
	Peer   []string `json:"peer_reflected"`
	Met    bool     `json:"met"`
}

// GMC is the six types over the cycle, year by year.
type GMC struct {
	Years []GMCYear `json:"years"`
	Types []GMCType `json:"types"`
}

// GMCYear is one appraisal year of the cycle.
type GMCYear struct {
	Start string         `json:"start"`
	End   string         `json:"end"`
	Count map[string]int `json:"count"` // requirement id → entries that year
}

// GMCType is one type of supporting information with its entries.
type GMCType struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Entries []string `json:"entries"`
}
