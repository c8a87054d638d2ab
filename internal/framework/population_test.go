package framework

import (
	"slices"
	"testing"
)

func TestPopulationGroups(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Adults and older adults (from 18 years upwards) in health and social care settings", []string{groupAdults, groupOlder}},
		{"Children and young people (from 8 years upwards) in health, social care and educational settings", []string{groupChildren, groupYoung}},
		{"children and young people under 19", []string{groupChildren, groupYoung}},
		{"Young people and young adults under 35", []string{groupYoung, groupYoungAdults}},
		{"People without mental-health training who meet people at risk in their work", nil},
		{"Everyone", []string{groupChildren, groupYoung, groupYoungAdults, groupAdults, groupOlder}},
		{"Adults 18+", []string{groupAdults}},
		{"", nil},
	} {
		if got := PopulationGroups(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.text, got, tc.want)
		}
	}
}

// The case: an adults framework does not offer YoungMinds or
// Papyrus; the children and young people framework does; a resource with
// no population, or a framework for everyone, offers everything.
func TestResourcesSuitTheFrameworksPopulation(t *testing.T) {
	adults := &Framework{Population: "Adults and older adults (from 18 years upwards)"}
	cyp := &Framework{Population: "Children and young people (from 8 years upwards)"}
	community := &Framework{Population: "People without mental-health training, and public health leads"}
	papyrus := &Resource{Population: "Children, young people and young adults under 35"}
	youngminds := &Resource{Population: "Children and young people under 25"}
	older := &Resource{Population: "Older people"}
	anyone := &Resource{}
	for _, tc := range []struct {
		r    *Resource
		f    *Framework
		want bool
	}{
		{papyrus, adults, false}, {youngminds, adults, false}, {older, adults, true}, {anyone, adults, true},
		{papyrus, cyp, true}, {youngminds, cyp, true}, {older, cyp, false},
		{papyrus, community, true}, {older, community, true},
	} {
		if got := tc.r.Suits(tc.f); got != tc.want {
			t.Errorf("%q for %q: %v, want %v", tc.r.Population, tc.f.Population, got, tc.want)
		}
	}
}
