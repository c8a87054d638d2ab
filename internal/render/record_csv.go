package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// CSV tables.
const (
	CSVBoth    = "both"
	CSVLog     = "log"
	CSVRatings = "ratings"
)

// RecordCSV writes the CPD log row and then, after a blank line, one row
// per competence answered or asked, each table with its own header row.
// With opt.CSVTable "log" or "ratings" only that table is written, for
// importing into another spreadsheet.
//
// The file is UTF-8 with a byte order mark (so that Excel reads "Siân"
// correctly; LibreOffice, Numbers and Google Sheets ignore it) and CRLF
// line ends (RFC 4180). Any cell that a spreadsheet could run as a formula
// — one starting with = + - @, a tab or a carriage return, also after
// leading spaces — is prefixed with an apostrophe, as OWASP advises.
func RecordCSV(w io.Writer, r *record.Record, opt RecordOptions) error {
	d := buildRecordDoc(r, opt)
	var b bytes.Buffer
	if !opt.CSVNoBOM {
		b.WriteString("\ufeff")
	}
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	write := func(cells ...string) {
		for i := range cells {
			cells[i] = SafeCell(cells[i])
		}
		_ = cw.Write(cells)
	}
	table := opt.CSVTable
	switch table {
	case "", CSVBoth, CSVLog, CSVRatings:
	default:
		return fmt.Errorf("there is no CSV table %q (use %s, %s or %s)", table, CSVBoth, CSVLog, CSVRatings)
	}
	if table != CSVRatings {
		write(csvLogHeader...)
		write(csvLogRow(d)...)
	}
	if table == "" || table == CSVBoth {
		_ = cw.Write(nil)
	}
	if table != CSVLog {
		write("Record id", "Framework", "Domain", "Area", "Code", "Statement", "Rating", "Rating label", "Not applicable", "N/A reason", "Flagged", "Note", "Same competence in", "Area target", "Need rank", "Reviewer's rating")
		targets := map[string]string{}
		ranks := map[string]string{}
		if r.Scores != nil {
			for _, a := range r.Scores.Areas {
				if a.Target > 0 {
					targets[a.Code] = fmt.Sprint(a.Target)
				}
			}
			for _, n := range r.Scores.Needs {
				ranks[n.Code] = fmt.Sprint(n.Rank)
			}
		}
		for _, a := range d.Answers {
			write(r.ID, a.Framework, a.Domain, a.Area, a.Code, a.Statement, a.Rating, a.RatingLabel, yes(a.NA), a.NAReason, yes(a.Flagged), a.Note,
				strings.Join(a.Also, " "), targets[a.Area], ranks[a.Code], firstWord(a.Reviewer))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// The CPD log columns follow the NMC's CPD log (date, method, topic, link
// to the Code, hours, participatory hours) with the other regulators'
// standards and the evidence beside them.
var csvLogHeader = []string{"Record id", "Start date", "End date", "Activity", "CPD method", "Description of the topics covered",
	"Link to the NMC Code", "Other standards", "Hours", "Participatory hours", "Evidence", "Reflection written", "Development goals", "Reviewed by", "Anonymisation confirmed",
	"Practitioner", "Registration number", "Frameworks", "Provenance", "Overall mean", "Coverage"}

func csvLogRow(d *recordDoc) []string {
	r := d.R
	var fws []string
	for _, f := range d.Frameworks {
		fws = append(fws, fmt.Sprintf("%s version %s (%s)", f.Title, f.Version, f.Scope))
	}
	desc := "Self-assessment against " + strings.Join(fws, "; ") + "."
	if topics := needTopics(d); len(topics) > 0 {
		desc += " Topics: " + strings.Join(topics, "; ") + "."
	}
	var other []string
	for _, g := range d.Standards {
		if g.Scheme != cpd.SchemeNMC {
			other = append(other, g.Title+": "+strings.Join(g.Items, "; "))
		}
	}
	var ev []string
	for _, e := range d.Evidence {
		ev = append(ev, evidenceLine(e))
	}
	var goals []string
	for _, g := range d.Plan {
		goals = append(goals, g.ID+": "+g.Objective)
	}
	var reviewers []string
	for _, rv := range r.Reviews {
		reviewers = append(reviewers, rv.Reviewer.Name+" ("+rv.Date+")")
	}
	written := "no"
	for _, s := range d.Sections {
		if s.Text != "" {
			written = "yes"
		}
	}
	var fwRefs, notices []string
	for _, f := range d.Frameworks {
		fwRefs = append(fwRefs, fmt.Sprintf("%s %s (digest %s)", f.ID, f.Version, f.DigestShort))
		notices = append(notices, f.Notice)
	}
	mean, coverage := "", ""
	if d.Scored {
		mean, coverage = d.Overall.Mean, d.Overall.Coverage
		if !d.Overall.HasMean {
			mean = ""
		}
	}
	hours, part := "", ""
	if r.Activity.Hours > 0 {
		hours = num(r.Activity.Hours)
	}
	if r.Activity.ParticipatoryHours > 0 {
		part = num(r.Activity.ParticipatoryHours)
	}
	return []string{r.ID, r.Activity.StartDate, r.Activity.EndDate, r.Activity.Title, r.Activity.Method, desc,
		strings.Join(d.CodeThemes, "; "), strings.Join(other, " | "), hours, part, strings.Join(ev, " | "), written,
		strings.Join(goals, " | "), strings.Join(reviewers, "; "), yesNo(r.Anonymisation.Confirmed),
		r.Practitioner.Name, r.Practitioner.Registration, strings.Join(fwRefs, "; "), strings.Join(notices, " | "), mean, coverage}
}

// needTopics names the topics of the development needs by their areas'
// titles (never a list of competence codes), most pressing first, each
// once: the needs reflected on first when the person chose some.
func needTopics(d *recordDoc) []string {
	title := map[string]string{}
	for _, a := range d.Areas {
		title[a.Code] = a.Title
	}
	var out []string
	seen := map[string]bool{}
	add := func(area string) {
		t := title[area]
		if t == "" || seen[t] {
			return
		}
		seen[t] = true
		out = append(out, t)
	}
	area := map[string]string{}
	for _, n := range d.Needs {
		area[n.Code] = n.Area
	}
	for _, f := range d.Focus {
		add(area[f.Code])
	}
	for _, n := range d.Needs {
		add(n.Area)
	}
	return out
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// SafeCell neutralises a spreadsheet cell that could be read as a formula:
// one whose first character, after any spaces, is = + - or @, a tab, a
// carriage return or a line feed, gets an apostrophe in front, which
// spreadsheets show as text. (A tab or line break after spaces was let
// through before: fuzz find, kept as a seed.)
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	t := strings.TrimLeft(s, " ")
	if t != "" && strings.ContainsRune("=+-@\t\r\n", rune(t[0])) {
		return "'" + s
	}
	// Full-width forms that some spreadsheets fold to ASCII.
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(t, p) {
			return "'" + s
		}
	}
	return s
}

// firstWord is the number of a rating text such as "2 Developing".
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}
