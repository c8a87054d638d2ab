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
func (p *pdfDoc) table(cols []pdfCol, rows [][]string, highlight func(row, col int) bool) {
	const lh = 4.6
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
			p.f.CellFormat(widths[i], lh+1.6, c.Head, "", 0, align, true, 0, "")
			x += widths[i]
		}
		p.f.SetXY(pdfMargin, y+lh+1.6)
	}
	p.need(2 * (lh + 2))
	header()
	for ri, row := range rows {
		p.font("", 9, pdfInk)
		n := 1
		cells := make([][]string, len(row))
		for i, c := range row {
			cells[i] = p.f.SplitText(oneLine(c), widths[i])
			if len(cells[i]) == 0 {
				cells[i] = []string{""}
			}
			n = max(n, len(cells[i]))
		}
		h := float64(n)*lh + 1.6
		if p.f.GetY()+h > p.pageH-pdfBottom {
			p.f.AddPage()
			header()
		}
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
			for li, l := range cells[i] {
				p.f.SetXY(x, y+0.8+float64(li)*lh)
				p.f.CellFormat(widths[i], lh, l, "", 0, align, false, 0, "")
			}
			x += widths[i]
		}
		p.f.SetDrawColor(pdfLine[0], pdfLine[1], pdfLine[2])
		p.f.Line(pdfMargin, y+h, pdfMargin+p.contentW, y+h)
		p.f.SetXY(pdfMargin, y+h)
	}
	p.f.Ln(3)
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
	p.f.Text(X(c.PlotX+214), Y(ly), "mean below target")
	p.f.SetLineWidth(0.8)
	p.f.Line(X(c.PlotX+350), Y(ly-12), X(c.PlotX+350), Y(ly+2))
	p.f.SetLineWidth(0.2)
	p.f.Text(X(c.PlotX+358), Y(ly), "target")
	p.f.SetY(y0 + h + 3)
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
