package app_test

import (
	"encoding/csv"
	"strings"
	"testing"
)

// reflect frameworks crosswalk publishes every link of the shipped
// frameworks, each typed and with its rationale, in the three formats.
func TestCrosswalkCommand(t *testing.T) {
	r := run(t, "frameworks", "crosswalk", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 250 || strings.Join(rows[0], ",") != "Type,From,From framework,From area,From statement,To,To framework,To area,To statement,Rationale,Written in" {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	types := map[string]int{}
	for _, row := range rows[1:] {
		types[row[0]]++
		if row[9] == "" || row[4] == "" || row[8] == "" || row[2] == row[6] || !strings.Contains(row[10], ".yaml:") {
			t.Errorf("incomplete row %q", row)
		}
	}
	if types["exact"] == 0 || types["close"] == 0 || types["related"] == 0 || len(types) != 3 {
		t.Errorf("types %v", types)
	}
	// The definition of self-harm is one answer across the three frameworks.
	txt := run(t, "frameworks", "crosswalk")
	if !strings.Contains(txt.out, "exact    ADU.1.1.1 — CYP.1.1.2") || strings.Contains(txt.out, "Areas with no link") {
		t.Errorf("text table:\n%.2000s", txt.out)
	}
	exact := run(t, "frameworks", "crosswalk", "cyp", "--type", "close", "--format", "md")
	if exact.code != 0 || !strings.Contains(exact.out, "| close | `") || strings.Contains(exact.out, "| exact |") || strings.Contains(exact.out, "| related |") {
		t.Errorf("--type close for cyp:\n%.1500s", exact.out)
	}
	if bad := run(t, "frameworks", "crosswalk", "--type", "same"); bad.code != 2 || !strings.Contains(bad.errOut, "exact, close, related") {
		t.Errorf("unknown type: exit %d %s", bad.code, bad.errOut)
	}
	// A file of one's own with no links: no rows, and every area listed as unlinked.
	own := run(t, "frameworks", "crosswalk", mini())
	if own.code != 0 || !strings.Contains(own.out, "Crosswalk: 0 links.") || !strings.Contains(own.out, "Areas with no link of any type (3)") {
		t.Errorf("a framework file without links:\n%s%s", own.out, own.errOut)
	}
}
