package curriculum

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

func TestNeededStrength(t *testing.T) {
	four := framework.DefaultScale()
	for target, want := range map[int]Strength{1: None, 2: Introduces, 3: Develops, 4: Assesses} {
		if got := NeededStrength(four, target); got != want {
			t.Errorf("default scale, target %d: %v, want %v", target, got, want)
		}
	}
	_, set := loadMiniCourse(t)
	three := set.Get("mini").EffectiveScale()
	for target, want := range map[int]Strength{1: None, 2: Introduces, 3: Develops} {
		if got := NeededStrength(three, target); got != want {
			t.Errorf("three-level scale, target %d: %v, want %v", target, got, want)
		}
	}
}

// The mini course against the mini framework's profiles, worked out by
// hand from testdata/mini-course.yaml: MINI.1.1.1 is only introduced,
// MINI.1.1.2 is assessed, MINI.1.2.1 is only introduced, and MINI.2.1 is
// reached only through equivalents in the other framework.
func TestCoverProfile(t *testing.T) {
	c, set := loadMiniCourse(t)
	f := set.Get("mini")
	m := Coverage(c, set, []*framework.Framework{f})
	type want struct {
		status              string
		at, weaker, eq, not int
	}
	for _, tc := range []struct {
		profile string
		areas   map[string]want
		reached int
	}{
		{"specialist", map[string]want{
			"MINI.1.1": {ProfilePartly, 1, 1, 0, 0},
			"MINI.1.2": {ProfilePartly, 0, 1, 0, 0},
			"MINI.2.1": {ProfileNotAddressed, 0, 0, 1, 1},
		}, 0},
		{"everyone", map[string]want{
			"MINI.1.1": {ProfileReached, 2, 0, 0, 0},
			"MINI.2.1": {ProfileNotAddressed, 0, 0, 1, 1},
		}, 1},
	} {
		pc, err := CoverProfile(m, f, f.Profile(tc.profile))
		if err != nil {
			t.Fatal(err)
		}
		if len(pc.Areas) != len(tc.areas) || pc.Reached != tc.reached {
			t.Errorf("%s: %d areas, %d reached", tc.profile, len(pc.Areas), pc.Reached)
		}
		for _, pa := range pc.Areas {
			w := tc.areas[pa.Coverage.Area.Code]
			got := want{pa.Status, pa.AtStrength, pa.Weaker, pa.Equivalent, pa.NotAddressed}
			if got != w {
				t.Errorf("%s %s: %+v, want %+v", tc.profile, pa.Coverage.Area.Code, got, w)
			}
			if n := pa.AtStrength + pa.Weaker + pa.Equivalent + pa.NotAddressed; n != pa.Competences() {
				t.Errorf("%s %s: the counts add up to %d of %d", tc.profile, pa.Coverage.Area.Code, n, pa.Competences())
			}
		}
	}
	m.Profile, _ = CoverProfile(m, f, f.Profile("specialist"))
	var b bytes.Buffer
	if err := MapText(&b, m, RenderOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Role profile: Specialist", "0 of 3 areas reached at their targets, 2 partly, 1 not addressed", "not yet at develops: MINI.1.1.1 (introduces)",
		"none at develops; addressed more weakly: MINI.1.2.1 (introduces)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the text lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := MapJSON(&b, m, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Profile struct {
			ID    string
			Areas []struct {
				Code   string
				Status string
				Short  []string `json:"not_yet_at_strength"`
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.Profile.ID != "specialist" || len(v.Profile.Areas) != 3 || !slices.Equal(v.Profile.Areas[0].Short, []string{"MINI.1.1.1"}) {
		t.Errorf("json profile: %+v", v.Profile)
	}
	// Profile not in the report's frameworks.
	if _, err := CoverProfile(&Map{}, f, f.Profile("specialist")); err == nil {
		t.Error("a profile of a framework not in the report was accepted")
	}
}

func TestFindProfile(t *testing.T) {
	_, set := loadMiniCourse(t)
	for _, tc := range []struct{ ref, fw, id, err string }{
		{"specialist", "mini", "specialist", ""},
		{"mini:everyone", "mini", "everyone", ""},
		{"mini/everyone", "mini", "everyone", ""},
		{"nope", "", "", "no loaded framework has that profile; the profiles are mini:everyone, mini:specialist"},
		{"xx:everyone", "", "", `there is no framework "xx" loaded`},
	} {
		f, p, err := FindProfile(set, nil, tc.ref)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.ref, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.ref, err)
		case f.ID != tc.fw || p.ID != tc.id:
			t.Errorf("%s: %s:%s", tc.ref, f.ID, p.ID)
		}
	}
}

// The area × module summary counts each area's competences per module:
// here M1 addresses MINI.1.1.1 (introduces) and MINI.1.1.2 (develops), and
// "ask" assesses MINI.1.1.2; one competence of MINI.2.1 is reached by "ask" only through
// equivalents.
func TestAreaSummary(t *testing.T) {
	c, set := loadMiniCourse(t)
	m := Coverage(c, set, []*framework.Framework{set.Get("mini")})
	cells := map[string][]string{}
	for _, d := range m.Frameworks[0].Domains {
		for _, a := range d.Areas {
			for i := range c.Modules {
				cells[a.Area.Code] = append(cells[a.Area.Code], a.SummaryCell(i))
			}
		}
	}
	want := map[string][]string{"MINI.1.1": {"2D", "1A"}, "MINI.1.2": {"1I", "."}, "MINI.2.1": {".", "1~"}}
	for code, w := range want {
		if !slices.Equal(cells[code], w) {
			t.Errorf("%s: %v, want %v", code, cells[code], w)
		}
	}
}

func TestSettingsAndFit(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Emergency department nurses, doctors and liaison mental health practitioners", []string{"emergency-department", "liaison-psychiatry"}},
		{"Teachers, teaching assistants, pastoral and support staff in secondary schools and colleges", []string{"school"}},
		{"Acute medical ward", []string{"acute-ward"}},
		{"Healthcare assistant", nil},
		{"Edinburgh", nil}, // "ed" only as a whole word
		{"", nil},
	} {
		if got := SettingsIn(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("SettingsIn(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	ward := []string{"acute-ward"}
	for _, tc := range []struct {
		course []string
		weight float64
		kind   string
	}{
		{[]string{"acute-ward", "school"}, 1, FitSame},
		{[]string{"emergency-department"}, 0.75, FitFamily},
		{[]string{"school"}, 0.5, FitOther},
		{nil, 1, FitUnknown},
	} {
		f := FitOf(tc.course, ward)
		if f.Weight != tc.weight || f.Kind != tc.kind {
			t.Errorf("FitOf(%v, ward) = %v %s", tc.course, f.Weight, f.Kind)
		}
	}
	if f := FitOf([]string{"school"}, nil); f.Kind != FitUnknown || f.Weight != 1 {
		t.Errorf("no person settings: %+v", f)
	}
}

// The case: a school-staff session no longer scores as a direct
// match for an acute-ward healthcare assistant. Two courses map the same
// competence at the same strength; only their audiences differ.
func TestMatchWeighsSetting(t *testing.T) {
	set := testSet(t)
	course := func(id, audience string) *Curriculum {
		c, probs := parseString(t, "schema: 1\nid: "+id+"\ntitle: "+id+"\nprovider: P\naudience: "+audience+"\nmodules:\n  - id: m\n    title: M\n    sessions:\n      - title: S\n        duration: 1h\n        outcomes:\n          - text: O\n            maps: {MINI.2.1.1: develops}\n")
		if probs != "" {
			t.Fatal(probs)
		}
		return c
	}
	school, ward := course("school", "School staff"), course("ward", "Staff on acute wards")
	needs := []assessment.Need{{Rank: 1, Code: "MINI.2.1.1", Area: "MINI.2.1", Gap: 2}}
	r := Match(needs, []*Curriculum{school, ward}, set, Person{Role: "Healthcare assistant", Setting: "Acute medical ward"})
	if len(r.Modules) != 2 || r.Modules[0].Curriculum.ID != "ward" || r.Modules[0].Score != 8 || r.Modules[1].Score != 4 {
		t.Fatalf("ranking: %+v %+v", r.Modules[0], r.Modules[1])
	}
	if got := r.Modules[1].ScoreText(); got != "4 (8 × 1/2)" {
		t.Errorf("score text %q", got)
	}
	var b bytes.Buffer
	if err := MatchText(&b, r, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"the person's development needs", "The person: Healthcare assistant, Acute medical ward (setting: acute hospital ward).",
		"written for schools and colleges, not the person's (acute hospital ward): score × 1/2"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the text lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(strings.ToLower(b.String()), "your needs") {
		t.Errorf("the report speaks to the reader as if they were the person:\n%s", b.String())
	}
	// Without a setting, nothing is weighed.
	r = Match(needs, []*Curriculum{school, ward}, set, Person{})
	if r.Modules[0].Score != r.Modules[1].Score {
		t.Errorf("scores differ without a setting: %v %v", r.Modules[0].Score, r.Modules[1].Score)
	}
}

func TestSettingsField(t *testing.T) {
	set := testSet(t)
	c, probs := parseString(t, okHead+"settings: [school, acute-wards]\nmodules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n")
	if probs != "" {
		t.Fatal(probs)
	}
	got := Validate(c, set).Error()
	if !strings.Contains(got, `settings names "acute-wards", which is not a setting reflect knows (did you mean "acute-ward"?)`) {
		t.Errorf("validate: %s", got)
	}
	c.Settings = []string{"school"}
	if !slices.Equal(c.CourseSettings(), []string{"school"}) {
		t.Errorf("course settings %v", c.CourseSettings())
	}
}
