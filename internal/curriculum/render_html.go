package curriculum

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
)

// pageCSS is the map page's only style. The page's Content Security
// Policy allows exactly this stylesheet (by its SHA-256) and nothing else:
// no scripts, no fetches, no images, no inline style attributes. Bars
// are inline SVG, whose geometry is attributes, not styles.
const pageCSS = `:root{--ink:#1a202c;--muted:#4a5568;--line:#cbd5e0;--soft:#f4f6f8;--accent:#1f4e79;--i:#d6e6f5;--d:#6fa8dc;--a:#1f4e79;--gap:#b7410e}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:70rem;margin:0 auto;padding:1.6rem 1.2rem 3rem}
h1{font-size:1.7rem;margin:0 0 .2rem;color:var(--accent)}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--accent)}
h3{font-size:1.08rem;margin:1.4rem 0 .4rem}
p{margin:.35rem 0 .7rem}
.muted{color:var(--muted)}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.6rem 0 1rem}
dl.kv dt{font-weight:600;color:var(--muted)}dl.kv dd{margin:0}
.notice{border-left:4px solid var(--accent);background:var(--soft);padding:.5rem .8rem;margin:.6rem 0 1rem}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.25rem .45rem;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.dom td{background:var(--soft);font-weight:600}
.code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.85em;white-space:nowrap}
svg.bar{display:block}
.key{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.4rem 0 .8rem;font-size:.9rem}
.key span{display:inline-flex;align-items:center;gap:.35rem}
.sw{display:inline-block;width:1.1rem;height:1.1rem;border:1px solid var(--line);text-align:center;font-size:.75rem;line-height:1.05rem;font-weight:700}
table.heat{font-size:.82rem}
table.heat th.m{white-space:nowrap;text-align:center;font-size:.78rem;padding:.3rem .35rem;vertical-align:bottom}
table.heat td.c{min-width:2.2rem;text-align:center;font-weight:700;border:1px solid #fff;padding:.15rem .2rem}
table.heat tr.area td{background:var(--soft);font-weight:600;border-top:2px solid var(--line)}
table.heat td.st{color:var(--muted);max-width:34rem}
.s0{background:#fff;color:#a0aec0}
.s1{background:var(--i);color:#1a202c}
.s2{background:var(--d);color:#0b2239}
.s3{background:var(--a);color:#fff}
.e1,.e2,.e3{background:repeating-linear-gradient(135deg,#fff 0 3px,var(--i) 3px 6px);color:#1a202c;font-weight:400}
.e2{background:repeating-linear-gradient(135deg,#fff 0 3px,var(--d) 3px 6px)}
.e3{background:repeating-linear-gradient(135deg,#fff 0 3px,#7f9fbf 3px 6px)}
table.sum td.c{min-width:3rem;text-align:center;border:1px solid #fff;padding:.2rem .3rem;font-variant-numeric:tabular-nums}
.h0{background:#fff;color:#a0aec0}.h1{background:#e3edf7}.h2{background:#b9d3ec}.h3{background:#6fa8dc;color:#0b2239}.h4{background:#1f4e79;color:#fff}
.hq{background:repeating-linear-gradient(135deg,#fff 0 3px,#d6e6f5 3px 6px);color:#1a202c}
.nw{white-space:nowrap}
td.st-reached{color:#22543d;font-weight:600}td.st-partly{color:#7b341e;font-weight:600}td.st-not{color:var(--gap);font-weight:600}
ul.gaps>li{margin-bottom:.5rem}ul.gaps ul{margin:.2rem 0 0;padding-left:1.2rem}
.gap{color:var(--gap);font-weight:600}
footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.6rem}
@media print{@page{size:A4 landscape;margin:12mm}main{max-width:none;padding:0}h2,h3{break-after:avoid}tr{break-inside:avoid}.notice{background:none}
.s1,.s2,.s3,.e1,.e2,.e3,.h1,.h2,.h3,.h4,.hq,tr.dom td,tr.area td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}`

// CSP is the map page's Content Security Policy.
var CSP = "default-src 'none'; style-src 'sha256-" + cssHash() + "'; img-src 'none'; base-uri 'none'; form-action 'none'"

func cssHash() string {
	sum := sha256.Sum256([]byte(pageCSS))
	return base64.StdEncoding.EncodeToString(sum[:])
}

var mapTemplate = lazy.HTML(func() *template.Template {
	return template.Must(template.New("map").Funcs(template.FuncMap{
		"pct":  func(t Tally) string { return Pct(t.Percent()) },
		"time": timeOrNone,
		"cls": func(cc *CompetenceCoverage, i int) string {
			if s := cc.Modules[i]; s != None {
				return fmt.Sprintf("s%d", s)
			}
			if s := cc.EquivalentModules[i]; s != None {
				return fmt.Sprintf("e%d", s)
			}
			return "s0"
		},
		"allcls": func(cc *CompetenceCoverage) string {
			if cc.Strength != None {
				return fmt.Sprintf("s%d", cc.Strength)
			}
			if cc.Equivalent != None {
				return fmt.Sprintf("e%d", cc.Equivalent)
			}
			return "s0"
		},
		"cell": func(cc *CompetenceCoverage, i int) string {
			if c := cc.Cell(i); c != "." {
				return c
			}
			return "·"
		},
		"mark": func(cc *CompetenceCoverage) string {
			if c := cc.Mark(); c != "." {
				return c
			}
			return "·"
		},
		"cellTitle": func(cc *CompetenceCoverage, i int, m *Module) string {
			if s := cc.Modules[i]; s != None {
				return fmt.Sprintf("%s %s %s", m.ID, s, cc.Competence.Code)
			}
			if s := cc.EquivalentModules[i]; s != None {
				return fmt.Sprintf("%s %s an equivalent of %s (%s)", m.ID, s, cc.Competence.Code, strings.Join(cc.EquivalentCodes, ", "))
			}
			return fmt.Sprintf("%s does not address %s", m.ID, cc.Competence.Code)
		},
		"bar":      bar,
		"sentence": coverageSentence,
		"n":        func(t Tally, s Strength) int { return t.Strongest[s] },
		"I":        func() Strength { return Introduces },
		"D":        func() Strength { return Develops },
		"A":        func() Strength { return Assesses },
		"upper":    strings.ToUpper,
		"sumcls":   sumClass,
		"sumcell": func(a *AreaCoverage, i int) string {
			if c := a.SummaryCell(i); c != "." {
				return c
			}
			return "·"
		},
		"sumtitle": sumTitle,
		"stcls":    statusClass,
		"short":    shortText,
		"rule":     func() string { return ProfileRule },
		"sumkey":   func() string { return summaryKey },
	}).Parse(mapHTMLSource))
})

// sumClass shades an area × module cell by the share of the area the
// module addresses.
func sumClass(a *AreaCoverage, i int) string {
	bm := a.ByModule[i]
	switch share := a.Share(i); {
	case bm.Addressed == 0 && bm.Equivalent > 0:
		return "hq"
	case bm.Addressed == 0:
		return "h0"
	case share < 0.25:
		return "h1"
	case share < 0.5:
		return "h2"
	case share < 0.75:
		return "h3"
	}
	return "h4"
}

func sumTitle(a *AreaCoverage, i int, m *Module) string {
	bm := a.ByModule[i]
	switch {
	case bm.Addressed > 0:
		return fmt.Sprintf("%s addresses %d of the %d competences of %s (strongest: %s)", m.ID, bm.Addressed, a.Tally.Competences, a.Area.Code, bm.Strongest)
	case bm.Equivalent > 0:
		return fmt.Sprintf("%s addresses %d competences of %s only through an equivalent in another framework", m.ID, bm.Equivalent, a.Area.Code)
	}
	return fmt.Sprintf("%s does not address %s", m.ID, a.Area.Code)
}

func statusClass(status string) string {
	switch status {
	case ProfileReached:
		return "st-reached"
	case ProfilePartly:
		return "st-partly"
	case ProfileNotAddressed:
		return "st-not"
	}
	return ""
}

// bar draws a stacked horizontal bar: assessed, developed, introduced,
// through an equivalent, not addressed.
func bar(t Tally, width int) template.HTML {
	if t.Competences == 0 || width <= 0 {
		return ""
	}
	parts := []struct {
		n    int
		fill string
	}{{t.Strongest[Assesses], "#1f4e79"}, {t.Strongest[Develops], "#6fa8dc"}, {t.Strongest[Introduces], "#d6e6f5"}, {t.Equivalent, "#a3b8cc"}, {t.Uncovered(), "#edf0f3"}}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="bar" width="%d" height="12" viewBox="0 0 %d 12" role="img" aria-label="%s covered">`, width, width, template.HTMLEscapeString(Pct(t.Percent())))
	x := 0.0
	for _, p := range parts {
		if p.n == 0 {
			continue
		}
		w := float64(width) * float64(p.n) / float64(t.Competences)
		fmt.Fprintf(&b, `<rect x="%.2f" y="0" width="%.2f" height="12" fill="%s"/>`, x, w, p.fill)
		x += w
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

type htmlPage struct {
	M        *Map
	C        *Curriculum
	CSS      template.CSS
	CSP      string
	Sessions int
	NoMatrix bool
	Tool     string
}

// MapHTML writes the coverage report as one self-contained HTML page with
// a heat map of competences × modules. Every piece of text is escaped by
// html/template.
func MapHTML(w io.Writer, m *Map, opt RenderOptions) error {
	sessions, _ := modulesSummary(m.Curriculum)
	return mapTemplate.Execute(w, htmlPage{M: m, C: m.Curriculum, CSS: template.CSS(pageCSS), CSP: CSP, Sessions: sessions, NoMatrix: opt.NoMatrix, Tool: opt.Tool})
}

const mapHTMLSource = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reflect">
<title>Curriculum map – {{.C.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<main>
<header>
<h1>Curriculum map</h1>
<p class="muted">{{.C.Title}}</p>
<dl class="kv">
<dt>Curriculum</dt><dd><span class="code">{{.C.ID}}</span>{{with .C.Version}} · version {{.}}{{end}}</dd>
<dt>Provider</dt><dd>{{.C.Provider}}</dd>
<dt>Audience</dt><dd>{{.C.Audience}}</dd>
{{with .C.Delivery}}<dt>Delivery</dt><dd>{{.}}</dd>{{end}}
<dt>Size</dt><dd>{{time .C.Minutes}} in {{len .C.Modules}} modules, {{.Sessions}} sessions, {{.M.Outcomes}} outcomes and {{.M.Mappings}} mappings</dd>
</dl>
{{with .C.Description}}<p>{{.}}</p>{{end}}
</header>

<section id="modules">
<h2>Modules</h2>
<table>
<thead><tr><th>id</th><th>module</th><th class="n">time</th><th>sessions</th></tr></thead>
<tbody>
{{range .C.Modules}}<tr><td class="code">{{.ID}}</td><td>{{.Title}}</td><td class="n">{{time .Minutes}}</td><td>{{range $i, $s := .Sessions}}{{if $i}}; {{end}}{{$s.Title}}{{end}}</td></tr>
{{end}}</tbody>
</table>
</section>

<div class="key" aria-label="Key">
<span><span class="sw s3">A</span> assesses</span>
<span><span class="sw s2">D</span> develops</span>
<span><span class="sw s1">I</span> introduces</span>
<span><span class="sw e2">d</span> through an equivalent competence in another framework</span>
<span><span class="sw s0">·</span> not addressed</span>
</div>
{{$c := .C}}{{$nomatrix := .NoMatrix}}
{{range .M.Frameworks}}{{$fc := .}}
<section class="framework" id="fw-{{.Framework.ID}}">
<h2>{{.Framework.Title}} <span class="muted code">{{.Framework.ID}} {{.Framework.Version}}</span></h2>
<div class="notice"><strong>Provenance.</strong> {{.Framework.Provenance.Notice}}</div>
<p>{{sentence .Tally}}</p>
{{bar .Tally 480}}
{{with $.M.Profile}}{{if eq .Framework $fc.Framework}}
<h3>Role profile: {{.Profile.Title}} <span class="muted code">{{.Profile.ID}}</span></h3>
<p>{{.Sentence}}</p>
<table>
<thead><tr><th>area</th><th>target</th><th>needs</th><th class="n">at it</th><th>status</th><th>what is short</th></tr></thead>
<tbody>
{{range .Areas}}<tr><td><span class="code">{{.Coverage.Area.Code}}</span> {{.Coverage.Area.Title}}</td><td class="nw">{{.TargetText}}</td><td>{{.NeededText}}</td><td class="n">{{.AtStrength}}/{{.Competences}}</td><td class="nw {{stcls .Status}}">{{.Status}}</td><td class="st">{{short .}}</td></tr>
{{end}}</tbody>
</table>
<p class="muted">{{rule}}</p>
{{end}}{{end}}
<h3>Coverage by domain and area</h3>
<table>
<thead><tr><th>code</th><th>title</th><th class="n">covered</th><th class="n">%</th><th></th><th class="n">I</th><th class="n">D</th><th class="n">A</th><th class="n">time in sessions</th></tr></thead>
<tbody>
{{range .Domains}}<tr class="dom"><td class="code">{{.Domain.Code}}</td><td>{{.Domain.Title}}</td><td class="n">{{.Tally.Covered}}/{{.Tally.Competences}}</td><td class="n">{{pct .Tally}}</td><td>{{bar .Tally 120}}</td><td class="n">{{n .Tally I}}</td><td class="n">{{n .Tally D}}</td><td class="n">{{n .Tally A}}</td><td></td></tr>
{{range .Areas}}<tr><td class="code">{{.Area.Code}}</td><td>{{.Area.Title}}</td><td class="n">{{.Tally.Covered}}/{{.Tally.Competences}}</td><td class="n">{{pct .Tally}}</td><td>{{bar .Tally 120}}</td><td class="n">{{n .Tally I}}</td><td class="n">{{n .Tally D}}</td><td class="n">{{n .Tally A}}</td><td class="n">{{.Time}}</td></tr>
{{end}}{{end}}</tbody>
</table>

<h3>Heat map: areas × modules</h3>
<p class="muted">{{sumkey}} The darker the cell, the larger the share of the area the module addresses.</p>
<table class="heat sum">
<thead><tr><th>area</th>{{range $c.Modules}}<th class="m" title="{{.Title}}">{{.ID}}</th>{{end}}<th class="m">all</th></tr></thead>
<tbody>
{{range .Domains}}<tr class="area"><td class="code">{{.Domain.Code}}</td><td colspan="{{len $c.Modules}}">{{.Domain.Title}}</td><td class="n">{{.Tally.Covered}}/{{.Tally.Competences}}</td></tr>
{{range .Areas}}{{$a := .}}<tr><td><span class="code">{{.Area.Code}}</span> {{.Area.Title}}</td>{{range $i, $m := $c.Modules}}<td class="c {{sumcls $a $i}}" title="{{sumtitle $a $i $m}}">{{sumcell $a $i}}</td>{{end}}<td class="n">{{.Tally.Covered}}/{{.Tally.Competences}}</td></tr>
{{end}}{{end}}</tbody>
</table>

{{if not $nomatrix}}
<h3>Heat map: competences × modules</h3>
<p class="muted">Columns are the modules listed above; the last column is the strongest across all of them.</p>
<table class="heat">
<thead><tr><th>competence</th>{{range $c.Modules}}<th class="m" title="{{.Title}}">{{.ID}}</th>{{end}}<th class="m">all</th><th>statement</th></tr></thead>
<tbody>
{{range .Domains}}{{range .Areas}}<tr class="area"><td class="code">{{.Area.Code}}</td><td colspan="{{len $c.Modules}}"></td><td></td><td>{{.Area.Title}} — {{.Tally.Covered}}/{{.Tally.Competences}}</td></tr>
{{range .Competences}}{{$cc := .}}<tr><td class="code">{{.Competence.Code}}</td>{{range $i, $m := $c.Modules}}<td class="c {{cls $cc $i}}" title="{{cellTitle $cc $i $m}}">{{cell $cc $i}}</td>{{end}}<td class="c {{allcls $cc}}">{{mark $cc}}</td><td class="st">{{.Competence.Statement}}</td></tr>
{{end}}{{end}}{{end}}</tbody>
</table>
{{end}}

<h3>Gaps: competences no outcome addresses ({{.Tally.Uncovered}})</h3>
{{with .Gaps}}<ul class="gaps">
{{range .}}<li><span class="gap">{{.Area.Code}} {{.Area.Title}}</span> — {{len .Competences}} of {{.Tally.Competences}} not addressed
<ul>{{range .Competences}}<li><span class="code">{{.Competence.Code}}</span> {{.Competence.Statement}}</li>{{end}}</ul></li>
{{end}}</ul>{{else}}<p>None: every competence is addressed.</p>{{end}}

<h3>Introduced only: touched but never developed or assessed ({{len .IntroducedOnly}})</h3>
{{with .IntroducedOnly}}<ul>{{range .}}<li><span class="code">{{.Competence.Code}}</span> {{.Competence.Statement}}</li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
</section>
{{end}}

<section id="unmapped">
<h2>Outcomes mapped to no competence ({{len .M.Unmapped}})</h2>
{{with .M.Unmapped}}<ul>{{range .}}<li><span class="code">{{.Outcome.ID}}</span> {{.Outcome.Text}} <span class="muted">({{.Module.Title}} › {{.Session.Title}})</span></li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
{{with .M.Elsewhere}}<h2>Mapped to frameworks not in this report ({{len .}})</h2>
<ul>{{range .}}<li><span class="code">{{.Code}}</span> {{.Strength}} from <span class="code">{{.Outcome.ID}}</span> {{.Outcome.Text}}</li>{{end}}</ul>{{end}}
</section>

<footer>
<p>Made by {{if .Tool}}{{.Tool}}{{else}}reflect{{end}} from {{.C.File}}. Coverage counts a competence as addressed when at least one learning outcome maps to it; the strongest mapping (introduces, develops, assesses) is shown.</p>
<p>If this work is weighing on you: Samaritans 116 123 (free, day and night), text SHOUT to 85258, or talk to your supervisor or occupational health.</p>
</footer>
</main>
</body>
</html>
`
