// measure runs the sections (go, startup, team, size) in turn, building
// the binaries they need first, and gathers the report.

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

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
	needBinary := o.only.MatchString("startup") || o.only.MatchString("team") || o.only.MatchString("scale") || o.only.MatchString("size") || o.only.MatchString("kill")
	if needBinary {
		step("building reflect (plain and release)")
		if err := goBuild(plain); err != nil {
			return nil, err
		}
		if err := goBuild(release, releaseFlags...); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(work, "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return nil, err
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + data, "REFLECT_DATA_DIR=" + data, "TERM=dumb", "LC_ALL=C.UTF-8"}

	if o.only.MatchString("startup") {
		step("start-up: a Go hello world, reflect --version, reflect frameworks list, side by side")
		hello, err := buildFloor(filepath.Join(work, "hello"), "hello", helloSource)
		if err != nil {
			return nil, err
		}
		res, err := timeStartup(env, o.startupRuns, [][]string{{hello}, {release, "--version"}, {release, "frameworks", "list"}}, progress)
		if err != nil {
			return nil, err
		}
		floor := res[0].median.Seconds()
		rep.rows = append(rep.rows, row{what: "Start-up floor: a Go hello world (`fmt.Println`), built the same way",
			value: floor, unit: "s", how: fmt.Sprintf("%s, median of %d, in the same run", res[0].tool, res[0].runs)})
		for _, r := range res[1:] {
			args := strings.TrimSpace(strings.TrimPrefix(r.command, release))
			rep.rows = append(rep.rows, row{what: "Start-up to exit (first output printed): `reflect " + args + "`",
				value: r.median.Seconds(), unit: "s", target: 2 * floor,
				targetNote: fmt.Sprintf("< 2× hello (%s)", formatValue(2*floor, "s")),
				how:        fmt.Sprintf("release build, %s, median of %d, beside the hello world (%.2f× it)", r.tool, r.runs, r.median.Seconds()/floor)})
		}
		step("start-up on a terminal that never answers: reflect --version, reflect verify")
		for _, argv := range [][]string{{release, "--version"}, {release, "verify", "testdata/records/full.json"}} {
			d, err := timeOnSilentPTY(env, o.startupRuns, argv)
			if err != nil {
				fmt.Fprintf(progress, "reflect-bench: %v; no silent-terminal figure\n", err)
				break
			}
			args := strings.TrimSpace(strings.TrimPrefix(strings.Join(argv, " "), release))
			rep.rows = append(rep.rows, row{what: "Start-up on a pseudo-terminal that never answers: `reflect " + args + "`",
				value: d.Seconds(), unit: "s", target: 0.05,
				how: fmt.Sprintf("release build, all streams on a new pty, median of %d (no terminal query is written)", o.startupRuns)})
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
		readAll, err := buildFloor(filepath.Join(work, "readall"), "readall", readAllSource)
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
			rows, err := measureTeam(o, env, release, readAll, cs, dir, n, size, progress)
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

	if o.only.MatchString("scale") {
		readAll, err := buildFloor(filepath.Join(work, "readall"), "readall", readAllSource)
		if err != nil {
			return nil, err
		}
		rows, err := measureScale(o, env, release, readAll, work, progress)
		rep.scale = rows
		if err != nil {
			return rep, err
		}
	}

	if o.only.MatchString("kill") {
		step("kill: the full screen killed with SIGKILL at random moments, %d runs (tmux)", o.killRuns)
		k, err := killRuns(work, release, o.killRuns, progress)
		switch {
		case err != nil:
			// The other sections' figures are kept; this one says why not.
			fmt.Fprintf(progress, "reflect-bench: the kill section stopped: %v\n", err)
			rep.rows = append(rep.rows, row{what: "Full screen, SIGKILL at random moments: acknowledged answers and flags lost", value: float64(k.lost), unit: "n",
				how: fmt.Sprintf("stopped after %d of %d runs (%d checked): %s", k.runs, o.killRuns, k.acknowledged, strings.SplitN(err.Error(), "\n", 2)[0])})
		default:
			rep.rows = append(rep.rows, row{what: fmt.Sprintf("Full screen, SIGKILL at random moments: acknowledged answers and flags lost, of %s checked", commas(k.acknowledged)),
				value: float64(k.lost), unit: "n",
				how: fmt.Sprintf("%d runs in tmux: keys each waited for until the screen says `saved`, then a burst of ratings and SIGKILL 0–12 ms later; bursts on disk in order in %d of %d runs (%d cut part-way); %d journals cut short at the last line", k.runs, k.runs-k.outOfOrder, k.runs, k.partBursts, k.torn)})
			if len(k.keyToSaved) > 0 {
				rep.rows = append(rep.rows, row{what: "Full screen: from a key to `saved` on the screen (tmux send-keys to capture-pane)", value: median(k.keyToSaved), unit: "s",
					how: fmt.Sprintf("median of %d keys over the kill runs, polling the pane every 2 ms", len(k.keyToSaved))})
			}
		}
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

// goBuild builds cmd/reflect with flags (and, with flags, without cgo:
// the release build).
func goBuild(out string, flags ...string) error {
	args := append([]string{"build", "-o", out}, flags...)
	cmd := exec.Command("go", append(args, "./cmd/reflect")...)
	if len(flags) > 0 {
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	}
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
