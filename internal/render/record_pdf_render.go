// The page-by-page layout of the PDF record: the summary a confirmer reads
// first (at most two pages), then the record in full as an appendix,
// drawn with the blocks in record_pdf_blocks.go.

package render

import (
	"fmt"
	"github.com/reflect-cpd/reflect/internal/record"
)

// render draws the whole document and returns the page the summary ended
// on.
func (p *pdfDoc) render(d *recordDoc) int {
	f := p.f
	f.AddPage()
	p.summary(d, d.Summary)
	summaryEnd := f.PageNo()
	if d.SummaryOnly {
		f.Ln(3)
		p.text("This is the summary only. The full record (every rating and note, the frameworks' details, the review in full) is in the export without --summary.", "I", pdfMuted)
		return summaryEnd
	}
	f.AddPage()
	p.h1("Appendix: the record in full")
	p.font("", 10, pdfMuted)
	f.MultiCell(0, 5, "Everything the record holds, section by section, ending with every answer.", "", "L", false)
	f.Ln(1)

	p.h2("Practitioner")
	if len(d.Practitioner) == 0 {
		p.text(d.Empty(record.SectionPractitioner, "Not given."), "I", pdfMuted)
	}
	p.kv(d.Practitioner)

	p.h2("Frameworks")
	for _, fw := range d.Frameworks {
		p.h3(fw.Title)
		p.kv([]kv{{"Id", fw.ID}, {"Version", fw.Version}, {"Content digest", fw.DigestShort + " (SHA-256, first 12 digits)"},
			{"Assessed", fw.Scope}, {"Based on", fw.BasedOn}, {"Official source", fw.OfficialURL}})
		n := fw.Notice
		if fw.Wording != "" {
			n += "\n" + fw.Wording
		}
		p.notice(n, pdfAccent)
		if fw.VersionNote != "" {
			p.notice(fw.VersionNote, pdfBelow)
		}
	}

	p.h2("Scores")
	if !d.Scored {
		p.text("This record has no scores yet.", "I", pdfMuted)
	} else {
		p.text("Rating scale: "+d.Scale+". Means leave out N/A and unanswered; the percentage is the mean as a share of the top of the scale; coverage is the share of what applies that has a rating.", "", pdfMuted)
		o := d.Overall
		if o.HasMean {
			p.text(fmt.Sprintf("Overall: mean %s (%s), %s of the top of the scale; coverage %s (%s).", o.Mean, o.Level, o.Percent, o.Coverage, o.Counts), "B", pdfInk)
		} else {
			p.text("Overall: nothing rated yet ("+o.Counts+").", "B", pdfInk)
		}
		p.charts(d)
		p.h3("Domains")
		var rows [][]string
		for _, s := range d.Domains {
			rows = append(rows, []string{s.Code + " " + s.Title, s.Mean, s.Level, s.Percent, dash(s.Target), s.Coverage})
		}
		p.table([]pdfCol{{"Domain", .42, false}, {"Mean", .09, true}, {"Level", .17, false}, {"Percent", .11, true}, {"Target", .09, true}, {"Coverage", .12, true}}, rows, nil)
		p.h3("Areas")
		rows = nil
		for _, s := range d.Areas {
			rows = append(rows, []string{s.Code + " " + s.Title, s.Mean, s.Level, dash(s.Target), dash(s.Gap), s.Coverage})
		}
		p.table([]pdfCol{{"Area", .40, false}, {"Mean", .08, true}, {"Level", .16, false}, {"Target", .08, true}, {"Gap", .17, false}, {"Coverage", .11, true}}, rows,
			func(r, c int) bool { return c == 4 && d.Areas[r].Below })
		p.h3("Not applicable")
		if len(d.NA) == 0 {
			p.text("None.", "I", pdfMuted)
		}
		for _, c := range d.NA {
			p.codeLine(c, c.Detail)
		}
		if len(d.Unanswered) > 0 {
			p.h3("Not answered")
			for _, c := range d.Unanswered {
				p.codeLine(c, "")
			}
		}
		p.h3("Development needs, ranked")
		if len(d.Needs) == 0 {
			p.text("None: nothing was rated below its target or flagged.", "I", pdfMuted)
		}
		for _, n := range d.Needs {
			p.need(2 * pdfLineH)
			p.font("B", pdfBody, pdfInk)
			f.CellFormat(7, pdfLineH, fmt.Sprintf("%d.", n.Rank), "", 0, "L", false, 0, "")
			p.font("", pdfBody, pdfInk)
			f.MultiCell(p.contentW-7, pdfLineH, n.Code+" "+oneLine(n.Statement), "", "L", false)
			p.font("", 9, pdfMuted)
			f.SetX(pdfMargin + 7)
			f.MultiCell(p.contentW-7, 4.5, needDetail(n), "", "L", false)
			f.Ln(1)
		}
		if len(d.Strengths) > 0 {
			p.h3("Strengths")
			for _, c := range d.Strengths {
				p.codeLine(c, c.Detail)
			}
		}
	}

	p.h2("Reflection")
	if d.ModelTitle != "" {
		p.text("Model: "+d.ModelTitle, "", pdfInk)
	}
	if len(d.Focus) > 0 {
		p.text("Needs reflected on:", "", pdfInk)
		for _, c := range d.Focus {
			p.codeLine(c, "")
		}
		f.Ln(1)
	}
	if len(d.Sections) == 0 {
		p.text(d.Empty(record.SectionReflection, "Not written yet."), "I", pdfMuted)
	}
	if !d.Summary.Shortened && len(d.Sections) > 0 {
		p.text("The reflection is in the summary, word for word. The questions it answers:", "", pdfInk)
		for _, s := range d.Sections {
			p.bullet(s.Title+": "+s.Prompt, 0)
		}
	} else {
		for _, s := range d.Sections {
			p.h3(s.Title)
			p.text(s.Prompt, "I", pdfMuted)
			if s.Text == "" {
				p.text("(not written)", "I", pdfMuted)
			} else {
				p.text(s.Text, "", pdfInk)
			}
		}
	}

	p.h2("Benefit to the people I support")
	if d.Benefit == "" {
		p.text(d.Empty(record.SectionBenefit, "(not written)"), "I", pdfMuted)
	} else {
		p.text(d.Benefit, "", pdfInk)
	}

	p.h2("Links to standards")
	if len(d.Standards) == 0 {
		p.text(d.Empty(record.SectionStandards, "None chosen."), "I", pdfMuted)
	}
	for _, g := range d.Standards {
		p.h3(g.Title)
		for _, it := range g.Items {
			p.bullet(it, 0)
		}
	}

	p.h2("Personal development plan")
	if len(d.Plan) == 0 {
		p.text(d.Empty(record.SectionPlan, "No goals yet."), "I", pdfMuted)
	}
	for _, g := range d.Plan {
		p.goal(g)
	}

	p.h2("CPD activity")
	p.kv([]kv{{"Title", d.ActivityTitle}, {"Dates", d.Dates}, {"Method", d.Method}, {"Activity type", d.ActivityType}, {"Hours", d.Hours}, {"Participatory hours", d.ParticipatoryHours}})
	if len(d.Evidence) > 0 {
		p.h3("Evidence")
		p.text("Files are recorded by name and SHA-256, not copied.", "I", pdfMuted)
		for _, e := range d.Evidence {
			p.bullet(evidenceLine(e), 0)
		}
	}

	p.h2("Anonymisation")
	bar := pdfAccent
	if !d.AnonOK {
		bar = pdfBelow
	}
	p.notice(d.Anonymisation, bar)

	if len(d.Reviews) > 0 {
		p.h2("Supervisor's review")
		for _, rv := range d.Reviews {
			if len(d.Reviews) > 1 {
				p.h3(fmt.Sprintf("Review %d", rv.Number))
			}
			p.kv([]kv{{"Reviewer", rv.Reviewer}, {"Date", rv.Date}})
			p.notice(rv.Statement, pdfAccent)
			if rv.Comments != "" {
				p.text(rv.Comments, "", pdfInk)
			}
			for _, nc := range rv.NeedComments {
				p.bullet("On "+nc.Label+": "+nc.Value, 0)
			}
			if len(rv.Ratings) > 0 {
				p.text("The reviewer's own ratings, beside the practitioner's (never averaged):", "", pdfInk)
				var rows [][]string
				for _, c := range rv.Ratings {
					rows = append(rows, []string{c.Code, c.Statement, c.Self, c.Reviewer, c.Difference})
				}
				p.table([]pdfCol{{"Code", .13, false}, {"Competence", .39, false}, {"Practitioner", .16, false}, {"Reviewer", .16, false}, {"Difference", .16, false}}, rows, nil)
			}
			p.text(rv.PlanDecision, "", pdfInk)
			for _, g := range rv.AgreedPlan {
				p.goal(g)
			}
			b := pdfAccent
			if !rv.Intact {
				b = pdfBelow
			}
			p.notice(rv.Integrity+" "+rv.Signature, b)
		}
	}

	if len(d.Answers) > 0 {
		p.h2("Every answer")
		var rows [][]string
		for _, a := range d.Answers {
			ans := a.WithReviewer()
			if a.Flagged {
				ans += "; flagged"
			}
			rows = append(rows, []string{a.Code, a.CompetenceText(), ans, a.Note})
		}
		p.table([]pdfCol{{"Code", .13, false}, {"Competence", .37, false}, {"Answer", .17, false}, {"Note", .33, false}}, rows, nil)
	}

	p.h2("About this record")
	p.kv(d.About)
	return summaryEnd
}

// summary draws the summary a confirmer reads first.
func (p *pdfDoc) summary(d *recordDoc, s summaryView) {
	f := p.f
	p.h1(d.Title)
	if d.Subtitle != "" {
		p.font("", 12, pdfMuted)
		f.MultiCell(0, 6, d.Subtitle, "", "L", false)
	}
	p.font("I", 9, pdfMuted)
	f.MultiCell(0, 4.5, "Summary for the reader and the confirmer. The record in full, with every rating, follows as an appendix.", "", "L", false)
	f.Ln(2)

	if len(s.Who) == 0 {
		p.kv([]kv{{"Practitioner", d.Empty(record.SectionPractitioner, "Not given")}})
	} else {
		p.kv(s.Who)
	}
	p.kv(s.Activity)
	bar := pdfAccent
	if !s.Complete || !s.AnonOK {
		bar = pdfBelow
	}
	p.notice("Status: "+s.Status+". "+s.Anonymised, bar)
	p.font("", 8.5, pdfMuted)
	for i, fw := range s.Frameworks {
		line := "Assessed against " + fw + "."
		if i < len(s.Notices) {
			line += " " + s.Notices[i]
		}
		f.MultiCell(0, 4, line, "", "L", false)
	}
	f.Ln(1)

	p.sh2("Scores")
	if !d.Scored {
		p.text("This record has no scores yet.", "I", pdfMuted)
	} else {
		o := d.Overall
		if o.HasMean {
			p.text(fmt.Sprintf("Overall: mean %s of %d (%s), %s; coverage %s (%s).", o.Mean, d.ScaleMax, o.Level, o.Percent, o.Coverage, o.Counts), "B", pdfInk)
		} else {
			p.text("Overall: nothing rated yet ("+o.Counts+").", "B", pdfInk)
		}
		p.charts(d)
	}

	p.sh2("Most pressing development needs")
	if len(s.TopNeeds) == 0 {
		p.text("None: nothing was rated below its target or flagged.", "I", pdfMuted)
	}
	for _, n := range s.TopNeeds {
		p.need(2 * pdfLineH)
		p.font("B", pdfBody, pdfInk)
		f.CellFormat(7, pdfLineH, fmt.Sprintf("%d.", n.Rank), "", 0, "L", false, 0, "")
		p.font("", pdfBody, pdfInk)
		f.MultiCell(p.contentW-7, pdfLineH, n.Code+" "+oneLine(n.Statement)+" ("+needDetail(n)+")", "", "L", false)
	}
	if s.MoreNeeds > 0 {
		p.text(fmt.Sprintf("and %s more, listed in the appendix.", plural(s.MoreNeeds, "need", "needs")), "I", pdfMuted)
	}

	title := "Reflection"
	if s.ModelTitle != "" {
		title += " (" + s.ModelTitle + ")"
	}
	p.sh2(title)
	if len(s.Sections) == 0 {
		p.text(d.Empty(record.SectionReflection, "Not written yet."), "I", pdfMuted)
	}
	for _, sec := range s.Sections {
		p.need(3 * pdfLineH)
		p.font("B", pdfBody, pdfInk)
		f.MultiCell(0, pdfLineH, sec.Title, "", "L", false)
		if sec.Text == "" {
			p.text("(not written)", "I", pdfMuted)
		} else {
			p.text(sec.Text, "", pdfInk)
		}
	}

	p.sh2("Development plan")
	if len(s.Goals) == 0 {
		p.text(d.Empty(record.SectionPlan, "No goals yet."), "I", pdfMuted)
	}
	for _, g := range s.Goals {
		line := oneLine(g.Objective)
		if w := g.When(); w != "" {
			line += " (" + w + ")"
		}
		if g.SuccessMeasure != "" {
			line += ". How they will know: " + oneLine(g.SuccessMeasure)
		}
		p.bullet(line, 0)
	}

	p.sh2("Supervisor's review")
	if !s.Reviewed {
		p.text("Not reviewed yet.", "I", pdfMuted)
	}
	for _, v := range s.Verdict {
		p.text(v, "", pdfInk)
	}
}
