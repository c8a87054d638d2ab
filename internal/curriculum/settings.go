package curriculum

import (
	"fmt"
	"sort"
	"strings"
)

// Settings: where a course's audience works, and where a person works, so
// that a match can weigh a course written for another setting below one
// written for the person's own (a school-staff session is not the first
// thing to offer a healthcare assistant on an acute ward).
//
// A curriculum names its settings in `settings:` (ids from Settings), or
// they are read from its audience line; a person's come from the
// record's setting, role and profession. Both are free text in older
// files, so the words below are matched as whole words, case ignored.

// Setting is one work setting.
type Setting struct {
	ID, Label string
	// Family groups settings that share much of their work (hospital,
	// community health, education …): a course for another setting of the
	// same family counts more than one for an unrelated setting.
	Family string
	Words  []string
}

// Settings is the vocabulary, in the order reports list it.
var Settings = []Setting{
	{"emergency-department", "emergency department", "hospital", []string{"emergency department", "emergency departments", "a&e", "a and e", "ed", "urgent care", "urgent treatment centre", "emergency medicine"}},
	{"liaison-psychiatry", "liaison psychiatry", "hospital", []string{"liaison", "psychiatric liaison", "liaison psychiatry"}},
	{"acute-ward", "acute hospital ward", "hospital", []string{"acute ward", "acute wards", "medical ward", "surgical ward", "acute medical ward", "general hospital", "acute hospital", "acute trust", "ward", "wards"}},
	{"mental-health-inpatient", "mental health inpatient care", "hospital", []string{"inpatient", "inpatients", "psychiatric ward", "mental health ward", "secure unit"}},
	{"community-mental-health", "community mental health care", "community health", []string{"community mental health", "cmht", "crisis team", "crisis resolution", "home treatment", "early intervention"}},
	{"camhs", "children and young people's mental health services", "community health", []string{"camhs", "cypmhs", "children's mental health", "child and adolescent mental health"}},
	{"primary-care", "primary care", "community health", []string{"gp", "gps", "general practice", "primary care", "pharmacy", "pharmacist", "health visitor", "health visitors", "school nurse", "school nurses"}},
	{"ambulance", "ambulance service", "community health", []string{"ambulance", "paramedic", "paramedics", "999"}},
	{"school", "schools and colleges", "education", []string{"school", "schools", "college", "colleges", "teacher", "teachers", "education staff", "pupil", "pupils", "designated safeguarding lead"}},
	{"university", "universities", "education", []string{"university", "universities", "student services", "higher education"}},
	{"social-care", "social care", "social care", []string{"social care", "social work", "social worker", "social workers", "care home", "care homes", "children's services", "children's social care", "residential care", "foster"}},
	{"justice", "police, custody and justice", "justice", []string{"police", "custody", "prison", "prisons", "probation", "youth justice", "youth offending"}},
	{"voluntary", "helplines and the voluntary sector", "voluntary", []string{"helpline", "helplines", "crisis line", "volunteer", "volunteers", "charity", "voluntary sector", "faith"}},
	{"workplace", "workplaces and employers", "workplace", []string{"employer", "employers", "line manager", "line managers", "workplace", "workplaces", "hr"}},
	{"public-health", "public health", "public health", []string{"public health", "local authority", "suicide prevention lead", "suicide prevention coordinator"}},
}

// SettingByID looks a setting up.
func SettingByID(id string) *Setting {
	for i := range Settings {
		if Settings[i].ID == id {
			return &Settings[i]
		}
	}
	return nil
}

// SettingIDs lists the ids.
func SettingIDs() []string {
	out := make([]string, len(Settings))
	for i, s := range Settings {
		out[i] = s.ID
	}
	return out
}

// SettingsIn finds the settings that free text names, as whole words
// (case ignored), in vocabulary order.
func SettingsIn(texts ...string) []string {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(" ")
		b.WriteString(normWords(t))
		b.WriteString(" ")
	}
	hay := b.String()
	var out []string
	for _, s := range Settings {
		for _, w := range s.Words {
			if strings.Contains(hay, " "+normWords(w)+" ") {
				out = append(out, s.ID)
				break
			}
		}
	}
	return out
}

// normWords lower-cases text and keeps letters, digits, '&' and
// apostrophes, with single spaces between words.
func normWords(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '&' || r == '\'' || r > 127)
	})
	return strings.Join(f, " ")
}

// CourseSettings are the settings a curriculum is written for: those it
// names, else those its audience line names.
func (c *Curriculum) CourseSettings() []string {
	if len(c.Settings) > 0 {
		return c.Settings
	}
	return SettingsIn(c.Audience)
}

// Person is what a match knows of the person whose needs it matches:
// free text from their record.
type Person struct {
	Profession, Role, Setting string
}

// Settings are the settings the person's details name.
func (p Person) Settings() []string { return SettingsIn(p.Setting, p.Role, p.Profession) }

// Fit says how well a course's setting suits a person.
type Fit struct {
	// Weight multiplies the module's score: 1 for a course written for
	// the person's setting (or when either side names none), 3/4 for one
	// written for another setting of the same family, 1/2 for one written
	// only for unrelated settings.
	Weight float64
	Kind   string // FitSame, FitFamily, FitOther or FitUnknown
	Course []string
	Person []string
}

// Fit kinds.
const (
	FitSame    = "same setting"
	FitFamily  = "related setting"
	FitOther   = "other setting"
	FitUnknown = "setting not compared"
)

// FitOf weighs a course's settings against a person's.
func FitOf(course, person []string) Fit {
	f := Fit{Weight: 1, Kind: FitUnknown, Course: course, Person: person}
	if len(course) == 0 || len(person) == 0 {
		return f
	}
	fam := map[string]bool{}
	for _, p := range person {
		for _, c := range course {
			if p == c {
				f.Kind = FitSame
				return f
			}
		}
		if s := SettingByID(p); s != nil {
			fam[s.Family] = true
		}
	}
	for _, c := range course {
		if s := SettingByID(c); s != nil && fam[s.Family] {
			f.Weight, f.Kind = 0.75, FitFamily
			return f
		}
	}
	f.Weight, f.Kind = 0.5, FitOther
	return f
}

// Text explains a fit in a line: "" when the setting was not compared.
func (f Fit) Text() string {
	labels := func(ids []string) string {
		var out []string
		for _, id := range ids {
			if s := SettingByID(id); s != nil {
				out = append(out, s.Label)
			}
		}
		sort.Strings(out)
		return strings.Join(out, ", ")
	}
	switch f.Kind {
	case FitSame:
		return fmt.Sprintf("written for the person's setting (%s)", labels(intersect(f.Course, f.Person)))
	case FitFamily:
		return fmt.Sprintf("written for %s, related to the person's (%s): score × 3/4", labels(f.Course), labels(f.Person))
	case FitOther:
		return fmt.Sprintf("written for %s, not the person's (%s): score × 1/2", labels(f.Course), labels(f.Person))
	}
	return ""
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
			}
		}
	}
	return out
}
