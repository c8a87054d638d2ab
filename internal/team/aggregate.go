package team

import "github.com/reflect-cpd/reflect/internal/framework"

type areaKey struct{ fw, code string }

// counts are what a group of people adds up to in one area.
type counts struct {
	assessed   int
	below      int
	withNeed   int
	sumMean100 int64
}

func (c *counts) add(ac *areaC, need bool, sign int) {
	c.assessed += sign
	if ac.below {
		c.below += sign
	}
	if need {
		c.withNeed += sign
	}
	c.sumMean100 += int64(sign) * ac.mean100
}

// calibAgg counts, in one area, the people whose latest review gives
// ratings there, by the sign of their mean self − reviewer, and the sum
// of those means (×100, rounded).
type calibAgg struct {
	people, higher, same, lower int
	sumGap100                   int64
}

type areaAgg struct {
	domain, title string
	counts
	levels map[int]int
	calib  calibAgg
}

type compAgg struct {
	area      areaKey
	statement string
	people    int
}

// dimAgg holds one breakdown: the records in each group and, per area,
// each group's counts.
type dimAgg struct {
	dim     string
	records map[string]int
	cells   map[areaKey]map[string]*counts
}

// Aggregate holds the counts over all records read. It never holds
// anything that identifies a person or a record.
type Aggregate struct {
	opt         Options
	areas       map[areaKey]*areaAgg
	comps       map[string]*compAgg
	frameworks  map[string]int
	labels      map[levelKey]string
	dims        []*dimAgg
	records     int
	inProgress  int
	incomplete  int // counted although not complete (IncludeIncomplete)
	overflow    bool
	areaOrder   map[areaKey]int // position in the loaded frameworks, when known
	unknownArea int
}

func newAggregate(opt Options) *Aggregate {
	if opt.MinGroup <= 0 {
		opt.MinGroup = DefaultMinGroup
	}
	if opt.TopNeeds <= 0 {
		opt.TopNeeds = 10
	}
	a := &Aggregate{opt: opt, areas: map[areaKey]*areaAgg{}, comps: map[string]*compAgg{},
		frameworks: map[string]int{}, labels: map[levelKey]string{}, areaOrder: map[areaKey]int{}}
	for _, d := range opt.dims() {
		a.dims = append(a.dims, &dimAgg{dim: d, records: map[string]int{}, cells: map[areaKey]map[string]*counts{}})
	}
	if opt.Set != nil {
		i := 0
		for _, f := range opt.Set.Frameworks() {
			for _, ar := range f.Areas() {
				a.areaOrder[areaKey{f.ID, ar.Code}] = i
				i++
			}
			for _, l := range f.EffectiveScale().Levels {
				a.labels[levelKey{f.ID, l.Value}] = l.Label
			}
		}
	}
	return a
}

// add adds a record's contribution (sign +1) or takes it away again
// (sign −1, when a newer copy of the same record turns up).
func (a *Aggregate) add(c *contribution, sign int) {
	if c.inProgress {
		a.inProgress += sign
		return
	}
	if c.incomplete {
		a.incomplete += sign
	}
	a.records += sign
	for _, fw := range c.fws {
		if _, ok := a.frameworks[fw]; ok || len(a.frameworks) < 100 {
			a.frameworks[fw] += sign
		}
	}
	for k, v := range c.labels {
		if old, ok := a.labels[k]; (!ok && len(a.labels) < 1000) || (ok && v < old) {
			a.labels[k] = v
		}
	}
	groups := make([]string, len(a.dims))
	for i, d := range a.dims {
		g := groupMore
		if i < len(c.groups) {
			g = c.groups[i]
		}
		if _, ok := d.records[g]; !ok && len(d.records) >= maxGroups {
			g = groupMore
			a.overflow = a.overflow || sign > 0
		}
		d.records[g] += sign
		groups[i] = g
	}
	var needAreas []areaKey
	for _, n := range c.needs {
		k := areaKey{n.fw, n.area}
		if !containsKey(needAreas, k) {
			needAreas = append(needAreas, k)
		}
		ca, ok := a.comps[n.code]
		if !ok {
			if len(a.comps) >= maxCompetences || sign < 0 {
				a.overflow = a.overflow || sign > 0
				continue
			}
			ca = &compAgg{area: k, statement: n.statement}
			a.comps[n.code] = ca
		}
		ca.people += sign
		if n.statement < ca.statement {
			ca.statement = n.statement // deterministic whatever the order
		}
	}
	for i := range c.areas {
		ac := &c.areas[i]
		k := areaKey{ac.fw, ac.code}
		ag, ok := a.areas[k]
		if !ok {
			if len(a.areas) >= maxAreas || sign < 0 {
				a.overflow = a.overflow || sign > 0
				continue
			}
			ag = &areaAgg{domain: ac.domain, title: ac.title, levels: map[int]int{}}
			a.areas[k] = ag
		}
		if ac.title < ag.title {
			ag.title = ac.title
		}
		need := containsKey(needAreas, k)
		ag.counts.add(ac, need, sign)
		if _, ok := ag.levels[ac.level]; ok || len(ag.levels) < 20 {
			ag.levels[ac.level] += sign
		}
		if ac.gapN > 0 {
			cb := &ag.calib
			cb.people += sign
			cb.sumGap100 += int64(sign) * roundDiv100(ac.gapSum, ac.gapN)
			switch {
			case ac.gapSum > 0:
				cb.higher += sign
			case ac.gapSum < 0:
				cb.lower += sign
			default:
				cb.same += sign
			}
		}
		for di, d := range a.dims {
			row := d.cells[k]
			if row == nil {
				row = map[string]*counts{}
				d.cells[k] = row
			}
			cell := row[groups[di]]
			if cell == nil {
				cell = &counts{}
				row[groups[di]] = cell
			}
			cell.add(ac, need, sign)
		}
	}
}

// roundDiv100 is 100·sum/n rounded to the nearest whole number, halves
// away from zero.
func roundDiv100(sum, n int) int64 {
	v := int64(sum) * 100
	if v >= 0 {
		return (v + int64(n)/2) / int64(n)
	}
	return -((-v + int64(n)/2) / int64(n))
}

func containsKey(ks []areaKey, k areaKey) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func (a *Aggregate) fw(id string) *framework.Framework {
	if a.opt.Set == nil {
		return nil
	}
	return a.opt.Set.Get(id)
}
