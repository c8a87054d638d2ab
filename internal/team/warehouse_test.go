package team

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// duckdb runs SQL with DuckDB's own engine (npm's @duckdb/node-api under
// the machine's Node.js, installed by .ci/run into .ci/node) and returns
// each query's rows.
func duckdb(t *testing.T, queries ...string) [][]map[string]any {
	t.Helper()
	dir := filepath.Join(testfixture.Root(), ".ci", "node")
	node, err := exec.LookPath("node")
	if _, serr := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil || serr != nil {
		t.Skip("node or @duckdb/node-api not installed (.ci/run installs it into .ci/node)")
	}
	cmd := exec.Command(node, append([]string{filepath.Join(dir, "duckdb.mjs")}, queries...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("duckdb: %v\n%s", err, errb.String())
	}
	var res [][]map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var rows []map[string]any
		if err := json.Unmarshal([]byte(line), &rows); err != nil {
			t.Fatalf("duckdb output %q: %v", line, err)
		}
		res = append(res, rows)
	}
	return res
}

func num(v any) int {
	switch x := v.(type) {
	case string:
		n, _ := strconv.Atoi(x)
		return n
	case float64:
		return int(x)
	}
	return -1
}

// The warehouse export read back by DuckDB: the Parquet report holds the
// same counts as the JSON report, suppressed where it suppresses them, and
// the rows, grouped in SQL, give the same counts again.
func TestParquetReadBackByDuckDB(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	recs := filepath.Join(dir, "records")
	if _, err := recordtest.WriteTeam(recs, set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}}, 60); err != nil {
		t.Fatal(err)
	}
	opt := Options{MinGroup: 5, Set: set, By: []string{BySetting}}
	agg, st, err := Run([]string{recs}, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := agg.Report(st)
	var jb, pb bytes.Buffer
	if err := JSON(&jb, rep); err != nil {
		t.Fatal(err)
	}
	if err := Parquet(&pb, rep); err != nil {
		t.Fatal(err)
	}
	var j JReport
	if err := json.Unmarshal(jb.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	tablePath := filepath.Join(dir, "team.parquet")
	os.WriteFile(tablePath, pb.Bytes(), 0o600)
	key := []byte("0123456789abcdef0123456789abcdef")
	var rb bytes.Buffer
	sink, err := NewRowSink(&rb, RowsParquet)
	if err != nil {
		t.Fatal(err)
	}
	rst, n, err := ExportRows([]string{recs}, opt, key, sink, nil)
	if err != nil {
		t.Fatal(err)
	}
	rowsPath := filepath.Join(dir, "rows.parquet")
	os.WriteFile(rowsPath, rb.Bytes(), 0o600)
	if rst.Records != 60 || n != 60*5 {
		t.Fatalf("rows: %d records, %d rows", rst.Records, n)
	}
	res := duckdb(t,
		fmt.Sprintf(`select area, measure, count, suppressed, band_min, band_max from '%s' where kind = 'areas' and measure in ('assessed', 'with_need', 'below_target') order by area, measure`, tablePath),
		fmt.Sprintf(`select count(*) as n from '%s' where suppressed and count is not null`, tablePath),
		fmt.Sprintf(`select "group", area, measure, count, suppressed from '%s' where kind = 'breakdown' and measure = 'with_need' order by area, "group"`, tablePath),
		fmt.Sprintf(`select count(distinct pseudonym) as people, count(*) as rows from '%s'`, rowsPath),
		fmt.Sprintf(`select area, count(distinct pseudonym) filter (where rating is not null) as assessed,
			count(distinct pseudonym) filter (where rating < target or flagged) as with_need from '%s' group by area order by area`, rowsPath),
		fmt.Sprintf(`select count(*) as n from '%s' where pseudonym = '%s'`, rowsPath, Pseudonym(key, "r-t"+fmt.Sprintf("%015x", 7))),
		fmt.Sprintf(`select count(*) as n from (describe select * from '%s') where column_name in ('name', 'note', 'registration', 'id')`, rowsPath),
	)
	// 1. The Parquet report says what the JSON report says.
	areas := map[string]JArea{}
	for _, a := range j.Areas {
		areas[a.Code] = a
	}
	checked := 0
	for _, row := range res[0] {
		a := areas[row["area"].(string)]
		var c *JCell
		switch row["measure"] {
		case "assessed":
			c = &a.Assessed
		case "with_need":
			c = a.WithNeed
		case "below_target":
			c = a.Below
		}
		if c == nil {
			t.Errorf("no JSON cell for %v", row)
			continue
		}
		if c.Suppressed != row["suppressed"].(bool) || (c.N != nil && num(row["count"]) != *c.N) || (c.N == nil && row["count"] != nil) {
			t.Errorf("Parquet %v, JSON %+v", row, c)
		}
		if c.Suppressed && c.Max > 0 && (num(row["band_min"]) != c.Min || num(row["band_max"]) != c.Max) {
			t.Errorf("band: Parquet %v, JSON %+v", row, c)
		}
		checked++
	}
	if checked != 9 {
		t.Errorf("%d area cells compared", checked)
	}
	if num(res[1][0]["n"]) != 0 {
		t.Error("a suppressed row of the Parquet report holds its count")
	}
	cells := map[string]JGroupCell{}
	for _, b := range j.Breakdowns {
		for _, r := range b.Rows {
			for _, c := range r.Cells {
				cells[c.Group+" "+r.Code] = c
			}
		}
	}
	suppressedCells := 0
	for _, row := range res[2] {
		c := cells[row["group"].(string)+" "+row["area"].(string)]
		if c.WithNeed.Suppressed != row["suppressed"].(bool) || (c.WithNeed.N != nil && num(row["count"]) != *c.WithNeed.N) {
			t.Errorf("breakdown: Parquet %v, JSON %+v", row, c.WithNeed)
		}
		if c.WithNeed.Suppressed {
			suppressedCells++
		}
	}
	if len(res[2]) == 0 || suppressedCells == 0 {
		t.Errorf("%d breakdown cells, %d suppressed: the test does not exercise suppression", len(res[2]), suppressedCells)
	}
	// 2. The rows, grouped in SQL, give the report's exact counts.
	if num(res[3][0]["people"]) != j.Read.Records || num(res[3][0]["rows"]) != 300 {
		t.Errorf("rows: %v, the report counts %d records", res[3], j.Read.Records)
	}
	for _, row := range res[4] {
		a := areas[row["area"].(string)]
		if a.Assessed.N != nil && num(row["assessed"]) != *a.Assessed.N {
			t.Errorf("%s assessed: rows %v, report %d", a.Code, row["assessed"], *a.Assessed.N)
		}
		if a.WithNeed != nil && a.WithNeed.N != nil && num(row["with_need"]) != *a.WithNeed.N {
			t.Errorf("%s with a need: rows %v, report %d", a.Code, row["with_need"], *a.WithNeed.N)
		}
		if a.WithNeed != nil && a.WithNeed.N == nil {
			if v := num(row["with_need"]); v < a.WithNeed.Min || v > a.WithNeed.Max {
				t.Errorf("%s with a need: rows %d, outside the report's band %d..%d", a.Code, v, a.WithNeed.Min, a.WithNeed.Max)
			}
		}
	}
	// 3. A record's pseudonym is the HMAC of its id; no column names a
	// person or holds free text.
	if num(res[5][0]["n"]) != 5 {
		t.Errorf("the pseudonym of r-t%015x names %v rows, want its 5", 7, res[5])
	}
	if num(res[6][0]["n"]) != 0 {
		t.Error("the rows have a column for names, notes, registration numbers or record ids")
	}
}
