package assessment

import (
	"math"
	"sort"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Score summarises a group of competences (an area, a domain, everything).
//
// Mean is the average of the ratings given; N/A answers and unanswered
// items are left out of it. Percent is Mean as a share of the top of the
// scale. Level is the scale level nearest to Mean, rounding halves down.
// Coverage is Rated / (Total − NA): how much of what applies has a rating.
type Score struct {
	Total      int     `json:"total"`
	Rated      int     `json:"rated"`
	NA         int     `json:"na"`
	Unanswered int     `json:"unanswered"`
	Mean       float64 `json:"mean"`
	Percent    float64 `json:"percent"`
	Level      int     `json:"level,omitempty"`
	LevelLabel string  `json:"level_label,omitempty"`
	Coverage   float64 `json:"coverage"`
}

// HasMean reports whether anything in the group was rated.
func (s Score) HasMean() bool { return s.Rated > 0 }

// AreaScore is the score of one area, with its target and gap.
type AreaScore struct {
	Framework string `json:"framework"`
	Domain    string `json:"domain"`
	Code      string `json:"code"`
	Title     string `json:"title"`
	Score
	Target int     `json:"target,omitempty"`
	Gap    float64 `json:"gap"` // Target − Mean, when rated; positive means below target
}

// BelowTarget reports whether the area is rated and under its target.
func (a AreaScore) BelowTarget() bool { return a.Rated > 0 && a.Target > 0 && a.Gap > 0 }

// DomainScore is the score of one domain over the areas assessed.
type DomainScore struct {
	Framework string `json:"framework"`
	Code      string `json:"code"`
	Title     string `json:"title"`
	Score
	Target float64 `json:"target,omitempty"` // mean of its areas' targets
}

// NAEntry lists one N/A answer with its reason.
type NAEntry struct {
	Code        string `json:"code"`
	Reason      string `json:"reason"`
	ReasonLabel string `json:"reason_label"`
}

// Need is one development need: a competence rated below its area's target
// or flagged by the person.
type Need struct {
	Rank      int    `json:"rank"`
	Code      string `json:"code"`
	Framework string `json:"framework"`
	Area      string `json:"area"`
	Statement string `json:"statement"`
	Rating    int    `json:"rating,omitempty"`
	Target    int    `json:"target,omitempty"`
	Gap       int    `json:"gap"`
	Flagged   bool   `json:"flagged,omitempty"`
}

// Scores is the whole result of scoring a session.
type Scores struct {
	ScaleMin   int           `json:"scale_min"`
	ScaleMax   int           `json:"scale_max"`
	Overall    Score         `json:"overall"`
	Domains    []DomainScore `json:"domains"`
	Areas      []AreaScore   `json:"areas"`
	NA         []NAEntry     `json:"not_applicable"`
	Unanswered []string      `json:"unanswered"`
	Needs      []Need        `json:"needs"`
	Strengths  []string      `json:"strengths"` // area codes at or above target, strongest first
}

type acc struct {
	total, rated, na, sum int
}

func (a *acc) add(ans Answer) {
	a.total++
	switch {
	case ans.Rating > 0:
		a.rated++
		a.sum += ans.Rating
	case ans.NA:
		a.na++
	}
}

func (a acc) score(scale *framework.Scale) Score {
	s := Score{Total: a.total, Rated: a.rated, NA: a.na, Unanswered: a.total - a.rated - a.na}
	if a.rated > 0 {
		s.Mean = round2(float64(a.sum) / float64(a.rated))
		if scale.Max() > 0 {
			s.Percent = round2(s.Mean / float64(scale.Max()) * 100)
		}
		if l := nearestLevel(scale, s.Mean); l != nil {
			s.Level, s.LevelLabel = l.Value, l.Label
		}
	}
	if applicable := a.total - a.na; applicable > 0 {
		s.Coverage = round2(float64(a.rated) / float64(applicable))
	}
	return s
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func nearestLevel(scale *framework.Scale, mean float64) *framework.Level {
	var best *framework.Level
	bestD := math.Inf(1)
	for _, l := range scale.Levels {
		d := math.Abs(float64(l.Value) - mean)
		if d < bestD-1e-9 { // strictly closer: a tie keeps the lower level
			best, bestD = l, d
		}
	}
	return best
}

// Score computes every score of the session. It is deterministic: the same
// plan and answers always give the same result, in plan order.
func (s *Session) Score() Scores {
	p := s.Plan
	scale := p.Scale()
	out := Scores{ScaleMin: scale.Min(), ScaleMax: scale.Max(), Domains: []DomainScore{}, Areas: []AreaScore{},
		NA: []NAEntry{}, Unanswered: []string{}, Needs: []Need{}, Strengths: []string{}}

	var overall acc
	for _, it := range p.Items {
		a := s.Answer(it.Code())
		overall.add(a)
		switch {
		case a.NA:
			label := a.NAReason
			if r := scale.NAReason(a.NAReason); r != nil {
				label = r.Label
			}
			out.NA = append(out.NA, NAEntry{Code: it.Code(), Reason: a.NAReason, ReasonLabel: label})
		case !a.Answered():
			out.Unanswered = append(out.Unanswered, it.Code())
		}
	}
	out.Overall = overall.score(scale)

	type domKey struct{ fw, code string }
	domAcc := map[domKey]*acc{}
	domTargets := map[domKey][]int{}
	var domOrder []domKey
	for _, ar := range p.Areas {
		var a acc
		for _, c := range ar.Area.Competences {
			a.add(s.Answer(c.Code))
		}
		as := AreaScore{Framework: ar.Framework.ID, Domain: ar.Area.Domain.Code, Code: ar.Area.Code, Title: ar.Area.Title, Score: a.score(scale), Target: ar.Target}
		if as.Rated > 0 && as.Target > 0 {
			as.Gap = round2(float64(as.Target) - as.Mean)
		}
		out.Areas = append(out.Areas, as)

		k := domKey{ar.Framework.ID, ar.Area.Domain.Code}
		d, ok := domAcc[k]
		if !ok {
			d = &acc{}
			domAcc[k] = d
			domOrder = append(domOrder, k)
		}
		d.total += a.total
		d.rated += a.rated
		d.na += a.na
		d.sum += a.sum
		if ar.Target > 0 {
			domTargets[k] = append(domTargets[k], ar.Target)
		}
	}
	for _, k := range domOrder {
		f := p.Set.Get(k.fw)
		dom := f.Domain(k.code)
		ds := DomainScore{Framework: k.fw, Code: k.code, Title: dom.Title, Score: domAcc[k].score(scale)}
		if ts := domTargets[k]; len(ts) > 0 {
			sum := 0
			for _, t := range ts {
				sum += t
			}
			ds.Target = round2(float64(sum) / float64(len(ts)))
		}
		out.Domains = append(out.Domains, ds)
	}

	out.Needs = s.needs()

	var strong []AreaScore
	for _, a := range out.Areas {
		if a.Rated > 0 && a.Target > 0 && a.Mean >= float64(a.Target) {
			strong = append(strong, a)
		}
	}
	sort.SliceStable(strong, func(i, j int) bool { return strong[i].Mean > strong[j].Mean })
	for _, a := range strong {
		out.Strengths = append(out.Strengths, a.Code)
	}
	return out
}

// needs ranks development needs: largest gap first, then those the person
// flagged, then framework order.
func (s *Session) needs() []Need {
	p := s.Plan
	var needs []Need
	for _, it := range p.Items {
		a := s.Answer(it.Code())
		// A crosswalked competence counts in the areas of every framework
		// that holds it; its target is the highest of theirs, so a rating
		// below any of them is a need, as that area's score shows.
		target := 0
		for _, c := range append([]*framework.Competence{it.Competence}, it.Also...) {
			if ar, ok := p.AreaRef(c.Area.Code); ok && ar.Target > target {
				target = ar.Target
			}
		}
		gap := 0
		if a.Rating > 0 && target > a.Rating {
			gap = target - a.Rating
		}
		if gap == 0 && !a.Flag {
			continue
		}
		needs = append(needs, Need{Code: it.Code(), Framework: it.Framework.ID, Area: it.Competence.Area.Code,
			Statement: it.Competence.Statement, Rating: a.Rating, Target: target, Gap: gap, Flagged: a.Flag})
	}
	sort.SliceStable(needs, func(i, j int) bool {
		if needs[i].Gap != needs[j].Gap {
			return needs[i].Gap > needs[j].Gap
		}
		return needs[i].Flagged && !needs[j].Flagged
	})
	for i := range needs {
		needs[i].Rank = i + 1
	}
	return needs
}
