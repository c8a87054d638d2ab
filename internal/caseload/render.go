package caseload

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/report"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Formats lists the report formats.
var Formats = []string{"text", "md", "html", "json"}

// Notice is printed on every caseload: it names people.
const Notice = "This view names your supervisees: keep it as you keep their records, and do not share it. For an anonymous view of a team, use reflect team."

// Write writes the caseload in a format.
func Write(w io.Writer, format string, c *Caseload, width int) error {
	switch format {
	case "text":
		return Text(w, c, width)
	case "md":
		return Markdown(w, c)
	case "html":
		return HTML(w, c)
	case "json":
		return JSON(w, c)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats, ", "))
}

// Text writes the caseload as plain text.
func Text(w io.Writer, c *Caseload, width int) error {
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	wrap := func(s, first, rest string) { b.WriteString(textutil.Wrap(s, width, first, rest) + "\n") }
	b.WriteString("CASELOAD\n")
	wrap(c.Summary(), "", "")
	wrap(Notice, "", "")
	for _, p := range c.People {
		b.WriteString("\n")
		mark := ""
		if p.Attention() {
			mark = "  [needs attention]"
		}
		wrap(textutil.ScreenSafe(p.Name)+mark, "", "  ")
		if who := p.Who(); who != "" {
			wrap(textutil.ScreenSafe(who), "  ", "    ")
		}
		wrap(fmt.Sprintf("Latest record: %s (%s, %s), %s read", p.Latest.ID, p.Date, p.Latest.Status, plural(p.Records, "record", "records")), "  ", "    ")
		wrap("Review: "+textutil.ScreenSafe(p.ReviewText()), "  ", "    ")
		wrap("Next review due: "+p.WhenText(), "  ", "    ")
		if len(p.OverdueGoals) == 0 {
			b.WriteString("  Goals past their target date: none\n")
		} else {
			b.WriteString("  Goals past their target date:\n")
			for _, g := range p.OverdueGoals {
				wrap(fmt.Sprintf("%s (target %s, %s over; %s)", textutil.ScreenSafe(g.Objective), g.TargetDate, plural(g.DaysOver, "day", "days"), g.Status), "    - ", "      ")
			}
		}
		for i, ch := range p.Changes {
			first := "  Since the last review: "
			if i > 0 {
				first = "    "
			}
			wrap(textutil.ScreenSafe(ch), first, "    ")
		}
		if ct := p.CalibrationText(); ct != "" {
			wrap(ct, "  ", "    ")
		}
	}
	b.WriteString("\n")
	wrap(report.SupportLine, "", "")
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown writes the caseload as Markdown.
func Markdown(w io.Writer, c *Caseload) error {
	e := report.MDEscape
	var b strings.Builder
	b.WriteString("# Caseload\n\n" + e(c.Summary()) + "\n\n> " + e(Notice) + "\n\n")
	b.WriteString("| supervisee | latest record | review | next review due | goals past their date |\n|---|---|---|---|---:|\n")
	for _, p := range c.People {
		fmt.Fprintf(&b, "| %s | %s (%s) | %s | %s | %d |\n", report.MDCell(p.Name), p.Latest.ID, p.Date, report.MDCell(p.ReviewText()), report.MDCell(p.WhenText()), len(p.OverdueGoals))
	}
	for _, p := range c.People {
		b.WriteString("\n## " + e(p.Name) + "\n\n")
		if who := p.Who(); who != "" {
			b.WriteString(e(who) + "\n\n")
		}
		fmt.Fprintf(&b, "- Latest record: `%s` (%s, %s), %s read\n- Review: %s\n- Next review due: %s\n", p.Latest.ID, p.Date, p.Latest.Status, plural(p.Records, "record", "records"), e(p.ReviewText()), e(p.WhenText()))
		for _, g := range p.OverdueGoals {
			fmt.Fprintf(&b, "- Goal past its date: %s (target %s, %s over; %s)\n", e(g.Objective), g.TargetDate, plural(g.DaysOver, "day", "days"), g.Status)
		}
		if len(p.Changes) > 0 {
			b.WriteString("- Since the last review: " + e(strings.Join(p.Changes, " ")) + "\n")
		}
		if ct := p.CalibrationText(); ct != "" {
			b.WriteString("- " + e(ct) + "\n")
		}
	}
	b.WriteString("\n" + e(report.SupportLine) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

type jGoal struct {
	Objective  string `json:"objective"`
	TargetDate string `json:"target_date"`
	DaysOver   int    `json:"days_over"`
	Status     string `json:"status"`
}

type jPerson struct {
	Name          string   `json:"name"`
	Profession    string   `json:"profession,omitempty"`
	Role          string   `json:"role,omitempty"`
	Setting       string   `json:"setting,omitempty"`
	Registration  string   `json:"registration,omitempty"`
	Records       int      `json:"records"`
	Latest        string   `json:"latest_record"`
	File          string   `json:"file"`
	Date          string   `json:"date"`
	Status        string   `json:"status"`
	Reviewed      bool     `json:"reviewed"`
	ReviewDate    string   `json:"review_date,omitempty"`
	Reviewer      string   `json:"reviewer,omitempty"`
	Verdict       string   `json:"verdict"`
	NextReview    string   `json:"next_review_due,omitempty"`
	NextWhy       string   `json:"next_review_reason,omitempty"`
	ReviewOverdue bool     `json:"review_overdue"`
	OverdueGoals  []jGoal  `json:"goals_past_target"`
	Changes       []string `json:"since_last_review"`
	Rated         int      `json:"reviewer_rated,omitempty"`
	GapMean       *float64 `json:"self_minus_reviewer,omitempty"`
}

// JSON writes the caseload as JSON.
func JSON(w io.Writer, c *Caseload) error {
	type out struct {
		Report         string    `json:"report"`
		Today          string    `json:"today"`
		Notice         string    `json:"notice"`
		ReviewsOverdue int       `json:"reviews_overdue"`
		GoalsOverdue   int       `json:"people_with_goals_past_target"`
		People         []jPerson `json:"supervisees"`
	}
	o := out{Report: "reflect-caseload", Today: c.Today, Notice: Notice, ReviewsOverdue: c.ReviewsOverdue, GoalsOverdue: c.GoalsOverdue, People: []jPerson{}}
	for _, p := range c.People {
		jp := jPerson{Name: p.Name, Profession: p.Profession, Role: p.Role, Setting: p.Setting, Registration: p.Registration, Records: p.Records,
			Latest: p.Latest.ID, File: p.LatestPath, Date: p.Date, Status: p.Latest.Status, Reviewed: p.Reviewed, ReviewDate: p.ReviewDate, Reviewer: p.Reviewer,
			Verdict: p.VerdictWords, NextReview: p.NextReview, NextWhy: p.NextReviewReason, ReviewOverdue: p.ReviewOverdue, OverdueGoals: []jGoal{}, Changes: p.Changes, Rated: p.Rated}
		if p.Rated > 0 {
			g := math.Round(p.GapMean*100) / 100
			jp.GapMean = &g
		}
		for _, g := range p.OverdueGoals {
			jp.OverdueGoals = append(jp.OverdueGoals, jGoal{g.Objective, g.TargetDate, g.DaysOver, g.Status})
		}
		o.People = append(o.People, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(o)
}

const pageCSS = `body{margin:0;color:#1a202c;background:#fff;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:68rem;margin:0 auto;padding:1.6rem 1.2rem 3rem}
h1{font-size:1.7rem;margin:0 0 .4rem;color:#1f4e79}
h2{font-size:1.2rem;margin:1.8rem 0 .4rem;padding-bottom:.2rem;border-bottom:2px solid #1f4e79}
.muted{color:#4a5568}
.note{border-left:4px solid #1f4e79;background:#f4f6f8;padding:.5rem .8rem;margin:.6rem 0 1rem}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #cbd5e0}
th{background:#f4f6f8}
td.n{text-align:right}
.code{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.85em}
.due{color:#9c3d12;font-weight:600}
.ok{color:#22543d}
.tag{display:inline-block;margin-left:.5rem;padding:0 .4rem;border-radius:.2rem;background:#fdf1ec;color:#9c3d12;font-size:.8rem;font-weight:600}
footer{margin-top:2.5rem;font-size:.85rem;color:#4a5568;border-top:1px solid #cbd5e0;padding-top:.6rem}
@media print{@page{size:A4;margin:14mm}main{max-width:none;padding:0}tr{break-inside:avoid}}`

// CSP is the page's Content Security Policy: its own stylesheet, by hash,
// and nothing else.
var CSP = "default-src 'none'; style-src 'sha256-" + func() string {
	sum := sha256.Sum256([]byte(pageCSS))
	return base64.StdEncoding.EncodeToString(sum[:])
}() + "'; img-src 'none'; base-uri 'none'; form-action 'none'"

var htmlTmpl = lazy.HTML(func() *template.Template {
	return template.Must(template.New("caseload").Funcs(template.FuncMap{"plural": plural}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Caseload {{.C.Today}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<main>
<h1>Caseload</h1>
<p>{{.C.Summary}}</p>
<p class="note">{{.Notice}}</p>
<table><thead><tr><th>Supervisee</th><th>Latest record</th><th>Review</th><th>Next review due</th><th class="n">Goals past their date</th></tr></thead><tbody>
{{range .C.People}}<tr><td>{{.Name}}{{if .Attention}}<span class="tag">needs attention</span>{{end}}</td><td><span class="code">{{.Latest.ID}}</span> {{.Date}}</td><td>{{.ReviewText}}</td><td{{if .ReviewOverdue}} class="due"{{end}}>{{.WhenText}}</td><td class="n{{if .OverdueGoals}} due{{end}}">{{len .OverdueGoals}}</td></tr>
{{end}}</tbody></table>
{{range .C.People}}<section>
<h2>{{.Name}}</h2>
{{with .Who}}<p class="muted">{{.}}</p>{{end}}
<ul>
<li>Latest record <span class="code">{{.Latest.ID}}</span> ({{.Date}}, {{.Latest.Status}}); {{plural .Records "record" "records"}} read</li>
<li>Review: {{.ReviewText}}</li>
<li>Next review due: <span{{if .ReviewOverdue}} class="due"{{end}}>{{.WhenText}}</span></li>
{{if .OverdueGoals}}<li>Goals past their target date:<ul>{{range .OverdueGoals}}<li class="due">{{.Objective}} (target {{.TargetDate}}, {{plural .DaysOver "day" "days"}} over; {{.Status}})</li>{{end}}</ul></li>{{else}}<li class="ok">No goal past its target date</li>{{end}}
{{with .Changes}}<li>Since the last review: {{range .}}{{.}} {{end}}</li>{{end}}
{{with .CalibrationText}}<li>{{.}}</li>{{end}}
</ul>
</section>
{{end}}
<footer><p>Made by reflect on this computer; nothing was sent anywhere.</p><p>{{.Support}}</p></footer>
</main>
</body>
</html>
`))
})

// HTML writes the caseload as one self-contained page.
func HTML(w io.Writer, c *Caseload) error {
	return htmlTmpl.Execute(w, struct {
		CSP, Notice, Support string
		CSS                  template.CSS
		C                    *Caseload
	}{CSP, Notice, report.SupportLine, template.CSS(pageCSS), c})
}
