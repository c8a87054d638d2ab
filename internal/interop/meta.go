package interop

import (
	"fmt"
	"slices"
	"strings"
	"time"

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
	// The review of the file's content and the guide for people who
	// receive support (reflect expect): one line each, a line per place to
	// get help ("Guide help: NAME — TEXT").
	metaReviewed      = "Last reviewed"
	metaReviewCovered = "Review covered"
	metaReviewDue     = "Next review due"
	metaGuideIntro    = "Guide introduction"
	metaGuideHelp     = "Guide help"
	metaGuideSpeakUp  = "Guide, if care does not feel right"
	metaGuideNotice   = "Guide notice"
	// metaGuideTitle starts the paragraph of a domain's description (in
	// Moodle) that holds its plain title for the guide.
	metaGuideTitle = "Title in the guide for people who receive support"
	// helpSep separates a place to get help from how to reach it.
	helpSep = " — "
)

var metaKeys = []string{metaProvenance, metaBasedOn, metaWording, metaOfficial, metaLicence, metaID, metaShortTitle,
	metaPopulation, metaPublisher, metaCommission, metaPublished, metaVersion, metaExportedBy,
	metaReviewed, metaReviewCovered, metaReviewDue, metaGuideIntro, metaGuideHelp, metaGuideSpeakUp, metaGuideNotice}

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
	if r := f.Review; r != nil {
		add(metaReviewed, r.LastReviewed)
		add(metaReviewCovered, r.Covered)
		add(metaReviewDue, r.NextDue)
	}
	if g := f.Guide; g != nil {
		add(metaGuideIntro, g.Intro)
		for _, h := range g.Help {
			if h != nil {
				add(metaGuideHelp, collapse(h.Name)+helpSep+collapse(h.Text))
			}
		}
		add(metaGuideSpeakUp, g.SpeakUp)
		add(metaGuideNotice, g.Notice)
	}
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
				if k == metaGuideHelp {
					vals[k] += "\n" + v
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
	s.Review = reviewOf(vals)
	if r := s.Review; r == nil && (vals[metaReviewed] != "" || vals[metaReviewDue] != "") {
		s.notef(CatDropped, "the review lines (last reviewed %q, next due %q) are incomplete or not dates in order, so the review was left out",
			vals[metaReviewed], vals[metaReviewDue])
	}
	s.Guide = guideOf(vals)
}

// reviewOf is the review reflect's lines describe: nil unless all three
// are there and the dates are YYYY-MM-DD or YYYY-MM, the next after the
// last (what the framework validator requires).
func reviewOf(vals map[string]string) *framework.Review {
	r := &framework.Review{LastReviewed: vals[metaReviewed], Covered: vals[metaReviewCovered], NextDue: vals[metaReviewDue]}
	last, lok := sortableDate(r.LastReviewed)
	next, nok := sortableDate(r.NextDue)
	if !lok || !nok || r.Covered == "" || next <= last {
		return nil
	}
	return r
}

// sortableDate checks a YYYY-MM-DD or YYYY-MM date and returns it in a
// form that sorts in time order.
func sortableDate(s string) (string, bool) {
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return s, true
	}
	if _, err := time.Parse("2006-01", s); err == nil {
		return s + "-00", true
	}
	return "", false
}

// guideOf is the guide reflect's lines describe, or nil. A place to get
// help is kept once, with its first text.
func guideOf(vals map[string]string) *framework.Guide {
	g := &framework.Guide{Intro: vals[metaGuideIntro], SpeakUp: vals[metaGuideSpeakUp], Notice: vals[metaGuideNotice]}
	seen := map[string]bool{}
	for _, l := range strings.Split(vals[metaGuideHelp], "\n") {
		name, text, ok := strings.Cut(l, helpSep)
		name, text = strings.TrimSpace(name), strings.TrimSpace(text)
		key := strings.ToLower(name)
		if !ok || name == "" || text == "" || seen[key] {
			continue
		}
		seen[key] = true
		g.Help = append(g.Help, &framework.HelpContact{Name: name, Text: text})
	}
	if g.Intro == "" && g.SpeakUp == "" && g.Notice == "" && len(g.Help) == 0 {
		return nil
	}
	return g
}

// splitGuideTitle takes reflect's "Title in the guide …: …" paragraph out
// of a domain's description.
func splitGuideTitle(paras []string) (string, []string) {
	for i, p := range paras {
		if v, ok := strings.CutPrefix(p, metaGuideTitle+": "); ok {
			return collapse(v), append(paras[:i:i], paras[i+1:]...)
		}
	}
	return "", paras
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
