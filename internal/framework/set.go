package framework

import (
	"fmt"
	"sort"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

type index struct {
	domains     map[string]*Domain
	areas       map[string]*Area
	competences map[string]*Competence
	profiles    map[string]*Profile
	resources   map[string]*Resource
	order       []*Competence
}

// link builds the framework's lookup tables and back-pointers. Duplicates
// keep their first occurrence; Validate reports them.
func (f *Framework) link() {
	ix := &index{
		domains:     map[string]*Domain{},
		areas:       map[string]*Area{},
		competences: map[string]*Competence{},
		profiles:    map[string]*Profile{},
		resources:   map[string]*Resource{},
	}
	for _, d := range f.Domains {
		if d == nil {
			continue
		}
		if _, ok := ix.domains[d.Code]; !ok {
			ix.domains[d.Code] = d
		}
		for _, a := range d.Areas {
			if a == nil {
				continue
			}
			a.Domain = d
			if _, ok := ix.areas[a.Code]; !ok {
				ix.areas[a.Code] = a
			}
			for _, c := range a.Competences {
				if c == nil {
					continue
				}
				c.Area = a
				if _, ok := ix.competences[c.Code]; !ok {
					ix.competences[c.Code] = c
				}
				ix.order = append(ix.order, c)
			}
		}
	}
	for _, p := range f.Profiles {
		if p != nil {
			if _, ok := ix.profiles[p.ID]; !ok {
				ix.profiles[p.ID] = p
			}
		}
	}
	for _, r := range f.Resources {
		if r != nil {
			if _, ok := ix.resources[r.ID]; !ok {
				ix.resources[r.ID] = r
			}
		}
	}
	f.index = ix
}

func (f *Framework) ix() *index {
	if f.index == nil {
		f.link()
	}
	return f.index
}

// Competences returns every competence in framework order.
func (f *Framework) Competences() []*Competence { return f.ix().order }

// Areas returns every area in framework order.
func (f *Framework) Areas() []*Area {
	var out []*Area
	for _, d := range f.Domains {
		out = append(out, d.Areas...)
	}
	return out
}

// Competence looks up a competence by code.
func (f *Framework) Competence(code string) *Competence { return f.ix().competences[code] }

// Area looks up an area by code.
func (f *Framework) Area(code string) *Area { return f.ix().areas[code] }

// Domain looks up a domain by code.
func (f *Framework) Domain(code string) *Domain { return f.ix().domains[code] }

// Profile looks up a role profile by id.
func (f *Framework) Profile(id string) *Profile { return f.ix().profiles[id] }

// Resource looks up a learning resource by id.
func (f *Framework) Resource(id string) *Resource { return f.ix().resources[id] }

// EffectiveScale is the framework's scale, or the default scale when the
// file names none.
func (f *Framework) EffectiveScale() *Scale {
	if f.Scale != nil {
		return f.Scale
	}
	return DefaultScale()
}

// ResourcesFor returns the resources linked to an area or to any of its
// competences that suit the framework's population (Resource.Suits), in
// catalogue order.
func (f *Framework) ResourcesFor(areaCode string) []*Resource {
	var out []*Resource
	for _, r := range f.Resources {
		if r.linksArea(f, areaCode) && r.Suits(f) {
			out = append(out, r)
		}
	}
	return out
}

func (r *Resource) linksArea(f *Framework, areaCode string) bool {
	for _, a := range r.Areas {
		if a == areaCode {
			return true
		}
	}
	for _, c := range r.Competences {
		if comp := f.Competence(c); comp != nil && comp.Area != nil && comp.Area.Code == areaCode {
			return true
		}
	}
	return false
}

// Count returns the numbers of domains, areas and competences.
func (f *Framework) Count() (domains, areas, competences int) {
	for _, d := range f.Domains {
		domains++
		for _, a := range d.Areas {
			areas++
			competences += len(a.Competences)
		}
	}
	return
}

// Set is a group of frameworks that are known together, so that codes are
// unique across them and crosswalk links between them resolve.
type Set struct {
	list        []*Framework
	byID        map[string]*Framework
	competences map[string]*Competence
	owner       map[string]*Framework // any code → framework
	crosswalk   crosswalk
}

// NewSet validates each framework and the set as a whole. The returned set
// holds every framework given, even when there are problems.
func NewSet(fws ...*Framework) (*Set, yamlx.Problems) {
	s := &Set{byID: map[string]*Framework{}, competences: map[string]*Competence{}, owner: map[string]*Framework{}}
	var probs yamlx.Problems
	for _, f := range fws {
		if prev, dup := s.byID[f.ID]; dup && f.ID != "" {
			probs = append(probs, yamlx.Problem{File: f.File, Line: f.Pos.Line, Col: f.Pos.Col,
				Msg: fmt.Sprintf("framework id %q is already used by %s", f.ID, prev.File), Hint: "give each framework its own id"})
			continue
		}
		s.list = append(s.list, f)
		s.byID[f.ID] = f
		probs = append(probs, Validate(f)...)
		for _, code := range f.allCodes() {
			if prev, dup := s.owner[code.code]; dup && prev != f {
				probs = append(probs, yamlx.Problem{File: f.File, Line: code.pos.Line, Col: code.pos.Col,
					Msg: fmt.Sprintf("code %q is already used in framework %q (%s)", code.code, prev.ID, prev.File), Hint: "codes must be unique across all frameworks; use this framework's own prefix"})
				continue
			}
			s.owner[code.code] = f
		}
		for _, c := range f.Competences() {
			if _, ok := s.competences[c.Code]; !ok {
				s.competences[c.Code] = c
			}
		}
	}
	probs = append(probs, s.linkCrosswalk()...)
	return s, probs
}

type codeAt struct {
	code string
	pos  yamlx.Pos
}

func (f *Framework) allCodes() []codeAt {
	var out []codeAt
	for _, d := range f.Domains {
		out = append(out, codeAt{d.Code, d.Pos})
		for _, a := range d.Areas {
			out = append(out, codeAt{a.Code, a.Pos})
			for _, c := range a.Competences {
				out = append(out, codeAt{c.Code, c.Pos})
			}
		}
	}
	return out
}

func (s *Set) codes() []string {
	out := make([]string, 0, len(s.competences))
	for k := range s.competences {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Frameworks returns the frameworks in the order they were given.
func (s *Set) Frameworks() []*Framework { return s.list }

// Get returns the framework with the given id, or nil.
func (s *Set) Get(id string) *Framework { return s.byID[id] }

// IDs returns the framework ids in order.
func (s *Set) IDs() []string {
	out := make([]string, len(s.list))
	for i, f := range s.list {
		out[i] = f.ID
	}
	return out
}

// Competence finds a competence by code in any framework of the set.
func (s *Set) Competence(code string) *Competence { return s.competences[code] }

// Owner returns the framework that defines a domain, area or competence code.
func (s *Set) Owner(code string) *Framework { return s.owner[code] }

// CompetenceCodes returns every competence code in the set, sorted.
func (s *Set) CompetenceCodes() []string { return s.codes() }

// With returns a new set in which the given frameworks replace any of the
// same id and the rest are kept. It is how a user's edited copy of a shipped
// framework is validated beside the others.
func (s *Set) With(fws ...*Framework) (*Set, yamlx.Problems) {
	replace := map[string]bool{}
	for _, f := range fws {
		replace[f.ID] = true
	}
	var all []*Framework
	for _, f := range s.list {
		if !replace[f.ID] {
			all = append(all, f)
		}
	}
	all = append(all, fws...)
	return NewSet(all...)
}
