package curriculum

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Formats of the map report.
const (
	FormatText = "text"
	FormatMD   = "md"
	FormatHTML = "html"
	FormatCSV  = "csv"
	FormatJSON = "json"
)

// MapFormats and MatchFormats list the formats each report is written in.
var (
	MapFormats   = []string{FormatText, FormatMD, FormatHTML, FormatCSV, FormatJSON}
	MatchFormats = []string{FormatText, FormatMD, FormatJSON}
)

// RenderOptions steer the reports.
type RenderOptions struct {
	Width    int    // text wrap width; 0 means 100
	NoMatrix bool   // leave the competence × module matrix out (text, md, html)
	NoBOM    bool   // csv: no UTF-8 byte order mark
	Tool     string // e.g. "reflect 1.2.0", shown in footers
}

// WriteMap writes a coverage report in the given format.
func WriteMap(w io.Writer, format string, m *Map, opt RenderOptions) error {
	switch format {
	case FormatText:
		return MapText(w, m, opt)
	case FormatMD:
		return MapMarkdown(w, m, opt)
	case FormatHTML:
		return MapHTML(w, m, opt)
	case FormatCSV:
		return MapCSV(w, m, opt)
	case FormatJSON:
		return MapJSON(w, m, opt)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(MapFormats, ", "))
}

// WriteMatch writes a match report in the given format.
func WriteMatch(w io.Writer, format string, r *MatchResult, opt RenderOptions) error {
	switch format {
	case FormatText:
		return MatchText(w, r, opt)
	case FormatMD:
		return MatchMarkdown(w, r, opt)
	case FormatJSON:
		return MatchJSON(w, r, opt)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(MatchFormats, ", "))
}

// Pct formats a percentage as a whole number, rounding half up, so that
// reports agree with each other and with people's arithmetic.
// A share above 0 never shows as 0%, nor one below 100 as 100%.
func Pct(p float64) string {
	switch {
	case p > 0 && p < 0.5:
		return "<1%"
	case p < 100 && p >= 99.5:
		return "99%"
	}
	return fmt.Sprintf("%d%%", int(math.Floor(p+0.5)))
}

// Fraction is "covered/total (pct)".
func (t Tally) Fraction() string {
	return fmt.Sprintf("%d/%d (%s)", t.Covered, t.Competences, Pct(t.Percent()))
}

// StrengthSummary says how covered competences split by strongest strength.
func (t Tally) StrengthSummary() string {
	return fmt.Sprintf("%d introduced only, %d developed, %d assessed", t.Strongest[Introduces], t.Strongest[Develops], t.Strongest[Assesses])
}

// Cell is a competence's mark in a module's column: I, D or A for a direct
// mapping, i, d or a for one through an equivalent competence, "." for none.
func (c *CompetenceCoverage) Cell(module int) string {
	if s := c.Modules[module]; s != None {
		return s.Letter()
	}
	if s := c.EquivalentModules[module]; s != None {
		return strings.ToLower(s.Letter())
	}
	return "."
}

// Mark is the competence's overall mark (strongest across modules).
func (c *CompetenceCoverage) Mark() string {
	if c.Strength != None {
		return c.Strength.Letter()
	}
	if c.Equivalent != None {
		return strings.ToLower(c.Equivalent.Letter())
	}
	return "."
}

// Where names an outcome for people: "M1.S2.3 (Session title)".
func (o OutcomeRef) Where() string {
	return fmt.Sprintf("%s (%s › %s)", o.Outcome.ID, o.Module.Title, o.Session.Title)
}

type textWriter struct {
	w     io.Writer
	err   error
	width int
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) wrap(s, first, rest string) {
	t.printf("%s\n", textutil.Wrap(s, t.width, first, rest))
}

func modulesSummary(c *Curriculum) (sessions, outcomes int) {
	for _, m := range c.Modules {
		sessions += len(m.Sessions)
		for _, s := range m.Sessions {
			outcomes += len(s.Outcomes)
		}
	}
	return
}

// MapText writes the coverage report as plain text.
func MapText(w io.Writer, m *Map, opt RenderOptions) error {
	t := &textWriter{w: w, width: opt.Width}
	if t.width <= 0 {
		t.width = 100
	}
	c := m.Curriculum
	t.printf("%s\n", c.Title)
	meta := []string{"id " + c.ID}
	if c.Version != "" {
		meta = append(meta, "version "+c.Version)
	}
	meta = append(meta, "provider "+c.Provider)
	if c.Delivery != "" {
		meta = append(meta, c.Delivery)
	}
	t.wrap(strings.Join(meta, " · "), "", "  ")
	t.wrap("Audience: "+c.Audience, "", "  ")
	sessions, _ := modulesSummary(c)
	t.printf("%s in %s, %s, %s and %s.\n\n", timeOrNone(c.Minutes()), plural(len(c.Modules), "module"), plural(sessions, "session"),
		plural(m.Outcomes, "outcome"), plural(m.Mappings, "mapping"))

	t.printf("Modules\n")
	for _, mod := range c.Modules {
		t.wrap(fmt.Sprintf("%-6s %s (%s)", mod.ID, mod.Title, timeOrNone(mod.Minutes())), "  ", "         ")
	}
	for _, fc := range m.Frameworks {
		f := fc.Framework
		t.printf("\n%s\n", strings.Repeat("=", min(t.width, 72)))
		t.wrap(fmt.Sprintf("%s (%s %s)", f.Title, f.ID, f.Version), "", "  ")
		t.wrap("Provenance: "+f.Provenance.Notice, "", "  ")
		t.printf("\n")
		t.wrap(coverageSentence(fc.Tally), "", "  ")
		if m.Profile != nil && m.Profile.Framework == f {
			t.profileText(m.Profile)
		}
		titleW := max(24, t.width-48)
		t.printf("\n%s  %-13s %4s %4s %4s  %s\n", textutil.Pad("Coverage by domain and area", titleW), "covered", "I", "D", "A", "time")
		for _, d := range fc.Domains {
			t.printf("%s  %-13s %4d %4d %4d\n", textutil.Pad(textutil.Truncate(d.Domain.Code+" "+d.Domain.Title, titleW, "…"), titleW), d.Tally.Fraction(),
				d.Tally.Strongest[Introduces], d.Tally.Strongest[Develops], d.Tally.Strongest[Assesses])
			for _, a := range d.Areas {
				t.printf("  %s  %-13s %4d %4d %4d  %s\n", textutil.Pad(textutil.Truncate(a.Area.Code+" "+a.Area.Title, titleW-2, "…"), titleW-2), a.Tally.Fraction(),
					a.Tally.Strongest[Introduces], a.Tally.Strongest[Develops], a.Tally.Strongest[Assesses], a.Time())
			}
		}
		t.printf("I, D, A: competences introduced only, developed, assessed. Time: in sessions that touch the area.\n")
		t.areaSummary(fc, c)
		if !opt.NoMatrix {
			t.printf("\nCoverage matrix: I introduces, D develops, A assesses; i, d, a through an equivalent competence\nin another framework; . not addressed.\n")
			codeW := 0
			for _, cc := range fc.All() {
				codeW = max(codeW, len(cc.Competence.Code))
			}
			header := textutil.Pad("", codeW+6)
			for _, mod := range c.Modules {
				header += textutil.Pad(textutil.Truncate(mod.ID, 7, "…"), 8)
			}
			t.printf("\n%sall\n", header)
			for _, d := range fc.Domains {
				for _, a := range d.Areas {
					t.wrap(fmt.Sprintf("%s %s (%d/%d)", a.Area.Code, a.Area.Title, a.Tally.Covered, a.Tally.Competences), "  ", "    ")
					for _, cc := range a.Competences {
						line := "    " + textutil.Pad(cc.Competence.Code, codeW+2)
						for i := range c.Modules {
							line += textutil.Pad(cc.Cell(i), 8)
						}
						t.printf("%s%s\n", line, cc.Mark())
					}
				}
			}
		}
		gaps := fc.Gaps()
		t.printf("\nGaps: competences no outcome addresses (%d)\n", fc.Tally.Uncovered())
		if len(gaps) == 0 {
			t.printf("  None: every competence is addressed.\n")
		}
		for _, a := range gaps {
			t.wrap(fmt.Sprintf("%s %s — %d of %d not addressed", a.Area.Code, a.Area.Title, len(a.Competences), a.Tally.Competences), "  ", "    ")
			for _, cc := range a.Competences {
				t.wrap(cc.Competence.Code+" "+cc.Competence.Statement, "    ", "      ")
				if n := NearText(cc); n != "" {
					t.wrap(n, "      ", "        ")
				}
			}
		}
		intro := fc.IntroducedOnly()
		t.printf("\nIntroduced only: touched but never developed or assessed (%d)\n", len(intro))
		if len(intro) == 0 {
			t.printf("  None.\n")
		}
		for _, cc := range intro {
			t.wrap(cc.Competence.Code+" "+cc.Competence.Statement, "  ", "    ")
		}
		var eq []*CompetenceCoverage
		for _, cc := range fc.All() {
			if cc.Strength == None && cc.Equivalent != None {
				eq = append(eq, cc)
			}
		}
		if len(eq) > 0 {
			t.printf("\nAddressed only through an equivalent competence in another framework (%d)\n", len(eq))
			for _, cc := range eq {
				t.wrap(fmt.Sprintf("%s (%s through %s) %s", cc.Competence.Code, cc.Equivalent, strings.Join(cc.EquivalentCodes, ", "), cc.Competence.Statement), "  ", "    ")
			}
		}
	}
	t.printf("\nOutcomes mapped to no competence (%d)\n", len(m.Unmapped))
	if len(m.Unmapped) == 0 {
		t.printf("  None.\n")
	}
	for _, o := range m.Unmapped {
		t.wrap(fmt.Sprintf("%s %q", o.Where(), o.Outcome.Text), "  ", "    ")
	}
	if len(m.Elsewhere) > 0 {
		t.printf("\nMapped to frameworks not in this report (%d)\n", len(m.Elsewhere))
		for _, mp := range m.Elsewhere {
			t.wrap(fmt.Sprintf("%s %s from %s", mp.Code, mp.Strength, mp.Where()), "  ", "    ")
		}
	}
	return t.err
}

// NearText says which close or related competences the curriculum
// addresses for cc, and that they do not count: "" when there are none.
func NearText(cc *CompetenceCoverage) string {
	if len(cc.Near) == 0 {
		return ""
	}
	var parts []string
	for _, n := range cc.Near {
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", n.Code, n.Type, n.Strength))
	}
	return "Addressed nearby, not counted: " + strings.Join(parts, ", ") + "."
}

func coverageSentence(t Tally) string {
	s := fmt.Sprintf("Coverage: %d of %d competences addressed (%s): %s.", t.Covered, t.Competences, Pct(t.Percent()), t.StrengthSummary())
	if t.Equivalent > 0 {
		s += fmt.Sprintf(" A further %d through equivalent competences in other frameworks (%s with them).", t.Equivalent, Pct(t.PercentWithEquivalents()))
	}
	s += fmt.Sprintf(" %d not addressed.", t.Uncovered())
	return s
}

// Time is the time in sessions that touch the area, for reports: "–"
// when none does, "not given" when those sessions have no durations.
func (a *AreaCoverage) Time() string {
	switch {
	case a.Sessions == 0:
		return "–"
	case a.Minutes == 0:
		return "not given"
	}
	return FormatMinutes(a.Minutes)
}

func timeOrNone(m int) string {
	if m <= 0 {
		return "time not given"
	}
	return FormatMinutes(m)
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// MatchRule says how a match is scored.
const MatchRule = "How the score works: for each need a module addresses, the need's gap to its target (at least 1) times 6 if an outcome assesses the competence, 4 if it develops it, 2 if it introduces it (or an equivalent competence in another framework), or 1 if the module only touches other competences of the same area. The sum is weighed by the course's setting: × 1 when it is written for the person's setting (or either cannot be told), × 3/4 for a related setting (e.g. another hospital department), × 1/2 for an unrelated one (e.g. schools, for a ward)."

// PersonLine says whose needs these are and which settings were read from
// the record.
func (r *MatchResult) PersonLine() string {
	var who []string
	for _, s := range []string{r.Person.Profession, r.Person.Role, r.Person.Setting} {
		if s != "" {
			who = append(who, s)
		}
	}
	if len(who) == 0 {
		return "The record does not say where the person works, so courses are not weighed by setting."
	}
	if len(r.Settings) == 0 {
		return "The person: " + strings.Join(who, ", ") + ". reflect does not recognise a setting there, so courses are not weighed by setting."
	}
	var labels []string
	for _, id := range r.Settings {
		labels = append(labels, SettingByID(id).Label)
	}
	return "The person: " + strings.Join(who, ", ") + " (setting: " + strings.Join(labels, ", ") + ")."
}

// MatchText writes the match report as plain text.
func MatchText(w io.Writer, r *MatchResult, opt RenderOptions) error {
	t := &textWriter{w: w, width: opt.Width}
	if t.width <= 0 {
		t.width = 100
	}
	t.printf("Modules that address the person's development needs\n\n")
	if len(r.Needs) == 0 {
		t.printf("The record lists no development needs, so there is nothing to match.\n")
		return t.err
	}
	t.wrap(r.PersonLine(), "", "")
	t.printf("\nThe person's needs, largest gap first:\n")
	for _, n := range r.Needs {
		t.wrap(fmt.Sprintf("%d. %s %s%s", n.Rank, n.Code, n.Statement, needGap(n)), "  ", "     ")
	}
	t.printf("\n")
	if len(r.Modules) == 0 {
		t.printf("None of the curricula given addresses these needs.\n")
	}
	for i, mm := range r.Modules {
		t.wrap(fmt.Sprintf("%d. %s", i+1, mm.Cite()), "", "   ")
		t.printf("   score %s · %s · %s addressed directly\n", mm.ScoreText(), timeOrNone(mm.Module.Minutes()), plural(mm.Direct(), "need"))
		if ft := mm.Fit.Text(); ft != "" {
			t.wrap(ft, "   ", "     ")
		}
		for _, h := range mm.Hits {
			t.wrap(hitLine(h), "   - ", "     ")
		}
		t.printf("\n")
	}
	if len(r.Unaddressed) > 0 {
		t.printf("Needs no module addresses (%d):\n", len(r.Unaddressed))
		for _, n := range r.Unaddressed {
			t.wrap(fmt.Sprintf("%s %s", n.Code, n.Statement), "  ", "    ")
		}
		t.printf("\n")
	}
	t.wrap(MatchRule, "", "")
	t.wrap("To cite a module in the development plan, copy its line above into the plan's activities.", "", "")
	return t.err
}

func needGap(n assessment.Need) string {
	var parts []string
	if n.Rating > 0 && n.Target > 0 {
		parts = append(parts, fmt.Sprintf("rated %d, target %d", n.Rating, n.Target))
	} else if n.Target > 0 {
		parts = append(parts, fmt.Sprintf("target %d", n.Target))
	}
	if n.Flagged {
		parts = append(parts, "flagged by the person")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// hitLine says how a module addresses a need.
func hitLine(h Hit) string {
	var how string
	switch h.How {
	case HowDirect:
		how = fmt.Sprintf("%s it", h.Strength)
	case HowEquivalent:
		how = fmt.Sprintf("%s the equivalent %s", h.Strength, h.Code)
	default:
		how = fmt.Sprintf("touches its area: %s %s", h.Strength, h.Code)
	}
	return fmt.Sprintf("need %d, %s: %s — %s %q", h.Need.Rank, h.Need.Code, how, h.Outcome.Outcome.ID, h.Outcome.Outcome.Text)
}
