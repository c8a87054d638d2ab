package anonymise

import (
	"fmt"

	"github.com/reflect-cpd/reflect/internal/record"
)

// RecordFields returns every free-text field of a record that could name
// someone the practitioner supported: competence notes, the activity,
// evidence descriptions and file names, the reflection, the benefit, the
// plan, and reviewers' comments. The practitioner's and reviewer's own
// details are left out: their names are meant to be there. Empty fields are
// skipped. Names are for people, e.g. "note on ADU.1.2".
func RecordFields(r *record.Record) []Field {
	if r == nil {
		return nil
	}
	var out []Field
	add := func(name, text string) {
		if text != "" {
			out = append(out, Field{Name: name, Text: text})
		}
	}
	for _, a := range r.Answers {
		add("note on "+a.Code, a.Note)
	}
	add("activity title", r.Activity.Title)
	add("activity method", r.Activity.Method)
	for i, ev := range r.Activity.Evidence {
		add(fmt.Sprintf("evidence %d description", i+1), ev.Description)
		add(fmt.Sprintf("evidence %d file name", i+1), ev.File)
	}
	for _, s := range r.Reflection.Sections {
		label := s.Key
		if m := record.Model(r.Reflection.Model); m != nil {
			for _, p := range m.Prompts {
				if p.Key == s.Key {
					label = p.Title
				}
			}
		}
		add("reflection: "+label, s.Text)
	}
	add("benefit to the people you support", r.Benefit)
	for i, g := range r.Plan {
		addGoal(add, fmt.Sprintf("plan goal %d", i+1), g)
	}
	for i, rv := range r.Reviews {
		p := fmt.Sprintf("review %d", i+1)
		add(p+" comments", rv.Comments)
		for _, nc := range rv.NeedComments {
			add(p+" comment on "+nc.Code, nc.Comment)
		}
		for j, g := range rv.AgreedPlan {
			addGoal(add, fmt.Sprintf("%s agreed goal %d", p, j+1), g)
		}
	}
	return out
}

func addGoal(add func(string, string), p string, g record.Goal) {
	add(p+" objective", g.Objective)
	for j, a := range g.Activities {
		add(fmt.Sprintf("%s activity %d", p, j+1), a)
	}
	for j, res := range g.Resources {
		add(fmt.Sprintf("%s resource %d", p, j+1), res)
	}
	add(p+" success measure", g.SuccessMeasure)
}
