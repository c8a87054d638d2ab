package curriculum

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/textutil"
)

// The area × module summary and the role-profile section, shared by the
// text and Markdown reports (the HTML page and JSON draw the same values).

// SummaryCell is an area's mark in a module's column: the number of its
// competences the module addresses directly and the strongest mapping
// ("3D"), or through an equivalent only in lower case ("1d"), or "." for
// none.
func (a *AreaCoverage) SummaryCell(module int) string {
	bm := a.ByModule[module]
	switch {
	case bm.Addressed > 0:
		return fmt.Sprintf("%d%s", bm.Addressed, bm.Strongest.Letter())
	case bm.Equivalent > 0:
		return fmt.Sprintf("%d~", bm.Equivalent)
	}
	return "."
}

const summaryKey = "Each cell: competences of the area the module addresses, and the strongest mapping (I introduces, D develops, A assesses); n~ only through an equivalent competence in another framework; . none."

func (t *textWriter) areaSummary(fc *FrameworkCoverage, c *Curriculum) {
	t.printf("\nAreas × modules\n")
	t.wrap(summaryKey, "", "")
	titleW := max(20, t.width-12-8*(len(c.Modules)+1))
	header := textutil.Pad("", titleW+2)
	for _, mod := range c.Modules {
		header += textutil.Pad(textutil.Truncate(mod.ID, 7, "…"), 8)
	}
	t.printf("%sall\n", header)
	for _, d := range fc.Domains {
		for _, a := range d.Areas {
			line := "  " + textutil.Pad(textutil.Truncate(fmt.Sprintf("%s %s", a.Area.Code, a.Area.Title), titleW-1, "…"), titleW)
			for i := range c.Modules {
				line += textutil.Pad(a.SummaryCell(i), 8)
			}
			t.printf("%s%d/%d\n", line, a.Tally.Covered, a.Tally.Competences)
		}
	}
}

func (t *textWriter) profileText(pc *ProfileCoverage) {
	t.printf("\nRole profile: %s (%s)\n", pc.Profile.Title, pc.Profile.ID)
	t.wrap(pc.Sentence(), "", "  ")
	titleW := max(20, t.width-56)
	t.printf("  %s  %-13s %-11s %-7s %s\n", textutil.Pad("area", titleW), "target", "needs", "at it", "status")
	for _, pa := range pc.Areas {
		ac := pa.Coverage
		t.printf("  %s  %-13s %-11s %-7s %s\n", textutil.Pad(textutil.Truncate(ac.Area.Code+" "+ac.Area.Title, titleW-1, "…"), titleW),
			textutil.Truncate(pa.TargetText(), 13, "…"), pa.NeededText(), fmt.Sprintf("%d/%d", pa.AtStrength, pa.Competences()), pa.Status)
		if s := shortText(pa); s != "" {
			t.wrap(s, "      ", "        ")
		}
	}
	if pc.Minutes > 0 {
		t.printf("Time in sessions that touch the profile's areas: %s.\n", FormatMinutes(pc.Minutes))
	}
	t.wrap(ProfileRule, "", "")
}

// shortText says what keeps an area from its target: the competences not
// yet at the strength needed or, when none is at it, those addressed more
// weakly. "" when there is nothing to say.
func shortText(pa *ProfileArea) string {
	switch {
	case pa.Needed == None || len(pa.Short) == 0:
		return ""
	case pa.AtStrength > 0:
		return "not yet at " + pa.Needed.String() + ": " + shortList(pa)
	case pa.Weaker > 0 || pa.Equivalent > 0:
		var weak []string
		for _, cc := range pa.Short {
			switch {
			case cc.Strength != None:
				weak = append(weak, fmt.Sprintf("%s (%s)", cc.Competence.Code, cc.Strength))
			case cc.Equivalent != None:
				weak = append(weak, fmt.Sprintf("%s (through an equivalent)", cc.Competence.Code))
			}
		}
		if pa.Weaker == 0 {
			return "reached only through an equivalent in another framework (not counted): " + strings.ReplaceAll(strings.Join(weak, ", "), " (through an equivalent)", "")
		}
		return "none at " + pa.Needed.String() + "; addressed more weakly: " + strings.Join(weak, ", ")
	}
	return ""
}

// shortList names the competences of an area not yet at the strength its
// target needs, with what they have: "ADU.1.1.3 (introduces), ADU.1.1.5".
func shortList(pa *ProfileArea) string {
	var parts []string
	for _, cc := range pa.Short {
		switch {
		case cc.Strength != None:
			parts = append(parts, fmt.Sprintf("%s (%s)", cc.Competence.Code, cc.Strength))
		case cc.Equivalent != None:
			parts = append(parts, fmt.Sprintf("%s (through an equivalent)", cc.Competence.Code))
		default:
			parts = append(parts, cc.Competence.Code)
		}
	}
	return strings.Join(parts, ", ")
}

func (t *textWriter) areaSummaryMD(fc *FrameworkCoverage, c *Curriculum) {
	t.printf("\n### Areas × modules\n\n%s\n\n| area |", mdText(summaryKey))
	for _, mod := range c.Modules {
		t.printf(" %s |", mdText(mod.ID))
	}
	t.printf(" all |\n|---|%s---:|\n", strings.Repeat("---|", len(c.Modules)))
	for _, d := range fc.Domains {
		for _, a := range d.Areas {
			t.printf("| %s %s |", a.Area.Code, mdText(a.Area.Title))
			for i := range c.Modules {
				cell := a.SummaryCell(i)
				if cell == "." {
					cell = "·"
				}
				t.printf(" %s |", mdText(cell))
			}
			t.printf(" %d/%d |\n", a.Tally.Covered, a.Tally.Competences)
		}
	}
}

func (t *textWriter) profileMD(pc *ProfileCoverage) {
	t.printf("\n### Role profile: %s (`%s`)\n\n%s\n\n", mdText(pc.Profile.Title), pc.Profile.ID, mdText(pc.Sentence()))
	t.printf("| area | target | needs | at it | status | what is short |\n|---|---|---|---:|---|---|\n")
	for _, pa := range pc.Areas {
		short := shortText(pa)
		t.printf("| %s %s | %s | %s | %d/%d | %s | %s |\n", pa.Coverage.Area.Code, mdText(pa.Coverage.Area.Title), mdText(pa.TargetText()), pa.NeededText(),
			pa.AtStrength, pa.Competences(), pa.Status, mdText(short))
	}
	if pc.Minutes > 0 {
		t.printf("\nTime in sessions that touch the profile's areas: %s.\n", FormatMinutes(pc.Minutes))
	}
	t.printf("\n*%s*\n", mdText(ProfileRule))
}
