package curriculum

import (
	"encoding/json"
	"io"
)

// The j* types are the JSON reports' shape; field order is output order.

type jCurriculum struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	Version    string    `json:"version,omitempty"`
	Provider   string    `json:"provider"`
	Audience   string    `json:"audience"`
	Delivery   string    `json:"delivery,omitempty"`
	File       string    `json:"file"`
	Minutes    int       `json:"minutes"`
	Modules    []jModule `json:"modules"`
	Outcomes   int       `json:"outcomes"`
	Mappings   int       `json:"mappings"`
	Frameworks []string  `json:"frameworks,omitempty"`
}

type jModule struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
}

type jTally struct {
	Competences    int     `json:"competences"`
	Covered        int     `json:"covered"`
	Percent        float64 `json:"percent"`
	IntroducedOnly int     `json:"introduced_only"`
	Developed      int     `json:"developed"`
	Assessed       int     `json:"assessed"`
	Equivalent     int     `json:"through_equivalent"`
	Uncovered      int     `json:"not_addressed"`
}

func jt(t Tally) jTally {
	return jTally{Competences: t.Competences, Covered: t.Covered, Percent: round1(t.Percent()), IntroducedOnly: t.Strongest[Introduces],
		Developed: t.Strongest[Develops], Assessed: t.Strongest[Assesses], Equivalent: t.Equivalent, Uncovered: t.Uncovered()}
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }

type jFramework struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Version string    `json:"version"`
	Digest  string    `json:"digest"`
	Notice  string    `json:"provenance_notice"`
	Tally   jTally    `json:"coverage"`
	Domains []jDomain `json:"domains"`
}

type jDomain struct {
	Code  string  `json:"code"`
	Title string  `json:"title"`
	Tally jTally  `json:"coverage"`
	Areas []jArea `json:"areas"`
}

type jArea struct {
	Code        string        `json:"code"`
	Title       string        `json:"title"`
	Tally       jTally        `json:"coverage"`
	Minutes     int           `json:"minutes_in_sessions"`
	ByModule    []jModuleArea `json:"by_module"`
	Competences []jCompetence `json:"competences"`
}

// jModuleArea is one cell of the area × module summary.
type jModuleArea struct {
	Module     string `json:"module"`
	Addressed  int    `json:"addressed"`
	Strongest  string `json:"strongest"`
	Equivalent int    `json:"through_equivalent,omitempty"`
}

type jProfile struct {
	Framework    string         `json:"framework"`
	ID           string         `json:"id"`
	Title        string         `json:"title"`
	Rule         string         `json:"rule"`
	Reached      int            `json:"areas_reached"`
	Partly       int            `json:"areas_partly"`
	NotAddressed int            `json:"areas_not_addressed"`
	Nothing      int            `json:"areas_needing_nothing"`
	Competences  int            `json:"competences"`
	AtStrength   int            `json:"competences_at_strength"`
	Minutes      int            `json:"minutes_in_sessions"`
	Areas        []jProfileArea `json:"areas"`
}

type jProfileArea struct {
	Code         string   `json:"code"`
	Title        string   `json:"title"`
	Target       int      `json:"target"`
	TargetLabel  string   `json:"target_label,omitempty"`
	Needs        string   `json:"needs"`
	Competences  int      `json:"competences"`
	AtStrength   int      `json:"at_strength"`
	Weaker       int      `json:"weaker"`
	Equivalent   int      `json:"through_equivalent"`
	NotAddressed int      `json:"not_addressed"`
	Status       string   `json:"status"`
	Short        []string `json:"not_yet_at_strength"`
}

func jProf(pc *ProfileCoverage) *jProfile {
	if pc == nil {
		return nil
	}
	out := &jProfile{Framework: pc.Framework.ID, ID: pc.Profile.ID, Title: pc.Profile.Title, Rule: ProfileRule, Reached: pc.Reached, Partly: pc.Partly,
		NotAddressed: pc.NotAddressed, Nothing: pc.Nothing, Competences: pc.Competences, AtStrength: pc.AtStrength, Minutes: pc.Minutes, Areas: []jProfileArea{}}
	for _, pa := range pc.Areas {
		ja := jProfileArea{Code: pa.Coverage.Area.Code, Title: pa.Coverage.Area.Title, Target: pa.Target, TargetLabel: pa.TargetLabel, Needs: pa.NeededText(),
			Competences: pa.Competences(), AtStrength: pa.AtStrength, Weaker: pa.Weaker, Equivalent: pa.Equivalent, NotAddressed: pa.NotAddressed, Status: pa.Status, Short: []string{}}
		for _, cc := range pa.Short {
			ja.Short = append(ja.Short, cc.Competence.Code)
		}
		out.Areas = append(out.Areas, ja)
	}
	return out
}

type jCompetence struct {
	Code            string            `json:"code"`
	Strongest       string            `json:"strongest"`
	Modules         map[string]string `json:"modules,omitempty"`
	Equivalent      string            `json:"through_equivalent,omitempty"`
	EquivalentCodes []string          `json:"equivalent_codes,omitempty"`
	// Near: close and related competences addressed; never counted.
	Near     []jNear    `json:"close_or_related_addressed,omitempty"`
	Outcomes []jMapping `json:"outcomes,omitempty"`
}

type jNear struct {
	Code      string `json:"code"`
	Type      string `json:"type"`
	Strongest string `json:"strongest"`
}

type jMapping struct {
	Outcome  string `json:"outcome"`
	Module   string `json:"module"`
	Session  string `json:"session"`
	Code     string `json:"code,omitempty"`
	Strength string `json:"strength,omitempty"`
	Text     string `json:"text,omitempty"`
}

type jMap struct {
	Report     string       `json:"report"`
	Curriculum jCurriculum  `json:"curriculum"`
	Frameworks []jFramework `json:"frameworks"`
	Profile    *jProfile    `json:"profile,omitempty"`
	Unmapped   []jMapping   `json:"outcomes_mapped_to_nothing"`
	Elsewhere  []jMapping   `json:"mapped_to_other_frameworks"`
}

func jCurr(c *Curriculum, outcomes, mappings int) jCurriculum {
	out := jCurriculum{ID: c.ID, Title: c.Title, Version: c.Version, Provider: c.Provider, Audience: c.Audience, Delivery: c.Delivery,
		File: c.File, Minutes: c.Minutes(), Modules: []jModule{}, Outcomes: outcomes, Mappings: mappings, Frameworks: c.Frameworks}
	for _, m := range c.Modules {
		out.Modules = append(out.Modules, jModule{m.ID, m.Title, m.Minutes()})
	}
	return out
}

func jMap1(mp Mapping) jMapping {
	return jMapping{Outcome: mp.Outcome.ID, Module: mp.Module.ID, Session: mp.Session.ID, Code: mp.Code, Strength: mp.Strength.String(), Text: mp.Outcome.Text}
}

// MapJSON writes the coverage report as JSON.
func MapJSON(w io.Writer, m *Map, opt RenderOptions) error {
	c := m.Curriculum
	out := jMap{Report: "reflect-curriculum-map", Curriculum: jCurr(c, m.Outcomes, m.Mappings), Frameworks: []jFramework{}, Profile: jProf(m.Profile), Unmapped: []jMapping{}, Elsewhere: []jMapping{}}
	for _, fc := range m.Frameworks {
		f := fc.Framework
		jf := jFramework{ID: f.ID, Title: f.Title, Version: f.Version, Digest: f.Digest, Notice: f.Provenance.Notice, Tally: jt(fc.Tally)}
		for _, d := range fc.Domains {
			jd := jDomain{Code: d.Domain.Code, Title: d.Domain.Title, Tally: jt(d.Tally)}
			for _, a := range d.Areas {
				ja := jArea{Code: a.Area.Code, Title: a.Area.Title, Tally: jt(a.Tally), Minutes: a.Minutes}
				for i, mod := range c.Modules {
					bm := a.ByModule[i]
					ja.ByModule = append(ja.ByModule, jModuleArea{Module: mod.ID, Addressed: bm.Addressed, Strongest: strengthOrNone(bm.Strongest), Equivalent: bm.Equivalent})
				}
				for _, cc := range a.Competences {
					jc := jCompetence{Code: cc.Competence.Code, Strongest: cc.Strength.String(), EquivalentCodes: cc.EquivalentCodes}
					if cc.Strength == None {
						jc.Strongest = "none"
					}
					if cc.Equivalent != None {
						jc.Equivalent = cc.Equivalent.String()
					}
					for _, n := range cc.Near {
						jc.Near = append(jc.Near, jNear{Code: n.Code, Type: n.Type, Strongest: n.Strength.String()})
					}
					for i, mod := range c.Modules {
						if cc.Modules[i] != None {
							if jc.Modules == nil {
								jc.Modules = map[string]string{}
							}
							jc.Modules[mod.ID] = cc.Modules[i].String()
						}
					}
					for _, mp := range cc.Outcomes {
						j := jMap1(mp)
						j.Code, j.Text = "", ""
						jc.Outcomes = append(jc.Outcomes, j)
					}
					ja.Competences = append(ja.Competences, jc)
				}
				jd.Areas = append(jd.Areas, ja)
			}
			jf.Domains = append(jf.Domains, jd)
		}
		out.Frameworks = append(out.Frameworks, jf)
	}
	for _, o := range m.Unmapped {
		out.Unmapped = append(out.Unmapped, jMapping{Outcome: o.Outcome.ID, Module: o.Module.ID, Session: o.Session.ID, Text: o.Outcome.Text})
	}
	for _, mp := range m.Elsewhere {
		out.Elsewhere = append(out.Elsewhere, jMap1(mp))
	}
	return encodeJSON(w, out)
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

type jNeed struct {
	Rank      int    `json:"rank"`
	Code      string `json:"code"`
	Framework string `json:"framework"`
	Statement string `json:"statement"`
	Gap       int    `json:"gap"`
	Flagged   bool   `json:"flagged,omitempty"`
}

type jHit struct {
	Need     string `json:"need"`
	How      string `json:"how"`
	Code     string `json:"code"`
	Strength string `json:"strength"`
	Outcome  string `json:"outcome"`
	Points   int    `json:"points"`
	Weight   int    `json:"weight"`
}

type jModuleMatch struct {
	Rank       int     `json:"rank"`
	Curriculum string  `json:"curriculum"`
	Module     string  `json:"module"`
	Title      string  `json:"title"`
	Provider   string  `json:"provider"`
	Minutes    int     `json:"minutes"`
	Score      float64 `json:"score"`
	Points     int     `json:"points"`
	Fit        jFit    `json:"setting"`
	Cite       string  `json:"cite"`
	Needs      []jHit  `json:"needs"`
}

type jFit struct {
	Weight float64  `json:"weight"`
	Kind   string   `json:"fit"`
	Course []string `json:"course_settings"`
}

type jMatch struct {
	Report      string         `json:"report"`
	Person      jPerson        `json:"person"`
	Needs       []jNeed        `json:"needs"`
	Modules     []jModuleMatch `json:"modules"`
	Unaddressed []string       `json:"needs_not_addressed"`
}

type jPerson struct {
	Profession string   `json:"profession,omitempty"`
	Role       string   `json:"role,omitempty"`
	Setting    string   `json:"setting,omitempty"`
	Settings   []string `json:"settings"`
}

// MatchJSON writes the match report as JSON; each module's "cite" and the
// need codes it addresses are what a development plan can quote.
func MatchJSON(w io.Writer, r *MatchResult, opt RenderOptions) error {
	p := r.Person
	out := jMatch{Report: "reflect-curriculum-match", Person: jPerson{p.Profession, p.Role, p.Setting, nonNil(r.Settings)}, Needs: []jNeed{}, Modules: []jModuleMatch{}, Unaddressed: []string{}}
	for _, n := range r.Needs {
		out.Needs = append(out.Needs, jNeed{n.Rank, n.Code, n.Framework, n.Statement, n.Gap, n.Flagged})
	}
	for i, mm := range r.Modules {
		jm := jModuleMatch{Rank: i + 1, Curriculum: mm.Curriculum.ID, Module: mm.Module.ID, Title: mm.Module.Title, Provider: mm.Curriculum.Provider,
			Minutes: mm.Module.Minutes(), Score: mm.Score, Points: mm.Points, Fit: jFit{mm.Fit.Weight, mm.Fit.Kind, nonNil(mm.Fit.Course)}, Cite: mm.Cite()}
		for _, h := range mm.Hits {
			jm.Needs = append(jm.Needs, jHit{Need: h.Need.Code, How: h.How, Code: h.Code, Strength: h.Strength.String(), Outcome: h.Outcome.Outcome.ID,
				Points: h.Points, Weight: NeedWeight(h.Need)})
		}
		out.Modules = append(out.Modules, jm)
	}
	for _, n := range r.Unaddressed {
		out.Unaddressed = append(out.Unaddressed, n.Code)
	}
	return encodeJSON(w, out)
}

func strengthOrNone(s Strength) string {
	if s == None {
		return "none"
	}
	return s.String()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
