package curriculum

import (
	"github.com/reflect-cpd/reflect/internal/framework"
)

// OutcomeRef locates an outcome in its curriculum.
type OutcomeRef struct {
	Curriculum *Curriculum
	Module     *Module
	Session    *Session
	Outcome    *Outcome
}

// Mapping is one outcome → competence line of a curriculum.
type Mapping struct {
	OutcomeRef
	Code     string
	Strength Strength
}

// Tally counts a group of competences by how the curriculum covers them.
type Tally struct {
	Competences int
	// Covered counts competences that an outcome maps to directly.
	Covered int
	// Strongest counts covered competences by their strongest mapping:
	// Strongest[Introduces], Strongest[Develops], Strongest[Assesses].
	Strongest [4]int
	// Equivalent counts competences not mapped directly but through an
	// equivalent competence of another framework (the crosswalk).
	Equivalent int
}

// Uncovered is the number of competences addressed neither directly nor
// through an equivalent.
func (t Tally) Uncovered() int { return t.Competences - t.Covered - t.Equivalent }

// Percent is the share of competences covered directly, 0–100.
func (t Tally) Percent() float64 {
	if t.Competences == 0 {
		return 0
	}
	return 100 * float64(t.Covered) / float64(t.Competences)
}

// PercentWithEquivalents is the share covered directly or through an
// equivalent, 0–100.
func (t Tally) PercentWithEquivalents() float64 {
	if t.Competences == 0 {
		return 0
	}
	return 100 * float64(t.Covered+t.Equivalent) / float64(t.Competences)
}

func (t *Tally) add(o Tally) {
	t.Competences += o.Competences
	t.Covered += o.Covered
	t.Equivalent += o.Equivalent
	for i := range t.Strongest {
		t.Strongest[i] += o.Strongest[i]
	}
}

// CompetenceCoverage is how the curriculum covers one competence.
type CompetenceCoverage struct {
	Competence *framework.Competence
	// Strength is the strongest direct mapping (None when not mapped).
	Strength Strength
	// Modules holds the strongest direct mapping in each module, in
	// curriculum order.
	Modules []Strength
	// Equivalent is the strongest mapping to an equivalent competence of
	// another framework, EquivalentModules the same per module, and
	// EquivalentCodes the equivalent codes that were mapped.
	Equivalent        Strength
	EquivalentModules []Strength
	EquivalentCodes   []string
	// Near lists the close and related competences of other frameworks
	// (the typed crosswalk) that outcomes address, each with its strongest
	// mapping. They are shown beside the competence and never count as
	// covering it.
	Near []Near
	// Outcomes are the direct mappings, in curriculum order.
	Outcomes []Mapping
}

// Near is a close or related competence that the curriculum addresses.
type Near struct {
	Code     string
	Type     string // framework.LinkClose or framework.LinkRelated
	Strength Strength
}

// AreaCoverage is how the curriculum covers an area.
type AreaCoverage struct {
	Area        *framework.Area
	Tally       Tally
	Competences []*CompetenceCoverage
	// Sessions counts the sessions with an outcome mapped to a competence
	// of the area, and Minutes their time (each session counted once).
	Sessions int
	Minutes  int
	// ByModule summarises the area in each module, in curriculum order:
	// the area × module heat map.
	ByModule []ModuleArea
}

// ModuleArea is what one module does for one area: how many of the
// area's competences it addresses directly and the strongest mapping, and
// how many only through an equivalent competence of another framework.
type ModuleArea struct {
	Addressed  int
	Strongest  Strength
	Equivalent int
}

// Share is the part of the area's competences the module addresses
// directly, 0–1.
func (a *AreaCoverage) Share(module int) float64 {
	if a.Tally.Competences == 0 {
		return 0
	}
	return float64(a.ByModule[module].Addressed) / float64(a.Tally.Competences)
}

// DomainCoverage is how the curriculum covers a domain.
type DomainCoverage struct {
	Domain *framework.Domain
	Tally  Tally
	Areas  []*AreaCoverage
}

// FrameworkCoverage is how the curriculum covers one framework.
type FrameworkCoverage struct {
	Framework *framework.Framework
	Tally     Tally
	Domains   []*DomainCoverage
}

// Gaps returns the areas that have competences the curriculum does not
// address (directly or through an equivalent), each with those
// competences, in framework order.
func (fc *FrameworkCoverage) Gaps() []*AreaCoverage {
	var out []*AreaCoverage
	for _, d := range fc.Domains {
		for _, a := range d.Areas {
			gap := &AreaCoverage{Area: a.Area, Tally: a.Tally}
			for _, c := range a.Competences {
				if c.Strength == None && c.Equivalent == None {
					gap.Competences = append(gap.Competences, c)
				}
			}
			if len(gap.Competences) > 0 {
				out = append(out, gap)
			}
		}
	}
	return out
}

// IntroducedOnly returns the competences whose strongest direct mapping is
// "introduces": touched, but never developed or assessed.
func (fc *FrameworkCoverage) IntroducedOnly() []*CompetenceCoverage {
	var out []*CompetenceCoverage
	for _, c := range fc.All() {
		if c.Strength == Introduces {
			out = append(out, c)
		}
	}
	return out
}

// All returns every competence's coverage in framework order.
func (fc *FrameworkCoverage) All() []*CompetenceCoverage {
	var out []*CompetenceCoverage
	for _, d := range fc.Domains {
		for _, a := range d.Areas {
			out = append(out, a.Competences...)
		}
	}
	return out
}

// Map is a curriculum's coverage of one or more frameworks.
type Map struct {
	Curriculum *Curriculum
	Frameworks []*FrameworkCoverage
	// Unmapped are the outcomes mapped to no competence.
	Unmapped []OutcomeRef
	// Elsewhere are mappings to competences of frameworks not in the
	// report.
	Elsewhere []Mapping
	// Outcomes and Mappings count the curriculum's outcomes and its
	// outcome → competence lines.
	Outcomes, Mappings int
	// Profile is the coverage of a role profile, when one was asked for
	// (CoverProfile).
	Profile *ProfileCoverage
}

// Mappings lists every outcome → competence line of the curriculum.
func (c *Curriculum) Mappings() []Mapping {
	var out []Mapping
	for _, m := range c.Modules {
		for _, s := range m.Sessions {
			for _, o := range s.Outcomes {
				for _, k := range o.Maps.Keys {
					out = append(out, Mapping{OutcomeRef: OutcomeRef{c, m, s, o}, Code: k, Strength: o.Maps.Strength[k]})
				}
			}
		}
	}
	return out
}

// DefaultFrameworks chooses the frameworks to report a curriculum
// against: those it lists, or else those its codes belong to, in the
// set's order.
func DefaultFrameworks(c *Curriculum, set *framework.Set) []*framework.Framework {
	var out []*framework.Framework
	if len(c.Frameworks) > 0 {
		for _, id := range c.Frameworks {
			if f := set.Get(id); f != nil {
				out = append(out, f)
			}
		}
		return out
	}
	used := map[string]bool{}
	for _, code := range c.Codes() {
		if f := set.Owner(code); f != nil {
			used[f.ID] = true
		}
	}
	for _, f := range set.Frameworks() {
		if used[f.ID] {
			out = append(out, f)
		}
	}
	return out
}

// Coverage works out what c covers of each framework in fws. Codes are
// looked up in set, which must hold fws and every framework c maps to;
// equivalents come from the set's crosswalk.
func Coverage(c *Curriculum, set *framework.Set, fws []*framework.Framework) *Map {
	out := &Map{Curriculum: c}
	idx := map[*Module]int{}
	for i, m := range c.Modules {
		idx[m] = i
	}
	direct := map[string][]Mapping{}
	for _, m := range c.Modules {
		for _, s := range m.Sessions {
			for _, o := range s.Outcomes {
				out.Outcomes++
				if len(o.Maps.Keys) == 0 {
					out.Unmapped = append(out.Unmapped, OutcomeRef{c, m, s, o})
				}
			}
		}
	}
	for _, mp := range c.Mappings() {
		out.Mappings++
		direct[mp.Code] = append(direct[mp.Code], mp)
	}
	reported := map[string]bool{}
	for _, f := range fws {
		reported[f.ID] = true
	}
	for _, f := range fws {
		out.Frameworks = append(out.Frameworks, coverFramework(f, set, c, direct, idx))
	}
	for _, mp := range c.Mappings() {
		if owner := set.Owner(mp.Code); owner == nil || !reported[owner.ID] {
			out.Elsewhere = append(out.Elsewhere, mp)
		}
	}
	return out
}

func coverFramework(f *framework.Framework, set *framework.Set, c *Curriculum, direct map[string][]Mapping, idx map[*Module]int) *FrameworkCoverage {
	fc := &FrameworkCoverage{Framework: f}
	for _, d := range f.Domains {
		dc := &DomainCoverage{Domain: d}
		for _, a := range d.Areas {
			ac := &AreaCoverage{Area: a, ByModule: make([]ModuleArea, len(c.Modules))}
			sessions := map[*Session]bool{}
			for _, comp := range a.Competences {
				cc := &CompetenceCoverage{Competence: comp, Modules: make([]Strength, len(c.Modules)), EquivalentModules: make([]Strength, len(c.Modules))}
				for _, mp := range direct[comp.Code] {
					cc.Outcomes = append(cc.Outcomes, mp)
					cc.Strength = max(cc.Strength, mp.Strength)
					i := idx[mp.Module]
					cc.Modules[i] = max(cc.Modules[i], mp.Strength)
					if !sessions[mp.Session] {
						sessions[mp.Session] = true
						ac.Sessions++
						ac.Minutes += mp.Session.Duration.Minutes
					}
				}
				for _, eq := range set.SameAs(comp.Code) {
					for _, mp := range direct[eq] {
						if !contains(cc.EquivalentCodes, eq) {
							cc.EquivalentCodes = append(cc.EquivalentCodes, eq)
						}
						cc.Equivalent = max(cc.Equivalent, mp.Strength)
						i := idx[mp.Module]
						cc.EquivalentModules[i] = max(cc.EquivalentModules[i], mp.Strength)
					}
				}
				for _, l := range set.Related(comp.Code) {
					best := None
					for _, mp := range direct[l.Code] {
						best = max(best, mp.Strength)
					}
					if best != None {
						cc.Near = append(cc.Near, Near{Code: l.Code, Type: l.Type, Strength: best})
					}
				}
				for i := range c.Modules {
					bm := &ac.ByModule[i]
					switch {
					case cc.Modules[i] != None:
						bm.Addressed++
						bm.Strongest = max(bm.Strongest, cc.Modules[i])
					case cc.EquivalentModules[i] != None:
						bm.Equivalent++
					}
				}
				ac.Tally.Competences++
				switch {
				case cc.Strength != None:
					ac.Tally.Covered++
					ac.Tally.Strongest[cc.Strength]++
				case cc.Equivalent != None:
					ac.Tally.Equivalent++
				}
				ac.Competences = append(ac.Competences, cc)
			}
			dc.Tally.add(ac.Tally)
			dc.Areas = append(dc.Areas, ac)
		}
		fc.Tally.add(dc.Tally)
		fc.Domains = append(fc.Domains, dc)
	}
	return fc
}
