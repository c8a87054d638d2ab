package team

import "sort"

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
