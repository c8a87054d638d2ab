package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/portfolio"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Portfolio formats.
var PortfolioFormats = []struct{ Name, Ext, Description string }{
	{"text", ".txt", "plain text, for the terminal"},
	{"md", ".md", "Markdown, for an e-portfolio"},
	{"html", ".html", "one self-contained web page that prints on A4"},
	{"pdf", ".pdf", "an A4 document to hand in"},
	{"json", ".json", "the figures and entries, for other tools (frameworks/portfolio.schema.json)"},
}

// ExportPortfolio writes the portfolio in a format.
func ExportPortfolio(w io.Writer, format string, p *portfolio.Portfolio, toolVersion string, now time.Time) error {
	switch format {
	case "json":
		return PortfolioJSON(w, p)
	case "text":
		return PortfolioText(w, p)
	case "md":
		return PortfolioMarkdown(w, p)
	case "html":
		return PortfolioHTML(w, p)
	case "pdf":
		return PortfolioPDF(w, p, toolVersion, now)
	}
	return fmt.Errorf("there is no portfolio format %q", format)
}

// PortfolioJSON writes the stable JSON document.
func PortfolioJSON(w io.Writer, p *portfolio.Portfolio) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// PortfolioText writes plain text, wrapped at 78 columns.
func PortfolioText(w io.Writer, p *portfolio.Portfolio) error {
	d := buildPortfolioDoc(p)
	var b bytes.Buffer
	pr := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	wrap := func(s, first, rest string) {
		for i, para := range strings.Split(strings.TrimSpace(s), "\n") {
			f := first
			if i > 0 {
				f = rest
			}
			pr("%s\n", textutil.Wrap(oneLine(para), 78, f, rest))
		}
	}
	pr("%s\n%s\n%s\n", d.Title, strings.Repeat("=", min(78, len([]rune(d.Title)))), d.Subtitle)
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case bH2:
			pr("\n%s\n%s\n", bl.Text, strings.Repeat("-", min(78, len([]rune(bl.Text)))))
		case bH3:
			pr("\n%s\n", bl.Text)
		case bPara:
			wrap(bl.Text, "", "")
			pr("\n")
		case bMuted:
			wrap(bl.Text, "", "")
		case bNotice:
			wrap(bl.Text, "  ", "  ")
		case bWarn:
			wrap(bl.Text, "! ", "  ")
		case bKV, bForm:
			width := 0
			for _, x := range bl.KV {
				width = max(width, len([]rune(x.Label)))
			}
			width = min(width, 30)
			for _, x := range bl.KV {
				v := oneLine(x.Value)
				if v == "" {
					if bl.Kind != bForm {
						continue
					}
					v = "______________________________"
				}
				indent := strings.Repeat(" ", width+2)
				if len([]rune(x.Label))+2 > width+2 {
					// A label longer than the column goes on a line of its
					// own, the value under it (never run together).
					pr("%s\n", textutil.Wrap(x.Label+":", 78, "", ""))
					pr("%s\n", textutil.Wrap(v, 78, indent, indent))
					continue
				}
				pr("%s\n", textutil.Wrap(v, 78, textutil.Pad(x.Label+":", width+2), indent))
			}
			pr("\n")
		case bTable:
			textTable(&b, bl)
		case bBullets:
			for _, it := range bl.Items {
				wrap(it, "- ", "  ")
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// textTable writes a table as a list: the first column, then the others
// as "Head: value" lines — tables wider than a terminal do not read.
func textTable(b *bytes.Buffer, bl block) {
	for i, r := range bl.Rows {
		mark := "  "
		if bl.Bad != nil && bl.Bad[i] {
			mark = "! "
		}
		var rest []string
		for j := 1; j < len(r); j++ {
			if strings.TrimSpace(r[j]) == "" {
				continue
			}
			h := bl.Cols[j].Head
			if h == "" {
				rest = append(rest, oneLine(r[j]))
			} else {
				rest = append(rest, strings.ReplaceAll(h, "-", "")+": "+oneLine(r[j]))
			}
		}
		fmt.Fprintf(b, "%s\n", textutil.Wrap(oneLine(r[0])+"  ·  "+strings.Join(rest, "  ·  "), 78, mark, "    "))
	}
	b.WriteString("\n")
}

// PortfolioMarkdown writes Markdown; everything the person wrote is escaped.
func PortfolioMarkdown(w io.Writer, p *portfolio.Portfolio) error {
	d := buildPortfolioDoc(p)
	var b bytes.Buffer
	pr := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	pr("# %s\n\n%s\n\n", mdInline(d.Title), mdInline(d.Subtitle))
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case bH2:
			pr("## %s\n\n", mdInline(bl.Text))
		case bH3:
			pr("### %s\n\n", mdInline(bl.Text))
		case bPara:
			pr("%s\n\n", mdPara(bl.Text))
		case bMuted:
			pr("*%s*\n\n", mdInline(oneLine(bl.Text)))
		case bNotice, bWarn:
			for _, l := range strings.Split(strings.TrimSpace(bl.Text), "\n") {
				pr("> %s\n>\n", mdInline(l))
			}
			pr("\n")
		case bKV, bForm:
			for _, x := range bl.KV {
				v := mdInline(oneLine(x.Value))
				if v == "" {
					if bl.Kind != bForm {
						continue
					}
					v = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"
				}
				pr("- **%s:** %s\n", mdInline(x.Label), v)
			}
			pr("\n")
		case bTable:
			var heads []string
			for _, c := range bl.Cols {
				heads = append(heads, mdCell(c.Head))
			}
			pr("| %s |\n|", strings.Join(heads, " | "))
			for _, c := range bl.Cols {
				if c.Right {
					pr("--:|")
				} else {
					pr("---|")
				}
			}
			pr("\n")
			for i, r := range bl.Rows {
				cells := make([]string, len(r))
				for j, c := range r {
					cells[j] = mdCell(c)
					if j == 0 && bl.Bad != nil && bl.Bad[i] {
						cells[j] = "**" + cells[j] + "**"
					}
				}
				pr("| %s |\n", strings.Join(cells, " | "))
			}
			pr("\n")
		case bBullets:
			for _, it := range bl.Items {
				pr("- %s\n", mdInline(it))
			}
			pr("\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// PortfolioHTML writes one self-contained page in the record export's style.
func PortfolioHTML(w io.Writer, p *portfolio.Portfolio) error {
	d := buildPortfolioDoc(p)
	var b bytes.Buffer
	if err := portfolioHTMLTemplate.Execute(&b, d); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

var portfolioHTMLTemplate = lazy.HTML(func() *template.Template {
	return template.Must(template.New("portfolio").Funcs(template.FuncMap{
		"paras":    paragraphs,
		"isH2":     func(b block) bool { return b.Kind == bH2 },
		"is":       func(b block, k string) bool { return blockNames[b.Kind] == k },
		"pct":      func(w float64) string { return fmt.Sprintf("%.0f%%", w*100) },
		"bad":      func(b block, i int) bool { return b.Bad != nil && i < len(b.Bad) && b.Bad[i] },
		"right":    func(b block, j int) bool { return j < len(b.Cols) && b.Cols[j].Right },
		"unhyphen": func(s string) string { return strings.ReplaceAll(s, "Partici-patory", "Partici\u00adpatory") },
		"isID":     func(b block, j int) bool { return j < len(b.Cols) && b.Cols[j].Head == "Id" },
	}).Parse(portfolioHTMLSource))
})

var blockNames = map[blockKind]string{bH2: "h2", bH3: "h3", bPara: "para", bMuted: "muted", bNotice: "notice", bWarn: "warn", bKV: "kv", bTable: "table", bForm: "form", bBullets: "bullets", bPageBreak: "break"}

const portfolioHTMLSource = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reflect">
<title>{{.Title}}{{with .Person}} – {{.}}{{end}}</title>
<style>
:root { --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --soft: #f4f6f8; --accent: #2c5282; --below: #b7410e; --ok: #2f6f4f; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
p { margin: .4rem 0 .8rem; }
.subtitle { font-size: 1.15rem; color: var(--muted); margin: 0 0 1.2rem; }
.muted { color: var(--muted); font-size: .95rem; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dl.kv dt { font-weight: 600; color: var(--muted); }
dl.kv dd { margin: 0; overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--ok); background: var(--soft); padding: .6rem .9rem; margin: .6rem 0 1rem; }
.warn { border-left: 4px solid var(--below); background: #fff7f2; padding: .6rem .9rem; margin: .6rem 0 1rem; }
.notice p, .warn p { margin: .15rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; table-layout: fixed; }
table.wide { font-size: .8rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .45rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; hyphens: auto; }
td.id { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .8em; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
tr.bad td:first-child { color: var(--below); font-weight: 600; }
tr.bad td { background: #fffaf7; }
.form { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem 1rem .8rem; margin: .8rem 0 1.2rem; }
.form .field { display: grid; grid-template-columns: 16rem 1fr; gap: 1rem; padding: .55rem 0 .25rem; border-bottom: 1px solid var(--line); min-height: 2.4rem; }
.form .field:last-child { border-bottom: none; }
.form .label { font-weight: 600; color: var(--muted); }
.form .blank { border-bottom: 1px dashed #a0aec0; min-height: 1.4rem; }
ul.sources li { margin-bottom: .3rem; overflow-wrap: anywhere; }
footer { margin-top: 3rem; font-size: .9rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: .6rem; }
@media print {
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, .form .field { break-inside: avoid; page-break-inside: avoid; }
  .pagebreak { break-before: page; page-break-before: always; }
  .notice, .warn, tr.bad td { background: none; }
}
</style>
</head>
<body>
<main>
<header>
<h1>{{.Title}}</h1>
<p class="subtitle">{{.Subtitle}}</p>
</header>
{{range .Blocks}}{{if is . "h2"}}<h2{{with .ID}} id="{{.}}"{{end}}>{{.Text}}</h2>
{{else if is . "h3"}}<h3>{{.Text}}</h3>
{{else if is . "para"}}{{range paras .Text}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}
{{else if is . "muted"}}<p class="muted">{{.Text}}</p>
{{else if is . "notice"}}<div class="notice">{{range paras .Text}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}</div>
{{else if is . "warn"}}<div class="warn">{{range paras .Text}}<p>{{range $i, $l := .}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}</div>
{{else if is . "kv"}}<dl class="kv">{{range .KV}}{{if .Value}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}{{end}}</dl>
{{else if is . "form"}}<div class="form">{{range .KV}}<div class="field"><div class="label">{{.Label}}</div>{{if .Value}}<div>{{.Value}}</div>{{else}}<div class="blank" aria-label="to be filled in"></div>{{end}}</div>{{end}}</div>
{{else if is . "table"}}{{$b := .}}<table{{if gt (len .Cols) 6}} class="wide"{{end}}>
<thead><tr>{{range $j, $c := .Cols}}<th{{if $c.Right}} class="num"{{end}} style="width:{{pct $c.W}}">{{unhyphen $c.Head}}</th>{{end}}</tr></thead>
<tbody>{{range $i, $r := .Rows}}<tr{{if bad $b $i}} class="bad"{{end}}>{{range $j, $c := $r}}<td{{if right $b $j}} class="num"{{else if isID $b $j}} class="id"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody></table>
{{else if is . "bullets"}}<ul class="sources">{{range .Items}}<li>{{.}}</li>{{end}}</ul>
{{else if is . "break"}}<div class="pagebreak"></div>
{{end}}{{end}}
<footer>{{.Footer}}</footer>
</main>
</body>
</html>
`

// PortfolioPDF writes an A4 PDF with the record export's look.
func PortfolioPDF(w io.Writer, p *portfolio.Portfolio, toolVersion string, now time.Time) error {
	d := buildPortfolioDoc(p)
	pdfSafe(reflect.ValueOf(d).Elem())
	pd := newPDF(pdfMeta{Title: d.Title, Subject: d.Subtitle, Author: d.Person, Footer: d.Footer, Tool: toolVersion, When: now})
	f := pd.f
	f.AddPage()
	pd.h1(d.Title)
	pd.font("", 12, pdfMuted)
	f.MultiCell(0, 6, d.Subtitle, "", "L", false)
	f.Ln(3)
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case bH2:
			pd.h2(bl.Text)
		case bH3:
			pd.h3(bl.Text)
		case bPara:
			pd.text(bl.Text, "", pdfInk)
		case bMuted:
			pd.font("", 9, pdfMuted)
			f.MultiCell(0, 4.4, oneLine(bl.Text), "", "L", false)
			f.Ln(1.2)
		case bNotice:
			pd.notice(bl.Text, rgb{47, 111, 79})
		case bWarn:
			pd.notice(bl.Text, pdfBelow)
		case bKV:
			pdfKVWide(pd, bl.KV)
		case bForm:
			pdfForm(pd, bl.KV)
		case bTable:
			pdfTable(pd, bl)
		case bBullets:
			for _, it := range bl.Items {
				pd.bullet(it, 0)
			}
			f.Ln(2)
		case bPageBreak:
			f.AddPage()
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("cannot make the PDF: %w", err)
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		return fmt.Errorf("cannot make the PDF: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// pdfKVWide draws labels and values with room for long labels.
func pdfKVWide(p *pdfDoc, rows []kv) {
	const labelW = 62.0
	for _, r := range rows {
		v := oneLine(r.Value)
		if v == "" {
			continue
		}
		p.font("B", pdfBody, pdfMuted)
		ll := p.f.SplitText(r.Label, labelW-3)
		p.font("", pdfBody, pdfInk)
		vl := p.f.SplitText(v, p.contentW-labelW)
		h := float64(max(len(ll), len(vl))) * pdfLineH
		p.need(h)
		y := p.f.GetY()
		p.font("B", pdfBody, pdfMuted)
		for i, l := range ll {
			p.f.SetXY(pdfMargin, y+float64(i)*pdfLineH)
			p.f.CellFormat(labelW-3, pdfLineH, l, "", 0, "L", false, 0, "")
		}
		p.font("", pdfBody, pdfInk)
		for i, l := range vl {
			p.f.SetXY(pdfMargin+labelW, y+float64(i)*pdfLineH)
			p.f.CellFormat(p.contentW-labelW, pdfLineH, l, "", 0, "L", false, 0, "")
		}
		p.f.SetXY(pdfMargin, y+h)
	}
	p.f.Ln(2)
}

// wrapCell wraps a table cell's text to width w. Words go whole onto the
// next line when they fit there; a word wider than the column is broken
// after its hyphens first (Self-|assessment, cpd-|hours), then at a soft
// hyphen (U+00AD, shown as "-" where it breaks), and only then between
// letters, with a hyphen, so that nothing is cut without a mark.
func wrapCell(s string, w float64, width func(string) float64) []string {
	var lines []string
	cur := ""
	fits := func(t string) bool { return width(t) <= w }
	for _, word := range strings.Fields(s) {
		plain := strings.ReplaceAll(word, "\u00ad", "")
		cand := plain
		if cur != "" {
			cand = cur + " " + plain
		}
		if fits(cand) {
			cur = cand
			continue
		}
		if cur != "" && fits(plain) {
			lines, cur = append(lines, cur), plain
			continue
		}
		// Too wide for a line of its own: break it into pieces.
		if cur != "" {
			lines, cur = append(lines, cur), ""
		}
		line, soft := "", false
		for _, piece := range wordPieces(word) {
			isSoft := strings.HasSuffix(piece, "\u00ad")
			piece = strings.TrimSuffix(piece, "\u00ad")
			if fits(line + piece) {
				line += piece
				soft = isSoft
				continue
			}
			if line != "" {
				if soft {
					line += "-" // a soft hyphen is shown where the line breaks
				}
				lines = append(lines, line)
			}
			line = ""
			for r := []rune(piece); len(r) > 0; {
				if len(r) == 1 || fits(string(r)) {
					line = string(r)
					break
				}
				n := len(r) - 1
				for n > 1 && !fits(string(r[:n])+"-") {
					n--
				}
				lines = append(lines, string(r[:n])+"-")
				r = r[n:]
			}
			soft = isSoft
		}
		cur = line
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// wordPieces splits a word after each hyphen and soft hyphen, keeping
// them: "Self-assessment" is "Self-", "assessment".
func wordPieces(word string) []string {
	var out []string
	start := 0
	for i, r := range word {
		if r == '-' || r == '\u00ad' {
			end := i + len(string(r))
			out = append(out, word[start:end])
			start = end
		}
	}
	if start < len(word) {
		out = append(out, word[start:])
	}
	return out
}

// pdfTable draws a table with wrapped headers and cells (the record's
// table keeps headers on one line, too narrow for the NMC log's columns),
// repeating the header on each page and marking rows not met.
func pdfTable(p *pdfDoc, bl block) {
	const lh, size = 4.2, 8.5
	widths := make([]float64, len(bl.Cols))
	for i, c := range bl.Cols {
		widths[i] = c.W * p.contentW
	}
	split := func(s string, w float64) []string {
		return wrapCell(oneLine(s), w-1.6, p.f.GetStringWidth)
	}
	p.font("B", size, pdfInk)
	heads := make([][]string, len(bl.Cols))
	hn := 1
	for i, c := range bl.Cols {
		heads[i] = split(strings.ReplaceAll(c.Head, "-", "\u00ad"), widths[i])
		hn = max(hn, len(heads[i]))
	}
	headH := float64(hn)*lh + 1.6
	header := func() {
		p.font("B", size, pdfInk)
		p.f.SetFillColor(pdfSoft[0], pdfSoft[1], pdfSoft[2])
		y := p.f.GetY()
		p.f.Rect(pdfMargin, y, p.contentW, headH, "F")
		x := pdfMargin
		for i, c := range bl.Cols {
			align := "L"
			if c.Right {
				align = "R"
			}
			for li, l := range heads[i] {
				p.f.SetXY(x+0.8, y+0.8+float64(li)*lh)
				p.f.CellFormat(widths[i]-1.6, lh, l, "", 0, align, false, 0, "")
			}
			x += widths[i]
		}
		p.f.SetXY(pdfMargin, y+headH)
	}
	rowCells := func(r []string) ([][]string, float64) {
		p.font("", size, pdfInk)
		cells := make([][]string, len(r))
		n := 1
		for i, c := range r {
			if i < len(widths) {
				cells[i] = split(c, widths[i])
				n = max(n, len(cells[i]))
			}
		}
		return cells, float64(n)*lh + 1.6
	}
	first := 0.0
	if len(bl.Rows) > 0 {
		_, first = rowCells(bl.Rows[0])
	}
	p.need(headH + min(first, 40))
	header()
	for ri, r := range bl.Rows {
		cells, h := rowCells(r)
		if p.f.GetY()+h > p.pageH-pdfBottom {
			p.f.AddPage()
			header()
		}
		y := p.f.GetY()
		bad := bl.Bad != nil && ri < len(bl.Bad) && bl.Bad[ri]
		if bad {
			p.f.SetFillColor(255, 247, 242)
			p.f.Rect(pdfMargin, y, p.contentW, h, "F")
		}
		x := pdfMargin
		for i := range cells {
			c, style := pdfInk, ""
			if bad && i == 0 {
				c, style = pdfBelow, "B"
			}
			p.font(style, size, c)
			align := "L"
			if bl.Cols[i].Right {
				align = "R"
			}
			for li, l := range cells[i] {
				p.f.SetXY(x+0.8, y+0.8+float64(li)*lh)
				p.f.CellFormat(widths[i]-1.6, lh, l, "", 0, align, false, 0, "")
			}
			x += widths[i]
		}
		p.f.SetDrawColor(pdfLine[0], pdfLine[1], pdfLine[2])
		p.f.Line(pdfMargin, y+h, pdfMargin+p.contentW, y+h)
		p.f.SetXY(pdfMargin, y+h)
	}
	p.f.Ln(3)
}

// pdfForm draws a form: each label with its value, or a line to write on.
func pdfForm(p *pdfDoc, rows []kv) {
	const labelW = 70.0
	for _, r := range rows {
		p.font("B", pdfBody, pdfMuted)
		ll := p.f.SplitText(r.Label, labelW-3)
		p.font("", pdfBody, pdfInk)
		v := oneLine(r.Value)
		lines := p.f.SplitText(v, p.contentW-labelW)
		h := max(9.0, float64(max(len(lines), len(ll)))*pdfLineH+4)
		p.need(h)
		y := p.f.GetY()
		p.font("B", pdfBody, pdfMuted)
		p.f.SetXY(pdfMargin, y+2)
		p.f.MultiCell(labelW-3, pdfLineH, r.Label, "", "L", false)
		p.font("", pdfBody, pdfInk)
		if v != "" {
			p.f.SetXY(pdfMargin+labelW, y+2)
			p.f.MultiCell(p.contentW-labelW, pdfLineH, v, "", "L", false)
		}
		ly := y + h
		if got := p.f.GetY() + 1; got > ly {
			ly = got
		}
		p.f.SetDrawColor(pdfLine[0], pdfLine[1], pdfLine[2])
		if v == "" {
			p.f.SetDrawColor(113, 128, 150)
			p.f.SetDashPattern([]float64{1, 1}, 0)
			p.f.Line(pdfMargin+labelW, ly-1.5, pdfMargin+p.contentW, ly-1.5)
			p.f.SetDashPattern([]float64{}, 0)
		}
		p.f.SetXY(pdfMargin, ly)
	}
	p.f.Ln(4)
}
