//go:build unix

package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeT records what Run reports.
type fakeT struct {
	testing.TB
	logs   []string
	failed bool
}

func (f *fakeT) Helper()                           {}
func (f *fakeT) Logf(format string, args ...any)   { f.logs = append(f.logs, format) }
func (f *fakeT) Fatalf(format string, args ...any) { f.failed = true; panic(f) }
func (f *fakeT) Fatal(args ...any)                 { f.failed = true; panic(f) }

// fake writes a shell script that stands in for Chromium: it crashes
// (kills itself) the first `crashes` times, then writes the screenshot.
func fake(t *testing.T, crashes int) (bin, shot string) {
	dir := t.TempDir()
	shot = filepath.Join(dir, "shot.png")
	count := filepath.Join(dir, "count")
	bin = filepath.Join(dir, "chromium")
	script := `#!/bin/sh
n=$(cat ` + count + ` 2>/dev/null || echo 0); n=$((n+1)); echo $n > ` + count + `
echo "run $n $*"
if [ $n -le ` + string(rune('0'+crashes)) + ` ]; then kill -SEGV $$; fi
echo png > ` + shot + `
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, shot
}

func call(ft *fakeT, bin, shot string) (out string) {
	defer func() {
		if r := recover(); r != nil && r != ft {
			panic(r)
		}
	}()
	return Run(ft, bin, shot, "--screenshot="+shot, "file:///x.html")
}

func TestACrashIsRetriedOnceAndReported(t *testing.T) {
	bin, shot := fake(t, 1)
	ft := &fakeT{TB: t}
	out := call(ft, bin, shot)
	if ft.failed || !strings.Contains(out, "run 2") || !strings.Contains(out, "--headless") {
		t.Fatalf("failed %v, out %q", ft.failed, out)
	}
	if len(ft.logs) != 2 || !strings.Contains(ft.logs[0], "crashed") || !strings.Contains(ft.logs[1], "run again") {
		t.Errorf("the crash was not reported: %q", ft.logs)
	}
}

func TestTwoCrashesFail(t *testing.T) {
	bin, shot := fake(t, 2)
	ft := &fakeT{TB: t}
	call(ft, bin, shot)
	if !ft.failed {
		t.Error("two crashes did not fail the test")
	}
}

func TestNoCrashNoReport(t *testing.T) {
	bin, shot := fake(t, 0)
	ft := &fakeT{TB: t}
	if out := call(ft, bin, shot); ft.failed || !strings.Contains(out, "run 1") || len(ft.logs) != 0 {
		t.Errorf("failed %v, logs %q, out %q", ft.failed, ft.logs, out)
	}
}
