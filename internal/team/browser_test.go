package team

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// The team page as a person sees it: headless Chromium renders it, with a
// breakdown, a trend and calibration, and its console must be silent (a
// stylesheet that does not match the policy's hash, or anything the page
// tries to load or run, shows up there). Skipped without Chromium
// (.ci/run installs it) and with -short.
func TestTeamPageInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	var bin string
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("chromium not installed")
	}
	set := recordtest.Mini(t)
	dir := t.TempDir()
	if _, err := recordtest.WriteTeam(dir, set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}}, 60); err != nil {
		t.Fatal(err)
	}
	agg, st, err := Run([]string{dir}, Options{MinGroup: 5, Set: set, By: []string{BySetting}, Period: ByQuarter}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := HTML(&b, agg.Report(st)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "Trend by quarter", "By setting", "Calibration: self − reviewer", `class="heat"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	page := filepath.Join(t.TempDir(), "team.html")
	render := func(html string) ([]string, float64) {
		if err := os.WriteFile(page, []byte(html), 0o600); err != nil {
			t.Fatal(err)
		}
		shot := filepath.Join(t.TempDir(), "shot.png")
		ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
			"--disable-extensions", "--hide-scrollbars", "--user-data-dir="+filepath.Join(t.TempDir(), "profile"), "--enable-logging=stderr", "--v=0",
			"--window-size=1200,1800", "--screenshot="+shot, "file://"+page)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium: %v\n%s", err, out.String())
		}
		var console []string
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.Contains(l, ":CONSOLE") {
				console = append(console, l)
			}
		}
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		bd := img.Bounds()
		n, ink := 0, 0
		for y := bd.Min.Y; y < bd.Max.Y; y += 2 {
			for x := bd.Min.X; x < bd.Max.X; x += 2 {
				r, g, bl, _ := img.At(x, y).RGBA()
				n++
				if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
					ink++
				}
			}
		}
		return console, float64(ink) / float64(n)
	}
	console, ink := render(b.String())
	if len(console) > 0 {
		t.Errorf("console messages (a CSP violation?):\n%s", strings.Join(console, "\n"))
	}
	if ink < 0.05 {
		t.Errorf("the page is nearly blank (%.1f%% inked)", ink*100)
	}
	// Teeth: one character of the stylesheet changed, and the policy
	// blocks it, which the console reports.
	if console, _ := render(strings.Replace(b.String(), "--ink:#1a202c", "--ink:#1a202d", 1)); len(console) == 0 {
		t.Error(fmt.Sprint("a stylesheet that does not match the policy's hash went unnoticed"))
	}
}
