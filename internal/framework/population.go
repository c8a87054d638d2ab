package framework

import "strings"

// Populations: which people a framework is about and which people a
// learning resource is for, read from their population text, so that a
// framework for adults does not offer resources made for children and
// young people (YoungMinds, Papyrus) and the other way round.
//
// The text is read for age groups: children, young people, young adults,
// adults and older adults. "Young people under 35" is children's and
// young people's (and young adults'), not adults', so such a resource is
// offered only by a framework that names young people or young adults. A
// text that names no age group ("people without mental-health training")
// is for everyone, and a resource with no population suits every
// framework.

// Age groups.
const (
	groupChildren    = "children"
	groupYoung       = "young people"
	groupYoungAdults = "young adults"
	groupAdults      = "adults"
	groupOlder       = "older adults"
)

// PopulationGroups returns the age groups a population text names, in a
// fixed order; none when it names none.
func PopulationGroups(text string) []string {
	w := " " + words(text) + " "
	has := func(ss ...string) bool {
		for _, s := range ss {
			if strings.Contains(w, " "+s+" ") {
				return true
			}
		}
		return false
	}
	g := map[string]bool{}
	if has("child", "children", "childhood", "infants", "primary school", "under 13", "under 12", "under 11") {
		g[groupChildren] = true
	}
	if has("young people", "young person", "adolescent", "adolescents", "teenager", "teenagers", "teens", "youth", "pupils", "secondary school") {
		g[groupYoung] = true
	}
	if has("under 16", "under 18", "under 19", "under 17") {
		g[groupChildren], g[groupYoung] = true, true
	}
	if has("under 25", "under 26", "under 30", "under 35", "young adult", "young adults", "students") {
		g[groupYoung], g[groupYoungAdults] = true, true
	}
	// "Adults" on its own; "young adults" is its own group.
	if strings.Contains(strings.ReplaceAll(w, " young adult", " "), " adult") || has("18+", "18 and over", "over 18", "from 18", "aged 18", "working age") {
		g[groupAdults] = true
	}
	if has("older adults", "older adult", "older people", "older person", "later life", "over 65", "65+") {
		g[groupOlder] = true
	}
	if has("everyone", "all ages", "anyone", "any age", "whole population", "general public") {
		return []string{groupChildren, groupYoung, groupYoungAdults, groupAdults, groupOlder}
	}
	var out []string
	for _, k := range []string{groupChildren, groupYoung, groupYoungAdults, groupAdults, groupOlder} {
		if g[k] {
			out = append(out, k)
		}
	}
	return out
}

// Suits reports whether a resource is meant for the people a framework
// is about: it has no population, the framework's population names no age
// group, or the two share one.
func (r *Resource) Suits(f *Framework) bool {
	rg := PopulationGroups(r.Population)
	fg := PopulationGroups(f.Population)
	if strings.TrimSpace(r.Population) == "" || len(rg) == 0 || len(fg) == 0 {
		return true
	}
	for _, a := range rg {
		for _, b := range fg {
			if a == b {
				return true
			}
		}
	}
	return false
}

// words lower-cases text and keeps letters, digits and '+', with single
// spaces between words ("18+" stays one word).
func words(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r > 127)
	})
	return strings.Join(f, " ")
}
