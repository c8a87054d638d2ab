package curriculum

import (
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want int
		err  string
	}{
		{"90", 90, ""}, {"45m", 45, ""}, {"1h30m", 90, ""}, {"1h 30m", 90, ""}, {"1.5h", 90, ""}, {"2 hours", 120, ""},
		{"1 hour and 15 minutes", 75, ""}, {"45 mins", 45, ""}, {"3H", 180, ""}, {"0.25h", 15, ""}, {"6h30m", 390, ""},
		{"", 0, "empty"}, {"0", 0, "more than zero"}, {"-5", 0, "more than zero"}, {"2 days", 0, "for a day's teaching"},
		{"1 week", 0, "not a duration reflect can count"}, {"half an hour", 0, "not a duration"}, {"5x", 0, "not a duration"},
		{"10 moments", 0, "not a duration"}, {"0.001h", 0, "at least a minute"}, {"999999h", 0, "longer than any course"},
		{"1h30", 0, "not a duration"},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseDuration(%q) = %d, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestFormatMinutes(t *testing.T) {
	for m, want := range map[int]string{0: "–", 45: "45m", 60: "1h", 90: "1h 30m", 125: "2h 05m", 780: "13h"} {
		if got := FormatMinutes(m); got != want {
			t.Errorf("FormatMinutes(%d) = %q, want %q", m, got, want)
		}
	}
}

const okHead = "schema: 1\nid: c\ntitle: T\nprovider: P\naudience: A\n"

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown field with a suggestion", okHead + "modulez: []\n", []string{`c.yaml:6:1: unknown field "modulez" (did you mean "modules"?)`, `missing required field "modules"`}},
		{"missing required fields", "schema: 1\nid: c\nmodules:\n  - sessions:\n      - outcomes:\n          - maps: {}\n",
			[]string{`missing required field "title"`, `missing required field "provider"`, `c.yaml:4:5: missing required field "title"`, `c.yaml:6:13: missing required field "text"`}},
		{"strength typo", okHead + "modules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n            maps:\n              X.1: develop\n",
			[]string{`c.yaml:13:20: "develop" is not a strength (did you mean "develops"?)`}},
		{"no strength", okHead + "modules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n            maps:\n              X.1:\n",
			[]string{`c.yaml:13:15: competence X.1 has no strength`}},
		{"code twice in one outcome", okHead + "modules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n            maps:\n              X.1: develops\n              X.1: assesses\n",
			[]string{`c.yaml:14:15: the competence X.1 appears twice in this outcome`}},
		{"maps as a list", okHead + "modules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n            maps: [X.1, X.2]\n",
			[]string{`c.yaml:12:19: maps should be a mapping of competence codes to strengths (write one competence a line`}},
		{"bad duration", okHead + "duration: two days\nmodules: []\n", []string{`c.yaml:6:11: "two days" is not a duration reflect can count`}},
		{"empty module entry", okHead + "modules:\n  -\n", []string{`c.yaml:7:4: empty entry`}},
		{"wrong type", okHead + "frameworks: cyp\nmodules: []\n", []string{`c.yaml:6:13: expected a list for "frameworks"`}},
		{"syntax error", okHead + "modules: [\n", []string{"YAML syntax error"}},
		{"empty file", "", []string{"the file is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := parseString(t, tt.src)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems do not include %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestParseDefaultIDs(t *testing.T) {
	c, probs := parseString(t, okHead+"modules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n      - id: named\n        title: S2\n        outcomes:\n          - text: O2\n")
	if probs != "" {
		t.Fatal(probs)
	}
	m := c.Modules[0]
	if m.ID != "M1" || m.Sessions[0].ID != "M1.S1" || m.Sessions[0].Outcomes[0].ID != "M1.S1.1" || m.Sessions[1].Outcomes[0].ID != "named.1" {
		t.Errorf("ids: %s %s %s %s", m.ID, m.Sessions[0].ID, m.Sessions[0].Outcomes[0].ID, m.Sessions[1].Outcomes[0].ID)
	}
}

func TestValidate(t *testing.T) {
	set := testSet(t)
	course := func(extra, maps string) string {
		return okHead + extra + "modules:\n  - id: m1\n    title: M\n    sessions:\n      - id: s1\n        title: S\n        outcomes:\n          - text: O\n            maps:\n" + maps
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown code with a suggestion and its line", course("", "              MINI.1.1.9: develops\n"),
			[]string{"c.yaml:15:15: unknown competence code MINI.1.1.9 (did you mean MINI.1.1.1?)"}},
		{"lower-case code", course("", "              mini.2.1.2: develops\n"), []string{"unknown competence code mini.2.1.2 (did you mean MINI.2.1.2?)"}},
		{"nothing close", course("", "              ZZZ.9: develops\n"), []string{"unknown competence code ZZZ.9 (check the code with 'reflect frameworks show ID', or give the framework it belongs to with --framework FILE)"}},
		{"an area code", course("", "              MINI.1.1: develops\n"), []string{"MINI.1.1 is an area of mini, not a competence (map the outcome to the competences it addresses: MINI.1.1.1, MINI.1.1.2)"}},
		{"a domain code", course("", "              MINI.2: develops\n"), []string{"MINI.2 is a domain of mini, not a competence"}},
		{"code outside the listed frameworks", course("frameworks: [mini]\n", "              OTH.1.1.1: develops\n"),
			[]string{"OTH.1.1.1 belongs to framework other, which this curriculum does not list under frameworks (add other to the curriculum's frameworks list"}},
		{"unknown framework id", course("frameworks: [mimi]\n", ""), []string{`c.yaml:6:14: frameworks names "mimi", which is not a loaded framework (did you mean "mini"?)`}},
		{"bad delivery", course("delivery: online\n", ""), []string{`c.yaml:6:11: delivery "online" is not one reflect knows`}},
		{"bad url", course("url: www.example.org\n", ""), []string{`c.yaml:6:6: url "www.example.org" is not a web address`}},
		{"bad id", strings.Replace(course("", ""), "id: c", "id: My Course", 1), []string{`c.yaml:2:5: curriculum id "My Course" is not valid`}},
		{"newer schema", strings.Replace(course("", ""), "schema: 1", "schema: 2", 1), []string{"c.yaml:1:9: this file uses curriculum schema 2"}},
		{"sessions longer than the module", okHead + "modules:\n  - title: M\n    duration: 1h\n    sessions:\n      - title: S\n        duration: 45m\n        outcomes: [{text: O}]\n      - title: T\n        duration: 30m\n        outcomes: [{text: O}]\n",
			[]string{"c.yaml:8:15: the sessions of module M1 add up to 1h 15m, more than its duration 1h"}},
		{"modules longer than the curriculum", okHead + "duration: 30m\nmodules:\n  - title: M\n    duration: 1h\n    sessions:\n      - title: S\n        outcomes: [{text: O}]\n",
			[]string{"c.yaml:6:11: the modules add up to 1h, more than the curriculum's duration 30m"}},
		{"duplicate ids", okHead + "modules:\n  - id: a\n    title: M\n    sessions:\n      - id: a\n        title: S\n        outcomes: [{text: O}]\n",
			[]string{`c.yaml:10:9: id "a" is already used at line 7`}},
		{"bad part id", okHead + "modules:\n  - id: a b\n    title: M\n    sessions:\n      - title: S\n        outcomes: [{text: O}]\n", []string{`module id "a b" is not valid`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, probs := parseString(t, tt.src)
			if probs != "" {
				t.Fatalf("parse: %s", probs)
			}
			got := Validate(c, set).Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems do not include %q:\n%s", w, got)
				}
			}
		})
	}
	// A clean curriculum has no problems.
	c, _ := parseString(t, course("frameworks: [mini, other]\ndelivery: blended\nurl: https://example.org/c\n", "              MINI.1.1.1: develops\n              OTH.1.1.3: assesses\n"))
	if probs := Validate(c, set); len(probs) > 0 {
		t.Errorf("unexpected problems: %v", probs)
	}
}

func TestLoadReportsEveryFile(t *testing.T) {
	set := testSet(t)
	dir := t.TempDir()
	a, b := dir+"/a.yaml", dir+"/b.yaml"
	writeFile(t, a, okHead+"modules: []\nbogus: 1\n")
	writeFile(t, b, okHead+"modules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n            maps: {MINI.9.9.9: develops}\n")
	_, err := Load(set, a, b, dir+"/missing.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{"a.yaml:7:1: unknown field \"bogus\"", "b.yaml:12:20: unknown competence code MINI.9.9.9", "missing.yaml: no such file"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not include %q:\n%v", w, err)
		}
	}
	// The same id twice.
	writeFile(t, b, okHead+"modules: []\n")
	writeFile(t, a, okHead+"modules: []\n")
	if _, err := Load(set, a, b); err == nil || !strings.Contains(err.Error(), `curriculum id "c" is also used by`) {
		t.Errorf("duplicate ids: %v", err)
	}
}

func TestPct(t *testing.T) {
	for p, want := range map[float64]string{0: "0%", 0.4: "<1%", 0.5: "1%", 9.09: "9%", 12.5: "13%", 99.6: "99%", 100: "100%", 66.66: "67%"} {
		if got := Pct(p); got != want {
			t.Errorf("Pct(%v) = %q, want %q", p, got, want)
		}
	}
}
