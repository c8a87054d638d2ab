package interop

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// reflect writes a framework's facts that a format has no field for as
// "Key: value" lines in the document's description (Moodle) or notes
// (CASE), where people see them too. Reading them back gives a round trip;
// they are trusted only when both "Based on" and "Wording" are there.
const (
	metaProvenance = "Provenance"
	metaBasedOn    = "Based on"
	metaWording    = "Wording"
	metaOfficial   = "Official documents"
	metaLicence    = "Licence"
	metaID         = "Framework id"
	metaShortTitle = "Short title"
	metaPopulation = "Population"
	metaPublisher  = "Publisher"
	metaCommission = "Commissioner"
	metaPublished  = "Published"
	metaVersion    = "Version"
	metaExpect     = "What you can expect"
	metaTitle      = "Title"
	metaExportedBy = "Exported by"
)

var metaKeys = []string{metaProvenance, metaBasedOn, metaWording, metaOfficial, metaLicence, metaID, metaShortTitle,
	metaPopulation, metaPublisher, metaCommission, metaPublished, metaVersion, metaExportedBy}

// exportedBy is the line that says which tool wrote a file.
func exportedBy(tool string, f *framework.Framework) string {
	return fmt.Sprintf("%s: %s, from framework %s version %s", metaExportedBy, tool, f.ID, f.Version)
}

// metaLines returns the "Key: value" lines that describe f, in a fixed order.
func metaLines(f *framework.Framework) []string {
	var out []string
	add := func(k, v string) {
		if v = collapse(v); v != "" {
			out = append(out, k+": "+v)
		}
	}
	add(metaProvenance, f.Provenance.Notice)
	add(metaBasedOn, f.Provenance.BasedOn)
	wording := f.Provenance.Wording
	switch wording {
	case framework.WordingTool:
		wording += " (the statements are this file's own wording, not the official text)"
	case framework.WordingPublisher:
		wording += " (the publisher's text, imported; its licence not checked)"
	case framework.WordingOfficial:
		wording += " (the publisher's text, used with permission)"
	}
	add(metaWording, wording)
	add(metaOfficial, f.Provenance.OfficialURL)
	add(metaLicence, f.Provenance.Licence)
	add(metaID, f.ID)
	add(metaShortTitle, f.ShortTitle)
	add(metaPopulation, f.Population)
	add(metaPublisher, f.Publisher)
	add(metaCommission, f.Commissioner)
	add(metaPublished, f.Published)
	add(metaVersion, f.Version)
	return out
}

// splitMeta separates reflect's "Key: value" lines from the rest of a
// description. It returns the values found (when the lines are reflect's)
// and the paragraphs that remain.
func splitMeta(paras []string) (map[string]string, []string) {
	vals := map[string]string{}
	var rest []string
	for _, p := range paras {
		var keep []string
		for _, l := range strings.Split(p, "\n") {
			if k, v, ok := metaLine(l); ok {
				if _, dup := vals[k]; !dup {
					vals[k] = v
					continue
				}
			}
			keep = append(keep, l)
		}
		if t := strings.TrimSpace(strings.Join(keep, "\n")); t != "" {
			rest = append(rest, t)
		}
	}
	if vals[metaBasedOn] == "" || vals[metaWording] == "" {
		return nil, paras
	}
	return vals, rest
}

func metaLine(l string) (string, string, bool) {
	k, v, ok := strings.Cut(strings.TrimSpace(l), ": ")
	if !ok {
		return "", "", false
	}
	for _, key := range metaKeys {
		if k == key {
			return k, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

// applyMeta fills the source from reflect's lines.
func (s *Source) applyMeta(vals map[string]string) {
	if vals == nil {
		return
	}
	wording, _, _ := strings.Cut(vals[metaWording], " ")
	if !slices.Contains(framework.Wordings, wording) {
		s.notef(CatInfo, "the provenance lines name wording %q, which reflect does not know; the import is treated as the publisher's text", wording)
		return
	}
	s.Provenance = &framework.Provenance{BasedOn: vals[metaBasedOn], Wording: wording, Notice: vals[metaProvenance],
		OfficialURL: vals[metaOfficial], Licence: vals[metaLicence]}
	if s.Provenance.Notice == "" {
		s.Provenance.Notice = fmt.Sprintf("Based on %s.", s.Provenance.BasedOn)
	}
	set := func(dst *string, k string) {
		if v := vals[k]; v != "" {
			*dst = v
		}
	}
	set(&s.ID, metaID)
	set(&s.ShortTitle, metaShortTitle)
	set(&s.Population, metaPopulation)
	set(&s.Publisher, metaPublisher)
	set(&s.Commission, metaCommission)
	set(&s.Published, metaPublished)
	set(&s.Version, metaVersion)
	if s.URL == "" {
		s.URL = vals[metaOfficial]
	}
}

// splitExpect takes a "What you can expect: …" paragraph out of a
// description.
func splitExpect(paras []string) (string, []string) {
	var expect string
	var rest []string
	for _, p := range paras {
		if v, ok := strings.CutPrefix(p, metaExpect+": "); ok && expect == "" {
			expect = collapse(v)
			continue
		}
		rest = append(rest, p)
	}
	return expect, rest
}
