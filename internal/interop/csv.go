package interop

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// csvRecord is one record of a CSV file and the line it starts on.
type csvRecord struct {
	line   int
	fields []string
}

// readCSV splits text into records, in one pass. It reads what PHP's
// fgetcsv and Moodle's exporter write: fields separated by delim, records
// ended by LF, CRLF or a lone CR, fields in double quotes holding
// separators, quotes (doubled) and line breaks. It is as lenient as Moodle
// about a quote inside a field ("a "b" c" keeps the quotes), but strict
// where leniency would lose data: a file that ends inside a quoted field
// — most often a file cut off while it was copied — is refused at the
// line where that field starts.
func readCSV(file, text string, delim rune) ([]csvRecord, error) {
	var recs []csvRecord
	var fields []string
	var field strings.Builder
	line := 1    // the current line
	recLine := 1 // the line the current record starts on
	quoted := false
	quoteLine := 0 // where the open quoted field starts
	atStart := true
	endField := func() {
		fields = append(fields, field.String())
		field.Reset()
		atStart = true
	}
	endRecord := func() {
		endField()
		recs = append(recs, csvRecord{line: recLine, fields: fields})
		fields = nil
	}
	for i := 0; i < len(text); {
		c := text[i]
		if quoted {
			switch c {
			case '"':
				if i+1 < len(text) && text[i+1] == '"' {
					field.WriteByte('"')
					i += 2
					continue
				}
				// A closing quote ends the quoting only before a separator
				// or the end of the record; otherwise it is a quote in the
				// text (what Moodle's own reader does).
				if i+1 == len(text) || isRecordEnd(text[i+1]) || rune(text[i+1]) == delim {
					quoted = false
				} else {
					field.WriteByte('"')
				}
				i++
			case '\n':
				line++
				field.WriteByte(c)
				i++
			case '\r':
				if i+1 >= len(text) || text[i+1] != '\n' {
					line++
				}
				field.WriteByte(c)
				i++
			default:
				field.WriteByte(c)
				i++
			}
			continue
		}
		switch {
		case c == '"' && atStart:
			quoted, atStart, quoteLine = true, false, line
			i++
		case rune(c) == delim && delim < 0x80:
			endField()
			i++
		case c == '\n' || c == '\r':
			if c == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			i++
			endRecord()
			line++
			recLine = line
		default:
			field.WriteByte(c)
			atStart = false
			i++
		}
	}
	if quoted {
		return nil, yamlx.Problems{{File: file, Line: quoteLine, Msg: fmt.Sprintf("the file ends inside a quoted field that starts on line %d: it has no closing quote, so the file may have been cut off", quoteLine),
			Hint: "export the framework again, or check that the whole file was copied; every quoted field ends with a quote"}}
	}
	if len(fields) > 0 || field.Len() > 0 || !atStart {
		endRecord()
	}
	return recs, nil
}

func isRecordEnd(c byte) bool { return c == '\n' || c == '\r' }
