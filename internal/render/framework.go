// Package render writes reflect's documents — frameworks, records and
// reports — as text, Markdown, HTML, PDF, CSV and JSON. Every writer takes
// an io.Writer and plain data; none touches the terminal or the clock.
package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// FrameworkOptions choose what of a framework to show.
type FrameworkOptions struct {
	Area  string // only this area (code); empty for all
	Width int    // text wrap width; 0 means 80
	// Set resolves the crosswalk in both directions and across files; when
	// nil, only the links written in the file are shown.
	Set *framework.Set
	// Today, when set, is compared with the review's next_due date.
	Today time.Time
}

// crosswalkView is a competence's crosswalk as shown: the competences
// that share its answer, then close and related links (never shared).
type crosswalkView struct {
	Exact   []string
	Close   []framework.LinkedTo
	Related []framework.LinkedTo
}

func (o FrameworkOptions) links(c *framework.Competence) crosswalkView {
	var v crosswalkView
	if o.Set != nil {
		v.Exact = o.Set.SameAs(c.Code)
		for _, l := range o.Set.Related(c.Code) {
			if l.Type == framework.LinkClose {
				v.Close = append(v.Close, l)
			} else {
				v.Related = append(v.Related, l)
			}
		}
		return v
	}
	for _, l := range c.Links() {
		switch l.Type {
		case framework.LinkExact:
			v.Exact = append(v.Exact, l.Code)
		case framework.LinkClose:
			v.Close = append(v.Close, framework.LinkedTo{Code: l.Code, Type: l.Type, Rationale: l.Rationale})
		case framework.LinkRelated:
			v.Related = append(v.Related, framework.LinkedTo{Code: l.Code, Type: l.Type, Rationale: l.Rationale})
		}
	}
	return v
}

func linkCodes(ls []framework.LinkedTo) string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Code
	}
	return strings.Join(out, ", ")
}

// reviewLine says when the content was last reviewed, what the review
// covered and when the next is due, and whether that date has passed.
func reviewLine(r *framework.Review, today time.Time) string {
	if r == nil {
		return ""
	}
	s := fmt.Sprintf("Content last reviewed %s; next review due %s. What the review covered: %s", r.LastReviewed, r.NextDue, strings.Join(strings.Fields(r.Covered), " "))
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	if Overdue(r, today) {
		s += " That date has passed: check the content against current guidance and law before relying on it."
	}
	return s
}

// Overdue reports whether the review's next_due date is before today
// (a YYYY-MM date is due at the end of its month).
func Overdue(r *framework.Review, today time.Time) bool {
	if r == nil || today.IsZero() {
		return false
	}
	due, err := time.Parse("2006-01-02", r.NextDue)
	if err != nil {
		m, err := time.Parse("2006-01", r.NextDue)
		if err != nil {
			return false
		}
		due = m.AddDate(0, 1, -1)
	}
	return today.After(due.Add(24*time.Hour - time.Nanosecond))
}

// FrameworkText writes the framework map as plain text.
func FrameworkText(w io.Writer, f *framework.Framework, opt FrameworkOptions) error {
	width := opt.Width
	if width <= 0 {
		width = 80
	}
	ew := &errWriter{w: w}
	d, a, c := f.Count()
	ew.printf("%s\n", f.Title)
	ew.printf("id %s · version %s · %s, %s, %s\n", f.ID, f.Version, counted(d, "domain"), counted(a, "area"), counted(c, "competence"))
	ew.printf("%s\n\n", textutil.Wrap("Population: "+f.Population, width, "", "  "))
	ew.printf("%s\n\n", textutil.Wrap("Provenance: "+f.Provenance.Notice, width, "", "  "))
	if f.Provenance.Licence != "" {
		ew.printf("%s\n\n", textutil.Wrap("Licence: "+f.Provenance.Licence, width, "", "  "))
	}
	if r := reviewLine(f.Review, opt.Today); r != "" {
		ew.printf("%s\n\n", textutil.Wrap("Review: "+r, width, "", "  "))
	}
	scale := f.EffectiveScale()
	ew.printf("Rating scale:\n")
	for _, l := range scale.Levels {
		ew.printf("%s\n", textutil.Wrap(fmt.Sprintf("%d  %s — %s", l.Value, l.Label, l.Descriptor), width, "  ", "       "))
	}
	ew.printf("  N/A  %s (%s)\n\n", naLabel(scale), naReasons(scale))
	for _, dom := range f.Domains {
		if opt.Area != "" && !domainHas(dom, opt.Area) {
			continue
		}
		ew.printf("%s  %s\n", dom.Code, strings.ToUpper(dom.Title))
		for _, area := range dom.Areas {
			if opt.Area != "" && area.Code != opt.Area {
				continue
			}
			ew.printf("\n  %s  %s\n", area.Code, area.Title)
			ew.printf("%s\n", textutil.Wrap("What you can expect: "+area.Expect, width, "    ", "    "))
			for _, comp := range area.Competences {
				ew.printf("%s\n", textutil.Wrap(fmt.Sprintf("%s [%s] %s", comp.Code, comp.Kind, titled(comp.Title, comp.Statement)), width, "    ", "      "))
				itemsText(ew, comp.Items, width, "        ")
				lv := opt.links(comp)
				if len(lv.Exact) > 0 {
					ew.printf("%s\n", textutil.Wrap("same as (one answer serves both): "+strings.Join(lv.Exact, ", "), width, "      ", "        "))
				}
				if len(lv.Close) > 0 {
					ew.printf("%s\n", textutil.Wrap("close (not shared): "+linkCodes(lv.Close), width, "      ", "        "))
				}
				if len(lv.Related) > 0 {
					ew.printf("%s\n", textutil.Wrap("related (not shared): "+linkCodes(lv.Related), width, "      ", "        "))
				}
			}
		}
		ew.printf("\n")
	}
	if opt.Area == "" && len(f.Profiles) > 0 {
		ew.printf("Role profiles:\n")
		for _, p := range f.Profiles {
			ew.printf("  %s — %s%s\n", p.ID, p.Title, sourceNote(p))
			var t []string
			for _, k := range p.Targets.Keys {
				t = append(t, fmt.Sprintf("%s→%d", k, p.Targets.Values[k]))
			}
			ew.printf("%s\n", textutil.Wrap("targets: "+strings.Join(t, " "), width, "    ", "      "))
		}
	}
	return ew.err
}

// counted is "1 domain" or "n domains".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// titled puts a competence's title, when it has one, before its statement.
func titled(title, statement string) string {
	if title == "" {
		return statement
	}
	return title + " — " + statement
}

func sourceNote(p *framework.Profile) string {
	if p.Source == framework.WordingTool && !strings.Contains(strings.ToLower(p.Title), "reflect") {
		return " (reflect's suggestion, not part of the published framework)"
	}
	return ""
}

func itemsText(ew *errWriter, items []*framework.Item, width int, indent string) {
	for _, it := range items {
		ew.printf("%s\n", textutil.Wrap("– "+it.Text, width, indent, indent+"  "))
		itemsText(ew, it.Items, width, indent+"  ")
	}
}

func domainHas(d *framework.Domain, area string) bool {
	for _, a := range d.Areas {
		if a.Code == area {
			return true
		}
	}
	return false
}

func naLabel(s *framework.Scale) string {
	if s.NotApplicable != nil && s.NotApplicable.Label != "" {
		return s.NotApplicable.Label
	}
	return "Not applicable"
}

func naReasons(s *framework.Scale) string {
	var out []string
	for _, r := range s.NAReasons() {
		out = append(out, strings.ToLower(r.Label))
	}
	return strings.Join(out, " / ")
}

// FrameworkMarkdown writes the framework map as Markdown.
func FrameworkMarkdown(w io.Writer, f *framework.Framework, opt FrameworkOptions) error {
	ew := &errWriter{w: w}
	d, a, c := f.Count()
	ew.printf("# %s\n\n", MDEscape(f.Title))
	ew.printf("`%s` · version %s · %s, %s, %s\n\n", f.ID, MDEscape(f.Version), counted(d, "domain"), counted(a, "area"), counted(c, "competence"))
	ew.printf("**Population:** %s\n\n", MDEscape(f.Population))
	ew.printf("> **Provenance.** %s\n\n", MDEscape(f.Provenance.Notice))
	if f.Provenance.Licence != "" {
		ew.printf("**Licence:** %s\n\n", MDEscape(f.Provenance.Licence))
	}
	if r := reviewLine(f.Review, opt.Today); r != "" {
		ew.printf("**Review:** %s\n\n", MDEscape(r))
	}
	scale := f.EffectiveScale()
	ew.printf("| value | label | meaning |\n|---|---|---|\n")
	for _, l := range scale.Levels {
		ew.printf("| %d | %s | %s |\n", l.Value, MDCell(l.Label), MDCell(l.Descriptor))
	}
	ew.printf("| N/A | %s | %s |\n\n", MDCell(naLabel(scale)), MDCell(naReasons(scale)))
	for _, dom := range f.Domains {
		if opt.Area != "" && !domainHas(dom, opt.Area) {
			continue
		}
		ew.printf("## %s %s\n\n", dom.Code, MDEscape(dom.Title))
		for _, area := range dom.Areas {
			if opt.Area != "" && area.Code != opt.Area {
				continue
			}
			ew.printf("### %s %s\n\n", area.Code, MDEscape(area.Title))
			ew.printf("*What you can expect:* %s\n\n", MDEscape(area.Expect))
			for _, comp := range area.Competences {
				title := ""
				if comp.Title != "" {
					title = "*" + MDEscape(comp.Title) + "* — "
				}
				ew.printf("- **%s** (%s) %s%s\n", comp.Code, comp.Kind, title, MDEscape(comp.Statement))
				itemsMD(ew, comp.Items, "  ")
				lv := opt.links(comp)
				if len(lv.Exact) > 0 {
					ew.printf("  - *same as (one answer serves both):* %s\n", strings.Join(lv.Exact, ", "))
				}
				if len(lv.Close) > 0 {
					ew.printf("  - *close (not shared):* %s\n", linkCodes(lv.Close))
				}
				if len(lv.Related) > 0 {
					ew.printf("  - *related (not shared):* %s\n", linkCodes(lv.Related))
				}
			}
			ew.printf("\n")
		}
	}
	if opt.Area == "" && len(f.Profiles) > 0 {
		ew.printf("## Role profiles\n\n")
		for _, p := range f.Profiles {
			ew.printf("- **%s** — %s%s\n", p.ID, MDEscape(p.Title), sourceNote(p))
		}
		ew.printf("\n")
	}
	return ew.err
}

func itemsMD(ew *errWriter, items []*framework.Item, indent string) {
	for _, it := range items {
		ew.printf("%s- %s\n", indent, MDEscape(it.Text))
		itemsMD(ew, it.Items, indent+"  ")
	}
}

// MDEscape escapes characters that Markdown would treat as markup, so that
// text written by a person shows as written.
func MDEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`)
	return r.Replace(s)
}

// MDCell escapes text for a Markdown table cell (no line breaks).
func MDCell(s string) string {
	return strings.ReplaceAll(MDEscape(strings.Join(strings.Fields(s), " ")), "\n", " ")
}

// FrameworkJSON writes the framework as JSON, in the same shape as the YAML.
func FrameworkJSON(w io.Writer, f *framework.Framework, opt FrameworkOptions) error {
	out := jsonFramework(f, opt)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
