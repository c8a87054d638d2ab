package cpd

import (
	"strings"

	"github.com/reflect-cpd/reflect/internal/record"
)

// NMCPart is one piece of the reflection that answers a question of the
// NMC form, with the title of the section it comes from.
type NMCPart struct {
	Title string // the section's title, such as "Feelings"
	Text  string
}

// NMCAnswer is one question of the NMC reflective accounts form and what
// in the record answers it.
type NMCAnswer struct {
	Number   int
	Question string
	// Parts answer the question, in order.
	Parts []NMCPart
	// From says, when the reflection was written with another model,
	// where the answer comes from ("From your Gibbs feelings, evaluation,
	// analysis and conclusion."). It is shown on the page, so the mapping
	// is never silent. Empty for the NMC model's own sections.
	From string
	// Missing says what to do when nothing answers the question.
	Missing string
	// Themes are the Code themes chosen (question 4 only).
	Themes []string
}

// NMCAccount lays the record's reflection out as the NMC's reflective
// accounts form. The NMC model answers each question with its own
// section. Another model's sections answer the questions they are marked
// for, labelled; a section about what the person will do (a plan) never
// answers question 3, which asks what they have already changed.
func NMCAccount(r *record.Record) []NMCAnswer {
	m := LookupModel(r.Reflection.Model)
	text := map[string]string{}
	for _, s := range r.Reflection.Sections {
		text[s.Key] = strings.TrimSpace(s.Text)
	}
	var themes []string
	for _, st := range r.Standards {
		if st.Scheme == SchemeNMC {
			themes = append(themes, st.Label)
		}
	}
	out := make([]NMCAnswer, 4)
	for i := range out {
		a := &out[i]
		a.Number, a.Question = i+1, NMCQuestions[i]
		if m == nil {
			continue
		}
		// from names the sections the answer is taken from: those
		// written (a label naming an empty section would say the answer
		// comes from where it does not); could names every section that
		// would answer it, for when none is written yet.
		var from, could []string
		for _, p := range m.Prompts {
			if p.NMC != i+1 || (p.Plan && i+1 == 3) {
				continue
			}
			name := "\u201c" + p.Title + "\u201d"
			if m.Short != "" {
				name = strings.ToLower(p.Title)
			}
			could = append(could, name)
			if t := text[p.Key]; t != "" {
				from = append(from, name)
				a.Parts = append(a.Parts, NMCPart{Title: p.Title, Text: t})
			}
		}
		if m.ID != ModelNMC {
			a.From = fromLabel(m, from)
			if a.From == "" && len(could) > 0 {
				a.Missing = "Not written yet. " + strings.Replace(fromLabel(m, could), "From your", "It comes from your", 1)
			}
			if len(a.Parts) == 1 {
				a.Parts[0].Title = "" // one section: the label above says which
			}
		}
	}
	q4 := &out[3]
	q4.Themes = themes
	if m == nil || m.ID != ModelNMC {
		if b := strings.TrimSpace(r.Benefit); b != "" {
			q4.Parts = append(q4.Parts, NMCPart{Title: "Benefit to the people I support", Text: b})
			q4.From = "From the Code themes you chose and your benefit to the people you support."
		} else {
			q4.From = "From the Code themes you chose."
		}
	}
	for i := range out {
		a := &out[i]
		if len(a.Parts) > 0 || (i == 3 && len(a.Themes) > 0) {
			continue
		}
		switch {
		case i == 2 && m != nil && m.ID != ModelNMC:
			a.Missing = "Not answered by this reflection. Your " + planTitle(m) + " says what you will do; this question asks what you have already changed. Write it here once you have made the change, or use the NMC reflective account model."
		case i == 3:
			a.Missing = "Not written yet: choose the Code themes this links to, and say how."
		case a.Missing == "":
			a.Missing = "Not written yet."
		}
	}
	return out
}

// fromLabel says which of a model's sections an answer comes from, as
// the page shows it: "From your Gibbs feelings and evaluation.", "From
// your “So what?” section."; "" for none.
func fromLabel(m *Model, names []string) string {
	switch {
	case len(names) == 0:
		return ""
	case m.Short != "":
		return "From your " + m.Short + " " + joinAnd(names) + "."
	case len(names) == 1:
		return "From your " + names[0] + " section."
	}
	return "From your " + joinAnd(names) + " sections."
}

func planTitle(m *Model) string {
	for _, p := range m.Prompts {
		if p.Plan {
			return "\u201c" + p.Title + "\u201d section"
		}
	}
	return "reflection"
}

// joinAnd joins words as a list: "a", "a and b", "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// Body is the answer's text for a form field: the parts, each under the
// title of its section when there are several (so the mapping shows);
// "" when nothing answers the question. From and Missing are not in it.
func (a NMCAnswer) Body() string {
	var out []string
	for _, p := range a.Parts {
		if p.Title != "" && len(a.Parts) > 1 {
			out = append(out, p.Title+": "+p.Text)
			continue
		}
		out = append(out, p.Text)
	}
	return strings.Join(out, "\n\n")
}
