package cpd

import (
	"strings"

	"github.com/reflect-cpd/reflect/internal/rules"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// AddrActivityType is where the record's activity type is stored: an
// activity type id from the rules of the practitioner's regulator
// (frameworks/regulators), so that reflect portfolio counts the record's
// own activity as the type it was, once, without entering it in the log.
const AddrActivityType = "activity.type"

// RegulatorID reads the regulator a person wrote in their details ("NMC",
// "Nursing and Midwifery Council", "Social Work England") as the id of a
// regulator's rules: nmc, hcpc, swe or gmc. "" when it is none of them.
func RegulatorID(regulator string) string {
	r := strings.ToLower(strings.Join(strings.Fields(regulator), " "))
	switch {
	case r == "":
		return ""
	case IsNMC(r):
		return "nmc"
	case r == "gmc" || strings.HasPrefix(r, "gmc ") || strings.Contains(r, "general medical council"):
		return "gmc"
	case r == "hcpc" || strings.HasPrefix(r, "hcpc ") || strings.Contains(r, "health and care professions"):
		return "hcpc"
	case r == "swe" || r == "social work england" || strings.HasPrefix(r, "swe ") || strings.Contains(r, "social work england"):
		return "swe"
	}
	return ""
}

// regulatorRules returns the shipped rules of the practitioner's
// regulator, or nil when the details name none reflect knows.
func (f *Flow) regulatorRules() *rules.Rules {
	id := RegulatorID(f.r.Practitioner.Regulator)
	if id == "" {
		return nil
	}
	set, err := rules.Shipped()
	if err != nil || set == nil {
		return nil
	}
	return set.Get(id)
}

// activityTypeOptions lists the regulator's activity types, the one a
// self-assessment record counts as by default first, marked suggested.
func (f *Flow) activityTypeOptions() []Option {
	r := f.regulatorRules()
	if r == nil {
		return nil
	}
	var out []Option
	add := func(t rules.ActivityType, label string) {
		out = append(out, Option{Value: t.ID, Label: label, Detail: t.Describe})
	}
	if t := r.Type(r.RecordType); t != nil {
		add(*t, t.Title+" (suggested)")
	}
	for _, t := range r.Types {
		if t.ID != r.RecordType {
			add(t, t.Title)
		}
	}
	return out
}

// activityTypeStep is the step that asks for the type, when the
// practitioner's regulator is one reflect has rules for.
func (f *Flow) activityTypeStep() (Step, bool) {
	r := f.regulatorRules()
	if r == nil {
		return Step{}, false
	}
	return Step{ID: "activity-type", Title: "Type of CPD activity", Kind: KindChoice, Addr: AddrActivityType,
		Prompt: "Which type of CPD activity is this, on " + listOf(r) + "?",
		Help: "reflect portfolio counts this record's activity once, as this type, so there is no need to enter it in your CPD log too. " +
			"Most self-assessments are the suggested type; choose another if, say, you worked through it in supervision."}, true
}

// setActivityType checks a type id against the regulator's list.
func (f *Flow) setActivityType(v string) error {
	a := &f.r.Activity
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		a.Type = ""
		return nil
	}
	r := f.regulatorRules()
	if r == nil {
		return problem(AddrActivityType, "give your regulator in your details first (NMC, HCPC, Social Work England or GMC), or leave the type out",
			"reflect does not know your regulator, so it cannot check the activity type %q", v)
	}
	if r.Type(v) == nil {
		hint := "the types are: " + strings.Join(r.TypeIDs(), ", ")
		if s := yamlx.Suggest(v, r.TypeIDs()); s != "" {
			hint = "did you mean " + s + "? Otherwise use one of " + strings.Join(r.TypeIDs(), ", ")
		}
		return problem(AddrActivityType, hint, "%q is not an activity type on %s", v, listOf(r))
	}
	a.Type = v
	return nil
}

// ActivityTypeTitle is the title of the record's activity type on its
// regulator's list ("" when it has none).
func (f *Flow) ActivityTypeTitle() string {
	return ActivityTypeTitle(f.r.Practitioner.Regulator, f.r.Activity.Type)
}

// ActivityTypeTitle is how a record's activity type reads: its title on the
// list of the regulator the practitioner named ("Clinical supervision,
// coaching or mentoring"), or the id as it is when the regulator is not
// one reflect has rules for or does not list it. "" when there is none.
func ActivityTypeTitle(regulator, id string) string {
	if id == "" {
		return ""
	}
	if reg := RegulatorID(regulator); reg != "" {
		if set, err := rules.Shipped(); err == nil && set != nil {
			if r := set.Get(reg); r != nil {
				if t := r.Type(id); t != nil {
					return t.Title
				}
			}
		}
	}
	return id
}

// listOf names a regulator's list: "the NMC's list", "Social Work
// England's list".
func listOf(r *rules.Rules) string {
	if strings.Contains(r.Short, " ") {
		return r.Short + "'s list"
	}
	return "the " + r.Short + "'s list"
}
