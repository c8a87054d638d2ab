package cpd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Progress is how far a record is from complete. A record is complete
// when, and only when, every competence in its scope is answered (rated
// or not applicable), every section of its reflective model is written,
// and the practitioner has confirmed, after the check, that it identifies
// nobody. Every command that shows or counts "complete" (list, exports,
// team, review) uses this one rule.
type Progress struct {
	// Scored says whether the number unanswered is known (a record saved
	// before it had scores does not say).
	Scored            bool
	Total, Unanswered int
	// Sections of the reflective model, and how many are written.
	Sections, Written int
	Confirmed         bool
}

func init() {
	// record.Recompute (and so every command that reads a record) follows
	// this package's rule.
	record.SetCompletionRule(func(r *record.Record, sc *assessment.Scores) (bool, string) {
		p := progressWith(r, sc)
		if p.Complete() {
			return true, ""
		}
		return false, p.String()
	})
}

// ProgressOf reads a record's progress from the record alone: answers
// from its scores, the reflection and the confirmation.
func ProgressOf(r *record.Record) Progress { return progressWith(r, r.Scores) }

// ProgressWith is ProgressOf with scores worked out from the answers.
func ProgressWith(r *record.Record, sc *assessment.Scores) Progress { return progressWith(r, sc) }

func progressWith(r *record.Record, sc *assessment.Scores) Progress {
	var p Progress
	if sc != nil {
		o := sc.Overall
		p.Scored, p.Total, p.Unanswered = true, o.Total, o.Unanswered
	}
	p.Written, p.Sections = SectionsWritten(r.Reflection.Model, r.Reflection.Sections)
	if r.Disclosure != nil && slices.Contains(r.Disclosure.Withheld, record.SectionReflection) {
		// A shared copy without its reflection ('reflect share'): it
		// cannot be read, so it counts as the record says (its status is
		// covered by the reviews' digests).
		p.Sections, p.Written = 1, 0
		if r.Status == record.StatusComplete {
			p.Written = 1
		}
	}
	p.Confirmed = r.Anonymisation.Confirmed
	return p
}

// SectionsWritten counts the sections of a model that hold text, and the
// sections the model has. An unknown or empty model counts as the
// default model, with nothing written.
func SectionsWritten(model string, sections []record.ReflectionSection) (written, total int) {
	m := LookupModel(model)
	if m == nil {
		return 0, len(Models[0].Prompts)
	}
	for _, p := range m.Prompts {
		for _, s := range sections {
			if s.Key == p.Key && strings.TrimSpace(s.Text) != "" {
				written++
				break
			}
		}
	}
	return written, len(m.Prompts)
}

// Answered reports whether every competence in scope is answered.
func (p Progress) Answered() bool { return p.Scored && p.Unanswered == 0 && p.Total > 0 }

// Reflected reports whether every section of the reflection is written.
func (p Progress) Reflected() bool { return p.Sections > 0 && p.Written == p.Sections }

// Complete reports whether the record is complete.
func (p Progress) Complete() bool { return p.Answered() && p.Reflected() && p.Confirmed }

// Status is the record's status field: complete or in-progress.
func (p Progress) Status() string {
	if p.Complete() {
		return record.StatusComplete
	}
	return record.StatusInProgress
}

// String says in a few words where the record is and what is left, such
// as "complete", "reflected, 211 unanswered" or "in progress: 12
// unanswered, reflection not written, not confirmed anonymous".
func (p Progress) String() string {
	if p.Complete() {
		return "complete"
	}
	stage := "in progress"
	switch {
	case p.Reflected():
		stage = "reflected"
	case p.Answered():
		stage = "answered"
	}
	var left []string
	switch {
	case !p.Scored:
		left = append(left, "not scored yet")
	case p.Unanswered > 0:
		left = append(left, fmt.Sprintf("%d unanswered", p.Unanswered))
	}
	if !p.Reflected() {
		if p.Written == 0 {
			left = append(left, "reflection not written")
		} else {
			left = append(left, fmt.Sprintf("reflection %d of %d written", p.Written, p.Sections))
		}
	}
	if !p.Confirmed {
		left = append(left, "not confirmed anonymous")
	}
	sep := ", "
	if stage == "in progress" {
		sep = ": "
	}
	return stage + sep + strings.Join(left, ", ")
}

// Settle sets a record's status field from its progress. Everything that
// saves a record calls it, so the field never disagrees with the rule.
func Settle(r *record.Record) { r.Status = ProgressOf(r).Status() }
