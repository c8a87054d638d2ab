// Copying the written parts of the answers file into the record: the
// reflection, standards, development plan and CPD activity.

package answers

import (
	"fmt"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

func (f *File) applyReflection(r *record.Record, set *framework.Set, planCodes []string, add func(yamlx.Pos, string, string, ...any)) {
	rf := f.Reflection
	if rf == nil {
		return
	}
	modelID := rf.Model
	if modelID == "" {
		modelID = record.ModelWhatSoWhatNowWhat
	}
	model := record.Model(modelID)
	if model == nil {
		var ids []string
		for _, m := range record.ReflectionModels {
			ids = append(ids, m.ID)
		}
		add(rf.Pos, "models: "+strings.Join(ids, ", "), "there is no reflection model %q", rf.Model)
		return
	}
	r.Reflection.Model = model.ID
	r.Reflection.Focus = f.checkCodes(rf.Focus, rf.Pos, "reflection focus", set, planCodes, add)
	var keys []string
	for _, p := range model.Prompts {
		keys = append(keys, p.Key)
	}
	for _, k := range rf.Sections.Keys {
		found := false
		for _, p := range model.Prompts {
			found = found || p.Key == k
		}
		if !found {
			hint := "the sections of " + model.Title + " are: " + strings.Join(keys, ", ")
			if sg := yamlx.Suggest(k, keys); sg != "" {
				hint = fmt.Sprintf("did you mean %q?", sg)
			}
			add(rf.Sections.Pos[k], hint, "%q is not a section of the %s model", k, model.ID)
		}
	}
	r.Reflection.Sections = nil
	for _, p := range model.Prompts {
		r.Reflection.Sections = append(r.Reflection.Sections, record.ReflectionSection{Key: p.Key, Prompt: p.Question, Text: strings.TrimSpace(rf.Sections.Values[p.Key])})
	}
}

func (f *File) applyStandards(r *record.Record, add func(yamlx.Pos, string, string, ...any)) {
	st := f.Standards
	if st == nil {
		return
	}
	r.Standards = nil
	for _, g := range []struct {
		scheme string
		ids    []string
	}{{record.SchemeNMC, st.NMC}, {record.SchemeGMC, st.GMC}, {record.SchemeHCPC, st.HCPC}, {record.SchemeSWE, st.SWE}} {
		for _, id := range g.ids {
			s, ok := record.LookupStandard(g.scheme, id)
			if !ok {
				var ids []string
				for _, x := range record.Standards {
					if x.Scheme == g.scheme {
						ids = append(ids, x.ID)
					}
				}
				add(st.Pos, g.scheme+": "+strings.Join(ids, ", "), "%q is not one of the %s", id, record.SchemeTitles[g.scheme])
				continue
			}
			r.Standards = append(r.Standards, record.StandardRef{Scheme: s.Scheme, ID: s.ID, Label: s.Label})
		}
	}
}

var goalStatuses = []string{record.GoalPlanned, record.GoalInProgress, record.GoalAchieved, record.GoalDropped}

func (f *File) applyPlan(r *record.Record, set *framework.Set, planCodes []string, add func(yamlx.Pos, string, string, ...any)) {
	if f.Plan == nil {
		return
	}
	r.Plan = nil
	for i, g := range f.Plan {
		goal := record.Goal{ID: fmt.Sprintf("g%d", i+1), Objective: strings.TrimSpace(g.Objective), Activities: g.Activities, Resources: g.Resources,
			SuccessMeasure: strings.TrimSpace(g.SuccessMeasure), Status: g.Status}
		goal.Competences = f.checkCodes(g.Competences, g.Pos, fmt.Sprintf("goal %d", i+1), set, planCodes, add)
		if g.TargetDate != "" {
			if _, err := time.Parse("2006-01-02", g.TargetDate); err != nil {
				add(g.Pos, "write it as YYYY-MM-DD, such as 2026-09-30", "goal %d: target_date %q is not a date", i+1, g.TargetDate)
			}
			goal.TargetDate = g.TargetDate
		}
		if goal.Status == "" {
			goal.Status = record.GoalPlanned
		} else if !contains(goalStatuses, goal.Status) {
			add(g.Pos, "statuses: "+strings.Join(goalStatuses, ", "), "goal %d: %q is not a status", i+1, g.Status)
		}
		r.Plan = append(r.Plan, goal)
	}
}

func (f *File) applyActivity(r *record.Record, env Env, add func(yamlx.Pos, string, string, ...any)) {
	a := f.Activity
	if a == nil {
		return
	}
	act := &r.Activity
	if a.Title != "" {
		act.Title = a.Title
	}
	if a.Method != "" {
		act.Method = a.Method
	}
	for _, d := range []struct {
		name string
		v    string
		dst  *string
	}{{"start_date", a.StartDate, &act.StartDate}, {"end_date", a.EndDate, &act.EndDate}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			add(a.Pos, "write it as YYYY-MM-DD", "activity %s %q is not a date", d.name, d.v)
		}
		*d.dst = d.v
	}
	if act.StartDate != "" && act.EndDate != "" && act.EndDate < act.StartDate {
		add(a.Pos, "", "the activity ends (%s) before it starts (%s)", act.EndDate, act.StartDate)
	}
	if a.Hours < 0 || a.ParticipatoryHours < 0 {
		add(a.Pos, "", "hours cannot be negative")
	}
	if a.ParticipatoryHours > a.Hours {
		add(a.Pos, "participatory hours are part of the total", "participatory_hours (%g) is more than hours (%g)", a.ParticipatoryHours, a.Hours)
	}
	act.Hours, act.ParticipatoryHours = a.Hours, a.ParticipatoryHours
	act.Evidence = nil
	for _, e := range a.Evidence {
		ev := record.Evidence{Description: e.Description}
		if e.File != "" {
			if env.HashFile == nil {
				add(e.Pos, "", "evidence files cannot be read here")
				continue
			}
			h, err := env.HashFile(f.resolve(e.File))
			if err != nil {
				add(e.Pos, "check the path; it is relative to the answers file's folder", "cannot read the evidence file %s: %v", e.File, err)
				continue
			}
			ev.File, ev.SHA256, ev.Size = h.File, h.SHA256, h.Size
		} else if e.Description == "" {
			add(e.Pos, "", "an evidence entry needs a file or a description")
			continue
		}
		act.Evidence = append(act.Evidence, ev)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
