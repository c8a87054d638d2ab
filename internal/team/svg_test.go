package team_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/team"
)

var (
	svgRE     = regexp.MustCompile(`(?s)<svg width="(\d+)"[^>]*>(.*?)</svg>`)
	svgTextRE = regexp.MustCompile(`<text x="([\d.]+)"[^>]*font-size="(\d+)"([^>]*)>([^<]*)</text>`)
)

// Every label of every chart on the team page lies inside its chart: a
// label cut off at the edge (as the calibration chart's "(67 peop" was)
// fails. Widths are estimated at 0.6 em a character, wider than the
// average of the sans-serif faces a browser picks.
func TestChartLabelsFitTheirCharts(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	if _, err := recordtest.WriteTeam(dir, set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}}, 1200); err != nil {
		t.Fatal(err)
	}
	agg, st, err := team.Run([]string{dir}, team.Options{MinGroup: 5, Set: set, By: []string{team.BySetting}, Period: team.ByQuarter}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := team.HTML(&b, agg.Report(st)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	charts := svgRE.FindAllStringSubmatch(page, -1)
	if len(charts) < 3 {
		t.Fatalf("%d charts on the page, want the top needs, a trend and calibration", len(charts))
	}
	labels := 0
	for _, c := range charts {
		width, _ := strconv.ParseFloat(c[1], 64)
		for _, m := range svgTextRE.FindAllStringSubmatch(c[2], -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			size, _ := strconv.ParseFloat(m[2], 64)
			text := strings.NewReplacer("&amp;", "&", "&#39;", "'", "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(m[4])
			w := 0.6 * size * float64(utf8.RuneCountInString(text))
			lo, hi := x, x+w
			switch {
			case strings.Contains(m[3], `text-anchor="end"`):
				lo, hi = x-w, x
			case strings.Contains(m[3], `text-anchor="middle"`):
				lo, hi = x-w/2, x+w/2
			}
			labels++
			if lo < 0 || hi > width {
				t.Errorf("label %q spans %.0f–%.0f, outside its chart (0–%.0f)", text, lo, hi, width)
			}
		}
	}
	if labels < 20 {
		t.Fatalf("only %d labels found in the charts; the pattern no longer matches the page", labels)
	}
	if !regexp.MustCompile(`[+-]\d\.\d\d \(\d+ people\)</text>`).MatchString(page) {
		t.Error("the calibration chart no longer says how many people each bar is")
	}
}

// The heat map's key names every shade a cell can have.
func TestHeatKeyNamesEveryShade(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	if _, err := recordtest.WriteTeam(dir, set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}}, 60); err != nil {
		t.Fatal(err)
	}
	agg, st, err := team.Run([]string{dir}, team.Options{MinGroup: 5, Set: set, By: []string{team.BySetting}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := team.HTML(&b, agg.Report(st)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	i := strings.Index(page, `<div class="key"`)
	if i < 0 {
		t.Fatal("no key beside the heat map")
	}
	key := page[i : i+strings.Index(page[i:], "</div>")]
	used := regexp.MustCompile(`<td class="c (h\w)"`).FindAllStringSubmatch(page, -1)
	if len(used) == 0 {
		t.Fatal("no shaded cells found; the pattern no longer matches the page")
	}
	for _, class := range []string{"h0", "h1", "h2", "h3", "h4", "h5", "hs", "hn"} {
		if !strings.Contains(key, `class="sw `+class+`"`) {
			t.Errorf("the key has no swatch for %s", class)
		}
	}
}
