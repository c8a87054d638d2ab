package team

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// A breakdown as a reader gets it: 24 people by profession, needs in
// MINI.1.1 spread so that single cells are small. From the published JSON
// alone (plus each group's true number assessed, which a reader is assumed
// to know), no hidden cell can be narrowed below k−1.
func TestBreakdownCannotBeWorkedBack(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	type who struct {
		profession string
		n, need    int
		quarter    string
	}
	groups := []who{{"Nurse", 12, 10, "2026-01-15"}, {"Doctor", 7, 3, "2026-04-15"}, {"Paramedic", 3, 3, "2026-04-20"}, {"Social worker", 2, 2, "2026-07-01"}}
	i := 0
	for _, g := range groups {
		for j := 0; j < g.n; j++ {
			rate := 3
			if j < g.need {
				rate = 2
			}
			r := recordtest.Build(t, set, recordtest.Spec{ID: fmt.Sprintf("r-%016x", i), Now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
				Scopes: []assessment.Scope{{Framework: "mini", Profile: "specialist"}},
				Rate: func(_ int, code string) int {
					if code == "MINI.1.1.1" {
						return rate
					}
					return 3
				},
				Practitioner: record.Practitioner{Profession: g.profession}, Complete: true})
			r.Activity.EndDate = g.quarter
			b, _ := record.Marshal(r)
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d.json", i)), b, 0o600)
			i++
		}
	}
	agg, st, err := Run([]string{dir}, Options{MinGroup: 5, Set: set, By: []string{ByProfession}, Period: ByQuarter}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := agg.Report(st)
	var b bytes.Buffer
	if err := JSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	var j JReport
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Breakdowns) != 2 {
		t.Fatalf("%d breakdowns", len(j.Breakdowns))
	}
	prof := j.Breakdowns[0]
	var labels []string
	for _, g := range prof.Groups {
		labels = append(labels, fmt.Sprintf("%s:%d", g.Key, g.Records))
	}
	// Paramedics (3) and social workers (2) are shown together.
	if strings.Join(labels, " ") != "nurse:12 doctor:7 other-groups:5" || prof.Merged != 2 {
		t.Errorf("groups %v merged %d", labels, prof.Merged)
	}
	// The true number assessed in each group and area, as the attacker is
	// assumed to know it.
	truth := map[string]map[string]int{}
	for di, d := range agg.dims {
		shown := map[string]bool{}
		for _, g := range j.Breakdowns[di].Groups {
			shown[g.Key] = true
		}
		for key, row := range d.cells {
			for g, c := range row {
				col := g
				if !shown[g] {
					col = groupSmall
				}
				k := d.dim + " " + key.code
				if truth[k] == nil {
					truth[k] = map[string]int{}
				}
				truth[k][publicKey(col)] += c.assessed
			}
		}
	}
	areas := map[string]JArea{}
	for _, a := range j.Areas {
		areas[a.Code] = a
	}
	hiddenSeen := 0
	for _, bd := range j.Breakdowns {
		for _, row := range bd.Rows {
			for _, measure := range []string{"with_need", "below_target"} {
				tot := *areas[row.Code].WithNeed
				if measure == "below_target" {
					tot = *areas[row.Code].Below
				}
				lo, hi := tot.Min, tot.Max
				if tot.N != nil {
					lo, hi = *tot.N, *tot.N
				}
				cells := make([]RowCell, len(row.Cells))
				for ci, c := range row.Cells {
					mc := c.WithNeed
					if measure == "below_target" {
						mc = c.Below
					}
					cells[ci] = RowCell{Max: truth[bd.Dimension+" "+row.Code][c.Group], Hidden: mc.Suppressed}
					if mc.N != nil {
						cells[ci].N = *mc.N
					}
				}
				alo, ahi, ok := attack(cells, lo, hi)
				if !ok {
					t.Fatalf("%s %s %s: the published figures are inconsistent", bd.Dimension, row.Code, measure)
				}
				for ci, c := range cells {
					if !c.Hidden {
						if c.N > 0 && c.N < 5 || c.Max-c.N > 0 && c.Max-c.N < 5 {
							t.Errorf("%s %s %s %s: a count of %d of %d is shown", bd.Dimension, row.Code, measure, row.Cells[ci].Group, c.N, c.Max)
						}
						continue
					}
					hiddenSeen++
					if ahi[ci]-alo[ci] < min(4, c.Max) {
						t.Errorf("%s %s %s %s: worked back to %d..%d", bd.Dimension, row.Code, measure, row.Cells[ci].Group, alo[ci], ahi[ci])
					}
				}
			}
		}
	}
	if hiddenSeen < 4 {
		t.Errorf("only %d hidden cells: the test does not exercise suppression", hiddenSeen)
	}
	// The trend: quarters in time order, the small ones together.
	var qs []string
	for _, g := range j.Breakdowns[1].Groups {
		qs = append(qs, g.Key)
	}
	// Q3 (2 records) is too small, and so is what it would make alone, so
	// the smallest other quarter (Q2, 10) joins it.
	if strings.Join(qs, " ") != "2026-Q1 other-groups" || !j.Breakdowns[1].Trend || j.Breakdowns[1].Merged != 2 {
		t.Errorf("quarters %v", qs)
	}
	for _, format := range []string{"html", "text", "md", "csv"} {
		var out bytes.Buffer
		switch format {
		case "html":
			err = HTML(&out, rep)
		case "text":
			err = Text(&out, rep, 100)
		case "md":
			err = Markdown(&out, rep)
		case "csv":
			err = CSV(&out, rep)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"nurse", "doctor", "other groups"} {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s lacks the group %q", format, w)
			}
		}
		if strings.Contains(out.String(), "aramedic") || strings.Contains(out.String(), "ocial worker") {
			t.Errorf("%s names a group too small to show", format)
		}
	}
}
