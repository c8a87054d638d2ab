package cpdlog

import (
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// FieldKind is how a field is typed and checked.
type FieldKind int

// Field kinds.
const (
	FieldLine      FieldKind = iota // one line of text
	FieldText                       // several lines
	FieldDate                       // YYYY-MM-DD
	FieldHours                      // a number of hours
	FieldChoice                     // one of Choices
	FieldChoices                    // several of Choices
	FieldList                       // ids or codes, separated by commas
	FieldEvidence                   // evidence files (hashed, never copied)
	FieldEmail                      // an e-mail address
	FieldPostcode                   // a UK postcode
	FieldRegulator                  // a regulator's id
	FieldType                       // an activity type from the regulator's rules
)

// Field is one field of a kind of entry: how it is asked, given as a flag,
// stored and checked. The line prompts, the flags and Validate all read
// these lists, so a field is defined once.
type Field struct {
	Key      string // the flag name, e.g. "participatory-hours"
	Label    string // the prompt
	Help     string // shown on "help"
	Kind     FieldKind
	Required bool
	// Identify: the text is checked for things that could identify
	// someone the person supported. Off for the fields meant to hold a
	// name or address (a discussion partner's, an organisation's).
	Identify bool
	Choices  []Choice

	S func(*Item) *string
	F func(*Item) *float64
	L func(*Item) *[]string
	E func(*Item) *[]record.Evidence
}

// IsEmpty reports whether the field has no value in it.
func (f *Field) IsEmpty(it *Item) bool {
	switch {
	case f.S != nil:
		return *f.S(it) == ""
	case f.F != nil:
		return *f.F(it) == 0
	case f.L != nil:
		return len(*f.L(it)) == 0
	case f.E != nil:
		return len(*f.E(it)) == 0
	}
	return true
}

// Clear empties the field.
func (f *Field) Clear(it *Item) {
	switch {
	case f.S != nil:
		*f.S(it) = ""
	case f.F != nil:
		*f.F(it) = 0
	case f.L != nil:
		*f.L(it) = nil
	case f.E != nil:
		*f.E(it) = nil
	}
}

func nmcThemes() []Choice {
	var out []Choice
	for _, s := range cpd.Standards {
		if s.Scheme == cpd.SchemeNMC {
			out = append(out, Choice{s.ID, s.Label})
		}
	}
	return out
}

// Field constructors, one per shared field, so that the same key always
// means the same thing.
var (
	fTitle = func(label, help string, req bool) Field {
		return Field{Key: "title", Label: label, Help: help, Kind: FieldLine, Required: req, Identify: true, S: func(i *Item) *string { return &i.Title }}
	}
	fDate = func(label string) Field {
		return Field{Key: "date", Label: label, Help: "the date, as YYYY-MM-DD (or today, yesterday)", Kind: FieldDate, Required: true, S: func(i *Item) *string { return &i.Date }}
	}
	fStart = Field{Key: "start", Label: "First day", Help: "the day it started, as YYYY-MM-DD (or today, yesterday)", Kind: FieldDate, Required: true, S: func(i *Item) *string { return &i.Start }}
	fEnd   = Field{Key: "end", Label: "Last day (Enter if the same day)", Help: "the day it ended, as YYYY-MM-DD; leave it empty for one day", Kind: FieldDate, S: func(i *Item) *string { return &i.End }}
	fHours = func(label, help string) Field {
		return Field{Key: "hours", Label: label, Help: help, Kind: FieldHours, Required: true, F: func(i *Item) *float64 { return &i.Hours }}
	}
	fDescription = func(label, help string, req bool) Field {
		return Field{Key: "description", Label: label, Help: help, Kind: FieldText, Required: req, Identify: true, S: func(i *Item) *string { return &i.Description }}
	}
	fLearning = func(label string, req bool) Field {
		return Field{Key: "learning", Label: label, Help: "what you learnt, in your own words; keep it about your learning, not about a person", Kind: FieldText, Required: req, Identify: true, S: func(i *Item) *string { return &i.Learning }}
	}
	fImpact = func(label string, req bool) Field {
		return Field{Key: "impact", Label: label, Help: "what you do differently now, and what it means for the people you support", Kind: FieldText, Required: req, Identify: true, S: func(i *Item) *string { return &i.Impact }}
	}
	fThemes      = Field{Key: "themes", Label: "NMC Code themes it relates to", Help: "one or more of the four themes of the Code, by number or id", Kind: FieldChoices, Choices: nmcThemes(), L: func(i *Item) *[]string { return &i.Themes }}
	fEvidence    = Field{Key: "evidence", Label: "Evidence files (a certificate, notes; comma-separated paths)", Help: "each file is recorded by its name, size and SHA-256 so you can show it later; the file itself is never copied", Kind: FieldEvidence, E: func(i *Item) *[]record.Evidence { return &i.Evidence }}
	fCompetences = Field{Key: "competences", Label: "Competences it addresses (codes, comma-separated)", Help: "competence codes from the frameworks, e.g. ADU.3.2.1", Kind: FieldList, L: func(i *Item) *[]string { return &i.Competences }}
	fRecords     = Field{Key: "records", Label: "Related records (ids, comma-separated)", Help: "ids of your reflect assessments this relates to (see 'reflect list'); their own activity already counts, so this only links them", Kind: FieldList, L: func(i *Item) *[]string { return &i.Records }}
	fActivities  = func(label string, req bool) Field {
		return Field{Key: "activities", Label: label, Help: "ids of log entries (see 'reflect log list') or of records (see 'reflect list')", Kind: FieldList, Required: req, L: func(i *Item) *[]string { return &i.Activities }}
	}
)

// Fields returns the fields of a kind, in the order they are asked.
func Fields(kind string) []Field {
	switch kind {
	case KindActivity:
		return []Field{
			fTitle("Title (what the activity was)", "e.g. Safety planning study day", true),
			fStart, fEnd,
			{Key: "provider", Label: "Provider (who ran it)", Help: "the organisation or person who provided it, if any", Kind: FieldLine, Identify: true, S: func(i *Item) *string { return &i.Provider }},
			{Key: "method", Label: "Method (how you learnt, in your words)", Help: "e.g. face-to-face study day with role play", Kind: FieldLine, Identify: true, S: func(i *Item) *string { return &i.Method }},
			{Key: "type", Label: "Activity type", Help: "the type from your regulator's list", Kind: FieldType, Required: true, S: func(i *Item) *string { return &i.Type }},
			fHours("Hours", "the hours of learning, e.g. 6.5 or 6:30"),
			{Key: "participatory-hours", Label: "Participatory hours (learning with others)", Help: "hours that involved interacting with other people (NMC); at most the hours above; 0 for none", Kind: FieldHours, F: func(i *Item) *float64 { return &i.ParticipatoryHours }},
			fDescription("Topic and how it relates to your practice", "a brief description of the topic and why it matters to your work", false),
			fLearning("What you learnt", false),
			fImpact("How it changed your practice and benefits the people you support", false),
			fThemes, fCompetences, fRecords, fEvidence,
		}
	case KindPractice:
		return []Field{
			fStart,
			{Key: "end", Label: "Last day", Help: "the last day of the period, as YYYY-MM-DD", Kind: FieldDate, Required: true, S: func(i *Item) *string { return &i.End }},
			{Key: "organisation", Label: "Organisation", Help: "the name of the organisation you practised for", Kind: FieldLine, Required: true, S: func(i *Item) *string { return &i.Organisation }},
			{Key: "address", Label: "Organisation's address", Help: "the organisation's address (the NMC log asks for it)", Kind: FieldLine, S: func(i *Item) *string { return &i.Address }},
			{Key: "postcode", Label: "Organisation's postcode", Help: "a UK postcode, e.g. NG7 2UH", Kind: FieldPostcode, S: func(i *Item) *string { return &i.Postcode }},
			{Key: "scope", Label: "Scope of practice", Help: "e.g. direct clinical care, management, education, research, policy", Kind: FieldLine, Required: true, Identify: true, S: func(i *Item) *string { return &i.Scope }},
			{Key: "setting", Label: "Work setting", Help: "e.g. emergency department, community mental health team, school", Kind: FieldLine, Identify: true, S: func(i *Item) *string { return &i.Setting }},
			{Key: "registered-as", Label: "Registration you practised under", Help: "nurse, midwife, nursing associate, or nurse and midwife", Kind: FieldChoice, Choices: RegisteredAsChoices, S: func(i *Item) *string { return &i.RegisteredAs }},
			fHours("Hours practised in the period", "the total hours, e.g. 337.5"),
			fDescription("Brief description of the work", "what the work involved", false),
			fEvidence,
		}
	case KindFeedback:
		return []Field{
			fDate("Date of the feedback"),
			{Key: "source", Label: "Where it came from", Help: "who gave it, by kind (never a name)", Kind: FieldChoice, Required: true, Choices: FeedbackSources, S: func(i *Item) *string { return &i.Source }},
			{Key: "feedback-type", Label: "Kind of feedback", Help: "feedback, a compliment or a complaint", Kind: FieldChoice, Choices: FeedbackTypes, S: func(i *Item) *string { return &i.FeedbackType }},
			fTitle("A short title (optional)", "e.g. Team debrief after a difficult shift", false),
			fDescription("What the feedback said, in brief", "the content of the feedback, anonymised", true),
			fLearning("What you learnt from it", true),
			fImpact("How you used it to improve your practice", false),
			fThemes, fEvidence,
		}
	case KindAccount:
		return []Field{
			fDate("Date of the account"),
			fTitle("A short title", "what the account is about, e.g. Study day on safety planning", true),
			fDescription("What was the nature of the CPD activity, feedback or event or experience in your practice?", "the first question of the NMC reflective accounts form", true),
			fLearning("What did you learn from it?", true),
			fImpact("How did you change or improve your practice as a result?", true),
			{Key: "themes", Label: "How is this relevant to the Code? (themes)", Help: "one or more of the four themes of the Code, by number or id", Kind: FieldChoices, Required: true, Choices: nmcThemes(), L: func(i *Item) *[]string { return &i.Themes }},
			fActivities("The activities, feedback or records it reflects on (ids, optional)", false),
		}
	case KindDiscussion:
		return []Field{
			fDate("Date of the discussion"),
			{Key: "partner-name", Label: "Name of the registrant you discussed with", Help: "their name, as on the NMC register", Kind: FieldLine, Required: true, S: func(i *Item) *string { return &i.PartnerName }},
			{Key: "partner-pin", Label: "Their NMC PIN", Help: "the NMC Personal Identification Number, e.g. 12A3456E", Kind: FieldLine, Required: true, S: func(i *Item) *string { return &i.PartnerPIN }},
			{Key: "partner-email", Label: "Their e-mail address", Help: "a work e-mail address", Kind: FieldEmail, Required: true, S: func(i *Item) *string { return &i.PartnerEmail }},
			{Key: "partner-address", Label: "Their professional address", Help: "the address where they work", Kind: FieldLine, Required: true, S: func(i *Item) *string { return &i.PartnerAddress }},
			{Key: "partner-postcode", Label: "Postcode of that address", Help: "a UK postcode", Kind: FieldPostcode, Required: true, S: func(i *Item) *string { return &i.PartnerPostcode }},
			{Key: "accounts", Label: "The reflective accounts discussed (ids, comma-separated)", Help: "ids of your reflective accounts: log entries (ra-…) or records with a reflection", Kind: FieldList, L: func(i *Item) *[]string { return &i.Accounts }},
			fDescription("Notes of the discussion (optional)", "what you talked about, anonymised", false),
		}
	case KindPeer:
		return []Field{
			fDate("Date of the discussion"),
			{Key: "peer", Label: "Who you discussed it with (their role)", Help: "e.g. a social work colleague, my supervisor; a name is not needed", Kind: FieldLine, Required: true, Identify: true, S: func(i *Item) *string { return &i.Peer }},
			fActivities("The pieces of CPD you discussed (ids, comma-separated)", true),
			fLearning("What you learnt from discussing it with a peer", true),
			fImpact("What it changes in your practice (optional)", false),
		}
	case KindQI:
		return []Field{
			fTitle("Title", "e.g. Audit of follow-up after self-harm presentations", true),
			fStart, fEnd,
			fDescription("What you did and what it showed", "the activity and its findings, anonymised", true),
			fLearning("What you learnt", false),
			fImpact("What changed as a result", false),
			fEvidence,
		}
	case KindEvent:
		return []Field{
			fDate("Date of the event"),
			fTitle("A short title", "e.g. Missed follow-up after discharge", true),
			fDescription("What happened, anonymised", "keep it to what is needed for your learning; no names, dates of birth or places", true),
			fLearning("What you learnt", true),
			fImpact("What you or the team changed", false),
		}
	case KindGap:
		return []Field{
			fStart,
			{Key: "end", Label: "Last day", Help: "the last day of the gap, as YYYY-MM-DD", Kind: FieldDate, Required: true, S: func(i *Item) *string { return &i.End }},
			{Key: "explanation", Label: "Why there was no CPD then", Help: "e.g. parental leave, sickness, a career break; you need not give details", Kind: FieldText, Required: true, Identify: true, S: func(i *Item) *string { return &i.Explanation }},
		}
	case KindProfile:
		return []Field{
			fDate("Date of this draft"),
			{Key: "summary", Label: "Summary of your practice history (up to 500 words)", Help: "your current role and the kind of work you do", Kind: FieldText, Required: true, Identify: true, S: func(i *Item) *string { return &i.Summary }},
			{Key: "statement", Label: "How your CPD meets the standards (up to 1,500 words)", Help: "how your chosen activities meet standards 1 to 4", Kind: FieldText, Required: true, Identify: true, S: func(i *Item) *string { return &i.Statement }},
			{Key: "chosen", Label: "The 4 to 6 activities you describe (ids, comma-separated)", Help: "ids of log activities (a-…) or records", Kind: FieldList, Required: true, L: func(i *Item) *[]string { return &i.Chosen }},
		}
	case KindSettings:
		return []Field{
			{Key: "regulator", Label: "Your regulator", Help: "nmc, hcpc, swe or gmc (or the id of a rules file of your own)", Kind: FieldRegulator, S: func(i *Item) *string { return &i.Regulator }},
			{Key: "renewal", Label: "Your next renewal or revalidation date", Help: "YYYY-MM-DD; the NMC calls it the revalidation application date", Kind: FieldDate, S: func(i *Item) *string { return &i.Renewal }},
			{Key: "appraisal", Label: "Your next appraisal (GMC) or review date", Help: "YYYY-MM-DD", Kind: FieldDate, S: func(i *Item) *string { return &i.Appraisal }},
			{Key: "name", Label: "Your name (for the forms)", Help: "as on the register", Kind: FieldLine, S: func(i *Item) *string { return &i.Name }},
			{Key: "registration", Label: "Your registration number or PIN", Help: "e.g. NMC PIN, HCPC number, SWE number, GMC number", Kind: FieldLine, S: func(i *Item) *string { return &i.Registration }},
			{Key: "profession", Label: "Your profession", Help: "e.g. mental health nurse, paramedic, social worker", Kind: FieldLine, S: func(i *Item) *string { return &i.Profession }},
		}
	}
	return nil
}

// AllFieldKeys lists every field key of every kind once, in first-seen order.
func AllFieldKeys() []Field {
	seen := map[string]bool{}
	var out []Field
	for _, k := range Kinds {
		for _, f := range Fields(k.Kind) {
			if !seen[f.Key] {
				seen[f.Key] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// FieldByKey returns the field of kind with the key, or nil.
func FieldByKey(kind, key string) *Field {
	for _, f := range Fields(kind) {
		if f.Key == key {
			return &f
		}
	}
	return nil
}
