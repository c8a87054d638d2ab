package interop

import (
	"fmt"
	"html"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
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

// moodleEntry is a row's origin record: its id number and parent verbatim
// and every other cell that is not empty.
func moodleEntry(row *moodleRow) *framework.OriginEntry {
	e := &framework.OriginEntry{ID: originText(row.get(colIDNumber)), Parent: originText(row.get(colParent))}
	for col := colShortname; col < nMoodleCols; col++ {
		if v := row.get(col); v != "" {
			e.Fields.Set(moodleKeys[col], originText(v))
		}
	}
	return e
}

type moodleEntryNode struct {
	row  *moodleRow
	node *Node
}

// precheckMoodleDepth refuses a file deeper than MaxDepth from its id
// numbers and parents alone, before any description is read.
func precheckMoodleDepth(src *Source, rows []moodleRow) error {
	first := map[string]int{}
	var fwID string
	for i := range rows {
		if truthy(rows[i].get(colIsFramework)) {
			if fwID == "" {
				fwID = strings.TrimSpace(rows[i].get(colIDNumber))
			}
			continue
		}
		if id := strings.TrimSpace(rows[i].get(colIDNumber)); id != "" {
			if _, dup := first[id]; !dup {
				first[id] = i
			}
		}
	}
	parents := make([]int, len(rows))
	for i := range rows {
		parents[i] = -1
		if truthy(rows[i].get(colIsFramework)) {
			continue
		}
		if p, ok := first[strings.TrimSpace(rows[i].get(colParent))]; ok && p != i {
			parents[i] = p
		}
	}
	return precheckDepth(src.File, parents, func(i int) (string, string) {
		return fmt.Sprintf("line %d", rows[i].line), strings.TrimSpace(rows[i].get(colIDNumber))
	})
}

func buildMoodle(src *Source, rows []moodleRow) (*Source, error) {
	if err := precheckMoodleDepth(src, rows); err != nil {
		return nil, err
	}
	var fwRow *moodleRow
	var extraFw []string
	var entries []*moodleEntryNode
	byID := map[string]*moodleEntryNode{}
	var dupIDs, noIDs, perScale, rules, titled []string
	related := 0
	for i := range rows {
		row := &rows[i]
		if truthy(row.get(colIsFramework)) {
			if fwRow == nil {
				fwRow = row
			} else {
				extraFw = append(extraFw, fmt.Sprintf("line %d", row.line))
			}
			continue
		}
		id := strings.TrimSpace(row.get(colIDNumber))
		rt := moodleDescription(row.get(colDescription), row.get(colDescFormat))
		expect, paras := splitExpect(rt.Paras)
		guideTitle, paras := splitGuideTitle(paras)
		paras, fullTitle := splitTitle(paras, row.get(colShortname))
		n := &Node{ID: id, Code: row.get(colIDNumber), Title: collapse(clean(html.UnescapeString(row.get(colShortname)))),
			Text: strings.Join(paras, "\n\n"), Items: rt.Items, Expect: expect, GuideTitle: guideTitle, Where: fmt.Sprintf("line %d", row.line), Entry: moodleEntry(row)}
		if fullTitle != "" {
			n.Title = fullTitle
		}
		if id == "" {
			n.ID = fmt.Sprintf("line-%d", row.line)
			noIDs = append(noIDs, fmt.Sprintf("line %d", row.line))
		}
		e := &moodleEntryNode{row: row, node: n}
		entries = append(entries, e)
		src.Origin.Entries = append(src.Origin.Entries, n.Entry)
		if id != "" {
			if _, dup := byID[id]; dup {
				dupIDs = append(dupIDs, fmt.Sprintf("%s (line %d)", id, row.line))
			} else {
				byID[id] = e
			}
		}
		if strings.TrimSpace(row.get(colScaleValues)) != "" {
			perScale = append(perScale, id)
		}
		for _, rel := range strings.Split(row.get(colRelated), ",") {
			if strings.TrimSpace(rel) != "" {
				related++
			}
		}
		if strings.TrimSpace(row.get(colRuleType)) != "" {
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
	src.Origin.Document = moodleEntry(fwRow)
	src.Title = collapse(clean(html.UnescapeString(fwRow.get(colShortname))))
	fwText := moodleDescription(fwRow.get(colDescription), fwRow.get(colDescFormat))
	vals, paras := splitMeta(fwText.Paras)
	paras, fullTitle := splitTitle(paras, fwRow.get(colShortname))
	if fullTitle != "" {
		src.Title = fullTitle
	}
	src.Description = strings.Join(paras, "\n\n")
	src.applyMeta(vals)
	if vals == nil {
		src.IDHint = strings.TrimSpace(fwRow.get(colIDNumber))
	}
	src.Scale = moodleScale(src, fwRow.get(colScaleValues), fwRow.get(colScaleConfig))
	taxonomy := moodleTaxonomy(fwRow.get(colTaxonomy))
	if len(taxonomy) > 0 {
		src.notef(CatInfo, "Moodle taxonomy by level: %s", strings.Join(taxonomy, ", "))
	}

	// Build the tree: children in file order under their parent.
	fwID := strings.TrimSpace(fwRow.get(colIDNumber))
	parentOf := map[*Node]*Node{}
	var roots []*Node
	var lost []string
	for _, e := range entries {
		p := strings.TrimSpace(e.row.get(colParent))
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
		pe.node.Children = append(pe.node.Children, e.node)
		parentOf[e.node] = pe.node
	}
	// Rows whose parents form a loop are not reachable from the top; lift
	// the first of each loop to the top level.
	var loops []string
	roots = liftUnreached(roots, entries, func(e *moodleEntryNode) *Node { return e.node }, func(e *moodleEntryNode) {
		p := parentOf[e.node]
		p.Children = removeNode(p.Children, e.node)
		loops = append(loops, e.node.ID)
	})
	if err := checkDepth(src.File, roots, func(yield func(*Node)) {
		for _, e := range entries {
			yield(e.node)
		}
	}); err != nil {
		return nil, err
	}
	src.Roots = roots
	for _, e := range entries {
		n := e.node
		if len(n.Children) == 0 && n.Text != "" && n.Title != "" && !isTruncationOf(n.Title, n.Text) && normalise(n.Title) != normalise(n.Text) {
			titled = append(titled, n.ID)
		}
	}
	if taxonomy != nil {
		applyTaxonomyKinds(roots, taxonomy)
	}

	src.noteCases(CatStructure, lost, "row names", "rows name",
		"%s a parent that is not in the file, so %s placed at the top level (Moodle would leave them out)", itThey(len(lost)))
	src.noteCases(CatStructure, loops, "row", "rows",
		"the parents of %s form a loop; each loop was broken by placing one row at the top level")
	src.noteCases(CatDefault, dupIDs, "row repeats", "rows repeat",
		"%s an id number already used above; both were kept, children attach to the first, and the later one gets a new code")
	src.noteCases(CatDefault, noIDs, "row has", "rows have",
		"%s no id number (Moodle would skip them); they were kept and given codes")
	src.noteCases(CatInfo, perScale, "competency sets", "competencies set",
		"%s its own scale; reflect rates a framework on one scale, the framework's, and keeps these for export to Moodle")
	if related > 0 {
		src.notef(CatInfo, "%s between competencies of this framework have no place in reflect (it links only equivalent competences in different frameworks); they are kept for export to Moodle",
			plural(related, "cross-reference", "cross-references"))
	}
	src.noteCases(CatInfo, rules, "competency has", "competencies have",
		"%s a completion rule (Moodle's rule type, outcome and config), which reflect has no use for and keeps for export to Moodle")
	src.noteCases(CatInfo, titled, "competency has", "competencies have",
		"%s a short name other than the description: the short name became the competence's title, the description its statement")
	return src, nil
}

// splitTitle takes reflect's "Title: …" paragraph out of a description:
// what reflect writes when a title is longer than Moodle's 100-character
// short names. It is read only when the short name is that title cut off.
func splitTitle(paras []string, shortname string) ([]string, string) {
	for i, p := range paras {
		if v, ok := strings.CutPrefix(p, metaTitle+": "); ok && isTruncationOf(collapse(html.UnescapeString(shortname)), v) {
			return append(paras[:i:i], paras[i+1:]...), collapse(v)
		}
	}
	return paras, ""
}

// isTruncationOf reports whether short is long, or long cut off with
// "..." or "…" (as Moodle and reflect cut short names to 100 characters).
func isTruncationOf(short, long string) bool {
	short = strings.TrimSpace(short)
	if normalise(short) == normalise(long) {
		return short != ""
	}
	s, cut := strings.CutSuffix(short, "...")
	if !cut {
		s, cut = strings.CutSuffix(short, "…")
	}
	s = strings.TrimSpace(s)
	return cut && s != "" && strings.HasPrefix(normalise(long), normalise(s))
}
