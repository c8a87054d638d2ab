package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none. xs is not changed.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// benchResults holds every value of every metric of every benchmark run,
// keyed by "import/path.BenchmarkName/sub" (without the -GOMAXPROCS
// suffix), then by unit ("ns/op", "ms-median", ...).
type benchResults map[string]map[string][]float64

var (
	benchLineRE = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.+)$`)
	pkgLineRE   = regexp.MustCompile(`^pkg:\s+(\S+)`)
)

// parseBench reads `go test -bench` output. Lines it does not know are
// ignored, so verbose and log output may be mixed in.
func parseBench(r io.Reader) (benchResults, error) {
	out := benchResults{}
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := pkgLineRE.FindStringSubmatch(line); m != nil {
			pkg = m[1]
			continue
		}
		m := benchLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		fields := strings.Fields(m[3])
		if len(fields)%2 != 0 {
			continue
		}
		key := pkg + "." + m[1]
		if out[key] == nil {
			out[key] = map[string][]float64{}
		}
		for i := 0; i < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			out[key][fields[i+1]] = append(out[key][fields[i+1]], v)
		}
	}
	return out, sc.Err()
}

// runGoBench runs the named benchmarks of the packages, count times each,
// one package at a time (-p 1: packages' benchmarks never share the CPUs),
// echoing go test's output to progress.
func runGoBench(pkgs []string, regexp string, count int, benchtime string, progress io.Writer) (benchResults, error) {
	args := []string{"test", "-run", "^$", "-bench", regexp, "-count", strconv.Itoa(count),
		"-benchtime", benchtime, "-p", "1", "-timeout", "60m"}
	args = append(args, pkgs...)
	cmd := exec.Command("go", args...)
	var buf bytes.Buffer
	cmd.Stdout = io.MultiWriter(&buf, progress)
	cmd.Stderr = progress
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return parseBench(&buf)
}

// sample is one timed run of a command.
type sample struct {
	wall, cpu time.Duration
	rssKB     int64
}

var (
	rssRE = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	cpuRE = regexp.MustCompile(`(?:User|System) time \(seconds\): ([\d.]+)`)
)

// parseTimeV reads the CPU time (user + system) and peak RSS from the
// report of GNU time -v.
func parseTimeV(report string) (cpu time.Duration, rssKB int64, err error) {
	seen := false
	for _, m := range cpuRE.FindAllStringSubmatch(report, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		cpu += time.Duration(x * float64(time.Second))
	}
	if m := rssRE.FindStringSubmatch(report); m != nil {
		rssKB, _ = strconv.ParseInt(m[1], 10, 64)
		seen = true
	}
	if !seen {
		return 0, 0, fmt.Errorf("no peak RSS in the time -v report:\n%s", report)
	}
	return cpu, rssKB, nil
}

// timeV runs argv under /usr/bin/time -v with its standard output going
// to stdout (nil: /dev/null). The wall time is taken here (time -v rounds
// to 10 ms); CPU and peak RSS come from time -v, which reads them from
// wait4 (for a shell pipeline: the peak of its largest process).
func timeV(env []string, stdout io.Writer, argv ...string) (sample, error) {
	return timeVErr(env, stdout, nil, argv...)
}

// timeVErr is timeV also copying the command's standard error to stderr
// (when not nil).
func timeVErr(env []string, stdout, errOut io.Writer, argv ...string) (sample, error) {
	report, err := os.CreateTemp("", "reflect-bench-time-")
	if err != nil {
		return sample{}, err
	}
	report.Close()
	defer os.Remove(report.Name())
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", "-o", report.Name()}, argv...)...)
	cmd.Env = env
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if errOut != nil {
		cmd.Stderr = io.MultiWriter(&stderr, errOut)
	}
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w\n%s", strings.Join(argv, " "), err, stderr.String())
	}
	data, err := os.ReadFile(report.Name())
	if err != nil {
		return sample{}, err
	}
	cpu, rss, err := parseTimeV(string(data))
	if err != nil {
		return sample{}, err
	}
	return sample{wall: wall, cpu: cpu, rssKB: rss}, nil
}

// startupResult is the median wall time of one command over runs.
type startupResult struct {
	command string
	median  time.Duration
	runs    int
	tool    string
}

// hyperfineJSON is the part of hyperfine's --export-json this reads.
type hyperfineJSON struct {
	Results []struct {
		Command string    `json:"command"`
		Median  float64   `json:"median"`
		Times   []float64 `json:"times"`
	} `json:"results"`
}

// timeStartup measures each command (an argv; the first element is the
// binary) from start to exit with hyperfine when installed (no shell,
// warm-up runs first), else with runs timed here.
func timeStartup(env []string, runs int, cmds [][]string, progress io.Writer) ([]startupResult, error) {
	if path, err := exec.LookPath("hyperfine"); err == nil {
		for _, c := range cmds {
			for _, a := range c {
				if strings.ContainsAny(a, " \t'\"") {
					goto own // hyperfine -N splits on white space
				}
			}
		}
		out, err := os.CreateTemp("", "reflect-bench-hyperfine-*.json")
		if err != nil {
			return nil, err
		}
		out.Close()
		defer os.Remove(out.Name())
		args := []string{"-N", "--warmup", "5", "--runs", strconv.Itoa(runs), "--export-json", out.Name()}
		for _, c := range cmds {
			args = append(args, strings.Join(c, " "))
		}
		cmd := exec.Command(path, args...)
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = progress, progress
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("hyperfine: %w", err)
		}
		data, err := os.ReadFile(out.Name())
		if err != nil {
			return nil, err
		}
		var hj hyperfineJSON
		if err := json.Unmarshal(data, &hj); err != nil {
			return nil, fmt.Errorf("hyperfine's JSON: %w", err)
		}
		if len(hj.Results) != len(cmds) {
			return nil, fmt.Errorf("hyperfine reported %d results for %d commands", len(hj.Results), len(cmds))
		}
		var res []startupResult
		for i, r := range hj.Results {
			res = append(res, startupResult{command: strings.Join(cmds[i], " "),
				median: time.Duration(r.Median * float64(time.Second)), runs: len(r.Times), tool: "hyperfine"})
		}
		return res, nil
	}
own:
	var res []startupResult
	for _, c := range cmds {
		var ws []float64
		for i := 0; i < runs+5; i++ {
			cmd := exec.Command(c[0], c[1:]...)
			cmd.Env = env
			start := time.Now()
			if err := cmd.Run(); err != nil {
				return nil, fmt.Errorf("%s: %w", strings.Join(c, " "), err)
			}
			if i >= 5 { // the first five are the warm-up
				ws = append(ws, float64(time.Since(start)))
			}
		}
		res = append(res, startupResult{command: strings.Join(c, " "), median: time.Duration(median(ws)), runs: runs, tool: "timed runs"})
	}
	return res, nil
}
