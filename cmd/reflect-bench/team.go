// The team section: `reflect team` over generated records, beside jq and
// cat over the same files.

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// The jq program: the mean rating of each area over every record that
// rated it, like the means `reflect team` reports.
const jqMean = `reduce (inputs | .scores.areas[] | select(.rated > 0)) as $a ({}; .[$a.code].s += $a.mean | .[$a.code].n += 1) | map_values(.s / .n)`

// measureTeam times reflect team, jq, cat and the Go read-all floor
// (readAll, built from readAllSource) over the records in dir: one warm-up
// run of each (which also fills the page cache and checks the output),
// then o.runs runs of them in turn. The target for 10,000 records is
// twice the read-all floor's wall time in the same run, and 100 MB.
func measureTeam(o options, env []string, bin, readAll string, cs corpusSet, dir string, n int, size int64, progress io.Writer) ([]teamRow, error) {
	type cmdSpec struct {
		label  string
		argv   []string
		check  func(out string) error
		target bool
	}
	teamArgv := append([]string{bin, "team", dir}, cs.extraArgs...)
	floorLabel := "Go read-all floor: a Go program reads every file (as many readers as reflect team's decoders)"
	specs := []cmdSpec{
		{label: floorLabel, argv: []string{readAll, dir},
			check: func(out string) error {
				if !strings.HasPrefix(out, fmt.Sprintf("%d files, %d bytes", n, size)) {
					return fmt.Errorf("the read-all floor read %q, want %d files, %d bytes", strings.TrimSpace(out), n, size)
				}
				return nil
			}},
		{label: "`cat` of every file into /dev/null (its per-file unmapping makes it a poor floor here)",
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
	var floor float64
	for i, sp := range specs {
		var wall, cpu, rss []float64
		for _, s := range samples[i] {
			wall = append(wall, s.wall.Seconds())
			cpu = append(cpu, s.cpu.Seconds())
			rss = append(rss, float64(s.rssKB)*1024)
		}
		r := teamRow{command: sp.label, records: n, bytes: size, wall: median(wall), cpu: median(cpu), rss: median(rss), runs: len(wall)}
		if sp.label == floorLabel {
			floor = r.wall
		}
		if sp.target && n == 10_000 && floor > 0 {
			r.targetWall, r.targetRSS = 2*floor, 100e6
			r.targetNote = fmt.Sprintf("< 2× read-all (%s), < %s", formatValue(2*floor, "s"), formatValue(100e6, "B"))
		}
		rows = append(rows, r)
	}
	return rows, nil
}
