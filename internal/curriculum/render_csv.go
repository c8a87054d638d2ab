package curriculum

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/reflect-cpd/reflect/internal/report"
)

// csvCell makes a value safe to open in a spreadsheet (report.CSVCell: a
// formula character first, also after spaces or in full width, gets a
// leading single quote so that it shows as text and never runs).
func csvCell(s string) string { return report.CSVCell(s) }

// MapCSV writes the coverage matrix as CSV: one row per competence of
// each framework, with its area and domain, the strongest mapping, one
// column per module, and the outcomes that map to it. It starts with a
// UTF-8 byte order mark so that spreadsheet programs read it as UTF-8.
func MapCSV(w io.Writer, m *Map, opt RenderOptions) error {
	if !opt.NoBOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	header := []string{"framework", "domain", "domain title", "area", "area title", "competence", "kind", "statement", "strongest", "through equivalent", "close or related addressed (not counted)"}
	for _, mod := range m.Curriculum.Modules {
		header = append(header, csvCell(mod.ID+" "+mod.Title))
	}
	header = append(header, "outcomes")
	// With a role profile: its target for the competence's area, the
	// strength that target needs, and whether the course reaches it.
	targets := map[string]*ProfileArea{}
	if m.Profile != nil {
		header = append(header, "profile "+m.Profile.Profile.ID+" target", "needs", "at target")
		for _, pa := range m.Profile.Areas {
			targets[pa.Coverage.Area.Code] = pa
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, fc := range m.Frameworks {
		for _, d := range fc.Domains {
			for _, a := range d.Areas {
				for _, cc := range a.Competences {
					comp := cc.Competence
					row := []string{fc.Framework.ID, d.Domain.Code, csvCell(d.Domain.Title), a.Area.Code, csvCell(a.Area.Title),
						comp.Code, comp.Kind, csvCell(comp.Statement), cc.Strength.String(), equivalentCell(cc), nearCell(cc)}
					for i := range m.Curriculum.Modules {
						row = append(row, cc.Modules[i].String())
					}
					var outs []string
					for _, mp := range cc.Outcomes {
						outs = append(outs, mp.Outcome.ID+" "+mp.Strength.String())
					}
					row = append(row, strings.Join(outs, "; "))
					if m.Profile != nil {
						if pa := targets[a.Area.Code]; pa != nil && fc.Framework == m.Profile.Framework {
							at := "no"
							if pa.Needed == None || cc.Strength >= pa.Needed {
								at = "yes"
							}
							row = append(row, csvCell(pa.TargetText()), pa.NeededText(), at)
						} else {
							row = append(row, "", "", "")
						}
					}
					if err := cw.Write(row); err != nil {
						return err
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func nearCell(cc *CompetenceCoverage) string {
	var parts []string
	for _, n := range cc.Near {
		parts = append(parts, n.Code+" "+n.Type+" "+n.Strength.String())
	}
	return strings.Join(parts, "; ")
}

func equivalentCell(cc *CompetenceCoverage) string {
	if cc.Equivalent == None {
		return ""
	}
	return cc.Equivalent.String() + " (" + strings.Join(cc.EquivalentCodes, " ") + ")"
}
