package interop

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// Moodle's column names (tool_lpimportcsv), current spelling. The reader
// finds columns by their header text, so the early 12-column layout
// (without cross-references and exported ids) and older spellings
// ("Parent id number", "Shortname") are read too.
const (
	colParent      = "parent"
	colIDNumber    = "idnumber"
	colShortname   = "shortname"
	colDescription = "description"
	colDescFormat  = "descriptionformat"
	colScaleValues = "scalevalues"
	colScaleConfig = "scaleconfiguration"
	colRuleType    = "ruletype"
	colRuleOutcome = "ruleoutcome"
	colRuleConfig  = "ruleconfig"
	colRelated     = "related"
	colExportID    = "exportid"
	colIsFramework = "isframework"
	colTaxonomy    = "taxonomy"
)

// MoodleHeader is the header Moodle writes today (14 columns).
var MoodleHeader = []string{"Parent ID number", "ID number", "Short name", "Description", "Description format",
	"Scale values", "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
	"Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy"}

var moodleColumns = map[string]string{
	"parentidnumber": colParent, "parentid": colParent, "parent": colParent,
	"idnumber": colIDNumber, "id": colIDNumber,
	"shortname": colShortname, "name": colShortname,
	"description":       colDescription,
	"descriptionformat": colDescFormat,
	"scalevalues":       colScaleValues, "scale": colScaleValues,
	"scaleconfiguration": colScaleConfig, "scaleconfig": colScaleConfig,
	"ruletype":                           colRuleType,
	"ruleoutcome":                        colRuleOutcome,
	"ruleconfig":                         colRuleConfig,
	"crossreferencedcompetencyidnumbers": colRelated, "relatedidnumbers": colRelated, "relatedcompetencies": colRelated,
	"crossreferencedcompetencies": colRelated,
	"exportedid":                  colExportID, "exportid": colExportID,
	"isframework": colIsFramework,
	"taxonomy":    colTaxonomy, "taxonomies": colTaxonomy,
}

func headerKey(h string) string {
	h = strings.ToLower(h)
	h = strings.ReplaceAll(h, "(optional)", "")
	var b strings.Builder
	for _, r := range h {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

type moodleRow struct {
	line   int
	fields map[string]string
}

// ReadMoodleCSV reads a Moodle competency framework CSV export. It accepts
// UTF-8 (with or without BOM), UTF-16 with a BOM and, failing those,
// Windows-1252; comma, semicolon, tab or colon separators; CRLF or LF
// line ends; quoted multi-line fields; rows in any order (parents may
// come after their children).
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
	delim := sniffDelimiter(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, csvProblem(file, err)
	}
	cols := map[string]int{}
	var unknown []string
	for i, h := range header {
		key, ok := moodleColumns[headerKey(h)]
		if !ok {
			if strings.TrimSpace(h) != "" {
				unknown = append(unknown, strconv.Quote(clean(strings.TrimSpace(h))))
			}
			continue
		}
		if _, dup := cols[key]; !dup {
			cols[key] = i
		}
	}
	if err := checkMoodleHeader(file, header, cols); err != nil {
		return nil, err
	}
	if len(unknown) > 0 {
		src.notef(CatDropped, "columns that are not part of the Moodle format were ignored: %s", strings.Join(unknown, ", "))
	}
	var rows []moodleRow
	for {
		line, _ := r.FieldPos(0)
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvProblem(file, err)
		}
		if blankRecord(rec) {
			continue
		}
		row := moodleRow{line: line, fields: map[string]string{}}
		for key, i := range cols {
			if i < len(rec) {
				row.fields[key] = clean(rec[i])
			}
		}
		rows = append(rows, row)
	}
	return buildMoodle(src, rows)
}

func checkMoodleHeader(file string, header []string, cols map[string]int) error {
	_, hasID := cols[colIDNumber]
	_, hasName := cols[colShortname]
	_, hasParent := cols[colParent]
	_, hasFw := cols[colIsFramework]
	if hasID && hasName && hasParent && hasFw {
		return nil
	}
	keys := map[string]bool{}
	for _, h := range header {
		keys[headerKey(h)] = true
	}
	p := yamlx.Problem{File: file, Line: 1,
		Msg:  "this does not look like a Moodle competency framework CSV: the first row should name the columns Parent ID number, ID number, Short name, Description, …, Is framework",
		Hint: "export the framework from Moodle (Site administration › Competencies › Export competency framework)"}
	switch {
	case keys["fullstatement"] && (keys["ischildof"] || keys["humancodingscheme"]):
		p.Msg = "this looks like an OpenSALT spreadsheet (fullStatement, Is Child Of …), not a Moodle competency framework CSV"
		p.Hint = "export the framework from OpenSALT or your CASE server as a CASE JSON package and import that with --from case-json"
	case hasID && hasName && hasParent:
		p.Msg = "the file has no \"Is framework\" column, so no row says which is the framework itself"
		p.Hint = "add the column, with 1 on the framework's row"
	}
	return yamlx.Problems{p}
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func csvProblem(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return yamlx.Problems{{File: file, Line: pe.Line, Col: pe.Column, Msg: "the CSV cannot be read: " + pe.Err.Error(),
			Hint: "check the quotes around this line"}}
	}
	return yamlx.Problems{{File: file, Msg: "the CSV cannot be read: " + err.Error()}}
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "no", "n":
		return false
	}
	return true
}
