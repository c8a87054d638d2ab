package interop

import (
	"path/filepath"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

type moodleRow struct {
	line  int
	cells [nMoodleCols]string // by column key; "" when the file has no such column
}

func (r *moodleRow) get(col int) string { return r.cells[col] }

// ReadMoodleCSV reads a Moodle competency framework CSV export, in any
// language: the columns are found by their names in the languages reflect
// knows, else by position and shape as Moodle's importer reads them. It
// accepts UTF-8 (with or without BOM), UTF-16 with a BOM and, failing
// those, Windows-1252; comma, semicolon, tab or colon separators; CRLF, LF
// or CR line ends; quoted multi-line fields; rows in any order (parents
// may come after their children). It refuses a file that ends inside a
// quoted field, and a hierarchy deeper than MaxDepth.
func ReadMoodleCSV(file string, data []byte) (*Source, error) {
	if err := checkSize(file, data); err != nil {
		return nil, err
	}
	src := &Source{Format: FormatMoodleCSV, File: file}
	text, enc := decodeText(data)
	if enc != "" {
		src.notef(CatInfo, "the file is not UTF-8; it was read as %s", enc)
	}
	if strings.TrimSpace(text) == "" {
		return nil, yamlx.Problems{{File: file, Msg: "the file is empty"}}
	}
	recs, err := readCSV(file, text, sniffDelimiter(text))
	if err != nil {
		return nil, err
	}
	header := recs[0].fields
	var data1 []csvRecord
	for _, r := range recs[1:] {
		if !blankRecord(r.fields) {
			data1 = append(data1, r)
		}
	}
	layout, err := recogniseMoodle(file, header, data1)
	if err != nil {
		return nil, err
	}
	src.How = layout.how
	src.Origin = &framework.Origin{Format: FormatMoodleCSV, File: clean(filepath.Base(file)), Layout: layout.how}
	for _, h := range header {
		src.Origin.Header = append(src.Origin.Header, originText(h))
	}
	var unknown []string
	if layout.byName {
		used := map[int]bool{}
		for _, i := range layout.pos {
			used[i] = true
		}
		for i, h := range header {
			if !used[i] && strings.TrimSpace(h) != "" {
				unknown = append(unknown, quoteSome([]string{h}, 1))
			}
		}
	}
	if len(unknown) > 0 {
		src.notef(CatDropped, "columns that are not part of the Moodle format were ignored: %s", strings.Join(unknown, ", "))
	}
	rows := make([]moodleRow, len(data1))
	for k, rec := range data1 {
		rows[k].line = rec.line
		for col, i := range layout.pos {
			if i >= 0 && i < len(rec.fields) {
				rows[k].cells[col] = clean(rec.fields[i])
			}
		}
	}
	return buildMoodle(src, rows)
}

// originText is a source value as the origin keeps it: line breaks as
// line feeds (a framework file holds no carriage returns), otherwise
// verbatim.
func originText(s string) string {
	s = clean(s)
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "no", "n":
		return false
	}
	return true
}
