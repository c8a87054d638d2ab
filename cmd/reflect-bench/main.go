// Command reflect-bench measures reflect on the machine it runs on and
// prints the figures as Markdown: medians of repeated runs, the machine
// (CPU, cores, memory, Go, date, load average) and each figure's ratio to
// its target. It generates its own inputs in a temporary folder.
//
// Run it from the module's root, usually through .ci/bench:
//
//	.ci/bench                      # everything (about 8 minutes on a quiet 2-core machine)
//	.ci/bench -quick               # a smoke run: fewer runs, smaller inputs
//	.ci/bench -only 'team|size'    # some sections: go, startup, team, size
//	.ci/bench -readme README.md    # also replace the figures in README.md
//
// What it measures:
//
//   - go: Go benchmarks that already exist in the packages (load and
//     validate the frameworks, a TUI keystroke, first frame, line mode's
//     first prompt, scoring, each export format and all of them), run
//     -count times one package at a time; the median of the runs.
//   - startup: the built binary (-trimpath -ldflags="-s -w") from start to
//     exit for `reflect version` and `reflect frameworks list`, with
//     hyperfine when installed (else timed runs); the median.
//   - team: `reflect team` over 1,000 and 10,000 generated records (wall,
//     CPU and peak RSS from /usr/bin/time -v), beside jq computing a
//     per-area mean over the same files and cat of the files into
//     /dev/null (the I/O floor); the median of -runs runs, interleaved,
//     after a warm-up run of each that also checks the output.
//   - size: the binary from a plain `go build` and a release build.
//
// It is not part of .ci/run: it takes minutes and its figures depend on
// the machine. On a busy machine the figures are pessimistic; the load
// average at the start and end is printed with them.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// options are the command-line flags.
type options struct {
	count       int
	benchtime   string
	runs        int
	startupRuns int
	sizes       []int
	only        *regexp.Regexp
	out         string
	readme      string
	work        string
	quick       bool
	waitQuiet   time.Duration
	from        string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("reflect-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var sizes, only string
	fs.IntVar(&o.count, "count", 6, "runs of each Go benchmark (go test -count); the median is reported")
	fs.StringVar(&o.benchtime, "benchtime", "1s", "go test -benchtime for each run")
	fs.IntVar(&o.runs, "runs", 5, "timed runs of each team, jq and cat command, after one warm-up run")
	fs.IntVar(&o.startupRuns, "startup-runs", 40, "timed runs of each start-up command, after five warm-up runs")
	fs.StringVar(&sizes, "sizes", "1000,10000", "numbers of generated records for team, comma-separated")
	fs.StringVar(&only, "only", ".", "run only the sections matching this regexp: go, startup, team, size")
	fs.StringVar(&o.out, "o", "", "also write the Markdown to this file")
	fs.StringVar(&o.readme, "readme", "", "replace the figures between <!-- bench:begin --> and <!-- bench:end --> in this file")
	fs.StringVar(&o.work, "work", "", "folder for the binaries and generated records (default: a new temporary folder, removed at the end)")
	fs.StringVar(&o.from, "from", "", "with -readme: measure nothing, put this saved output of an earlier run (-o FILE) into the file instead")
	fs.DurationVar(&o.waitQuiet, "wait-quiet", 0, "first wait up to this long (e.g. 30m) for the 1-minute load average to fall below the number of CPUs")
	fs.BoolVar(&o.quick, "quick", false, "a smoke run: -count 2 -benchtime 200ms -runs 2 -startup-runs 10 -sizes 100,1000 unless given")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (flags only; see -h)", fs.Arg(0))
	}
	if o.quick {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if !set["count"] {
			o.count = 2
		}
		if !set["benchtime"] {
			o.benchtime = "200ms"
		}
		if !set["runs"] {
			o.runs = 2
		}
		if !set["startup-runs"] {
			o.startupRuns = 10
		}
		if !set["sizes"] {
			sizes = "100,1000"
		}
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-sizes: %q is not a positive number of records", s)
		}
		o.sizes = append(o.sizes, n)
	}
	var err error
	if o.only, err = regexp.Compile(only); err != nil {
		return o, fmt.Errorf("-only: %w", err)
	}
	if o.count < 1 || o.runs < 1 || o.startupRuns < 1 {
		return o, errors.New("-count, -runs and -startup-runs must be at least 1")
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "reflect-bench:", err)
		return 2
	}
	if _, err := os.Stat(filepath.Join("cmd", "reflect", "main.go")); err != nil {
		fmt.Fprintln(stderr, "reflect-bench: run me from the module's root (.ci/bench does)")
		return 2
	}
	if o.from != "" {
		if o.readme == "" {
			fmt.Fprintln(stderr, "reflect-bench: -from goes with -readme FILE")
			return 2
		}
		data, err := os.ReadFile(o.from)
		if err == nil && !strings.HasPrefix(string(data), "Measured ") {
			err = fmt.Errorf("%s is not the output of .ci/bench (it starts %.40q)", o.from, data)
		}
		if err == nil {
			err = replaceBlock(o.readme, string(data))
		}
		if err != nil {
			fmt.Fprintln(stderr, "reflect-bench:", err)
			return 1
		}
		fmt.Fprintf(stderr, "reflect-bench: figures from %s written into %s\n", o.from, o.readme)
		return 0
	}
	if o.waitQuiet > 0 {
		waitQuiet(o.waitQuiet, runtime.NumCPU(), stderr)
	}
	rep, err := measure(o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "reflect-bench:", err)
		return 1
	}
	md := rep.markdown()
	fmt.Fprint(stdout, md)
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(md), 0o644); err != nil {
			fmt.Fprintln(stderr, "reflect-bench:", err)
			return 1
		}
	}
	if o.readme != "" {
		if err := replaceBlock(o.readme, md); err != nil {
			fmt.Fprintln(stderr, "reflect-bench:", err)
			return 1
		}
		fmt.Fprintf(stderr, "reflect-bench: figures written into %s\n", o.readme)
	}
	return 0
}

// waitQuiet waits up to max for the 1-minute load average to fall below
// cpus, checking every 30 seconds.
func waitQuiet(max time.Duration, cpus int, progress io.Writer) {
	deadline := time.Now().Add(max)
	for {
		load := loadAvg()
		if !busy(load, cpus) && load != "unknown" {
			return
		}
		if time.Now().After(deadline) {
			fmt.Fprintf(progress, "reflect-bench: still busy after %s (load %s); measuring anyway\n", max, load)
			return
		}
		fmt.Fprintf(progress, "reflect-bench: load average %s on %d CPUs; waiting for a quieter moment\n", load, cpus)
		time.Sleep(30 * time.Second)
	}
}

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
	{pkg: "./internal/tui", name: "BenchmarkKeystroke", metric: "ms-median", what: "TUI: one keystroke (update and redraw), largest framework", target: time.Millisecond},
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

func measure(o options, progress io.Writer) (*report, error) {
	rep := &report{opts: o, machine: machineInfo()}
	work := o.work
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "reflect-bench-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o700); err != nil {
		return nil, err
	}
	work, _ = filepath.Abs(work)
	step := func(format string, a ...any) { fmt.Fprintf(progress, "== "+format+"\n", a...) }

	// Both builds, for the size section and for the binary the other
	// sections run.
	plain := filepath.Join(work, "plain", "reflect")
	release := filepath.Join(work, "release", "reflect")
	needBinary := o.only.MatchString("startup") || o.only.MatchString("team") || o.only.MatchString("size")
	if needBinary {
		step("building reflect (plain and release)")
		if err := goBuild(plain); err != nil {
			return nil, err
		}
		if err := goBuild(release, "-trimpath", "-ldflags=-s -w"); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(work, "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return nil, err
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + data, "REFLECT_DATA_DIR=" + data, "TERM=dumb", "LC_ALL=C.UTF-8"}

	if o.only.MatchString("startup") {
		step("start-up: reflect version, reflect frameworks list")
		res, err := timeStartup(env, o.startupRuns, [][]string{{release, "version"}, {release, "frameworks", "list"}}, progress)
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			args := strings.TrimSpace(strings.TrimPrefix(r.command, release))
			rep.rows = append(rep.rows, row{what: "Start-up to exit (first output printed): `reflect " + args + "`",
				value: r.median.Seconds(), unit: "s", target: 0.05,
				how: fmt.Sprintf("built binary, %s, median of %d", r.tool, r.runs)})
		}
	}

	if o.only.MatchString("go") {
		step("Go benchmarks: -count %d -benchtime %s", o.count, o.benchtime)
		var pkgs []string
		for _, b := range goBenches {
			if !slices.Contains(pkgs, b.pkg) {
				pkgs = append(pkgs, b.pkg)
			}
		}
		res, err := runGoBench(pkgs, benchRegexp(), o.count, o.benchtime, progress)
		if err != nil {
			return nil, err
		}
		rows, err := goRows(res, modulePath())
		if err != nil {
			return nil, err
		}
		rep.rows = append(rep.rows, rows...)
	}

	if o.only.MatchString("team") {
		cs, err := loadCorpusSet()
		if err != nil {
			return nil, err
		}
		for _, n := range o.sizes {
			step("team: generating %d records of %s", n, cs.framework)
			dir := filepath.Join(work, fmt.Sprintf("records-%d", n))
			size, err := writeCorpus(dir, cs, n)
			if err != nil {
				return nil, err
			}
			rows, err := measureTeam(o, env, release, cs, dir, n, size, progress)
			if err != nil {
				return nil, err
			}
			rep.team = append(rep.team, rows...)
			if o.work == "" { // keep a given -work folder's records for a look
				if err := os.RemoveAll(dir); err != nil {
					return nil, err
				}
			}
		}
		rep.corpus = fmt.Sprintf("%s (%d competences)", cs.framework, cs.items)
	}

	if o.only.MatchString("size") {
		for _, b := range []struct{ path, what string }{
			{plain, "Binary size: `go build ./cmd/reflect`"},
			{release, "Binary size: `go build -trimpath -ldflags=\"-s -w\" ./cmd/reflect`"},
		} {
			fi, err := os.Stat(b.path)
			if err != nil {
				return nil, err
			}
			rep.rows = append(rep.rows, row{what: b.what, value: float64(fi.Size()), unit: "B", how: runtime.GOOS + "/" + runtime.GOARCH})
		}
	}
	rep.loadEnd = loadAvg()
	return rep, nil
}

func goBuild(out string, flags ...string) error {
	args := append([]string{"build", "-o", out}, flags...)
	cmd := exec.Command("go", append(args, "./cmd/reflect")...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return nil
}

// modulePath reads the module path from go.mod.
func modulePath() string {
	data, _ := os.ReadFile("go.mod")
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "module "); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
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
			} else if metric == "ms-median" {
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

// The jq program: the mean rating of each area over every record that
// rated it, like the means `reflect team` reports.
const jqMean = `reduce (inputs | .scores.areas[] | select(.rated > 0)) as $a ({}; .[$a.code].s += $a.mean | .[$a.code].n += 1) | map_values(.s / .n)`

// measureTeam times reflect team, jq and cat over the records in dir:
// one warm-up run of each (which also fills the page cache and checks the
// output), then o.runs runs of the three in turn.
func measureTeam(o options, env []string, bin string, cs corpusSet, dir string, n int, size int64, progress io.Writer) ([]teamRow, error) {
	type cmdSpec struct {
		label  string
		argv   []string
		check  func(out string) error
		target bool
	}
	teamArgv := append([]string{bin, "team", dir}, cs.extraArgs...)
	specs := []cmdSpec{
		{label: "`cat` of every file into /dev/null (I/O floor)",
			argv: []string{"sh", "-c", `find "$1" -name '*.json' -print0 | xargs -0 cat`, "sh", dir}},
		{label: "`reflect team`", argv: teamArgv, target: true,
			check: func(out string) error {
				if !strings.Contains(out, fmt.Sprintf("%d", n)) && !strings.Contains(out, commas(n)) {
					return fmt.Errorf("reflect team's report does not mention %d records:\n%.2000s", n, out)
				}
				return nil
			}},
	}
	if _, err := exec.LookPath("jq"); err == nil {
		specs = append(specs, cmdSpec{label: "`jq`: mean of each area",
			argv: []string{"sh", "-c", `find "$1" -name '*.json' -print0 | xargs -0 cat | jq -n "$2"`, "sh", dir, jqMean},
			check: func(out string) error {
				if !strings.Contains(out, `"`+cs.framework) && !strings.Contains(out, `"`+strings.ToUpper(cs.framework)) {
					if !regexp.MustCompile(`"[A-Z]+\.\d+\.\d+": [\d.]+`).MatchString(out) {
						return fmt.Errorf("jq printed no area means:\n%.2000s", out)
					}
				}
				return nil
			}})
	} else {
		fmt.Fprintln(progress, "reflect-bench: jq is not installed; no jq comparison (apt-get install jq)")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		return nil, errors.New("/usr/bin/time is not installed (apt-get install time); it measures peak RSS")
	}
	samples := make([][]sample, len(specs))
	for round := -1; round < o.runs; round++ {
		for i, sp := range specs {
			var out bytes.Buffer
			var w io.Writer
			if round < 0 && sp.check != nil {
				w = &out
			}
			s, err := timeV(env, w, sp.argv...)
			if err != nil {
				return nil, err
			}
			if round < 0 {
				if sp.check != nil {
					if err := sp.check(out.String()); err != nil {
						return nil, err
					}
				}
				fmt.Fprintf(progress, "   warm-up %-48s %8.3f s wall %8.3f s CPU %6d MB\n", sp.label, s.wall.Seconds(), s.cpu.Seconds(), s.rssKB/1024)
				continue
			}
			samples[i] = append(samples[i], s)
			fmt.Fprintf(progress, "   run %-5d %-48s %8.3f s wall %8.3f s CPU %6d MB\n", round+1, sp.label, s.wall.Seconds(), s.cpu.Seconds(), s.rssKB/1024)
		}
	}
	var rows []teamRow
	for i, sp := range specs {
		var wall, cpu, rss []float64
		for _, s := range samples[i] {
			wall = append(wall, s.wall.Seconds())
			cpu = append(cpu, s.cpu.Seconds())
			rss = append(rss, float64(s.rssKB)*1024)
		}
		r := teamRow{command: sp.label, records: n, bytes: size, wall: median(wall), cpu: median(cpu), rss: median(rss), runs: len(wall)}
		if sp.target && n == 10_000 {
			r.targetWall, r.targetRSS = 2, 100e6
		}
		rows = append(rows, r)
	}
	return rows, nil
}
