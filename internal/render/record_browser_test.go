package render_test

import (
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/browsertest"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/render"
)

// These tests look at the exports as a person would: the HTML in headless
// Chromium and the PDF through poppler. They are skipped when the programs
// are not installed (.ci/run installs chromium and poppler-utils).

func lookPath(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skipf("%s not installed", strings.Join(names, " or "))
	return ""
}

// inked returns the share of pixels that are not (nearly) white.
func inked(t *testing.T, path string) float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
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
	return float64(ink) / float64(n)
}

type browserResult struct {
	console  []string // console messages (errors, CSP violations)
	requests []string // network requests the page made
	png      string
}

// chromium renders an HTML file headless to a PNG, recording the page's
// console messages and, from Chromium's network log, every request made
// on the page's behalf (Chromium's own background requests are left out).
func chromium(t *testing.T, bin, htmlPath string) browserResult {
	t.Helper()
	dir := t.TempDir()
	res := browserResult{png: filepath.Join(dir, "shot.png")}
	netlog := filepath.Join(dir, "netlog.json")
	out := browsertest.Run(t, bin, res.png, "--log-net-log="+netlog, "--window-size=1000,2600",
		"--screenshot="+res.png, "file://"+htmlPath)
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, ":CONSOLE") {
			res.console = append(res.console, line)
		}
	}
	data, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatalf("no network log: %v", err)
	}
	var log struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int            `json:"type"`
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	// Chromium may leave the log without its closing brackets when it
	// exits; close them.
	if err := json.Unmarshal(data, &log); err != nil {
		trimmed := strings.TrimRight(strings.TrimSpace(string(data)), ",") + "]}"
		if err := json.Unmarshal([]byte(trimmed), &log); err != nil {
			t.Fatalf("network log: %v", err)
		}
	}
	start := log.Constants.LogEventTypes["URL_REQUEST_START_JOB"]
	for _, e := range log.Events {
		if e.Type != start {
			continue
		}
		url, _ := e.Params["url"].(string)
		nik, _ := e.Params["network_isolation_key"].(string)
		if strings.Contains(nik, "file://") && !strings.HasPrefix(url, "file:") && !strings.HasPrefix(url, "data:") {
			res.requests = append(res.requests, url)
		}
	}
	return res
}

func TestHTMLInHeadlessChromium(t *testing.T) {
	bin := browsertest.Bin(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "record.html")
	html := export(t, render.FormatHTML, fixtures(t)["full"], options(t))
	if err := os.WriteFile(page, html, 0o600); err != nil {
		t.Fatal(err)
	}
	res := chromium(t, bin, page)
	if len(res.console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(res.console, "\n"))
	}
	if len(res.requests) > 0 {
		t.Errorf("the page made network requests: %v", res.requests)
	}
	if share := inked(t, res.png); share < 0.02 {
		t.Errorf("the screenshot is nearly blank (%.1f%% inked)", share*100)
	}
	if os.Getenv("REFLECT_KEEP_SCREENSHOTS") != "" {
		_ = os.WriteFile(filepath.Join(os.TempDir(), "reflect-record-html.png"), mustRead(t, res.png), 0o644)
	}

	// The checks above have teeth: a page that loads an image and runs a
	// script is caught, by the console (CSP) and, without the CSP, by the
	// network log.
	canary := strings.Replace(string(html), "<main>", `<main><img src="http://127.0.0.1:9/x.png"><script>console.error("canary")</script>`, 1)
	if err := os.WriteFile(page, []byte(canary), 0o600); err != nil {
		t.Fatal(err)
	}
	if res := chromium(t, bin, page); len(res.console) == 0 {
		t.Error("the console check did not notice a blocked image and script")
	}
	noCSP := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>`).ReplaceAllString(canary, "")
	if err := os.WriteFile(page, []byte(noCSP), 0o600); err != nil {
		t.Fatal(err)
	}
	if res := chromium(t, bin, page); len(res.requests) == 0 {
		t.Error("the network check did not notice an image request")
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPDFWithPoppler(t *testing.T) {
	pdftotext := lookPath(t, "pdftotext")
	pdftoppm := lookPath(t, "pdftoppm")
	dir := t.TempDir()
	file := filepath.Join(dir, "record.pdf")
	if err := os.WriteFile(file, export(t, render.FormatPDF, fixtures(t)["full"], options(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"CPD reflection record", "Siân Ó Briain", "Page 1 of 6", "They are not from any published framework",
		"someone’s head", "I rush to reassure — I want", "=HYPERLINK(", "mean below target"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if info, err := exec.Command("pdfinfo", file).CombinedOutput(); err == nil {
		if !strings.Contains(string(info), "595.28 x 841.89") {
			t.Errorf("not A4:\n%s", info)
		}
	}
	if out, err := exec.Command(pdftoppm, "-png", "-r", "50", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pages) != 6 {
		t.Fatalf("pdftoppm made %d pages, want 6", len(pages))
	}
	// The summary (who, scores, needs, reflection, plan, the review) is on
	// the first two pages; the appendix starts on page 3.
	first, _ := exec.Command(pdftotext, "-enc", "UTF-8", "-f", "1", "-l", "2", file, "-").Output()
	for _, want := range []string{"NMC PIN", "Most pressing development needs", "So what?", "Development plan", "Reviewed by Aled Jones"} {
		if !strings.Contains(string(first), want) {
			t.Errorf("the summary (pages 1 and 2) lacks %q", want)
		}
	}
	third, _ := exec.Command(pdftotext, "-enc", "UTF-8", "-f", "3", "-l", "3", file, "-").Output()
	if !strings.HasPrefix(strings.TrimSpace(string(third)), "CPD reflection record") || !strings.Contains(string(third), "Appendix: the record in full") {
		t.Errorf("page 3 does not open the appendix:\n%.300s", third)
	}
	for _, p := range pages {
		if share := inked(t, p); share < 0.01 {
			t.Errorf("%s is nearly blank (%.2f%% inked)", filepath.Base(p), share*100)
		}
	}
}

// TestPDFChartLegendShowsTheTargetMark: the legend's "target" has its mark
// beside it, in ink (the stripes of the "below target" swatch left the pen
// white, so the mark was drawn invisibly). The page is drawn at 72 dpi, a
// pixel to a point, and the pixels just left of the word are looked at.
func TestPDFChartLegendShowsTheTargetMark(t *testing.T) {
	pdftotext := lookPath(t, "pdftotext")
	pdftoppm := lookPath(t, "pdftoppm")
	dir := t.TempDir()
	file := filepath.Join(dir, "record.pdf")
	if err := os.WriteFile(file, export(t, render.FormatPDF, fixtures(t)["full"], options(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-bbox", "-f", "1", "-l", "1", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	type word struct {
		x0, y0, x1, y1 float64
		s              string
	}
	var words []word
	for _, m := range regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`).FindAllStringSubmatch(string(out), -1) {
		var w word
		fmt.Sscan(m[1], &w.x0)
		fmt.Sscan(m[2], &w.y0)
		fmt.Sscan(m[3], &w.x1)
		fmt.Sscan(m[4], &w.y1)
		w.s = m[5]
		words = append(words, w)
	}
	var legend *word
	for i := 3; i < len(words); i++ {
		if words[i-3].s == "mean" && words[i-2].s == "below" && words[i-1].s == "target" && words[i].s == "target" {
			legend = &words[i]
		}
	}
	if legend == nil {
		t.Fatalf("no legend on page 1:\n%.2000s", out)
	}
	if o, err := exec.Command(pdftoppm, "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", file, filepath.Join(dir, "p1")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, o)
	}
	f, err := os.Open(filepath.Join(dir, "p1.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	for y := int(legend.y0) - 2; y <= int(legend.y1)+2; y++ {
		for x := int(legend.x0) - 8; x < int(legend.x0)-1; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0x8000 && g < 0x8000 && b < 0x8000 {
				dark++
			}
		}
	}
	if dark < 3 {
		t.Errorf("no target mark beside the legend's \"target\" (%d dark pixels at x %.0f, y %.0f–%.0f)", dark, legend.x0, legend.y0, legend.y1)
	}
}

// The PDF of a shared copy says where each withheld section would be.
func TestSharedCopyPDFSaysWhatIsWithheld(t *testing.T) {
	pdftotext := lookPath(t, "pdftotext")
	cp, err := record.Withhold(fixtures(t)["full"], []string{record.SectionReflection, record.SectionPlan})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "shared.pdf")
	if err := os.WriteFile(file, export(t, render.FormatPDF, cp, options(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if n := strings.Count(text, "Withheld by the practitioner from this shared copy."); n < 4 {
		t.Errorf("the PDF says %d times that a section is withheld, want 4 (reflection and plan, in the summary and in full)", n)
	}
	if strings.Contains(text, "Not written yet") || strings.Contains(text, "No goals yet") {
		t.Error("the PDF says a withheld section was not written")
	}
}
