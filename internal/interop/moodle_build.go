package interop

import (
	"fmt"
	"html"
	"strings"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

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
		n := &Node{ID: id, Code: id, Title: collapse(clean(html.UnescapeString(f[colShortname]))), Text: strings.Join(paras, "\n\n"), Items: rt.Items,
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
	src.Title = collapse(clean(html.UnescapeString(fw[colShortname])))
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
	var loops []string
	roots = liftUnreached(roots, entries, func(e *entry) *Node { return e.node }, func(e *entry) {
		p := parentOf[e.node]
		p.Children = removeNode(p.Children, e.node)
		loops = append(loops, e.node.ID)
	})
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

	src.noteCases(CatStructure, lost, "row names", "rows name",
		"%s a parent that is not in the file, so %s placed at the top level (Moodle would leave them out)", itThey(len(lost)))
	src.noteCases(CatStructure, loops, "row", "rows",
		"the parents of %s form a loop; each loop was broken by placing one row at the top level")
	src.noteCases(CatDefault, dupIDs, "row repeats", "rows repeat",
		"%s an id number already used above; both were kept, children attach to the first, and the later one gets a new code")
	src.noteCases(CatDefault, noIDs, "row has", "rows have",
		"%s no id number (Moodle would skip them); they were kept and given codes")
	src.noteCases(CatDropped, perScale, "competency sets", "competencies set",
		"%s its own scale; reflect rates a framework on one scale, the framework's")
	src.noteCases(CatDropped, related, "cross-reference", "cross-references",
		"%s between competencies of this framework: reflect links only equivalent competences in different frameworks (same_as)")
	src.noteCases(CatDropped, rules, "competency has", "competencies have",
		"%s a completion rule (Moodle's rule type, outcome and config), which reflect has no use for")
	src.noteCases(CatInfo, renamed, "competency has", "competencies have",
		"%s a short name that differs from the description; the description became the statement and the short name was not kept")
	return src, nil
}

// isTruncationOf reports whether short is long cut off, as Moodle does
// with "..." when a short name would be over 100 characters.
func isTruncationOf(short, long string) bool {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(short), "..."))
	s = strings.TrimSuffix(s, "…")
	return s != "" && strings.HasPrefix(normalise(long), normalise(s))
}
