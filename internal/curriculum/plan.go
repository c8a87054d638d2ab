package curriculum

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Planning a team's training: which modules of the courses given address
// the most people's needs, with the fewest modules or within a time
// budget.
//
// What is to be covered is a team's needs as `reflect team --format json`
// reports them: for each area, how many people have a need there and, for
// the competences listed, how many need each. A count the report shows
// only as a band counts at the band's lower end (the plan never assumes
// more people than the report admits); an area assessed by too few people
// to show is not planned for, and the plan says so.
//
// How much a module does for an area: each competence the team needs
// there counts with its share of the area's needs (by people), times 1 if
// the module develops or assesses it (itself or an equivalent in another
// framework), ½ if it only introduces it; an area whose needed
// competences are not listed counts by the module's strongest mapping to
// any of its competences. A set of modules does for a competence what the
// best of them does (two introductions are not a development). The value
// of a set is the sum over areas of people with a need × what the set does
// there: "people's needs addressed", in people.
//
// Choosing: greedy, as for weighted set cover — repeatedly the module that
// adds the most (with --hours, the most per hour among those that still
// fit the budget), ties to the shorter module, then the order given;
// stopping when nothing adds anything or nothing fits. With a budget, the
// best single module that fits is also tried, and kept if it does more on
// its own (the usual safeguard for greedy choice under a budget). Greedy
// choice is not always the best possible set, but it is explainable: each
// module is chosen for what it adds that the ones before it do not.

// TeamNeeds is what a plan is made for: a team's needs by area.
type TeamNeeds struct {
	MinGroup int
	Records  int
	Areas    []TeamArea
	// NotShown are areas the team report could not show (too few
	// assessed): not planned for.
	NotShown []string
}

// TeamArea is one area's needs.
type TeamArea struct {
	Framework, Code, Title string
	People                 int  // with a need (the band's lower end when Banded)
	Banded                 bool // the count is the lower end of a band
	Assessed               int
	Competences            []TeamCompetence // needed competences listed, with their people
}

// TeamCompetence is a competence people need in an area.
type TeamCompetence struct {
	Code   string
	People int
	Banded bool
}

// PlanChoice is one module chosen, in order, with why.
type PlanChoice struct {
	Rank       int
	Curriculum *Curriculum
	Module     *Module
	Gain       float64 // people's needs it adds to those before it
	PerHour    float64 // Gain per hour (0 when the module has no duration)
	Areas      []PlanArea
	RunnerUp   *ModuleRef // the module that would have added most after it
	RunnerGain float64
}

// ModuleRef names a module.
type ModuleRef struct {
	Curriculum *Curriculum
	Module     *Module
}

// Cite is how a plan names the module.
func (m ModuleRef) Cite() string {
	return fmt.Sprintf("%s — module %s %q (%s)", m.Curriculum.Title, m.Module.ID, m.Module.Title, m.Curriculum.Provider)
}

// PlanArea is what a chosen module adds in one area.
type PlanArea struct {
	Framework, Code, Title string
	Gain                   float64
	Competences            []string // "ADU.2.2.2 (develops, 12 people)"
}

// Plan is the result.
type Plan struct {
	Needs       *TeamNeeds
	BudgetMin   int // 0: no budget
	Chosen      []PlanChoice
	Minutes     int
	Total       float64 // people's needs in the team (the sum of People)
	Addressed   float64 // by the chosen modules
	Possible    float64 // by all the modules given together
	Unaddressed []TeamArea
	// Untimed are modules left out of a budgeted plan because their time
	// is not known; TooLong those longer than the whole budget.
	Untimed, TooLong []ModuleRef
	// SingleBetter is set when one module alone beat the greedy choice
	// within the budget, and was kept instead.
	SingleBetter bool
}

type planModule struct {
	ref     ModuleRef
	minutes int
	order   int
	// value per area and competence: the strength factor for each needed
	// competence (index in the area's list), or for the area as a whole
	// when none is listed.
	vals map[int][]float64
}

// factor is how much a mapping of strength s does for a need.
func factor(s Strength) float64 {
	switch s {
	case Develops, Assesses:
		return 1
	case Introduces:
		return 0.5
	}
	return 0
}

// PlanTraining chooses modules for the team's needs (see the package
// notes above). budget is in minutes (0 for none).
func PlanTraining(needs *TeamNeeds, curricula []*Curriculum, set *framework.Set, budget int) *Plan {
	p := &Plan{Needs: needs, BudgetMin: budget}
	for _, a := range needs.Areas {
		p.Total += float64(a.People)
	}
	var mods []*planModule
	order := 0
	for _, c := range curricula {
		for _, m := range c.Modules {
			pm := &planModule{ref: ModuleRef{c, m}, minutes: m.Minutes(), order: order, vals: map[int][]float64{}}
			order++
			best := map[string]Strength{}
			for _, s := range m.Sessions {
				for _, o := range s.Outcomes {
					for _, code := range o.Maps.Keys {
						st := o.Maps.Strength[code]
						for _, eq := range append([]string{code}, set.SameAs(code)...) {
							best[eq] = max(best[eq], st)
						}
					}
				}
			}
			for ai, a := range needs.Areas {
				var v []float64
				if len(a.Competences) > 0 {
					for _, tc := range a.Competences {
						v = append(v, factor(best[tc.Code]))
					}
				} else {
					top := None
					if f := set.Get(a.Framework); f != nil {
						if ar := f.Area(a.Code); ar != nil {
							for _, comp := range ar.Competences {
								top = max(top, best[comp.Code])
							}
						}
					}
					v = []float64{factor(top)}
				}
				any := false
				for _, x := range v {
					any = any || x > 0
				}
				if any {
					pm.vals[ai] = v
				}
			}
			if len(pm.vals) == 0 {
				continue
			}
			if budget > 0 {
				switch {
				case pm.minutes <= 0:
					p.Untimed = append(p.Untimed, pm.ref)
					continue
				case pm.minutes > budget:
					p.TooLong = append(p.TooLong, pm.ref)
					continue
				}
			}
			mods = append(mods, pm)
		}
	}
	// weights[ai][ci] is a competence's share of the area's people.
	weights := make([][]float64, len(needs.Areas))
	for ai, a := range needs.Areas {
		if len(a.Competences) == 0 {
			weights[ai] = []float64{float64(a.People)}
			continue
		}
		sum := 0
		for _, tc := range a.Competences {
			sum += max(tc.People, 0)
		}
		for _, tc := range a.Competences {
			w := 0.0
			if sum > 0 {
				w = float64(a.People) * float64(tc.People) / float64(sum)
			}
			weights[ai] = append(weights[ai], w)
		}
	}
	covered := make([][]float64, len(needs.Areas))
	for ai := range covered {
		covered[ai] = make([]float64, len(weights[ai]))
	}
	gainOf := func(pm *planModule, cov [][]float64) float64 {
		g := 0.0
		for ai, v := range pm.vals {
			for ci, x := range v {
				if x > cov[ai][ci] {
					g += weights[ai][ci] * (x - cov[ai][ci])
				}
			}
		}
		return g
	}
	// Possible: everything together.
	all := cloneCov(covered)
	for _, pm := range mods {
		apply(pm, all)
	}
	p.Possible = sumCov(all, weights)

	score := func(pm *planModule, g float64) float64 {
		if budget > 0 && pm.minutes > 0 {
			return g / float64(pm.minutes)
		}
		return g
	}
	better := func(a, b *planModule, ga, gb float64) bool {
		sa, sb := score(a, ga), score(b, gb)
		if sa != sb {
			return sa > sb
		}
		if a.minutes != b.minutes && a.minutes > 0 && b.minutes > 0 {
			return a.minutes < b.minutes
		}
		return a.order < b.order
	}
	used := map[*planModule]bool{}
	left := budget
	for {
		var best, second *planModule
		var bg, sg float64
		for _, pm := range mods {
			if used[pm] || (budget > 0 && pm.minutes > left) {
				continue
			}
			g := gainOf(pm, covered)
			if g <= 1e-9 {
				continue
			}
			switch {
			case best == nil || better(pm, best, g, bg):
				second, sg = best, bg
				best, bg = pm, g
			case second == nil || better(pm, second, g, sg):
				second, sg = pm, g
			}
		}
		if best == nil {
			break
		}
		ch := PlanChoice{Rank: len(p.Chosen) + 1, Curriculum: best.ref.Curriculum, Module: best.ref.Module, Gain: bg, Areas: what(best, covered, weights, needs)}
		if best.minutes > 0 {
			ch.PerHour = bg * 60 / float64(best.minutes)
		}
		if second != nil {
			r := second.ref
			ch.RunnerUp, ch.RunnerGain = &r, sg
		}
		apply(best, covered)
		used[best] = true
		left -= best.minutes
		p.Minutes += max(best.minutes, 0)
		p.Chosen = append(p.Chosen, ch)
	}
	p.Addressed = sumCov(covered, weights)
	if budget > 0 {
		// The best single module that fits, if it alone does more.
		empty := cloneCov(covered)
		for ai := range empty {
			for ci := range empty[ai] {
				empty[ai][ci] = 0
			}
		}
		var top *planModule
		tg := 0.0
		for _, pm := range mods {
			if g := gainOf(pm, empty); g > tg+1e-9 {
				top, tg = pm, g
			}
		}
		if top != nil && tg > p.Addressed+1e-9 {
			p.SingleBetter = true
			ch := PlanChoice{Rank: 1, Curriculum: top.ref.Curriculum, Module: top.ref.Module, Gain: tg, Areas: what(top, empty, weights, needs), PerHour: tg * 60 / float64(top.minutes)}
			apply(top, empty)
			p.Chosen, p.Minutes, p.Addressed, covered = []PlanChoice{ch}, top.minutes, tg, empty
		}
	}
	for ai, a := range needs.Areas {
		if a.People <= 0 {
			continue
		}
		any := false
		for _, x := range covered[ai] {
			any = any || x > 0
		}
		if !any {
			p.Unaddressed = append(p.Unaddressed, a)
		}
	}
	return p
}

func apply(pm *planModule, cov [][]float64) {
	for ai, v := range pm.vals {
		for ci, x := range v {
			cov[ai][ci] = max(cov[ai][ci], x)
		}
	}
}

func cloneCov(c [][]float64) [][]float64 {
	out := make([][]float64, len(c))
	for i := range c {
		out[i] = append([]float64(nil), c[i]...)
	}
	return out
}

func sumCov(cov, w [][]float64) float64 {
	s := 0.0
	for ai := range cov {
		for ci := range cov[ai] {
			s += w[ai][ci] * cov[ai][ci]
		}
	}
	return s
}

// what says what a module adds, area by area, before it is applied.
func what(pm *planModule, cov, w [][]float64, needs *TeamNeeds) []PlanArea {
	var out []PlanArea
	var keys []int
	for ai := range pm.vals {
		keys = append(keys, ai)
	}
	sort.Ints(keys)
	for _, ai := range keys {
		a := needs.Areas[ai]
		pa := PlanArea{Framework: a.Framework, Code: a.Code, Title: a.Title}
		for ci, x := range pm.vals[ai] {
			if x <= cov[ai][ci] {
				continue
			}
			pa.Gain += w[ai][ci] * (x - cov[ai][ci])
			if len(a.Competences) > 0 {
				tc := a.Competences[ci]
				how := "develops or assesses"
				if x < 1 {
					how = "introduces"
				}
				people := fmt.Sprintf("%d", tc.People)
				if tc.Banded {
					people = "at least " + people
				}
				pa.Competences = append(pa.Competences, fmt.Sprintf("%s (%s; needed by %s)", tc.Code, how, people))
			}
		}
		if pa.Gain > 1e-9 {
			out = append(out, pa)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Gain > out[j].Gain })
	return out
}

// PlanRule explains the method in a paragraph, for the reports.
const PlanRule = "How modules are chosen: each area counts the people with a need there (a count the team report shows only as a band counts at its lower end). In each area, a competence the team needs counts with its share of those people, times 1 if a module develops or assesses it (or an equivalent in another framework) and ½ if it only introduces it; a set of modules does for a competence what the best of them does. Modules are chosen one at a time, each the one that adds the most to what those before it address (with --hours, the most per hour among those that still fit), until nothing adds more or nothing fits. This greedy choice is not always the best possible set, but each module is there for what it adds."

// Sentence sums the plan up.
func (p *Plan) Sentence() string {
	s := fmt.Sprintf("%s, %s, address an estimated %.1f of the team's %.1f people's needs (%s)", plural(len(p.Chosen), "module"), timeOrNone(p.Minutes), p.Addressed, p.Total, Pct(pctF(p.Addressed, p.Total)))
	if p.BudgetMin > 0 {
		s += fmt.Sprintf(", within %s", FormatMinutes(p.BudgetMin))
	}
	s += fmt.Sprintf("; all the modules given together would address %.1f (%s).", p.Possible, Pct(pctF(p.Possible, p.Total)))
	return s
}

func pctF(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return 100 * a / b
}

// WhyText is one choice's reason in a sentence.
func (c PlanChoice) WhyText(budget bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Chosen %s because it adds %.1f people's needs to those already addressed", ordinal(c.Rank), c.Gain)
	if budget && c.PerHour > 0 {
		fmt.Fprintf(&b, " (%.1f an hour)", c.PerHour)
	}
	switch {
	case c.RunnerUp != nil && budget:
		fmt.Fprintf(&b, ", more for its time than any other module that still fits; the next best, module %s of %s, would add %.1f", c.RunnerUp.Module.ID, c.RunnerUp.Curriculum.ID, c.RunnerGain)
	case c.RunnerUp != nil:
		fmt.Fprintf(&b, ", more than any other module; the next best, module %s of %s, would add %.1f", c.RunnerUp.Module.ID, c.RunnerUp.Curriculum.ID, c.RunnerGain)
	default:
		b.WriteString(", and no other module adds anything now")
	}
	b.WriteString(".")
	return b.String()
}

func ordinal(n int) string {
	words := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if n >= 1 && n <= len(words) {
		return words[n-1]
	}
	switch {
	case n%10 == 1 && n%100 != 11:
		return fmt.Sprintf("%dst", n)
	case n%10 == 2 && n%100 != 12:
		return fmt.Sprintf("%dnd", n)
	case n%10 == 3 && n%100 != 13:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}
