package curriculum

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Profile coverage answers "does this course cover the ED profile?": for
// each area of a role profile, whether the course addresses the area's
// competences as strongly as the profile's target level calls for.
//
// A target is a level of the framework's scale; a course's outcomes have
// strengths. They are put side by side by position: the lowest level of
// the scale ("Not yet") calls for nothing, the second ("Developing") for
// an outcome that introduces the competence, the third ("Competent") for
// one that develops it, and the fourth and any above ("Proficient") for
// one that assesses it. A course cannot make anyone proficient; what it
// can do is observe or test the competence, which is the strongest thing
// a curriculum can say.

// NeededStrength is the strength a target level calls for on scale.
func NeededStrength(scale *framework.Scale, target int) Strength {
	i := 0
	for _, l := range scale.Levels {
		if l.Value < target {
			i++
		}
	}
	switch {
	case i <= 0:
		return None
	case i >= int(Assesses):
		return Assesses
	}
	return Strength(i)
}

// Area statuses in a profile coverage.
const (
	ProfileReached      = "reached"        // every competence addressed at the strength needed
	ProfilePartly       = "partly"         // some addressed, not all at the strength needed
	ProfileNotAddressed = "not addressed"  // no competence of the area addressed
	ProfileNothing      = "nothing needed" // the target is the scale's lowest level
)

// ProfileArea is one area of a profile and how the course covers it
// against the area's target.
type ProfileArea struct {
	Coverage    *AreaCoverage
	Target      int
	TargetLabel string
	Needed      Strength
	// AtStrength counts the area's competences addressed directly at the
	// strength needed or stronger; Weaker those addressed directly but
	// less strongly; Equivalent those reached only through an equivalent
	// competence of another framework (shown, never counted); NotAddressed
	// the rest.
	AtStrength, Weaker, Equivalent, NotAddressed int
	Status                                       string
	// Short lists the competences not yet at the strength needed.
	Short []*CompetenceCoverage
}

// Competences is the number of competences in the area.
func (pa *ProfileArea) Competences() int { return pa.Coverage.Tally.Competences }

// ProfileCoverage is how a course covers a role profile.
type ProfileCoverage struct {
	Framework *framework.Framework
	Profile   *framework.Profile
	Areas     []*ProfileArea
	// Areas by status, and competences of the profile's areas in total
	// and at the strength their target needs.
	Reached, Partly, NotAddressed, Nothing int
	Competences, AtStrength                int
	// Minutes is the time in sessions that touch any of the profile's
	// areas, each session counted once.
	Minutes int
}

// Sentence sums the coverage up in one line.
func (pc *ProfileCoverage) Sentence() string {
	counted := len(pc.Areas) - pc.Nothing
	s := fmt.Sprintf("Profile %s: %d of %d areas reached at their targets, %d partly, %d not addressed; %d of %d competences at the strength their target needs (%s).",
		pc.Profile.ID, pc.Reached, counted, pc.Partly, pc.NotAddressed, pc.AtStrength, pc.Competences, Pct(pct(pc.AtStrength, pc.Competences)))
	if pc.Nothing > 0 {
		s += fmt.Sprintf(" %s at the scale's lowest level, which needs nothing.", plural(pc.Nothing, "area"))
	}
	return s
}

func pct(part, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(part) / float64(total)
}

// ProfileRule explains how targets are compared with strengths.
const ProfileRule = "A target calls for a strength by its place on the scale: the second level (e.g. Developing) for an outcome that introduces the competence, the third (Competent) for one that develops it, the fourth and above (Proficient) for one that assesses it; the lowest level needs nothing. An area is reached when every competence in it is addressed at that strength or stronger. Competences reached only through an equivalent in another framework are shown and not counted."

// FindProfile looks a profile up by "ID" or "FRAMEWORK:ID" (also
// "FRAMEWORK/ID") among fws first and then every framework of set. An id
// that more than one framework uses must name its framework.
func FindProfile(set *framework.Set, fws []*framework.Framework, ref string) (*framework.Framework, *framework.Profile, error) {
	fwID, id := "", strings.TrimSpace(ref)
	if i := strings.IndexAny(id, ":/"); i >= 0 {
		fwID, id = id[:i], id[i+1:]
	}
	var found []*framework.Framework
	var all []string
	for _, f := range set.Frameworks() {
		for _, p := range f.Profiles {
			all = append(all, f.ID+":"+p.ID)
		}
		if fwID != "" && f.ID != fwID {
			continue
		}
		if f.Profile(id) != nil {
			found = append(found, f)
		}
	}
	if fwID != "" && set.Get(fwID) == nil {
		return nil, nil, fmt.Errorf("--profile %s: there is no framework %q loaded (loaded: %s)", ref, fwID, strings.Join(set.IDs(), ", "))
	}
	if len(found) > 1 {
		// Prefer the frameworks of the report.
		var in []*framework.Framework
		for _, f := range found {
			for _, g := range fws {
				if f == g {
					in = append(in, f)
				}
			}
		}
		if len(in) == 1 {
			found = in
		}
	}
	switch len(found) {
	case 0:
		return nil, nil, fmt.Errorf("--profile %s: no loaded framework has that profile; the profiles are %s", ref, strings.Join(all, ", "))
	case 1:
		return found[0], found[0].Profile(id), nil
	}
	var names []string
	for _, f := range found {
		names = append(names, f.ID+":"+id)
	}
	return nil, nil, fmt.Errorf("--profile %s: more than one framework has a profile %q; say which: %s", ref, id, strings.Join(names, " or "))
}

// CoverProfile works out how the map's coverage of f meets profile p. f
// must be one of the map's frameworks.
func CoverProfile(m *Map, f *framework.Framework, p *framework.Profile) (*ProfileCoverage, error) {
	var fc *FrameworkCoverage
	for _, x := range m.Frameworks {
		if x.Framework == f {
			fc = x
		}
	}
	if fc == nil {
		return nil, fmt.Errorf("the report does not cover %s, whose profile %s was asked for", f.ID, p.ID)
	}
	areas := map[string]*AreaCoverage{}
	for _, d := range fc.Domains {
		for _, a := range d.Areas {
			areas[a.Area.Code] = a
		}
	}
	scale := f.EffectiveScale()
	pc := &ProfileCoverage{Framework: f, Profile: p}
	sessions := map[*Session]bool{}
	for _, code := range p.Targets.Keys {
		ac := areas[code]
		if ac == nil {
			continue // the validator keeps profiles to the framework's areas
		}
		target := p.Targets.Values[code]
		pa := &ProfileArea{Coverage: ac, Target: target, Needed: NeededStrength(scale, target)}
		if l := scale.Level(target); l != nil {
			pa.TargetLabel = l.Label
		}
		for _, cc := range ac.Competences {
			for _, mp := range cc.Outcomes {
				if !sessions[mp.Session] {
					sessions[mp.Session] = true
					pc.Minutes += mp.Session.Duration.Minutes
				}
			}
			switch {
			case pa.Needed == None || cc.Strength >= pa.Needed:
				pa.AtStrength++
				continue
			case cc.Strength != None:
				pa.Weaker++
			case cc.Equivalent != None:
				pa.Equivalent++
			default:
				pa.NotAddressed++
			}
			pa.Short = append(pa.Short, cc)
		}
		switch {
		case pa.Needed == None:
			pa.Status = ProfileNothing
			pc.Nothing++
		case pa.AtStrength == pa.Competences():
			pa.Status = ProfileReached
			pc.Reached++
		case pa.AtStrength+pa.Weaker > 0:
			pa.Status = ProfilePartly
			pc.Partly++
		default:
			pa.Status = ProfileNotAddressed
			pc.NotAddressed++
		}
		if pa.Needed != None {
			pc.Competences += pa.Competences()
			pc.AtStrength += pa.AtStrength
		}
		pc.Areas = append(pc.Areas, pa)
	}
	return pc, nil
}

// NeededText names the strength an area's target calls for.
func (pa *ProfileArea) NeededText() string {
	if pa.Needed == None {
		return "nothing"
	}
	return pa.Needed.String()
}

// TargetText is "3 Competent".
func (pa *ProfileArea) TargetText() string {
	return strings.TrimSpace(fmt.Sprintf("%d %s", pa.Target, pa.TargetLabel))
}
