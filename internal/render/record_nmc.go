package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// RecordNMC writes plain text laid out as the NMC's reflective account
// form — its four prompts, answered from the reflection, the Code themes
// from the standards chosen — and then the CPD log row, ready to copy onto
// the approved forms. Paragraphs are not wrapped, so they paste cleanly
// into a form field.
func RecordNMC(w io.Writer, r *record.Record, opt RecordOptions) error {
	d := buildRecordDoc(r, opt)
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	heading := func(s string, c string) { p("%s\n%s\n\n", s, strings.Repeat(c, min(len([]rune(s)), 72))) }

	heading("Reflective account", "=")
	p("Laid out as the NMC reflective accounts form. Copy each answer onto the approved form.\n")
	p("Keep it anonymous: it must not identify any patient, service user, family member or colleague.\n\n")
	if r.Practitioner.Name != "" {
		p("Name: %s\n", oneLine(r.Practitioner.Name))
	}
	if reg := oneLine(r.Practitioner.Registration); reg != "" {
		switch rg := oneLine(r.Practitioner.Regulator); {
		case rg == "" || strings.EqualFold(rg, "NMC"):
			p("NMC Pin: %s\n", reg)
		default:
			p("Registration number (%s): %s\n", rg, reg)
		}
	}
	if d.ActivityTitle != "" {
		p("Activity: %s\n", oneLine(d.ActivityTitle))
	}
	if d.Dates != "" {
		p("Date: %s\n", d.Dates)
	}
	p("\n")
	for _, q := range d.NMC {
		heading(fmt.Sprintf("%d. %s", q.Number, q.Question), "-")
		if q.From != "" {
			p("(%s)\n\n", q.From)
		}
		if len(q.Themes) > 0 {
			p("Code themes: %s.\n\n", strings.Join(q.Themes, "; "))
		}
		for _, part := range q.Parts {
			if part.Title != "" && (len(q.Parts) > 1 || q.From != "" || len(q.Themes) > 0) {
				p("%s:\n", part.Title)
			}
			p("%s\n\n", plainPara(part.Text))
		}
		if q.Missing != "" {
			p("%s\n\n", q.Missing)
		}
	}

	heading("CPD log entry", "=")
	row := csvLogRow(d)
	for i, h := range csvLogHeader {
		switch h {
		case "Record id", "Practitioner", "Registration number", "Frameworks", "Provenance":
			continue // shown above and below
		}
		v := row[i]
		switch h {
		case "Development goals", "Evidence", "Other standards":
			// Copied onto a form by hand: the goals by their objectives
			// (a goal's id is for reflect, not for the form) and no "|",
			// which a screen reader reads out.
			v = strings.Join(nmcList(d, h), "; ")
		}
		if strings.TrimSpace(v) == "" {
			continue
		}
		p("%s: %s\n", h, oneLine(v))
	}
	for _, f := range d.Frameworks {
		p("\nFramework: %s, version %s (content digest %s). %s\n", oneLine(f.Title), f.Version, f.DigestShort, oneLine(f.Notice))
	}
	p("\nRecord %s, written with %s\n", r.ID, strings.TrimSpace(r.Tool.Name+" "+r.Tool.Version))
	_, err := w.Write(b.Bytes())
	return err
}

// nmcList is a CPD log column of the NMC layout as a list.
func nmcList(d *recordDoc, column string) []string {
	var out []string
	switch column {
	case "Development goals":
		for _, g := range d.Plan {
			out = append(out, strings.TrimSuffix(oneLine(g.Objective), "."))
		}
	case "Evidence":
		for _, e := range d.Evidence {
			out = append(out, evidenceLine(e))
		}
	case "Other standards":
		for _, g := range d.Standards {
			if g.Scheme != cpd.SchemeNMC {
				out = append(out, g.Title+": "+strings.Join(g.Items, ", "))
			}
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// plainPara tidies multi-line text: trims each line, keeps paragraph breaks.
func plainPara(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	var out []string
	for _, para := range strings.Split(s, "\n\n") {
		var lines []string
		for _, l := range strings.Split(para, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(out, "\n\n")
}
