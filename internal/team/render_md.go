package team

import (
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/report"
)

// Markdown writes the report as GitHub-flavoured Markdown.
func Markdown(w io.Writer, r *Report) error {
	var b strings.Builder
	e := report.MDEscape
	c := report.MDCell
	b.WriteString("# Team training needs\n\n" + e(r.Method()) + "\n\n")
	if wn := r.Warning(); wn != "" {
		b.WriteString("> **" + e(wn) + "**\n\n")
	}
	if r.TooFew {
		b.WriteString(e(r.tooFew()) + "\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString(e(r.ReadLine()) + "\n\n")
	for _, f := range r.Frameworks {
		b.WriteString("- " + e(f.Title) + ": " + e(r.cellText(f.Records)) + "\n")
	}
	b.WriteString("\n## Top training needs\n\n" + e(r.RankLine()) + "\n\n")
	if len(r.TopNeeds) == 0 {
		b.WriteString("None that can be shown.\n")
	}
	for _, n := range r.TopNeeds {
		fmt.Fprintf(&b, "%d. **%s %s**: %s\n", n.Rank, n.Code, e(n.Title), e(r.peopleText(n)))
		for _, cn := range n.Competences {
			fmt.Fprintf(&b, "   - %s %s (%d)\n", cn.Code, e(cn.Statement), cn.People.N)
		}
		if n.HiddenCompetencesPresent {
			b.WriteString("   - *competences needed by too few people to show are left out*\n")
		}
		for _, res := range n.Resources {
			b.WriteString("   - Resource: " + e(resourceLine(res)) + "\n")
		}
	}
	if wl := r.WithheldLine(); wl != "" {
		b.WriteString("\n> " + e(wl) + "\n")
	}
	for i := range r.Breakdowns {
		bd := &r.Breakdowns[i]
		b.WriteString("\n## " + DimTitle(bd.Dim) + "\n\n" + e(r.BreakdownNote(bd)) + "\n\n")
		if len(bd.Groups) == 0 {
			b.WriteString("No group has enough records to show.\n")
			continue
		}
		b.WriteString("| area |")
		for _, g := range bd.Groups {
			fmt.Fprintf(&b, " %s (%d) |", c(g.Label), g.Records)
		}
		b.WriteString("\n|---|" + strings.Repeat("---:|", len(bd.Groups)) + "\n")
		for _, row := range bd.Rows {
			fmt.Fprintf(&b, "| %s %s |", row.Code, c(row.Title))
			for _, cell := range row.Cells {
				fmt.Fprintf(&b, " %s |", cellPair(cell))
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n## Areas\n\n| area | assessed | mean | levels | below target | with a need here |\n|---|---:|---:|---|---:|---:|\n")
	calib := false
	for _, row := range r.Areas {
		if row.RowSuppressed {
			fmt.Fprintf(&b, "| %s %s | fewer than %d: suppressed | | | | |\n", row.Code, c(row.Title), r.MinGroup)
			continue
		}
		fmt.Fprintf(&b, "| %s %s | %d | %.2f | %s | %s | %s |\n", row.Code, c(row.Title), row.Assessed.N, row.Mean, c(row.levelsText()),
			c(r.shareText(row.Below, row.BelowShare)), c(r.shareText(row.WithNeed, row.NeedShare)))
		calib = calib || row.Calibration != nil
	}
	if calib {
		b.WriteString("\n## Calibration: self − reviewer\n\n" + e(CalibrationNote) + "\n\n")
		for _, row := range r.Areas {
			if row.Calibration != nil {
				fmt.Fprintf(&b, "- %s %s: %s\n", row.Code, e(row.Title), e(r.CalibrationText(row.Calibration)))
			}
		}
	}
	b.WriteString("\n" + e(report.SupportLine) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}
