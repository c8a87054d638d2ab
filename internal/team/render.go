package team

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/report"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Suppressed is how a suppressed count is written.
const Suppressed = "suppressed"

func (c Cell) String() string {
	if c.Suppressed {
		return Suppressed
	}
	return strconv.Itoa(c.N)
}

func (r *Report) method() string {
	return fmt.Sprintf("Anonymous by design: no names, record ids or file names. Any count describing fewer than %d people is suppressed, and so are other counts that would let it be worked out from a total. Each person counts once, from the newest copy of their record; records still in progress are left out. A person's level in an area is their mean rating there, rounded to the nearest level.", r.MinGroup)
}

func (r *Report) tooFew() string {
	return fmt.Sprintf("Fewer than %d complete records were read, so nothing can be shown without risking identifying people. Add more records, or (with care) lower --min-group.", r.MinGroup)
}

func (row AreaRow) levelsText() string {
	var parts []string
	for _, l := range row.Levels {
		name := strconv.Itoa(l.Value)
		if l.Label != "" {
			name += " " + l.Label
		}
		parts = append(parts, name+": "+l.Cell.String())
	}
	return strings.Join(parts, "; ")
}

func (row AreaRow) belowText() string {
	if row.Below.Suppressed {
		return Suppressed
	}
	return fmt.Sprintf("%d (%.1f%%)", row.Below.N, row.BelowShare)
}

// Text writes the report as plain text.
func Text(w io.Writer, r *Report, width int) error {
	var b strings.Builder
	b.WriteString("TEAM TRAINING NEEDS\n")
	b.WriteString(textutil.Wrap(r.method(), width, "", "") + "\n\n")
	if r.TooFew {
		b.WriteString(textutil.Wrap(r.tooFew(), width, "", "") + "\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "Records: %d\n", r.Stats.Records)
	for _, f := range r.Frameworks {
		fmt.Fprintf(&b, "  %s: %s\n", f.Title, f.Records)
	}
	b.WriteString("\nAREAS\n")
	for _, row := range r.Areas {
		b.WriteString(textutil.Wrap(row.Code+" "+row.Title, width, "  ", "    ") + "\n")
		if row.RowSuppressed {
			fmt.Fprintf(&b, "    Assessed by fewer than %d people: suppressed\n", r.MinGroup)
			continue
		}
		fmt.Fprintf(&b, "    Assessed: %d   Mean: %.2f   Below target: %s   With a need here: %s\n", row.Assessed.N, row.Mean, row.belowText(), row.WithNeed)
		b.WriteString(textutil.Wrap("Levels: "+row.levelsText(), width, "    ", "      ") + "\n")
	}
	b.WriteString("\nTOP TRAINING NEEDS\n")
	if len(r.TopNeeds) == 0 {
		b.WriteString("  None that can be shown.\n")
	}
	for _, n := range r.TopNeeds {
		b.WriteString(textutil.Wrap(fmt.Sprintf("%s %s: %d of %d people (%.1f%%)", n.Code, n.Title, n.People, n.Assessed, n.Share), width, fmt.Sprintf("  %d. ", n.Rank), "     ") + "\n")
		for _, c := range n.Competences {
			b.WriteString(textutil.Wrap(fmt.Sprintf("%s %s (%d)", c.Code, c.Statement, c.People), width, "     - ", "       ") + "\n")
		}
		if n.HiddenCompetencesPresent {
			b.WriteString("     (competences needed by too few people to show are left out)\n")
		}
		for _, res := range n.Resources {
			line := res.Title + ", " + res.Provider
			if res.URL != "" {
				line += ", " + res.URL
			}
			line += " (" + res.Kind + ", " + res.Cost + ")"
			b.WriteString(textutil.Wrap(line, width, "     Resource: ", "       ") + "\n")
		}
	}
	b.WriteString("\n" + textutil.Wrap(report.SupportLine, width, "", "") + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// CSV writes the report as one table, safe to open in a spreadsheet. Each
// row is an area (kind "area") or a competence in the top needs (kind
// "competence"); suppressed counts are written as "suppressed".
func CSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	maxLevels := 0
	for _, row := range r.Areas {
		maxLevels = max(maxLevels, len(row.Levels))
	}
	head := []string{"kind", "framework", "area", "code", "title", "assessed", "mean", "below_target", "below_target_percent", "with_need"}
	for i := 1; i <= maxLevels; i++ {
		head = append(head, fmt.Sprintf("level_%d", i), fmt.Sprintf("level_%d_count", i))
	}
	head = append(head, "min_group")
	if err := cw.Write(head); err != nil {
		return err
	}
	write := func(cells []string) error {
		for i := range cells {
			cells[i] = report.CSVCell(cells[i])
		}
		return cw.Write(cells)
	}
	mg := strconv.Itoa(r.MinGroup)
	if r.TooFew {
		cells := make([]string, len(head))
		cells[0], cells[4], cells[len(cells)-1] = "note", r.tooFew(), mg
		if err := write(cells); err != nil {
			return err
		}
	}
	for _, row := range r.Areas {
		cells := []string{"area", row.Framework, row.Code, row.Code, row.Title, row.Assessed.String(), "", "", "", ""}
		if row.RowSuppressed {
			for i := 6; i < 10; i++ {
				cells[i] = Suppressed
			}
		} else {
			cells[6] = strconv.FormatFloat(row.Mean, 'f', 2, 64)
			cells[7] = row.Below.String()
			if !row.Below.Suppressed {
				cells[8] = strconv.FormatFloat(row.BelowShare, 'f', 1, 64)
			} else {
				cells[8] = Suppressed
			}
			cells[9] = row.WithNeed.String()
		}
		for i := 0; i < maxLevels; i++ {
			if i < len(row.Levels) {
				l := row.Levels[i]
				cells = append(cells, strings.TrimSpace(strconv.Itoa(l.Value)+" "+l.Label), l.Cell.String())
			} else if row.RowSuppressed {
				cells = append(cells, "", Suppressed)
			} else {
				cells = append(cells, "", "")
			}
		}
		cells = append(cells, mg)
		if err := write(cells); err != nil {
			return err
		}
	}
	for _, n := range r.TopNeeds {
		for _, c := range n.Competences {
			cells := make([]string, len(head))
			cells[0], cells[1], cells[2], cells[3], cells[4] = "competence", n.Framework, n.Code, c.Code, c.Statement
			cells[5], cells[9] = strconv.Itoa(n.Assessed), strconv.Itoa(c.People)
			cells[len(cells)-1] = mg
			if err := write(cells); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

var htmlTmpl = lazy.HTML(func() *template.Template {
	return template.Must(template.New("team").Parse(`{{.Head}}<h1>Team training needs</h1>
<p class="muted">{{.R.Method}}</p>
{{if .R.TooFew}}<p class="note">{{.TooFew}}</p>{{else}}
<p>Records: {{.R.Stats.Records}}{{range .R.Frameworks}}; {{.Title}}: {{.Records}}{{end}}</p>
<h2>Areas</h2>
<table><thead><tr><th>Area</th><th>Assessed</th><th>Mean</th><th>Levels</th><th>Below target</th><th>With a need here</th></tr></thead><tbody>
{{range .R.Areas}}<tr><td>{{.Code}} {{.Title}}</td>{{if .RowSuppressed}}<td class="sup" colspan="5">assessed by fewer than {{$.R.MinGroup}} people: suppressed</td>{{else}}<td class="n">{{.Assessed.N}}</td><td class="n">{{printf "%.2f" .Mean}}</td><td>{{range $i, $l := .Levels}}{{if $i}}<br>{{end}}<span class="nw">{{$l.Value}} {{$l.Label}}: {{if $l.Suppressed}}<span class="sup">suppressed</span>{{else}}{{$l.N}}{{end}}</span>{{end}}</td><td class="n">{{if .Below.Suppressed}}<span class="sup">suppressed</span>{{else}}{{.Below.N}} ({{printf "%.1f" .BelowShare}}%){{end}}</td><td class="n">{{if .WithNeed.Suppressed}}<span class="sup">suppressed</span>{{else}}{{.WithNeed.N}}{{end}}</td>{{end}}</tr>
{{end}}</tbody></table>
<h2>Top training needs</h2>
{{if not .R.TopNeeds}}<p>None that can be shown.</p>{{end}}<ol>
{{range .R.TopNeeds}}<li><strong>{{.Code}} {{.Title}}</strong>: {{.People}} of {{.Assessed}} people ({{printf "%.1f" .Share}}%)
{{if .Competences}}<ul>{{range .Competences}}<li>{{.Code}} {{.Statement}} ({{.People}})</li>{{end}}</ul>{{end}}{{if .HiddenCompetencesPresent}}<p class="muted">Competences needed by too few people to show are left out.</p>{{end}}
{{if .Resources}}<p>Resources:</p><ul>{{range .Resources}}<li>{{.Title}}, {{.Provider}}{{if .URL}}, <span>{{.URL}}</span>{{end}} ({{.Kind}}, {{.Cost}})</li>{{end}}</ul>{{end}}</li>
{{end}}</ol>{{end}}
<footer><p>Made by reflect on this computer; nothing was sent anywhere.</p><p>{{.Support}}</p></footer>
</body>
</html>
`))
})

// Method is the short statement of how the report was made.
func (r *Report) Method() string { return r.method() }

// HTML writes the report as one self-contained HTML page (no scripts, no
// external resources; a Content Security Policy forbids both).
func HTML(w io.Writer, r *Report) error {
	return htmlTmpl.Execute(w, struct {
		Head    template.HTML
		R       *Report
		TooFew  string
		Support string
	}{report.Head("Team training needs"), r, r.tooFew(), report.SupportLine})
}
