package curriculum

import (
	"fmt"
	"io"
	"strings"
)

// PlanFormats lists the formats of the plan report.
var PlanFormats = []string{FormatText, FormatMD, FormatJSON}

// WritePlan writes a plan in the given format.
func WritePlan(w io.Writer, format string, p *Plan, opt RenderOptions) error {
	switch format {
	case FormatText:
		return PlanText(w, p, opt)
	case FormatMD:
		return PlanMarkdown(w, p)
	case FormatJSON:
		return PlanJSON(w, p)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(PlanFormats, ", "))
}

func (p *Plan) heading() string {
	if p.BudgetMin > 0 {
		return fmt.Sprintf("Training plan for the team, within %s", FormatMinutes(p.BudgetMin))
	}
	return "Training plan for the team"
}

func (p *Plan) notes() []string {
	var out []string
	if len(p.Needs.NotShown) > 0 {
		out = append(out, fmt.Sprintf("Not planned for: %s, assessed by too few people for the team report to show.", strings.Join(p.Needs.NotShown, ", ")))
	}
	var banded []string
	for _, a := range p.Needs.Areas {
		if a.Banded {
			banded = append(banded, a.Code)
		}
	}
	if len(banded) > 0 {
		out = append(out, fmt.Sprintf("Counted at the lower end of their band, as the team report shows them: %s.", strings.Join(banded, ", ")))
	}
	if len(p.Untimed) > 0 {
		out = append(out, fmt.Sprintf("Left out because their time is not given (add a duration to count them against --hours): %s.", refsText(p.Untimed)))
	}
	if len(p.TooLong) > 0 {
		out = append(out, fmt.Sprintf("Longer than the whole budget: %s.", refsText(p.TooLong)))
	}
	if p.SingleBetter {
		out = append(out, "One module on its own addresses more than the modules chosen one by one could within the budget, so it is the plan.")
	}
	return out
}

func refsText(rs []ModuleRef) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Curriculum.ID+" "+r.Module.ID)
	}
	return strings.Join(parts, ", ")
}

// PlanText writes the plan as plain text.
func PlanText(w io.Writer, p *Plan, opt RenderOptions) error {
	t := &textWriter{w: w, width: opt.Width}
	if t.width <= 0 {
		t.width = 100
	}
	t.printf("%s\n\n", p.heading())
	t.wrap(p.Sentence(), "", "")
	t.printf("\n")
	if len(p.Chosen) == 0 {
		t.printf("No module given addresses any of the team's needs.\n")
	}
	for _, c := range p.Chosen {
		ref := ModuleRef{c.Curriculum, c.Module}
		t.wrap(fmt.Sprintf("%d. %s", c.Rank, ref.Cite()), "", "   ")
		t.printf("   %s\n", timeOrNone(c.Module.Minutes()))
		t.wrap(c.WhyText(p.BudgetMin > 0), "   ", "   ")
		for _, a := range c.Areas {
			line := fmt.Sprintf("%s %s: %.1f", a.Code, a.Title, a.Gain)
			if len(a.Competences) > 0 {
				line += " — " + strings.Join(a.Competences, "; ")
			}
			t.wrap(line, "   - ", "     ")
		}
		t.printf("\n")
	}
	if len(p.Unaddressed) > 0 {
		t.printf("Needs these modules do not address (%d areas):\n", len(p.Unaddressed))
		for _, a := range p.Unaddressed {
			t.wrap(fmt.Sprintf("%s %s (%s)", a.Code, a.Title, peopleText(a)), "  ", "    ")
		}
		t.printf("\n")
	}
	for _, n := range p.notes() {
		t.wrap(n, "", "")
	}
	t.wrap(PlanRule, "", "")
	return t.err
}

func peopleText(a TeamArea) string {
	if a.Banded {
		return fmt.Sprintf("at least %d people", a.People)
	}
	return fmt.Sprintf("%d people", a.People)
}

// PlanMarkdown writes the plan as Markdown.
func PlanMarkdown(w io.Writer, p *Plan) error {
	t := &textWriter{w: w}
	t.printf("# %s\n\n%s\n\n", mdText(p.heading()), mdText(p.Sentence()))
	for _, c := range p.Chosen {
		ref := ModuleRef{c.Curriculum, c.Module}
		t.printf("%d. **%s** — %s\n   - %s\n", c.Rank, mdText(ref.Cite()), timeOrNone(c.Module.Minutes()), mdText(c.WhyText(p.BudgetMin > 0)))
		for _, a := range c.Areas {
			line := fmt.Sprintf("%s %s: %.1f", a.Code, a.Title, a.Gain)
			if len(a.Competences) > 0 {
				line += " — " + strings.Join(a.Competences, "; ")
			}
			t.printf("   - %s\n", mdText(line))
		}
	}
	if len(p.Unaddressed) > 0 {
		t.printf("\n## Needs these modules do not address\n\n")
		for _, a := range p.Unaddressed {
			t.printf("- %s %s (%s)\n", a.Code, mdText(a.Title), peopleText(a))
		}
	}
	t.printf("\n")
	for _, n := range p.notes() {
		t.printf("> %s\n>\n", mdText(n))
	}
	t.printf("\n*%s*\n", mdText(PlanRule))
	return t.err
}

type jPlanArea struct {
	Framework   string   `json:"framework"`
	Code        string   `json:"code"`
	Gain        float64  `json:"adds"`
	Competences []string `json:"competences,omitempty"`
}

type jPlanChoice struct {
	Rank       int         `json:"rank"`
	Curriculum string      `json:"curriculum"`
	Module     string      `json:"module"`
	Title      string      `json:"title"`
	Minutes    int         `json:"minutes"`
	Cite       string      `json:"cite"`
	Gain       float64     `json:"adds"`
	PerHour    float64     `json:"adds_per_hour,omitempty"`
	Why        string      `json:"why"`
	Areas      []jPlanArea `json:"areas"`
}

type jPlan struct {
	Report      string        `json:"report"`
	Budget      int           `json:"budget_minutes,omitempty"`
	Minutes     int           `json:"minutes"`
	Total       float64       `json:"needs"`
	Addressed   float64       `json:"addressed"`
	Possible    float64       `json:"addressed_by_all_modules"`
	Chosen      []jPlanChoice `json:"modules"`
	Unaddressed []string      `json:"areas_not_addressed"`
	Notes       []string      `json:"notes,omitempty"`
	Rule        string        `json:"rule"`
}

// PlanJSON writes the plan as JSON.
func PlanJSON(w io.Writer, p *Plan) error {
	out := jPlan{Report: "reflect-curriculum-plan", Budget: p.BudgetMin, Minutes: p.Minutes, Total: round1(p.Total), Addressed: round1(p.Addressed),
		Possible: round1(p.Possible), Chosen: []jPlanChoice{}, Unaddressed: []string{}, Notes: p.notes(), Rule: PlanRule}
	for _, c := range p.Chosen {
		jc := jPlanChoice{Rank: c.Rank, Curriculum: c.Curriculum.ID, Module: c.Module.ID, Title: c.Module.Title, Minutes: c.Module.Minutes(),
			Cite: ModuleRef{c.Curriculum, c.Module}.Cite(), Gain: round1(c.Gain), PerHour: round1(c.PerHour), Why: c.WhyText(p.BudgetMin > 0)}
		for _, a := range c.Areas {
			jc.Areas = append(jc.Areas, jPlanArea{Framework: a.Framework, Code: a.Code, Gain: round1(a.Gain), Competences: a.Competences})
		}
		out.Chosen = append(out.Chosen, jc)
	}
	for _, a := range p.Unaddressed {
		out.Unaddressed = append(out.Unaddressed, a.Code)
	}
	return encodeJSON(w, out)
}
