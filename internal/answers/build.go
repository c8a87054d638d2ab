package answers

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// FrameworkFiles returns the framework files the answers file names, with
// relative paths resolved against the answers file's folder, in order.
func (f *File) FrameworkFiles() []string {
	var out []string
	for _, fw := range f.Frameworks {
		if fw.File != "" {
			out = append(out, f.resolve(fw.File))
		}
	}
	return out
}

func (f *File) resolve(p string) string {
	if filepath.IsAbs(p) || f.Dir == "" {
		return p
	}
	return filepath.Join(f.Dir, p)
}

func (f *File) problem(pos yamlx.Pos, hint, format string, args ...any) yamlx.Problem {
	return yamlx.Problem{File: f.Name, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// Scopes works out what to assess. fileIDs maps each framework file the
// answers file names (as returned by FrameworkFiles) to the id of the
// framework loaded from it. cli are the scopes chosen on the command line
// (may be empty). When both the file and the command line name frameworks,
// they must be the same ones.
func (f *File) Scopes(set *framework.Set, fileIDs map[string]string, cli []assessment.Scope) ([]assessment.Scope, yamlx.Problems) {
	var probs yamlx.Problems
	if len(f.Frameworks) == 0 {
		if len(cli) == 0 {
			return nil, yamlx.Problems{f.problem(f.Pos, "add a frameworks: list naming the framework(s), such as frameworks: [adults], or pass --framework", "the answers file does not say which framework it answers")}
		}
		return cli, nil
	}
	var scopes []assessment.Scope
	for _, e := range f.Frameworks {
		id := e.ID
		if e.File != "" {
			loaded := fileIDs[f.resolve(e.File)]
			if e.ID != "" && loaded != "" && loaded != e.ID {
				probs = append(probs, f.problem(e.Pos, "correct the id or the file", "framework mismatch: %s holds framework %q, not %q", e.File, loaded, e.ID))
				continue
			}
			id = loaded
		}
		fw := set.Get(id)
		if fw == nil {
			hint := "pass its file with --framework FILE, or add file: PATH to this entry"
			if s := yamlx.Suggest(id, set.IDs()); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			probs = append(probs, f.problem(e.Pos, hint, "there is no framework %q (loaded: %s)", id, strings.Join(set.IDs(), ", ")))
			continue
		}
		if e.Version != "" && e.Version != fw.Version {
			probs = append(probs, f.problem(e.Pos, "update the answers to this version, or load the version they were written for with --framework FILE",
				"framework mismatch: the answers are for %s version %s, but version %s is loaded", fw.ID, e.Version, fw.Version))
			continue
		}
		if e.Profile != "" && fw.Profile(e.Profile) == nil {
			var ids []string
			for _, p := range fw.Profiles {
				ids = append(ids, p.ID)
			}
			hint := "profiles: " + strings.Join(ids, ", ")
			if s := yamlx.Suggest(e.Profile, ids); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			probs = append(probs, f.problem(e.Pos, hint, "framework %s has no profile %q", fw.ID, e.Profile))
			continue
		}
		bad := false
		for _, a := range e.Areas {
			if fw.Area(a) == nil {
				var codes []string
				for _, ar := range fw.Areas() {
					codes = append(codes, ar.Code)
				}
				hint := "run 'reflect frameworks show " + fw.ID + "' for the area codes"
				if s := yamlx.Suggest(a, codes); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				probs = append(probs, f.problem(e.Pos, hint, "framework %s has no area %q", fw.ID, a))
				bad = true
			}
		}
		if bad {
			continue
		}
		scopes = append(scopes, assessment.Scope{Framework: fw.ID, Profile: e.Profile, Areas: e.Areas})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	if len(cli) > 0 {
		if !sameFrameworks(scopes, cli) {
			return nil, yamlx.Problems{f.problem(f.frameworksPos, "leave out --framework, or use the answers file written for those frameworks",
				"framework mismatch: the answers file is for %s, but --framework chose %s", scopeIDs(scopes), scopeIDs(cli))}
		}
		// A profile or areas on the command line override the file's.
		for i := range scopes {
			for _, c := range cli {
				if c.Framework == scopes[i].Framework && (c.Profile != "" || len(c.Areas) > 0) {
					scopes[i].Profile, scopes[i].Areas = c.Profile, c.Areas
				}
			}
		}
	}
	return scopes, nil
}

func scopeIDs(s []assessment.Scope) string {
	var ids []string
	for _, x := range s {
		ids = append(ids, x.Framework)
	}
	return strings.Join(ids, ", ")
}

func sameFrameworks(a, b []assessment.Scope) bool {
	x, y := strings.Split(scopeIDs(a), ", "), strings.Split(scopeIDs(b), ", ")
	sort.Strings(x)
	sort.Strings(y)
	return strings.Join(x, ",") == strings.Join(y, ",")
}

// Report is what Apply found that is not an error.
type Report struct {
	Unanswered []string // codes asked but not answered, in plan order
}

// Env is what Apply needs from outside: the clock and a way to read
// evidence files.
type Env struct {
	Now      func() time.Time
	HashFile func(path string) (record.Evidence, error)
}

// Apply fills the session and the record from the answers file. It checks
// every code, rating, reason and reference and returns all problems at
// once; when there are problems the session and record are incomplete and
// must not be used.
func (f *File) Apply(s *assessment.Session, r *record.Record, env Env) (Report, yamlx.Problems) {
	var probs yamlx.Problems
	add := func(pos yamlx.Pos, hint, format string, args ...any) {
		probs = append(probs, f.problem(pos, hint, format, args...))
	}
	plan := s.Plan
	set := plan.Set
	scale := plan.Scale()
	var planCodes []string
	for _, it := range plan.Items {
		planCodes = append(planCodes, it.Code())
		for _, o := range it.Also {
			planCodes = append(planCodes, o.Code)
		}
	}
	answeredBy := map[string]Answer{} // answer key → the entry that answered it
	for _, a := range f.Answers.List {
		key, ok := plan.AnswerKey(a.Code)
		if !ok {
			f.notAsked(a, set, plan, planCodes, add)
			continue
		}
		if prev, dup := answeredBy[key]; dup {
			add(a.Pos, "answer it once", "%s is the same competence as %s (linked by the crosswalk), already answered at line %d", a.Code, prev.Code, prev.Pos.Line)
			continue
		}
		answeredBy[key] = a
		switch {
		case a.Rated:
			if scale.Level(a.Rating) == nil {
				add(a.RatePos, fmt.Sprintf("use a whole number from %d to %d, or na: REASON", scale.Min(), scale.Max()), "the rating %d for %s is not on the scale", a.Rating, a.Code)
				continue
			}
			s.Rate(a.Code, a.Rating)
		case a.NA != "":
			if scale.NAReason(a.NA) == nil {
				var ids []string
				for _, r := range scale.NAReasons() {
					ids = append(ids, r.ID)
				}
				hint := "reasons: " + strings.Join(ids, ", ")
				if sg := yamlx.Suggest(a.NA, ids); sg != "" {
					hint = fmt.Sprintf("did you mean %q?", sg)
				}
				add(a.NAPos, hint, "%q is not a reason for not applicable", a.NA)
				continue
			}
			s.SetNA(a.Code, a.NA)
		}
		if a.Note != "" {
			s.SetNote(a.Code, a.Note)
		}
		if a.Flag {
			s.SetFlag(a.Code, true)
		}
	}

	p := f.Practitioner
	r.Practitioner = record.Practitioner{Name: p.Name, Profession: p.Profession, Role: p.Role, Setting: p.Setting, Regulator: p.Regulator, Registration: p.Registration}
	f.applyReflection(r, set, planCodes, add)
	r.Benefit = strings.TrimSpace(f.Benefit)
	f.applyStandards(r, add)
	f.applyPlan(r, set, planCodes, add)
	f.applyActivity(r, env, add)

	var rep Report
	for _, it := range plan.Items {
		if !s.Answer(it.Code()).Answered() {
			rep.Unanswered = append(rep.Unanswered, it.Code())
		}
	}
	probs.Sort()
	return rep, probs
}

// notAsked explains why a code is not part of the assessment.
func (f *File) notAsked(a Answer, set *framework.Set, plan *assessment.Plan, planCodes []string, add func(yamlx.Pos, string, string, ...any)) {
	comp := set.Competence(a.Code)
	if comp == nil {
		hint := "check the code; run 'reflect frameworks show ID' to list them"
		if sg := yamlx.Suggest(a.Code, planCodes); sg != "" {
			hint = fmt.Sprintf("did you mean %s?", sg)
		} else if sg := yamlx.Suggest(a.Code, set.CompetenceCodes()); sg != "" {
			hint = fmt.Sprintf("did you mean %s?", sg)
		}
		add(a.Pos, hint, "there is no competence %s", a.Code)
		return
	}
	owner := set.Owner(a.Code)
	inPlan := false
	for _, sc := range plan.Scopes {
		if sc.Framework == owner.ID {
			inPlan = true
		}
	}
	if !inPlan {
		add(a.Pos, "add "+owner.ID+" to frameworks:, or remove this answer",
			"framework mismatch: %s belongs to framework %q, which this assessment does not include (%s)", a.Code, owner.ID, scopeIDs(plan.Scopes))
		return
	}
	add(a.Pos, "remove this answer, or choose a profile or areas that include it",
		"%s is in area %s (%s), which this assessment does not include", a.Code, comp.Area.Code, comp.Area.Title)
}

func (f *File) checkCodes(codes []string, pos yamlx.Pos, what string, set *framework.Set, planCodes []string, add func(yamlx.Pos, string, string, ...any)) []string {
	var out []string
	for _, c := range codes {
		if set.Competence(c) == nil {
			hint := ""
			if sg := yamlx.Suggest(c, planCodes); sg != "" {
				hint = fmt.Sprintf("did you mean %s?", sg)
			}
			add(pos, hint, "%s names %s, which is not a competence code", what, c)
			continue
		}
		out = append(out, c)
	}
	return out
}

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
