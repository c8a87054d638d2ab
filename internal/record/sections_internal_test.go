package record

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
)

// Every field of Record is either in a section (so a review covers it) or
// bookkeeping. A field added to Record fails here until it is given a
// section, with a change that the section's digest must show.
func TestEveryRecordFieldIsCoveredOrBookkeeping(t *testing.T) {
	covered := map[string]struct {
		section string
		change  func(r *Record)
	}{
		"id":            {SectionRecord, func(r *Record) { r.ID = "r-other" }},
		"status":        {SectionRecord, func(r *Record) { r.Status = StatusInProgress }},
		"created":       {SectionRecord, func(r *Record) { r.Created = r.Created.Add(time.Hour) }},
		"practitioner":  {SectionPractitioner, func(r *Record) { r.Practitioner.Registration = "X" }},
		"frameworks":    {SectionFrameworks, func(r *Record) { r.Frameworks[0].Digest = "00" }},
		"answers":       {SectionRatings, func(r *Record) { r.Answers[0].Rating = 1 }},
		"activity":      {SectionActivity, func(r *Record) { r.Activity.Evidence[0].SHA256 = "ff" }},
		"reflection":    {SectionReflection, func(r *Record) { r.Reflection.Focus = nil }},
		"benefit":       {SectionBenefit, func(r *Record) { r.Benefit += "." }},
		"standards":     {SectionStandards, func(r *Record) { r.Standards = nil }},
		"plan":          {SectionPlan, func(r *Record) { r.Plan[0].Status = GoalAchieved }},
		"anonymisation": {SectionAnonymisation, func(r *Record) { r.Anonymisation.Confirmed = false }},
	}
	typ := reflect.TypeOf(Record{})
	for i := 0; i < typ.NumField(); i++ {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		_, isCovered := covered[name]
		isBook := slices.Contains(bookkeepingFields, name)
		switch {
		case isCovered && isBook:
			t.Errorf("%s is both in a section and bookkeeping", name)
		case !isCovered && !isBook:
			t.Errorf("Record.%s (%q) is in no section and not listed as bookkeeping: give it a section in sections.go, or list it in bookkeepingFields if no review should cover it", typ.Field(i).Name, name)
		}
	}
	base := sample()
	if err := base.EnsureSalts(bytes.NewReader(bytes.Repeat([]byte{1}, 1024))); err != nil {
		t.Fatal(err)
	}
	before, err := base.SectionDigests()
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range covered {
		r := sample()
		r.Disclosure = base.Disclosure
		c.change(r)
		after, err := r.SectionDigests()
		if err != nil {
			t.Fatal(err)
		}
		for i := range before {
			changed := before[i].Digest != after[i].Digest
			if want := before[i].Section == c.section; changed != want {
				t.Errorf("changing %s: the %s section's digest changed = %v, want %v", name, before[i].Section, changed, want)
			}
		}
	}
	// A note belongs to the notes section, not the ratings.
	r := sample()
	r.Disclosure = base.Disclosure
	r.Answers[0].Note = "changed"
	after, _ := r.SectionDigests()
	for i := range before {
		if changed := before[i].Digest != after[i].Digest; changed != (before[i].Section == SectionNotes) {
			t.Errorf("changing a note: the %s section's digest changed = %v", before[i].Section, changed)
		}
	}
}

func sample() *Record {
	return &Record{Format: Format, SchemaVersion: SchemaVersion, ID: "r-1", Status: StatusComplete, Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Practitioner: Practitioner{Name: "A"}, Frameworks: []FrameworkRef{{ID: "mini", Digest: "ab"}},
		Answers:    []assessment.Answer{{Code: "X.1", Rating: 2, Note: "n"}},
		Activity:   Activity{Title: "t", Evidence: []Evidence{{File: "f.pdf", SHA256: "aa"}}},
		Reflection: Reflection{Model: "what-so-what-now-what", Focus: []string{"X.1"}, Sections: []ReflectionSection{{Key: "what", Text: "w"}}},
		Benefit:    "b", Standards: []StandardRef{{Scheme: "nmc", ID: "x", Label: "X"}},
		Plan:          []Goal{{ID: "g1", Objective: "o", Status: GoalPlanned}},
		Anonymisation: Anonymisation{Checked: true, Confirmed: true}}
}
