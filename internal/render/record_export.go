package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/record"
)

// Export formats of a record.
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatPDF      = "pdf"
	FormatJSON     = "json"
	FormatCSV      = "csv"
	FormatNMC      = "nmc"
)

// RecordFormats lists the export formats with what each is for.
var RecordFormats = []struct{ Name, Ext, Description string }{
	{FormatMarkdown, ".md", "Markdown, readable as plain text; pastes into any e-portfolio"},
	{FormatHTML, ".html", "one self-contained web page with a chart; prints well"},
	{FormatPDF, ".pdf", "A4 document with a chart and page numbers"},
	{FormatJSON, ".json", "the record itself (the format reflect reads back)"},
	{FormatCSV, ".csv", "the CPD log row and every rating, for a spreadsheet"},
	{FormatNMC, ".txt", "text laid out as the NMC reflective account form, plus the CPD log row"},
}

// FormatNames returns the format names, for help and errors.
func FormatNames() []string {
	var out []string
	for _, f := range RecordFormats {
		out = append(out, f.Name)
	}
	return out
}

// IsBinaryFormat reports whether a format is not text (and so must not be
// written to a terminal).
func IsBinaryFormat(format string) bool { return format == FormatPDF }

// ExportRecord writes r in the named format.
func ExportRecord(w io.Writer, format string, r *record.Record, opt RecordOptions) error {
	switch format {
	case FormatMarkdown:
		return RecordMarkdown(w, r, opt)
	case FormatHTML:
		return RecordHTML(w, r, opt)
	case FormatPDF:
		return RecordPDF(w, r, opt)
	case FormatJSON:
		// A draft (text being typed when reflect stopped) is the
		// practitioner's working state, not part of what they hand over.
		cp := *r
		cp.Draft = nil
		return record.Encode(w, &cp)
	case FormatCSV:
		return RecordCSV(w, r, opt)
	case FormatNMC:
		return RecordNMC(w, r, opt)
	}
	return fmt.Errorf("there is no export format %q (use one of %s)", format, strings.Join(FormatNames(), ", "))
}
