// Package browsertest runs headless Chromium for the tests that look at
// reflect's HTML as a person would. Only tests import it.
//
// Chromium sometimes crashes under load (a busy 2-core machine running
// the whole suite). A crash is not a finding about the page: Run retries
// it once, with a fresh profile, and reports that it did; a second crash
// fails the test. What the test then asserts about the page is never
// retried.
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Bin returns the Chromium to run. It skips the test under -short (the
// browser tests are among the slowest) and when no Chromium is installed
// (.ci/run installs it).
func Bin(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test (-short)")
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed")
	return ""
}

// Run runs bin headless with args after the usual flags (no sandbox, GPU,
// extensions, first-run or background networking; logging to standard
// error; a new profile in a temporary folder) and returns what it wrote.
// want, when not empty, is a file the run must make (a screenshot): a
// run that exits without it crashed too. A crash is retried once.
func Run(t testing.TB, bin, want string, args ...string) string {
	t.Helper()
	var out string
	var err error
	for attempt := 1; attempt <= 2; attempt++ {
		out, err = run(t, bin, want, args)
		if err == nil {
			if attempt > 1 {
				t.Logf("browsertest: Chromium crashed on the first try and was run again; the second run worked")
			}
			return out
		}
		if attempt == 1 {
			t.Logf("browsertest: Chromium crashed (%v); running it once more. Its output:\n%s", err, tail(out, 40))
		}
	}
	t.Fatalf("Chromium crashed twice: %v\n%s", err, tail(out, 80))
	return ""
}

func run(t testing.TB, bin, want string, args []string) (string, error) {
	if want != "" {
		os.Remove(want)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	profile, err := os.MkdirTemp("", "reflect-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
	full := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + filepath.Join(profile, "p"),
		"--enable-logging=stderr", "--v=0"}, args...)
	cmd := exec.CommandContext(ctx, bin, full...)
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := cmd.Run(); err != nil {
		return b.String(), err
	}
	if want != "" {
		if fi, err := os.Stat(want); err != nil || fi.Size() == 0 {
			return b.String(), &missing{want}
		}
	}
	return b.String(), nil
}

type missing struct{ path string }

func (m *missing) Error() string { return "it exited without writing " + filepath.Base(m.path) }

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
