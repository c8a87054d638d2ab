package curriculum

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/workforce"
)

// Settings: where a course's audience works, and where a person works, so
// that a match can weigh a course written for another setting below one
// written for the person's own (a school-staff session is not the first
// thing to offer a healthcare assistant on an acute ward).
//
// A curriculum names its settings in `settings:` (ids of
// workforce.Settings), or
// they are read from its audience line; a person's come from the
// record's setting, role and profession. Both are free text in older
// files, so the words below are matched as whole words, case ignored.

// SettingByID looks a setting up in the shared vocabulary
// (workforce.Settings).
func SettingByID(id string) *workforce.Class { return workforce.Settings.ByID(id) }

// SettingIDs lists the setting ids a curriculum may name.
func SettingIDs() []string { return workforce.Settings.IDs() }

// SettingsIn finds the settings that free text names, as whole words
// (case ignored), in vocabulary order.
func SettingsIn(texts ...string) []string { return workforce.Settings.Find(texts...) }

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
