package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// row is one figure of the main table.
type row struct {
	what   string
	value  float64 // seconds ("s") or bytes ("B")
	unit   string
	target float64 // same unit; 0 for none
	// targetNote, when set, is shown for the target (a target relative to
	// a floor measured in the same run).
	targetNote string
	how        string
}

// teamRow is one command of the team table.
type teamRow struct {
	command   string
	records   int
	bytes     int64
	wall, cpu float64 // seconds
	rss       float64 // bytes
	runs      int
	// targets (0: none): seconds and bytes
	targetWall, targetRSS float64
	targetNote            string // shown for the targets when set
}

// machine describes where the figures were taken.
type machine struct {
	cpu, memory, os, goVersion, date, commit, loadStart, tools string
	cpus                                                       int
}

type report struct {
	opts    options
	machine machine
	rows    []row
	team    []teamRow
	scale   []scaleRow
	corpus  string
	loadEnd string
}

// Markers of the block -readme replaces.
const (
	beginMarker = "<!-- bench:begin (written by .ci/bench -readme README.md; do not edit by hand) -->"
	endMarker   = "<!-- bench:end -->"
)

func (r *report) markdown() string {
	var b strings.Builder
	m := r.machine
	fmt.Fprintf(&b, "Measured %s by `.ci/bench`.\n\n", m.date)
	fmt.Fprintf(&b, "- Machine: %s, %d CPUs, %s RAM, %s\n", m.cpu, m.cpus, m.memory, m.os)
	fmt.Fprintf(&b, "- Go: %s; reflect at %s\n", m.goVersion, m.commit)
	fmt.Fprintf(&b, "- Load average (1, 5, 15 min): %s at the start, %s at the end", m.loadStart, r.loadEnd)
	if busy(m.loadStart, m.cpus) || busy(r.loadEnd, m.cpus) {
		fmt.Fprintf(&b, "; above the number of CPUs, so other work shared the machine and these figures are pessimistic")
	}
	b.WriteString("\n")
	if m.tools != "" {
		fmt.Fprintf(&b, "- Tools: %s\n", m.tools)
	}
	if len(r.rows) > 0 {
		b.WriteString("\n| Measure | Median | Target | Ratio to target | How |\n|---|--:|--:|--:|---|\n")
		for _, x := range r.rows {
			target, ratio := "—", "—"
			if x.target > 0 {
				target = "< " + formatValue(x.target, x.unit)
				if x.targetNote != "" {
					target = x.targetNote
				}
				ratio = formatRatio(x.value / x.target)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", x.what, formatValue(x.value, x.unit), target, ratio, x.how)
		}
	}
	if len(r.team) > 0 {
		fmt.Fprintf(&b, "\n`team` over generated complete records of the largest framework, %s; median of %d runs after a warm-up run (files in the page cache):\n\n",
			r.corpus, r.team[0].runs)
		b.WriteString("| Command | Records | Wall | CPU (user + sys) | Peak RSS | Wall vs `reflect team` | Target | Ratio to target |\n|---|--:|--:|--:|--:|--:|--:|--:|\n")
		for _, t := range r.team {
			var ref float64
			for _, u := range r.team {
				if u.records == t.records && strings.Contains(u.command, "reflect team") {
					ref = u.wall
				}
			}
			vs := "—"
			if ref > 0 {
				vs = fmt.Sprintf("%.2f×", t.wall/ref)
			}
			target, ratio := "—", "—"
			if t.targetWall > 0 {
				target = fmt.Sprintf("< %s, < %s", formatValue(t.targetWall, "s"), formatValue(t.targetRSS, "B"))
				if t.targetNote != "" {
					target = t.targetNote
				}
				ratio = formatRatio(t.wall/t.targetWall) + ", " + formatRatio(t.rss/t.targetRSS)
			}
			fmt.Fprintf(&b, "| %s | %s (%s) | %s | %s | %s | %s | %s | %s |\n", t.command, commas(t.records), formatValue(float64(t.bytes), "B"),
				formatValue(t.wall, "s"), formatValue(t.cpu, "s"), formatValue(t.rss, "B"), vs, target, ratio)
		}
	}
	b.WriteString(scaleMarkdown(r.scale, scaleCorpusNote))
	if len(r.rows) > 0 || len(r.team) > 0 {
		fmt.Fprintf(&b, "\nGo benchmarks: -count %d -benchtime %s; start-up: %d runs; team: %d runs. Ratio below 1 meets the target. MB = 10⁶ bytes.\n",
			r.opts.count, r.opts.benchtime, r.opts.startupRuns, r.opts.runs)
	} else {
		b.WriteString("\nRatio below 1 meets the target. MB = 10⁶ bytes.\n")
	}
	return b.String()
}

// scaleCorpusNote describes the scale section's records.
const scaleCorpusNote = "generated complete records of the test framework (`testdata/frameworks/mini.yaml`, 10 competences; practitioners of seven professions and settings, activity dates over two years, a reviewer's ratings on every third record)"

// Markers of the scale section's own block: a run of -only scale (it takes
// half an hour) goes there without replacing the other figures.
const (
	scaleBeginMarker = "<!-- bench-scale:begin (written by .ci/bench -only scale -readme README.md; do not edit by hand) -->"
	scaleEndMarker   = "<!-- bench-scale:end -->"
)

// scaleOnly reports whether md (the output of a run) holds only the scale
// section's figures.
func scaleOnly(md string) bool {
	return strings.Contains(md, "\nScale: `team`") && !strings.Contains(md, "| Measure | Median |") && !strings.Contains(md, "Wall vs `reflect team`")
}

// publish puts md into path: a scale-only run into the scale block, any
// other into the main block.
func publish(path, md string) error {
	if scaleOnly(md) {
		return replaceBetween(path, md, scaleBeginMarker, scaleEndMarker)
	}
	return replaceBlock(path, md)
}

// busy reports whether a load average line's first (1-minute) figure is
// above the number of CPUs.
func busy(load string, cpus int) bool {
	f := strings.Fields(strings.ReplaceAll(load, ",", " "))
	if len(f) == 0 {
		return false
	}
	x, err := strconv.ParseFloat(f[0], 64)
	return err == nil && x > float64(cpus)
}

// formatValue writes seconds or bytes with three significant figures.
func formatValue(v float64, unit string) string {
	if unit == "n" {
		return commas(int(v))
	}
	if unit == "B" {
		return sig3(v/1e6) + " MB"
	}
	switch {
	case v == 0:
		return "0 s"
	case v < 1e-3:
		return sig3(v*1e6) + " µs"
	case v < 1:
		return sig3(v*1e3) + " ms"
	}
	return sig3(v) + " s"
}

func sig3(x float64) string {
	switch {
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

func formatRatio(x float64) string {
	if x < 1 {
		return fmt.Sprintf("%.2f× (met)", x)
	}
	return fmt.Sprintf("**%.2f× (missed)**", x)
}

// commas writes n with thousands separators: 10,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}

func machineInfo() machine {
	m := machine{cpus: runtime.NumCPU(), cpu: "unknown CPU", memory: "unknown", os: runtime.GOOS,
		goVersion: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
		date:      time.Now().UTC().Format("2006-01-02 15:04 UTC"), loadStart: loadAvg(), commit: "unknown commit"}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				f := strings.Fields(rest)
				if kb, err := strconv.ParseFloat(f[0], 64); err == nil {
					m.memory = fmt.Sprintf("%.1f GiB", kb/(1<<20))
				}
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.os = "Linux " + strings.TrimSpace(string(data))
	}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		m.commit = "commit " + strings.TrimSpace(string(out))
		if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
			m.commit += " with uncommitted changes"
		}
	}
	var tools []string
	for _, t := range [][]string{{"hyperfine", "--version"}, {"jq", "--version"}} {
		if out, err := exec.Command(t[0], t[1:]...).Output(); err == nil {
			tools = append(tools, strings.TrimSpace(string(out)))
		}
	}
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		tools = append(tools, "GNU time -v")
	}
	m.tools = strings.Join(tools, ", ")
	return m
}

// replaceBlock puts md between the bench markers of the file at path.
func replaceBlock(path, md string) error {
	return replaceBetween(path, md, beginMarker, endMarker)
}

// replaceBetween puts md between the lines begin and end of the file at
// path.
func replaceBetween(path, md, begin, end string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(data)
	i := strings.Index(s, begin)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no block to replace: put the lines\n%s\n%s\nwhere the figures go", path, begin, end)
	}
	out := s[:i+len(begin)] + "\n" + md + s[j:]
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp := path + ".bench-tmp"
	if err := os.WriteFile(tmp, []byte(out), fi.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
