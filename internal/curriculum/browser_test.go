package curriculum

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/browsertest"
)

// The map page as a person sees it: headless Chromium renders it, and the
// console must be silent — a stylesheet that does not match the hash in
// the Content Security Policy, or anything the page tries to load or run,
// shows up there. Skipped when Chromium is not installed (.ci/run
// installs it).

func chromiumBin(t *testing.T) string { return browsertest.Bin(t) }

// render runs Chromium on page and returns the console lines and how much
// of the screenshot is inked.
func render(t *testing.T, bin, page string) ([]string, float64) {
	t.Helper()
	dir := t.TempDir()
	shot := filepath.Join(dir, "shot.png")
	out := browsertest.Run(t, bin, shot, "--window-size=1100,1600", "--screenshot="+shot, "file://"+page)
	var console []string
	for _, l := range strings.Split(out, "\n") {
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
	b := img.Bounds()
	n, ink := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			n++
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				ink++
			}
		}
	}
	return console, float64(ink) / float64(n)
}

func TestMapPageInChromium(t *testing.T) {
	bin := chromiumBin(t)
	c, set := loadMiniCourse(t)
	var b bytes.Buffer
	m := Coverage(c, set, DefaultFrameworks(c, set))
	mini := set.Get("mini")
	var err error
	if m.Profile, err = CoverProfile(m, mini, mini.Profile("specialist")); err != nil {
		t.Fatal(err)
	}
	if err := MapHTML(&b, m, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Heat map: areas × modules", "Role profile: Specialist"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	page := filepath.Join(t.TempDir(), "map.html")
	if err := os.WriteFile(page, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	console, ink := render(t, bin, page)
	if len(console) > 0 {
		t.Errorf("console messages (a CSP violation?):\n%s", strings.Join(console, "\n"))
	}
	if ink < 0.03 {
		t.Errorf("the page is nearly blank (%.1f%% inked)", ink*100)
	}
	// Teeth: change the stylesheet by one character and the policy blocks
	// it, which the console reports.
	tampered := strings.Replace(b.String(), "--ink:#1a202c", "--ink:#1a202d", 1)
	if err := os.WriteFile(page, []byte(tampered), 0o600); err != nil {
		t.Fatal(err)
	}
	if console, _ := render(t, bin, page); len(console) == 0 {
		t.Error("a stylesheet that does not match the policy's hash went unnoticed")
	}
}
