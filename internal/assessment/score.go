package assessment

import (
	"math"
	"sort"
	"sync"

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

// prep is what scoring needs from a plan, worked out once when the plan is
// made: for each area, the item that answers each of its competences and
// its domain; for each item, the highest target of the areas that hold it.
// With it, scoring a list of answers looks nothing up by code.
type prep struct {
	areaItems  [][]int // per plan area, the index in Items answering each of its competences
	areaDomain []int   // per plan area, the index in domains
	domains    []prepDomain
	itemTarget []int // per item: a rating below it is a need
}

type prepDomain struct {
	fw     string
	code   string
	title  string
	areas  []int // plan areas in the domain
	target float64
}

func (p *Plan) prepare() {
	pr := &prep{areaItems: make([][]int, len(p.Areas)), areaDomain: make([]int, len(p.Areas)), itemTarget: make([]int, len(p.Items))}
	type domKey struct{ fw, code string }
	domIdx := map[domKey]int{}
	for ai, ar := range p.Areas {
		for _, c := range ar.Area.Competences {
			pr.areaItems[ai] = append(pr.areaItems[ai], p.Index(c.Code))
		}
		k := domKey{ar.Framework.ID, ar.Area.Domain.Code}
		di, ok := domIdx[k]
		if !ok {
			di = len(pr.domains)
			domIdx[k] = di
			title := ""
			if d := ar.Framework.Domain(k.code); d != nil {
				title = d.Title
			}
			pr.domains = append(pr.domains, prepDomain{fw: k.fw, code: k.code, title: title})
		}
		pr.areaDomain[ai] = di
		pr.domains[di].areas = append(pr.domains[di].areas, ai)
	}
	for di := range pr.domains {
		sum, n := 0, 0
		for _, ai := range pr.domains[di].areas {
			if t := p.Areas[ai].Target; t > 0 {
				sum += t
				n++
			}
		}
		if n > 0 {
			pr.domains[di].target = round2(float64(sum) / float64(n))
		}
	}
	// A crosswalked competence counts in the areas of every framework that
	// holds it; its target is the highest of theirs, so a rating below any
	// of them is a need, as that area's score shows.
	for i, it := range p.Items {
		for _, c := range append([]*framework.Competence{it.Competence}, it.Also...) {
			if ar, ok := p.AreaRef(c.Area.Code); ok && ar.Target > pr.itemTarget[i] {
				pr.itemTarget[i] = ar.Target
			}
		}
	}
	p.prep = pr
}

// Score computes every score of the session. It is deterministic: the same
// plan and answers always give the same result, in plan order.
func (s *Session) Score() Scores {
	p := s.Plan
	return p.score(func(i int) Answer { return s.Answer(p.Items[i].Code()) })
}

// ScoreAnswers scores a list of answers as a record keeps them, without a
// session: the same rules as Session.Score, for readers of many records.
// Answers for competences the plan does not ask are left out (check them
// first); a rating given with N/A counts as the rating, as Restore does.
func (p *Plan) ScoreAnswers(answers []Answer) Scores {
	idx := make([]int32, len(p.Items))
	for i := range idx {
		idx[i] = -1
	}
	for j, a := range answers {
		if i := p.Index(a.Code); i >= 0 {
			idx[i] = int32(j)
		}
	}
	return p.score(func(i int) Answer {
		j := idx[i]
		if j < 0 {
			return Answer{Code: p.Items[i].Code()}
		}
		a := answers[j]
		a.Code = p.Items[i].Code()
		if a.Rating > 0 && a.NA {
			a.NA, a.NAReason = false, ""
		}
		return a
	})
}

// score computes every score from the answer to each item (by index).
func (p *Plan) score(answer func(i int) Answer) Scores {
	scale := p.Scale()
	pr := p.prep
	out := Scores{ScaleMin: scale.Min(), ScaleMax: scale.Max(), Domains: make([]DomainScore, 0, len(pr.domains)), Areas: make([]AreaScore, 0, len(p.Areas)),
		NA: []NAEntry{}, Unanswered: []string{}, Needs: []Need{}, Strengths: []string{}}

	bp := densePool.Get().(*[]Answer)
	defer densePool.Put(bp)
	if cap(*bp) < len(p.Items) {
		*bp = make([]Answer, len(p.Items))
	}
	answers := (*bp)[:len(p.Items)]
	var overall acc
	for i, it := range p.Items {
		a := answer(i)
		answers[i] = a
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

	domAcc := make([]acc, len(pr.domains))
	for ai, ar := range p.Areas {
		var a acc
		for _, i := range pr.areaItems[ai] {
			a.add(answers[i])
		}
		as := AreaScore{Framework: ar.Framework.ID, Domain: ar.Area.Domain.Code, Code: ar.Area.Code, Title: ar.Area.Title, Score: a.score(scale), Target: ar.Target}
		if as.Rated > 0 && as.Target > 0 {
			as.Gap = round2(float64(as.Target) - as.Mean)
		}
		out.Areas = append(out.Areas, as)
		d := &domAcc[pr.areaDomain[ai]]
		d.total += a.total
		d.rated += a.rated
		d.na += a.na
		d.sum += a.sum
	}
	for di, dom := range pr.domains {
		out.Domains = append(out.Domains, DomainScore{Framework: dom.fw, Code: dom.code, Title: dom.title, Score: domAcc[di].score(scale), Target: dom.target})
	}

	out.Needs = p.needs(answers)

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

// densePool holds the answer-per-item slices score works in, so that a
// reader scoring thousands of records does not allocate one for each.
var densePool = sync.Pool{New: func() any { return new([]Answer) }}

// needs ranks development needs: largest gap first, then those the person
// flagged, then framework order.
func (p *Plan) needs(answers []Answer) []Need {
	gapOf := func(i int) int {
		if a := answers[i]; a.Rating > 0 && p.prep.itemTarget[i] > a.Rating {
			return p.prep.itemTarget[i] - a.Rating
		}
		return 0
	}
	n := 0
	for i := range p.Items {
		if gapOf(i) > 0 || answers[i].Flag {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	needs := make([]Need, 0, n)
	for i, it := range p.Items {
		a := answers[i]
		target := p.prep.itemTarget[i]
		gap := gapOf(i)
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
