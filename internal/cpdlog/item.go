// Package cpdlog is the CPD log kept beside the assessments: the
// activities that are not self-assessments (a course, a study day,
// reading, supervision), and the other things a regulator's cycle counts —
// practice hours, practice-related feedback, written reflective accounts,
// reflective discussions, peer reflection, quality improvement activity,
// significant events, explained gaps and the HCPC profile — with the
// person's settings (regulator, renewal date).
//
// The log is append-only and tamper-evident: every change (an entry added,
// edited or removed) is one line holding the digest of the line before, so
// Verify can show that the log was neither back-filled nor edited after
// the fact, and says exactly where a chain breaks. Edits and removals are
// new lines: nothing entered is ever lost, and the history of every entry
// can be shown.
//
// The fields of each kind are data (Fields): the line prompts, the
// command-line flags and the checks are all made from the same list.
package cpdlog

import (
	"github.com/reflect-cpd/reflect/internal/record"
)

// Kinds of log entry.
const (
	KindActivity     = "activity"
	KindPractice     = "practice"
	KindFeedback     = "feedback"
	KindAccount      = "account"
	KindDiscussion   = "discussion"
	KindPeer         = "peer-reflection"
	KindQI           = "quality-improvement"
	KindEvent        = "significant-event"
	KindGap          = "gap"
	KindProfile      = "profile"
	KindSettings     = "settings"
	settingsID       = "settings"
	feedbackGeneral  = "general"
	feedbackPraise   = "compliment"
	feedbackComplain = "complaint"
)

// Item is the content of one log entry. Which fields apply depends on the
// kind (see Fields); the others stay empty.
type Item struct {
	Kind string `json:"kind"`

	Title string `json:"title,omitempty"`
	Date  string `json:"date,omitempty"`  // YYYY-MM-DD, for entries on one day
	Start string `json:"start,omitempty"` // YYYY-MM-DD, for entries over a period
	End   string `json:"end,omitempty"`   // YYYY-MM-DD; empty means the same day as Start

	// Activities.
	Provider           string            `json:"provider,omitempty"`
	Method             string            `json:"method,omitempty"`
	Type               string            `json:"type,omitempty"`        // an activity type id from the regulator's rules
	TypeScheme         string            `json:"type_scheme,omitempty"` // whose list Type is from: nmc, hcpc, swe, gmc or a rules file's id
	Hours              float64           `json:"hours,omitempty"`
	ParticipatoryHours float64           `json:"participatory_hours,omitempty"`
	Evidence           []record.Evidence `json:"evidence,omitempty"`
	Competences        []string          `json:"competences,omitempty"`
	Records            []string          `json:"records,omitempty"`

	// Free text shared by several kinds.
	Description string   `json:"description,omitempty"` // what it was about / how it relates to practice
	Learning    string   `json:"learning,omitempty"`    // what was learnt
	Impact      string   `json:"impact,omitempty"`      // what changed in practice; benefit to the people supported
	Themes      []string `json:"themes,omitempty"`      // NMC Code themes

	// Practice hours.
	Organisation string `json:"organisation,omitempty"`
	Address      string `json:"address,omitempty"`
	Postcode     string `json:"postcode,omitempty"`
	Scope        string `json:"scope,omitempty"`
	Setting      string `json:"setting,omitempty"`
	RegisteredAs string `json:"registered_as,omitempty"`

	// Feedback.
	Source       string `json:"source,omitempty"`        // patient, carer, colleague, …
	FeedbackType string `json:"feedback_type,omitempty"` // general, compliment, complaint

	// Reflective discussion (the NMC form).
	PartnerName     string   `json:"partner_name,omitempty"`
	PartnerPIN      string   `json:"partner_pin,omitempty"`
	PartnerEmail    string   `json:"partner_email,omitempty"`
	PartnerAddress  string   `json:"partner_address,omitempty"`
	PartnerPostcode string   `json:"partner_postcode,omitempty"`
	Accounts        []string `json:"accounts,omitempty"` // reflective accounts discussed: log or record ids

	// Peer reflection.
	Peer       string   `json:"peer,omitempty"`       // who, by role (a name is optional)
	Activities []string `json:"activities,omitempty"` // the log entries or records reflected on

	// An explained gap (HCPC).
	Explanation string `json:"explanation,omitempty"`

	// The HCPC profile.
	Summary   string   `json:"summary,omitempty"`
	Statement string   `json:"statement,omitempty"`
	Chosen    []string `json:"chosen,omitempty"`

	// Settings.
	Regulator    string `json:"regulator,omitempty"`
	Renewal      string `json:"renewal,omitempty"`
	Appraisal    string `json:"appraisal,omitempty"`
	Name         string `json:"name,omitempty"`
	Registration string `json:"registration,omitempty"`
	Profession   string `json:"profession,omitempty"`

	// Anonymised is set when the person confirmed that what the local
	// identifier check flagged identifies nobody.
	Anonymised bool `json:"anonymised,omitempty"`
}

// Days are the dates the item covers: Date, or Start to End.
func (it *Item) Days() (first, last string) {
	if it.Date != "" {
		return it.Date, it.Date
	}
	if it.End == "" {
		return it.Start, it.Start
	}
	return it.Start, it.End
}

// When is the date an item counts on: the day it ended (or its one date).
func (it *Item) When() string {
	_, last := it.Days()
	return last
}

// KindInfo describes a kind of entry for people and ids.
type KindInfo struct {
	Kind   string
	Title  string // for people, e.g. "CPD activity"
	Plural string
	Prefix string // of generated ids
	Help   string
}

// Kinds lists the kinds of entry, in the order they are offered.
var Kinds = []KindInfo{
	{KindActivity, "CPD activity", "CPD activities", "a", "a course, study day, conference, e-learning, reading, supervision: any learning that is not a reflect self-assessment (those count by themselves)"},
	{KindPractice, "practice hours", "practice hours", "p", "a period of practice: where, in what role, how many hours"},
	{KindFeedback, "practice-related feedback", "feedback", "f", "feedback from patients, service users, carers, colleagues or managers, and what you learnt from it"},
	{KindAccount, "written reflective account", "reflective accounts", "ra", "a reflection on a CPD activity, feedback or an experience, answered as the NMC form asks"},
	{KindDiscussion, "reflective discussion", "reflective discussions", "d", "a discussion of your reflective accounts with another registrant (NMC)"},
	{KindPeer, "peer reflection", "peer reflections", "pr", "what you learnt from discussing a piece of CPD with a peer (Social Work England)"},
	{KindQI, "quality improvement activity", "quality improvement activities", "qi", "an audit, review or improvement project that evaluates your work (GMC)"},
	{KindEvent, "significant event", "significant events", "se", "a significant event or serious incident you were involved in, and what you learnt (GMC)"},
	{KindGap, "explained gap", "explained gaps", "g", "a period without CPD and why (for example leave or illness), so the HCPC record reads as continuous"},
	{KindProfile, "HCPC profile", "HCPC profiles", "hp", "the draft CPD profile for an HCPC audit: summary of practice, statement, chosen activities"},
	{KindSettings, "settings", "settings", "", "your regulator, renewal date and details"},
}

// Kind returns the description of a kind, or nil.
func Kind(kind string) *KindInfo {
	for i := range Kinds {
		if Kinds[i].Kind == kind {
			return &Kinds[i]
		}
	}
	return nil
}

// KindNames lists the kinds people add (all but settings).
func KindNames() []string {
	var out []string
	for _, k := range Kinds {
		if k.Kind != KindSettings {
			out = append(out, k.Kind)
		}
	}
	return out
}

// Feedback sources, and which GMC type each counts as.
var FeedbackSources = []Choice{
	{"patient", "a patient or service user"},
	{"carer", "a carer or family member"},
	{"colleague", "a colleague"},
	{"manager", "a manager or supervisor"},
	{"student", "a student or trainee"},
	{"review", "an appraisal, audit or review"},
	{"other", "somewhere else"},
}

// FeedbackTypes are the kinds of feedback.
var FeedbackTypes = []Choice{
	{feedbackGeneral, "feedback"},
	{feedbackPraise, "a compliment"},
	{feedbackComplain, "a complaint"},
}

// IsPatientSource reports whether feedback from source counts as from
// patients or those one provides services to.
func IsPatientSource(source string) bool { return source == "patient" || source == "carer" }

// IsColleagueSource reports whether feedback from source counts as from colleagues.
func IsColleagueSource(source string) bool {
	return source == "colleague" || source == "manager" || source == "student" || source == "review"
}

// IsComplimentOrComplaint reports whether the feedback is a compliment or a complaint.
func (it *Item) IsComplimentOrComplaint() bool {
	return it.FeedbackType == feedbackPraise || it.FeedbackType == feedbackComplain
}

// RegisteredAs choices (the NMC practice hours log).
var RegisteredAsChoices = []Choice{
	{"nurse", "nurse"},
	{"midwife", "midwife"},
	{"nursing-associate", "nursing associate"},
	{"nurse-and-midwife", "nurse and midwife"},
	{"other", "another registration"},
}

// Choice is one option of a choice field.
type Choice struct {
	ID    string
	Title string
}

// ChoiceTitle returns the title of id among choices, or id.
func ChoiceTitle(choices []Choice, id string) string {
	for _, c := range choices {
		if c.ID == id {
			return c.Title
		}
	}
	return id
}
