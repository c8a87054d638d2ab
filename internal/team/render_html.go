package team

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/report"
)

// The HTML page: one self-contained file with its charts drawn as inline
// SVG. No scripts, no images, no external requests, no style attributes:
// its Content Security Policy allows exactly its own stylesheet, by
// SHA-256, and nothing else. SVG geometry and colours are attributes,
// which the policy does not govern. Every piece of text goes through
// html/template.

const pageCSS = `:root{--ink:#1a202c;--muted:#4a5568;--line:#cbd5e0;--soft:#f4f6f8;--accent:#1f4e79}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:72rem;margin:0 auto;padding:1.6rem 1.2rem 3rem}
h1{font-size:1.7rem;margin:0 0 .4rem;color:var(--accent)}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--accent)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
p{margin:.35rem 0 .7rem}
.muted{color:var(--muted)}
.note{border-left:4px solid var(--accent);background:var(--soft);padding:.5rem .8rem;margin:.6rem 0 1rem}
.warn{border-left:4px solid #b7410e;background:#fdf1ec;padding:.5rem .8rem;margin:.6rem 0 1rem;font-weight:600}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.88rem}
th,td{text-align:left;vertical-align:top;padding:.25rem .45rem;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.85em;white-space:nowrap}
.sup{color:var(--muted);font-style:italic}
.nw{white-space:nowrap}
svg{display:block;max-width:100%;height:auto}
table.heat td.c{text-align:center;min-width:4.2rem;border:1px solid #fff;font-variant-numeric:tabular-nums}
table.heat th.g{text-align:center;font-size:.8rem;vertical-align:bottom}
.h0{background:#f7fafc;color:#4a5568}.h1{background:#fde9d9}.h2{background:#f9c9a4}.h3{background:#f19a62}.h4{background:#d9622b;color:#fff}.h5{background:#9c3d12;color:#fff}
.hs{background:repeating-linear-gradient(135deg,#fff 0 3px,#e2e8f0 3px 6px);color:#4a5568;font-style:italic}
.hn{background:#fff;color:#a0aec0}
.key{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.4rem 0 .8rem;font-size:.85rem}
.key span{display:inline-flex;align-items:center;gap:.3rem}
.sw{display:inline-block;width:1.1rem;height:1.1rem;border:1px solid var(--line)}
ol.needs>li{margin-bottom:.7rem}
footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.6rem}
@media print{@page{size:A4 landscape;margin:12mm}main{max-width:none;padding:0}h2,h3{break-after:avoid}tr{break-inside:avoid}
.h1,.h2,.h3,.h4,.h5,.hs,.note,.warn{-webkit-print-color-adjust:exact;print-color-adjust:exact}}`

// CSP is the page's Content Security Policy.
var CSP = "default-src 'none'; style-src 'sha256-" + cssHash() + "'; img-src 'none'; base-uri 'none'; form-action 'none'"

func cssHash() string {
	sum := sha256.Sum256([]byte(pageCSS))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// heatClass shades a breakdown cell by the share of people with a need.
func heatClass(c GroupCell) string {
	switch {
	case c.Assessed.Suppressed || c.WithNeed.Suppressed:
		return "hs"
	case c.Assessed.N == 0:
		return "hn"
	}
	s := c.NeedShare
	switch {
	case s == 0:
		return "h0"
	case s < 20:
		return "h1"
	case s < 40:
		return "h2"
	case s < 60:
		return "h3"
	case s < 80:
		return "h4"
	}
	return "h5"
}

func heatText(c GroupCell) string {
	switch {
	case c.Assessed.Suppressed:
		return "suppressed"
	case c.Assessed.N == 0:
		return "·"
	case c.WithNeed.Suppressed:
		return fmt.Sprintf("s/%d", c.Assessed.N)
	}
	return fmt.Sprintf("%d/%d", c.WithNeed.N, c.Assessed.N)
}

const (
	svgInk    = "#1a202c"
	svgMuted  = "#4a5568"
	svgBar    = "#d9622b"
	svgBand   = "#f9c9a4"
	svgGrid   = "#e2e8f0"
	svgAccent = "#1f4e79"
)

func esc(s string) string { return template.HTMLEscapeString(s) }

// needsChart draws the top needs as horizontal bars of the share of
// people with a need; a count shown as a band is drawn as the band's
// range, lighter, with its words.
func (r *Report) needsChart() template.HTML {
	if len(r.TopNeeds) == 0 {
		return ""
	}
	const left, barW, rowH = 290, 420, 24
	h := 30 + rowH*len(r.TopNeeds)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="needs-chart-title"><title id="needs-chart-title">Share of people with a need, top training needs</title>`, left+barW+170, h, left+barW+170, h)
	for p := 0; p <= 100; p += 25 {
		x := left + barW*p/100
		fmt.Fprintf(&b, `<line x1="%d" y1="18" x2="%d" y2="%d" stroke="%s"/><text x="%d" y="12" font-size="11" fill="%s" text-anchor="middle">%d%%</text>`, x, x, h-6, svgGrid, x, svgMuted, p)
	}
	for i, n := range r.TopNeeds {
		y := 22 + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" fill="%s" text-anchor="end">%s</text>`, left-8, y+13, svgInk, esc(truncate(fmt.Sprintf("%d. %s %s", n.Rank, n.Code, n.Title), 38)))
		if n.People.Suppressed && n.People.Band() && n.Assessed > 0 {
			x0 := float64(barW) * float64(n.People.Lo) / float64(n.Assessed)
			x1 := float64(barW) * float64(n.People.Hi) / float64(n.Assessed)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="16" fill="%s"/><text x="%.1f" y="%d" font-size="11" fill="%s">%s</text>`,
				float64(left)+x0, y+1, math.Max(x1-x0, 2), svgBand, float64(left)+x1+6, y+13, svgMuted, esc(n.People.BandText(r.MinGroup)))
			continue
		}
		w := float64(barW) * n.Share / 100
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="16" fill="%s"/><text x="%.1f" y="%d" font-size="11" fill="%s">%d of %d (%.0f%%)</text>`,
			left, y+1, w, svgBar, float64(left)+w+6, y+13, svgInk, n.People.N, n.Assessed, n.Share)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// trendChart draws, for a trend, the share with a need in each period for
// the top needs (up to six), one line each; a period whose count is
// suppressed breaks the line. Below it, the records in each period.
func (r *Report) trendChart(bd *Breakdown) template.HTML {
	if !bd.Trend() || len(bd.Groups) == 0 {
		return ""
	}
	colours := []string{"#1f4e79", "#d9622b", "#2f855a", "#805ad5", "#b7791f", "#c53030"}
	top := map[string]int{}
	for i, n := range r.TopNeeds {
		if i < len(colours) {
			top[n.Framework+" "+n.Code] = i
		}
	}
	const left, top0, plotW, plotH = 50, 20, 560, 200
	step := float64(plotW)
	if len(bd.Groups) > 1 {
		step = float64(plotW) / float64(len(bd.Groups)-1)
	}
	xOf := func(i int) float64 {
		if len(bd.Groups) == 1 {
			return left + plotW/2
		}
		return left + float64(i)*step
	}
	yOf := func(share float64) float64 { return top0 + plotH - plotH*share/100 }
	maxRec := 1
	for _, g := range bd.Groups {
		maxRec = max(maxRec, g.Records)
	}
	w, h := left+plotW+230, top0+plotH+110
	var b strings.Builder
	fmt.Fprintf(&b, `<svg width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="trend-title-%s"><title id="trend-title-%s">Share of people with a need over time, top training needs</title>`, w, h, w, h, bd.Dim, bd.Dim)
	for p := 0; p <= 100; p += 25 {
		y := yOf(float64(p))
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/><text x="%d" y="%.1f" font-size="11" fill="%s" text-anchor="end">%d%%</text>`, left, y, left+plotW, y, svgGrid, left-6, y+4, svgMuted, p)
	}
	for i, g := range bd.Groups {
		x := xOf(i)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" fill="%s" text-anchor="middle">%s</text>`, x, top0+plotH+16, svgInk, esc(truncate(g.Label, 14)))
		bh := 50 * float64(g.Records) / float64(maxRec)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="16" height="%.1f" fill="%s"/><text x="%.1f" y="%d" font-size="10" fill="%s" text-anchor="middle">%d</text>`,
			x-8, float64(top0+plotH+80)-bh, bh, svgGrid, x, top0+plotH+94, svgMuted, g.Records)
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" fill="%s">records</text>`, left+plotW+14, top0+plotH+80, svgMuted)
	legend := 0
	for _, row := range bd.Rows {
		ci, ok := top[row.Framework+" "+row.Code]
		if !ok || row.RowSuppressed {
			continue
		}
		col := colours[ci]
		var seg []string
		flush := func() {
			if len(seg) > 1 {
				fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(seg, " "), col)
			}
			seg = seg[:0]
		}
		for i, c := range row.Cells {
			if c.Assessed.Suppressed || c.WithNeed.Suppressed || c.Assessed.N == 0 {
				flush()
				continue
			}
			x, y := xOf(i), yOf(c.NeedShare)
			seg = append(seg, fmt.Sprintf("%.1f,%.1f", x, y))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`, x, y, col)
		}
		flush()
		ly := top0 + 10 + legend*18
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="3" fill="%s"/><text x="%d" y="%d" font-size="11" fill="%s">%s</text>`, left+plotW+14, ly, col, left+plotW+32, ly+5, svgInk, esc(truncate(row.Code+" "+row.Title, 30)))
		legend++
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// calibrationChart draws each area's mean self − reviewer as a bar either
// side of zero.
func (r *Report) calibrationChart() template.HTML {
	// calibLabelW is room for the value label right of the bars: "+0.22 (1,234 people)" at 11px.
	const calibLabelW = 150
	var rows []AreaRow
	for _, a := range r.Areas {
		if a.Calibration != nil && !a.Calibration.RowSuppressed {
			rows = append(rows, a)
		}
	}
	if len(rows) == 0 {
		return ""
	}
	const left, half, rowH = 290, 180, 22
	h := 34 + rowH*len(rows)
	mid := left + half
	var b strings.Builder
	fmt.Fprintf(&b, `<svg width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="calib-title"><title id="calib-title">Mean self-rating minus reviewer's rating, by area</title>`, left+2*half+calibLabelW, h, left+2*half+calibLabelW, h)
	for _, v := range []float64{-2, -1, 0, 1, 2} {
		x := float64(mid) + v*half/2
		fmt.Fprintf(&b, `<line x1="%.1f" y1="20" x2="%.1f" y2="%d" stroke="%s"/><text x="%.1f" y="13" font-size="11" fill="%s" text-anchor="middle">%+.0f</text>`, x, x, h-6, svgGrid, x, svgMuted, v)
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" fill="%s">self lower</text><text x="%d" y="%d" font-size="10" fill="%s" text-anchor="end">self higher</text>`, left, h-1, svgMuted, left+2*half, h-1, svgMuted)
	for i, a := range rows {
		y := 24 + i*rowH
		m := math.Max(-2, math.Min(2, a.Calibration.Mean))
		x0, x1 := float64(mid), float64(mid)+m*half/2
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" fill="%s" text-anchor="end">%s</text><rect x="%.1f" y="%d" width="%.1f" height="14" fill="%s"/><text x="%d" y="%d" font-size="11" fill="%s">%+.2f (%s)</text>`,
			left-8, y+12, svgInk, esc(truncate(a.Code+" "+a.Title, 38)), x0, y, math.Max(x1-x0, 1), svgAccent, left+2*half+6, y+12, svgInk, a.Calibration.Mean, peopleCount(a.Calibration.People.N))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

var htmlTmpl = lazy.HTML(func() *template.Template {
	return template.Must(template.New("team").Funcs(template.FuncMap{
		"cell":    func(r *Report, c Cell) string { return r.cellText(c) },
		"share":   func(r *Report, c Cell, s float64) string { return r.shareText(c, s) },
		"heat":    heatClass,
		"heatx":   heatText,
		"dim":     DimTitle,
		"calib":   func(r *Report, c *CalibrationRow) string { return r.CalibrationText(c) },
		"needs":   func(r *Report) template.HTML { return r.needsChart() },
		"trend":   func(r *Report, b *Breakdown) template.HTML { return r.trendChart(b) },
		"cchart":  func(r *Report) template.HTML { return r.calibrationChart() },
		"bnote":   func(r *Report, b *Breakdown) string { return r.BreakdownNote(b) },
		"people":  func(r *Report, n NeedRow) string { return r.peopleText(n) },
		"res":     resourceLine,
		"calnote": func() string { return CalibrationNote },
		"hascal": func(r *Report) bool {
			for _, a := range r.Areas {
				if a.Calibration != nil {
					return true
				}
			}
			return false
		},
	}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reflect">
<title>Team training needs</title>
<style>{{.CSS}}</style>
</head>
<body>
<main>
<h1>Team training needs</h1>
<p class="muted">{{.R.Method}}</p>
{{with .R.Warning}}<p class="warn">{{.}}</p>{{end}}
{{if .R.TooFew}}<p class="note">{{.TooFew}}</p>{{else}}{{$r := .R}}
<p>{{.R.ReadLine}}</p>
{{with .R.Frameworks}}<ul>{{range .}}<li>{{.Title}}: {{cell $r .Records}}</li>{{end}}</ul>{{end}}

<section id="top-needs">
<h2>Top training needs</h2>
<p class="muted">{{.R.RankLine}}</p>
{{needs .R}}
{{if not .R.TopNeeds}}<p>None that can be shown.</p>{{end}}
<ol class="needs">
{{range .R.TopNeeds}}<li><strong><span class="code">{{.Code}}</span> {{.Title}}</strong>: {{people $r .}}
{{if .Competences}}<ul>{{range .Competences}}<li><span class="code">{{.Code}}</span> {{.Statement}} ({{.People.N}})</li>{{end}}</ul>{{end}}{{if .HiddenCompetencesPresent}}<p class="muted">Competences needed by too few people to show are left out.</p>{{end}}
{{if .Resources}}<p>Resources:</p><ul>{{range .Resources}}<li>{{res .}}</li>{{end}}</ul>{{end}}</li>
{{end}}</ol>
{{with .R.WithheldLine}}<p class="note">{{.}}</p>{{end}}
</section>

{{range $i, $b := .R.Breakdowns}}<section id="breakdown-{{$b.Dim}}">
<h2>{{dim $b.Dim}}</h2>
<p class="muted">{{bnote $r $b}}</p>
{{trend $r $b}}
{{if $b.Groups}}<div class="key" aria-label="Key: share of the people who assessed the area who have a need there"><span><span class="sw h0"></span> none with a need</span><span><span class="sw h1"></span> under 20%</span><span><span class="sw h2"></span> 20–40%</span><span><span class="sw h3"></span> 40–60%</span><span><span class="sw h4"></span> 60–80%</span><span><span class="sw h5"></span> 80% or more</span><span><span class="sw hs"></span> suppressed</span><span><span class="sw hn"></span> · none assessed</span></div>
<table class="heat">
<thead><tr><th>area</th>{{range $b.Groups}}<th class="g">{{.Label}}<br><span class="muted">{{.Records}} records</span></th>{{end}}</tr></thead>
<tbody>
{{range $b.Rows}}<tr><td><span class="code">{{.Code}}</span> {{.Title}}</td>{{range .Cells}}<td class="c {{heat .}}">{{heatx .}}</td>{{end}}</tr>
{{end}}</tbody></table>{{else}}<p>No group has enough records to show.</p>{{end}}
</section>
{{end}}

<section id="areas">
<h2>Areas</h2>
<table><thead><tr><th>Area</th><th class="n">Assessed</th><th class="n">Mean</th><th>Levels</th><th class="n">Below target</th><th class="n">With a need here</th></tr></thead><tbody>
{{range .R.Areas}}<tr><td><span class="code">{{.Code}}</span> {{.Title}}</td>{{if .RowSuppressed}}<td class="sup" colspan="5">assessed by fewer than {{$r.MinGroup}} people: suppressed</td>{{else}}<td class="n">{{.Assessed.N}}</td><td class="n">{{printf "%.2f" .Mean}}</td><td>{{range $i, $l := .Levels}}{{if $i}}<br>{{end}}<span class="nw">{{$l.Value}} {{$l.Label}}: {{if $l.Suppressed}}<span class="sup">suppressed</span>{{else}}{{$l.N}}{{end}}</span>{{end}}</td><td class="n">{{share $r .Below .BelowShare}}</td><td class="n">{{share $r .WithNeed .NeedShare}}</td>{{end}}</tr>
{{end}}</tbody></table>
</section>

{{if hascal .R}}<section id="calibration">
<h2>Calibration: self − reviewer</h2>
<p class="muted">{{calnote}}</p>
{{cchart .R}}
<ul>{{range .R.Areas}}{{$a := .}}{{with .Calibration}}<li><span class="code">{{$a.Code}}</span> {{$a.Title}}: {{calib $r .}}</li>{{end}}{{end}}</ul>
</section>{{end}}
{{end}}
<footer><p>Made by reflect on this computer; nothing was sent anywhere.</p><p>{{.Support}}</p></footer>
</main>
</body>
</html>
`))
})

// HTML writes the report as one self-contained HTML page.
func HTML(w io.Writer, r *Report) error {
	return htmlTmpl.Execute(w, struct {
		CSP     string
		CSS     template.CSS
		R       *Report
		TooFew  string
		Support string
	}{CSP, template.CSS(pageCSS), r, r.tooFew(), report.SupportLine})
}

// peopleCount is "1 person" or "n people".
func peopleCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return strconv.Itoa(n) + " people"
}
