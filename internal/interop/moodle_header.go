package interop

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// Moodle's columns, in the order its exporter writes them and its importer
// reads them (framework_importer::read_mapping_data), by the keys Moodle
// uses for them. The early 12-column layout (2016) has no
// relatedidnumbers and exportid.
const (
	colParent = iota
	colIDNumber
	colShortname
	colDescription
	colDescFormat
	colScaleValues
	colScaleConfig
	colRuleType
	colRuleOutcome
	colRuleConfig
	colRelated
	colExportID
	colIsFramework
	colTaxonomy
	nMoodleCols
)

// moodleKeys are the columns' keys, which are also the names of the fields
// an import keeps in the framework's origin.
var moodleKeys = [nMoodleCols]string{"parentidnumber", "idnumber", "shortname", "description", "descriptionformat",
	"scalevalues", "scaleconfiguration", "ruletype", "ruleoutcome", "ruleconfig", "relatedidnumbers", "exportid",
	"isframework", "taxonomy"}

// moodlePositions are the column of each key in the 14- and 12-column
// layouts (-1: not in the layout).
var moodlePositions = map[int][nMoodleCols]int{
	14: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
	12: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, 10, 11},
}

// MoodleHeader is the header Moodle writes today in English (14 columns).
var MoodleHeader = []string{"Parent ID number", "ID number", "Short name", "Description", "Description format",
	"Scale values", "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
	"Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy"}

//go:embed moodle_headers.tsv
var moodleHeadersTSV string

// headerString is one of Moodle's header strings.
type headerString struct {
	lang, name string // "fr", "French"
	col        int
}

var (
	// moodleHeaderStrings maps a normalised header string to the
	// languages and columns it names.
	moodleHeaderStrings = map[string][]headerString{}
	// moodleLanguages lists the languages in the table's order.
	moodleLanguages []headerString
)

// Other spellings of the English names, seen in hand-made files.
var moodleAliases = map[string]int{
	"parentid": colParent, "parent": colParent, "id": colIDNumber, "name": colShortname, "scale": colScaleValues,
	"scaleconfig": colScaleConfig, "relatedidnumbers": colRelated, "relatedcompetencies": colRelated,
	"crossreferencedcompetencies": colRelated, "exportedid": colExportID, "exportid": colExportID, "taxonomies": colTaxonomy,
}

func init() {
	index := map[string]int{}
	for i, k := range moodleKeys {
		index[k] = i
	}
	seen := map[string]bool{}
	for n, line := range strings.Split(moodleHeadersTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		col, ok := index[f[len(f)-2]]
		if len(f) != 4 || !ok {
			panic(fmt.Sprintf("moodle_headers.tsv:%d: want language, name, column key, string", n+1))
		}
		hs := headerString{lang: f[0], name: f[1], col: col}
		key := headerNorm(f[3])
		moodleHeaderStrings[key] = append(moodleHeaderStrings[key], hs)
		if !seen[hs.lang] {
			seen[hs.lang] = true
			moodleLanguages = append(moodleLanguages, hs)
		}
	}
}

// headerNorm is a header cell as compared: in lower case, without anything
// in brackets ("(optional)") and without spaces, hyphens and punctuation.
func headerNorm(h string) string {
	var b strings.Builder
	depth := 0
	for _, r := range strings.ToLower(h) {
		switch {
		case r == '(':
			depth++
		case r == ')':
			if depth > 0 {
				depth--
			}
		case depth == 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// moodleLayout is how a file's columns were recognised.
type moodleLayout struct {
	pos      [nMoodleCols]int // the file's column for each key; -1 when absent
	how      string           // one line for the report
	columns  int
	byName   bool
	language string
}

func (l *moodleLayout) has(col int) bool { return l.pos[col] >= 0 }

// recogniseMoodle finds Moodle's columns in a header row: by their names,
// in any of the languages whose strings reflect knows and in any order;
// failing that, by position and shape, as Moodle's own importer reads
// them: 12 or 14 columns, exactly as many cells in the header, one row
// whose "is framework" cell is 1 and every other row's 0 or empty, and
// JSON in that row's scale configuration cell.
func recogniseMoodle(file string, header []string, rows []csvRecord) (*moodleLayout, error) {
	cells := header
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	l := &moodleLayout{columns: len(cells)}
	for i := range l.pos {
		l.pos[i] = -1
	}
	// By name.
	score := map[string]int{}
	matches := make([][]headerString, len(cells))
	for i, h := range cells {
		matches[i] = moodleHeaderStrings[headerNorm(h)]
		langs := map[string]bool{}
		for _, m := range matches[i] {
			if !langs[m.lang] {
				langs[m.lang] = true
				score[m.lang]++
			}
		}
	}
	best := ""
	for _, lang := range moodleLanguages {
		if score[lang.lang] > score[best] {
			best = lang.lang
		}
	}
	var others []string
	for i, h := range cells {
		col := -1
		for _, m := range matches[i] {
			if m.lang == best {
				col = m.col
				break
			}
		}
		if col < 0 && len(matches[i]) > 0 {
			col = matches[i][0].col
			others = append(others, matches[i][0].name)
		}
		if col < 0 {
			if c, ok := moodleAliases[headerNorm(h)]; ok {
				col = c
			}
		}
		if col >= 0 && l.pos[col] < 0 {
			l.pos[col] = i
		}
	}
	if l.has(colParent) && l.has(colIDNumber) && l.has(colShortname) && l.has(colIsFramework) {
		l.byName = true
		l.language = languageName(best)
		l.how = fmt.Sprintf("a Moodle competency framework CSV, %d columns, header in %s", len(cells), l.language)
		if n := len(others); n > 0 {
			l.how += fmt.Sprintf(" (%s in %s)", plural(n, "column", "columns"), strings.Join(uniq(others), " and "))
		}
		return l, nil
	}
	// By position and shape.
	if pos, ok := moodlePositions[len(cells)]; ok {
		if why := moodleShape(pos, rows); why == "" {
			l.pos = pos
			l.how = fmt.Sprintf("a Moodle competency framework CSV, recognised by position and shape: %d columns, one row marked as the framework, JSON in its scale configuration; the header (%s) is in a language reflect has no strings for, so the columns were read in Moodle's order",
				len(cells), quoteSome(cells, 3))
			return l, nil
		} else {
			return nil, notMoodle(file, header, l, fmt.Sprintf("it has %d columns, as Moodle's %d-column layout does, but %s", len(cells), len(cells), why))
		}
	}
	return nil, notMoodle(file, header, l, "")
}

// moodleShape says why rows do not have the shape of a Moodle export in
// the layout pos ("" when they do).
func moodleShape(pos [nMoodleCols]int, rows []csvRecord) string {
	get := func(r csvRecord, col int) string {
		if i := pos[col]; i >= 0 && i < len(r.fields) {
			return strings.TrimSpace(r.fields[i])
		}
		return ""
	}
	var fw *csvRecord
	for i, r := range rows {
		switch v := strings.ToLower(get(r, colIsFramework)); v {
		case "1", "true":
			if fw == nil {
				fw = &rows[i]
			}
		case "", "0", "false":
		default:
			return fmt.Sprintf("line %d has %q in column %d, where Moodle writes 1 on the framework's row and 0 or nothing on the others", r.line, clean(v), pos[colIsFramework]+1)
		}
		if f := get(r, colDescFormat); f != "" {
			if _, err := strconv.Atoi(f); err != nil {
				return fmt.Sprintf("line %d has %q in column %d, where Moodle writes the description format (a number)", r.line, clean(f), pos[colDescFormat]+1)
			}
		}
	}
	if fw == nil {
		return fmt.Sprintf("no row has 1 in column %d, where Moodle marks the framework's own row", pos[colIsFramework]+1)
	}
	if cfg := get(*fw, colScaleConfig); !json.Valid([]byte(cfg)) || !strings.HasPrefix(cfg, "[") && !strings.HasPrefix(cfg, "{") {
		return fmt.Sprintf("the framework's row (line %d) has no JSON in column %d, where Moodle writes the scale configuration", fw.line, pos[colScaleConfig]+1)
	}
	return ""
}

func notMoodle(file string, header []string, l *moodleLayout, why string) error {
	p := yamlx.Problem{File: file, Line: 1,
		Msg: fmt.Sprintf("this does not look like a Moodle competency framework CSV: its first row should name Moodle's columns (Parent ID number, ID number, Short name, Description, …, Is framework, in English or in the exporting user's language) or the file should have Moodle's 12 or 14 columns; it has %s (%s)",
			plural(l.columns, "column", "columns"), quoteSome(header, 4)),
		Hint: "export the framework from Moodle (Site administration › Competencies › Export competency framework)"}
	if why != "" {
		p.Msg += "; " + why
	}
	keys := map[string]bool{}
	for _, h := range header {
		keys[headerNorm(h)] = true
	}
	switch {
	case keys["fullstatement"] && (keys["ischildof"] || keys["humancodingscheme"]):
		p.Msg = "this looks like an OpenSALT spreadsheet (fullStatement, Is Child Of …), not a Moodle competency framework CSV"
		p.Hint = "export the framework from OpenSALT or your CASE server as a CASE JSON package and import that with --from case-json"
	case l.has(colIDNumber) && l.has(colShortname) && l.has(colParent):
		p.Msg = "the file has no \"Is framework\" column, so no row says which is the framework itself"
		p.Hint = "add the column, with 1 on the framework's row"
	}
	return yamlx.Problems{p}
}

func languageName(code string) string {
	for _, l := range moodleLanguages {
		if l.lang == code {
			return l.name
		}
	}
	return code
}

// quoteSome quotes up to n cells, then "…".
func quoteSome(cells []string, n int) string {
	var out []string
	for i, c := range cells {
		if i == n {
			out = append(out, "…")
			break
		}
		c = strings.TrimSpace(clean(c))
		if r := []rune(c); len(r) > 40 {
			c = string(r[:37]) + "..."
		}
		out = append(out, strconv.Quote(c))
	}
	if len(out) == 0 {
		return "nothing"
	}
	return strings.Join(out, ", ")
}

func uniq(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
