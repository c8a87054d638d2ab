package team

import (
	"io"

	"github.com/parquet-go/parquet-go"
)

// The report as Parquet, for warehouses: the same suppressed tables as
// every other format, in one long table, a row per figure. A suppressed
// count is null with suppressed = true, and its band's ends where the
// report shows one; nothing suppressed is ever written as a number.
//
//	kind       areas | levels | competences | top_needs | frameworks | groups | breakdown | calibration | read
//	measure    what the row counts: assessed, mean, below_target, with_need, people, records, level, …
//	count      the count (null when suppressed or for a mean)
//	value      a mean, a share (percent) or a self − reviewer mean

// TableRow is one row of the Parquet report.
type TableRow struct {
	Kind       string   `parquet:"kind,dict"`
	Framework  *string  `parquet:"framework,optional,dict"`
	Area       *string  `parquet:"area,optional,dict"`
	Code       *string  `parquet:"code,optional,dict"`
	Title      *string  `parquet:"title,optional,dict"`
	Dimension  *string  `parquet:"dimension,optional,dict"`
	Group      *string  `parquet:"group,optional,dict"`
	Measure    string   `parquet:"measure,dict"`
	Level      *int32   `parquet:"level,optional"`
	Rank       *int32   `parquet:"rank,optional"`
	Count      *int64   `parquet:"count,optional"`
	Value      *float64 `parquet:"value,optional"`
	Suppressed bool     `parquet:"suppressed"`
	BandMin    *int64   `parquet:"band_min,optional"`
	BandMax    *int64   `parquet:"band_max,optional"`
	MinGroup   int32    `parquet:"min_group"`
}

func sp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func i32(v int) *int32 {
	x := int32(v)
	return &x
}

// Rows lists the report as rows of the long table.
func (r *Report) Rows() []TableRow {
	k := int32(r.MinGroup)
	var out []TableRow
	cnt := func(row TableRow, c Cell) TableRow {
		row.MinGroup = k
		if c.Suppressed {
			row.Suppressed = true
			if c.Band() {
				lo, hi := int64(c.Lo), int64(c.Hi)
				row.BandMin, row.BandMax = &lo, &hi
			}
			return row
		}
		n := int64(c.N)
		row.Count = &n
		return row
	}
	val := func(row TableRow, v float64) TableRow {
		row.MinGroup = k
		row.Value = &v
		return row
	}
	st := r.Stats
	for _, m := range []struct {
		name string
		n    int
	}{{"records", st.Records}, {"skipped", st.Unreadable}, {"older_copies", st.Duplicates}, {"not_complete_left_out", st.InProgress}, {"not_complete_counted", st.Incomplete}} {
		out = append(out, cnt(TableRow{Kind: "read", Measure: m.name}, Cell{N: m.n}))
	}
	if r.TooFew {
		return out
	}
	for _, f := range r.Frameworks {
		out = append(out, cnt(TableRow{Kind: "frameworks", Framework: sp(f.ID), Title: sp(f.Title), Measure: "records"}, f.Records))
	}
	for _, a := range r.Areas {
		base := TableRow{Kind: "areas", Framework: sp(a.Framework), Area: sp(a.Code), Code: sp(a.Code), Title: sp(a.Title)}
		row := base
		row.Measure = "assessed"
		out = append(out, cnt(row, a.Assessed))
		if a.RowSuppressed {
			continue
		}
		row.Measure = "mean"
		out = append(out, val(row, round2(a.Mean)))
		row.Measure = "below_target"
		out = append(out, cnt(row, a.Below))
		row.Measure = "with_need"
		out = append(out, cnt(row, a.WithNeed))
		for _, l := range a.Levels {
			lr := base
			lr.Kind, lr.Measure, lr.Level, lr.Title = "levels", "people", i32(l.Value), sp(l.Label)
			out = append(out, cnt(lr, l.Cell))
		}
		for _, c := range a.Competences {
			cr := base
			cr.Kind, cr.Measure, cr.Code, cr.Title = "competences", "with_need", sp(c.Code), sp(c.Statement)
			out = append(out, cnt(cr, c.People))
		}
		if c := a.Calibration; c != nil {
			cr := base
			cr.Kind, cr.Measure = "calibration", "people"
			out = append(out, cnt(cr, c.People))
			if !c.RowSuppressed {
				cr.Measure = "self_minus_reviewer"
				out = append(out, val(cr, round2(c.Mean)))
				for i, s := range c.Signs {
					sr := cr
					sr.Measure = []string{"self_higher", "same", "self_lower"}[i]
					out = append(out, cnt(sr, s.Cell))
				}
			}
		}
	}
	for _, n := range r.TopNeeds {
		out = append(out, cnt(TableRow{Kind: "top_needs", Framework: sp(n.Framework), Area: sp(n.Code), Code: sp(n.Code), Title: sp(n.Title), Measure: "with_need", Rank: i32(n.Rank)}, n.People))
	}
	for _, b := range r.Breakdowns {
		for _, g := range b.Groups {
			out = append(out, cnt(TableRow{Kind: "groups", Dimension: sp(b.Dim), Group: sp(publicKey(g.Key)), Title: sp(g.Label), Measure: "records"}, Cell{N: g.Records}))
		}
		for _, row := range b.Rows {
			for i, c := range row.Cells {
				base := TableRow{Kind: "breakdown", Framework: sp(row.Framework), Area: sp(row.Code), Code: sp(row.Code), Dimension: sp(b.Dim), Group: sp(publicKey(b.Groups[i].Key))}
				x := base
				x.Measure = "assessed"
				out = append(out, cnt(x, c.Assessed))
				hidden := row.RowSuppressed || c.Assessed.Suppressed
				if !hidden && c.Assessed.N > 0 {
					x.Measure = "mean"
					out = append(out, val(x, round2(c.Mean)))
				}
				for _, m := range []struct {
					name string
					c    Cell
				}{{"below_target", c.Below}, {"with_need", c.WithNeed}} {
					x.Measure = m.name
					cc := Cell{N: m.c.N, Suppressed: m.c.Suppressed || hidden}
					out = append(out, cnt(x, cc))
				}
			}
		}
	}
	return out
}

// Parquet writes the report as a Parquet file (zstd-compressed).
func Parquet(w io.Writer, r *Report) error {
	pw := parquet.NewGenericWriter[TableRow](w, parquet.Compression(&smallZstd{}), parquet.CreatedBy("reflect", "", ""))
	if _, err := pw.Write(r.Rows()); err != nil {
		return err
	}
	return pw.Close()
}
