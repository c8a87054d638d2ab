package compare

import (
	"fmt"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"html/template"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/report"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

func meanStr(m Mean) string {
	if m.Rated == 0 {
		return "–"
	}
	if m.Label != "" {
		return fmt.Sprintf("%.2f %s", m.Mean, m.Label)
	}
	return fmt.Sprintf("%.2f", m.Mean)
}

func deltaStr(a AreaChange) string {
	switch a.Status {
	case Improved, Lower, Unchanged:
		if a.Status == Unchanged {
			return "0.00"
		}
		return fmt.Sprintf("%+.2f", a.Delta)
	}
	return ""
}

// Note describes the change in words.
func (a AreaChange) Note() string {
	s := a.Status
	if a.Status == Unchanged || a.Status == Improved || a.Status == Lower {
		if a.Old.Level != a.New.Level && a.Old.Label != "" && a.New.Label != "" {
			s += fmt.Sprintf(" (%s → %s)", a.Old.Label, a.New.Label)
		}
	}
	if len(a.Via) > 0 {
		s += fmt.Sprintf("; %d competences matched via %s", a.Matched, strings.Join(a.Via, ", "))
	}
	if len(a.Near) > 0 {
		s += "; close or related, not compared: " + strings.Join(a.Near, ", ")
	}
	return s
}

func needStr(n NeedChange) string {
	s := n.Code
	if n.OldCode != "" {
		s += " (was " + n.OldCode + ")"
	}
	s += " " + n.Statement
	var r []string
	if n.OldRating > 0 || n.NewRating > 0 {
		r = append(r, fmt.Sprintf("rating %s → %s", ratingStr(n.OldRating), ratingStr(n.NewRating)))
	}
	if n.Target > 0 {
		r = append(r, fmt.Sprintf("target %d", n.Target))
	}
	if len(r) > 0 {
		s += " (" + strings.Join(r, ", ") + ")"
	}
	return s
}

func ratingStr(v int) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprint(v)
}

// Heading is the comparison's title line.
func (res *Result) Heading() string {
	return fmt.Sprintf("Progress from %s (%s) to %s (%s)", res.Old.Date, strings.Join(res.Old.Frameworks, ", "), res.New.Date, strings.Join(res.New.Frameworks, ", "))
}

// Summary is the one-line overall change.
func (res *Result) Summary() string {
	return fmt.Sprintf("Overall mean: %.2f → %.2f (%d → %d competences rated)", res.Old.Overall, res.New.Overall, res.Old.Rated, res.New.Rated)
}

type section struct {
	title string
	empty string
	items []string
}

func (res *Result) sections() []section {
	var out []section
	add := func(title, empty string, ns []NeedChange) {
		s := section{title: title, empty: empty}
		for _, n := range ns {
			s.items = append(s.items, needStr(n))
		}
		out = append(out, s)
	}
	add("Needs met", "None of the earlier needs is met yet.", res.NeedsMet)
	add("New needs", "No new needs.", res.NewNeeds)
	add("Needs still open", "None.", res.NeedsOpen)
	if len(res.NotReassesed) > 0 {
		add("Earlier needs not assessed this time", "", res.NotReassesed)
	}
	g := section{title: "Goals of the earlier plan", empty: "The earlier record had no plan."}
	for _, o := range res.Goals {
		s := fmt.Sprintf("%s: %s", o.Goal.Objective, o.Outcome)
		switch {
		case o.Outcome == GoalCarriedForward && o.NewStatus != "":
			s += " (now " + cpd.GoalStatusLabel(o.NewStatus) + ")"
		case o.Outcome == GoalDropped && o.Goal.Status == record.GoalDropped && o.NewStatus != "" && o.NewStatus != record.GoalDropped:
			s += " (the new plan takes it up again: " + cpd.GoalStatusLabel(o.NewStatus) + ")"
		}
		g.items = append(g.items, s)
	}
	out = append(out, g)
	if len(res.NewGoals) > 0 {
		ng := section{title: "New goals"}
		for _, goal := range res.NewGoals {
			s := goal.Objective
			if goal.TargetDate != "" {
				s += " (by " + goal.TargetDate + ")"
			}
			ng.items = append(ng.items, s)
		}
		out = append(out, ng)
	}
	return out
}

// gapStr is a gap as reports show it: "+1.00 over 3 (2 higher, 1 same)".
func gapStr(g *record.AreaGap) string {
	if g == nil {
		return "–"
	}
	return fmt.Sprintf("%+.2f over %d", g.Mean(), g.Compared)
}

// CalibrationNote explains the calibration table.
const CalibrationNote = "Self − reviewer: the practitioner's rating minus the reviewer's own rating (from the latest review that gives ratings), averaged over the competences both rated in the area; + means the practitioner rated themselves higher. The two ratings are never averaged together."

// Text writes the comparison as plain text wrapped to width.
func Text(w io.Writer, res *Result, width int) error {
	var b strings.Builder
	b.WriteString(res.Heading() + "\n")
	for _, wn := range res.Warnings {
		b.WriteString(textutil.Wrap(wn, width, "Note: ", "      ") + "\n")
	}
	b.WriteString(res.Summary() + "\n\nAREAS\n")
	codeW, titleW := 4, 5
	for _, a := range res.Areas {
		codeW = max(codeW, len(a.Code))
		titleW = max(titleW, min(36, len([]rune(a.Title))))
	}
	fmt.Fprintf(&b, "  %s  %s  %-16s  %-16s  %6s  %s\n", textutil.Pad("Area", codeW), textutil.Pad("Title", titleW), "Before", "Now", "Change", "")
	for _, a := range res.Areas {
		fmt.Fprintf(&b, "  %s  %s  %-16s  %-16s  %6s  %s\n", textutil.Pad(a.Code, codeW), textutil.Pad(textutil.Truncate(a.Title, titleW, "…"), titleW),
			meanStr(a.Old), meanStr(a.New), deltaStr(a), a.Note())
	}
	for _, s := range res.sections() {
		b.WriteString("\n" + strings.ToUpper(s.title) + "\n")
		if len(s.items) == 0 {
			b.WriteString("  " + s.empty + "\n")
		}
		for _, it := range s.items {
			b.WriteString(textutil.Wrap(it, width, "  - ", "    ") + "\n")
		}
	}
	if res.PlanSource != "" && len(res.Goals) > 0 {
		b.WriteString(textutil.Wrap("The earlier plan is "+res.PlanSource+".", width, "\n", "") + "\n")
	}
	if len(res.Calibration) > 0 {
		b.WriteString("\nCALIBRATION: SELF − REVIEWER\n")
		b.WriteString(textutil.Wrap(CalibrationNote, width, "", "") + "\n")
		fmt.Fprintf(&b, "  %s  %-14s  %-14s  %s\n", textutil.Pad("Area", codeW), "Before", "Now", "")
		for _, c := range res.Calibration {
			fmt.Fprintf(&b, "  %s  %-14s  %-14s  %s\n", textutil.Pad(c.Code, codeW), gapStr(c.Old), gapStr(c.New), c.Moved())
		}
	}
	lines := strings.Split(b.String(), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}

// Markdown writes the comparison as GitHub-flavoured Markdown.
func Markdown(w io.Writer, res *Result) error {
	var b strings.Builder
	b.WriteString("# " + report.MDEscape(res.Heading()) + "\n\n")
	for _, wn := range res.Warnings {
		b.WriteString("> **Note:** " + report.MDEscape(wn) + "\n>\n")
	}
	if len(res.Warnings) > 0 {
		b.WriteString("\n")
	}
	b.WriteString(report.MDEscape(res.Summary()) + "\n\n## Areas\n\n| Area | Title | Before | Now | Change | |\n|---|---|---|---|---:|---|\n")
	for _, a := range res.Areas {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", report.MDCell(a.Code), report.MDCell(a.Title), report.MDCell(meanStr(a.Old)), report.MDCell(meanStr(a.New)), deltaStr(a), report.MDCell(a.Note()))
	}
	for _, s := range res.sections() {
		b.WriteString("\n## " + s.title + "\n\n")
		if len(s.items) == 0 {
			b.WriteString(report.MDEscape(s.empty) + "\n")
		}
		for _, it := range s.items {
			b.WriteString("- " + report.MDEscape(it) + "\n")
		}
	}
	if res.PlanSource != "" && len(res.Goals) > 0 {
		b.WriteString("\nThe earlier plan is " + report.MDEscape(res.PlanSource) + ".\n")
	}
	if len(res.Calibration) > 0 {
		b.WriteString("\n## Calibration: self − reviewer\n\n" + report.MDEscape(CalibrationNote) + "\n\n| Area | Title | Before | Now | |\n|---|---|---|---|---|\n")
		for _, c := range res.Calibration {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", report.MDCell(c.Code), report.MDCell(c.Title), gapStr(c.Old), gapStr(c.New), c.Moved())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var htmlTmpl = lazy.HTML(func() *template.Template {
	return template.Must(template.New("compare").Funcs(template.FuncMap{
		"mean": meanStr, "delta": deltaStr, "gap": gapStr, "calnote": func() string { return CalibrationNote },
		"cls": func(a AreaChange) string {
			switch a.Status {
			case Improved:
				return "up"
			case Lower:
				return "down"
			}
			return ""
		},
	}).Parse(`{{.Head}}<h1>{{.R.Heading}}</h1>
{{range .R.Warnings}}<p class="note">{{.}}</p>
{{end}}<p>{{.R.Summary}}</p>
<h2>Areas</h2>
<table><thead><tr><th>Area</th><th>Title</th><th>Before</th><th>Now</th><th>Change</th><th></th></tr></thead><tbody>
{{range .R.Areas}}<tr><td>{{.Code}}</td><td>{{.Title}}</td><td>{{mean .Old}}</td><td>{{mean .New}}</td><td class="n {{cls .}}">{{delta .}}</td><td>{{.Note}}</td></tr>
{{end}}</tbody></table>
{{range .Sections}}<h2>{{.Title}}</h2>
{{if .Items}}<ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>{{else}}<p>{{.Empty}}</p>{{end}}
{{end}}{{if and .R.PlanSource .R.Goals}}<p class="muted">The earlier plan is {{.R.PlanSource}}.</p>{{end}}
{{with .R.Calibration}}<h2>Calibration: self − reviewer</h2>
<p class="muted">{{calnote}}</p>
<table><thead><tr><th>Area</th><th>Title</th><th>Before</th><th>Now</th><th></th></tr></thead><tbody>
{{range .}}<tr><td>{{.Code}}</td><td>{{.Title}}</td><td class="n">{{gap .Old}}</td><td class="n">{{gap .New}}</td><td>{{.Moved}}</td></tr>
{{end}}</tbody></table>{{end}}
<footer><p>Made by reflect on this computer; nothing was sent anywhere.</p><p>{{.Support}}</p></footer>
</body>
</html>
`))
})

// HTML writes the comparison as one self-contained HTML page.
func HTML(w io.Writer, res *Result) error {
	type sec struct {
		Title, Empty string
		Items        []string
	}
	var secs []sec
	for _, s := range res.sections() {
		secs = append(secs, sec{s.title, s.empty, s.items})
	}
	return htmlTmpl.Execute(w, struct {
		Head     template.HTML
		R        *Result
		Sections []sec
		Support  string
	}{report.Head(res.Heading()), res, secs, report.SupportLine})
}
