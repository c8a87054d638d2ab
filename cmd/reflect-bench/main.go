// Command reflect-bench measures reflect on the machine it runs on and
// prints the figures as Markdown: medians of repeated runs, the machine
// (CPU, cores, memory, Go, date, load average) and each figure's ratio to
// its target. It generates its own inputs in a temporary folder.
//
// Run it from the module's root, usually through .ci/bench:
//
//	.ci/bench                      # everything (about 8 minutes on a quiet 2-core machine, and the scale section's half hour)
//	.ci/bench -quick               # a smoke run: fewer runs, smaller inputs
//	.ci/bench -only 'team|size'    # some sections: go, startup, team, scale, size
//	.ci/bench -readme README.md    # also replace the figures in README.md
//
// What it measures:
//
//   - go: Go benchmarks that already exist in the packages (load and
//     validate the frameworks, a TUI keystroke, first frame, line mode's
//     first prompt, scoring, each export format and all of them), run
//     -count times one package at a time; the median of the runs.
//   - startup: the release build (CGO_ENABLED=0 -trimpath -ldflags="-s -w")
//     from start to exit for `reflect --version` and `reflect frameworks
//     list`, side by side with a Go hello world built the same way (the
//     target is twice its time), with hyperfine when installed (else timed
//     runs); the median. Then `reflect --version` and `reflect verify` with
//     every stream on a pseudo-terminal that never answers (target 50 ms;
//     a terminal query would wait there).
//   - team: `reflect team` over 1,000 and 10,000 generated records (wall,
//     CPU and peak RSS from /usr/bin/time -v), beside the Go read-all floor
//     (a Go program that reads every file with as many readers as team
//     has decoders; the target is twice its time), cat of the files into
//     /dev/null and jq computing a per-area mean over the same files; the
//     median of -runs runs, interleaved, after a warm-up run of each that
//     also checks the output.
//   - scale: `reflect team` (the text report, and the JSON report with a
//     breakdown and a trend) and its row export (Parquet and NDJSON) over
//     100,000 and 1,000,000 generated records of the test framework
//     (-scale-sizes), once each after the Go read-all floor: peak RSS
//     (target under 64 MB at every size) and the growth of the time a
//     record from the smallest size to the largest (target: linear,
//     within 1.25× on CPU time). The files are removed after each size.
//   - kill: the full screen in tmux, -kill-runs times (100): random keys,
//     each waited for until the screen says "saved", then a burst of
//     ratings and SIGKILL a random moment later; every acknowledged answer
//     must be in what the store reads afterwards (record and journal), and
//     the burst there in order. Reports how many were lost (0 expected)
//     and the time from a key to "saved" on the screen.
//   - size: the binary from a plain `go build` and a release build.
//
// It is not part of .ci/run: it takes minutes and its figures depend on
// the machine. On a busy machine the figures are pessimistic; the load
// average at the start and end is printed with them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
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
	scaleSizes  []int
	only        *regexp.Regexp
	out         string
	readme      string
	work        string
	quick       bool
	killRuns    int
	waitQuiet   time.Duration
	from        string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("reflect-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var sizes, scaleSizes, only string
	fs.IntVar(&o.count, "count", 6, "runs of each Go benchmark (go test -count); the median is reported")
	fs.StringVar(&o.benchtime, "benchtime", "1s", "go test -benchtime for each run")
	fs.IntVar(&o.runs, "runs", 5, "timed runs of each team, jq and cat command, after one warm-up run")
	fs.IntVar(&o.startupRuns, "startup-runs", 40, "timed runs of each start-up command, after five warm-up runs")
	fs.StringVar(&sizes, "sizes", "1000,10000", "numbers of generated records for team, comma-separated")
	fs.StringVar(&scaleSizes, "scale-sizes", "100000,1000000", "numbers of generated records for the scale section, comma-separated, smallest first (a million takes about 10 GB of disk and half an hour on a 2-core machine)")
	fs.StringVar(&only, "only", ".", "run only the sections matching this regexp: go, startup, team, scale, kill, size")
	fs.IntVar(&o.killRuns, "kill-runs", 100, "runs of the kill section (the full screen killed at random moments)")
	fs.StringVar(&o.out, "o", "", "also write the Markdown to this file")
	fs.StringVar(&o.readme, "readme", "", "replace the figures between <!-- bench:begin --> and <!-- bench:end --> in this file (a run of -only scale: between <!-- bench-scale:begin --> and <!-- bench-scale:end -->)")
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
		if !set["scale-sizes"] {
			scaleSizes = "1000,10000"
		}
		if !set["kill-runs"] {
			o.killRuns = 5
		}
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-sizes: %q is not a positive number of records", s)
		}
		o.sizes = append(o.sizes, n)
	}
	for _, s := range strings.Split(scaleSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-scale-sizes: %q is not a positive number of records", s)
		}
		if k := len(o.scaleSizes); k > 0 && n <= o.scaleSizes[k-1] {
			return o, fmt.Errorf("-scale-sizes: give the sizes smallest first (%d after %d)", n, o.scaleSizes[k-1])
		}
		o.scaleSizes = append(o.scaleSizes, n)
	}
	var err error
	if o.only, err = regexp.Compile(only); err != nil {
		return o, fmt.Errorf("-only: %w", err)
	}
	if o.count < 1 || o.runs < 1 || o.startupRuns < 1 || o.killRuns < 1 {
		return o, errors.New("-count, -runs, -startup-runs and -kill-runs must be at least 1")
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
			err = publish(o.readme, string(data))
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
		if err := publish(o.readme, md); err != nil {
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
