// Package assessment holds the pure logic of a self-assessment: which
// competences are asked (the plan), the answers given, navigation, and
// scoring. It does no IO and reads no clock.
package assessment

import (
	"fmt"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Scope says what of one framework a person assesses against: a role
// profile (its areas and targets), or a list of areas, or everything.
type Scope struct {
	Framework string   `json:"framework"`
	Profile   string   `json:"profile,omitempty"`
	Areas     []string `json:"areas,omitempty"`
}

// Item is one question: a competence, plus the equivalent competences in
// other frameworks of the same assessment that the crosswalk links to it,
// which are answered by the same answer.
type Item struct {
	Competence *framework.Competence
	Framework  *framework.Framework
	Also       []*framework.Competence
}

// Code is the item's competence code, the key of its answer.
func (it Item) Code() string { return it.Competence.Code }

// AreaRef is one area in the plan, with its target level (0 when none).
type AreaRef struct {
	Area      *framework.Area
	Framework *framework.Framework
	Target    int
}

// Plan is the ordered questionnaire built from scopes.
type Plan struct {
	Set    *framework.Set
	Scopes []Scope
	Items  []Item
	Areas  []AreaRef

	byCode   map[string]int // item code → index in Items
	alias    map[string]string
	areaByID map[string]int
	prep     *prep // for scoring, made by NewPlan
}

// NewPlan builds the questionnaire for the given scopes. Competences that
// the crosswalk links to one already in the plan are not asked again.
func NewPlan(set *framework.Set, scopes []Scope) (*Plan, error) {
	if len(scopes) == 0 {
		return nil, fmt.Errorf("no framework chosen")
	}
	p := &Plan{Set: set, Scopes: scopes, byCode: map[string]int{}, alias: map[string]string{}, areaByID: map[string]int{}}
	seenFw := map[string]bool{}
	for _, sc := range scopes {
		f := set.Get(sc.Framework)
		if f == nil {
			return nil, fmt.Errorf("there is no framework %q", sc.Framework)
		}
		if seenFw[f.ID] {
			return nil, fmt.Errorf("framework %q is chosen twice", f.ID)
		}
		seenFw[f.ID] = true
		areas, err := scopeAreas(f, sc)
		if err != nil {
			return nil, err
		}
		for _, ar := range areas {
			p.areaByID[ar.Area.Code] = len(p.Areas)
			p.Areas = append(p.Areas, ar)
			for _, c := range ar.Area.Competences {
				if primary, ok := p.linked(c); ok {
					idx := p.byCode[primary]
					p.Items[idx].Also = append(p.Items[idx].Also, c)
					p.alias[c.Code] = primary
					continue
				}
				p.byCode[c.Code] = len(p.Items)
				p.Items = append(p.Items, Item{Competence: c, Framework: f})
			}
		}
	}
	if len(p.Items) == 0 {
		return nil, fmt.Errorf("the chosen areas hold no competences")
	}
	p.prepare()
	return p, nil
}

func (p *Plan) linked(c *framework.Competence) (string, bool) {
	for _, other := range p.Set.SameAs(c.Code) {
		if _, ok := p.byCode[other]; ok {
			return other, true
		}
		if primary, ok := p.alias[other]; ok {
			return primary, true
		}
	}
	return "", false
}

func scopeAreas(f *framework.Framework, sc Scope) ([]AreaRef, error) {
	if sc.Profile != "" {
		prof := f.Profile(sc.Profile)
		if prof == nil {
			var ids []string
			for _, pr := range f.Profiles {
				ids = append(ids, pr.ID)
			}
			return nil, fmt.Errorf("framework %q has no profile %q (profiles: %v)", f.ID, sc.Profile, ids)
		}
		var out []AreaRef
		// Framework order, not the order the profile lists its targets.
		for _, a := range f.Areas() {
			if t, ok := prof.Targets.Get(a.Code); ok {
				out = append(out, AreaRef{Area: a, Framework: f, Target: t})
			}
		}
		return out, nil
	}
	target := DefaultTarget(f.EffectiveScale())
	if len(sc.Areas) == 0 {
		var out []AreaRef
		for _, a := range f.Areas() {
			out = append(out, AreaRef{Area: a, Framework: f, Target: target})
		}
		return out, nil
	}
	want := map[string]bool{}
	for _, code := range sc.Areas {
		if f.Area(code) == nil {
			return nil, fmt.Errorf("framework %q has no area %q", f.ID, code)
		}
		want[code] = true
	}
	var out []AreaRef
	for _, a := range f.Areas() {
		if want[a.Code] {
			out = append(out, AreaRef{Area: a, Framework: f, Target: target})
		}
	}
	return out, nil
}

// DefaultTarget is the target level when no profile sets one: the
// second-highest level of the scale (Competent on the default scale).
func DefaultTarget(s *framework.Scale) int {
	if len(s.Levels) >= 2 {
		return s.Levels[len(s.Levels)-2].Value
	}
	return s.Max()
}

// Index returns the position of the item that answers code (an item's own
// code or a crosswalked one), or -1.
func (p *Plan) Index(code string) int {
	if primary, ok := p.alias[code]; ok {
		code = primary
	}
	if i, ok := p.byCode[code]; ok {
		return i
	}
	return -1
}

// AnswerKey returns the code under which the answer for code is kept:
// the code of the item that asks it. ok is false when the plan does not ask it.
func (p *Plan) AnswerKey(code string) (string, bool) {
	i := p.Index(code)
	if i < 0 {
		return "", false
	}
	return p.Items[i].Code(), true
}

// AreaRef returns the plan's entry for an area code.
func (p *Plan) AreaRef(code string) (AreaRef, bool) {
	i, ok := p.areaByID[code]
	if !ok {
		return AreaRef{}, false
	}
	return p.Areas[i], true
}

// Scale returns the rating scale of the assessment: the first framework's.
// Frameworks assessed together must share a scale (NewSession checks).
func (p *Plan) Scale() *framework.Scale {
	return p.Items[0].Framework.EffectiveScale()
}

// FirstItemOfArea returns the index of the first item asked for an area,
// or -1 when every competence of the area is asked elsewhere.
func (p *Plan) FirstItemOfArea(code string) int {
	for i, it := range p.Items {
		if it.Competence.Area.Code == code {
			return i
		}
	}
	return -1
}
