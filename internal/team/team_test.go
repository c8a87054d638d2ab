package team_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/team"
)

var base = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// person writes one complete record for person i, rated v on every
// competence of the scopes, into dir.
func person(t testing.TB, set *framework.Set, dir string, i int, scopes []assessment.Scope, rate func(int, string) int, updated time.Time) string {
	r, err := recordtest.BuildErr(set, recordtest.Spec{
		ID: fmt.Sprintf("r-%016x", i), Now: updated, Scopes: scopes, Rate: rate,
		Practitioner: record.Practitioner{Name: fmt.Sprintf("Person Number%d", i)},
		Complete:     true,
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := record.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, fmt.Sprintf("person-%05d.json", i))
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

var specialist = []assessment.Scope{{Framework: "mini", Profile: "specialist"}}

func run(t *testing.T, set *framework.Set, paths []string, minGroup int) (*team.Report, []team.Problem) {
	t.Helper()
	var probs []team.Problem
	agg, st, err := team.Run(paths, team.Options{MinGroup: minGroup, Set: set}, func(p team.Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatal(err)
	}
	return agg.Report(st), probs
}

func area(t *testing.T, r *team.Report, code string) team.AreaRow {
	t.Helper()
	for _, a := range r.Areas {
		if a.Code == code {
			return a
		}
	}
	t.Fatalf("no area %s in %+v", code, r.Areas)
	return team.AreaRow{}
}

func TestSuppressionBoundary(t *testing.T) {
	set := recordtest.Mini(t)
	for _, tc := range []struct {
		people   int
		tooFew   bool
		rowShown bool
	}{{4, true, false}, {5, false, true}, {6, false, true}} {
		t.Run(fmt.Sprint(tc.people), func(t *testing.T) {
			dir := t.TempDir()
			for i := 0; i < tc.people; i++ {
				person(t, set, dir, i, specialist, recordtest.Constant(2), base)
			}
			rep, probs := run(t, set, []string{dir}, 5)
			if len(probs) != 0 {
				t.Fatalf("problems: %+v", probs)
			}
			if rep.TooFew != tc.tooFew {
				t.Fatalf("TooFew = %v with %d people", rep.TooFew, tc.people)
			}
			if tc.tooFew {
				var b bytes.Buffer
				team.Text(&b, rep, 80)
				if strings.Contains(b.String(), "MINI.") {
					t.Errorf("areas shown for %d people:\n%s", tc.people, b.String())
				}
				return
			}
			a := area(t, rep, "MINI.1.1")
			if a.RowSuppressed || a.Assessed.N != tc.people || a.Below.Suppressed || a.Below.N != tc.people {
				t.Errorf("area row: %+v", a)
			}
		})
	}
}

func TestSuppressionOfAreaRows(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	// Six people; only four of them assessed MINI.1.2 (two N/A).
	for i := 0; i < 6; i++ {
		rate := recordtest.Constant(3)
		if i < 2 {
			rate = func(_ int, code string) int {
				if code == "MINI.1.2.1" {
					return -1
				}
				return 3
			}
		}
		person(t, set, dir, i, specialist, rate, base)
	}
	rep, _ := run(t, set, []string{dir}, 5)
	if a := area(t, rep, "MINI.1.2"); !a.RowSuppressed || !a.Assessed.Suppressed {
		t.Errorf("an area assessed by 4 people is shown: %+v", a)
	}
	if a := area(t, rep, "MINI.1.1"); a.RowSuppressed || a.Assessed.N != 6 {
		t.Errorf("an area assessed by 6 people is hidden: %+v", a)
	}
	for _, format := range []string{"text", "csv", "html"} {
		out := render(t, rep, format)
		if strings.Contains(out, ",4,") || strings.Contains(out, "Assessed: 4") {
			t.Errorf("%s shows the count of 4:\n%s", format, out)
		}
	}
}

func TestSuppressRow(t *testing.T) {
	tests := []struct {
		in   []int
		want string // s = suppressed, . = shown
	}{
		{[]int{0, 0, 10, 10}, "...."},
		{[]int{3, 0, 10, 10}, "sss."},   // 3 primary; 0, then the first 10, for the suppressed sum to reach 5
		{[]int{3, 4, 10, 10}, "ss.."},   // two primaries summing to 7: enough
		{[]int{1, 1, 10, 10}, "sss."},   // 1+1 < 5: one more
		{[]int{0, 2, 6, 20}, "sss."},    // 2, then 0 (smallest), then 6
		{[]int{5, 5, 5, 5}, "...."},     // all at the threshold
		{[]int{4, 0, 0, 0}, "ssss"},     // nothing else to hide it behind
		{[]int{0, 12, 2, 9}, "s.ss"},    // 2, then 0, then 9 (smallest shown)
		{[]int{6, 7, 1, 8, 9}, "s.s.."}, // 1, then 6
	}
	for _, tc := range tests {
		cells := make([]team.LevelCell, len(tc.in))
		for i, n := range tc.in {
			cells[i] = team.LevelCell{Value: i + 1, Cell: team.Cell{N: n}}
		}
		team.SuppressRow(cells, 5)
		var got strings.Builder
		sum, n := 0, 0
		for _, c := range cells {
			if c.Suppressed {
				got.WriteByte('s')
				sum += c.N
				n++
			} else {
				got.WriteByte('.')
				if c.N > 0 && c.N < 5 {
					t.Errorf("%v: a count of %d is shown", tc.in, c.N)
				}
			}
		}
		if got.String() != tc.want {
			t.Errorf("SuppressRow(%v) = %s, want %s", tc.in, got.String(), tc.want)
		}
		if n == 1 || (n > 0 && sum < 5 && n < len(cells)) {
			t.Errorf("%v: the total would reveal the suppressed counts (%d cells, sum %d)", tc.in, n, sum)
		}
	}
}

func TestLevelsAndSecondarySuppression(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	// 12 people: 3 at level 1, 9 at level 3 in every area.
	for i := 0; i < 12; i++ {
		v := 3
		if i < 3 {
			v = 1
		}
		person(t, set, dir, i, specialist, recordtest.Constant(v), base)
	}
	rep, _ := run(t, set, []string{dir}, 5)
	a := area(t, rep, "MINI.2.1")
	if a.Assessed.N != 12 || len(a.Levels) != 3 {
		t.Fatalf("row: %+v", a)
	}
	// Level 1 (3 people) is suppressed; level 2 (0) alone would not hide it
	// (3+0 < 5), so level 3 (9) is suppressed as well.
	if !a.Levels[0].Suppressed || !a.Levels[1].Suppressed || !a.Levels[2].Suppressed {
		t.Errorf("levels: %+v", a.Levels)
	}
	// Below target (3 of 12) is suppressed, and with it its share.
	if !a.Below.Suppressed || a.BelowShare != 0 {
		t.Errorf("below target: %+v %v", a.Below, a.BelowShare)
	}
	if a.Mean != 2.5 {
		t.Errorf("mean = %v, want 2.5", a.Mean)
	}
}

func TestNoNamesOrIDs(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 7; i++ {
		person(t, set, dir, i, specialist, recordtest.Constant(1+i%3), base)
	}
	rep, _ := run(t, set, []string{dir}, 5)
	for _, format := range []string{"text", "csv", "html"} {
		out := render(t, rep, format)
		for _, bad := range []string{"Person Number", "r-0000", "person-0", dir} {
			if strings.Contains(out, bad) {
				t.Errorf("%s output contains %q", format, bad)
			}
		}
	}
}

func TestBadFilesAreSkipped(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		person(t, set, dir, i, specialist, recordtest.Constant(2), base)
	}
	good := filepath.Join(dir, "person-00000.json")
	data, _ := os.ReadFile(good)
	bad := map[string]string{
		"a-empty.json":     "",
		"b-notjson.json":   "hello",
		"c-other.json":     `{"name": "something else"}`,
		"d-truncated.json": string(data[:len(data)/2]),
		"e-wrongtype.json": strings.Replace(string(data), `"status": "complete"`, `"status": 7`, 1),
		"f-noid.json":      `{"format": "reflect-record", "schema_version": 1, "updated": "2026-01-01T00:00:00Z"}`,
		"g-newer.json":     strings.Replace(strings.Replace(string(data), `"schema_version": 2`, `"schema_version": 99`, 1), `"r-0000000000000000"`, `"r-00000000000000ff"`, 1),
	}
	for name, content := range bad {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600)
	}
	os.WriteFile(filepath.Join(dir, ".hidden.json"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	person(t, set, filepath.Join(dir, "sub"), 5, specialist, recordtest.Constant(2), base)

	var probs []team.Problem
	agg, st, err := team.Run([]string{dir, filepath.Join(dir, "missing")}, team.Options{MinGroup: 5, Set: set}, func(p team.Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Records != 6 {
		t.Errorf("records = %d, want 6 (stats %+v)", st.Records, st)
	}
	// d-truncated.json and e-wrongtype.json are damaged copies of person 0
	// with the same update time; they sort first and fail, and the good
	// copy is used.
	if st.Duplicates != 0 {
		t.Errorf("duplicates = %d, want 0 (the damaged copy is listed as unreadable)", st.Duplicates)
	}
	if st.Unreadable != len(bad) {
		t.Errorf("unreadable = %d, want %d", st.Unreadable, len(bad))
	}
	got := map[string]string{}
	for _, p := range probs {
		got[filepath.Base(p.Path)] = p.Err
	}
	for name := range bad {
		if got[name] == "" {
			t.Errorf("%s not listed as a problem (%v)", name, got)
		}
	}
	if got["missing"] == "" || got[".hidden.json"] != "" || got["notes.txt"] != "" {
		t.Errorf("problems: %v", got)
	}
	if !strings.Contains(got["a-empty.json"], "the file is empty") || !strings.Contains(got["b-notjson.json"], "invalid JSON at line 1") {
		t.Errorf("an empty file and a file that is not JSON should say so: %v", got)
	}
	if !strings.Contains(got["e-wrongtype.json"], "status") || !strings.Contains(got["g-newer.json"], "newer") {
		t.Errorf("reasons are not specific: %v", got)
	}
	if rep := agg.Report(st); rep.TooFew {
		t.Error("good records were not counted")
	}
	if _, _, err := team.Run([]string{filepath.Join(dir, "nope")}, team.Options{}, nil); err == nil {
		t.Error("no readable path, but no error")
	} else if msg := err.Error(); !strings.Contains(msg, filepath.Join(dir, "nope")+": no such file or folder") || !strings.Contains(msg, "give record files (.json) or folders that hold them") {
		t.Errorf("the error should name the path, why, and what to give instead: %q", msg)
	}
}

func TestDuplicatesCountedOnceNewestWins(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		person(t, set, dir, i, specialist, recordtest.Constant(1), base)
	}
	// Newer copies of persons 0..2 (reviewed and re-rated), in another folder
	// and under other names; and an older copy of person 4.
	other := t.TempDir()
	for i := 0; i < 3; i++ {
		p := person(t, set, other, i, specialist, recordtest.Constant(3), base.Add(48*time.Hour))
		os.Rename(p, filepath.Join(other, fmt.Sprintf("copy-%d.json", i)))
	}
	p := person(t, set, other, 4, specialist, recordtest.Constant(3), base.Add(-48*time.Hour))
	os.Rename(p, filepath.Join(other, "old-copy-4.json"))
	// The same file named twice.
	args := []string{dir, other, filepath.Join(dir, "person-00001.json")}
	var probs []team.Problem
	agg, st, err := team.Run(args, team.Options{MinGroup: 5, Set: set}, func(p team.Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Records != 5 || st.Duplicates != 5 || st.Files != 10 {
		t.Errorf("stats %+v, want 5 records, 5 duplicates, 10 files", st)
	}
	a := area(t, agg.Report(st), "MINI.1.1")
	// Three people now at 3 (the newer copies), two at 1: (9+2)/5. Had the
	// older copy of person 4 (rated 3) won, the mean would be 2.6.
	if a.Assessed.N != 5 || a.Mean != 2.2 {
		t.Errorf("area after de-duplication: %+v", a)
	}
}

func TestCSVIsSafeForSpreadsheets(t *testing.T) {
	set := recordtest.LoadSet(t, "internal/team/testdata/evil.yaml")
	dir := t.TempDir()
	scopes := []assessment.Scope{{Framework: "evil", Profile: "specialist"}}
	for i := 0; i < 6; i++ {
		person(t, set, dir, i, scopes, recordtest.Constant(1), base)
	}
	rep, _ := run(t, set, []string{dir}, 5)
	out := render(t, rep, "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, row := range rows {
		for _, cell := range row {
			if cell == "" {
				continue
			}
			switch cell[0] {
			case '=', '+', '-', '@', '\t', '\r':
				t.Errorf("cell %q could run as a formula", cell)
			case '\'':
				seen++
			}
		}
	}
	if seen < 4 {
		t.Errorf("expected the formula-like titles to be neutralised, %d were:\n%s", seen, out)
	}
	if !strings.Contains(out, `'=HYPERLINK(`) || !strings.Contains(out, "'+SUM(1,2)") || !strings.Contains(out, "'@cmd") || !strings.Contains(out, "'\tWorking") {
		t.Errorf("neutralised cells missing:\n%s", out)
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	set := recordtest.LoadSet(t, "internal/team/testdata/evil.yaml")
	dir := t.TempDir()
	for i := 0; i < 6; i++ {
		person(t, set, dir, i, []assessment.Scope{{Framework: "evil", Profile: "specialist"}}, recordtest.Constant(1), base)
	}
	rep, _ := run(t, set, []string{dir}, 5)
	h := render(t, rep, "html")
	if !strings.Contains(h, `http-equiv="Content-Security-Policy"`) || !strings.Contains(html.UnescapeString(h), "default-src 'none'; style-src 'sha256-") {
		t.Error("no strict CSP")
	}
	if strings.Contains(h, "unsafe-inline") || strings.Contains(h, ` style="`) {
		t.Error("the page allows or uses inline style attributes")
	}
	for _, bad := range []string{"<script", "<link", "<img", "src=", "href="} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
}

func TestDeterministicWhateverTheWorkers(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 40; i++ {
		person(t, set, dir, i, specialist, func(j int, _ string) int { return 1 + (i*7+j*3)%3 }, base)
	}
	var outs []string
	for _, w := range []int{1, 2, 4} {
		agg, st, err := team.Run([]string{dir}, team.Options{MinGroup: 5, Set: set, Workers: w}, nil)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, render(t, agg.Report(st), "text")+render(t, agg.Report(st), "csv"))
	}
	if outs[0] != outs[1] || outs[1] != outs[2] {
		t.Error("output depends on the number of workers")
	}
}

func TestRealFrameworks(t *testing.T) {
	set := recordtest.Embedded()
	if set == nil {
		t.Fatal("the shipped frameworks did not load")
	}
	dir := t.TempDir()
	f := set.Frameworks()[0]
	scopes := []assessment.Scope{{Framework: f.ID}}
	if len(f.Profiles) > 0 {
		scopes[0].Profile = f.Profiles[0].ID
	}
	for i := 0; i < 8; i++ {
		person(t, set, dir, i, scopes, func(j int, _ string) int { return 1 + (i+j)%4 }, base)
	}
	rep, probs := run(t, set, []string{dir}, 5)
	if len(probs) > 0 || rep.TooFew || len(rep.Areas) == 0 {
		t.Fatalf("report over %s: %+v %+v", f.ID, probs, rep.Stats)
	}
	for _, a := range rep.Areas {
		if !a.RowSuppressed && a.Assessed.N != 8 {
			t.Errorf("%s assessed by %d", a.Code, a.Assessed.N)
		}
	}
	if len(rep.TopNeeds) == 0 {
		t.Error("no top needs")
	}
}

func render(t *testing.T, rep *team.Report, format string) string {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "text":
		err = team.Text(&b, rep, 80)
	case "csv":
		err = team.CSV(&b, rep)
	case "html":
		err = team.HTML(&b, rep)
	case "md":
		err = team.Markdown(&b, rep)
	case "json":
		err = team.JSON(&b, rep)
	default:
		t.Fatalf("no format %q", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The figures come from the answers, never the file: stored scores edited
// to the top of the scale, with the needs emptied, change nothing in the
// report, and the file is counted as having wrong stored figures. A rating
// off the scale is refused, naming it.
func TestTeamWorksFiguresOutFromTheAnswers(t *testing.T) {
	set := recordtest.Mini(t)
	honest, edited := t.TempDir(), t.TempDir()
	for i := 0; i < 6; i++ {
		person(t, set, honest, i, specialist, recordtest.Constant(1), base)
		p := person(t, set, edited, i, specialist, recordtest.Constant(1), base)
		if i < 3 {
			var doc map[string]any
			b, _ := os.ReadFile(p)
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			sc := doc["scores"].(map[string]any)
			for _, a := range sc["areas"].([]any) {
				a.(map[string]any)["mean"], a.(map[string]any)["level"], a.(map[string]any)["gap"] = 3.0, 3, 0.0
			}
			sc["needs"] = []any{}
			b, _ = json.Marshal(doc)
			os.WriteFile(p, b, 0o600)
		}
	}
	textOf := func(dir string) (string, team.Stats) {
		agg, st, err := team.Run([]string{dir}, team.Options{MinGroup: 5, Set: set}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := team.Text(&b, agg.Report(st), 80); err != nil {
			t.Fatal(err)
		}
		return b.String(), st
	}
	want, st0 := textOf(honest)
	got, st := textOf(edited)
	if got != want {
		t.Errorf("edited stored figures changed the report:\n%s\nwant\n%s", got, want)
	}
	if st0.WrongFigures != 0 || st.WrongFigures != 3 || st.Records != 6 {
		t.Errorf("wrong figures counted %d (honest %d), records %d; want 3, 0, 6", st.WrongFigures, st0.WrongFigures, st.Records)
	}

	// A rating of 99 is not on mini's scale.
	p := filepath.Join(edited, "person-00005.json")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte(`"rating": 1`), []byte(`"rating": 99`), 1), 0o600)
	var probs []team.Problem
	if _, _, err := team.Run([]string{edited}, team.Options{MinGroup: 5, Set: set}, func(pr team.Problem) { probs = append(probs, pr) }); err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || !strings.Contains(probs[0].Err, "the rating 99 of MINI.1.1.1 is not on the scale") {
		t.Fatalf("problems = %+v", probs)
	}
	// At file:line:col, the column that of the 99 itself.
	b, _ = os.ReadFile(p)
	var line, col int
	if _, err := fmt.Sscanf(strings.TrimPrefix(probs[0].Err, p+":"), "%d:%d:", &line, &col); err != nil {
		t.Fatalf("%q is not at %s:LINE:COL (%v)", probs[0].Err, p, err)
	}
	if l := strings.Split(string(b), "\n")[line-1]; len(l) < col+1 || l[col-1:col+1] != "99" {
		t.Errorf("%s:%d:%d does not point at the 99: %q", p, line, col, l)
	}

	// In progress, the same record is still read against the scale: an
	// error, never quietly left out as "in progress".
	os.WriteFile(p, bytes.Replace(b, []byte(`"status": "complete"`), []byte(`"status": "in-progress"`), 1), 0o600)
	probs = nil
	if _, _, err := team.Run([]string{edited}, team.Options{MinGroup: 5, Set: set}, func(pr team.Problem) { probs = append(probs, pr) }); err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || !strings.Contains(probs[0].Err, "the rating 99 of MINI.1.1.1 is not on the scale") {
		t.Errorf("in progress: problems = %+v", probs)
	}
	// An unknown status, at its place in the file.
	os.WriteFile(p, bytes.Replace(b, []byte(`"status": "complete"`), []byte(`"status": "signed-off"`), 1), 0o600)
	probs = nil
	if _, _, err := team.Run([]string{edited}, team.Options{MinGroup: 5, Set: set}, func(pr team.Problem) { probs = append(probs, pr) }); err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || !strings.Contains(probs[0].Err, `the status "signed-off" is not one reflect knows`) || !strings.HasPrefix(probs[0].Err, p+":") {
		t.Errorf("unknown status: problems = %+v", probs)
	}
	os.WriteFile(p, b, 0o600)
	// Without its framework a record cannot be counted, and says why.
	probs = nil
	if _, _, err := team.Run([]string{honest}, team.Options{MinGroup: 5}, func(pr team.Problem) { probs = append(probs, pr) }); err != nil {
		t.Fatal(err)
	}
	if len(probs) != 6 || !strings.Contains(probs[0].Err, `framework "mini", which is not loaded`) {
		t.Errorf("without the framework: %+v", probs)
	}
}

// TestCountsCompleteRecordsUnlessToldOtherwise: "complete" is the one rule
// (internal/cpd): every competence answered, the reflection written and
// the check confirmed. A record that says "complete" with a competence
// unanswered, or without its reflection, is left out (and its status is a
// wrong figure), unless IncludeIncomplete counts it.
func TestCountsCompleteRecordsUnlessToldOtherwise(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		person(t, set, dir, i, specialist, recordtest.Constant(2), base)
	}
	// Person 5: one competence unanswered, stored as complete.
	p := person(t, set, dir, 5, specialist, recordtest.ByCode(map[string]int{"MINI.1.1.1": 1, "MINI.1.1.2": 2, "MINI.1.2.1": 2, "MINI.2.1.1": 2}), base)
	// Person 6: every competence answered, but no reflection written.
	q := person(t, set, dir, 6, specialist, recordtest.Constant(3), base)
	b, _ := os.ReadFile(q)
	os.WriteFile(q, regexp.MustCompile(`"text": "[^"]*"`).ReplaceAll(b, []byte(`"text": ""`)), 0o600)
	if b, _ := os.ReadFile(p); !bytes.Contains(b, []byte(`"status": "complete"`)) {
		t.Fatal("the fixture should claim to be complete")
	}
	for _, all := range []bool{false, true} {
		_, st, err := team.Run([]string{dir}, team.Options{MinGroup: 5, Set: set, IncludeIncomplete: all}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := team.Stats{Files: 7, Records: 5, InProgress: 2, WrongFigures: 2}
		if all {
			want = team.Stats{Files: 7, Records: 7, Incomplete: 2, WrongFigures: 2}
		}
		if st != want {
			t.Errorf("IncludeIncomplete %v: stats %+v, want %+v", all, st, want)
		}
	}
}
