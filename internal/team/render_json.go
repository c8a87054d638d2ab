package team

import (
	"encoding/json"
	"io"
)

// JSON: every figure of the report, for other tools (reflect curriculum
// plan --needs reads it). A count is {"n": 12}; a suppressed one is
// {"suppressed": true}, with its band where the report shows one:
// {"suppressed": true, "min": 16, "max": 19, "of": 20, "text": "more than 15 of 20"}.
// Nothing suppressed is written as a number.

// ReportMarker is the JSON report's "report" field; JSONVersion its
// "version".
const (
	ReportMarker = "reflect-team"
	JSONVersion  = 1
)

// JCell is a count in the JSON report.
type JCell struct {
	N          *int   `json:"n,omitempty"`
	Suppressed bool   `json:"suppressed,omitempty"`
	Min        int    `json:"min,omitempty"`
	Max        int    `json:"max,omitempty"`
	Of         int    `json:"of,omitempty"`
	Text       string `json:"text,omitempty"`
}

// Value is the count, or the lower end of its band (0 when it has none),
// and whether it is exact.
func (c JCell) Value() (int, bool) {
	if c.N != nil {
		return *c.N, true
	}
	return c.Min, false
}

func (r *Report) jcell(c Cell) JCell {
	if !c.Suppressed {
		n := c.N
		return JCell{N: &n}
	}
	j := JCell{Suppressed: true}
	if c.Band() {
		j.Min, j.Max, j.Of, j.Text = c.Lo, c.Hi, c.Of, c.BandText(r.MinGroup)
	}
	return j
}

// JReport is the JSON report's shape.
type JReport struct {
	Report     string       `json:"report"`
	Version    int          `json:"version"`
	MinGroup   int          `json:"min_group"`
	Method     string       `json:"method"`
	Warning    string       `json:"warning,omitempty"`
	Read       JRead        `json:"read"`
	TooFew     bool         `json:"too_few,omitempty"`
	Frameworks []JFramework `json:"frameworks"`
	Areas      []JArea      `json:"areas"`
	TopNeeds   []JNeed      `json:"top_needs"`
	Withheld   JWithheld    `json:"withheld"`
	Breakdowns []JBreakdown `json:"breakdowns,omitempty"`
	Support    string       `json:"support"`
}

// JRead says what was read.
type JRead struct {
	Records    int `json:"records"`
	Skipped    int `json:"skipped"`
	Duplicates int `json:"older_copies"`
	InProgress int `json:"not_complete_left_out"`
	Incomplete int `json:"not_complete_counted,omitempty"`
}

// JFramework is records per framework.
type JFramework struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Records JCell  `json:"records"`
}

// JLevel is a level's count.
type JLevel struct {
	Value int    `json:"value"`
	Label string `json:"label,omitempty"`
	Count JCell  `json:"count"`
}

// JCompetence is a competence people need.
type JCompetence struct {
	Code      string   `json:"code"`
	Statement string   `json:"statement,omitempty"`
	People    JCell    `json:"people"`
	Share     *float64 `json:"percent,omitempty"`
}

// JCalibration is an area's calibration.
type JCalibration struct {
	People JCell    `json:"people"`
	Mean   *float64 `json:"self_minus_reviewer,omitempty"`
	Higher *JCell   `json:"self_higher,omitempty"`
	Same   *JCell   `json:"same,omitempty"`
	Lower  *JCell   `json:"self_lower,omitempty"`
}

// JArea is one area.
type JArea struct {
	Framework   string        `json:"framework"`
	Domain      string        `json:"domain"`
	Code        string        `json:"code"`
	Title       string        `json:"title"`
	Assessed    JCell         `json:"assessed"`
	Mean        *float64      `json:"mean,omitempty"`
	Levels      []JLevel      `json:"levels,omitempty"`
	Below       *JCell        `json:"below_target,omitempty"`
	BelowShare  *float64      `json:"below_target_percent,omitempty"`
	WithNeed    *JCell        `json:"with_need,omitempty"`
	NeedShare   *float64      `json:"with_need_percent,omitempty"`
	Competences []JCompetence `json:"competences_needed,omitempty"`
	Calibration *JCalibration `json:"calibration,omitempty"`
}

// JNeed is one of the top needs.
type JNeed struct {
	Rank        int           `json:"rank"`
	Framework   string        `json:"framework"`
	Code        string        `json:"code"`
	Title       string        `json:"title"`
	People      JCell         `json:"people"`
	Assessed    int           `json:"assessed"`
	Share       *float64      `json:"percent,omitempty"`
	Competences []JCompetence `json:"competences"`
	Resources   []Resource    `json:"resources,omitempty"`
}

// JWithheld names what is withheld.
type JWithheld struct {
	Banded      []string `json:"shown_as_bands"`
	NotRanked   []string `json:"not_ranked"`
	Competences int      `json:"competences_left_out"`
	Text        string   `json:"text,omitempty"`
}

// JBreakdown is one breakdown.
type JBreakdown struct {
	Dimension string      `json:"dimension"`
	Trend     bool        `json:"trend,omitempty"`
	Merged    int         `json:"groups_merged"`
	Groups    []JGroup    `json:"groups"`
	Rows      []JGroupRow `json:"areas"`
}

// JGroup is a group.
type JGroup struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Records int    `json:"records"`
}

// JGroupRow is an area over the groups.
type JGroupRow struct {
	Framework string       `json:"framework"`
	Code      string       `json:"code"`
	Cells     []JGroupCell `json:"cells"`
}

// JGroupCell is an area in a group.
type JGroupCell struct {
	Group    string   `json:"group"`
	Assessed JCell    `json:"assessed"`
	Mean     *float64 `json:"mean,omitempty"`
	Below    JCell    `json:"below_target"`
	WithNeed JCell    `json:"with_need"`
}

func f64(v float64) *float64 { return &v }

// ToJSON builds the JSON shape.
func (r *Report) ToJSON() JReport {
	st := r.Stats
	out := JReport{Report: ReportMarker, Version: JSONVersion, MinGroup: r.MinGroup, Method: r.Method(), Warning: r.Warning(), TooFew: r.TooFew,
		Read:       JRead{Records: st.Records, Skipped: st.Unreadable, Duplicates: st.Duplicates, InProgress: st.InProgress, Incomplete: st.Incomplete},
		Frameworks: []JFramework{}, Areas: []JArea{}, TopNeeds: []JNeed{},
		Withheld: JWithheld{Banded: nonNil(r.Withheld.Banded), NotRanked: nonNil(r.Withheld.NotRanked), Competences: r.Withheld.Competences, Text: r.WithheldLine()},
		Support:  "Samaritans 116 123 (free, day and night); text SHOUT to 85258; your supervisor or occupational health."}
	if r.TooFew {
		return out
	}
	for _, f := range r.Frameworks {
		out.Frameworks = append(out.Frameworks, JFramework{ID: f.ID, Title: f.Title, Records: r.jcell(f.Records)})
	}
	comps := func(cs []CompetenceNeed) []JCompetence {
		out := []JCompetence{}
		for _, c := range cs {
			jc := JCompetence{Code: c.Code, Statement: c.Statement, People: r.jcell(c.People)}
			if !c.People.Suppressed {
				jc.Share = f64(c.Share)
			}
			out = append(out, jc)
		}
		return out
	}
	for _, a := range r.Areas {
		ja := JArea{Framework: a.Framework, Domain: a.Domain, Code: a.Code, Title: a.Title, Assessed: r.jcell(a.Assessed)}
		if !a.RowSuppressed {
			ja.Mean = f64(round2(a.Mean))
			for _, l := range a.Levels {
				ja.Levels = append(ja.Levels, JLevel{Value: l.Value, Label: l.Label, Count: r.jcell(l.Cell)})
			}
			b, n := r.jcell(a.Below), r.jcell(a.WithNeed)
			ja.Below, ja.WithNeed = &b, &n
			if !a.Below.Suppressed {
				ja.BelowShare = f64(a.BelowShare)
			}
			if !a.WithNeed.Suppressed {
				ja.NeedShare = f64(a.NeedShare)
			}
			ja.Competences = comps(a.Competences)
			if c := a.Calibration; c != nil {
				jc := &JCalibration{People: r.jcell(c.People)}
				if !c.RowSuppressed {
					jc.Mean = f64(round2(c.Mean))
					h, s, l := r.jcell(c.Signs[0].Cell), r.jcell(c.Signs[1].Cell), r.jcell(c.Signs[2].Cell)
					jc.Higher, jc.Same, jc.Lower = &h, &s, &l
				}
				ja.Calibration = jc
			}
		}
		out.Areas = append(out.Areas, ja)
	}
	for _, n := range r.TopNeeds {
		jn := JNeed{Rank: n.Rank, Framework: n.Framework, Code: n.Code, Title: n.Title, People: r.jcell(n.People), Assessed: n.Assessed,
			Competences: comps(n.Competences), Resources: n.Resources}
		if !n.People.Suppressed {
			jn.Share = f64(n.Share)
		}
		out.TopNeeds = append(out.TopNeeds, jn)
	}
	for _, b := range r.Breakdowns {
		jb := JBreakdown{Dimension: b.Dim, Trend: b.Trend(), Merged: b.Merged, Groups: []JGroup{}, Rows: []JGroupRow{}}
		for _, g := range b.Groups {
			jb.Groups = append(jb.Groups, JGroup{Key: publicKey(g.Key), Label: g.Label, Records: g.Records})
		}
		for _, row := range b.Rows {
			jr := JGroupRow{Framework: row.Framework, Code: row.Code}
			for i, c := range row.Cells {
				jc := JGroupCell{Group: publicKey(b.Groups[i].Key), Assessed: r.jcell(c.Assessed), Below: r.jcell(c.Below), WithNeed: r.jcell(c.WithNeed)}
				if row.RowSuppressed {
					jc.Below, jc.WithNeed = JCell{Suppressed: true}, JCell{Suppressed: true}
				}
				if !c.Assessed.Suppressed && c.Assessed.N > 0 {
					jc.Mean = f64(round2(c.Mean))
				}
				jr.Cells = append(jr.Cells, jc)
			}
			jb.Rows = append(jb.Rows, jr)
		}
		out.Breakdowns = append(out.Breakdowns, jb)
	}
	return out
}

// publicKey is a group's key as exports write it.
func publicKey(k string) string {
	switch k {
	case groupSmall:
		return "other-groups"
	case groupMore:
		return "more-groups"
	}
	return k
}

// JSON writes the report as indented JSON.
func JSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r.ToJSON())
}

func round2(f float64) float64 {
	if f < 0 {
		return -float64(int(-f*100+0.5)) / 100
	}
	return float64(int(f*100+0.5)) / 100
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
