package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/record"
)

// RecordMarkdown writes the record as Markdown that also reads well as
// plain text. Everything the person wrote is escaped, so a note cannot
// turn into a heading, a link or HTML in a Markdown viewer.
func RecordMarkdown(w io.Writer, r *record.Record, opt RecordOptions) error {
	d := buildRecordDoc(r, opt)
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# %s\n\n", d.Title)
	if d.Subtitle != "" {
		p("**%s**\n\n", mdInline(d.Subtitle))
	}
	if d.SummaryOnly {
		mdSummary(&b, d)
		_, err := w.Write(b.Bytes())
		return err
	}

	p("## Practitioner\n\n")
	if len(d.Practitioner) == 0 {
		p("%s\n\n", d.Empty(record.SectionPractitioner, "Not given."))
	}
	mdKV(&b, d.Practitioner)

	p("## Frameworks\n\n")
	for _, f := range d.Frameworks {
		p("### %s\n\n", mdInline(f.Title))
		mdKV(&b, []kv{{"Id", f.ID}, {"Version", f.Version}, {"Content digest", f.DigestShort + " (SHA-256, first 12 digits)"},
			{"Assessed", f.Scope}, {"Based on", f.BasedOn}, {"Official source", f.OfficialURL}})
		p("> %s\n", mdInline(f.Notice))
		if f.Wording != "" {
			p(">\n> %s\n", mdInline(f.Wording))
		}
		p("\n")
		if f.VersionNote != "" {
			p("Note: %s\n\n", mdInline(f.VersionNote))
		}
	}

	p("## Scores\n\n")
	if !d.Scored {
		p("This record has no scores yet.\n\n")
	} else {
		p("Rating scale: %s. The README section \"How scoring works\" explains the method.\n\n", mdInline(d.Scale))
		o := d.Overall
		if o.HasMean {
			p("**Overall:** mean %s (%s), %s of the top of the scale; coverage %s (%s).\n\n", o.Mean, mdInline(o.Level), o.Percent, o.Coverage, o.Counts)
		} else {
			p("**Overall:** nothing rated yet (%s).\n\n", o.Counts)
		}
		p("### Domains\n\n")
		p("| Domain | Mean | Level | Percent | Target | Coverage |\n|---|---|---|---|---|---|\n")
		for _, s := range d.Domains {
			p("| %s %s | %s | %s | %s | %s | %s |\n", s.Code, mdCell(s.Title), s.Mean, mdCell(s.Level), s.Percent, dash(s.Target), s.Coverage)
		}
		p("\n### Areas\n\n")
		p("| Area | Mean | Level | Target | Gap | Coverage |\n|---|---|---|---|---|---|\n")
		for _, s := range d.Areas {
			p("| %s %s | %s | %s | %s | %s | %s |\n", s.Code, mdCell(s.Title), s.Mean, mdCell(s.Level), dash(s.Target), dash(s.Gap), s.Coverage)
		}
		p("\n### Not applicable\n\n")
		if len(d.NA) == 0 {
			p("None.\n")
		}
		for _, c := range d.NA {
			p("- %s — %s\n", mdCode(c), mdInline(c.Detail))
		}
		if len(d.Unanswered) > 0 {
			p("\n### Not answered\n\n")
			for _, c := range d.Unanswered {
				p("- %s\n", mdCode(c))
			}
		}
		p("\n### Development needs, ranked\n\n")
		if len(d.Needs) == 0 {
			p("None: nothing was rated below its target or flagged.\n")
		}
		for _, n := range d.Needs {
			p("%d. %s\n   %s\n", n.Rank, mdCode(codeView{Code: n.Code, Statement: n.Statement}), needDetail(n))
		}
		if len(d.Strengths) > 0 {
			p("\n### Strengths\n\n")
			for _, c := range d.Strengths {
				p("- %s (%s)\n", mdCode(c), c.Detail)
			}
		}
		p("\n")
	}

	p("## Reflection\n\n")
	if d.ModelTitle != "" {
		p("Model: %s\n\n", mdInline(d.ModelTitle))
	}
	if len(d.Focus) > 0 {
		p("Needs reflected on:\n\n")
		for _, c := range d.Focus {
			p("- %s\n", mdCode(c))
		}
		p("\n")
	}
	if len(d.Sections) == 0 {
		p("%s\n\n", d.Empty(record.SectionReflection, "Not written yet."))
	}
	for _, s := range d.Sections {
		p("### %s\n\n*%s*\n\n%s\n\n", mdInline(s.Title), mdInline(s.Prompt), mdPara(orNotWritten(s.Text)))
	}

	p("## Benefit to the people I support\n\n%s\n\n", mdPara(d.Empty(record.SectionBenefit, orNotWritten(d.Benefit))))

	p("## Links to standards\n\n")
	if len(d.Standards) == 0 {
		p("%s\n\n", d.Empty(record.SectionStandards, "None chosen."))
	}
	for _, g := range d.Standards {
		p("%s:\n\n", mdInline(g.Title))
		for _, it := range g.Items {
			p("- %s\n", mdInline(it))
		}
		p("\n")
	}

	p("## Personal development plan\n\n")
	if len(d.Plan) == 0 {
		p("%s\n\n", d.Empty(record.SectionPlan, "No goals yet."))
	}
	for _, g := range d.Plan {
		mdGoal(&b, g, "###")
	}

	p("## CPD activity\n\n")
	mdKV(&b, []kv{{"Title", d.ActivityTitle}, {"Dates", d.Dates}, {"Method", d.Method}, {"Activity type", d.ActivityType}, {"Hours", d.Hours}, {"Participatory hours", d.ParticipatoryHours}})
	if len(d.Evidence) > 0 {
		p("Evidence (files are recorded by name and SHA-256, not copied):\n\n")
		for _, e := range d.Evidence {
			p("- %s\n", mdInline(evidenceLine(e)))
		}
		p("\n")
	}

	p("## Anonymisation\n\n%s\n\n", mdInline(d.Anonymisation))

	if len(d.Reviews) > 0 {
		p("## Supervisor's review\n\n")
		for _, rv := range d.Reviews {
			if len(d.Reviews) > 1 {
				p("### Review %d\n\n", rv.Number)
			}
			mdKV(&b, []kv{{"Reviewer", rv.Reviewer}, {"Date", rv.Date}})
			p("> %s\n\n", mdInline(rv.Statement))
			if rv.Comments != "" {
				p("Comments:\n\n%s\n\n", mdPara(rv.Comments))
			}
			for _, nc := range rv.NeedComments {
				p("- On %s: %s\n", nc.Label, mdInline(nc.Value))
			}
			if len(rv.NeedComments) > 0 {
				p("\n")
			}
			if len(rv.Ratings) > 0 {
				p("The reviewer's own ratings, beside the practitioner's (never averaged):\n\n| competence | practitioner | reviewer | difference |\n|---|---|---|---|\n")
				for _, c := range rv.Ratings {
					p("| %s | %s | %s | %s |\n", mdInline(c.Code+" "+c.Statement), mdInline(c.Self), mdInline(c.Reviewer), mdInline(c.Difference))
				}
				p("\n")
			}
			p("%s\n\n", rv.PlanDecision)
			for _, g := range rv.AgreedPlan {
				mdGoal(&b, g, "####")
			}
			p("%s %s\n\n", mdInline(rv.Integrity), mdInline(rv.Signature))
		}
	}

	if len(d.Answers) > 0 {
		p("## Every answer\n\n")
		for _, a := range d.Answers {
			line := "- " + mdCode(codeView{Code: a.Code, Statement: a.Statement}) + " — " + mdInline(a.WithReviewer())
			if a.Flagged {
				line += "; flagged as a priority"
			}
			p("%s\n", line)
			if a.Note != "" {
				p("  Note: %s\n", strings.ReplaceAll(mdPara(a.Note), "\n", "\n  "))
			}
		}
		p("\n")
	}

	p("## About this record\n\n")
	mdKV(&b, d.About)
	_, err := w.Write(b.Bytes())
	return err
}

func orNotWritten(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(not written)"
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func needDetail(n needView) string {
	parts := []string{"rated " + n.Rating}
	if n.Target != "" {
		parts = append(parts, "target "+n.Target)
	}
	if n.Gap > 0 {
		parts = append(parts, fmt.Sprintf("gap %d", n.Gap))
	}
	if n.Flagged {
		parts = append(parts, "flagged as a priority")
	}
	return strings.Join(parts, "; ")
}

func evidenceLine(e evidenceView) string {
	var parts []string
	if e.Description != "" {
		parts = append(parts, e.Description)
	}
	if e.File != "" {
		f := "file " + e.File
		if e.SHA256 != "" {
			f += ", SHA-256 " + e.SHA256
		}
		if e.Size != "" {
			f += ", " + e.Size
		}
		parts = append(parts, f)
	}
	return strings.Join(parts, " — ")
}

func mdKV(b *bytes.Buffer, rows []kv) {
	n := 0
	for _, r := range rows {
		if strings.TrimSpace(r.Value) == "" {
			continue
		}
		fmt.Fprintf(b, "- %s: %s\n", r.Label, mdInline(r.Value))
		n++
	}
	if n > 0 {
		b.WriteString("\n")
	}
}

func mdGoal(b *bytes.Buffer, g goalView, h string) {
	fmt.Fprintf(b, "%s %s: %s\n\n", h, mdInline(g.ID), mdInline(g.Objective))
	list := func(label string, xs []string) {
		if len(xs) == 0 {
			return
		}
		fmt.Fprintf(b, "- %s:\n", label)
		for _, x := range xs {
			fmt.Fprintf(b, "  - %s\n", mdInline(x))
		}
	}
	list("Competences", g.Competences)
	list("Activities", g.Activities)
	list("Resources", g.Resources)
	for _, r := range []kv{{"Target date", g.TargetDate}, {"Success measure", g.SuccessMeasure}, {"Status", g.Status}} {
		if r.Value != "" {
			fmt.Fprintf(b, "- %s: %s\n", r.Label, mdInline(r.Value))
		}
	}
	b.WriteString("\n")
}

func mdCode(c codeView) string {
	if c.Statement == "" {
		return "**" + mdInline(c.Code) + "**"
	}
	return "**" + mdInline(c.Code) + "** " + mdInline(c.Statement)
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "#", `\#`, "~", `\~`,
)

// mdInline escapes text for use inside a Markdown line: characters that
// Markdown would read as markup are backslash-escaped, and line breaks
// become spaces.
func mdInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = mdEscaper.Replace(s)
	// A line that starts with a list marker or a number and a dot would
	// become a list item.
	if len(s) > 0 && strings.ContainsRune("-+=", rune(s[0])) {
		s = `\` + s
	}
	return s
}

// mdCell escapes text for a table cell.
func mdCell(s string) string { return mdInline(s) }

// mdPara escapes multi-line text: paragraphs (blank-line separated) are
// kept; single line breaks become Markdown hard breaks (two spaces).
func mdPara(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	var paras []string
	for _, para := range strings.Split(s, "\n\n") {
		var lines []string
		for _, line := range strings.Split(para, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			l := mdInline(line)
			if n := numberedPrefix(l); n > 0 {
				l = l[:n-1] + `\.` + l[n:]
			}
			lines = append(lines, l)
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "  \n"))
		}
	}
	return strings.Join(paras, "\n\n")
}

// numberedPrefix returns the index just past "12." at the start of s, or 0.
func numberedPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && s[i] == '.' {
		return i + 1
	}
	return 0
}

// mdSummary writes the summary a confirmer reads first, alone.
func mdSummary(b *bytes.Buffer, d *recordDoc) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	s := d.Summary
	p("*Summary for the reader and the confirmer.*\n\n")
	mdKV(b, s.Who)
	mdKV(b, s.Activity)
	p("**Status: %s.** %s\n\n", mdInline(s.Status), mdInline(s.Anonymised))
	for i, f := range s.Frameworks {
		note := ""
		if i < len(s.Notices) {
			note = " " + s.Notices[i]
		}
		p("Assessed against %s.%s\n\n", mdInline(f), mdInline(note))
	}
	p("## Scores\n\n")
	if d.Scored {
		o := d.Overall
		p("**Overall:** mean %s (%s), %s; coverage %s (%s).\n\n", o.Mean, mdInline(o.Level), o.Percent, o.Coverage, o.Counts)
		for _, x := range d.Domains {
			below := ""
			if x.Below {
				below = ", below target"
			}
			p("- %s %s: %s of %d%s%s\n", x.Code, mdInline(x.Title), x.Mean, d.ScaleMax, map[bool]string{true: ", target " + x.Target, false: ""}[x.Target != ""], below)
		}
		p("\n")
	} else {
		p("This record has no scores yet.\n\n")
	}
	p("## Most pressing development needs\n\n")
	if len(s.TopNeeds) == 0 {
		p("None: nothing was rated below its target or flagged.\n\n")
	}
	for _, n := range s.TopNeeds {
		p("%d. %s (%s)\n", n.Rank, mdCode(codeView{Code: n.Code, Statement: n.Statement}), needDetail(n))
	}
	if s.MoreNeeds > 0 {
		p("\nand %d more.\n", s.MoreNeeds)
	}
	p("\n## Reflection")
	if s.ModelTitle != "" {
		p(" (%s)", mdInline(s.ModelTitle))
	}
	p("\n\n")
	if len(s.Sections) == 0 {
		p("%s\n\n", d.Empty(record.SectionReflection, "Not written yet."))
	}
	for _, sec := range s.Sections {
		p("### %s\n\n%s\n\n", mdInline(sec.Title), mdPara(orNotWritten(sec.Text)))
	}
	p("## Development plan\n\n")
	if len(s.Goals) == 0 {
		p("%s\n\n", d.Empty(record.SectionPlan, "No goals yet."))
	}
	for _, g := range s.Goals {
		p("- %s", mdInline(g.Objective))
		if g.TargetDate != "" {
			p(" (by %s)", g.TargetDate)
		}
		p("\n")
	}
	p("\n## Supervisor's review\n\n")
	if !s.Reviewed {
		p("Not reviewed yet.\n")
	}
	for _, v := range s.Verdict {
		p("%s\n\n", mdInline(v))
	}
}
