package frameworks_test

// The rules a clinical read-through of the shipped frameworks set (issue
// 16), kept true by tests: the NICE definition of self-harm, the role
// profiles' targets, the guides (plain titles, short sentences, each
// framework's own help footer), the typed crosswalk, the law of the four
// nations, the resources' populations and the licence.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/readability"
	"github.com/reflect-cpd/reflect/internal/render"
)

// text is a competence's statement and every sub-item, lower-cased.
func text(c *framework.Competence) string {
	var b strings.Builder
	b.WriteString(c.Statement)
	var walk func([]*framework.Item)
	walk = func(items []*framework.Item) {
		for _, it := range items {
			b.WriteString(" | " + it.Text)
			walk(it.Items)
		}
	}
	walk(c.Items)
	return strings.ToLower(b.String())
}

func TestSelfHarmIsDefinedAsNICEDefinesIt(t *testing.T) {
	set := load(t)
	def := set.Competence("CYP.1.1.2")
	if def == nil {
		t.Fatal("no CYP.1.1.2")
	}
	// The NICE NG225 / QS34 definition: intentional self-poisoning or
	// self-injury, whatever the purpose.
	group := set.ExactGroup("CYP.1.1.2")
	for _, want := range []string{"ADU.1.1.1", "CPH.1.3.1", "CYP.1.1.2"} {
		if !slices.Contains(group, want) {
			t.Errorf("the definition's exact group %v lacks %s", group, want)
		}
	}
	for _, code := range group {
		s := text(set.Competence(code))
		if !strings.Contains(s, "poison") || !strings.Contains(s, "injur") || !strings.Contains(s, "intentional") {
			t.Errorf("%s does not give the NICE definition (intentional self-poisoning or self-injury): %q", code, s)
		}
		if strings.Contains(s, "danger") || strings.Contains(s, "neglect") {
			t.Errorf("%s counts risk-taking or self-neglect as self-harm, which NICE does not: %q", code, s)
		}
	}
	// Risk-taking and self-neglect are kept, apart, as a sign of the same distress.
	found := false
	for _, c := range def.Area.Competences {
		s := text(c)
		if strings.Contains(s, "not self-harm as nice defines it") && strings.Contains(s, "danger") && strings.Contains(s, "neglect") && strings.Contains(s, "distress") {
			found = true
			if slices.Contains(group, c.Code) {
				t.Errorf("%s shares an answer with the definition", c.Code)
			}
		}
	}
	if !found {
		t.Error("CYP.1.1 has no separate statement that risk-taking and self-neglect are not self-harm as NICE defines it but may signal the same distress")
	}
}

// target returns a profile's target for an area, or 0 when it has none.
func target(t *testing.T, set *framework.Set, fw, profile, area string) int {
	t.Helper()
	p := set.Get(fw).Profile(profile)
	if p == nil {
		t.Fatalf("%s has no profile %s", fw, profile)
	}
	if set.Get(fw).Area(area) == nil {
		t.Fatalf("%s has no area %s", fw, area)
	}
	v, _ := p.Targets.Get(area)
	return v
}

func TestProfilesFitNICEAndKCSIE(t *testing.T) {
	set := load(t)
	type rule struct {
		fw, profile, area string
		min, max          int // 0 max: no upper limit; max -1: not targeted
		why               string
	}
	absent := -1
	rules := []rule{
		// Keeping Children Safe in Education: every member of school staff acts on a concern.
		{"cyp", "any-staff", "CYP.2.4", 3, 0, "KCSIE expects every member of staff to act on a safeguarding concern"},
		{"cyp", "any-staff", "CYP.4.1", 0, absent, "psychosocial assessment is for mental health professionals (NG225)"},
		{"cyp", "education-leads", "CYP.2.4", 4, 4, "designated safeguarding leads lead on safeguarding (KCSIE)"},
		{"cyp", "education-leads", "CYP.6.4", 3, 0, "education leads shape the school's response"},
		{"cyp", "education-leads", "CYP.9.3", 3, 0, "education leads plan a return to school"},
		{"cyp", "education-leads", "CYP.4.1", 0, absent, "psychosocial assessment is for mental health professionals (NG225)"},
		{"cyp", "education-leads", "CYP.4.4", 0, absent, "formulation is for mental health professionals (NG225)"},
		{"cyp", "education-leads", "CYP.5.3", 0, absent, "psychological interventions are for trained practitioners"},
		{"cyp", "health-social-care", "CYP.4.1", 1, 2, "GPs, school nurses and EMHPs do not carry out the psychosocial assessment NG225 leaves to specialists"},
		{"cyp", "health-social-care", "CYP.4.4", 1, 2, "formulation is for specialist mental health staff"},
		{"cyp", "health-social-care", "CYP.5.3", 1, 2, "specialist interventions are for specialist staff"},
		{"cyp", "health-social-care", "CYP.2.4", 3, 0, "health and social care staff safeguard"},
		{"cyp", "observation", "CYP.6.2", 3, 0, "the staff who do continuous observation (HSSIB 2024)"},
		{"cyp", "assessing-practitioner", "CYP.4.1", 3, 0, "specialist practitioners assess"},
		{"cyp", "specialist-supervisor", "CYP.4.1", 4, 0, "experienced specialists assess complex situations"},
		{"cyp", "specialist-supervisor", "CYP.4.4", 4, 0, "experienced specialists formulate"},
		{"cyp", "service-manager", "CYP.11.1", 4, 0, "managers shape what the organisation provides"},
		{"adults", "any-staff", "ADU.2.2", 0, absent, "receptionists and other non-clinical staff do not explore plans and preparations"},
		{"adults", "any-staff", "ADU.2.5", 3, 0, "every member of staff notices distress and gets help"},
		{"adults", "observation", "ADU.5.3", 3, 0, "the staff who do continuous observation (HSSIB 2024)"},
		{"adults", "health-social-care", "ADU.3.1", 1, 2, "NG225 leaves psychosocial assessment to mental health professionals"},
		{"adults", "health-social-care", "ADU.3.3", 0, absent, "formulation is for mental health professionals"},
		{"adults", "assessing-practitioner", "ADU.3.1", 3, 0, "mental health practitioners assess"},
		{"adults", "specialist-supervisor", "ADU.3.1", 4, 0, "experienced liaison and crisis clinicians at Proficient"},
		{"adults", "specialist-supervisor", "ADU.3.3", 4, 0, "experienced clinicians formulate complex situations"},
		{"adults", "specialist-supervisor", "ADU.4.1", 4, 0, "experienced clinicians safety-plan in complex situations"},
		{"adults", "specialist-supervisor", "ADU.8.1", 0, absent, "service management has its own profile"},
		{"adults", "service-manager", "ADU.8.1", 4, 0, "managers shape what services provide"},
		{"adults", "service-manager", "ADU.7.3", 4, 0, "managers lead learning from deaths"},
		{"community", "everyone", "CPH.2.2", 3, 0, "asking directly is the heart of gatekeeper training"},
		{"community", "everyone", "CPH.2.4", 3, 0, "helping people reach help is the heart of gatekeeper training"},
	}
	for _, r := range rules {
		got := target(t, set, r.fw, r.profile, r.area)
		switch {
		case r.max == absent && got != 0:
			t.Errorf("%s profile %s targets %s at %d; it should not target it: %s", r.fw, r.profile, r.area, got, r.why)
		case r.max != absent && (got < r.min || r.max > 0 && got > r.max):
			t.Errorf("%s profile %s targets %s at %d; want %d..%d: %s", r.fw, r.profile, r.area, got, r.min, r.max, r.why)
		}
	}
	// Psychosocial assessment and formulation at Competent or above only
	// for the specialist profiles (NG225).
	specialist := map[string]bool{"assessing-practitioner": true, "specialist-supervisor": true}
	for fw, areas := range map[string][]string{"cyp": {"CYP.4.1", "CYP.4.4"}, "adults": {"ADU.3.1", "ADU.3.3"}} {
		for _, p := range set.Get(fw).Profiles {
			for _, a := range areas {
				if v, _ := p.Targets.Get(a); v >= 3 && !specialist[p.ID] && p.ID != "service-manager" {
					t.Errorf("%s profile %s targets %s at %d: assessment and formulation at that level are for specialist profiles", fw, p.ID, a, v)
				}
			}
		}
	}
}

func guides(t *testing.T) map[string]render.Guide {
	set := load(t)
	out := map[string]render.Guide{}
	for _, f := range set.Frameworks() {
		out[f.ID] = render.BuildGuide(f)
	}
	return out
}

func TestGuideFooters(t *testing.T) {
	g := guides(t)
	// Children and young people: Childline and HOPELINE247 first.
	cyp := g["cyp"].Help
	if len(cyp) < 2 || cyp[0].Name != "Childline" || !strings.Contains(cyp[0].Text, "0800 1111") ||
		!strings.Contains(cyp[1].Name, "HOPELINE247") || !strings.Contains(cyp[1].Text, "0800 068 4141") {
		t.Errorf("the CYP guide's help must open with Childline (0800 1111) and Papyrus HOPELINE247 (0800 068 4141): %+v", cyp)
	}
	for id, gd := range g {
		all := ""
		for _, h := range gd.Help {
			all += h.Name + ": " + h.Text + "\n"
		}
		for _, want := range []string{"116 123", "85258", "999", "111", "NHS 24", "Lifeline", "0808 808 8000"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s guide's help lacks %q:\n%s", id, want, all)
			}
		}
		if id == "adults" && (strings.Contains(all, "Childline") || strings.Contains(all, "HOPELINE")) {
			t.Errorf("the adults' guide lists help for children and young people first-hand:\n%s", all)
		}
		if !strings.Contains(gd.SpeakUp, "complaints process") || !strings.Contains(gd.SpeakUp, "PALS") {
			t.Errorf("%s guide does not name the service's complaints process (in the NHS, PALS): %q", id, gd.SpeakUp)
		}
		n := gd.Notice
		if !strings.Contains(n, "NCCMH") || !strings.Contains(n, "reflect") || !strings.Contains(n, "not") ||
			!(strings.Contains(n, "any particular") || strings.Contains(n, "any one")) || strings.Contains(n, "in this file") {
			t.Errorf("%s guide's notice must say it was written by reflect's makers, is not the NCCMH's guide, and describes no particular service: %q", id, n)
		}
	}
	if cpd := g["community"].Help; !slices.ContainsFunc(cpd, func(h render.GuideHelp) bool { return strings.Contains(h.Text, "0800 1111") }) {
		t.Error("the community guide, read by young people too, lacks Childline")
	}
}

var jargon = regexp.MustCompile(`(?i)competenc|meta|postvention|formulation|psychosocial|organisational|multi-agency|intervention|engagement|safeguarding|transitions`)

func TestGuidesArePlainAndShort(t *testing.T) {
	set := load(t)
	limits := map[string]struct {
		grade, mean float64
		longest     int
	}{
		// A reading age of 10 for children and young people, 12 for the
		// others (reading age = Flesch–Kincaid grade + 5).
		"cyp":       {5, 12, 18},
		"adults":    {7, 15, 25},
		"community": {7, 15, 25},
	}
	for _, f := range set.Frameworks() {
		lim, ok := limits[f.ID]
		if !ok {
			t.Fatalf("no readability limits for %s", f.ID)
		}
		for _, d := range f.Domains {
			if strings.TrimSpace(d.GuideTitle) == "" {
				t.Errorf("%s domain %s has no plain-language guide_title", f.ID, d.Code)
				continue
			}
			if jargon.MatchString(d.GuideTitle) || len(strings.Fields(d.GuideTitle)) > 8 {
				t.Errorf("%s domain %s: guide title %q is not plain (no jargon, at most 8 words)", f.ID, d.Code, d.GuideTitle)
			}
		}
		g := render.BuildGuide(f)
		st := readability.Measure(g.Prose()...)
		if st.Grade() > lim.grade || st.MeanSentence() > lim.mean || st.LongestWords > lim.longest {
			t.Errorf("%s guide: Flesch–Kincaid grade %.1f (max %.0f), %.1f words a sentence (max %.0f), longest %d words (max %d): %q",
				f.ID, st.Grade(), lim.grade, st.MeanSentence(), lim.mean, st.LongestWords, lim.longest, st.Longest)
		}
		for _, p := range g.Prose() {
			for _, s := range readability.Sentences(p) {
				if n := len(readability.Words(s)); n > lim.longest {
					t.Errorf("%s guide: a sentence of %d words: %q", f.ID, n, s)
				}
			}
		}
	}
}

func TestTypedCrosswalkIsSound(t *testing.T) {
	set := load(t)
	links := set.Crosswalk()
	if len(links) < 250 {
		t.Errorf("%d crosswalk links; the reviewed crosswalk has at least 250", len(links))
	}
	count := map[string]int{}
	linked := map[string]bool{}
	for _, l := range links {
		count[l.Type]++
		if !slices.Contains(framework.LinkTypes, l.Type) {
			t.Errorf("%s–%s has type %q", l.From, l.To, l.Type)
		}
		if l.Legacy {
			t.Errorf("%s–%s is written as untyped same_as in a shipped file", l.From, l.To)
		}
		if len(strings.Fields(l.Rationale)) < 4 || strings.Contains(l.Rationale, "\n") {
			t.Errorf("%s–%s has no one-line rationale: %q", l.From, l.To, l.Rationale)
		}
		for _, c := range []string{l.From, l.To} {
			linked[set.Competence(c).Area.Code] = true
		}
	}
	for _, typ := range framework.LinkTypes {
		if count[typ] == 0 {
			t.Errorf("no %s links", typ)
		}
	}
	// Every exact group holds at most one competence of each framework, or
	// one answer would stand for two different competences.
	for _, g := range set.ExactGroups() {
		seen := map[string]string{}
		for _, c := range g {
			fw := set.Owner(c).ID
			if prev, dup := seen[fw]; dup {
				t.Errorf("exact group %v holds %s and %s, both in %s", g, prev, c, fw)
			}
			seen[fw] = c
		}
	}
	// Links the clinical read-through found loose are not exact.
	for _, pair := range [][2]string{{"ADU.2.3.6", "CYP.1.4.6"}, {"ADU.8.3.4", "CPH.4.1.6"}, {"ADU.7.3.6", "CPH.6.2.6"},
		{"ADU.2.1.2", "CPH.2.3.1"}, {"ADU.3.2.1", "CPH.1.2.4"}, {"ADU.2.2.6", "CPH.2.5.1"}} {
		l, ok := set.Link(pair[0], pair[1])
		if !ok {
			t.Errorf("%s–%s is not linked at all", pair[0], pair[1])
		} else if l.Type == framework.LinkExact || slices.Contains(set.SameAs(pair[0]), pair[1]) {
			t.Errorf("%s–%s shares an answer; the two differ in depth or scope", pair[0], pair[1])
		}
	}
	// Every area has at least one link of some type.
	for _, f := range set.Frameworks() {
		for _, a := range f.Areas() {
			if !linked[a.Code] {
				t.Errorf("area %s %s has no crosswalk link of any type", a.Code, a.Title)
			}
		}
	}
}

// An Act that applies in only part of the UK is named with the nations it
// applies to, wherever a shipped statement names it.
var partUK = regexp.MustCompile(`Mental Health Act 1983|Mental Capacity Act 2005|Care Act 2014|Children Acts? 19|Suicide Act 1961|Working Together|Keeping Children Safe in Education`)

func TestLawSaysWhichNation(t *testing.T) {
	set := load(t)
	nation := regexp.MustCompile(`England|Wales|Scotland|Northern Ireland`)
	for _, f := range set.Frameworks() {
		for _, c := range f.Competences() {
			if !slices.Contains(c.Tags, "legal") && !strings.HasPrefix(c.Area.Code, "CYP.2.") {
				continue
			}
			s := c.Statement + " " + strings.ReplaceAll(text(c), "|", " ")
			if partUK.MatchString(c.Statement) && !nation.MatchString(s) {
				t.Errorf("%s names an Act that applies to part of the UK without saying where: %q", c.Code, c.Statement)
			}
		}
	}
	want := map[string][]string{
		"adults":    {"Mental Health (Care and Treatment) (Scotland) Act 2003", "Adults with Incapacity (Scotland) Act 2000", "Mental Capacity Act (Northern Ireland) 2016", "Social Services and Well-being (Wales) Act 2014"},
		"community": {"Mental Health (Care and Treatment) (Scotland) Act 2003", "Adults with Incapacity (Scotland) Act 2000", "Mental Capacity Act (Northern Ireland) 2016", "Social Services and Well-being (Wales) Act 2014"},
		"cyp":       {"Children (Scotland) Act 1995", "Children (Northern Ireland) Order 1995", "Social Services and Well-being (Wales) Act 2014"},
	}
	for id, laws := range want {
		var all strings.Builder
		for _, c := range set.Get(id).Competences() {
			all.WriteString(c.Statement + " ")
			for _, it := range c.Items {
				all.WriteString(it.Text + " ")
			}
		}
		for _, law := range laws {
			if !strings.Contains(all.String(), law) {
				t.Errorf("%s does not point to %s", id, law)
			}
		}
	}
	if s := set.Competence("CPH.3.4.4").Statement; !strings.Contains(s, "in England and Wales") {
		t.Errorf("CPH.3.4.4 must say the Suicide Act's scope, in England and Wales: %q", s)
	}
}

func TestGapsAreFilled(t *testing.T) {
	set := load(t)
	want := map[string][]string{
		"adults": {"pregnancy", "gambling", "online", "harm minimisation", "breathing space", "adhd", "masking", "students",
			"children's services", "personality disorder", "mental health act 2025", "nominated person", "care and treatment plans", "places of safety", "in force"},
		"cyp":       {"racism", "gambling", "gaming", "harm minimisation", "mental health act 2025", "keeping children safe in education"},
		"community": {"harm minimisation", "gambling", "online"},
	}
	for id, words := range want {
		var all strings.Builder
		for _, c := range set.Get(id).Competences() {
			all.WriteString(text(c) + " ")
		}
		for _, a := range set.Get(id).Areas() {
			all.WriteString(strings.ToLower(a.Title) + " ")
		}
		for _, w := range words {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s says nothing about %q", id, w)
			}
		}
	}
}

func TestResourcesSayWhoTheyAreFor(t *testing.T) {
	set := load(t)
	for _, f := range set.Frameworks() {
		for _, r := range f.Resources {
			if strings.TrimSpace(r.Population) == "" {
				t.Errorf("%s resource %s does not say who it is for (population)", f.ID, r.ID)
			}
			if strings.Contains(r.Provider, "Health Education England") && !strings.Contains(r.Provider, "NHS England") {
				t.Errorf("%s resource %s names Health Education England, which merged into NHS England in 2023: %q", f.ID, r.ID, r.Provider)
			}
			if strings.Contains(r.Title, "Resources for improving care for people who self-harm") {
				t.Errorf("%s resource %s has a title NCISH never used", f.ID, r.ID)
			}
		}
	}
	// No resource for children and young people in the adults' areas, except
	// the area on young adults moving on from children's services (and
	// NSPCC, for children in the household).
	adults := set.Get("adults")
	for _, r := range adults.Resources {
		p := strings.ToLower(r.Population)
		young := regexp.MustCompile(`young people|children|under 1[0-9]|under 25|under 35`).MatchString(p)
		if !young || regexp.MustCompile(`adults|everyone|all ages|any age`).MatchString(p) {
			continue // for adults too
		}
		for _, a := range r.Areas {
			if a != "ADU.6.5" && !(r.ID == "nspcc" && a == "ADU.1.6") {
				t.Errorf("adults resource %s (for %s) is linked to %s, an area for adults", r.ID, r.Population, a)
			}
		}
	}
	for _, id := range []string{"nice-qs189", "kcsie", "self-injury-support", "calm", "nhs-staff-postvention-2023", "dhsc-discharge-2024", "report-remove", "national-gambling-helpline", "maternal-mental-health-alliance"} {
		found := false
		for _, f := range set.Frameworks() {
			found = found || f.Resource(id) != nil
		}
		if !found {
			t.Errorf("no framework lists the resource %s", id)
		}
	}
}

// canonicalApache is the SHA-256 of the Apache License 2.0 text as the
// Apache Software Foundation publishes it (LICENSE-2.0.txt).
const canonicalApache = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"

func TestLicences(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != canonicalApache {
		t.Errorf("LICENSE is not the full Apache License 2.0 text (sha256 %s)", got)
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Apache License 2.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README does not state %q", want)
		}
	}
	set := load(t)
	for _, f := range set.Frameworks() {
		l := f.Provenance.Licence
		if !strings.Contains(l, "CC BY 4.0") || !strings.Contains(l, "https://creativecommons.org/licenses/by/4.0/") || !strings.Contains(l, "provenance notice") {
			t.Errorf("%s: the licence must be CC BY 4.0, with its address, keeping the provenance notice: %q", f.ID, l)
		}
		raw, err := os.ReadFile(f.ID + ".yaml")
		if err != nil {
			raw, _ = os.ReadFile(strings.TrimPrefix(f.File, "embedded/"))
		}
		if !strings.Contains(string(raw[:min(len(raw), 600)]), "CC BY 4.0") {
			t.Errorf("%s: the file's opening comment does not state its licence", f.ID)
		}
	}
}

func TestReviewRecorded(t *testing.T) {
	set := load(t)
	for _, f := range set.Frameworks() {
		r := f.Review
		if r == nil {
			t.Errorf("%s records no review", f.ID)
			continue
		}
		if len(strings.Fields(r.Covered)) < 20 {
			t.Errorf("%s: the review does not say what it covered: %q", f.ID, r.Covered)
		}
		var ly, lm, ny, nm int
		fmt.Sscanf(r.LastReviewed, "%d-%d", &ly, &lm)
		fmt.Sscanf(r.NextDue, "%d-%d", &ny, &nm)
		if months := (ny-ly)*12 + nm - lm; months < 1 || months > 24 {
			t.Errorf("%s: next review %s is %d months after %s; review at least every two years", f.ID, r.NextDue, months, r.LastReviewed)
		}
	}
}
