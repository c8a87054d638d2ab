package team

import (
	"sort"
	"strings"
)

// LevelCell is the count of people at one level of the scale (or, in a
// calibration row, with one sign of self − reviewer).
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
	NeedShare                      float64 // percent, when WithNeed is shown
	// Competences lists every competence of the area that anyone needs,
	// most needed first (hidden counts where their true count ranks them).
	Competences []CompetenceNeed
	Calibration *CalibrationRow // nil when no review gives ratings here
}

// CompetenceNeed is one competence people need.
type CompetenceNeed struct {
	Code, Statement string
	People          Cell
	Share           float64 // percent of those who assessed the area, when shown
}

// CalibrationRow is how people's self-ratings stand to their reviewers'
// own ratings in one area: how many have a review that rates there, the
// mean of their self − reviewer, and how many rated themselves higher,
// the same or lower (each person's mean over the competences both rated).
type CalibrationRow struct {
	People        Cell
	RowSuppressed bool
	Mean          float64
	Signs         []LevelCell // self higher, the same, self lower
}

// Resource is a learning resource from the framework's catalogue.
type Resource struct {
	ID, Title, Provider, URL, Kind, Cost string
}

// NeedRow is one area in the top training needs.
type NeedRow struct {
	Rank                     int
	Framework, Code, Title   string
	People                   Cell
	Assessed                 int
	Share                    float64 // percent, when People is shown
	Competences              []CompetenceNeed
	Resources                []Resource
	HiddenCompetencesPresent bool // some competences were left out as too small to show
}

// FrameworkCount is how many records used a framework.
type FrameworkCount struct {
	ID, Title string
	Records   Cell
}

// Withheld names what the report holds back, so that nothing is dropped
// without a word.
type Withheld struct {
	// Banded are the top needs whose count is shown as a band.
	Banded []string
	// NotRanked are the areas assessed by fewer than MinGroup people:
	// hidden, and left out of the ranking.
	NotRanked []string
	// Competences counts the competences under the top needs whose counts
	// are too small to show.
	Competences int
}

// Any reports whether anything is withheld.
func (w Withheld) Any() bool { return len(w.Banded)+len(w.NotRanked) > 0 || w.Competences > 0 }

// GroupCol is one group (column) of a breakdown.
type GroupCol struct {
	Key, Label string
	Records    int
}

// GroupCell is one area's figures for one group.
type GroupCell struct {
	Assessed, Below, WithNeed Cell
	Mean                      float64 // when Assessed is shown
	BelowShare, NeedShare     float64 // percent, when shown
}

// BreakdownRow is one area split over the groups.
type BreakdownRow struct {
	Framework, Code, Title string
	RowSuppressed          bool
	Cells                  []GroupCell
}

// Breakdown is the areas split by profession, role, setting, framework or
// period.
type Breakdown struct {
	Dim    string
	Groups []GroupCol
	// Merged counts the groups with fewer than MinGroup records shown
	// together as "other groups" (or "other periods").
	Merged int
	Rows   []BreakdownRow
}

// Trend reports whether the breakdown is over periods.
func (b *Breakdown) Trend() bool { return IsPeriod(b.Dim) }

// Report is the anonymous, suppressed view of an Aggregate.
type Report struct {
	MinGroup   int
	Stats      Stats
	TooFew     bool // fewer than MinGroup records: nothing is shown
	Frameworks []FrameworkCount
	Areas      []AreaRow
	TopNeeds   []NeedRow
	Withheld   Withheld
	Breakdowns []Breakdown
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
		fc := FrameworkCount{ID: id, Title: id, Records: complementary(a.frameworks[id], a.records, k)}
		if f := a.fw(id); f != nil {
			fc.Title = f.Title
		}
		rep.Frameworks = append(rep.Frameworks, fc)
	}
	keys := a.areaKeys()
	byArea := map[areaKey][]string{}
	for code, ca := range a.comps {
		if ca.people > 0 {
			byArea[ca.area] = append(byArea[ca.area], code)
		}
	}
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
			row.Assessed = primary(ag.assessed, k)
			rep.Areas = append(rep.Areas, row)
			rep.Withheld.NotRanked = append(rep.Withheld.NotRanked, key.code)
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
		if !row.WithNeed.Suppressed {
			row.NeedShare = pct(ag.withNeed, ag.assessed)
		}
		for _, code := range byArea[key] {
			ca := a.comps[code]
			cn := CompetenceNeed{Code: code, Statement: ca.statement, People: complementary(ca.people, ag.assessed, k)}
			if a.opt.Set != nil {
				if comp := a.opt.Set.Competence(code); comp != nil {
					cn.Statement = comp.Statement
				}
			}
			if !cn.People.Suppressed {
				cn.Share = pct(ca.people, ag.assessed)
			}
			row.Competences = append(row.Competences, cn)
		}
		sort.Slice(row.Competences, func(x, y int) bool {
			cx, cy := row.Competences[x], row.Competences[y]
			if cx.People.N != cy.People.N {
				return cx.People.N > cy.People.N
			}
			return cx.Code < cy.Code
		})
		row.Calibration = calibrationRow(ag.calib, k)
		rep.Areas = append(rep.Areas, row)
	}
	rep.TopNeeds = a.topNeeds(rep, k)
	for _, d := range a.dims {
		rep.Breakdowns = append(rep.Breakdowns, a.breakdown(d, rep, k))
	}
	return rep
}

func (a *Aggregate) areaKeys() []areaKey {
	keys := make([]areaKey, 0, len(a.areas))
	for key, ag := range a.areas {
		if ag.assessed > 0 {
			keys = append(keys, key)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return a.less(keys[i], keys[j]) })
	return keys
}

func calibrationRow(c calibAgg, k int) *CalibrationRow {
	if c.people <= 0 {
		return nil
	}
	row := &CalibrationRow{People: primary(c.people, k)}
	if c.people < k {
		row.RowSuppressed = true
		return row
	}
	row.Mean = float64(c.sumGap100) / float64(c.people) / 100
	row.Signs = []LevelCell{{Value: 1, Label: "rated themselves higher", Cell: Cell{N: c.higher}},
		{Value: 2, Label: "the same", Cell: Cell{N: c.same}}, {Value: 3, Label: "rated themselves lower", Cell: Cell{N: c.lower}}}
	SuppressRow(row.Signs, k)
	return row
}

// topNeeds ranks the areas on their true counts of people with a need,
// whether or not the count can be shown: a count that cannot is shown as
// its band, and its place in the ranking is kept. Areas assessed by fewer
// than k people are not ranked (Withheld.NotRanked).
func (a *Aggregate) topNeeds(rep *Report, k int) []NeedRow {
	var out []NeedRow
	for _, row := range rep.Areas {
		if row.RowSuppressed || row.WithNeed.N <= 0 {
			continue
		}
		nr := NeedRow{Framework: row.Framework, Code: row.Code, Title: row.Title, People: row.WithNeed, Assessed: row.Assessed.N, Share: row.NeedShare}
		out = append(out, nr)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].People.N != out[j].People.N {
			return out[i].People.N > out[j].People.N
		}
		return a.less(areaKey{out[i].Framework, out[i].Code}, areaKey{out[j].Framework, out[j].Code})
	})
	if len(out) > a.opt.TopNeeds {
		out = out[:a.opt.TopNeeds]
	}
	rows := map[areaKey]*AreaRow{}
	for i := range rep.Areas {
		rows[areaKey{rep.Areas[i].Framework, rep.Areas[i].Code}] = &rep.Areas[i]
	}
	for i := range out {
		nr := &out[i]
		nr.Rank = i + 1
		if nr.People.Suppressed {
			rep.Withheld.Banded = append(rep.Withheld.Banded, nr.Code)
		}
		for _, c := range rows[areaKey{nr.Framework, nr.Code}].Competences {
			if c.People.Suppressed {
				nr.HiddenCompetencesPresent = true
				rep.Withheld.Competences++
				continue
			}
			if len(nr.Competences) < 5 {
				nr.Competences = append(nr.Competences, c)
			}
		}
		if f := a.fw(nr.Framework); f != nil {
			for _, r := range f.ResourcesFor(nr.Code) {
				nr.Resources = append(nr.Resources, Resource{ID: r.ID, Title: r.Title, Provider: r.Provider, URL: r.URL, Kind: r.Kind, Cost: r.Cost})
			}
		}
	}
	return out
}

// breakdown builds one breakdown: groups with fewer than k records are
// merged (and, if what is merged is itself 1 to k−1 records, the smallest
// group joins them, until it is not), then every area's row is protected
// (ProtectRow) measure by measure.
func (a *Aggregate) breakdown(d *dimAgg, rep *Report, k int) Breakdown {
	b := Breakdown{Dim: d.dim}
	merged := map[string]string{} // group → the column it is shown in
	var keep []string
	small := 0
	for g, n := range d.records {
		switch {
		case n <= 0:
		case n < k:
			merged[g] = groupSmall
			small += n
			b.Merged++
		default:
			keep = append(keep, g)
		}
	}
	sort.Slice(keep, func(i, j int) bool {
		return d.records[keep[i]] < d.records[keep[j]] || (d.records[keep[i]] == d.records[keep[j]] && keep[i] < keep[j])
	})
	for small > 0 && small < k && len(keep) > 0 {
		g := keep[0]
		keep = keep[1:]
		merged[g] = groupSmall
		small += d.records[g]
		b.Merged++
	}
	for _, g := range keep {
		merged[g] = g
	}
	sort.Slice(keep, func(i, j int) bool { return groupLess(d.dim, keep[i], keep[j]) })
	if small > 0 {
		keep = append(keep, groupSmall)
	}
	title := func(id string) string {
		if f := a.fw(id); f != nil {
			return f.ShortTitle
		}
		return id
	}
	col := map[string]int{}
	for i, g := range keep {
		col[g] = i
		n := 0
		for og, into := range merged {
			if into == g {
				n += d.records[og]
			}
		}
		b.Groups = append(b.Groups, GroupCol{Key: g, Label: groupLabel(d.dim, g, title), Records: n})
	}
	for _, row := range rep.Areas {
		key := areaKey{row.Framework, row.Code}
		br := BreakdownRow{Framework: row.Framework, Code: row.Code, Title: row.Title, RowSuppressed: row.RowSuppressed,
			Cells: make([]GroupCell, len(keep))}
		sums := make([]counts, len(keep))
		for g, c := range d.cells[key] {
			if into, ok := merged[g]; ok {
				s := &sums[col[into]]
				s.assessed += c.assessed
				s.below += c.below
				s.withNeed += c.withNeed
				s.sumMean100 += c.sumMean100
			}
		}
		if row.RowSuppressed {
			for i := range br.Cells {
				br.Cells[i] = GroupCell{Assessed: Cell{N: sums[i].assessed, Suppressed: sums[i].assessed > 0, Why: HiddenSecondary}}
			}
			b.Rows = append(b.Rows, br)
			continue
		}
		// Assessed: at most the group's records; the hidden ones must add
		// up to nobody or at least k (their means are not shown, but the
		// area's mean is).
		ac := make([]RowCell, len(keep))
		for i := range keep {
			n := sums[i].assessed
			ac[i] = RowCell{N: n, Max: b.Groups[i].Records, Primary: n > 0 && n < k}
		}
		ProtectRow(ac, row.Assessed.N, row.Assessed.N, k, true)
		measure := func(get func(counts) int, total Cell) []Cell {
			cells := make([]RowCell, len(keep))
			for i := range keep {
				n, of := get(sums[i]), sums[i].assessed
				p := complementary(n, of, k)
				cells[i] = RowCell{N: n, Max: of, Primary: p.Suppressed, HideAlways: ac[i].Hidden}
			}
			lo, hi := total.N, total.N
			if total.Suppressed {
				lo, hi = total.Lo, total.Hi
			}
			ProtectRow(cells, lo, hi, k, false)
			out := make([]Cell, len(keep))
			for i, c := range cells {
				out[i] = Cell{N: c.N, Suppressed: c.Hidden, Of: c.Max}
				if c.Hidden {
					out[i].Why = HiddenSecondary
					if c.Primary {
						out[i].Why = HiddenSmall
					}
				}
			}
			return out
		}
		below := measure(func(c counts) int { return c.below }, row.Below)
		need := measure(func(c counts) int { return c.withNeed }, row.WithNeed)
		for i := range keep {
			gc := GroupCell{Assessed: Cell{N: ac[i].N, Suppressed: ac[i].Hidden}, Below: below[i], WithNeed: need[i]}
			if ac[i].Hidden {
				gc.Assessed.Why = HiddenSecondary
				if ac[i].Primary {
					gc.Assessed.Why = HiddenSmall
				}
			} else if ac[i].N > 0 {
				gc.Mean = float64(sums[i].sumMean100) / float64(ac[i].N) / 100
				if !below[i].Suppressed {
					gc.BelowShare = pct(below[i].N, ac[i].N)
				}
				if !need[i].Suppressed {
					gc.NeedShare = pct(need[i].N, ac[i].N)
				}
			}
			br.Cells[i] = gc
		}
		b.Rows = append(b.Rows, br)
	}
	return b
}

// DimTitle names a breakdown for headings: "By profession", "By quarter".
func DimTitle(dim string) string {
	if IsPeriod(dim) {
		return "Trend by " + dim
	}
	return "By " + dim
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

// joinCodes lists codes for a sentence: "A, B and C".
func joinCodes(codes []string) string {
	switch len(codes) {
	case 0:
		return ""
	case 1:
		return codes[0]
	}
	return strings.Join(codes[:len(codes)-1], ", ") + " and " + codes[len(codes)-1]
}
