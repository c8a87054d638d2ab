package curriculum

import (
	"io"
	"strings"
)

var mdReplacer = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`)

// mdText escapes what Markdown would treat as markup, on one line.
func mdText(s string) string { return mdReplacer.Replace(strings.Join(strings.Fields(s), " ")) }

// MapMarkdown writes the coverage report as Markdown.
func MapMarkdown(w io.Writer, m *Map, opt RenderOptions) error {
	t := &textWriter{w: w}
	c := m.Curriculum
	t.printf("# Curriculum map: %s\n\n", mdText(c.Title))
	t.printf("| | |\n|---|---|\n")
	t.printf("| Curriculum | `%s`%s |\n", c.ID, ifNotEmpty(" version ", mdText(c.Version)))
	t.printf("| Provider | %s |\n| Audience | %s |\n", mdText(c.Provider), mdText(c.Audience))
	if c.Delivery != "" {
		t.printf("| Delivery | %s |\n", mdText(c.Delivery))
	}
	sessions, _ := modulesSummary(c)
	t.printf("| Size | %s in %s, %s, %s and %s |\n\n", timeOrNone(c.Minutes()), plural(len(c.Modules), "module"), plural(sessions, "session"),
		plural(m.Outcomes, "outcome"), plural(m.Mappings, "mapping"))
	t.printf("## Modules\n\n| id | module | time |\n|---|---|---|\n")
	for _, mod := range c.Modules {
		t.printf("| `%s` | %s | %s |\n", mod.ID, mdText(mod.Title), timeOrNone(mod.Minutes()))
	}
	for _, fc := range m.Frameworks {
		f := fc.Framework
		t.printf("\n## %s (`%s` %s)\n\n", mdText(f.Title), f.ID, mdText(f.Version))
		t.printf("> **Provenance.** %s\n\n", mdText(f.Provenance.Notice))
		t.printf("%s\n\n", mdText(coverageSentence(fc.Tally)))
		if m.Profile != nil && m.Profile.Framework == f {
			t.profileMD(m.Profile)
			t.printf("\n")
		}
		t.printf("### Coverage by domain and area\n\n| code | title | covered | introduced only | developed | assessed | time in sessions |\n|---|---|---|---:|---:|---:|---|\n")
		for _, d := range fc.Domains {
			t.printf("| **%s** | **%s** | **%s** | %d | %d | %d | |\n", d.Domain.Code, mdText(d.Domain.Title), d.Tally.Fraction(),
				d.Tally.Strongest[Introduces], d.Tally.Strongest[Develops], d.Tally.Strongest[Assesses])
			for _, a := range d.Areas {
				t.printf("| %s | %s | %s | %d | %d | %d | %s |\n", a.Area.Code, mdText(a.Area.Title), a.Tally.Fraction(),
					a.Tally.Strongest[Introduces], a.Tally.Strongest[Develops], a.Tally.Strongest[Assesses], a.Time())
			}
		}
		t.areaSummaryMD(fc, c)
		if !opt.NoMatrix {
			t.printf("\n### Coverage matrix\n\nI introduces, D develops, A assesses; i, d, a through an equivalent competence in another framework; · not addressed.\n\n")
			t.printf("| competence |")
			for _, mod := range c.Modules {
				t.printf(" %s |", mdText(mod.ID))
			}
			t.printf(" all |\n|---|%s---|\n", strings.Repeat("---|", len(c.Modules)))
			for _, cc := range fc.All() {
				t.printf("| %s |", cc.Competence.Code)
				for i := range c.Modules {
					t.printf(" %s |", mdCell(cc.Cell(i)))
				}
				t.printf(" %s |\n", mdCell(cc.Mark()))
			}
		}
		t.printf("\n### Gaps: competences no outcome addresses (%d)\n\n", fc.Tally.Uncovered())
		gaps := fc.Gaps()
		if len(gaps) == 0 {
			t.printf("None: every competence is addressed.\n")
		}
		for _, a := range gaps {
			t.printf("- **%s %s** — %d of %d not addressed\n", a.Area.Code, mdText(a.Area.Title), len(a.Competences), a.Tally.Competences)
			for _, cc := range a.Competences {
				t.printf("  - %s %s\n", cc.Competence.Code, mdText(cc.Competence.Statement))
				if n := NearText(cc); n != "" {
					t.printf("    - *%s*\n", mdText(n))
				}
			}
		}
		intro := fc.IntroducedOnly()
		t.printf("\n### Introduced only (%d)\n\nTouched, but never developed or assessed.\n\n", len(intro))
		if len(intro) == 0 {
			t.printf("None.\n")
		}
		for _, cc := range intro {
			t.printf("- %s %s\n", cc.Competence.Code, mdText(cc.Competence.Statement))
		}
	}
	t.printf("\n## Outcomes mapped to no competence (%d)\n\n", len(m.Unmapped))
	if len(m.Unmapped) == 0 {
		t.printf("None.\n")
	}
	for _, o := range m.Unmapped {
		t.printf("- %s: %s\n", mdText(o.Where()), mdText(o.Outcome.Text))
	}
	if len(m.Elsewhere) > 0 {
		t.printf("\n## Mapped to frameworks not in this report (%d)\n\n", len(m.Elsewhere))
		for _, mp := range m.Elsewhere {
			t.printf("- %s %s from %s\n", mp.Code, mp.Strength, mdText(mp.Where()))
		}
	}
	return t.err
}

func mdCell(mark string) string {
	if mark == "." {
		return "·"
	}
	return "**" + mark + "**"
}

func ifNotEmpty(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// MatchMarkdown writes the match report as Markdown.
func MatchMarkdown(w io.Writer, r *MatchResult, opt RenderOptions) error {
	t := &textWriter{w: w}
	t.printf("# Modules that address the person's development needs\n\n")
	if len(r.Needs) == 0 {
		t.printf("The record lists no development needs, so there is nothing to match.\n")
		return t.err
	}
	t.printf("%s\n\n## The person's needs\n\n", mdText(r.PersonLine()))
	for _, n := range r.Needs {
		t.printf("%d. **%s** %s%s\n", n.Rank, n.Code, mdText(n.Statement), mdText(needGap(n)))
	}
	t.printf("\n## Modules, best match first\n\n")
	if len(r.Modules) == 0 {
		t.printf("None of the curricula given addresses these needs.\n")
	}
	for i, mm := range r.Modules {
		t.printf("%d. **%s** — score %s, %s, %s addressed directly\n", i+1, mdText(mm.Cite()), mdText(mm.ScoreText()), timeOrNone(mm.Module.Minutes()), plural(mm.Direct(), "need"))
		if ft := mm.Fit.Text(); ft != "" {
			t.printf("   - *%s*\n", mdText(ft))
		}
		for _, h := range mm.Hits {
			t.printf("   - %s\n", mdText(hitLine(h)))
		}
	}
	if len(r.Unaddressed) > 0 {
		t.printf("\n## Needs no module addresses (%d)\n\n", len(r.Unaddressed))
		for _, n := range r.Unaddressed {
			t.printf("- **%s** %s\n", n.Code, mdText(n.Statement))
		}
	}
	t.printf("\n*%s*\n", mdText(MatchRule))
	return t.err
}
