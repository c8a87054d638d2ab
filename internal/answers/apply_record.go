// Copying the written parts of the answers file into the record: the
// details, reflection, standards, development plan, CPD activity and
// evidence. Each goes through the reflection flow (internal/cpd), the same
// changes the two interactive front ends make, so a value is accepted or
// refused here exactly as it would be there.

package answers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

type addFunc func(pos yamlx.Pos, hint, format string, args ...any)

// refused reports a change the flow refused, at pos.
func refused(add addFunc, pos yamlx.Pos, prefix string, err error) {
	var p *cpd.Problem
	if errors.As(err, &p) {
		add(pos, p.Hint, "%s%s", prefix, p.Msg)
		return
	}
	add(pos, "", "%s%v", prefix, err)
}

// at returns the position of a key's value, or else of the mapping.
func at(keyPos map[string]yamlx.Pos, key string, def yamlx.Pos) yamlx.Pos {
	if p, ok := keyPos[key]; ok {
		return p
	}
	return def
}

func (f *File) applyDetails(fl *cpd.Flow, add addFunc) {
	p := f.Practitioner
	for _, d := range []struct{ name, v string }{
		{"name", p.Name}, {"profession", p.Profession}, {"role", p.Role}, {"setting", p.Setting}, {"regulator", p.Regulator}, {"registration", p.Registration},
	} {
		if d.v == "" {
			continue
		}
		if err := fl.Set("details."+d.name, d.v); err != nil {
			refused(add, at(p.KeyPos, d.name, f.Pos), "practitioner "+d.name+": ", err)
		}
	}
}

func (f *File) applyReflection(fl *cpd.Flow, add addFunc) {
	rf := f.Reflection
	if rf == nil {
		return
	}
	modelID := rf.Model
	if modelID == "" {
		modelID = cpd.DefaultModel(fl.Record().Practitioner.Regulator)
	}
	if err := fl.Set(cpd.AddrModel, modelID); err != nil {
		refused(add, at(rf.KeyPos, "model", rf.Pos), "", err)
		return
	}
	if len(rf.Focus) > 0 {
		var ok []string
		for _, c := range rf.Focus {
			if err := fl.SetList(cpd.AddrFocus, append(append([]string(nil), ok...), c)); err != nil {
				refused(add, at(rf.KeyPos, "focus", rf.Pos), "reflection focus: ", err)
				continue
			}
			ok = append(ok, c)
		}
	}
	for _, k := range rf.Sections.Keys {
		if err := fl.Set(cpd.SectionAddr(k), rf.Sections.Values[k]); err != nil {
			var p *cpd.Problem
			if errors.As(err, &p) {
				hint := p.Hint
				var keys []string
				for _, pr := range fl.Model().Prompts {
					keys = append(keys, pr.Key)
				}
				if sg := yamlx.Suggest(k, keys); sg != "" {
					hint = fmt.Sprintf("did you mean %q?", sg)
				}
				add(rf.Sections.Pos[k], hint, "%s", p.Msg)
				continue
			}
			add(rf.Sections.Pos[k], "", "%v", err)
		}
	}
}

func (f *File) applyStandards(fl *cpd.Flow, add addFunc) {
	st := f.Standards
	if st == nil {
		return
	}
	var keys []string
	for _, g := range []struct {
		scheme string
		ids    []string
	}{{cpd.SchemeNMC, st.NMC}, {cpd.SchemeGMC, st.GMC}, {cpd.SchemeHCPC, st.HCPC}, {cpd.SchemeSWE, st.SWE}} {
		for _, id := range g.ids {
			if _, ok := cpd.LookupStandard(g.scheme, id); !ok {
				var ids []string
				for _, x := range cpd.Standards {
					if x.Scheme == g.scheme {
						ids = append(ids, x.ID)
					}
				}
				add(st.Pos, g.scheme+": "+strings.Join(ids, ", "), "%q is not one of the %s", id, cpd.SchemeTitles[g.scheme])
				continue
			}
			keys = append(keys, g.scheme+"/"+id)
		}
	}
	if err := fl.SetList(cpd.AddrStandards, keys); err != nil {
		refused(add, st.Pos, "", err)
	}
}

func (f *File) applyPlan(fl *cpd.Flow, env Env, add addFunc) {
	if f.Plan == nil {
		return
	}
	for _, g := range fl.Record().Plan {
		fl.DeleteGoal(g.ID)
	}
	seen := map[string]int{}
	for i, g := range f.Plan {
		n := i + 1
		prefix := fmt.Sprintf("goal %d: ", n)
		id := g.ID
		if id != "" {
			if !cpd.ValidGoalID(id) {
				add(at(g.KeyPos, "id", g.Pos), "use letters, digits, - and _ only", "%sthe id %q cannot name a goal", prefix, id)
				continue
			}
			if prev, dup := seen[id]; dup {
				add(at(g.KeyPos, "id", g.Pos), "give each goal its own id, or leave it out", "%sthe id %q is already goal %d's", prefix, id, prev)
				continue
			}
			seen[id] = n
			if err := fl.Apply(cpd.Change{Op: cpd.OpAddGoal, Key: id}); err != nil {
				refused(add, g.Pos, prefix, err)
				continue
			}
		} else {
			newID := env.NewGoalID
			if newID == nil {
				newID = cpd.NewGoalID
			}
			id = newID()
			if err := fl.Apply(cpd.Change{Op: cpd.OpAddGoal, Key: id}); err != nil {
				refused(add, g.Pos, prefix, err)
				continue
			}
		}
		set := func(name, key, v string) {
			if v == "" {
				return
			}
			if err := fl.Set(cpd.GoalAddr(id, name), v); err != nil {
				refused(add, at(g.KeyPos, key, g.Pos), prefix, err)
			}
		}
		list := func(name string, vs []string) {
			if len(vs) == 0 {
				return
			}
			if err := fl.SetList(cpd.GoalAddr(id, name), vs); err != nil {
				refused(add, at(g.KeyPos, name, g.Pos), prefix, err)
			}
		}
		set("objective", "objective", g.Objective)
		list("competences", g.Competences)
		list("activities", g.Activities)
		list("resources", g.Resources)
		set("target_date", "target_date", g.TargetDate)
		set("success_measure", "success_measure", g.SuccessMeasure)
		set("status", "status", g.Status)
	}
}

func (f *File) applyActivity(fl *cpd.Flow, env Env, add addFunc) {
	a := f.Activity
	if a == nil {
		return
	}
	for _, d := range []struct{ name, v string }{
		{"title", a.Title}, {"method", a.Method}, {"type", a.Type}, {"start_date", a.StartDate}, {"end_date", a.EndDate},
		{"hours", cpd.FormatHours(a.Hours)}, {"participatory_hours", cpd.FormatHours(a.ParticipatoryHours)},
	} {
		if d.v == "" {
			continue
		}
		if err := fl.Set("activity."+d.name, d.v); err != nil {
			refused(add, at(a.KeyPos, d.name, a.Pos), "activity "+d.name+": ", err)
		}
	}
	for len(fl.Record().Activity.Evidence) > 0 {
		fl.RemoveEvidence(1)
	}
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
		}
		if err := fl.AddEvidence(ev); err != nil {
			refused(add, e.Pos, "", err)
		}
	}
}
