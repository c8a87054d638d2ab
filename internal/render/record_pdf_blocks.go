// Drawing blocks for the PDF record: headings, paragraphs, bullets,
// notices, key/value lists, tables, the domain charts and goals.

package render

import (
	"strings"
)

func (p *pdfDoc) h1(s string) {
	p.font("B", 20, pdfAccent)
	p.f.MultiCell(0, 9, s, "", "L", false)
}

func (p *pdfDoc) h2(s string) {
	p.need(32)
	p.f.Ln(4)
	p.font("B", 14, pdfInk)
	p.f.MultiCell(0, 7, s, "", "L", false)
	y := p.f.GetY() + 0.5
	p.f.SetDrawColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	p.f.SetLineWidth(0.6)
	p.f.Line(pdfMargin, y, pdfMargin+p.contentW, y)
	p.f.SetLineWidth(0.2)
	p.f.Ln(3)
}

// sh2 is a heading of the summary: tighter than h2, so that the summary
// keeps to two pages.
func (p *pdfDoc) sh2(s string) {
	p.need(16)
	p.f.Ln(2.5)
	p.font("B", 12.5, pdfInk)
	p.f.MultiCell(0, 6, s, "", "L", false)
	y := p.f.GetY() + 0.3
	p.f.SetDrawColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	p.f.SetLineWidth(0.4)
	p.f.Line(pdfMargin, y, pdfMargin+p.contentW, y)
	p.f.SetLineWidth(0.2)
	p.f.Ln(2)
}

func (p *pdfDoc) h3(s string) {
	p.need(20)
	p.f.Ln(2)
	p.font("B", 11.5, pdfInk)
	p.f.MultiCell(0, 6, s, "", "L", false)
	p.f.Ln(0.5)
}

func (p *pdfDoc) text(s string, style string, c rgb) {
	p.font(style, pdfBody, c)
	for _, para := range strings.Split(plainPara(s), "\n\n") {
		if para == "" {
			continue
		}
		p.f.MultiCell(0, pdfLineH, para, "", "L", false)
		p.f.Ln(1.5)
	}
}

func (p *pdfDoc) bullet(s string, indent float64) {
	p.font("", pdfBody, pdfInk)
	x := pdfMargin + indent
	p.need(pdfLineH)
	p.f.SetX(x)
	p.f.CellFormat(4, pdfLineH, "•", "", 0, "L", false, 0, "")
	p.f.MultiCell(p.contentW-indent-4, pdfLineH, oneLine(s), "", "L", false)
	p.f.Ln(0.5)
}

// notice draws text in a shaded box with an accent bar on the left.
func (p *pdfDoc) notice(s string, bar rgb) {
	p.font("", pdfBody, pdfInk)
	w := p.contentW - 6
	lines := p.f.SplitText(plainPara(s), w)
	h := float64(len(lines))*pdfLineH + 3
	p.need(h)
	y := p.f.GetY()
	p.f.SetFillColor(pdfSoft[0], pdfSoft[1], pdfSoft[2])
	p.f.Rect(pdfMargin, y, p.contentW, h, "F")
	p.f.SetFillColor(bar[0], bar[1], bar[2])
	p.f.Rect(pdfMargin, y, 1.2, h, "F")
	p.f.SetXY(pdfMargin+4, y+1.5)
	for _, l := range lines {
		p.f.SetX(pdfMargin + 4)
		p.f.CellFormat(w, pdfLineH, l, "", 2, "L", false, 0, "")
	}
	p.f.SetY(y + h + 2)
}

// kv draws a two-column list of labels and values.
func (p *pdfDoc) kv(rows []kv) {
	for _, r := range rows {
		if strings.TrimSpace(r.Value) == "" {
			continue
		}
		p.font("", pdfBody, pdfInk)
		lines := p.f.SplitText(oneLine(r.Value), p.contentW-pdfLabelW)
		p.need(float64(len(lines)) * pdfLineH)
		y := p.f.GetY()
		p.font("B", pdfBody, pdfMuted)
		p.f.CellFormat(pdfLabelW, pdfLineH, r.Label, "", 0, "L", false, 0, "")
		p.font("", pdfBody, pdfInk)
		p.f.SetXY(pdfMargin+pdfLabelW, y)
		p.f.MultiCell(p.contentW-pdfLabelW, pdfLineH, oneLine(r.Value), "", "L", false)
	}
	p.f.Ln(2)
}

type pdfCol struct {
	Head  string
	W     float64 // share of the content width
	Right bool
}

// table draws rows with wrapped cells, repeating the header on a new page.
// A row that does not fit in the space left moves to the next page; a row
// taller than a whole page is split across pages, line by line, with the
// header repeated and "(continued)" on the part that carries on, so that
// no page holds only a line or two of it.
func (p *pdfDoc) table(cols []pdfCol, rows [][]string, highlight func(row, col int) bool) {
	const lh = 4.6
	const pad = 1.6
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.W * p.contentW
	}
	header := func() {
		p.font("B", 9, pdfInk)
		p.f.SetFillColor(pdfSoft[0], pdfSoft[1], pdfSoft[2])
		x := pdfMargin
		y := p.f.GetY()
		for i, c := range cols {
			align := "L"
			if c.Right {
				align = "R"
			}
			p.f.SetXY(x, y)
			p.f.CellFormat(widths[i], lh+pad, c.Head, "", 0, align, true, 0, "")
			x += widths[i]
		}
		p.f.SetXY(pdfMargin, y+lh+pad)
	}
	bottom := p.pageH - pdfBottom
	top := pdfMargin + lh + pad // where rows start on a new page, under the header
	newPage := func() {
		p.f.AddPage()
		header()
	}
	p.font("", 9, pdfInk)
	split := make([][][]string, len(rows))
	lines := make([]int, len(rows))
	for ri, row := range rows {
		split[ri] = make([][]string, len(row))
		lines[ri] = 1
		for i, c := range row {
			split[ri][i] = p.splitCell(c, widths[i])
			lines[ri] = max(lines[ri], len(split[ri][i]))
		}
	}
	// The header never stands alone at the foot of a page.
	first := 1
	if len(rows) > 0 {
		first = min(lines[0], 4)
	}
	p.need(lh + pad + float64(first)*lh + pad)
	header()
	for ri, row := range rows {
		p.font("", 9, pdfInk)
		cells, n := split[ri], lines[ri]
		h := float64(n)*lh + pad
		switch {
		case p.f.GetY()+h <= bottom:
			// It fits here.
		case top+h <= bottom:
			newPage() // it fits on a page of its own
		case int((bottom-p.f.GetY()-pad)/lh) < 4:
			newPage() // too little room to start a long row here
		}
		for first := 0; first < n; {
			// Room for the lines, and for the "continued" line under them.
			room := int((bottom - p.f.GetY() - pad - 3.5) / lh)
			last := min(n, first+max(1, room))
			y := p.f.GetY()
			x := pdfMargin
			for i := range row {
				c := pdfInk
				style := ""
				if highlight != nil && highlight(ri, i) {
					c, style = pdfBelow, "B"
				}
				p.font(style, 9, c)
				align := "L"
				if cols[i].Right {
					align = "R"
				}
				for li := first; li < last && li < len(cells[i]); li++ {
					p.f.SetXY(x, y+0.8+float64(li-first)*lh)
					p.f.CellFormat(widths[i], lh, cells[i][li], "", 0, align, false, 0, "")
				}
				x += widths[i]
			}
			rh := float64(last-first)*lh + pad
			if last < n {
				p.font("I", 8, pdfMuted)
				p.f.SetXY(pdfMargin, y+rh)
				p.f.CellFormat(p.contentW, 3, "continued on the next page", "", 0, "R", false, 0, "")
				newPage()
				p.font("I", 8, pdfMuted)
				p.f.CellFormat(p.contentW, 4, row[0]+" (continued)", "", 2, "L", false, 0, "")
				first = last
				continue
			}
			p.f.SetDrawColor(pdfLine[0], pdfLine[1], pdfLine[2])
			p.f.Line(pdfMargin, y+rh, pdfMargin+p.contentW, y+rh)
			p.f.SetXY(pdfMargin, y+rh)
			first = last
		}
	}
	p.f.Ln(3)
}

// splitCell wraps a cell's text to the column, keeping its paragraph
// breaks (a long note stays readable), with at least one (empty) line.
func (p *pdfDoc) splitCell(s string, w float64) []string {
	var out []string
	for i, para := range strings.Split(plainPara(s), "\n\n") {
		if i > 0 {
			out = append(out, "")
		}
		for _, l := range strings.Split(para, "\n") {
			out = append(out, p.f.SplitText(l, w)...)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// charts draws the domain chart, split over pages when it is long so that
// it does not leave a page half empty.
func (p *pdfDoc) charts(d *recordDoc) {
	if !d.Scored {
		return
	}
	k := p.contentW / chartWidth
	rows := d.Domains
	for len(rows) > 0 {
		avail := p.pageH - pdfBottom - p.f.GetY() - 2
		fixed := (chartTop + 4 + 34 + 14) * k
		n := int((avail - fixed) / (chartRowH * k))
		if n < 3 && n < len(rows) {
			p.f.AddPage()
			continue
		}
		n = min(n, len(rows))
		if c := chartOfDomains(rows[:n], d.ScaleMax); c != nil {
			p.chart(c)
		}
		rows = rows[n:]
	}
}

// chart draws the domain chart with the same geometry as the HTML one.
func (p *pdfDoc) chart(c *chart) {
	k := p.contentW / c.Width
	h := c.Height * k
	p.need(h + 2)
	x0, y0 := pdfMargin, p.f.GetY()
	X := func(v float64) float64 { return x0 + v*k }
	Y := func(v float64) float64 { return y0 + v*k }
	p.f.SetLineWidth(0.2)
	p.f.SetDrawColor(226, 232, 240)
	p.font("", 7.5, pdfInk)
	for _, t := range c.Ticks {
		p.f.Line(X(t.X), Y(c.Top), X(t.X), Y(c.AxisY))
		w := p.f.GetStringWidth(t.Label)
		p.f.Text(X(t.X)-w/2, Y(c.AxisY+14), t.Label)
	}
	p.f.SetDrawColor(113, 128, 150)
	p.f.Line(X(c.PlotX), Y(c.AxisY), X(c.PlotX+c.PlotW), Y(c.AxisY))
	for _, r := range c.Rows {
		p.font("", 7.5, pdfInk)
		w := p.f.GetStringWidth(r.Label)
		p.f.Text(X(c.LabelW)-w, Y(r.BarY+11), r.Label)
		if r.HasMean {
			col := pdfAccent
			if r.Below {
				col = pdfBelow
			}
			p.f.SetFillColor(col[0], col[1], col[2])
			p.f.Rect(X(c.PlotX), Y(r.BarY), r.BarW*k, c.BarH*k, "F")
			p.hatch(r.Hatch, X, Y)
		}
		if r.HasTarget {
			p.f.SetDrawColor(pdfInk[0], pdfInk[1], pdfInk[2])
			p.f.SetLineWidth(0.8)
			p.f.Line(X(r.TargetX), Y(r.BarY-4), X(r.TargetX), Y(r.BarY+c.BarH+4))
			p.f.SetLineWidth(0.2)
		}
		p.f.Text(X(c.PlotX+c.PlotW+8), Y(r.BarY+11), r.Value)
	}
	// Legend.
	ly := c.LegendY
	p.f.SetFillColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	p.f.Rect(X(c.PlotX), Y(ly-10), 18*k, 10*k, "F")
	p.f.Text(X(c.PlotX+24), Y(ly), "mean at or above target")
	p.f.SetFillColor(pdfBelow[0], pdfBelow[1], pdfBelow[2])
	p.f.Rect(X(c.PlotX+190), Y(ly-10), 18*k, 10*k, "F")
	p.hatch(c.LegendHatch, X, Y)
	p.f.Text(X(c.PlotX+214), Y(ly), "mean below target")
	// The hatch left the pen white: the target mark is drawn in ink, as
	// in the chart.
	p.f.SetDrawColor(pdfInk[0], pdfInk[1], pdfInk[2])
	p.f.SetLineWidth(0.8)
	p.f.Line(X(c.PlotX+350), Y(ly-12), X(c.PlotX+350), Y(ly+2))
	p.f.SetLineWidth(0.2)
	p.f.Text(X(c.PlotX+358), Y(ly), "target")
	p.f.SetY(y0 + h + 3)
}

// hatch draws white diagonal stripes over a bar: a bar below its target
// differs by shape, not by colour alone.
func (p *pdfDoc) hatch(lines [][4]float64, X, Y func(float64) float64) {
	if len(lines) == 0 {
		return
	}
	p.f.SetDrawColor(255, 255, 255)
	p.f.SetLineWidth(0.45)
	for _, l := range lines {
		p.f.Line(X(l[0]), Y(l[1]), X(l[2]), Y(l[3]))
	}
	p.f.SetLineWidth(0.2)
}

func (p *pdfDoc) codeLine(c codeView, detail string) {
	s := c.Code
	if c.Statement != "" {
		s += " " + c.Statement
	}
	if detail != "" {
		s += " — " + detail
	}
	p.bullet(s, 0)
}

func (p *pdfDoc) goal(g goalView) {
	p.need(20)
	p.font("B", pdfBody, pdfInk)
	p.f.MultiCell(0, pdfLineH, g.ID+": "+oneLine(g.Objective), "", "L", false)
	p.f.Ln(1)
	p.kv([]kv{{"Competences", strings.Join(g.Competences, "; ")}, {"Activities", strings.Join(g.Activities, "; ")},
		{"Resources", strings.Join(g.Resources, "; ")}, {"Target date", g.TargetDate}, {"Success measure", g.SuccessMeasure}, {"Status", g.Status}})
}
