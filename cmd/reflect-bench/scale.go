// The scale section: `reflect team` and its row export over very many
// generated records (by default 100,000 and 1,000,000), once each, for
// peak memory (target: under 64 MB at every size) and for how the time
// grows (target: linear, the CPU time a record at the largest size within
// 1.25× of that at the smallest, beyond what the read-all floor's grew).

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// scaleRSSTarget is the peak memory target at every size.
const scaleRSSTarget = 64e6

// scaleGrowthTarget bounds the time a record at the largest size over the
// time a record at the smallest: 1 is exactly linear.
const scaleGrowthTarget = 1.25

// scaleFloorLabel names the read-all floor's rows.
const scaleFloorLabel = "Go read-all floor"

// scaleRow is one command at one size.
type scaleRow struct {
	command   string
	records   int
	bytes     int64
	wall, cpu float64 // seconds
	rss       float64 // bytes
	out       string  // what the command wrote, e.g. "5,000,000 rows, 31.2 MB"
}

// The scale corpus: records of the test framework (10 competences, about
// 6 KB a record with a reflection and, on every third, a review). A
// million records of a shipped framework would be 24–100 GB on disk; the
// memory measured here depends on the number of records, not their size
// (each file is read, counted and let go).
func scaleCorpus(dir string, n int) (int64, []string, error) {
	set, err := testfixture.MiniSet()
	if err != nil {
		return 0, nil, err
	}
	size, err := recordtest.WriteTeam(dir, set, []assessment.Scope{{Framework: "mini"}}, n)
	return size, []string{"--framework", testfixture.Path("testdata", "frameworks", "mini.yaml")}, err
}

// scaleBytesPerRecord is an upper estimate of the disk a generated record
// takes (file and directory entry) and what the exports write for it.
const scaleBytesPerRecord = 8<<10 + 2<<10

var (
	rowsLineRE    = regexp.MustCompile(`Read (\d+) files: (\d+) records, (\d+) rows`)
	reportCountRE = regexp.MustCompile(`Records counted: (\d+)\.`)
)

// measureScale generates each size in turn under work, runs the commands
// once each (after the read-all floor, which also brings the files into
// the page cache as far as memory allows) and removes the files.
func measureScale(o options, env []string, bin, readAll, work string, progress io.Writer) ([]scaleRow, error) {
	var rows []scaleRow
	for _, n := range o.scaleSizes {
		need := uint64(n) * scaleBytesPerRecord
		if free, ok := freeBytes(work); ok && free < need+need/5 {
			return rows, fmt.Errorf("the scale section needs about %s free in %s for %s records and their exports; %s is free (use -work DIR elsewhere, or -scale-sizes)",
				formatValue(float64(need), "B"), work, commas(n), formatValue(float64(free), "B"))
		}
		dir := filepath.Join(work, fmt.Sprintf("scale-%d", n))
		fmt.Fprintf(progress, "== scale: generating %s records of the test framework in %s\n", commas(n), dir)
		size, extra, err := scaleCorpus(dir, n)
		if err != nil {
			return rows, err
		}
		key := filepath.Join(work, "pseudonym.key")
		if err := os.WriteFile(key, bytes.Repeat([]byte("bench-key-"), 4), 0o600); err != nil {
			return rows, err
		}
		outDir := filepath.Join(work, fmt.Sprintf("scale-out-%d", n))
		if err := os.MkdirAll(outDir, 0o700); err != nil {
			return rows, err
		}
		team := append([]string{bin, "team", dir}, extra...)
		specs := []struct {
			label string
			argv  []string
			check func(stdout, stderr string) (string, error)
		}{
			{scaleFloorLabel, []string{readAll, dir}, func(out, _ string) (string, error) {
				if !strings.HasPrefix(out, fmt.Sprintf("%d files, %d bytes", n, size)) {
					return "", fmt.Errorf("the read-all floor read %q, want %d files, %d bytes", strings.TrimSpace(out), n, size)
				}
				return "", nil
			}},
			{"`reflect team` (the text report)", team, func(out, _ string) (string, error) {
				if m := reportCountRE.FindStringSubmatch(out); m == nil || m[1] != strconv.Itoa(n) {
					return "", fmt.Errorf("reflect team's report does not count %d records:\n%.1500s", n, out)
				}
				return "", nil
			}},
			{"`reflect team --by profession --period quarter --format json`", append(slicesClone(team), "--by", "profession", "--period", "quarter", "--format", "json", "-o", filepath.Join(outDir, "team.json"), "--force"),
				func(_, _ string) (string, error) {
					return checkJSONReport(filepath.Join(outDir, "team.json"), n)
				}},
			{"`reflect team --rows --format parquet`", append(slicesClone(team), "--rows", "--format", "parquet", "--pseudonym-key", key, "-o", filepath.Join(outDir, "rows.parquet"), "--force"),
				func(_, errOut string) (string, error) {
					return checkRows(errOut, filepath.Join(outDir, "rows.parquet"), n)
				}},
			{"`reflect team --rows --format ndjson`", append(slicesClone(team), "--rows", "--format", "ndjson", "--pseudonym-key", key, "-o", filepath.Join(outDir, "rows.ndjson"), "--force"),
				func(_, errOut string) (string, error) {
					return checkRows(errOut, filepath.Join(outDir, "rows.ndjson"), n)
				}},
		}
		for _, sp := range specs {
			if sp.label == scaleFloorLabel { // a first read, untimed: the files into the page cache
				if _, err := timeV(env, io.Discard, sp.argv...); err != nil {
					return rows, err
				}
			}
			var out, errOut bytes.Buffer
			s, err := timeVErr(env, &out, &errOut, sp.argv...)
			if err != nil {
				return rows, err
			}
			what, err := sp.check(out.String(), errOut.String())
			if err != nil {
				return rows, err
			}
			fmt.Fprintf(progress, "   %-64s %9.2f s wall %9.2f s CPU %6.1f MB peak\n", sp.label, s.wall.Seconds(), s.cpu.Seconds(), float64(s.rssKB)*1024/1e6)
			rows = append(rows, scaleRow{command: sp.label, records: n, bytes: size, wall: s.wall.Seconds(), cpu: s.cpu.Seconds(), rss: float64(s.rssKB) * 1024, out: what})
			_ = os.RemoveAll(outDir)
			_ = os.MkdirAll(outDir, 0o700)
		}
		if o.work == "" || n >= 100_000 { // never leave gigabytes behind
			if err := os.RemoveAll(dir); err != nil {
				return rows, err
			}
		}
		_ = os.RemoveAll(outDir)
	}
	return rows, nil
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

// checkJSONReport reads the JSON report's record count.
func checkJSONReport(path string, n int) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var rep struct {
		Read struct {
			Records int `json:"records"`
		} `json:"read"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if rep.Read.Records != n {
		return "", fmt.Errorf("the JSON report counts %d records, want %d", rep.Read.Records, n)
	}
	return fmt.Sprintf("report, %s", formatValue(float64(len(data)), "B")), nil
}

// checkRows reads the row export's summary line and the file's size.
func checkRows(errOut, path string, n int) (string, error) {
	m := rowsLineRE.FindStringSubmatch(errOut)
	if m == nil {
		return "", fmt.Errorf("the row export printed no summary:\n%.1500s", errOut)
	}
	if m[2] != strconv.Itoa(n) {
		return "", fmt.Errorf("the row export read %s records, want %d", m[2], n)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	rows, _ := strconv.Atoi(m[3])
	if rows < n {
		return "", errors.New("the row export wrote fewer rows than records")
	}
	return fmt.Sprintf("%s rows, %s", commas(rows), formatValue(float64(fi.Size()), "B")), nil
}

// scaleMarkdown is the scale table: each command at each size, its time a
// record, its growth from the smallest size to this one (wall and CPU),
// that growth over the read-all floor's at the same sizes, and its
// targets. The floor's own growth is what reading more files costs the
// machine (a page cache that no longer holds them all, larger folders):
// the target is on reflect's growth beyond it.
func scaleMarkdown(rows []scaleRow, corpus string) string {
	if len(rows) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nScale: `team` and the row export over %s; each command run once at each size, after the Go read-all floor has read the files once (into the page cache as far as memory allows). Growth is the time a record at this size over the time a record at the smallest size (1.00× is linear), in wall and CPU time; beyond the floor is the CPU growth over the read-all floor's CPU growth between the same sizes (what reading more files costs the machine itself is taken out). Targets: growth beyond the floor < %.2f×, and peak memory < %s at every size:\n\n",
		corpus, scaleGrowthTarget, formatValue(scaleRSSTarget, "B"))
	b.WriteString("| Command | Records | Wall | CPU (user + sys) | Wall a record | Growth (wall, CPU) | Beyond the floor | Peak RSS | Ratio to targets (growth, memory) | Wrote |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	first := map[string]scaleRow{}
	for _, r := range rows {
		if f, ok := first[r.command]; !ok || r.records < f.records {
			first[r.command] = r
		}
	}
	perCPU := func(r scaleRow) float64 { return r.cpu / float64(r.records) }
	floorAt := map[int]scaleRow{}
	for _, r := range rows {
		if r.command == scaleFloorLabel {
			floorAt[r.records] = r
		}
	}
	for _, r := range rows {
		f := first[r.command]
		growth, beyond, ratio := "—", "—", formatRatio(r.rss/scaleRSSTarget)
		if r.command == scaleFloorLabel {
			ratio = "—"
		}
		if f.records < r.records && f.wall > 0 && f.cpu > 0 {
			gw := (r.wall / float64(r.records)) / (f.wall / float64(f.records))
			gc := perCPU(r) / perCPU(f)
			growth = fmt.Sprintf("%.2f×, %.2f× (from %s)", gw, gc, commas(f.records))
			fl, ok1 := floorAt[r.records]
			ff, ok2 := floorAt[f.records]
			if r.command != scaleFloorLabel && ok1 && ok2 && fl.cpu > 0 && ff.cpu > 0 {
				g := gc / (perCPU(fl) / perCPU(ff))
				beyond = fmt.Sprintf("%.2f×", g)
				ratio = formatRatio(g/scaleGrowthTarget) + ", " + ratio
			}
		}
		wrote := r.out
		if wrote == "" {
			wrote = "—"
		}
		fmt.Fprintf(&b, "| %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.command, commas(r.records), formatValue(float64(r.bytes), "B"),
			formatValue(r.wall, "s"), formatValue(r.cpu, "s"), formatValue(r.wall/float64(r.records), "s"), growth, beyond, formatValue(r.rss, "B"), ratio, wrote)
	}
	return b.String()
}
