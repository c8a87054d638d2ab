package team

import (
	"sort"

	"github.com/reflect-cpd/reflect/internal/framework"
)

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

// Cell is a count that may be suppressed.
type Cell struct {
	N          int
	Suppressed bool
}

// LevelCell is the count of people at one level of the scale.
type LevelCell struct {
	Value int
	Label string
	Cell
}

// AreaRow is one area of the report.
type AreaRow struct {
	Framework, Domain, Code, Title string
	Assessed                       Cell
	RowSuppressed                  bool // fewer than MinGroup assessed: nothing else shown
	Mean                           float64
	Levels                         []LevelCell
	Below                          Cell
	BelowShare                     float64 // percent, when Below is shown
	WithNeed                       Cell
}

// CompetenceNeed is one competence in the top-needs list.
type CompetenceNeed struct {
	Code, Statement string
	People          int
	Share           float64 // percent of those who assessed the area
}

// Resource is a learning resource from the framework's catalogue.
type Resource struct {
	ID, Title, Provider, URL, Kind, Cost string
}

// NeedRow is one area in the top training needs.
type NeedRow struct {
	Rank                     int
	Framework, Code, Title   string
	People                   int
	Assessed                 int
	Share                    float64
	Competences              []CompetenceNeed
	Resources                []Resource
	HiddenCompetencesPresent bool // some competences were left out as too small to show
}

// FrameworkCount is how many records used a framework.
type FrameworkCount struct {
	ID, Title string
	Records   Cell
}

// Report is the anonymous, suppressed view of an Aggregate.
type Report struct {
	MinGroup   int
	Stats      Stats
	TooFew     bool // fewer than MinGroup records: nothing is shown
	Frameworks []FrameworkCount
	Areas      []AreaRow
	TopNeeds   []NeedRow
}

// Report applies suppression and builds the report.
func (a *Aggregate) Report(st Stats) *Report {
	k := a.opt.MinGroup
	rep := &Report{MinGroup: k, Stats: st}
	if a.records < k {
		rep.TooFew = true
		return rep
	}
	for _, id := range sortedFrameworks(a.frameworks) {
		if a.frameworks[id] <= 0 {
			continue
		}
		fc := FrameworkCount{ID: id, Title: id, Records: primary(a.frameworks[id], k)}
		if f := a.fw(id); f != nil {
			fc.Title = f.Title
		}
		rep.Frameworks = append(rep.Frameworks, fc)
	}
	keys := make([]areaKey, 0, len(a.areas))
	for key, ag := range a.areas {
		if ag.assessed > 0 {
			keys = append(keys, key)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return a.less(keys[i], keys[j]) })
	rows := map[areaKey]*AreaRow{}
	for _, key := range keys {
		ag := a.areas[key]
		row := AreaRow{Framework: key.fw, Domain: ag.domain, Code: key.code, Title: ag.title, Assessed: Cell{N: ag.assessed}}
		if f := a.fw(key.fw); f != nil {
			if ar := f.Area(key.code); ar != nil {
				row.Title = ar.Title
			}
		}
		if ag.assessed < k {
			row.RowSuppressed = true
			row.Assessed.Suppressed = true
			rep.Areas = append(rep.Areas, row)
			continue
		}
		row.Mean = float64(ag.sumMean100) / float64(ag.assessed) / 100
		for _, v := range a.scaleValues(key.fw, ag.levels) {
			row.Levels = append(row.Levels, LevelCell{Value: v, Label: a.labels[levelKey{key.fw, v}], Cell: Cell{N: ag.levels[v]}})
		}
		SuppressRow(row.Levels, k)
		row.Below = complementary(ag.below, ag.assessed, k)
		if !row.Below.Suppressed {
			row.BelowShare = pct(ag.below, ag.assessed)
		}
		row.WithNeed = complementary(ag.withNeed, ag.assessed, k)
		rep.Areas = append(rep.Areas, row)
		rows[key] = &rep.Areas[len(rep.Areas)-1]
	}
	rep.TopNeeds = a.topNeeds(rows, k)
	return rep
}

// SuppressRow applies primary and secondary suppression to a row of counts
// that add up to a total which is shown:
//
//   - primary: a count from 1 to k−1 is suppressed;
//   - secondary: while exactly one count is suppressed, or the suppressed
//     counts add up to fewer than k people, the smallest count still shown
//     (zeros included; the lowest level first on ties) is suppressed too.
//
// So the total minus the shown counts never reveals a suppressed count,
// and what the suppressed counts add up to always describes at least k
// people (or nobody).
func SuppressRow(cells []LevelCell, k int) {
	sum, n := 0, 0
	for i := range cells {
		if c := cells[i].N; c > 0 && c < k {
			cells[i].Suppressed = true
			sum += c
			n++
		}
	}
	for n > 0 && (n == 1 || sum < k) {
		best := -1
		for i := range cells {
			if !cells[i].Suppressed && (best < 0 || cells[i].N < cells[best].N) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		cells[best].Suppressed = true
		sum += cells[best].N
		n++
	}
}

// primary suppresses a count from 1 to k−1.
func primary(n, k int) Cell { return Cell{N: n, Suppressed: n > 0 && n < k} }

// complementary suppresses a part of a shown total when either the part
// or the rest describes from 1 to k−1 people (the rest can be worked out).
func complementary(part, total, k int) Cell {
	rest := total - part
	return Cell{N: part, Suppressed: (part > 0 && part < k) || (rest > 0 && rest < k)}
}

func (a *Aggregate) topNeeds(rows map[areaKey]*AreaRow, k int) []NeedRow {
	var out []NeedRow
	for key, row := range rows {
		if row.WithNeed.Suppressed || row.WithNeed.N == 0 {
			continue
		}
		nr := NeedRow{Framework: key.fw, Code: key.code, Title: row.Title, People: row.WithNeed.N, Assessed: row.Assessed.N,
			Share: pct(row.WithNeed.N, row.Assessed.N)}
		out = append(out, nr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].People != out[j].People {
			return out[i].People > out[j].People
		}
		return a.less(areaKey{out[i].Framework, out[i].Code}, areaKey{out[j].Framework, out[j].Code})
	})
	if len(out) > a.opt.TopNeeds {
		out = out[:a.opt.TopNeeds]
	}
	byArea := map[areaKey][]string{}
	for code, ca := range a.comps {
		byArea[ca.area] = append(byArea[ca.area], code)
	}
	for i := range out {
		nr := &out[i]
		nr.Rank = i + 1
		key := areaKey{nr.Framework, nr.Code}
		for _, code := range byArea[key] {
			ca := a.comps[code]
			if ca.people <= 0 {
				continue
			}
			c := complementary(ca.people, nr.Assessed, k)
			if c.Suppressed {
				nr.HiddenCompetencesPresent = true
				continue
			}
			st := ca.statement
			if a.opt.Set != nil {
				if comp := a.opt.Set.Competence(code); comp != nil {
					st = comp.Statement
				}
			}
			nr.Competences = append(nr.Competences, CompetenceNeed{Code: code, Statement: st, People: ca.people, Share: pct(ca.people, nr.Assessed)})
		}
		sort.Slice(nr.Competences, func(x, y int) bool {
			cx, cy := nr.Competences[x], nr.Competences[y]
			if cx.People != cy.People {
				return cx.People > cy.People
			}
			return cx.Code < cy.Code
		})
		if len(nr.Competences) > 5 {
			nr.Competences = nr.Competences[:5]
		}
		if f := a.fw(nr.Framework); f != nil {
			for _, r := range f.ResourcesFor(nr.Code) {
				nr.Resources = append(nr.Resources, Resource{ID: r.ID, Title: r.Title, Provider: r.Provider, URL: r.URL, Kind: r.Kind, Cost: r.Cost})
			}
		}
	}
	return out
}

func (a *Aggregate) fw(id string) *framework.Framework {
	if a.opt.Set == nil {
		return nil
	}
	return a.opt.Set.Get(id)
}

// scaleValues lists the levels to show for a framework: its scale when
// loaded, otherwise the levels seen.
func (a *Aggregate) scaleValues(fw string, seen map[int]int) []int {
	var out []int
	if f := a.fw(fw); f != nil {
		for _, l := range f.EffectiveScale().Levels {
			out = append(out, l.Value)
		}
		return out
	}
	for v := range seen {
		out = append(out, v)
	}
	sort.Ints(out)
	return out
}

// less orders areas as the loaded frameworks do, then by framework id and
// code for areas of frameworks that are not loaded.
func (a *Aggregate) less(x, y areaKey) bool {
	ox, okx := a.areaOrder[x]
	oy, oky := a.areaOrder[y]
	switch {
	case okx && oky:
		return ox < oy
	case okx != oky:
		return okx
	case x.fw != y.fw:
		return x.fw < y.fw
	}
	return x.code < y.code
}

func sortedFrameworks(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func pct(part, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(int(float64(part)*1000/float64(total)+0.5)) / 10
}
