// Package workforce holds the vocabularies reflect reads people's work
// from: professions, roles and settings. Records keep these as the free
// text people typed ("Staff nurse", "RMN", "A&E"); reports that group
// people (team --by), exports that must hold no free text (team --rows)
// and the courses matched to a person (curriculum match) read them
// through one set of classes, so that "Nurse", "RMN" and "staff nurse"
// are one profession and nothing a person typed leaves in an export.
//
// Words are matched as whole words, case ignored; the first class whose
// words match wins (a class's order in its list is its priority).
package workforce

import "strings"

// Class is one entry of a vocabulary.
type Class struct {
	ID, Label string
	// Family groups classes that share much of their work (settings:
	// hospital, community health, education …).
	Family string
	Words  []string
}

// Vocabulary is an ordered list of classes.
type Vocabulary []Class

// Special class ids for text that names no class.
const (
	NotStated = "not-stated" // the field is empty
	Other     = "other"      // text that names no class of the vocabulary
)

// Settings: where people work, and where courses are aimed.
var Settings = Vocabulary{
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

// Professions: what people are by training. The first match wins, so the
// more specific classes come first ("mental health nurse" before "nurse"
// would matter only if they were separate; "nursing associate" before
// "nurse").
var Professions = Vocabulary{
	{"healthcare-assistant", "healthcare assistant or support worker", "", []string{"healthcare assistant", "health care assistant", "hca", "support worker", "care assistant", "clinical support worker", "nursing assistant"}},
	{"nursing-associate", "nursing associate", "", []string{"nursing associate"}},
	{"midwife", "midwife", "", []string{"midwife", "midwives"}},
	{"nurse", "nurse", "", []string{"nurse", "nurses", "rmn", "rgn", "rnld", "rn", "nursing", "sister", "charge nurse", "matron"}},
	{"doctor", "doctor", "", []string{"doctor", "doctors", "gp", "psychiatrist", "consultant", "registrar", "physician", "surgeon", "fy1", "fy2", "foundation doctor", "trainee doctor", "medic", "anaesthetist"}},
	{"paramedic", "paramedic or ambulance clinician", "", []string{"paramedic", "paramedics", "emergency medical technician", "emt", "ambulance technician", "call handler"}},
	{"psychologist", "psychologist", "", []string{"psychologist", "clinical psychologist", "assistant psychologist"}},
	{"therapist", "psychotherapist or counsellor", "", []string{"psychotherapist", "counsellor", "counselor", "therapist", "cbt therapist", "psychological wellbeing practitioner", "pwp", "education mental health practitioner", "emhp"}},
	{"social-worker", "social worker", "", []string{"social worker", "social workers", "amhp", "approved mental health professional"}},
	{"occupational-therapist", "occupational therapist", "", []string{"occupational therapist", "ot"}},
	{"pharmacist", "pharmacist", "", []string{"pharmacist", "pharmacy technician"}},
	{"allied-health", "other allied health professional", "", []string{"physiotherapist", "dietitian", "speech and language therapist", "radiographer", "podiatrist", "art therapist"}},
	{"education", "teacher or education staff", "", []string{"teacher", "teachers", "teaching assistant", "lecturer", "tutor", "headteacher", "senco", "pastoral"}},
	{"police", "police or justice", "", []string{"police", "police officer", "pcso", "prison officer", "probation officer"}},
	{"peer-support", "peer support worker", "", []string{"peer support", "peer supporter", "peer worker", "lived experience"}},
	{"volunteer", "volunteer", "", []string{"volunteer", "volunteers", "listener"}},
	{"administrative", "administrative or reception staff", "", []string{"receptionist", "reception", "administrator", "admin", "secretary", "clerk"}},
	{"manager", "manager", "", []string{"manager", "service manager", "director", "commissioner", "public health", "coordinator"}},
}

// Roles: the level of the work, whatever the profession.
var Roles = Vocabulary{
	{"student", "student or trainee", "", []string{"student", "trainee", "apprentice", "fy1", "fy2", "foundation", "newly qualified", "preceptee", "preceptorship"}},
	{"supervisor", "supervisor or educator", "", []string{"supervisor", "clinical supervisor", "educator", "practice educator", "trainer", "mentor"}},
	{"lead", "lead or manager", "", []string{"lead", "leads", "manager", "head", "director", "matron", "ward manager", "team leader", "coordinator", "commissioner"}},
	{"senior", "senior or specialist practitioner", "", []string{"senior", "specialist", "advanced", "consultant", "principal", "charge nurse", "sister", "registrar", "expert"}},
	{"support", "support role", "", []string{"support worker", "assistant", "healthcare assistant", "hca", "receptionist", "admin", "administrator", "volunteer"}},
	{"practitioner", "practitioner", "", []string{"practitioner", "staff nurse", "nurse", "doctor", "social worker", "paramedic", "therapist", "officer", "worker", "clinician", "psychologist", "teacher", "pharmacist"}},
}

// ByID looks a class up.
func (v Vocabulary) ByID(id string) *Class {
	for i := range v {
		if v[i].ID == id {
			return &v[i]
		}
	}
	return nil
}

// IDs lists the class ids in order.
func (v Vocabulary) IDs() []string {
	out := make([]string, len(v))
	for i, c := range v {
		out[i] = c.ID
	}
	return out
}

// Label is a class's label, with the special ids spelled out.
func (v Vocabulary) Label(id string) string {
	switch id {
	case NotStated:
		return "not stated"
	case Other:
		return "other"
	}
	if c := v.ByID(id); c != nil {
		return c.Label
	}
	return id
}

// Find returns every class the texts name, in vocabulary order.
func (v Vocabulary) Find(texts ...string) []string {
	hay := haystack(texts...)
	var out []string
	for _, c := range v {
		if c.matches(hay) {
			out = append(out, c.ID)
		}
	}
	return out
}

// Classify returns the first class text names, Other when it names none,
// or NotStated when it is empty.
func (v Vocabulary) Classify(text string) string {
	if strings.TrimSpace(text) == "" {
		return NotStated
	}
	hay := haystack(text)
	for _, c := range v {
		if c.matches(hay) {
			return c.ID
		}
	}
	return Other
}

func (c *Class) matches(hay string) bool {
	for _, w := range c.Words {
		if strings.Contains(hay, " "+Words(w)+" ") {
			return true
		}
	}
	return false
}

func haystack(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(" ")
		b.WriteString(Words(t))
		b.WriteString(" ")
	}
	return b.String()
}

// Words lower-cases text and keeps letters, digits, '&' and apostrophes,
// with single spaces between words.
func Words(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '&' || r == '\'' || r > 127)
	})
	return strings.Join(f, " ")
}
