package curriculum

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// How a module addresses a need.
const (
	HowDirect     = "direct"     // an outcome maps to the need's competence
	HowEquivalent = "equivalent" // to an equivalent competence in another framework
	HowArea       = "area"       // only to other competences of the same area
)

// Hit is one need that a module addresses.
type Hit struct {
	Need     assessment.Need
	How      string
	Code     string   // the competence the module's outcome maps to
	Strength Strength // the strongest such mapping
	Outcome  OutcomeRef
	Points   int // before weighting by the need's gap
}

// ModuleMatch is a module with the needs it addresses and its score.
type ModuleMatch struct {
	Curriculum *Curriculum
	Module     *Module
	// Points is the sum over the needs addressed; Fit weighs the course's
	// setting against the person's; Score is Points × Fit.Weight, what
	// modules are ranked by.
	Points int
	Fit    Fit
	Score  float64
	Hits   []Hit
}

// ScoreText is the score as reports show it: "24", or "12 (24 × 1/2)".
func (m *ModuleMatch) ScoreText() string {
	if m.Fit.Weight == 1 {
		return fmt.Sprintf("%d", m.Points)
	}
	frac := "1/2"
	if m.Fit.Weight == 0.75 {
		frac = "3/4"
	}
	return fmt.Sprintf("%s (%d × %s)", trimFloat(m.Score), m.Points, frac)
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// Direct counts the needs the module addresses through the competence
// itself or an equivalent (not only through its area).
func (m *ModuleMatch) Direct() int {
	n := 0
	for _, h := range m.Hits {
		if h.How != HowArea {
			n++
		}
	}
	return n
}

// Cite is how a development plan can name the module.
func (m *ModuleMatch) Cite() string {
	return fmt.Sprintf("%s — module %s %q (%s)", m.Curriculum.Title, m.Module.ID, m.Module.Title, m.Curriculum.Provider)
}

// MatchResult ranks modules against a person's development needs.
type MatchResult struct {
	Person      Person
	Settings    []string // the person's settings, as read from Person
	Needs       []assessment.Need
	Modules     []*ModuleMatch
	Unaddressed []assessment.Need
}

// Points for how a module addresses a need: the strength counts double
// when the outcome maps to the competence itself or an equivalent one;
// touching only the same area counts 1.
func points(how string, s Strength) int {
	if how == HowArea {
		return 1
	}
	return 2 * int(s)
}

// NeedWeight is how much a need counts: its gap to the target, at least 1
// (a need the person flagged without a gap counts 1).
func NeedWeight(n assessment.Need) int { return max(n.Gap, 1) }

// Match finds, for each module of each curriculum, the needs it addresses
// and scores it: for each need, the need's weight (its gap, at least 1)
// times the points of the module's best mapping for it — 6 for assesses,
// 4 for develops, 2 for introduces, whether to the competence itself or an
// equivalent in another framework; 1 when the module only maps to other
// competences of the same area. The sum is weighed by how the course's
// setting suits the person's (FitOf): × 1 for their setting or when it
// cannot be told, × 3/4 for a related setting, × 1/2 for an unrelated
// one. Modules are ranked by that score, then by the number of needs
// addressed directly, then shorter first, then in the order given.
// Modules that address no need are left out.
func Match(needs []assessment.Need, curricula []*Curriculum, set *framework.Set, person Person) *MatchResult {
	res := &MatchResult{Person: person, Settings: person.Settings(), Needs: needs}
	type key struct{ ci, mi int }
	order := map[*ModuleMatch]key{}
	addressed := map[string]bool{}
	for ci, c := range curricula {
		fit := FitOf(c.CourseSettings(), res.Settings)
		for mi, m := range c.Modules {
			mm := &ModuleMatch{Curriculum: c, Module: m, Fit: fit}
			var maps []Mapping
			for _, s := range m.Sessions {
				for _, o := range s.Outcomes {
					for _, k := range o.Maps.Keys {
						maps = append(maps, Mapping{OutcomeRef: OutcomeRef{c, m, s, o}, Code: k, Strength: o.Maps.Strength[k]})
					}
				}
			}
			for _, n := range needs {
				if h, ok := bestHit(n, maps, set); ok {
					mm.Hits = append(mm.Hits, h)
					mm.Points += NeedWeight(n) * h.Points
					addressed[n.Code] = true
				}
			}
			mm.Score = float64(mm.Points) * fit.Weight
			if mm.Points > 0 {
				res.Modules = append(res.Modules, mm)
				order[mm] = key{ci, mi}
			}
		}
	}
	sort.SliceStable(res.Modules, func(i, j int) bool {
		a, b := res.Modules[i], res.Modules[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Direct() != b.Direct() {
			return a.Direct() > b.Direct()
		}
		if am, bm := a.Module.Minutes(), b.Module.Minutes(); am != bm && am > 0 && bm > 0 {
			return am < bm
		}
		ka, kb := order[a], order[b]
		if ka.ci != kb.ci {
			return ka.ci < kb.ci
		}
		return ka.mi < kb.mi
	})
	for _, n := range needs {
		if !addressed[n.Code] {
			res.Unaddressed = append(res.Unaddressed, n)
		}
	}
	return res
}

func bestHit(n assessment.Need, maps []Mapping, set *framework.Set) (Hit, bool) {
	var best Hit
	found := false
	equivalents := map[string]bool{}
	for _, e := range set.SameAs(n.Code) {
		equivalents[e] = true
	}
	for _, mp := range maps {
		var how string
		switch {
		case mp.Code == n.Code:
			how = HowDirect
		case equivalents[mp.Code]:
			how = HowEquivalent
		default:
			comp := set.Competence(mp.Code)
			if comp == nil || comp.Area == nil || n.Area == "" || comp.Area.Code != n.Area {
				continue
			}
			how = HowArea
		}
		p := points(how, mp.Strength)
		if !found || p > best.Points || p == best.Points && how == HowDirect && best.How != HowDirect {
			best = Hit{Need: n, How: how, Code: mp.Code, Strength: mp.Strength, Outcome: mp.OutcomeRef, Points: p}
			found = true
		}
	}
	return best, found
}
