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
// Import competency framework reads. Domains, areas and competences become
// three levels of competencies; a competence's sub-items become a list in
// its description, and an area's "what you can expect" line a paragraph of
// its description. The notes name what Moodle has no place for.
func WriteMoodleCSV(out io.Writer, f *framework.Framework, opt ExportOptions) ([]Note, error) {
	cw := csv.NewWriter(out)
	var notes []Note
	row := func(parent, id, name, desc, scaleValues, scaleConfig, isFramework, taxonomy string) {
		r := []string{parent, id, name, desc, "1", scaleValues, scaleConfig, "", "", "", "", "", isFramework, taxonomy}
		if isFramework == "" {
			r[8], r[9] = "0", "null" // what Moodle's own export writes for "no rule"
		}
		_ = cw.Write(r)
	}
	_ = cw.Write(MoodleHeader)

	scale := f.EffectiveScale()
	var labels []string
	commas := false
	for _, l := range scale.Levels {
		if strings.Contains(l.Label, ",") {
			commas = true
		}
		labels = append(labels, strings.ReplaceAll(l.Label, ",", ";"))
	}
	if commas {
		notes = append(notes, Note{CatDefault, "Moodle separates scale items with commas, so commas in level labels became semicolons"})
	}
	var fwDesc strings.Builder
	if d := strings.TrimSpace(f.Description); d != "" {
		htmlParas(&fwDesc, d)
	}
	for _, l := range metaLines(f) {
		fwDesc.WriteString("<p>" + html.EscapeString(l) + "</p>")
	}
	if opt.Tool != "" {
		fwDesc.WriteString("<p>" + html.EscapeString(exportedBy(opt.Tool, f)) + "</p>")
	}
	title, cut := moodleName(f.Title)
	if cut {
		notes = append(notes, Note{CatDefault, "the framework title is longer than Moodle's 100 characters and was shortened"})
	}
	row("", f.ID, title, fwDesc.String(), strings.Join(labels, ","), moodleScaleConfig(scale), "1", "domain,competency,competency")

	var cutNames []string
	for _, d := range f.Domains {
		name, cut := moodleName(d.Title)
		if cut {
			cutNames = append(cutNames, d.Code)
		}
		var desc strings.Builder
		htmlParas(&desc, d.Description)
		row("", d.Code, name, desc.String(), "", "", "", "")
		for _, a := range d.Areas {
			name, cut := moodleName(a.Title)
			if cut {
				cutNames = append(cutNames, a.Code)
			}
			var desc strings.Builder
			htmlParas(&desc, a.Description)
			desc.WriteString("<p>" + html.EscapeString(metaExpect+": "+collapse(a.Expect)) + "</p>")
			row(d.Code, a.Code, name, desc.String(), "", "", "", "")
			for _, c := range a.Competences {
				name, _ := moodleName(c.Statement)
				var desc strings.Builder
				htmlParas(&desc, c.Statement)
				htmlItems(&desc, c.Items)
				row(a.Code, c.Code, name, desc.String(), "", "", "", "")
			}
		}
	}
	cw.Flush()
	if len(cutNames) > 0 {
		notes = append(notes, Note{CatDefault, fmt.Sprintf("%s longer than Moodle's 100-character short names and shortened with \"...\": %s",
			plural(len(cutNames), "title is", "titles are"), listSome(cutNames, 5))})
	}
	notes = append(notes, Note{CatInfo, "each competence's short name is its statement, shortened to 100 characters where needed; the description holds the whole statement"})
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
		notes = append(notes, Note{CatDropped, fmt.Sprintf("%s to other frameworks were left out (Moodle cross-references stay within one framework)", plural(sameAs, "crosswalk link", "crosswalk links"))})
	}
	notes = append(notes, Note{CatDropped, "level descriptors have no place in a Moodle scale; only the labels were written"})
	notes = append(notes, commonExportNotes(f)...)
	return notes, cw.Error()
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
