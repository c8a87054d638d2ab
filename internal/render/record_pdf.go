// RecordPDF and the PDF document it draws on: page set-up, fonts, colours,
// running header and footer. Blocks are in record_pdf_blocks.go, the
// section layout in record_pdf_render.go.

package render

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

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
	b, _, err := recordPDF(r, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// pdfLayout says where the summary ended and how many pages there are.
type pdfLayout struct{ SummaryPages, Pages int }

func recordPDF(r *record.Record, opt RecordOptions) ([]byte, pdfLayout, error) {
	d := buildRecordDoc(r, opt)
	pdfSafe(reflect.ValueOf(d).Elem())
	p := newPDFDoc(d, opt)
	// The summary keeps to two pages: when a long reflection (or plan)
	// takes it further, the reflection is shortened more in the summary
	// (it is in full in the appendix) and the document made again.
	var lay pdfLayout
	for budget := summaryWords; ; {
		lay.SummaryPages = p.render(d)
		if lay.SummaryPages <= 2 || budget <= 60 {
			break
		}
		budget = budget * 2 / 3
		d.Summary = buildSummary(d, budget)
		p = newPDFDoc(d, opt)
	}
	lay.Pages = p.f.PageNo()
	if err := p.f.Error(); err != nil {
		return nil, lay, fmt.Errorf("cannot make the PDF: %w", err)
	}
	var b bytes.Buffer
	if err := p.f.Output(&b); err != nil {
		return nil, lay, fmt.Errorf("cannot make the PDF: %w", err)
	}
	return b.Bytes(), lay, nil
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
	when := opt.Now
	if when.IsZero() {
		when = d.R.Updated
	}
	name := ""
	for _, x := range d.Practitioner {
		if x.Label == "Name" {
			name = x.Value
		}
	}
	return newPDF(pdfMeta{Title: d.Title, Subject: d.Subtitle, Author: name, Footer: "Record " + pdfString(d.R.ID), Tool: opt.ToolVersion, When: when})
}

// pdfMeta is what a PDF document says about itself and on every page.
type pdfMeta struct {
	Title, Subject, Author string
	Footer                 string // bottom left of every page
	Tool                   string // reflect's version
	When                   time.Time
}

// newPDF sets up an A4 document: fonts, margins, metadata, the running
// header (the title, from page 2) and footer (Footer, page N of M).
func newPDF(m pdfMeta) *pdfDoc {
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
	when := m.When
	if when.IsZero() {
		when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(when.UTC())
	f.SetModificationDate(when.UTC())
	title := m.Title
	if m.Author != "" {
		title += " – " + m.Author
		f.SetAuthor(m.Author, true)
	}
	f.SetTitle(title, true)
	f.SetSubject(m.Subject, true)
	f.SetCreator(strings.TrimSpace("reflect "+m.Tool), true)
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
		f.CellFormat(p.contentW/2, 4, m.Footer, "", 0, "L", false, 0, "")
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
