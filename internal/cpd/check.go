package cpd

import (
	"fmt"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/record"
)

// TextField is one piece of free text in a record: a name for people
// ("reflection: So what?"), the text and the address of the field where
// it is changed ("" for text the practitioner does not change, such as a
// reviewer's comment).
type TextField struct {
	Name string
	Text string
	Addr string
}

// TextFields is the one list of the free-text fields of a record that
// could name someone the practitioner supported, in the order they are
// written: competence notes, the activity's title and method, evidence
// descriptions and file names, the reflection, the benefit, every goal's
// objective, activities, resources and success measure, and reviewers'
// comments. The practitioner's and reviewers' own details are left out:
// their names are meant to be there. Empty fields are skipped. Every
// check for identifiers (both front ends, the answers file, exports)
// reads this list.
func TextFields(r *record.Record) []TextField {
	if r == nil {
		return nil
	}
	var out []TextField
	add := func(name, text, addr string) {
		if text != "" {
			out = append(out, TextField{Name: name, Text: text, Addr: addr})
		}
	}
	for _, a := range r.Answers {
		add("note on "+a.Code, a.Note, NoteAddr(a.Code))
	}
	add("activity title", r.Activity.Title, "activity.title")
	add("activity method", r.Activity.Method, "activity.method")
	for i, ev := range r.Activity.Evidence {
		addr := fmt.Sprintf("evidence.%d.description", i+1)
		add(fmt.Sprintf("evidence %d description", i+1), ev.Description, addr)
		add(fmt.Sprintf("evidence %d file name", i+1), ev.File, fmt.Sprintf("evidence.%d", i+1))
	}
	m := LookupModel(r.Reflection.Model)
	for _, s := range r.Reflection.Sections {
		label := s.Key
		if m != nil {
			if p, ok := m.Prompt(s.Key); ok {
				label = p.Title
			}
		}
		add("reflection: "+label, s.Text, SectionAddr(s.Key))
	}
	add("benefit to the people you support", r.Benefit, AddrBenefit)
	for i, g := range r.Plan {
		addGoal(add, fmt.Sprintf("plan goal %d", i+1), g, g.ID)
	}
	for i, rv := range r.Reviews {
		out = append(out, ReviewTextFields(rv, i+1)...)
	}
	return out
}

// ReviewTextFields is the part of TextFields a review adds, as the n-th
// review of its record: the overall comments, the comment on each need and
// the agreed plan's goals. A review being written is checked with it
// (internal/review), so the reviewer's words go through the same check
// and the same list as the practitioner's. Reviewers' own details are
// left out.
func ReviewTextFields(rv record.Review, n int) []TextField {
	var out []TextField
	add := func(name, text, addr string) {
		if text != "" {
			out = append(out, TextField{Name: name, Text: text, Addr: addr})
		}
	}
	p := fmt.Sprintf("review %d", n)
	add(p+" comments", rv.Comments, "")
	for _, nc := range rv.NeedComments {
		add(p+" comment on "+nc.Code, nc.Comment, "")
	}
	for j, g := range rv.AgreedPlan {
		addGoal(add, fmt.Sprintf("%s agreed goal %d", p, j+1), g, "")
	}
	return out
}

func addGoal(add func(name, text, addr string), p string, g record.Goal, id string) {
	at := func(name string) string {
		if id == "" {
			return ""
		}
		return GoalAddr(id, name)
	}
	add(p+" objective", g.Objective, at("objective"))
	for j, a := range g.Activities {
		add(fmt.Sprintf("%s activity %d", p, j+1), a, at("activities"))
	}
	for j, res := range g.Resources {
		add(fmt.Sprintf("%s resource %d", p, j+1), res, at("resources"))
	}
	add(p+" success measure", g.SuccessMeasure, at("success_measure"))
}

// Finding is a likely identifier and the address of the field it is in.
type Finding struct {
	anonymise.Finding
	Addr string
}

// Check runs the local check for identifiers over TextFields.
func Check(r *record.Record) []Finding {
	fields := TextFields(r)
	in := make([]anonymise.Field, len(fields))
	addr := map[string]string{}
	for i, f := range fields {
		in[i] = anonymise.Field{Name: f.Name, Text: f.Text}
		addr[f.Name] = f.Addr
	}
	var out []Finding
	for _, x := range anonymise.Check(in) {
		out = append(out, Finding{Finding: x, Addr: addr[x.Field]})
	}
	return out
}
