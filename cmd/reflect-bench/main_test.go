package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{10, 1, 1, 1, 1, 100}, 1},
	}
	for _, tt := range tests {
		in := append([]float64(nil), tt.in...)
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", in, got, tt.want)
		}
		for i := range in {
			if in[i] != tt.in[i] {
				t.Errorf("median changed its input: %v became %v", in, tt.in)
				break
			}
		}
	}
}

const goTestOutput = `goos: linux
goarch: amd64
pkg: github.com/reflect-cpd/reflect/frameworks
cpu: Intel(R) Xeon(R) Processor
BenchmarkLoadAll-2   	      26	  10839484 ns/op	 2497540 B/op	   12806 allocs/op
BenchmarkLoadAll-2   	      72	   7929894 ns/op	 2497155 B/op	   12800 allocs/op
BenchmarkLoadAll-2   	      72	   3000000 ns/op	 2497155 B/op	   12800 allocs/op
PASS
ok  	github.com/reflect-cpd/reflect/frameworks	3.1s
pkg: github.com/reflect-cpd/reflect/internal/tui
BenchmarkKeystroke-2    	    1066	    804954 ns/op	         0.08700 ms-median
--- BENCH: BenchmarkKeystroke-2
    bench_test.go:89: framework cyp: 242 items
BenchmarkKeystroke-2    	    2341	    109812 ns/op	         0.08200 ms-median
pkg: github.com/reflect-cpd/reflect/internal/render
BenchmarkExportFormat/md-2    	      14	  76028541 ns/op
BenchmarkExportFormat/pdf-2   	       1	1137816662 ns/op
BenchmarkExportFormat/md-2    	      12	  19054550 ns/op
`

func TestParseBench(t *testing.T) {
	res, err := parseBench(strings.NewReader(goTestOutput))
	if err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/reflect-cpd/reflect"
	checks := []struct {
		key, unit string
		want      []float64
	}{
		{mod + "/frameworks.BenchmarkLoadAll", "ns/op", []float64{10839484, 7929894, 3000000}},
		{mod + "/frameworks.BenchmarkLoadAll", "allocs/op", []float64{12806, 12800, 12800}},
		{mod + "/internal/tui.BenchmarkKeystroke", "ms-median", []float64{0.087, 0.082}},
		{mod + "/internal/render.BenchmarkExportFormat/md", "ns/op", []float64{76028541, 19054550}},
		{mod + "/internal/render.BenchmarkExportFormat/pdf", "ns/op", []float64{1137816662}},
	}
	for _, c := range checks {
		got := res[c.key][c.unit]
		if len(got) != len(c.want) {
			t.Errorf("%s %s: got %v, want %v", c.key, c.unit, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s %s: got %v, want %v", c.key, c.unit, got, c.want)
				break
			}
		}
	}
	if len(res) != 4 {
		t.Errorf("want 4 benchmarks, got %d: %v", len(res), res)
	}
}

func TestGoRows(t *testing.T) {
	const mod = "github.com/reflect-cpd/reflect"
	res := benchResults{}
	put := func(key, unit string, vals []float64) {
		if res[key] == nil {
			res[key] = map[string][]float64{}
		}
		res[key][unit] = vals
	}
	subs := 0
	for _, b := range goBenches {
		key := mod + strings.TrimPrefix(b.pkg, ".") + "." + b.name
		unit := b.metric
		if unit == "" {
			unit = "ns/op"
		}
		vals := []float64{2e6, 1e6, 3e6}
		if strings.HasSuffix(unit, "ms-median") {
			vals = []float64{0.5, 0.3, 0.4}
			put(strings.TrimSuffix(key, "/"), "ns/op", []float64{9e9})
		}
		if strings.HasSuffix(b.name, "/") {
			subs++
			for _, f := range []string{"pdf", "md"} {
				put(key+f, unit, vals)
			}
			continue
		}
		put(key, unit, vals)
	}
	rows, err := goRows(res, mod)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(goBenches)+subs { // each benchmark with sub-benchmarks gives two rows
		t.Fatalf("got %d rows, want %d", len(rows), len(goBenches)+subs)
	}
	for _, r := range rows {
		want := 2e-3
		if strings.Contains(r.how, "each run's median") {
			want = 0.4e-3 // ms-median, not the mean in ns/op
		}
		if r.value != want {
			t.Errorf("%s: value %v, want %v", r.what, r.value, want)
		}
	}
	if rows[0].target != 0.005 || !strings.Contains(rows[0].how, "BenchmarkLoadAll") {
		t.Errorf("first row: %+v", rows[0])
	}
	// Formats come in name order and each is named.
	var formats []string
	for _, r := range rows {
		if strings.Contains(r.how, "BenchmarkExportFormat`") {
			formats = append(formats, r.what[strings.LastIndex(r.what, " ")+1:])
		}
	}
	if strings.Join(formats, ",") != "md,pdf" {
		t.Errorf("formats %v", formats)
	}

	delete(res, mod+"/frameworks.BenchmarkLoadAll")
	if _, err := goRows(res, mod); err == nil || !strings.Contains(err.Error(), "BenchmarkLoadAll") {
		t.Errorf("a missing benchmark must be an error naming it, got %v", err)
	}
}

func TestBenchRegexpSelectsEveryBenchmarkOnce(t *testing.T) {
	re := benchRegexp()
	for _, b := range goBenches {
		if !strings.Contains(re, strings.TrimSuffix(b.name, "/")) {
			t.Errorf("%s is not in %s", b.name, re)
		}
	}
	if strings.Count(re, "BenchmarkExportFormat|") > 1 || strings.Count(re, "BenchmarkFirstPrompt|") != 1 {
		t.Errorf("duplicates in %s", re)
	}
}

const timeVReport = `	Command being timed: "reflect team dir"
	User time (seconds): 1.25
	System time (seconds): 0.31
	Percent of CPU this job got: 180%
	Elapsed (wall clock) time (h:mm:ss or m:ss): 0:00.86
	Maximum resident set size (kbytes): 43120
	Exit status: 0
`

func TestParseTimeV(t *testing.T) {
	cpu, rss, err := parseTimeV(timeVReport)
	if err != nil {
		t.Fatal(err)
	}
	if cpu != 1560*time.Millisecond || rss != 43120 {
		t.Errorf("cpu %v rss %d", cpu, rss)
	}
	if _, _, err := parseTimeV("Command exited with non-zero status 1\n"); err == nil {
		t.Error("a report without the peak RSS must be an error")
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		v    float64
		unit string
		want string
	}{
		{0.0000845, "s", "84.5 µs"},
		{0.00938, "s", "9.38 ms"},
		{0.287, "s", "287 ms"},
		{1.2, "s", "1.20 s"},
		{12.345, "s", "12.3 s"},
		{17_234_567, "B", "17.2 MB"},
		{100e6, "B", "100 MB"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v, tt.unit); got != tt.want {
			t.Errorf("formatValue(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
	for n, want := range map[int]string{1: "1", 100: "100", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567"} {
		if got := commas(n); got != want {
			t.Errorf("commas(%d) = %q", n, got)
		}
	}
	if got := formatRatio(0.5); got != "0.50× (met)" {
		t.Errorf("formatRatio(0.5) = %q", got)
	}
	if got := formatRatio(1.66); !strings.Contains(got, "missed") {
		t.Errorf("formatRatio(1.66) = %q", got)
	}
	if !busy("11.69, 12.22, 10.95", 2) || busy("0.40, 1.0, 3.0", 2) || busy("unknown", 2) {
		t.Error("busy is wrong")
	}
}

func TestMarkdownNamesMachineLoadAndMisses(t *testing.T) {
	r := &report{
		opts:    options{count: 6, benchtime: "1s", runs: 5, startupRuns: 40},
		machine: machine{cpu: "Test CPU", cpus: 2, memory: "4.0 GiB", os: "Linux 6", goVersion: "go1.26", date: "2026-01-01 00:00 UTC", commit: "commit abc", loadStart: "5.00, 4.00, 3.00"},
		loadEnd: "0.10, 0.20, 0.30",
		rows: []row{
			{what: "Load", value: 0.004, unit: "s", target: 0.005, how: "x"},
			{what: "Export", value: 0.3, unit: "s", target: 0.15, how: "y"},
			{what: "Size", value: 12e6, unit: "B", how: "z"},
		},
		team: []teamRow{
			{command: "`reflect team`", records: 10000, bytes: 800e6, wall: 1, cpu: 1.5, rss: 50e6, runs: 5, targetWall: 2, targetRSS: 100e6},
			{command: "`jq`", records: 10000, bytes: 800e6, wall: 10, cpu: 10, rss: 3e6, runs: 5},
		},
		corpus: "cyp (242 competences)",
	}
	md := r.markdown()
	for _, want := range []string{
		"Measured 2026-01-01 00:00 UTC by `.ci/bench`.\n",
		"- Machine: Test CPU, 2 CPUs, 4.0 GiB RAM, Linux 6\n", "- Go: go1.26; reflect at commit abc\n",
		"- Load average (1, 5, 15 min): 5.00, 4.00, 3.00 at the start, 0.10, 0.20, 0.30 at the end; above the number of CPUs", "pessimistic",
		"| Load | 4.00 ms | < 5.00 ms | 0.80× (met) |",
		"| Export | 300 ms | < 150 ms | **2.00× (missed)** |",
		"| Size | 12.0 MB | — | — |",
		"| `reflect team` | 10,000 (800 MB) | 1.00 s | 1.50 s | 50.0 MB | 1.00× | < 2.00 s, < 100 MB | 0.50× (met), 0.50× (met) |",
		"| `jq` | 10,000 (800 MB) | 10.0 s | 10.0 s | 3.00 MB | 10.00× | — | — |",
		"-count 6",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestMarkdownQuietMachine(t *testing.T) {
	r := &report{machine: machine{cpus: 2, loadStart: "0.50, 0.40, 0.30"}, loadEnd: "1.90, 0.50, 0.30"}
	if md := r.markdown(); strings.Contains(md, "pessimistic") || !strings.Contains(md, "0.50, 0.40, 0.30 at the start, 1.90, 0.50, 0.30 at the end\n") {
		t.Errorf("a quiet machine:\n%s", md)
	}
}

func TestReplaceBlock(t *testing.T) {
	p := filepath.Join(t.TempDir(), "README.md")
	before := "# T\n\n## Performance\n\n" + beginMarker + "\nold figures\n" + endMarker + "\n\n## Next\nkept\n"
	if err := os.WriteFile(p, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := replaceBlock(p, "new figures\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	want := "# T\n\n## Performance\n\n" + beginMarker + "\nnew figures\n" + endMarker + "\n\n## Next\nkept\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if err := os.WriteFile(p, []byte("# no markers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := replaceBlock(p, "x"); err == nil || !strings.Contains(err.Error(), beginMarker) {
		t.Errorf("a file without markers: %v", err)
	}
}

// TestReadmeFiguresComeFromBench checks that the README's Performance
// figures are the bench command's output, not typed: the block between
// the markers is what report.markdown writes.
func TestReadmeFiguresComeFromBench(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, beginMarker), strings.Index(s, endMarker)
	if i < 0 || j < i {
		t.Fatal("README has no Performance markers: run .ci/bench -readme README.md")
	}
	block := s[i+len(beginMarker) : j]
	if strings.TrimSpace(block) == "" {
		t.Fatal("README's Performance section has no figures: run .ci/bench -readme README.md")
	}
	for _, want := range []string{"Measured ", "Load average (1, 5, 15 min)", "| Measure | Median | Target | Ratio to target | How |", "Go benchmarks: -count "} {
		if !strings.Contains(block, want) {
			t.Errorf("README's figures lack %q: rerun .ci/bench -readme README.md", want)
		}
	}
	for _, b := range goBenches {
		if !strings.Contains(block, "`"+strings.TrimSuffix(b.name, "/")+"`") {
			t.Errorf("README's figures have no row from %s: rerun .ci/bench -readme README.md", b.name)
		}
	}
}

func TestFlags(t *testing.T) {
	o, err := parseFlags([]string{"-quick", "-runs", "3"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.count != 2 || o.runs != 3 || len(o.sizes) != 2 || o.sizes[1] != 1000 {
		t.Errorf("-quick -runs 3: %+v", o)
	}
	o, err = parseFlags(nil, io.Discard)
	if err != nil || o.count != 6 || o.sizes[1] != 10000 || !o.only.MatchString("team") {
		t.Errorf("defaults: %+v %v", o, err)
	}
	for _, bad := range [][]string{{"-sizes", "10,x"}, {"-count", "0"}, {"-only", "("}, {"extra"}} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

// TestCorpusRecordsAreValid checks that the generated team records are
// records reflect reads: strict decoding, unique ids, complete.
func TestCorpusRecordsAreValid(t *testing.T) {
	cs, err := loadCorpusSet()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	size, err := writeCorpus(dir, cs, 30)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if len(files) != 30 {
		t.Fatalf("%d files, want 30", len(files))
	}
	ids := map[string]bool{}
	var total int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total += int64(len(data))
		r, err := record.Decode(f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if ids[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		ids[r.ID] = true
		if r.Status != record.StatusComplete || len(r.Answers) != cs.items {
			t.Errorf("%s: status %s, %d answers, want complete with %d", f, r.Status, len(r.Answers), cs.items)
		}
	}
	if total != size {
		t.Errorf("reported %d bytes, wrote %d", size, total)
	}
}

// The scale table works out each command's growth from its own smallest
// size, beyond the floor's growth, and flags a quadratic one and a memory
// target missed.
func TestScaleMarkdown(t *testing.T) {
	rows := []scaleRow{
		{command: "Go read-all floor", records: 100, wall: 1, cpu: 1, rss: 3e6},
		{command: "`reflect team` (the text report)", records: 100, wall: 2, cpu: 2, rss: 30e6},
		{command: "Go read-all floor", records: 1000, wall: 10, cpu: 12, rss: 3e6},
		{command: "`reflect team` (the text report)", records: 1000, wall: 20, cpu: 40, rss: 70e6},
	}
	md := scaleMarkdown(rows, "test records")
	for _, want := range []string{
		"| Go read-all floor | 1,000 (0.00 MB) | 10.0 s | 12.0 s | 10.0 ms | 1.00×, 1.20× (from 100) | — | 3.00 MB | — | — |",
		// CPU a record doubled while the floor's grew 1.2×: 1.67× beyond it.
		"| `reflect team` (the text report) | 1,000 (0.00 MB) | 20.0 s | 40.0 s | 20.0 ms | 1.00×, 2.00× (from 100) | 1.67× | 70.0 MB | **1.33× (missed)**, **1.09× (missed)** | — |",
		"| `reflect team` (the text report) | 100 (0.00 MB) | 2.00 s | 2.00 s | 20.0 ms | — | — | 30.0 MB | 0.47× (met) | — |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("scale table lacks\n%s\nin\n%s", want, md)
		}
	}
	if scaleMarkdown(nil, "x") != "" {
		t.Error("no scale rows should print no table")
	}
}

// A scale-only run goes into its own block and leaves the other figures;
// a full run replaces the main block.
func TestPublishScaleIntoItsOwnBlock(t *testing.T) {
	p := filepath.Join(t.TempDir(), "README.md")
	orig := "top\n" + beginMarker + "\nold main\n" + endMarker + "\nmiddle\n" + scaleBeginMarker + "\nold scale\n" + scaleEndMarker + "\nend\n"
	if err := os.WriteFile(p, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	scale := (&report{scale: []scaleRow{{command: "Go read-all floor", records: 10, wall: 1, cpu: 1, rss: 1e6}}}).markdown()
	if !scaleOnly(scale) {
		t.Fatalf("a scale-only report not recognised:\n%s", scale)
	}
	if err := publish(p, scale); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	if !strings.Contains(string(data), "old main") || strings.Contains(string(data), "old scale") || !strings.Contains(string(data), "| Go read-all floor | 10 ") {
		t.Errorf("after a scale-only run:\n%s", data)
	}
	full := (&report{rows: []row{{what: "x", value: 1, unit: "s"}}, scale: []scaleRow{{command: "Go read-all floor", records: 10, wall: 1, cpu: 1, rss: 1e6}}}).markdown()
	if scaleOnly(full) {
		t.Fatal("a full report taken for scale-only")
	}
	if err := publish(p, full); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(p)
	if strings.Contains(string(data), "old main") || !strings.Contains(string(data), "| x | 1.00 s |") {
		t.Errorf("after a full run:\n%s", data)
	}
}
