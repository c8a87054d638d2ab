package team_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/team"
)

// member writes a complete record for person i with the given details,
// activity date and ratings by code (3 where not given).
func member(t testing.TB, set *framework.Set, dir string, i int, p record.Practitioner, date string, rates map[string]int, reviewer map[string]int) {
	t.Helper()
	r, err := recordtest.BuildErr(set, recordtest.Spec{
		ID: fmt.Sprintf("r-%016x", i), Now: base, Scopes: specialist,
		Rate: func(_ int, code string) int {
			if v, ok := rates[code]; ok {
				return v
			}
			return 3
		},
		Practitioner: p, Complete: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	r.Activity.EndDate = date
	if len(reviewer) > 0 {
		var rs []record.Rating
		for _, a := range r.Answers {
			if v, ok := reviewer[a.Code]; ok {
				rs = append(rs, record.Rating{Code: a.Code, Rating: v})
			}
		}
		rev, err := r.NewReview(record.Review{Reviewer: record.Reviewer{Name: "R"}, Date: "2026-03-01", PlanAgreed: true, Ratings: rs}, base.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		r.AppendReview(rev, base.Add(time.Hour), record.Tool{})
	}
	b, err := record.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("m-%03d.json", i)), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// The case: 17 of 20 people have a need in an area, so the count
// (and the 3 without) cannot be shown; the area still ranks first, shown
// as "more than 15 of 20", and a line names it.
func TestTopNeedsRankOnTrueCounts(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 20; i++ {
		rates := map[string]int{}
		if i < 17 {
			rates["MINI.1.1.1"] = 2 // MINI.1.1: 17 with a need
		}
		if i < 15 {
			rates["MINI.1.2.1"] = 2 // MINI.1.2: 15
		}
		if i < 11 {
			rates["MINI.2.1.1"] = 2 // MINI.2.1: 11
		}
		member(t, set, dir, i, record.Practitioner{}, "2026-02-01", rates, nil)
	}
	rep, probs := run(t, set, []string{dir}, 5)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var got []string
	for _, n := range rep.TopNeeds {
		got = append(got, fmt.Sprintf("%d %s %s", n.Rank, n.Code, textOf(rep, n.People)))
	}
	want := []string{"1 MINI.1.1 more than 15 of 20", "2 MINI.1.2 15", "3 MINI.2.1 11"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("top needs: %v, want %v", got, want)
	}
	if len(rep.Withheld.Banded) != 1 || rep.Withheld.Banded[0] != "MINI.1.1" {
		t.Errorf("withheld %+v", rep.Withheld)
	}
	for _, format := range []string{"text", "md", "html", "csv", "json"} {
		out := render(t, rep, format)
		if format != "csv" && !strings.Contains(out, "more than 15 of 20") {
			t.Errorf("%s does not show the band", format)
		}
		if strings.Contains(out, ": 17 of 20") || strings.Contains(out, `"n": 17`) || strings.Contains(out, ",17,") {
			t.Errorf("%s shows the hidden count of 17", format)
		}
		if format == "text" && !strings.Contains(out, "Withheld: MINI.1.1 is ranked by the exact count but shown as a band") {
			t.Errorf("text lacks the withheld line:\n%s", out)
		}
	}
}

func textOf(r *team.Report, c team.Cell) string {
	if c.Suppressed {
		return c.BandText(r.MinGroup)
	}
	return fmt.Sprint(c.N)
}

// The report's words follow --min-group, and it warns in itself when the
// group is below 5.
func TestReportTextFollowsMinGroup(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 6; i++ {
		member(t, set, dir, i, record.Practitioner{}, "2026-02-01", nil, nil)
	}
	for _, tc := range []struct {
		k    int
		want []string
		not  []string
	}{
		{5, []string{"fewer than 5 people is suppressed"}, []string{"Warning"}},
		{3, []string{"fewer than 3 people is suppressed", "Warning: this report was made with --min-group 3, below the usual 5"}, nil},
		{1, []string{"With --min-group 1 no count is suppressed", "Warning: this report was made with --min-group 1"}, []string{"fewer than 1 people"}},
	} {
		rep, _ := run(t, set, []string{dir}, tc.k)
		for _, format := range []string{"text", "md", "html", "json"} {
			out := strings.Join(strings.Fields(render(t, rep, format)), " ")
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("k=%d %s lacks %q", tc.k, format, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(out, w) {
					t.Errorf("k=%d %s has %q", tc.k, format, w)
				}
			}
		}
	}
}

// Unreadable files are named with why (to the person running it) and
// counted in the report (without names); invalid JSON is reported at its
// line and column.
func TestSkippedFilesAreCountedAndInvalidJSONLocated(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		member(t, set, dir, i, record.Practitioner{}, "2026-02-01", nil, nil)
	}
	good, _ := os.ReadFile(filepath.Join(dir, "m-000.json"))
	broken := bytes.Replace(good, []byte(`"status": "complete",`), []byte(`"status": "complete" x`), 1)
	os.WriteFile(filepath.Join(dir, "broken.json"), broken, 0o600)
	os.WriteFile(filepath.Join(dir, "other.json"), []byte("[1,2,\n 3,,]"), 0o600)
	rep, probs := run(t, set, []string{dir}, 5)
	why := map[string]string{}
	for _, p := range probs {
		why[filepath.Base(p.Path)] = p.Err
	}
	line := bytes.Count(broken[:bytes.Index(broken, []byte(" x"))], []byte("\n")) + 1
	if w := why["broken.json"]; !strings.Contains(w, fmt.Sprintf("invalid JSON at line %d, column", line)) || !strings.Contains(w, `"x" is not expected`) || !strings.Contains(w, "cut short or damaged") {
		t.Errorf("broken.json: %q", w)
	}
	if w := why["other.json"]; !strings.Contains(w, "invalid JSON at line 2, column 4 (byte 9): \",\" is not expected") || !strings.Contains(w, "does not look like a reflect record") {
		t.Errorf("other.json: %q", w)
	}
	out := render(t, rep, "text")
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "2 files could not be read or were not valid records and were skipped") || strings.Contains(out, "broken.json") {
		t.Errorf("the report does not count the skipped files (or names them):\n%s", out)
	}
	var j team.JReport
	if err := json.Unmarshal([]byte(render(t, rep, "json")), &j); err != nil || j.Read.Skipped != 2 || j.Read.Records != 5 {
		t.Errorf("json read %+v %v", j.Read, err)
	}
}

// Calibration per area: self − reviewer from the latest review's own
// ratings, suppressed like every count.
func TestCalibrationPerArea(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 6; i++ {
		rev := map[string]int{"MINI.1.1.1": 3} // self 2 or 3
		self := map[string]int{"MINI.1.1.1": 2}
		if i >= 4 {
			self["MINI.1.1.1"] = 3
		}
		member(t, set, dir, i, record.Practitioner{}, "2026-02-01", self, rev)
	}
	member(t, set, dir, 9, record.Practitioner{}, "2026-02-01", nil, nil) // no review
	rep, _ := run(t, set, []string{dir}, 5)
	var c *team.CalibrationRow
	for _, a := range rep.Areas {
		if a.Code == "MINI.1.1" {
			c = a.Calibration
		}
		if a.Code == "MINI.2.1" && a.Calibration != nil {
			t.Errorf("MINI.2.1 was not rated by reviewers, but has calibration %+v", a.Calibration)
		}
	}
	if c == nil || c.RowSuppressed || c.People.N != 6 || fmt.Sprintf("%.2f", c.Mean) != "-0.67" {
		t.Fatalf("calibration %+v", c)
	}
	// 0 higher, 2 the same, 4 lower: the 2 and the 4 are hidden (together
	// 6, so neither can be worked out); the 0 is shown.
	if c.Signs[0].Suppressed || !c.Signs[1].Suppressed || !c.Signs[2].Suppressed {
		t.Errorf("signs %+v", c.Signs)
	}
	out := strings.Join(strings.Fields(render(t, rep, "text")), " ")
	if !strings.Contains(out, "Calibration (self − reviewer, 6 people with a reviewer's own ratings): -0.67; rated themselves higher: 0; the same: suppressed; rated themselves lower: suppressed") {
		t.Errorf("text:\n%s", out)
	}
	// Four reviewed people: too few to show at all.
	dir2 := t.TempDir()
	for i := 0; i < 6; i++ {
		var rev map[string]int
		if i < 4 {
			rev = map[string]int{"MINI.1.1.1": 3}
		}
		member(t, set, dir2, i, record.Practitioner{}, "2026-02-01", nil, rev)
	}
	rep, _ = run(t, set, []string{dir2}, 5)
	for _, a := range rep.Areas {
		if a.Code == "MINI.1.1" && (a.Calibration == nil || !a.Calibration.RowSuppressed || a.Calibration.Mean != 0) {
			t.Errorf("4 people's calibration: %+v", a.Calibration)
		}
	}
}

// Resources are offered only where they suit the framework's population.
func TestResourcesSuitThePopulation(t *testing.T) {
	mini, err := os.ReadFile(filepath.Join(recordtest.Root(t), "testdata", "frameworks", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	adult := bytes.Replace(mini, []byte("population: Nobody in particular (test data)"), []byte("population: Adults (18+) in test data"), 1)
	adult = bytes.Replace(adult, []byte("    areas: [MINI.2.1]\n"), []byte("    areas: [MINI.2.1]\n    population: children and young people under 25\n"), 1)
	for name, data := range map[string][]byte{"any": mini, "adult": adult} {
		f, probs := framework.Parse("mini.yaml", data)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		set, probs := framework.NewSet(f)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		dir := t.TempDir()
		for i := 0; i < 6; i++ {
			member(t, set, dir, i, record.Practitioner{}, "2026-02-01", map[string]int{"MINI.2.1.1": 1}, nil)
		}
		rep, _ := run(t, set, []string{dir}, 5)
		offered := false
		for _, n := range rep.TopNeeds {
			for _, r := range n.Resources {
				offered = offered || r.ID == "mini-reading"
			}
		}
		if offered != (name == "any") {
			t.Errorf("%s framework: the young people's reading list offered = %v", name, offered)
		}
	}
}
