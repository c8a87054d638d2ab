package cpd

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Kind is how a step or field is answered. Each front end draws a kind
// its own way (a picker or numbered choices, a text box or lines ending
// with a full stop) but stores through the same address.
type Kind string

// Kinds.
const (
	KindChoice   Kind = "choice"   // one of Options
	KindMulti    Kind = "multi"    // any of Options
	KindText     Kind = "text"     // one line
	KindLines    Kind = "lines"    // several lines
	KindDate     Kind = "date"     // YYYY-MM-DD
	KindHours    Kind = "hours"    // a number of hours
	KindForm     Kind = "form"     // the step's Fields, one after another
	KindGoals    Kind = "goals"    // the goals, each edited with GoalFields
	KindEvidence Kind = "evidence" // the evidence, added one by one
	KindCheck    Kind = "check"    // the anonymisation check and confirmation
	KindIntro    Kind = "intro"    // a model's introduction, with "not now" when it offers it
)

// Step is one step of the reflection and plan, as data: its title, the
// question it asks, help, how it is answered and where it is stored.
type Step struct {
	ID     string // "details", "model", "focus", "section.KEY", "benefit", "standards", "goals", "activity", "activity-type", "evidence", "check"
	Title  string
	Prompt string
	Help   string
	Kind   Kind
	// Addr is where a one-value step stores its answer.
	Addr string
	// Fields are the fields of a form.
	Fields []Field
	// Private marks free text about practice: show the privacy note.
	Private bool
}

// Field is one field of a form.
type Field struct {
	Addr   string
	Label  string // short, for a row of a form
	Prompt string // as a question, for line mode
	Hint   string // an example
	Help   string
	Kind   Kind
	// Private marks free text about practice.
	Private bool
}

// Option is one choice of a choice or multi step.
type Option struct {
	Value  string
	Label  string
	Detail string
	// Group, when set, is a heading shown before this option.
	Group string
}

// Steps lists the steps in order. The sections follow the chosen model,
// so the list changes when the model does.
func (f *Flow) Steps() []Step {
	steps := []Step{
		{ID: "details", Title: "Your details", Kind: KindForm,
			Prompt: "Your details for the record. All are optional; they head every export, and a confirmer looks for them.",
			Help:   "Leave any of them empty. They are not checked for identifiers: your own name is meant to be there.",
			Fields: []Field{
				{Addr: "details.name", Label: "Name", Prompt: "Your name", Kind: KindText, Hint: "e.g. Sam Patel"},
				{Addr: "details.profession", Label: "Profession", Prompt: "Your profession, such as mental health nurse, paramedic or social worker", Kind: KindText, Hint: "e.g. Emergency department nurse"},
				{Addr: "details.role", Label: "Role", Prompt: "Your role, if you want it on the record", Kind: KindText, Hint: "e.g. Senior staff nurse"},
				{Addr: "details.setting", Label: "Where you work", Prompt: "Where you work, such as an emergency department or a school", Kind: KindText, Hint: "e.g. Emergency department"},
				{Addr: "details.regulator", Label: "Regulator", Prompt: "Your regulator, such as NMC, GMC, HCPC or Social Work England, if any", Kind: KindText, Hint: "e.g. NMC",
					Help: "With the NMC, the reflection is offered as the NMC's own reflective account."},
				{Addr: "details.registration", Label: "Registration number (NMC PIN)", Prompt: "Your registration number (for the NMC, your PIN), if any", Kind: KindText, Hint: "e.g. 12A3456E"},
			}},
		{ID: "model", Title: "Reflective model", Kind: KindChoice, Addr: AddrModel,
			Prompt: "Choose how to structure your reflection.",
			Help:   "The NMC reflective account asks the four questions of the NMC's form. The NMC export lays out the other models on the form too, and says which part of your reflection answers each question."},
	}
	m := f.Model()
	if !m.NoFocus {
		steps = append(steps, Step{ID: "focus", Title: "Focus", Kind: KindMulti, Addr: AddrFocus,
			Prompt: "Which development needs will you reflect on? The most pressing come first; the top three are suggested.",
			Help:   "Choose any number, or none to reflect on what you would like to build on."})
	}
	if len(m.Intro) > 0 || m.NotNow {
		// Before the first section: what this reflection asks and what it
		// does not, where support is, and (NotNow) whether now is a good
		// time.
		steps = append(steps, Step{ID: "intro", Title: m.Title, Kind: KindIntro,
			Prompt: strings.Join(m.Intro, "\n\n"),
			Help:   "Start now goes on to the first question; not now saves everything and stops, and reflect assess --resume brings you back here."})
	}
	for i, p := range m.Prompts {
		steps = append(steps, Step{ID: SectionAddr(p.Key), Title: fmt.Sprintf("%s (%d of %d)", p.Title, i+1, len(m.Prompts)), Kind: KindLines,
			Addr: SectionAddr(p.Key), Prompt: p.Question, Help: p.Help, Private: true})
	}
	steps = append(steps,
		Step{ID: "benefit", Title: "Benefit to the people you support", Kind: KindLines, Addr: AddrBenefit, Private: true,
			Prompt: "How will what you learn benefit the people you support, their families and carers?",
			Help:   "HCPC asks for this in standard 4; it helps every portfolio."},
		Step{ID: "standards", Title: "Standards", Kind: KindMulti, Addr: AddrStandards,
			Prompt: "Which professional standards does this link to? Choose your own regulator's.",
			Help:   "For the NMC, these are the Code themes question 4 of the reflective account asks for."},
		Step{ID: "goals", Title: "Development plan", Kind: KindGoals,
			Prompt: "Set one or more SMART goals: specific, measurable, achievable, relevant and time-bound.",
			Help:   "Each goal has an objective, the competences it develops, what you will do, resources, a target date, how you will know, and a status."},
		Step{ID: "activity", Title: "The CPD activity", Kind: KindForm,
			Prompt: "The activity this record documents, for your CPD log.",
			Help:   "NMC revalidation asks for 35 hours over three years, 20 of them participatory: learning with other people, such as discussing this record with your supervisor. Time on your own is not participatory.",
			Fields: []Field{
				{Addr: "activity.title", Label: "Title", Prompt: "Title of the activity", Kind: KindText, Private: true},
				{Addr: "activity.method", Label: "Type of CPD (method)", Prompt: "Type of CPD (method)", Kind: KindText, Hint: "e.g. Self-assessment against a competence framework", Private: true},
				{Addr: "activity.start_date", Label: "Start date (YYYY-MM-DD)", Prompt: "Date of the activity (YYYY-MM-DD)", Kind: KindDate},
				{Addr: "activity.end_date", Label: "End date (YYYY-MM-DD)", Prompt: "Date it ended (YYYY-MM-DD)", Kind: KindDate,
					Help: "The same day as the start or later."},
				{Addr: "activity.hours", Label: "Hours in total", Prompt: "How many hours did it take, including this reflection? (such as 1.5)", Kind: KindHours, Hint: "e.g. 1.5"},
				{Addr: "activity.participatory_hours", Label: "Participatory hours (learning with others)", Prompt: "How many of those hours were participatory?", Kind: KindHours, Hint: "e.g. 0",
					Help: "Participatory hours are part of the total."},
			}},
	)
	if st, ok := f.activityTypeStep(); ok {
		steps = append(steps, st)
	}
	steps = append(steps,
		Step{ID: "evidence", Title: "Evidence", Kind: KindEvidence,
			Prompt: "You can refer to evidence such as a certificate or your notes (optional).",
			Help:   "Give the path of a file: reflect records its name, size and a SHA-256 fingerprint so it can be matched later. The file itself is not copied and stays where it is. Or describe the evidence in a line."},
		Step{ID: "check", Title: "Anonymisation check", Kind: KindCheck,
			Prompt: "Checking that the record identifies nobody.",
			Help:   "The check is a prompt, not a guarantee. " + PrivacyNote},
	)
	return steps
}

// Step returns the step with the given id.
func (f *Flow) Step(id string) (Step, bool) {
	for _, s := range f.Steps() {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// StepOf returns the id of the step where a field address is changed
// (for the check's "edit this"). Notes are changed on the questionnaire:
// "" is returned for them.
func (f *Flow) StepOf(addr string) string {
	head, key, _ := address(addr)
	switch head {
	case "details", "activity", "goal", "evidence":
		if head == "goal" && key != "" {
			return "goals"
		}
		if addr == AddrActivityType {
			return "activity-type"
		}
		return head
	case "section":
		return SectionAddr(key)
	case AddrModel, AddrFocus, AddrBenefit, AddrStandards:
		return head
	}
	return ""
}

// GoalFields are the fields of one goal.
func (f *Flow) GoalFields(id string) []Field {
	a := func(name string) string { return GoalAddr(id, name) }
	return []Field{
		{Addr: a("objective"), Label: "Objective: what will you be able to do?", Prompt: "What do you want to achieve? Write it in one line", Kind: KindText, Private: true,
			Hint: "e.g. Lead a collaborative safety plan with confidence"},
		{Addr: a("competences"), Label: "Competences it develops", Prompt: "Which competences does this goal develop?", Kind: KindMulti,
			Help: "A new goal starts with none ticked: tick the ones this goal is about."},
		{Addr: a("activities"), Label: "Planned activities (one per line)", Prompt: "What will you do to get there? For example: a course, reading, shadowing a colleague, discussing cases in supervision.", Kind: KindLines, Private: true,
			Hint: "e.g. complete an e-learning module; shadow a colleague"},
		{Addr: a("resources"), Label: "Resources", Prompt: "Learning resources for these areas", Kind: KindMulti},
		{Addr: a("target_date"), Label: "Target date (YYYY-MM-DD)", Prompt: "Target date, as YYYY-MM-DD", Kind: KindDate},
		{Addr: a("success_measure"), Label: "Success measure: how will you know?", Prompt: "How will you know you have achieved it? (one line)", Kind: KindText, Private: true,
			Hint: "e.g. my supervisor observes two safety plans"},
		{Addr: a("status"), Label: "Status", Prompt: "Status", Kind: KindChoice},
	}
}

// Options lists the choices for a choice or multi field.
func (f *Flow) Options(addr string) []Option {
	head, key, name := address(addr)
	switch head {
	case "activity":
		if addr == AddrActivityType {
			return f.activityTypeOptions()
		}
	case AddrModel:
		def := DefaultModel(f.r.Practitioner.Regulator)
		var out []Option
		for _, m := range Models {
			label := m.Title
			if m.ID == def {
				label += " (suggested)"
			}
			out = append(out, Option{Value: m.ID, Label: label, Detail: m.About})
		}
		return out
	case AddrFocus:
		var out []Option
		scale := f.scale()
		for _, n := range f.Needs() {
			out = append(out, Option{Value: n.Code, Label: n.Code + " " + n.Statement, Detail: NeedWhy(n, scale)})
		}
		return out
	case AddrStandards:
		var out []Option
		for _, scheme := range f.schemeOrder() {
			first := true
			for _, s := range Standards {
				if s.Scheme != scheme {
					continue
				}
				o := Option{Value: s.Key(), Label: s.Label}
				if first {
					o.Group = SchemeTitles[scheme]
					first = false
				}
				out = append(out, o)
			}
		}
		return out
	case "goal":
		g, err := f.goal(addr, key)
		if err != nil {
			return nil
		}
		switch name {
		case "competences":
			return f.competenceOptions(g)
		case "resources":
			var out []Option
			for _, r := range f.Resources(g.Competences) {
				d := r.Provider
				if r.Cost != "" {
					d += ", " + r.Cost
				}
				if r.URL != "" {
					d += ", " + r.URL
				}
				out = append(out, Option{Value: r.ID, Label: r.Title, Detail: d})
			}
			return out
		case "status":
			var out []Option
			for _, s := range GoalStatuses {
				out = append(out, Option{Value: s, Label: GoalStatusLabel(s)})
			}
			return out
		}
	}
	return nil
}

// Suggest is the value offered for an empty field: the activity's title,
// today for its start and the start for its end. "" when none.
func (f *Flow) Suggest(addr string) string {
	a := f.r.Activity
	switch addr {
	case "activity.title":
		var names []string
		for _, ref := range f.r.Frameworks {
			name := ref.Title
			if f.s != nil {
				if fw := f.s.Plan.Set.Get(ref.ID); fw != nil && fw.ShortTitle != "" {
					name = fw.ShortTitle
				}
			}
			names = append(names, name)
		}
		return "Self-assessment and reflection: self-harm and suicide prevention competences (" + strings.Join(names, ", ") + ")"
	case "activity.start_date":
		return f.opts.Now().Format(DateLayout)
	case "activity.end_date":
		if a.StartDate != "" {
			return a.StartDate
		}
		return f.opts.Now().Format(DateLayout)
	}
	return ""
}

func (f *Flow) schemeOrder() []string {
	own := ""
	switch RegulatorID(f.r.Practitioner.Regulator) {
	case "nmc":
		own = SchemeNMC
	case "gmc":
		own = SchemeGMC
	case "hcpc":
		own = SchemeHCPC
	case "swe":
		own = SchemeSWE
	}
	out := []string{}
	if own != "" {
		out = append(out, own)
	}
	for _, s := range Schemes {
		if s != own {
			out = append(out, s)
		}
	}
	return out
}

func (f *Flow) scale() *framework.Scale {
	if f.s != nil {
		return f.s.Plan.Scale()
	}
	return nil
}

// competenceOptions offers the needs, then the goal's other competences.
func (f *Flow) competenceOptions(g *record.Goal) []Option {
	var out []Option
	seen := map[string]bool{}
	scale := f.scale()
	for _, n := range f.Needs() {
		out = append(out, Option{Value: n.Code, Label: n.Code + " " + n.Statement, Detail: NeedWhy(n, scale)})
		seen[n.Code] = true
	}
	for _, c := range g.Competences {
		if seen[c] {
			continue
		}
		label := c
		if f.s != nil {
			if comp := f.s.Plan.Set.Competence(c); comp != nil {
				label += " " + comp.Statement
			}
		}
		out = append(out, Option{Value: c, Label: label})
	}
	return out
}

// Resources lists the frameworks' learning resources for the areas of some
// competences, each once, in the order of the competences.
func (f *Flow) Resources(codes []string) []*framework.Resource {
	if f.s == nil {
		return nil
	}
	set := f.s.Plan.Set
	var out []*framework.Resource
	seen := map[string]bool{}
	seenArea := map[string]bool{}
	for _, c := range codes {
		comp := set.Competence(c)
		fw := set.Owner(c)
		if comp == nil || fw == nil || comp.Area == nil || seenArea[comp.Area.Code] {
			continue
		}
		seenArea[comp.Area.Code] = true
		for _, r := range fw.ResourcesFor(comp.Area.Code) {
			if !seen[fw.ID+"/"+r.ID] {
				seen[fw.ID+"/"+r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// ResourceTitle is how a goal's resource reads: a catalogue resource by
// its title, free text as it is.
func (f *Flow) ResourceTitle(id string) string {
	if f.s != nil {
		for _, fw := range f.s.Plan.Set.Frameworks() {
			if r := fw.Resource(id); r != nil {
				return r.Title
			}
		}
	}
	return id
}
