package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/record"
)

// RecordHTML writes the record as one self-contained HTML page: inline CSS
// with a print stylesheet, an inline SVG chart of domain scores against
// targets, no scripts, no external requests (a Content-Security-Policy
// meta tag forbids them), and every piece of user text escaped by
// html/template.
func RecordHTML(w io.Writer, r *record.Record, opt RecordOptions) error {
	d := buildRecordDoc(r, opt)
	var b bytes.Buffer
	if err := recordHTMLTemplate.Execute(&b, htmlData{recordDoc: d, Chart: chartOf(d)}); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

type htmlData struct {
	*recordDoc
	Chart *chart
}

// chart is the geometry of the domain chart, shared by HTML and PDF.
// Units are arbitrary (px in SVG, mm scaled in PDF).
type chart struct {
	Width, Height     float64
	LabelW, PlotX     float64
	PlotW             float64
	Rows              []chartRow
	Ticks             []chartTick
	AxisY, LegendY    float64
	ScaleMax          int
	Title, Desc       string
	RowH, BarH, Top   float64
	LegendBarX, LegX2 float64
	LegendHatch       [][4]float64
}

type chartRow struct {
	Y, BarY, BarW, TargetX float64
	Hatch                  [][4]float64 // stripes over a bar below target
	Label, Value           string
	HasMean, HasTarget     bool
	Below                  bool
}

type chartTick struct {
	X     float64
	Label string
}

const (
	chartWidth  = 720.0
	chartLabelW = 300.0
	chartRowH   = 26.0
	chartBarH   = 14.0
	chartTop    = 10.0
)

func chartOf(d *recordDoc) *chart {
	if !d.Scored {
		return nil
	}
	return chartOfDomains(d.Domains, d.ScaleMax)
}

// chartOfDomains lays out the chart of some domains.
func chartOfDomains(domains []scoreView, scaleMax int) *chart {
	if len(domains) == 0 || scaleMax <= 0 {
		return nil
	}
	c := &chart{Width: chartWidth, LabelW: chartLabelW, PlotX: chartLabelW + 10, ScaleMax: scaleMax, RowH: chartRowH, BarH: chartBarH, Top: chartTop}
	c.PlotW = c.Width - c.PlotX - 120 // room for the value text
	max := float64(scaleMax)
	var desc []string
	for i, s := range domains {
		y := chartTop + float64(i)*chartRowH
		row := chartRow{Y: y, BarY: y + (chartRowH-chartBarH)/2, HasMean: s.HasMean, HasTarget: s.TargetValue > 0, Below: s.Below,
			Label: truncate(s.Code+" "+s.Title, 44)}
		if s.HasMean {
			row.BarW = s.MeanValue / max * c.PlotW
			row.Value = s.Mean
		} else {
			row.Value = "not rated"
		}
		if row.HasTarget {
			row.TargetX = c.PlotX + s.TargetValue/max*c.PlotW
			row.Value += " / " + s.Target
		}
		if row.Below {
			// Marked by shape and word too, not by colour alone.
			row.Value += " below"
			row.Hatch = hatchLines(c.PlotX, row.BarY, row.BarW, chartBarH, 6)
		}
		c.Rows = append(c.Rows, row)
		desc = append(desc, fmt.Sprintf("%s %s: mean %s, target %s", s.Code, s.Title, s.Mean, dash(s.Target)))
	}
	c.AxisY = chartTop + float64(len(domains))*chartRowH + 4
	for v := 0; v <= scaleMax; v++ {
		c.Ticks = append(c.Ticks, chartTick{X: c.PlotX + float64(v)/max*c.PlotW, Label: fmt.Sprint(v)})
	}
	c.LegendY = c.AxisY + 34
	c.LegendHatch = hatchLines(c.PlotX+190, c.LegendY-10, 18, 10, 6)
	c.Height = c.LegendY + 14
	c.Title = "Domain scores against targets"
	c.Desc = strings.Join(desc, "; ")
	return c
}

// hatchLines are diagonal stripes, step apart, clipped to a rectangle.
func hatchLines(x, y, w, h, step float64) [][4]float64 {
	var out [][4]float64
	if w <= 0 || h <= 0 {
		return nil
	}
	for t := -h + step/2; t < w; t += step {
		x1, y1, x2, y2 := x+t, y+h, x+t+h, y
		if x1 < x {
			y1 -= x - x1
			x1 = x
		}
		if x2 > x+w {
			y2 += x2 - (x + w)
			x2 = x + w
		}
		if x2 > x1 {
			out = append(out, [4]float64{x1, y1, x2, y2})
		}
	}
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

var recordHTMLTemplate = lazy.HTML(func() *template.Template {
	return template.Must(template.New("record").Funcs(template.FuncMap{
		"f":     func(v float64) string { return fmt.Sprintf("%.1f", v) },
		"add":   func(a, b float64) float64 { return a + b },
		"paras": paragraphs,
	}).Parse(recordHTMLSource))
})

// paragraphs splits text into paragraphs of lines for the template.
func paragraphs(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(plainPara(s), "\n\n") {
		if p != "" {
			out = append(out, strings.Split(p, "\n"))
		}
	}
	return out
}

const recordHTMLSource = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reflect">
<title>{{.Title}}{{with .Practitioner}}{{range .}}{{if eq .Label "Name"}} – {{.Value}}{{end}}{{end}}{{end}}</title>
<style>
:root { --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --soft: #f4f6f8; --accent: #2c5282; --below: #b7410e; --ok: #2f6f4f; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
p { margin: .4rem 0 .8rem; }
.subtitle { font-size: 1.15rem; color: var(--muted); margin: 0 0 1.2rem; }
.muted, .prompt { color: var(--muted); }
.prompt { font-style: italic; }
dl.kv { display: grid; grid-template-columns: minmax(min(11rem, 40%), max-content) 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dl.kv dt { font-weight: 600; color: var(--muted); }
dl.kv dd { margin: 0; overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--accent); background: var(--soft); padding: .6rem .9rem; margin: .6rem 0 1rem; }
.warn { border-left-color: var(--below); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; white-space: nowrap; }
.below { color: var(--below); font-weight: 600; }
.ok { color: var(--ok); }
.tag { display: inline-block; font-size: .8rem; padding: 0 .4rem; border: 1px solid currentColor; border-radius: .6rem; margin-left: .3rem; }
ol.needs > li, ul.plain > li { margin-bottom: .5rem; }
.goal { border: 1px solid var(--line); border-radius: .4rem; padding: .2rem 1rem .6rem; margin: .8rem 0; page-break-inside: avoid; break-inside: avoid; }
.chart { width: 100%; height: auto; max-width: 45rem; display: block; margin: .5rem 0 1rem; }
.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; fill: #1a202c; }
.chart .axis { stroke: #718096; stroke-width: 1; }
.chart .grid { stroke: #e2e8f0; stroke-width: 1; }
.chart .bar { fill: #2c5282; }
.chart .bar.below { fill: #dd6b20; }
.chart .hatch { stroke: #fff; stroke-width: 2; }
.chart .target { stroke: #1a202c; stroke-width: 3; }
.answers td.note { color: var(--muted); overflow-wrap: anywhere; }
.answers .fw { font-weight: 600; color: var(--muted); }
.small { font-size: .85rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.appendix-title { margin-top: 3rem; }
.digest { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .85em; overflow-wrap: anywhere; }
footer { margin-top: 3rem; font-size: .9rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: .6rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  li, .goal { break-inside: avoid; page-break-inside: avoid; }
  .appendix { break-before: page; page-break-before: always; }
  .notice { background: none; }
  .chart { max-width: 100%; }
}
</style>
</head>
<body>
<main>
<header>
<h1>{{.Title}}</h1>
{{with .Subtitle}}<p class="subtitle">{{.}}</p>{{end}}
</header>

<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title" class="visually-hidden">Summary</h2>
<p class="muted"><em>Summary for the reader and the confirmer.{{if not .SummaryOnly}} The record in full, with every rating, follows as an appendix.{{end}}</em></p>
{{with .Summary}}
<dl class="kv">{{range .Who}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{else}}<dt>Practitioner</dt><dd class="muted">{{$.Empty "practitioner" "Not given"}}</dd>{{end}}</dl>
{{with .Activity}}<dl class="kv">{{range .}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}</dl>{{end}}
<p class="notice{{if not (and .Complete .AnonOK)}} warn{{end}}"><strong>Status: {{.Status}}.</strong> {{.Anonymised}}</p>
<p class="small muted">{{range $i, $f := .Frameworks}}Assessed against {{$f}}. {{index $.Summary.Notices $i}} {{end}}</p>
{{end}}
<h3>Scores</h3>
{{if .Scored}}{{with .Overall}}<p><strong>Overall:</strong> {{if .HasMean}}mean {{.Mean}} of {{$.ScaleMax}} ({{.Level}}), {{.Percent}}; coverage {{.Coverage}} ({{.Counts}}).{{else}}nothing rated yet ({{.Counts}}).{{end}}</p>{{end}}
{{with .Chart}}
<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {{f .Width}} {{f .Height}}" xmlns="http://www.w3.org/2000/svg">
<title id="chart-title">{{.Title}}</title>
<desc id="chart-desc">{{.Desc}}</desc>
{{range .Ticks}}<line class="grid" x1="{{f .X}}" y1="{{f $.Chart.Top}}" x2="{{f .X}}" y2="{{f $.Chart.AxisY}}"/>
<text x="{{f .X}}" y="{{f (add $.Chart.AxisY 16)}}" text-anchor="middle">{{.Label}}</text>
{{end}}<line class="axis" x1="{{f .PlotX}}" y1="{{f .AxisY}}" x2="{{f (add .PlotX .PlotW)}}" y2="{{f .AxisY}}"/>
{{range .Rows}}<text x="{{f $.Chart.LabelW}}" y="{{f (add .BarY 11)}}" text-anchor="end">{{.Label}}</text>
{{if .HasMean}}<rect class="bar{{if .Below}} below{{end}}" x="{{f $.Chart.PlotX}}" y="{{f .BarY}}" width="{{f .BarW}}" height="{{f $.Chart.BarH}}"/>{{range .Hatch}}<line class="hatch" x1="{{f (index . 0)}}" y1="{{f (index . 1)}}" x2="{{f (index . 2)}}" y2="{{f (index . 3)}}"/>{{end}}{{end}}
{{if .HasTarget}}<line class="target" x1="{{f .TargetX}}" y1="{{f (add .BarY -4)}}" x2="{{f .TargetX}}" y2="{{f (add .BarY (add $.Chart.BarH 4))}}"/>{{end}}
<text x="{{f (add (add $.Chart.PlotX $.Chart.PlotW) 8)}}" y="{{f (add .BarY 11)}}">{{.Value}}</text>
{{end}}<rect class="bar" x="{{f .PlotX}}" y="{{f (add .LegendY -10)}}" width="18" height="10"/><text x="{{f (add .PlotX 24)}}" y="{{f .LegendY}}">mean at or above target</text>
<rect class="bar below" x="{{f (add .PlotX 190)}}" y="{{f (add .LegendY -10)}}" width="18" height="10"/>{{range .LegendHatch}}<line class="hatch" x1="{{f (index . 0)}}" y1="{{f (index . 1)}}" x2="{{f (index . 2)}}" y2="{{f (index . 3)}}"/>{{end}}<text x="{{f (add .PlotX 214)}}" y="{{f .LegendY}}">mean below target</text>
<line class="target" x1="{{f (add .PlotX 350)}}" y1="{{f (add .LegendY -12)}}" x2="{{f (add .PlotX 350)}}" y2="{{f (add .LegendY 2)}}"/><text x="{{f (add .PlotX 358)}}" y="{{f .LegendY}}">target</text>
</svg>
{{end}}
{{else}}<p class="muted">This record has no scores yet.</p>{{end}}
{{with .Summary}}
<h3>Most pressing development needs</h3>
{{if .TopNeeds}}<ol class="needs">{{range .TopNeeds}}<li value="{{.Rank}}"><span class="code">{{.Code}}</span> {{.Statement}} <span class="muted">(rated {{.Rating}}{{with .Target}}; target {{.}}{{end}}{{if gt .Gap 0}}; gap {{.Gap}}{{end}}{{if .Flagged}}; flagged as a priority{{end}})</span></li>
{{end}}</ol>{{with .MoreNeeds}}<p class="muted">and {{.}} more, listed in the appendix.</p>{{end}}{{else}}<p class="muted">None: nothing was rated below its target or flagged.</p>{{end}}
<h3>Reflection{{with .ModelTitle}} ({{.}}){{end}}</h3>
{{range .Sections}}<h4>{{.Title}}</h4>
{{if .Text}}{{range paras .Text}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}{{else}}<p class="muted">(not written)</p>{{end}}
{{else}}<p class="muted">{{$.Empty "reflection" "Not written yet."}}</p>{{end}}
<h3>Development plan</h3>
{{if .Goals}}<ul class="plain">{{range .Goals}}<li>{{.Objective}}{{with .When}} <span class="muted">({{.}})</span>{{end}}{{with .SuccessMeasure}}. How they will know: {{.}}{{end}}</li>{{end}}</ul>{{else}}<p class="muted">{{$.Empty "plan" "No goals yet."}}</p>{{end}}
<h3>Supervisor's review</h3>
{{range .Verdict}}<p>{{.}}</p>{{else}}<p class="muted">Not reviewed yet.</p>{{end}}
{{end}}
</section>
{{if not .SummaryOnly}}
<div class="appendix">
<h2 class="appendix-title">Appendix: the record in full</h2>

<section id="practitioner">
<h2>Practitioner</h2>
{{if .Practitioner}}<dl class="kv">{{range .Practitioner}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}</dl>{{else}}<p class="muted">{{$.Empty "practitioner" "Not given."}}</p>{{end}}
</section>

<section id="frameworks">
<h2>Frameworks</h2>
{{range .Frameworks}}
<h3>{{.Title}}</h3>
<dl class="kv">
<dt>Id</dt><dd>{{.ID}}</dd>
<dt>Version</dt><dd>{{.Version}}</dd>
<dt>Content digest</dt><dd><span class="digest" title="SHA-256 {{.Digest}}">{{.DigestShort}}</span> <span class="muted">(SHA-256, first 12 digits)</span></dd>
<dt>Assessed</dt><dd>{{.Scope}}</dd>
{{with .BasedOn}}<dt>Based on</dt><dd>{{.}}</dd>{{end}}
{{with .OfficialURL}}<dt>Official source</dt><dd>{{.}}</dd>{{end}}
</dl>
<div class="notice"><p>{{.Notice}}</p>{{with .Wording}}<p class="muted">{{.}}</p>{{end}}</div>
{{with .VersionNote}}<p class="notice warn">{{.}}</p>{{end}}
{{end}}
</section>

<section id="scores">
<h2>Scores</h2>
{{if .Scored}}
<p class="muted">Rating scale: {{.Scale}}. Means leave out N/A and unanswered; the percentage is the mean as a share of the top of the scale; coverage is the share of what applies that has a rating.</p>
{{with .Overall}}<p><strong>Overall:</strong> {{if .HasMean}}mean {{.Mean}} ({{.Level}}), {{.Percent}} of the top of the scale; coverage {{.Coverage}} ({{.Counts}}).{{else}}nothing rated yet ({{.Counts}}).{{end}}</p>{{end}}
<h3>Domains</h3>
<table>
<thead><tr><th>Domain</th><th class="num">Mean</th><th>Level</th><th class="num">Percent</th><th class="num">Target</th><th class="num">Coverage</th></tr></thead>
<tbody>{{range .Domains}}<tr><td><span class="code">{{.Code}}</span> {{.Title}}</td><td class="num">{{.Mean}}</td><td class="nowrap">{{.Level}}</td><td class="num">{{.Percent}}</td><td class="num">{{or .Target "–"}}</td><td class="num">{{.Coverage}}</td></tr>
{{end}}</tbody>
</table>
<h3>Areas</h3>
<table>
<thead><tr><th>Area</th><th class="num">Mean</th><th>Level</th><th class="num">Target</th><th>Gap</th><th class="num">Coverage</th></tr></thead>
<tbody>{{range .Areas}}<tr><td><span class="code">{{.Code}}</span> {{.Title}}</td><td class="num">{{.Mean}}</td><td class="nowrap">{{.Level}}</td><td class="num">{{or .Target "–"}}</td><td class="nowrap{{if .Below}} below{{end}}">{{or .Gap "–"}}</td><td class="num">{{.Coverage}}</td></tr>
{{end}}</tbody>
</table>
<h3>Not applicable</h3>
{{if .NA}}<ul class="plain">{{range .NA}}<li><span class="code">{{.Code}}</span> {{.Statement}} — <em>{{.Detail}}</em></li>{{end}}</ul>{{else}}<p class="muted">None.</p>{{end}}
{{with .Unanswered}}<h3>Not answered</h3>
<ul class="plain">{{range .}}<li><span class="code">{{.Code}}</span> {{.Statement}}</li>{{end}}</ul>{{end}}
<h3>Development needs, ranked</h3>
{{if .Needs}}<ol class="needs">{{range .Needs}}<li><span class="code">{{.Code}}</span> {{.Statement}}<br><span class="muted">rated {{.Rating}}{{with .Target}}; target {{.}}{{end}}{{if gt .Gap 0}}; gap {{.Gap}}{{end}}</span>{{if .Flagged}}<span class="tag">flagged as a priority</span>{{end}}</li>
{{end}}</ol>{{else}}<p class="muted">None: nothing was rated below its target or flagged.</p>{{end}}
{{with .Strengths}}<h3>Strengths</h3>
<ul class="plain">{{range .}}<li><span class="code">{{.Code}}</span> {{.Statement}} <span class="muted">({{.Detail}})</span></li>{{end}}</ul>{{end}}
{{else}}<p class="muted">This record has no scores yet.</p>{{end}}
</section>

<section id="reflection">
<h2>Reflection</h2>
{{with .ModelTitle}}<p>Model: {{.}}</p>{{end}}
{{with .Focus}}<p>Needs reflected on:</p><ul class="plain">{{range .}}<li><span class="code">{{.Code}}</span> {{.Statement}}</li>{{end}}</ul>{{end}}
{{if and .Sections (not .Summary.Shortened)}}<p>The reflection is in the summary, word for word. The questions it answers:</p>
<ul class="plain">{{range .Sections}}<li><strong>{{.Title}}</strong> <span class="prompt">{{.Prompt}}</span></li>{{end}}</ul>
{{else}}{{range .Sections}}<h3>{{.Title}}</h3>
<p class="prompt">{{.Prompt}}</p>
{{if .Text}}{{range paras .Text}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}{{else}}<p class="muted">(not written)</p>{{end}}
{{else}}<p class="muted">{{$.Empty "reflection" "Not written yet."}}</p>{{end}}{{end}}
</section>

<section id="benefit">
<h2>Benefit to the people I support</h2>
{{if .Benefit}}{{range paras .Benefit}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}{{else}}<p class="muted">{{$.Empty "benefit" "(not written)"}}</p>{{end}}
</section>

<section id="standards">
<h2>Links to standards</h2>
{{range .Standards}}<h3>{{.Title}}</h3><ul class="plain">{{range .Items}}<li>{{.}}</li>{{end}}</ul>
{{else}}<p class="muted">{{$.Empty "standards" "None chosen."}}</p>{{end}}
</section>

<section id="plan">
<h2>Personal development plan</h2>
{{range .Plan}}{{template "goal" .}}{{else}}<p class="muted">{{$.Empty "plan" "No goals yet."}}</p>{{end}}
</section>

<section id="activity">
<h2>CPD activity</h2>
<dl class="kv">
{{with .ActivityTitle}}<dt>Title</dt><dd>{{.}}</dd>{{end}}
{{with .Dates}}<dt>Dates</dt><dd>{{.}}</dd>{{end}}
{{with .Method}}<dt>Method</dt><dd>{{.}}</dd>{{end}}
{{with .ActivityType}}<dt>Activity type</dt><dd>{{.}}</dd>{{end}}
{{with .Hours}}<dt>Hours</dt><dd>{{.}}</dd>{{end}}
{{with .ParticipatoryHours}}<dt>Participatory hours</dt><dd>{{.}}</dd>{{end}}
</dl>
{{with .Evidence}}<h3>Evidence</h3>
<p class="muted">Files are recorded by name and SHA-256, not copied.</p>
<ul class="plain">{{range .}}<li>{{.Description}}{{if .File}}{{if .Description}}<br>{{end}}file <strong>{{.File}}</strong>{{with .Size}}, {{.}}{{end}}{{with .SHA256}}<br><span class="digest">SHA-256 {{.}}</span>{{end}}{{end}}</li>{{end}}</ul>{{end}}
</section>

<section id="anonymisation">
<h2>Anonymisation</h2>
<p class="notice{{if not .AnonOK}} warn{{end}}">{{.Anonymisation}}</p>
</section>

{{with .Reviews}}<section id="reviews">
<h2>Supervisor's review</h2>
{{range .}}{{if gt (len $.Reviews) 1}}<h3>Review {{.Number}}</h3>{{end}}
<dl class="kv"><dt>Reviewer</dt><dd>{{.Reviewer}}</dd><dt>Date</dt><dd>{{.Date}}</dd></dl>
<div class="notice"><p>{{.Statement}}</p></div>
{{with .Comments}}<h4>Comments</h4>{{range paras .}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}{{end}}
{{with .NeedComments}}<ul class="plain">{{range .}}<li>On <span class="code">{{.Label}}</span>: {{.Value}}</li>{{end}}</ul>{{end}}
{{with .Ratings}}<h4>The reviewer's own ratings, beside the practitioner's (never averaged)</h4>
<table><thead><tr><th>competence</th><th>practitioner</th><th>reviewer</th><th>difference</th></tr></thead><tbody>
{{range .}}<tr><td><span class="code">{{.Code}}</span> {{.Statement}}</td><td>{{.Self}}</td><td>{{.Reviewer}}</td><td>{{.Difference}}</td></tr>
{{end}}</tbody></table>{{end}}
<p>{{.PlanDecision}}</p>
{{range .AgreedPlan}}{{template "goal" .}}{{end}}
<p class="notice{{if not .Intact}} warn{{end}}">{{.Integrity}} {{.Signature}}</p>
{{end}}
</section>{{end}}

{{with .Answers}}<section id="answers">
<h2>Every answer</h2>
<table class="answers">
<thead><tr><th>Code</th><th>Competence</th><th>Answer</th><th>Note</th></tr></thead>
<tbody>{{range .}}<tr><td class="code">{{.Code}}</td><td>{{range $i, $w := .Wordings}}{{if $i}}<br>{{end}}{{with $w.Label}}<span class="fw">{{.}}:</span> {{end}}{{$w.Value}}{{end}}</td><td><strong>{{.RatingText}}</strong>{{with .Reviewer}}; reviewer: <strong>{{.}}</strong>{{end}}{{if .Flagged}}<span class="tag">flagged as a priority</span>{{end}}</td><td class="note">{{with .Note}}{{range $i, $p := paras .}}{{if $i}}<br><br>{{end}}{{range $j, $l := $p}}{{if $j}}<br>{{end}}{{$l}}{{end}}{{end}}{{end}}</td></tr>
{{end}}</tbody>
</table>
</section>{{end}}
</div>{{end}}

<footer>
<dl class="kv">{{range .About}}{{if .Value}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}{{end}}</dl>
</footer>
</main>
</body>
</html>
{{define "goal"}}<div class="goal">
<h3><span class="code">{{.ID}}</span> {{.Objective}}</h3>
<dl class="kv">
{{with .Competences}}<dt>Competences</dt><dd>{{range $i, $c := .}}{{if $i}}<br>{{end}}{{$c}}{{end}}</dd>{{end}}
{{with .Activities}}<dt>Activities</dt><dd>{{range $i, $c := .}}{{if $i}}<br>{{end}}{{$c}}{{end}}</dd>{{end}}
{{with .Resources}}<dt>Resources</dt><dd>{{range $i, $c := .}}{{if $i}}<br>{{end}}{{$c}}{{end}}</dd>{{end}}
{{with .TargetDate}}<dt>Target date</dt><dd>{{.}}</dd>{{end}}
{{with .SuccessMeasure}}<dt>Success measure</dt><dd>{{.}}</dd>{{end}}
{{with .Status}}<dt>Status</dt><dd>{{.}}</dd>{{end}}
</dl>
</div>{{end}}
`
