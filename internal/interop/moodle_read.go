package interop

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/framework"
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

// MaxInputSize bounds the files import reads.
const MaxInputSize = 64 << 20

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
	if len(data) > MaxInputSize {
		return nil, yamlx.Problems{{File: file, Msg: fmt.Sprintf("the file is larger than the %d MiB this tool reads", MaxInputSize>>20)}}
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

// moodleFormats names Moodle's description formats.
const (
	moodleFormatMoodle   = "0"
	moodleFormatHTML     = "1"
	moodleFormatPlain    = "2"
	moodleFormatMarkdown = "4"
)

func moodleDescription(desc, format string) richText {
	switch strings.TrimSpace(format) {
	case moodleFormatPlain:
		return richText{Paras: paragraphs(desc)}
	case moodleFormatMarkdown:
		return markdownText(desc)
	case moodleFormatMoodle:
		// Moodle's own format: HTML is allowed and line breaks count.
		desc = strings.ReplaceAll(strings.ReplaceAll(desc, "\r\n", "\n"), "\n", "<br>")
	}
	return htmlText(desc)
}

func buildMoodle(src *Source, rows []moodleRow) (*Source, error) {
	var fwRow *moodleRow
	var extraFw []string
	type entry struct {
		row  moodleRow
		node *Node
	}
	var entries []*entry
	byID := map[string]*entry{}
	var dupIDs, noIDs, perScale, related, rules, renamed []string
	for i := range rows {
		row := rows[i]
		f := row.fields
		if truthy(f[colIsFramework]) {
			if fwRow == nil {
				fwRow = &rows[i]
			} else {
				extraFw = append(extraFw, fmt.Sprintf("line %d", row.line))
			}
			continue
		}
		id := strings.TrimSpace(f[colIDNumber])
		rt := moodleDescription(f[colDescription], f[colDescFormat])
		expect, paras := splitExpect(rt.Paras)
		n := &Node{ID: id, Code: id, Title: collapse(html.UnescapeString(f[colShortname])), Text: strings.Join(paras, "\n\n"), Items: rt.Items,
			Expect: expect, Where: fmt.Sprintf("line %d", row.line)}
		if n.ID == "" {
			n.ID = fmt.Sprintf("line-%d", row.line)
			noIDs = append(noIDs, fmt.Sprintf("line %d", row.line))
		}
		e := &entry{row: row, node: n}
		entries = append(entries, e)
		if id != "" {
			if _, dup := byID[id]; dup {
				dupIDs = append(dupIDs, fmt.Sprintf("%s (line %d)", id, row.line))
			} else {
				byID[id] = e
			}
		}
		if strings.TrimSpace(f[colScaleValues]) != "" {
			perScale = append(perScale, id)
		}
		if strings.TrimSpace(f[colRelated]) != "" {
			for _, rel := range strings.Split(f[colRelated], ",") {
				if rel = strings.TrimSpace(strings.ReplaceAll(rel, "%2C", ",")); rel != "" {
					related = append(related, id+"↔"+rel)
				}
			}
		}
		if strings.TrimSpace(f[colRuleType]) != "" {
			rules = append(rules, id)
		}
	}
	if fwRow == nil {
		return nil, yamlx.Problems{{File: src.File, Line: 2, Msg: "no row is marked as the framework (\"Is framework\" is empty on every row)",
			Hint: "Moodle refuses such files too; put 1 in the \"Is framework\" column of the framework's own row"}}
	}
	if len(extraFw) > 0 {
		src.notef(CatDropped, "more than one row is marked as the framework; the first was used and these were ignored: %s", listSome(extraFw, 5))
	}
	src.Count = len(entries)
	fw := fwRow.fields
	src.Title = collapse(html.UnescapeString(fw[colShortname]))
	fwText := moodleDescription(fw[colDescription], fw[colDescFormat])
	vals, paras := splitMeta(fwText.Paras)
	src.Description = strings.Join(paras, "\n\n")
	src.applyMeta(vals)
	if vals == nil {
		src.IDHint = strings.TrimSpace(fw[colIDNumber])
	}
	src.Scale = moodleScale(src, fw[colScaleValues], fw[colScaleConfig])
	taxonomy := moodleTaxonomy(fw[colTaxonomy])
	if len(taxonomy) > 0 {
		src.notef(CatInfo, "Moodle taxonomy by level: %s", strings.Join(taxonomy, ", "))
	}

	// Build the tree: children in file order under their parent.
	fwID := strings.TrimSpace(fw[colIDNumber])
	children := map[*Node][]*Node{}
	parentOf := map[*Node]*Node{}
	var roots []*Node
	var lost []string
	for _, e := range entries {
		p := strings.TrimSpace(e.row.fields[colParent])
		if p == "" || p == fwID && byID[p] == nil {
			roots = append(roots, e.node)
			continue
		}
		pe, ok := byID[p]
		if !ok || pe == e {
			lost = append(lost, fmt.Sprintf("%s (parent %q, line %d)", e.node.ID, p, e.row.line))
			roots = append(roots, e.node)
			continue
		}
		children[pe.node] = append(children[pe.node], e.node)
		parentOf[e.node] = pe.node
	}
	for n, cs := range children {
		n.Children = cs
	}
	// Rows whose parents form a loop are not reachable from the top; lift
	// the first of each loop to the top level.
	reached := map[*Node]bool{}
	var mark func(n *Node)
	mark = func(n *Node) {
		if reached[n] {
			return
		}
		reached[n] = true
		for _, c := range n.Children {
			mark(c)
		}
	}
	for _, r := range roots {
		mark(r)
	}
	var loops []string
	for _, e := range entries {
		if reached[e.node] {
			continue
		}
		p := parentOf[e.node]
		p.Children = removeNode(p.Children, e.node)
		roots = append(roots, e.node)
		loops = append(loops, e.node.ID)
		mark(e.node)
	}
	src.Roots = roots
	for _, e := range entries {
		n := e.node
		if len(n.Children) == 0 && n.Text != "" && n.Title != "" && !isTruncationOf(n.Title, n.Text) && normalise(n.Title) != normalise(n.Text) {
			renamed = append(renamed, n.ID)
		}
	}
	if taxonomy != nil {
		applyTaxonomyKinds(roots, taxonomy, 0)
	}

	if len(lost) > 0 {
		src.notef(CatStructure, "%s a parent that is not in the file, so %s placed at the top level (Moodle would leave them out): %s",
			plural(len(lost), "row names", "rows name"), itThey(len(lost)), listSome(lost, 5))
	}
	if len(loops) > 0 {
		src.notef(CatStructure, "the parents of %s form a loop; each loop was broken by placing one row at the top level: %s",
			plural(len(loops), "row", "rows"), listSome(loops, 5))
	}
	if len(dupIDs) > 0 {
		src.notef(CatDefault, "%s an id number already used above; both were kept, children attach to the first, and the later one gets a new code: %s",
			plural(len(dupIDs), "row repeats", "rows repeat"), listSome(dupIDs, 5))
	}
	if len(noIDs) > 0 {
		src.notef(CatDefault, "%s no id number (Moodle would skip them); they were kept and given codes: %s",
			plural(len(noIDs), "row has", "rows have"), listSome(noIDs, 5))
	}
	if len(perScale) > 0 {
		src.notef(CatDropped, "%s its own scale; reflect rates a framework on one scale, the framework's: %s",
			plural(len(perScale), "competency sets", "competencies set"), listSome(perScale, 5))
	}
	if len(related) > 0 {
		src.notef(CatDropped, "%s between competencies of this framework: reflect links only equivalent competences in different frameworks (same_as): %s",
			plural(len(related), "cross-reference", "cross-references"), listSome(related, 5))
	}
	if len(rules) > 0 {
		src.notef(CatDropped, "%s a completion rule (Moodle's rule type, outcome and config), which reflect has no use for: %s",
			plural(len(rules), "competency has", "competencies have"), listSome(rules, 5))
	}
	if len(renamed) > 0 {
		src.notef(CatInfo, "%s a short name that differs from the description; the description became the statement and the short name was not kept: %s",
			plural(len(renamed), "competency has", "competencies have"), listSome(renamed, 5))
	}
	return src, nil
}

func itThey(n int) string {
	if n == 1 {
		return "it was"
	}
	return "they were"
}

func removeNode(list []*Node, n *Node) []*Node {
	out := list[:0:0]
	for _, x := range list {
		if x != n {
			out = append(out, x)
		}
	}
	return out
}

// isTruncationOf reports whether short is long cut off, as Moodle does
// with "..." when a short name would be over 100 characters.
func isTruncationOf(short, long string) bool {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(short), "..."))
	s = strings.TrimSuffix(s, "…")
	return s != "" && strings.HasPrefix(normalise(long), normalise(s))
}

// moodleScale reads the framework's scale: its items in order become
// levels 1…n. Moodle scales have no descriptors, so each level's
// descriptor repeats its label.
func moodleScale(src *Source, values, config string) *framework.Scale {
	var labels []string
	for _, v := range strings.Split(values, ",") {
		if v = collapse(v); v != "" {
			labels = append(labels, v)
		}
	}
	if len(labels) == 0 {
		return nil
	}
	if len(labels) < 2 || len(labels) > 9 {
		src.notef(CatDropped, "the Moodle scale (%s) has %d items; reflect scales have 2 to 9 levels, so the default scale is used", strings.Join(labels, ", "), len(labels))
		return nil
	}
	s := &framework.Scale{ID: "moodle"}
	seen := map[string]bool{}
	for i, l := range labels {
		if seen[strings.ToLower(l)] {
			src.notef(CatDropped, "the Moodle scale repeats the item %q; the default scale is used", l)
			return nil
		}
		seen[strings.ToLower(l)] = true
		s.Levels = append(s.Levels, &framework.Level{Value: i + 1, Label: l, Descriptor: l})
	}
	src.notef(CatDefault, "the Moodle scale became the rating scale (%s); Moodle scales have no descriptors, so each level's descriptor repeats its label", strings.Join(labels, ", "))
	var cfg []map[string]any
	if json.Unmarshal([]byte(config), &cfg) == nil {
		var prof, def []string
		for _, c := range cfg {
			id, ok := jsonInt(c["id"])
			if !ok || id < 1 || id > len(labels) {
				continue
			}
			if v, _ := jsonInt(c["proficient"]); v == 1 {
				prof = append(prof, labels[id-1])
			}
			if v, _ := jsonInt(c["scaledefault"]); v == 1 {
				def = append(def, labels[id-1])
			}
		}
		if len(prof) > 0 || len(def) > 0 {
			src.notef(CatDropped, "Moodle's scale configuration (proficient: %s; default: %s) has no place in reflect; profiles set targets instead",
				orNone(prof), orNone(def))
		}
	}
	return s
}

func orNone(v []string) string {
	if len(v) == 0 {
		return "none"
	}
	return strings.Join(v, ", ")
}

func jsonInt(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), x == float64(int(x))
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(x))
		return i, err == nil
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// moodleTaxonomy reads the taxonomy: "competency,competency,…" (one term
// per level, current Moodle) or {"1":"domain","2":"competency"} (2016).
func moodleTaxonomy(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "{") {
		var m map[string]string
		if json.Unmarshal([]byte(s), &m) != nil {
			return nil
		}
		type kv struct {
			k int
			v string
		}
		var list []kv
		for k, v := range m {
			if i, err := strconv.Atoi(k); err == nil && i >= 1 && i <= 100 {
				list = append(list, kv{i, v})
			}
		}
		sort.Slice(list, func(a, b int) bool { return list[a].k < list[b].k })
		var out []string
		for i, e := range list {
			if e.k != i+1 {
				break
			}
			out = append(out, e.v)
		}
		return out
	}
	var out []string
	for _, t := range strings.Split(s, ",") {
		out = append(out, strings.TrimSpace(t))
	}
	return out
}

// applyTaxonomyKinds sets the kind of entries whose level Moodle's
// taxonomy calls "skill" — the one Moodle term that is also a reflect kind.
func applyTaxonomyKinds(nodes []*Node, taxonomy []string, depth int) {
	for _, n := range nodes {
		if depth < len(taxonomy) && strings.EqualFold(taxonomy[depth], framework.KindSkill) {
			n.Kind = framework.KindSkill
		}
		applyTaxonomyKinds(n.Children, taxonomy, depth+1)
	}
}

// decodeText returns data as a string, decoding UTF-16 (with a BOM) and,
// when the bytes are not UTF-8, Windows-1252; enc names the encoding used
// when it was not UTF-8.
func decodeText(data []byte) (text, enc string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		le := data[0] == 0xff
		data = data[2:]
		u := make([]uint16, len(data)/2)
		for i := range u {
			if le {
				u[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
			} else {
				u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			}
		}
		return string(utf16.Decode(u)), "UTF-16"
	}
	if utf8.Valid(data) {
		return string(data), ""
	}
	var b strings.Builder
	for _, c := range data {
		if c >= 0x80 && c < 0xa0 {
			b.WriteRune(cp1252[c-0x80])
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.String(), "Windows-1252"
}

// cp1252 maps bytes 0x80–0x9F of Windows-1252 to Unicode.
var cp1252 = [32]rune{
	'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
}

// sniffDelimiter picks the separator Moodle's importer allows (comma,
// semicolon, tab, colon) that occurs most often, outside quotes, in the
// first line.
func sniffDelimiter(text string) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, r := range text {
		if r == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if r == '\n' {
			break
		}
		switch r {
		case ',', ';', '\t', ':':
			counts[r]++
		}
	}
	best, bestN := ',', counts[',']
	for _, r := range []rune{';', '\t', ':'} {
		if counts[r] > bestN {
			best, bestN = r, counts[r]
		}
	}
	return best
}
