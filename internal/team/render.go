package team

import (
	"fmt"
	"io"
	"strconv"
	"strings"

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

// Text is how a report writes a count: the number, its band, or
// "suppressed".
func (r *Report) cellText(c Cell) string {
	switch {
	case !c.Suppressed:
		return strconv.Itoa(c.N)
	case c.Band():
		return c.BandText(r.MinGroup)
	}
	return Suppressed
}

// Method is the short statement of how the report was made; its numbers
// are the report's own (--min-group).
func (r *Report) Method() string {
	if r.MinGroup <= 1 {
		return "Anonymous by design: no names, record ids or file names, and people's work is read only as the classes reflect knows. With --min-group 1 no count is suppressed. Each person counts once, from the newest copy of their record; only complete records are counted unless the report says otherwise. A person's level in an area is their mean rating there, rounded to the nearest level."
	}
	return fmt.Sprintf("Anonymous by design: no names, record ids or file names, and people's work is read only as the classes reflect knows. Any count describing fewer than %d people is suppressed (shown as a band such as \"fewer than %d\" where that is all it tells), and so are other counts that would let one be worked out from a total. Each person counts once, from the newest copy of their record; only complete records are counted unless the report says otherwise. A person's level in an area is their mean rating there, rounded to the nearest level.", r.MinGroup, r.MinGroup)
}

// Warning is the report's own warning when --min-group is below the
// usual 5, or "".
func (r *Report) Warning() string {
	if r.MinGroup >= DefaultMinGroup {
		return ""
	}
	return fmt.Sprintf("Warning: this report was made with --min-group %d, below the usual %d. Counts of so few people can identify them: do not share it beyond those who already know the people in it.", r.MinGroup, DefaultMinGroup)
}

func (r *Report) tooFew() string {
	return fmt.Sprintf("Fewer than %d complete records were read, so nothing can be shown without risking identifying people. Add more records, or (with care) lower --min-group.", r.MinGroup)
}

// ReadLine says what was read, counted and left out, with no file names.
func (r *Report) ReadLine() string {
	st := r.Stats
	s := fmt.Sprintf("Records counted: %d.", st.Records)
	var left []string
	if st.Unreadable > 0 {
		left = append(left, fmt.Sprintf("%s could not be read or were not valid records and were skipped (they were listed, with why, when the report was made)", plural(st.Unreadable, "file", "files")))
	}
	if st.Duplicates > 0 {
		left = append(left, fmt.Sprintf("%s of records found more than once were left out", plural(st.Duplicates, "older copy", "older copies")))
	}
	if st.InProgress > 0 {
		left = append(left, fmt.Sprintf("%s not yet complete were left out", plural(st.InProgress, "record", "records")))
	}
	if st.Incomplete > 0 {
		left = append(left, fmt.Sprintf("%s not yet complete are counted (--include-incomplete)", plural(st.Incomplete, "record", "records")))
	}
	if len(left) > 0 {
		s += " " + upperFirst(strings.Join(left, "; ")) + "."
	}
	return s
}

// WithheldLine names what the report withholds, or "".
func (r *Report) WithheldLine() string {
	w := r.Withheld
	var parts []string
	if len(w.Banded) > 0 {
		verb := "is"
		if len(w.Banded) > 1 {
			verb = "are"
		}
		parts = append(parts, fmt.Sprintf("%s %s ranked by the exact count but shown as a band, because the exact figure could identify the few people it leaves out", joinCodes(w.Banded), verb))
	}
	if len(w.NotRanked) > 0 {
		parts = append(parts, fmt.Sprintf("not ranked, as fewer than %d people assessed them: %s", r.MinGroup, joinCodes(w.NotRanked)))
	}
	if w.Competences > 0 {
		parts = append(parts, fmt.Sprintf("%s needed by too few people to show %s left out under the top needs", plural(w.Competences, "competence", "competences"), isAre(w.Competences)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Withheld: " + strings.Join(parts, "; ") + "."
}

// RankLine says how the top needs are ranked.
func (r *Report) RankLine() string {
	return "Ranked on the exact number of people with a need in the area, largest first (then in framework order); where that number cannot be shown, its band is, and the area keeps its place."
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

func (r *Report) shareText(c Cell, share float64) string {
	if c.Suppressed {
		return r.cellText(c)
	}
	return fmt.Sprintf("%d (%.1f%%)", c.N, share)
}

// CalibrationText sums an area's calibration up in a line.
func (r *Report) CalibrationText(c *CalibrationRow) string {
	if c == nil {
		return ""
	}
	if c.RowSuppressed {
		return fmt.Sprintf("Calibration (self − reviewer): rated by reviewers for fewer than %d people: suppressed", r.MinGroup)
	}
	var signs []string
	for _, s := range c.Signs {
		signs = append(signs, s.Label+": "+s.Cell.String())
	}
	return fmt.Sprintf("Calibration (self − reviewer, %d people with a reviewer's own ratings): %+.2f; %s", c.People.N, c.Mean, strings.Join(signs, "; "))
}

// CalibrationNote explains calibration.
const CalibrationNote = "Calibration compares each person's own ratings with their reviewer's own ratings (from the latest review that gives them), over the competences both rated: + means people rated themselves higher than their reviewers did. Reviews are read as the files hold them; check them with reflect verify."

// Text writes the report as plain text.
func Text(w io.Writer, r *Report, width int) error {
	var b strings.Builder
	wrap := func(s, first, rest string) { b.WriteString(textutil.Wrap(s, width, first, rest) + "\n") }
	b.WriteString("TEAM TRAINING NEEDS\n")
	wrap(r.Method(), "", "")
	if wn := r.Warning(); wn != "" {
		b.WriteString("\n")
		wrap(wn, "", "")
	}
	b.WriteString("\n")
	if r.TooFew {
		wrap(r.tooFew(), "", "")
		_, err := io.WriteString(w, b.String())
		return err
	}
	wrap(r.ReadLine(), "", "")
	for _, f := range r.Frameworks {
		wrap(f.Title+": "+r.cellText(f.Records), "  ", "    ")
	}
	b.WriteString("\nAREAS\n")
	calib := false
	for _, row := range r.Areas {
		wrap(row.Code+" "+row.Title, "  ", "    ")
		if row.RowSuppressed {
			fmt.Fprintf(&b, "    Assessed by fewer than %d people: suppressed\n", r.MinGroup)
			continue
		}
		wrap(fmt.Sprintf("Assessed: %d   Mean: %.2f   Below target: %s   With a need here: %s", row.Assessed.N, row.Mean, r.shareText(row.Below, row.BelowShare), r.shareText(row.WithNeed, row.NeedShare)), "    ", "      ")
		wrap("Levels: "+row.levelsText(), "    ", "      ")
		if row.Calibration != nil {
			calib = true
			wrap(r.CalibrationText(row.Calibration), "    ", "      ")
		}
	}
	if calib {
		wrap(CalibrationNote, "  ", "  ")
	}
	b.WriteString("\nTOP TRAINING NEEDS\n")
	wrap(r.RankLine(), "  ", "  ")
	if len(r.TopNeeds) == 0 {
		b.WriteString("  None that can be shown.\n")
	}
	for _, n := range r.TopNeeds {
		wrap(fmt.Sprintf("%s %s: %s", n.Code, n.Title, r.peopleText(n)), fmt.Sprintf("  %d. ", n.Rank), "     ")
		for _, c := range n.Competences {
			wrap(fmt.Sprintf("%s %s (%d)", c.Code, c.Statement, c.People.N), "     - ", "       ")
		}
		if n.HiddenCompetencesPresent {
			b.WriteString("     (competences needed by too few people to show are left out)\n")
		}
		for _, res := range n.Resources {
			wrap(resourceLine(res), "     Resource: ", "       ")
		}
	}
	if wl := r.WithheldLine(); wl != "" {
		b.WriteString("\n")
		wrap(wl, "  ", "  ")
	}
	for i := range r.Breakdowns {
		r.breakdownText(&b, &r.Breakdowns[i], width)
	}
	b.WriteString("\n")
	wrap(report.SupportLine, "", "")
	_, err := io.WriteString(w, b.String())
	return err
}

// peopleText is "12 of 20 people (60.0%)", or the band.
func (r *Report) peopleText(n NeedRow) string {
	if n.People.Suppressed {
		return r.cellText(n.People) + " people"
	}
	return fmt.Sprintf("%d of %d people (%.1f%%)", n.People.N, n.Assessed, n.Share)
}

func resourceLine(res Resource) string {
	line := res.Title + ", " + res.Provider
	if res.URL != "" {
		line += ", " + res.URL
	}
	return line + " (" + res.Kind + ", " + res.Cost + ")"
}

// BreakdownNote explains a breakdown's cells.
func (r *Report) BreakdownNote(b *Breakdown) string {
	s := fmt.Sprintf("Each cell: people with a need in the area / people who assessed it, in that group. A count of fewer than %d people, and any count from which one could be worked out, shows as s (suppressed).", r.MinGroup)
	if b.Merged > 0 {
		what := "groups"
		if b.Trend() {
			what = "periods"
		}
		s += fmt.Sprintf(" %s with fewer than %d records %s shown together as \"other %s\".", upperFirst(plural(b.Merged, strings.TrimSuffix(what, "s"), what)), r.MinGroup, isAre(b.Merged), what)
	}
	if b.Trend() {
		s += " Periods come from each record's activity dates (the end date, else the start), else from when the record was started; one person's records in different periods each count in their own."
	}
	return s
}

func (r *Report) breakdownText(b *strings.Builder, bd *Breakdown, width int) {
	b.WriteString("\n" + strings.ToUpper(DimTitle(bd.Dim)) + "\n")
	b.WriteString(textutil.Wrap(r.BreakdownNote(bd), width, "  ", "  ") + "\n")
	if len(bd.Groups) == 0 {
		b.WriteString("  No group has enough records to show.\n")
		return
	}
	colW := 11
	titleW := max(24, width-2-colW*len(bd.Groups))
	per := max(1, (width-2-titleW)/colW)
	truncated := false
	for start := 0; start < len(bd.Groups); start += per {
		end := min(len(bd.Groups), start+per)
		if start > 0 {
			b.WriteString("\n")
		}
		line := "  " + textutil.Pad("", titleW)
		for _, g := range bd.Groups[start:end] {
			lab := textutil.Truncate(g.Label, colW-1, "…")
			truncated = truncated || lab != g.Label
			line += textutil.Pad(lab, colW)
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
		line = "  " + textutil.Pad("records", titleW)
		for _, g := range bd.Groups[start:end] {
			line += textutil.Pad(strconv.Itoa(g.Records), colW)
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
		for _, row := range bd.Rows {
			line := "  " + textutil.Pad(textutil.Truncate(row.Code+" "+row.Title, titleW-1, "…"), titleW)
			for _, c := range row.Cells[start:end] {
				line += textutil.Pad(cellPair(c), colW)
			}
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
	}
	if truncated {
		var names []string
		for _, g := range bd.Groups {
			names = append(names, fmt.Sprintf("%s (%d)", g.Label, g.Records))
		}
		b.WriteString(textutil.Wrap("Groups: "+strings.Join(names, "; ")+".", width, "  ", "    ") + "\n")
	}
}

// cellPair is "need/assessed" for one group: "5/12", "s/12", "s/s", "·".
func cellPair(c GroupCell) string {
	short := func(x Cell) string {
		if x.Suppressed {
			return "s"
		}
		return strconv.Itoa(x.N)
	}
	if !c.Assessed.Suppressed && c.Assessed.N == 0 {
		return "·"
	}
	if c.Assessed.Suppressed {
		return "s"
	}
	return short(c.WithNeed) + "/" + short(c.Assessed)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
