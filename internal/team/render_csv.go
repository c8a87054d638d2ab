package team

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/report"
)

// CSV writes the report as one table, safe to open in a spreadsheet. The
// "kind" column says what a row is: "area" (one per area, with its levels
// and calibration), "need" (the top needs, ranked), "competence" (the
// competences listed under them), "group" (the records in each group of a
// breakdown) and "cell" (an area in a group). A suppressed count is
// written as "suppressed"; where the report shows a band, its ends are in
// the _min and _max columns.
func CSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	maxLevels := 0
	for _, row := range r.Areas {
		maxLevels = max(maxLevels, len(row.Levels))
	}
	head := []string{"kind", "framework", "area", "code", "title", "dimension", "group", "records", "rank", "assessed", "mean",
		"below_target", "below_target_percent", "below_target_min", "below_target_max",
		"with_need", "with_need_percent", "with_need_min", "with_need_max"}
	for i := 1; i <= maxLevels; i++ {
		head = append(head, fmt.Sprintf("level_%d", i), fmt.Sprintf("level_%d_count", i))
	}
	head = append(head, "calibrated", "self_minus_reviewer", "self_higher", "same", "self_lower", "min_group")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	mg := strconv.Itoa(r.MinGroup)
	newRow := func(kind string) []string {
		cells := make([]string, len(head))
		cells[0], cells[len(cells)-1] = kind, mg
		return cells
	}
	set := func(cells []string, name, v string) { cells[col[name]] = v }
	count := func(cells []string, name string, c Cell, share float64) {
		set(cells, name, c.String())
		if c.Suppressed {
			if _, ok := col[name+"_min"]; ok && c.Band() {
				set(cells, name+"_min", strconv.Itoa(c.Lo))
				set(cells, name+"_max", strconv.Itoa(c.Hi))
			}
			return
		}
		if _, ok := col[name+"_percent"]; ok {
			set(cells, name+"_percent", strconv.FormatFloat(share, 'f', 1, 64))
		}
	}
	write := func(cells []string) error {
		for i := range cells {
			cells[i] = report.CSVCell(cells[i])
		}
		return cw.Write(cells)
	}
	if r.TooFew {
		cells := newRow("note")
		set(cells, "title", r.tooFew())
		if err := write(cells); err != nil {
			return err
		}
	}
	for _, row := range r.Areas {
		cells := newRow("area")
		set(cells, "framework", row.Framework)
		set(cells, "area", row.Code)
		set(cells, "code", row.Code)
		set(cells, "title", row.Title)
		set(cells, "assessed", row.Assessed.String())
		if row.RowSuppressed {
			for _, n := range []string{"mean", "below_target", "with_need"} {
				set(cells, n, Suppressed)
			}
		} else {
			set(cells, "mean", strconv.FormatFloat(row.Mean, 'f', 2, 64))
			count(cells, "below_target", row.Below, row.BelowShare)
			count(cells, "with_need", row.WithNeed, row.NeedShare)
			for i, l := range row.Levels {
				cells[col[fmt.Sprintf("level_%d", i+1)]] = strings.TrimSpace(strconv.Itoa(l.Value) + " " + l.Label)
				cells[col[fmt.Sprintf("level_%d_count", i+1)]] = l.Cell.String()
			}
			if c := row.Calibration; c != nil {
				set(cells, "calibrated", c.People.String())
				if !c.RowSuppressed {
					set(cells, "self_minus_reviewer", strconv.FormatFloat(round2(c.Mean), 'f', 2, 64))
					set(cells, "self_higher", c.Signs[0].Cell.String())
					set(cells, "same", c.Signs[1].Cell.String())
					set(cells, "self_lower", c.Signs[2].Cell.String())
				}
			}
		}
		if err := write(cells); err != nil {
			return err
		}
	}
	for _, n := range r.TopNeeds {
		cells := newRow("need")
		set(cells, "framework", n.Framework)
		set(cells, "area", n.Code)
		set(cells, "code", n.Code)
		set(cells, "title", n.Title)
		set(cells, "rank", strconv.Itoa(n.Rank))
		set(cells, "assessed", strconv.Itoa(n.Assessed))
		count(cells, "with_need", n.People, n.Share)
		if err := write(cells); err != nil {
			return err
		}
		for _, c := range n.Competences {
			cells := newRow("competence")
			set(cells, "framework", n.Framework)
			set(cells, "area", n.Code)
			set(cells, "code", c.Code)
			set(cells, "title", c.Statement)
			set(cells, "assessed", strconv.Itoa(n.Assessed))
			count(cells, "with_need", c.People, c.Share)
			if err := write(cells); err != nil {
				return err
			}
		}
	}
	for _, b := range r.Breakdowns {
		for _, g := range b.Groups {
			cells := newRow("group")
			set(cells, "dimension", b.Dim)
			set(cells, "group", g.Label)
			set(cells, "records", strconv.Itoa(g.Records))
			if err := write(cells); err != nil {
				return err
			}
		}
		for _, row := range b.Rows {
			for i, c := range row.Cells {
				cells := newRow("cell")
				set(cells, "framework", row.Framework)
				set(cells, "area", row.Code)
				set(cells, "code", row.Code)
				set(cells, "title", row.Title)
				set(cells, "dimension", b.Dim)
				set(cells, "group", b.Groups[i].Label)
				set(cells, "records", strconv.Itoa(b.Groups[i].Records))
				set(cells, "assessed", c.Assessed.String())
				if c.Assessed.Suppressed || row.RowSuppressed {
					set(cells, "below_target", Suppressed)
					set(cells, "with_need", Suppressed)
				} else {
					if c.Assessed.N > 0 {
						set(cells, "mean", strconv.FormatFloat(c.Mean, 'f', 2, 64))
					}
					count(cells, "below_target", Cell{N: c.Below.N, Suppressed: c.Below.Suppressed, Why: HiddenSecondary}, c.BelowShare)
					count(cells, "with_need", Cell{N: c.WithNeed.N, Suppressed: c.WithNeed.Suppressed, Why: HiddenSecondary}, c.NeedShare)
				}
				if err := write(cells); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
