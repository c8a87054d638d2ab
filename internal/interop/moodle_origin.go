package interop

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// A framework imported from Moodle goes back to Moodle from its origin.
// These functions make the parts of a row that the framework holds (the
// short name and description of the framework row and of each domain,
// area and competence) and decide, entry by entry, whether the origin's
// verbatim cells or the framework's fields are written.

// levelRow makes the short name and description of the domain, area or
// competence code from the framework, as an export from the origin writes
// them (an area's "what you can expect" line only when it is not the one
// the import made up).
func levelRow(f *framework.Framework, code string) (name, desc string, ok bool) {
	if c := f.Competence(code); c != nil {
		name, desc = moodleCompetenceRow(c)
		return name, desc, true
	}
	if a := f.Area(code); a != nil {
		name, desc = moodleAreaRow(a, a.Expect != defaultExpect(a.Title))
		return name, desc, true
	}
	if d := f.Domain(code); d != nil {
		name, desc = moodleDomainRow(d)
		return name, desc, true
	}
	return "", "", false
}

// pruneMoodleOrigin drops the short names and descriptions that an export
// would make again from the framework (the same text, whatever the
// markup), so that the origin keeps only what the framework does not hold.
func pruneMoodleOrigin(f *framework.Framework) {
	o := f.Origin
	prune := func(e *framework.OriginEntry, name, desc string) {
		if v, ok := e.Fields.Get(moodleKeys[colShortname]); ok && v == name {
			derive(e, moodleKeys[colShortname])
		}
		format, _ := e.Fields.Get(moodleKeys[colDescFormat])
		if v, ok := e.Fields.Get(moodleKeys[colDescription]); ok && (format == moodleFormatHTML || format == "") && sameMoodleText(v, format, desc) {
			derive(e, moodleKeys[colDescription])
		}
	}
	for _, e := range o.Entries {
		if e.Code == "" || e.Made {
			continue
		}
		if name, desc, ok := levelRow(f, e.Code); ok {
			prune(e, name, desc)
		}
	}
	name, desc := moodleDocumentRow(f, ExportOptions{}, false)
	prune(o.Document, name, desc)
}

// derive moves a field from an entry's fields to the ones made from the
// framework.
func derive(e *framework.OriginEntry, key string) {
	e.Fields.Delete(key)
	e.Derived = append(e.Derived, key)
}

func derived(e *framework.OriginEntry, key string) bool { return slices.Contains(e.Derived, key) }

// sameMoodleText reports whether a Moodle description in its format reads
// as the same text as reflect's HTML.
func sameMoodleText(desc, format, html string) bool {
	a := moodleDescription(desc, format)
	b := htmlText(html)
	return normalise(a.Text()+" "+flatItems(a.Items)) == normalise(b.Text()+" "+flatItems(b.Items))
}

// writeMoodleOrigin writes an imported framework back as the rows it came
// from.
func writeMoodleOrigin(out io.Writer, f *framework.Framework, opt ExportOptions) ([]Note, error) {
	o := f.Origin
	cw := csv.NewWriter(out)
	header := o.Header
	if !standardHeader(header) {
		header = MoodleHeader
	}
	_ = cw.Write(header)
	write := func(cells [nMoodleCols]string) { _ = cw.Write(cells[:]) }
	fromFields := func(e *framework.OriginEntry) [nMoodleCols]string {
		var cells [nMoodleCols]string
		cells[colParent], cells[colIDNumber] = e.Parent, e.ID
		for col := colShortname; col < nMoodleCols; col++ {
			cells[col], _ = e.Fields.Get(moodleKeys[col])
		}
		return cells
	}
	var notes []Note

	// The framework row.
	doc := fromFields(o.Document)
	docName, docDesc := moodleDocumentRow(f, opt, f.Provenance.Wording == framework.WordingTool)
	if o.Document.Digest == documentDigest(f) {
		if derived(o.Document, moodleKeys[colShortname]) {
			doc[colShortname] = docName
		}
		if derived(o.Document, moodleKeys[colDescription]) {
			doc[colDescription] = docDesc
		}
	} else {
		doc[colShortname], doc[colDescription], doc[colDescFormat] = docName, docDesc, moodleFormatHTML
		labels, _ := moodleScaleValues(f.EffectiveScale())
		if labels != doc[colScaleValues] {
			doc[colScaleValues], doc[colScaleConfig] = labels, moodleScaleConfig(f.EffectiveScale())
		}
		notes = append(notes, Note{CatInfo, "the framework's own fields were edited since the import; the framework row was written from them"})
	}
	fill(&doc, colIsFramework, "1")
	write(doc)

	// identity is what stands for a level in the file: its id number; a
	// level the import made stands for the entry it was made under.
	byCode := map[string]*framework.OriginEntry{}
	for _, e := range o.Entries {
		if e.Code != "" {
			byCode[e.Code] = e
		}
	}
	identity := func(code string) string {
		if e := byCode[code]; e != nil {
			if e.Made {
				return e.Parent
			}
			if e.ID != "" {
				return e.ID
			}
		}
		return code // added since, or a row without an id number
	}
	// parentOf is the id number of a level's parent in the framework now,
	// and whether that parent is a real entry: a level that sits under a
	// level the import made (or at the top) keeps the parent the file gave
	// it, which the import could not use (a parent not in the file, a loop).
	parentOf := func(code string) (parent string, real, ok bool) {
		var up string
		if c := f.Competence(code); c != nil {
			up = c.Area.Code
		} else if a := f.Area(code); a != nil {
			up = a.Domain.Code
		} else if f.Domain(code) != nil {
			return "", false, true
		} else {
			return "", false, false
		}
		e := byCode[up]
		return identity(up), e == nil || !e.Made, true
	}
	var asImported, edited, deleted, added, noID int
	for _, e := range o.Entries {
		switch {
		case e.Made:
			continue
		case e.Code == "":
			write(fromFields(e)) // a folded level: the origin holds it all
			asImported++
			continue
		}
		parent, real, ok := parentOf(e.Code)
		if !ok {
			deleted++
			continue
		}
		cells := fromFields(e)
		if e.ID == "" {
			// Moodle skips a row without an id number; reflect kept it and
			// gave it a code, which is now its id number.
			cells[colIDNumber] = e.Code
			noID++
		}
		if real && strings.TrimSpace(parent) != strings.TrimSpace(e.Parent) {
			cells[colParent] = parent // moved since the import
		}
		name, desc, _ := levelRow(f, e.Code)
		if unchanged(f, e) {
			asImported++
			if derived(e, moodleKeys[colShortname]) {
				cells[colShortname] = name
			}
			if derived(e, moodleKeys[colDescription]) {
				cells[colDescription] = desc
			}
		} else {
			edited++
			cells[colShortname], cells[colDescription], cells[colDescFormat] = name, desc, moodleFormatHTML
		}
		write(cells)
	}
	// Levels added since the import, after the rest.
	newRow := func(parent, code string) {
		name, desc, _ := levelRow(f, code)
		var cells [nMoodleCols]string
		cells[colParent], cells[colIDNumber], cells[colShortname], cells[colDescription], cells[colDescFormat] = parent, code, name, desc, moodleFormatHTML
		cells[colRuleOutcome], cells[colRuleConfig] = "0", "null"
		write(cells)
		added++
	}
	for _, d := range f.Domains {
		if byCode[d.Code] == nil {
			newRow("", d.Code)
		}
		for _, a := range d.Areas {
			if byCode[a.Code] == nil {
				newRow(identity(d.Code), a.Code)
			}
			for _, c := range a.Competences {
				if byCode[c.Code] == nil {
					newRow(identity(a.Code), c.Code)
				}
			}
		}
	}
	cw.Flush()
	n := Note{CatInfo, fmt.Sprintf("written back from the file it was imported from (%s): %s as imported", o.File, plural(asImported, "row", "rows"))}
	if edited > 0 {
		n.Text += fmt.Sprintf(", %s edited since and written from the framework", plural(edited, "row", "rows"))
	}
	if added > 0 {
		n.Text += fmt.Sprintf(", %s added since", plural(added, "row", "rows"))
	}
	if deleted > 0 {
		n.Text += fmt.Sprintf(", %s left out because the framework no longer has them", plural(deleted, "row", "rows"))
	}
	notes = append(notes, n)
	if noID > 0 {
		notes = append(notes, Note{CatInfo, fmt.Sprintf("%s no id number in the file (Moodle would skip %s); %s written with the code reflect gave %s",
			plural(noID, "row had", "rows had"), pick(noID, "it", "them"), pick(noID, "it is", "they are"), pick(noID, "it", "them"))})
	}
	if !standardHeader(o.Header) {
		notes = append(notes, Note{CatInfo, "the file's header was not Moodle's current 14 columns in order; this one has them, in English, as Moodle reads them today"})
	}
	notes = append(notes, leftOutOfMoodle(f)...)
	notes = append(notes, commonExportNotes(f)...)
	return notes, cw.Error()
}

// standardHeader reports whether a file's own header can head the
// 14-column rows an export writes: 14 cells, each naming its own column
// in some language or none reflect knows (a header read by position).
func standardHeader(h []string) bool {
	if len(h) != nMoodleCols {
		return false
	}
	for i, cell := range h {
		m := moodleHeaderStrings[headerNorm(cell)]
		if len(m) == 0 {
			if _, alias := moodleAliases[headerNorm(cell)]; alias {
				return false
			}
			continue
		}
		if !slices.ContainsFunc(m, func(hs headerString) bool { return hs.col == i }) {
			return false
		}
	}
	return true
}

// fill sets a cell the origin left empty.
func fill(cells *[nMoodleCols]string, col int, v string) {
	if cells[col] == "" {
		cells[col] = v
	}
}
