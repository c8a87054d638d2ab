package interop

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// moodleNameMax is the longest short name Moodle keeps (it shortens longer
// ones on import).
const moodleNameMax = 100

// WriteMoodleCSV writes f as a Moodle competency framework CSV with the
// current 14-column header, which Site administration › Competencies ›
// Import competency framework reads.
//
// A framework imported from a Moodle CSV is written back from its origin:
// the same rows in the same order — id numbers, parents, short names,
// descriptions, scales, rules, cross-references, taxonomy, the levels that
// were folded — with every domain, area or competence edited since the
// import written from the framework instead, and ones added since after
// the rest. Any other framework becomes three levels of competencies:
// domains, areas and competences; a competence's sub-items become a list
// in its description, an area's "what you can expect" line a paragraph of
// its description. The notes name what Moodle has no place for.
func WriteMoodleCSV(out io.Writer, f *framework.Framework, opt ExportOptions) ([]Note, error) {
	if o := f.Origin; o != nil && o.Format == FormatMoodleCSV && o.Document != nil {
		return writeMoodleOrigin(out, f, opt)
	}
	cw := csv.NewWriter(out)
	var notes []Note
	row := func(parent, id, name, desc, scaleValues, scaleConfig, isFramework, taxonomy string) {
		r := []string{parent, id, name, desc, moodleFormatHTML, scaleValues, scaleConfig, "", "", "", "", "", isFramework, taxonomy}
		if isFramework == "" {
			r[8], r[9] = "0", "null" // what Moodle's own export writes for "no rule"
		}
		_ = cw.Write(r)
	}
	_ = cw.Write(MoodleHeader)

	scale := f.EffectiveScale()
	labels, commas := moodleScaleValues(scale)
	if commas {
		notes = append(notes, Note{CatDefault, "Moodle separates scale items with commas, so commas in level labels became semicolons"})
	}
	name, desc := moodleDocumentRow(f, opt, true)
	row("", f.ID, name, desc, labels, moodleScaleConfig(scale), "1", "domain,competency,competency")

	var cutNames []string
	for _, d := range f.Domains {
		name, desc := moodleDomainRow(d)
		if len(d.Title) > 0 && name != collapse(d.Title) {
			cutNames = append(cutNames, d.Code)
		}
		row("", d.Code, name, desc, "", "", "", "")
		for _, a := range d.Areas {
			name, desc := moodleAreaRow(a, true)
			if name != collapse(a.Title) {
				cutNames = append(cutNames, a.Code)
			}
			row(d.Code, a.Code, name, desc, "", "", "", "")
			for _, c := range a.Competences {
				name, desc := moodleCompetenceRow(c)
				if c.Title != "" && name != collapse(c.Title) {
					cutNames = append(cutNames, c.Code)
				}
				row(a.Code, c.Code, name, desc, "", "", "", "")
			}
		}
	}
	cw.Flush()
	if len(cutNames) > 0 {
		notes = append(notes, Note{CatDefault, fmt.Sprintf("%s longer than Moodle's 100-character short names: the short name is cut with \"...\" and the whole title is the first paragraph of the description (\"Title: …\"), which an import reads back: %s",
			plural(len(cutNames), "title is", "titles are"), listSome(cutNames, 5))})
	}
	notes = append(notes, Note{CatInfo, "a competence's short name is its title, or else its statement shortened to 100 characters; the description holds the whole statement"})
	notes = append(notes, extrasNotes(f, "the framework's description", "are the last paragraph of their descriptions (\""+metaGuideTitle+": …\")")...)
	notes = append(notes, leftOutOfMoodle(f)...)
	notes = append(notes, commonExportNotes(f)...)
	return notes, cw.Error()
}

// leftOutOfMoodle names what of f a Moodle CSV has no place for.
func leftOutOfMoodle(f *framework.Framework) []Note {
	var notes []Note
	var kinds, tags, sameAs int
	for _, c := range f.Competences() {
		kinds++
		tags += len(c.Tags)
		sameAs += len(c.Links())
	}
	notes = append(notes, Note{CatDropped, fmt.Sprintf("competence kinds (%d) have no place in Moodle; an import defaults them", kinds)})
	if tags > 0 {
		notes = append(notes, Note{CatDropped, fmt.Sprintf("%s were left out", plural(tags, "tag", "tags"))})
	}
	if sameAs > 0 {
		notes = append(notes, Note{CatDropped, fmt.Sprintf("%s to other frameworks (with their types and rationales) were left out (Moodle cross-references stay within one framework)", plural(sameAs, "crosswalk link", "crosswalk links"))})
	}
	notes = append(notes, Note{CatDropped, "level descriptors have no place in a Moodle scale; only the labels were written"})
	return notes
}

// moodleScaleValues is a scale's labels as Moodle's comma-separated scale
// items, and whether a comma had to become a semicolon.
func moodleScaleValues(s *framework.Scale) (string, bool) {
	var labels []string
	commas := false
	for _, l := range s.Levels {
		if strings.Contains(l.Label, ",") {
			commas = true
		}
		labels = append(labels, strings.ReplaceAll(l.Label, ",", ";"))
	}
	return strings.Join(labels, ","), commas
}

// moodleDocumentRow is the framework row's short name and description:
// the description, then (when meta) reflect's "Key: value" lines.
func moodleDocumentRow(f *framework.Framework, opt ExportOptions, meta bool) (name, desc string) {
	var b strings.Builder
	name = moodleTitle(&b, f.Title)
	htmlParas(&b, f.Description)
	if meta {
		for _, l := range metaLines(f) {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>")
		}
		if opt.Tool != "" {
			b.WriteString("<p>" + html.EscapeString(exportedBy(opt.Tool, f)) + "</p>")
		}
	}
	return name, b.String()
}

// moodleDomainRow is a domain's short name and description; its plain
// title for the guide, when it has one, is the last paragraph.
func moodleDomainRow(d *framework.Domain) (name, desc string) {
	var b strings.Builder
	name = moodleTitle(&b, d.Title)
	htmlParas(&b, d.Description)
	if t := collapse(d.GuideTitle); t != "" {
		b.WriteString("<p>" + html.EscapeString(metaGuideTitle+": "+t) + "</p>")
	}
	return name, b.String()
}

// moodleAreaRow is an area's short name and description; with expect, its
// "what you can expect" line is the last paragraph.
func moodleAreaRow(a *framework.Area, expect bool) (name, desc string) {
	var b strings.Builder
	name = moodleTitle(&b, a.Title)
	htmlParas(&b, a.Description)
	if expect {
		b.WriteString("<p>" + html.EscapeString(metaExpect+": "+collapse(a.Expect)) + "</p>")
	}
	return name, b.String()
}

func moodleCompetenceRow(c *framework.Competence) (name, desc string) {
	var b strings.Builder
	if c.Title != "" {
		name = moodleTitle(&b, c.Title)
	} else {
		name, _ = moodleName(c.Statement)
	}
	htmlParas(&b, c.Statement)
	htmlItems(&b, c.Items)
	return name, b.String()
}

// moodleTitle is title as a short name; a title too long for one starts
// the description as a "Title: …" paragraph, which an import reads back.
func moodleTitle(desc *strings.Builder, title string) string {
	name, cut := moodleName(title)
	if cut {
		desc.WriteString("<p>" + html.EscapeString(metaTitle+": "+collapse(title)) + "</p>")
	}
	return name
}

// defaultExpect is the "what you can expect" line an import writes for an
// area whose file has none.
func defaultExpect(title string) string {
	return "This area covers: " + strings.TrimRight(title, ".") + "."
}

// moodleScaleConfig marks the levels from the middle of the scale upwards
// as proficient (3 and 4 on reflect's default scale) and the lowest of
// them as the default, as Moodle requires one default and at least one
// proficient value.
func moodleScaleConfig(s *framework.Scale) string {
	threshold := (s.Min() + s.Max() + 2) / 2
	type entry struct {
		ID         int `json:"id"`
		Default    int `json:"scaledefault"`
		Proficient int `json:"proficient"`
	}
	cfg := []any{map[string]string{"scaleid": "1"}}
	def := false
	for i, l := range s.Levels {
		if l.Value < threshold {
			continue
		}
		e := entry{ID: i + 1, Proficient: 1}
		if !def {
			e.Default, def = 1, true
		}
		cfg = append(cfg, e)
	}
	b, _ := json.Marshal(cfg)
	return string(b)
}

// moodleName shortens s to Moodle's short-name limit at a word boundary.
func moodleName(s string) (string, bool) {
	s = collapse(s)
	if utf8.RuneCountInString(s) <= moodleNameMax {
		return s, false
	}
	r := []rune(s)[:moodleNameMax-3]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > moodleNameMax/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "...", true
}

// htmlParas writes text as HTML paragraphs, one per blank-line-separated
// paragraph, with line breaks kept.
func htmlParas(b *strings.Builder, text string) {
	for _, p := range paragraphs(text) {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(p), "\n", "<br>"))
		b.WriteString("</p>")
	}
}
