package team

import "github.com/reflect-cpd/reflect/internal/framework"

type areaKey struct{ fw, code string }

type areaAgg struct {
	domain, title string
	assessed      int
	levels        map[int]int
	below         int
	sumMean100    int64
	withNeed      int
}

type compAgg struct {
	area      areaKey
	statement string
	people    int
}

// Aggregate holds the counts over all records read. It never holds
// anything that identifies a person or a record.
type Aggregate struct {
	opt         Options
	areas       map[areaKey]*areaAgg
	comps       map[string]*compAgg
	frameworks  map[string]int
	labels      map[levelKey]string
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
	for _, ac := range c.areas {
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
		ag.assessed += sign
		if _, ok := ag.levels[ac.level]; ok || len(ag.levels) < 20 {
			ag.levels[ac.level] += sign
		}
		if ac.below {
			ag.below += sign
		}
		ag.sumMean100 += int64(sign) * ac.mean100
		if containsKey(needAreas, k) {
			ag.withNeed += sign
		}
	}
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
