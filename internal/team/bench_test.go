package team_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/team"
)

// generate writes n complete records into dir (recordtest.WriteRecords,
// as reflect-bench does) and returns the total size written.
func generate(tb testing.TB, dir string, set *framework.Set, scopes []assessment.Scope, n int) int64 {
	size, err := recordtest.WriteRecords(dir, set, scopes, n)
	if err != nil {
		tb.Fatal(err)
	}
	return size
}

type corpus struct {
	name   string
	set    *framework.Set
	scopes []assessment.Scope
}

// corpora are the frameworks to benchmark: the test framework, and each
// shipped framework (all its areas) when present.
func corpora(tb testing.TB) []corpus {
	out := []corpus{{"mini", recordtest.Mini(tb), []assessment.Scope{{Framework: "mini", Profile: "specialist"}}}}
	if set := recordtest.Embedded(); set != nil {
		for _, f := range set.Frameworks() {
			out = append(out, corpus{f.ID, set, []assessment.Scope{{Framework: f.ID}}})
		}
	}
	return out
}

// BenchmarkTeam runs the team analysis over 10,000 generated records.
// Target: under 2 s per run on a 2-core machine.
func BenchmarkTeam(b *testing.B) {
	const n = 10_000
	for _, c := range corpora(b) {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			size := generate(b, dir, c.set, c.scopes, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				agg, st, err := team.Run([]string{dir}, team.Options{Set: c.set}, nil)
				if err != nil || st.Records != n {
					b.Fatalf("records %d, err %v", st.Records, err)
				}
				var buf bytes.Buffer
				if err := team.Text(&buf, agg.Report(st), 80); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/record")
		})
	}
}

// TestTeamRSS measures the built binary over 10,000 generated records with
// /usr/bin/time -v (peak RSS, wall time), beside jq computing the mean of
// each area over the same files. It is a measurement, not a check, so it
// runs only when asked:
//
//	REFLECT_TEAM_RSS=1 go test ./internal/team -run TestTeamRSS -v -timeout 60m
//	REFLECT_TEAM_RSS=adults go test ...   # only the corpora matching a regexp
//	REFLECT_TEAM_JQ=0 ...                  # without the jq comparison
func TestTeamRSS(t *testing.T) {
	want := os.Getenv("REFLECT_TEAM_RSS")
	if want == "" {
		t.Skip("set REFLECT_TEAM_RSS=1 to measure")
	}
	if want == "1" {
		want = "."
	}
	match := regexp.MustCompile(want)
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skip("/usr/bin/time is not installed (apt-get install time)")
	}
	bin := filepath.Join(t.TempDir(), "reflect")
	build := exec.Command("go", "build", "-o", bin, "./cmd/reflect")
	build.Dir = recordtest.Root(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	_, jqErr := exec.LookPath("jq")
	if os.Getenv("REFLECT_TEAM_JQ") == "0" {
		jqErr = errors.New("jq comparison turned off")
	}
	for _, c := range corpora(t) {
		if !match.MatchString(c.name) {
			continue
		}
		dir := t.TempDir()
		size := generate(t, dir, c.set, c.scopes, 10_000)
		args := []string{"-v", bin, "team", dir}
		if c.name == "mini" {
			args = append(args, "--framework", filepath.Join(recordtest.Root(t), "testdata/frameworks/mini.yaml"))
		}
		for run := 0; run < 3; run++ {
			wall, cpu, rss := timeV(t, exec.Command("/usr/bin/time", args...))
			t.Logf("%-10s reflect team:     %6.2f s wall, %6.2f s CPU (user+sys), peak RSS %4d MB (10,000 records, %.0f MB, %d cores)", c.name, wall, cpu, rss/1024, float64(size)/1e6, runtime.NumCPU())
		}
		if jqErr != nil {
			t.Logf("no jq comparison: %v", jqErr)
			continue
		}
		script := fmt.Sprintf(`find %q -name '*.json' -print0 | xargs -0 cat | jq -n 'reduce (inputs | .scores.areas[] | select(.rated > 0)) as $a ({}; .[$a.code].s += $a.mean | .[$a.code].n += 1) | map_values(.s / .n)' > /dev/null`, dir)
		for run := 0; run < 3; run++ {
			wall, cpu, rss := timeV(t, exec.Command("/usr/bin/time", "-v", "sh", "-c", script))
			t.Logf("%-10s jq per-area mean: %6.2f s wall, %6.2f s CPU (user+sys), peak RSS %4d MB", c.name, wall, cpu, rss/1024)
		}
	}
}

var (
	rssRE  = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	cpuRE  = regexp.MustCompile(`(?:User|System) time \(seconds\): ([\d.]+)`)
	wallRE = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)`)
)

// timeV runs cmd (a /usr/bin/time -v command) and returns the wall time,
// the CPU time (user + system) and the peak RSS in kB.
func timeV(t *testing.T, cmd *exec.Cmd) (float64, float64, int) {
	var stderr bytes.Buffer
	cmd.Stdout = nil
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, stderr.String())
	}
	var wall, cpu float64
	var rss int
	sc := bufio.NewScanner(strings.NewReader(stderr.String()))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := cpuRE.FindStringSubmatch(line); m != nil {
			var x float64
			fmt.Sscan(m[1], &x)
			cpu += x
		}
		if m := rssRE.FindStringSubmatch(line); m != nil {
			fmt.Sscan(m[1], &rss)
		}
		if m := wallRE.FindStringSubmatch(line); m != nil {
			var h, mi int
			var s float64
			if m[1] != "" {
				fmt.Sscan(m[1], &h)
			}
			fmt.Sscan(m[2], &mi)
			fmt.Sscan(m[3], &s)
			wall = float64(h*3600+mi*60) + s
		}
	}
	return wall, cpu, rss
}
