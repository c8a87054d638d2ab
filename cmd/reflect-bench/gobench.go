// The Go benchmarks the figures come from (goBenches), the -bench pattern
// that selects them and the table rows made from their results.

package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// goBench is an existing Go benchmark and what it stands for.
type goBench struct {
	pkg    string // relative to the module root, e.g. "./frameworks"
	name   string // e.g. "BenchmarkLoadAll", or "BenchmarkExportFormat/" for every sub-benchmark
	metric string // the unit whose median is reported; "" is ns/op
	what   string
	target time.Duration // 0: none
}

// goBenches are the benchmarks the figures come from, in the table's order.
var goBenches = []goBench{
	{pkg: "./frameworks", name: "BenchmarkLoadAll", what: "Load and validate all shipped frameworks (embedded)", target: 5 * time.Millisecond},
	{pkg: "./internal/tui", name: "BenchmarkKeystroke/", metric: "ms-median", what: "TUI: one keystroke with the real save, Update+View (journal write off the path): ", target: time.Millisecond},
	{pkg: "./internal/tui", name: "BenchmarkKeystroke/", metric: "ack-ms-median", what: "TUI: one keystroke, from the key to its journal write acknowledged (keys queued back to back): "},
	{pkg: "./internal/store", name: "BenchmarkJournalAppend/", metric: "ms-median", what: "Journal: one change sealed, appended and fsynced: "},
	{pkg: "./internal/tui", name: "BenchmarkFirstFrame", metric: "ms-median", what: "TUI: start to first frame, in process", target: 50 * time.Millisecond},
	{pkg: "./internal/linemode", name: "BenchmarkFirstPrompt", what: "Line mode: plan to first prompt, every framework at once, in process", target: 50 * time.Millisecond},
	{pkg: "./internal/cli/assess", name: "BenchmarkFirstPromptBinary", what: "`reflect assess --accessible`: process start to first prompt (test framework)", target: 50 * time.Millisecond},
	{pkg: "./internal/assessment", name: "BenchmarkScore", what: "Scoring the largest session (every framework, every competence)", target: time.Millisecond},
	{pkg: "./internal/render", name: "BenchmarkExportFormat/", what: "Export the largest record: "},
	{pkg: "./internal/render", name: "BenchmarkExportAllFormats", what: "Export the largest record: all formats together", target: 150 * time.Millisecond},
}

// benchRegexp is the -bench pattern selecting exactly goBenches.
func benchRegexp() string {
	var names []string
	seen := map[string]bool{}
	for _, b := range goBenches {
		n := strings.TrimSuffix(b.name, "/")
		if !seen[n] {
			names = append(names, regexp.QuoteMeta(n))
			seen[n] = true
		}
	}
	return "^(" + strings.Join(names, "|") + ")$"
}

// goRows turns the Go benchmark results into table rows, in goBenches'
// order. A benchmark missing from the results is an error: the table
// must not silently lose a line.
func goRows(res benchResults, module string) ([]row, error) {
	var rows []row
	for _, b := range goBenches {
		prefix := module + strings.TrimPrefix(b.pkg, ".") + "." + b.name
		metric := b.metric
		if metric == "" {
			metric = "ns/op"
		}
		var keys []string
		for k := range res {
			if k == prefix || (strings.HasSuffix(b.name, "/") && strings.HasPrefix(k, prefix)) {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			return nil, fmt.Errorf("no results for %s in %s", b.name, b.pkg)
		}
		slices.Sort(keys)
		for _, k := range keys {
			vals := res[k][metric]
			if len(vals) == 0 {
				return nil, fmt.Errorf("%s reported no %s", k, metric)
			}
			v := median(vals)
			if metric == "ns/op" {
				v /= 1e9
			} else if strings.HasSuffix(metric, "ms-median") {
				v /= 1e3
			}
			what := b.what
			if strings.HasSuffix(b.name, "/") {
				what += strings.TrimPrefix(k, prefix)
			}
			how := fmt.Sprintf("`%s` in `%s`, median of %d", strings.TrimSuffix(b.name, "/"), strings.TrimPrefix(b.pkg, "./"), len(vals))
			if metric != "ns/op" {
				how += " (each run's median per operation)"
			}
			rows = append(rows, row{what: what, value: v, unit: "s", target: b.target.Seconds(), how: how})
		}
	}
	return rows, nil
}
