package cpd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Field addresses. A goal's fields are "goal.ID.objective" and so on, a
// section's "section.KEY", a competence note "note.CODE" and an evidence
// description "evidence.N.description".
const (
	AddrModel     = "model"
	AddrFocus     = "focus"
	AddrBenefit   = "benefit"
	AddrStandards = "standards"
)

// Detail field names (details.NAME).
var detailNames = []string{"name", "profession", "role", "setting", "regulator", "registration"}

// Activity field names (activity.NAME).
var activityNames = []string{"title", "method", "type", "start_date", "end_date", "hours", "participatory_hours"}

// Goal field names (goal.ID.NAME).
var goalNames = []string{"objective", "competences", "activities", "resources", "target_date", "success_measure", "status"}

var goalIDRE = lazy.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ValidGoalID reports whether id can name a goal: letters, digits, _ and -.
func ValidGoalID(id string) bool { return goalIDRE.MatchString(id) }

// SectionAddr is the address of a reflection section.
func SectionAddr(key string) string { return "section." + key }

// GoalAddr is the address of a goal's field.
func GoalAddr(id, name string) string { return "goal." + id + "." + name }

// NoteAddr is the address of the note on a competence.
func NoteAddr(code string) string { return "note." + code }

// address splits an address into its head, an optional key and the name.
func address(addr string) (head, key, name string) {
	head, rest, _ := strings.Cut(addr, ".")
	switch head {
	case "goal", "evidence":
		key, name, _ = strings.Cut(rest, ".")
	case "note", "section":
		key = rest
	default:
		name = rest
	}
	return head, key, name
}

// Get returns the value stored at a field address, as text (lists one
// item per line; hours without trailing zeros).
func (f *Flow) Get(addr string) string {
	r := f.r
	head, key, name := address(addr)
	switch head {
	case "details":
		if p := detailField(&r.Practitioner, name); p != nil {
			return *p
		}
	case AddrModel:
		return f.Model().ID
	case AddrFocus:
		return strings.Join(r.Reflection.Focus, "\n")
	case "section":
		for _, s := range r.Reflection.Sections {
			if s.Key == key {
				return s.Text
			}
		}
	case AddrBenefit:
		return r.Benefit
	case AddrStandards:
		return strings.Join(f.GetList(addr), "\n")
	case "activity":
		a := &r.Activity
		switch name {
		case "title":
			return a.Title
		case "method":
			return a.Method
		case "type":
			return a.Type
		case "start_date":
			return a.StartDate
		case "end_date":
			return a.EndDate
		case "hours":
			return FormatHours(a.Hours)
		case "participatory_hours":
			return FormatHours(a.ParticipatoryHours)
		}
	case "goal":
		g, err := f.goal(addr, key)
		if err != nil {
			return ""
		}
		switch name {
		case "objective":
			return g.Objective
		case "competences":
			return strings.Join(g.Competences, "\n")
		case "activities":
			return strings.Join(g.Activities, "\n")
		case "resources":
			return strings.Join(g.Resources, "\n")
		case "target_date":
			return g.TargetDate
		case "success_measure":
			return g.SuccessMeasure
		case "status":
			return g.Status
		}
	case "evidence":
		if n := evidenceIndex(key, len(r.Activity.Evidence)); n >= 0 && name == "description" {
			return r.Activity.Evidence[n].Description
		}
	case "note":
		if f.s != nil {
			return f.s.Answer(key).Note
		}
		for _, a := range r.Answers {
			if a.Code == key {
				return a.Note
			}
		}
	}
	return ""
}

// GetList returns a list stored at a field address.
func (f *Flow) GetList(addr string) []string {
	r := f.r
	head, key, name := address(addr)
	switch head {
	case AddrFocus:
		return slices.Clone(r.Reflection.Focus)
	case AddrStandards:
		var out []string
		for _, s := range r.Standards {
			out = append(out, s.Scheme+"/"+s.ID)
		}
		return out
	case "goal":
		g, err := f.goal(addr, key)
		if err != nil {
			return nil
		}
		switch name {
		case "competences":
			return slices.Clone(g.Competences)
		case "activities":
			return slices.Clone(g.Activities)
		case "resources":
			return slices.Clone(g.Resources)
		}
	}
	if v := f.Get(addr); v != "" {
		return strings.Split(v, "\n")
	}
	return nil
}

func detailField(p *record.Practitioner, name string) *string {
	switch name {
	case "name":
		return &p.Name
	case "profession":
		return &p.Profession
	case "role":
		return &p.Role
	case "setting":
		return &p.Setting
	case "regulator":
		return &p.Regulator
	case "registration":
		return &p.Registration
	}
	return nil
}

func evidenceIndex(key string, n int) int {
	i := 0
	for _, c := range key {
		if c < '0' || c > '9' || i > n {
			return -1
		}
		i = i*10 + int(c-'0')
	}
	if key == "" || i < 1 || i > n {
		return -1
	}
	return i - 1
}

func unknownField(addr string) error {
	return problem(addr, "", "there is no field %q", addr)
}

// set stores a single value.
func (f *Flow) set(addr, v string) error {
	r := f.r
	head, key, name := address(addr)
	switch head {
	case "details":
		p := detailField(&r.Practitioner, name)
		if p == nil {
			return unknownField(addr)
		}
		*p = oneLine(v)
		return nil
	case AddrModel:
		return f.setModel(strings.TrimSpace(v))
	case AddrFocus, AddrStandards:
		return f.setList(addr, splitCodes(v))
	case "section":
		return f.setSection(key, v)
	case AddrBenefit:
		v = trimText(v)
		f.textChanged(r.Benefit, v)
		r.Benefit = v
		return nil
	case "activity":
		return f.setActivity(addr, name, v)
	case "goal":
		g, err := f.goal(addr, key)
		if err != nil {
			return err
		}
		return f.setGoal(addr, g, name, v)
	case "evidence":
		n := evidenceIndex(key, len(r.Activity.Evidence))
		if n < 0 || name != "description" {
			return unknownField(addr)
		}
		v = oneLine(v)
		e := &r.Activity.Evidence[n]
		if v == "" && e.File == "" {
			return problem(addr, "remove the evidence instead", "evidence without a file needs a description")
		}
		f.textChanged(e.Description, v)
		e.Description = v
		return nil
	case "note":
		if f.s == nil {
			return problem(addr, "", "notes are changed with the assessment open")
		}
		old := f.s.Answer(key).Note
		if err := f.s.SetNote(key, v); err != nil {
			return problem(addr, "", "%v", err)
		}
		f.textChanged(old, f.s.Answer(key).Note)
		return nil
	}
	return unknownField(addr)
}

// setList stores a list.
func (f *Flow) setList(addr string, list []string) error {
	r := f.r
	head, key, name := address(addr)
	switch head {
	case AddrFocus:
		var codes []string
		for _, c := range list {
			if strings.TrimSpace(c) == "" {
				continue
			}
			code, err := f.codeOK(addr, c)
			if err != nil {
				return err
			}
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
		if m := f.Model(); m.NoFocus && len(codes) > 0 {
			return problem(addr, "leave the focus out, or choose another model", "the reflection %q does not ask which development needs to reflect on", m.Title)
		}
		r.Reflection.Focus = codes
		if r.Reflection.Model == "" {
			f.setModel(f.Model().ID)
		}
		return nil
	case AddrStandards:
		var out []record.StandardRef
		seen := map[string]bool{}
		for _, k := range list {
			scheme, id, _ := strings.Cut(strings.TrimSpace(k), "/")
			st, ok := LookupStandard(scheme, id)
			if !ok {
				return problem(addr, "choose from the list of standards", "%q is not one of the standards", k)
			}
			if !seen[st.Key()] {
				seen[st.Key()] = true
				out = append(out, record.StandardRef{Scheme: st.Scheme, ID: st.ID, Label: st.Label})
			}
		}
		// In the order of the list of standards, whatever order they were ticked in.
		slices.SortStableFunc(out, func(a, b record.StandardRef) int { return standardIndex(a) - standardIndex(b) })
		r.Standards = out
		return nil
	case "goal":
		g, err := f.goal(addr, key)
		if err != nil {
			return err
		}
		switch name {
		case "competences":
			var codes []string
			for _, c := range list {
				if strings.TrimSpace(c) == "" {
					continue
				}
				code, err := f.codeOK(addr, c)
				if err != nil {
					return err
				}
				if !slices.Contains(codes, code) {
					codes = append(codes, code)
				}
			}
			g.Competences = codes
			return nil
		case "activities", "resources":
			var out []string
			for _, x := range list {
				if x = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(x), "-*•")); x != "" {
					out = append(out, oneLine(x))
				}
			}
			dst := &g.Activities
			if name == "resources" {
				dst = &g.Resources
			}
			f.textChanged(strings.Join(*dst, "\n"), strings.Join(out, "\n"))
			*dst = out
			return nil
		}
		return f.setGoal(addr, g, name, strings.Join(list, "\n"))
	}
	return f.set(addr, strings.Join(list, "\n"))
}

func standardIndex(s record.StandardRef) int {
	for i, x := range Standards {
		if x.Scheme == s.Scheme && x.ID == s.ID {
			return i
		}
	}
	return len(Standards)
}

// splitCodes splits "A B, C" into codes.
func splitCodes(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\n' || r == '\t' })
}

func (f *Flow) setModel(id string) error {
	m := LookupModel(id)
	if m == nil {
		return problem(AddrModel, "models: "+strings.Join(ModelIDs(), ", "), "there is no reflective model %q", id)
	}
	r := f.r
	have := map[string]string{}
	for _, s := range r.Reflection.Sections {
		have[s.Key] = s.Text
	}
	var out []record.ReflectionSection
	for _, p := range m.Prompts {
		out = append(out, record.ReflectionSection{Key: p.Key, Prompt: p.Question, Text: have[p.Key]})
	}
	// Text written under another model is kept, after the model's own.
	for _, s := range r.Reflection.Sections {
		if _, ok := m.Prompt(s.Key); !ok && strings.TrimSpace(s.Text) != "" {
			out = append(out, s)
		}
	}
	r.Reflection.Model = m.ID
	r.Reflection.Sections = out
	return nil
}

func (f *Flow) setSection(key, v string) error {
	r := f.r
	if r.Reflection.Model == "" {
		f.setModel(f.Model().ID)
	}
	m := f.Model()
	p, ok := m.Prompt(key)
	if !ok {
		var keys []string
		for _, p := range m.Prompts {
			keys = append(keys, p.Key)
		}
		return problem(SectionAddr(key), "the sections of "+m.Title+" are: "+strings.Join(keys, ", "), "%q is not a section of the %s model", key, m.ID)
	}
	v = trimText(v)
	for i := range r.Reflection.Sections {
		if s := &r.Reflection.Sections[i]; s.Key == key {
			f.textChanged(s.Text, v)
			s.Text, s.Prompt = v, p.Question
			return nil
		}
	}
	f.textChanged("", v)
	r.Reflection.Sections = append(r.Reflection.Sections, record.ReflectionSection{Key: key, Prompt: p.Question, Text: v})
	return nil
}

func (f *Flow) setActivity(addr, name, v string) error {
	a := &f.r.Activity
	switch name {
	case "title":
		v = oneLine(v)
		f.textChanged(a.Title, v)
		a.Title = v
	case "method":
		v = oneLine(v)
		f.textChanged(a.Method, v)
		a.Method = v
	case "type":
		return f.setActivityType(v)
	case "start_date":
		d, err := ParseDate(addr, v)
		if err != nil {
			return err
		}
		if d != "" && a.EndDate != "" && d > a.EndDate {
			if a.EndDate != a.StartDate {
				return problem(addr, "change the end date first", "the activity would start (%s) after it ends (%s)", Day(d), Day(a.EndDate))
			}
			a.EndDate = d // a one-day activity moves as a whole
		}
		a.StartDate = d
	case "end_date":
		d, err := ParseDate(addr, v)
		if err != nil {
			return err
		}
		if d != "" && a.StartDate != "" && d < a.StartDate {
			return problem(addr, "the end date is the same day as the start or later", "the activity cannot end (%s) before it starts (%s)", Day(d), Day(a.StartDate))
		}
		a.EndDate = d
	case "hours":
		h, err := ParseHours(addr, v)
		if err != nil {
			return err
		}
		if a.ParticipatoryHours > 0 && h < a.ParticipatoryHours {
			return problem(addr, "change the participatory hours first", "%s hours in total is fewer than the %s participatory hours, which are part of the total", orZero(h), FormatHours(a.ParticipatoryHours))
		}
		a.Hours = h
	case "participatory_hours":
		h, err := ParseHours(addr, v)
		if err != nil {
			return err
		}
		if h > a.Hours {
			return problem(addr, "participatory hours are part of the hours in total", "%s participatory hours is more than the %s hours in total", FormatHours(h), orZero(a.Hours))
		}
		a.ParticipatoryHours = h
	default:
		return unknownField(addr)
	}
	return nil
}

func orZero(h float64) string {
	if h == 0 {
		return "0"
	}
	return FormatHours(h)
}

func (f *Flow) setGoal(addr string, g *record.Goal, name, v string) error {
	switch name {
	case "objective":
		v = oneLine(v)
		f.textChanged(g.Objective, v)
		g.Objective = v
	case "competences":
		return f.setList(addr, splitCodes(v))
	case "activities", "resources":
		return f.setList(addr, strings.Split(v, "\n"))
	case "target_date":
		d, err := ParseDate(addr, v)
		if err != nil {
			return err
		}
		g.TargetDate = d
	case "success_measure":
		v = oneLine(v)
		f.textChanged(g.SuccessMeasure, v)
		g.SuccessMeasure = v
	case "status":
		s := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(v)), " ", "-")
		if s == "" {
			s = record.GoalPlanned
		}
		if !slices.Contains(GoalStatuses, s) {
			return problem(addr, "statuses: "+strings.Join(GoalStatuses, ", "), "%q is not a goal status", v)
		}
		g.Status = s
	default:
		return unknownField(addr)
	}
	return nil
}

// FieldName says in words which field an address is, for messages such as
// "You were writing the note on ADU.1.2.3 when reflect stopped".
func (f *Flow) FieldName(addr string) string {
	head, key, name := address(addr)
	switch head {
	case "note":
		return "the note on " + key
	case "section":
		if p, ok := f.Model().Prompt(key); ok {
			return "the \u201c" + p.Title + "\u201d part of your reflection"
		}
		return "your reflection"
	case AddrBenefit:
		return "the benefit to the people you support"
	case "goal":
		for i, g := range f.r.Plan {
			if g.ID == key {
				return fmt.Sprintf("goal %d (%s)", i+1, strings.ReplaceAll(name, "_", " "))
			}
		}
		return "a goal"
	case "activity":
		if name == "type" {
			return "the type of CPD activity"
		}
		return "the activity's " + strings.ReplaceAll(name, "_", " ")
	}
	return addr
}
