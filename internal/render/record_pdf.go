package render

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"github.com/reflect-cpd/reflect/internal/record"
)

// RecordPDF writes the record as an A4 PDF, made in Go without external
// programs: the Go fonts (which cover Latin, Greek and Cyrillic, curly
// quotes and dashes) are embedded as subsets with a ToUnicode map, so the
// text is selectable and searchable; every page has a number; the domain
// chart is drawn as vector graphics; the frameworks' provenance notices
// are on the first pages. The output is deterministic: its dates are the
// export time (or the record's last update).
func RecordPDF(w io.Writer, r *record.Record, opt RecordOptions) error {
	d := buildRecordDoc(r, opt)
	pdfSafe(reflect.ValueOf(d).Elem())
	p := newPDFDoc(d, opt)
	p.render(d)
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("cannot make the PDF: %w", err)
	}
	var b bytes.Buffer
	if err := p.f.Output(&b); err != nil {
		return fmt.Errorf("cannot make the PDF: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

const (
	pdfMargin  = 18.0
	pdfBottom  = 20.0
	pdfBody    = 10.0 // pt
	pdfLineH   = 5.0  // mm for body text
	pdfLabelW  = 42.0 // key column of key/value lists
	fontSans   = "go"
	pageNumTag = "{nb}"
)

type rgb [3]int

var (
	pdfInk    = rgb{26, 32, 44}
	pdfMuted  = rgb{74, 85, 104}
	pdfAccent = rgb{44, 82, 130}
	pdfBelow  = rgb{221, 107, 32}
	pdfLine   = rgb{203, 213, 224}
	pdfSoft   = rgb{244, 246, 248}
)

type pdfDoc struct {
	f          *fpdf.Fpdf
	pageW      float64
	pageH      float64
	contentW   float64
	headerText string

	curPage   int
	curStyle  string
	curSize   float64
	curColour rgb
}

func newPDFDoc(d *recordDoc, opt RecordOptions) *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(fontSans, "", goregular.TTF)
	f.AddUTF8FontFromBytes(fontSans, "B", gobold.TTF)
	f.AddUTF8FontFromBytes(fontSans, "I", goitalic.TTF)
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(true, pdfBottom)
	// Content streams are left uncompressed: making the PDF takes half the
	// time, and a typical record is still about 100 KB.
	f.SetCompression(false)
	f.SetCatalogSort(true)
	when := opt.Now
	if when.IsZero() {
		when = d.R.Updated
	}
	if when.IsZero() {
		when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(when.UTC())
	f.SetModificationDate(when.UTC())
	name := ""
	for _, x := range d.Practitioner {
		if x.Label == "Name" {
			name = x.Value
		}
	}
	title := d.Title
	if name != "" {
		title += " – " + name
		f.SetAuthor(name, true)
	}
	f.SetTitle(title, true)
	f.SetSubject(d.Subtitle, true)
	f.SetCreator(strings.TrimSpace("reflect "+opt.ToolVersion), true)
	f.SetProducer("reflect", true)
	f.SetLang("en-GB")
	f.AliasNbPages(pageNumTag)
	pw, ph := f.GetPageSize()
	p := &pdfDoc{f: f, pageW: pw, pageH: ph, contentW: pw - 2*pdfMargin, headerText: title}
	f.SetHeaderFunc(func() {
		if f.PageNo() == 1 {
			return
		}
		p.curPage = -1 // fpdf restores the body font after the header
		f.SetFont(fontSans, "", 8)
		f.SetTextColor(pdfMuted[0], pdfMuted[1], pdfMuted[2])
		f.SetXY(pdfMargin, 9)
		f.CellFormat(p.contentW, 4, p.headerText, "", 0, "L", false, 0, "")
		f.SetXY(pdfMargin, pdfMargin)
	})
	f.SetFooterFunc(func() {
		p.curPage = -1
		f.SetFont(fontSans, "", 8)
		f.SetTextColor(pdfMuted[0], pdfMuted[1], pdfMuted[2])
		f.SetXY(pdfMargin, ph-12)
		f.CellFormat(p.contentW/2, 4, "Record "+pdfString(d.R.ID), "", 0, "L", false, 0, "")
		f.CellFormat(p.contentW/2, 4, fmt.Sprintf("Page %d of %s", f.PageNo(), pageNumTag), "", 0, "R", false, 0, "")
	})
	return p
}

func (p *pdfDoc) font(style string, size float64, c rgb) {
	// SetFont writes to the page every time; skip it when nothing changes.
	// The header and footer run on a new page, which resets the font.
	if p.curPage == p.f.PageNo() && p.curStyle == style && p.curSize == size {
		if p.curColour != c {
			p.f.SetTextColor(c[0], c[1], c[2])
			p.curColour = c
		}
		return
	}
	p.f.SetFont(fontSans, style, size)
	p.f.SetTextColor(c[0], c[1], c[2])
	p.curPage, p.curStyle, p.curSize, p.curColour = p.f.PageNo(), style, size, c
}

// need starts a new page unless h mm fit above the bottom margin.
func (p *pdfDoc) need(h float64) {
	if p.f.GetY()+h > p.pageH-pdfBottom {
		p.f.AddPage()
	}
}

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

func (p *pdfDoc) render(d *recordDoc) {
	f := p.f
	f.AddPage()
	p.h1(d.Title)
	if d.Subtitle != "" {
		p.font("", 12, pdfMuted)
		f.MultiCell(0, 6, d.Subtitle, "", "L", false)
	}
	f.Ln(2)

	p.h2("Practitioner")
	if len(d.Practitioner) == 0 {
		p.text("Not given.", "I", pdfMuted)
	}
	p.kv(d.Practitioner)

	p.h2("Frameworks")
	for _, fw := range d.Frameworks {
		p.h3(fw.Title)
		p.kv([]kv{{"Id", fw.ID}, {"Version", fw.Version}, {"Content digest", fw.DigestShort + " (SHA-256, first 12 digits)"},
			{"Assessed", fw.Scope}, {"Based on", fw.BasedOn}, {"Official source", fw.OfficialURL}})
		n := fw.Notice
		if fw.Wording != "" {
			n += "\n" + fw.Wording
		}
		p.notice(n, pdfAccent)
		if fw.VersionNote != "" {
			p.notice(fw.VersionNote, pdfBelow)
		}
	}

	p.h2("Scores")
	if !d.Scored {
		p.text("This record has no scores yet.", "I", pdfMuted)
	} else {
		p.text("Rating scale: "+d.Scale+". Means leave out N/A and unanswered; the percentage is the mean as a share of the top of the scale; coverage is the share of what applies that has a rating.", "", pdfMuted)
		o := d.Overall
		if o.HasMean {
			p.text(fmt.Sprintf("Overall: mean %s (%s), %s of the top of the scale; coverage %s (%s).", o.Mean, o.Level, o.Percent, o.Coverage, o.Counts), "B", pdfInk)
		} else {
			p.text("Overall: nothing rated yet ("+o.Counts+").", "B", pdfInk)
		}
		p.charts(d)
		p.h3("Domains")
		var rows [][]string
		for _, s := range d.Domains {
			rows = append(rows, []string{s.Code + " " + s.Title, s.Mean, s.Level, s.Percent, dash(s.Target), s.Coverage})
		}
		p.table([]pdfCol{{"Domain", .42, false}, {"Mean", .09, true}, {"Level", .17, false}, {"Percent", .11, true}, {"Target", .09, true}, {"Coverage", .12, true}}, rows, nil)
		p.h3("Areas")
		rows = nil
		for _, s := range d.Areas {
			rows = append(rows, []string{s.Code + " " + s.Title, s.Mean, s.Level, dash(s.Target), dash(s.Gap), s.Coverage})
		}
		p.table([]pdfCol{{"Area", .40, false}, {"Mean", .08, true}, {"Level", .16, false}, {"Target", .08, true}, {"Gap", .17, false}, {"Coverage", .11, true}}, rows,
			func(r, c int) bool { return c == 4 && d.Areas[r].Below })
		p.h3("Not applicable")
		if len(d.NA) == 0 {
			p.text("None.", "I", pdfMuted)
		}
		for _, c := range d.NA {
			p.codeLine(c, c.Detail)
		}
		if len(d.Unanswered) > 0 {
			p.h3("Not answered")
			for _, c := range d.Unanswered {
				p.codeLine(c, "")
			}
		}
		p.h3("Development needs, ranked")
		if len(d.Needs) == 0 {
			p.text("None: nothing was rated below its target or flagged.", "I", pdfMuted)
		}
		for _, n := range d.Needs {
			p.need(2 * pdfLineH)
			p.font("B", pdfBody, pdfInk)
			f.CellFormat(7, pdfLineH, fmt.Sprintf("%d.", n.Rank), "", 0, "L", false, 0, "")
			p.font("", pdfBody, pdfInk)
			f.MultiCell(p.contentW-7, pdfLineH, n.Code+" "+oneLine(n.Statement), "", "L", false)
			p.font("", 9, pdfMuted)
			f.SetX(pdfMargin + 7)
			f.MultiCell(p.contentW-7, 4.5, needDetail(n), "", "L", false)
			f.Ln(1)
		}
		if len(d.Strengths) > 0 {
			p.h3("Strengths")
			for _, c := range d.Strengths {
				p.codeLine(c, c.Detail)
			}
		}
	}

	p.h2("Reflection")
	if d.ModelTitle != "" {
		p.text("Model: "+d.ModelTitle, "", pdfInk)
	}
	if len(d.Focus) > 0 {
		p.text("Needs reflected on:", "", pdfInk)
		for _, c := range d.Focus {
			p.codeLine(c, "")
		}
		f.Ln(1)
	}
	if len(d.Sections) == 0 {
		p.text("Not written yet.", "I", pdfMuted)
	}
	for _, s := range d.Sections {
		p.h3(s.Title)
		p.text(s.Prompt, "I", pdfMuted)
		if s.Text == "" {
			p.text("(not written)", "I", pdfMuted)
		} else {
			p.text(s.Text, "", pdfInk)
		}
	}

	p.h2("Benefit to the people I support")
	if d.Benefit == "" {
		p.text("(not written)", "I", pdfMuted)
	} else {
		p.text(d.Benefit, "", pdfInk)
	}

	p.h2("Links to standards")
	if len(d.Standards) == 0 {
		p.text("None chosen.", "I", pdfMuted)
	}
	for _, g := range d.Standards {
		p.h3(g.Title)
		for _, it := range g.Items {
			p.bullet(it, 0)
		}
	}

	p.h2("Personal development plan")
	if len(d.Plan) == 0 {
		p.text("No goals yet.", "I", pdfMuted)
	}
	for _, g := range d.Plan {
		p.goal(g)
	}

	p.h2("CPD activity")
	p.kv([]kv{{"Title", d.ActivityTitle}, {"Dates", d.Dates}, {"Method", d.Method}, {"Hours", d.Hours}, {"Participatory hours", d.ParticipatoryHours}})
	if len(d.Evidence) > 0 {
		p.h3("Evidence")
		p.text("Files are recorded by name and SHA-256, not copied.", "I", pdfMuted)
		for _, e := range d.Evidence {
			p.bullet(evidenceLine(e), 0)
		}
	}

	p.h2("Anonymisation")
	bar := pdfAccent
	if !d.AnonOK {
		bar = pdfBelow
	}
	p.notice(d.Anonymisation, bar)

	if len(d.Reviews) > 0 {
		p.h2("Supervisor's review")
		for _, rv := range d.Reviews {
			if len(d.Reviews) > 1 {
				p.h3(fmt.Sprintf("Review %d", rv.Number))
			}
			p.kv([]kv{{"Reviewer", rv.Reviewer}, {"Date", rv.Date}})
			p.notice(rv.Statement, pdfAccent)
			if rv.Comments != "" {
				p.text(rv.Comments, "", pdfInk)
			}
			for _, nc := range rv.NeedComments {
				p.bullet("On "+nc.Label+": "+nc.Value, 0)
			}
			p.text(rv.PlanDecision, "", pdfInk)
			for _, g := range rv.AgreedPlan {
				p.goal(g)
			}
			b := pdfAccent
			if !rv.Intact {
				b = pdfBelow
			}
			p.notice(rv.Integrity+" "+rv.Signature, b)
		}
	}

	if len(d.Answers) > 0 {
		p.h2("Every answer")
		var rows [][]string
		for _, a := range d.Answers {
			ans := a.RatingText()
			if a.Flagged {
				ans += "; flagged"
			}
			rows = append(rows, []string{a.Code, a.Statement, ans, a.Note})
		}
		p.table([]pdfCol{{"Code", .13, false}, {"Competence", .37, false}, {"Answer", .17, false}, {"Note", .33, false}}, rows, nil)
	}

	p.h2("About this record")
	p.kv(d.About)
}

// fontCovers is a bitmap of the Basic Multilingual Plane runes the Go
// font has glyphs for.
var fontCovers = sync.OnceValue(func() []uint64 {
	bits := make([]uint64, 0x10000/64)
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		return bits
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			bits[r/64] |= 1 << (r % 64)
		}
	}
	return bits
})

// pdfString makes text safe for the PDF's font: composed (NFC) so that
// "Siân" typed with a combining accent still finds its glyph, tabs as
// spaces, other control characters dropped, and characters the font has
// no glyph for (emoji, CJK, anything beyond the Basic Multilingual Plane,
// which the PDF library cannot encode) shown as "?".
func pdfString(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	cov := fontCovers()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		case r < 0x10000 && cov[r/64]&(1<<(r%64)) != 0:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// A combining mark with no glyph of its own: leave it out.
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// pdfSafe applies pdfString to every string in the document, in place.
func pdfSafe(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(pdfString(v.String()))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			pdfSafe(v.Field(i))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			pdfSafe(v.Index(i))
		}
	case reflect.Pointer:
		// The record itself is not touched; only its id is printed, and
		// that goes through pdfString where it is used.
	}
}
