package answers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

var t0 = time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)

func miniSet(t testing.TB) *framework.Set {
	t.Helper()
	data, err := os.ReadFile("../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	set, probs := framework.NewSet(f)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

// build parses and applies an answers file against the mini framework.
func build(t *testing.T, src string) (*assessment.Session, *record.Record, Report, string) {
	t.Helper()
	f, probs := Parse("a.yaml", []byte(src))
	if f == nil {
		return nil, nil, Report{}, probs.Error()
	}
	set := miniSet(t)
	scopes, p := f.Scopes(set, nil, nil)
	probs = append(probs, p...)
	if len(p) > 0 {
		return nil, nil, Report{}, probs.Error()
	}
	plan, err := assessment.NewPlan(set, scopes)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := assessment.NewSession(plan)
	r := record.New("r-1", t0, record.Tool{}, plan)
	rep, p := f.Apply(s, r, Env{Now: func() time.Time { return t0 }, HashFile: func(path string) (record.Evidence, error) {
		if strings.HasSuffix(path, "missing.pdf") {
			return record.Evidence{}, os.ErrNotExist
		}
		return record.Evidence{File: filepath.Base(path), SHA256: "ab", Size: 3}, nil
	}})
	probs = append(probs, p...)
	probs.Sort()
	if len(probs) > 0 {
		return s, r, rep, probs.Error()
	}
	return s, r, rep, ""
}

const head = "frameworks: [mini]\nanswers:\n"

func TestAnswers(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		answers string // code=value pairs, when no problems
		problem string
	}{
		{"ratings and N/A", head + "  MINI.1.1.1: 3\n  MINI.1.1.2: {na: not-encountered, note: x}\n  MINI.2.1.1: {rating: 1, flag: true}\n",
			"MINI.1.1.1=3 MINI.1.1.2=na:not-encountered:x MINI.2.1.1=1:flag", ""},
		{"note and flag only", head + "  MINI.1.1.1: {note: read it, flag: true}\n", "MINI.1.1.1=0:read it:flag", ""},
		{"unknown code", head + "  MINI.1.1.7: 3\n", "", "a.yaml:3:3: there is no competence MINI.1.1.7 (did you mean MINI.1.1.1?)"},
		{"rating too high", head + "  MINI.1.1.1: 4\n", "", "a.yaml:3:15: the rating 4 for MINI.1.1.1 is not on the scale"},
		{"rating zero", head + "  MINI.1.1.1: {rating: 0}\n", "", "a.yaml:3:24: the rating 0 for MINI.1.1.1 is not on the scale"},
		{"negative", head + "  MINI.1.1.1: -2\n", "", "a.yaml:3:15: the rating -2"},
		{"rating as text", head + "  MINI.1.1.1: three\n", "", `a.yaml:3:15: "three" is not an answer for MINI.1.1.1`},
		{"rating as float", head + "  MINI.1.1.1: 2.5\n", "", `a.yaml:3:15: "2.5" is not an answer`},
		{"na without reason", head + "  MINI.1.1.1: na\n", "", "write not applicable as {na: REASON}"},
		{"unknown reason", head + "  MINI.1.1.1: {na: prefer-not}\n", "", `a.yaml:3:20: "prefer-not" is not a reason for not applicable`},
		{"both", head + "  MINI.1.1.1: {rating: 2, na: not-my-role}\n", "", "has both a rating and na"},
		{"twice", head + "  MINI.1.1.1: 2\n  MINI.1.1.1: 3\n", "", "a.yaml:4:3: MINI.1.1.1 is answered twice (first at line 3)"},
		{"empty answer", head + "  MINI.1.1.1:\n", "", "MINI.1.1.1 has no answer"},
		{"list answer", head + "  MINI.1.1.1: [1]\n", "", "found a list"},
		{"unknown top-level field", "frameworks: [mini]\nanswer: {}\n", "", `a.yaml:2:1: unknown field "answer" (did you mean "answers"?)`},
		{"newer schema", "schema: 2\nframeworks: [mini]\n", "", "a.yaml:1:9: this answers file uses format version 2"},
		{"unknown framework", "frameworks: [minu]\n", "", `a.yaml:1:14: there is no framework "minu" (loaded: mini) (did you mean "mini"?)`},
		{"profile and areas", "frameworks:\n  - {id: mini, profile: everyone, areas: [MINI.1.1]}\n", "", "give a profile or a list of areas, not both"},
		{"unknown area", "frameworks:\n  - {id: mini, areas: [MINI.1.3]}\n", "", `framework mini has no area "MINI.1.3" (did you mean "MINI.1.1"?)`},
		{"not a mapping", "- 1\n", "", "an answers file should be a YAML mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _, problem := build(t, tt.src)
			if tt.problem != "" {
				if !strings.Contains(problem, tt.problem) {
					t.Errorf("problems:\n%s\nwant %q", problem, tt.problem)
				}
				return
			}
			if problem != "" {
				t.Fatal(problem)
			}
			var got []string
			for _, a := range s.Answers() {
				v := ""
				switch {
				case a.NA:
					v = "na:" + a.NAReason
				default:
					v = string(rune('0' + a.Rating))
				}
				if a.Note != "" {
					v += ":" + a.Note
				}
				if a.Flag {
					v += ":flag"
				}
				got = append(got, a.Code+"="+v)
			}
			if strings.Join(got, " ") != tt.answers {
				t.Errorf("answers %q, want %q", strings.Join(got, " "), tt.answers)
			}
		})
	}
}

func TestReportsUnanswered(t *testing.T) {
	_, _, rep, problem := build(t, head+"  MINI.1.1.1: 3\n  MINI.2.1.2: 1\n")
	if problem != "" {
		t.Fatal(problem)
	}
	if got := strings.Join(rep.Unanswered, " "); got != "MINI.1.1.2 MINI.1.2.1 MINI.2.1.1" {
		t.Errorf("unanswered %q", got)
	}
}

func TestReflectionPlanActivity(t *testing.T) {
	src := head + `  MINI.1.1.1: 1
reflection:
  model: gibbs
  focus: [MINI.1.1.1]
  sections:
    description: What happened.
    action-plan: |
      Next time.
benefit: "  Better care.  "
standards:
  nmc: [preserve-safety]
  swe: ["4.2"]
plan:
  - objective: Learn
    competences: [MINI.1.1.1]
    target_date: "2026-09-30"
activity:
  start_date: "2026-03-01"
  end_date: "2026-03-02"
  hours: 3
  participatory_hours: 1
  evidence:
    - file: notes/cert.pdf
    - description: Supervision
`
	_, r, _, problem := build(t, src)
	if problem != "" {
		t.Fatal(problem)
	}
	if r.Reflection.Model != "gibbs" || len(r.Reflection.Sections) != 6 || r.Reflection.Sections[5].Text != "Next time." || r.Reflection.Sections[1].Text != "" {
		t.Errorf("reflection %+v", r.Reflection)
	}
	if r.Benefit != "Better care." || len(r.Standards) != 2 || r.Standards[1].Label == "" {
		t.Errorf("benefit %q standards %+v", r.Benefit, r.Standards)
	}
	if len(r.Plan) != 1 || !cpd.ValidGoalID(r.Plan[0].ID) || cpd.LegacyGoalID(r.Plan[0].ID) || r.Plan[0].Status != record.GoalPlanned {
		t.Errorf("plan %+v", r.Plan)
	}
	a := r.Activity
	if a.Hours != 3 || a.ParticipatoryHours != 1 || len(a.Evidence) != 2 || a.Evidence[0].File != "cert.pdf" || a.Evidence[1].Description != "Supervision" || a.Method == "" {
		t.Errorf("activity %+v", a)
	}
}

func TestReflectionProblems(t *testing.T) {
	tests := []struct{ src, want string }{
		{"reflection: {model: kolb}\n", `a.yaml:4:21: there is no reflective model "kolb"`},
		{"reflection: {sections: {so_what: x}}\n", `"so_what" is not a section of the what-so-what-now-what model (did you mean "so-what"?)`},
		{"reflection: {focus: [MINI.9]}\n", "reflection focus: MINI.9 is not a competence code"},
		{"reflection: {model: after-a-death, focus: [MINI.1.1.1]}\n", `reflection focus: the reflection "After the death of someone you cared for" does not ask which development needs to reflect on`},
		{"standards: {nmc: [be-kind]}\n", `"be-kind" is not one of the NMC Code themes`},
		{"standards: {hcpc: [4]}\n", ""},
		{"plan: [{objective: x, target_date: soon}]\n", `a.yaml:4:36: goal 1: "soon" is not a date`},
		{"plan: [{objective: x, status: done}]\n", `goal 1: "done" is not a goal status`},
		{"plan: [{id: g-a, objective: x}, {id: g-a, objective: y}]\n", `goal 2: the id "g-a" is already goal 1's`},
		{"plan: [{id: \"g a\", objective: x}]\n", `goal 1: the id "g a" cannot name a goal`},
		{"plan: [{objective: x, competences: [MINI.1.1.1]}]\n", ""},
		{"plan: [{competences: [MINI.1.1.1]}]\n", `missing required field "objective"`},
		{"activity: {hours: 1, participatory_hours: 2}\n", "activity participatory_hours: 2 participatory hours is more than the 1 hours in total"},
		{"activity: {start_date: \"2026-03-02\", end_date: \"2026-03-01\"}\n", "a.yaml:4:48: activity end_date: the activity cannot end (1 March 2026) before it starts (2 March 2026)"},
		{"activity: {hours: -1}\n", "hours cannot be negative"},
		{"activity: {hours: .nan}\n", "is not a usable number"},
		{"activity: {evidence: [{file: missing.pdf}]}\n", "cannot read the evidence file missing.pdf"},
		{"activity: {evidence: [{}]}\n", "an evidence entry needs a file or a description"},
		{"activity: {type: course}\n", `a.yaml:4:18: activity type: reflect does not know your regulator, so it cannot check the activity type "course"`},
		{"practitioner: {regulator: NMC}\nactivity: {type: supervison}\n", `a.yaml:5:18: activity type: "supervison" is not an activity type on the NMC's list (did you mean supervision?`},
		{"practitioner: {regulator: HCPC}\nactivity: {type: supervision}\n", `"supervision" is not an activity type on the HCPC's list (the types are: work-based-learning, professional-activity`},
		{"practitioner: {regulator: Social Work England}\nactivity: {type: peer-learning}\n", ""},
		{"practitioner: {regulator: General Medical Council}\nactivity: {type: course}\n", ""},
	}
	for _, tt := range tests {
		_, _, _, problem := build(t, head+"  MINI.1.1.1: 1\n"+tt.src)
		if tt.want == "" {
			if problem != "" {
				t.Errorf("%s: %s", tt.src, problem)
			}
			continue
		}
		if !strings.Contains(problem, tt.want) {
			t.Errorf("%s: problems\n%s\nwant %q", tt.src, problem, tt.want)
		}
	}
}

func TestScopesAgainstCommandLine(t *testing.T) {
	set := miniSet(t)
	f, _ := Parse("a.yaml", []byte("frameworks:\n  - {id: mini, profile: everyone}\n"))
	got, probs := f.Scopes(set, nil, []assessment.Scope{{Framework: "mini", Profile: "specialist"}})
	if len(probs) > 0 || got[0].Profile != "specialist" {
		t.Errorf("the command line's profile should win: %+v %v", got, probs)
	}
	f, _ = Parse("a.yaml", []byte("answers: {MINI.1.1.1: 2}\n"))
	got, probs = f.Scopes(set, nil, []assessment.Scope{{Framework: "mini"}})
	if len(probs) > 0 || len(got) != 1 {
		t.Errorf("frameworks from the command line: %+v %v", got, probs)
	}
	f, _ = Parse("a.yaml", []byte("frameworks: [{file: other.yaml, id: mini}]\n"))
	_, probs = f.Scopes(set, map[string]string{"other.yaml": "cyp"}, nil)
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, `framework mismatch: other.yaml holds framework "cyp", not "mini"`) {
		t.Errorf("file id mismatch: %v", probs)
	}
}

// TestExamplesMatchShippedFrameworks runs every testdata/answers*.yaml
// through Parse and Apply against the frameworks they name.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/answers*.yaml")
	if len(files) == 0 {
		t.Fatal("no testdata/answers*.yaml")
	}
	embedded, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, _ := os.ReadFile(name)
			f, probs := Parse(name, data)
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			f.Dir = filepath.Dir(name)
			set := embedded
			ids := map[string]string{}
			var extra []*framework.Framework
			for _, p := range f.FrameworkFiles() {
				d, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				fw, probs := framework.Parse(p, d)
				if len(probs) > 0 {
					t.Fatal(probs)
				}
				ids[p] = fw.ID
				extra = append(extra, fw)
			}
			if len(extra) > 0 {
				set, _ = embedded.With(extra...)
			}
			scopes, probs := f.Scopes(set, ids, nil)
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			plan, err := assessment.NewPlan(set, scopes)
			if err != nil {
				t.Fatal(err)
			}
			s, _ := assessment.NewSession(plan)
			r := record.New("r-1", t0, record.Tool{}, plan)
			if _, probs := f.Apply(s, r, Env{Now: func() time.Time { return t0 }}); len(probs) > 0 {
				t.Fatal(probs)
			}
		})
	}
}

// TestSchemaKnowsEveryField keeps frameworks/answers.schema.json and the
// Go types in step: every field the decoder accepts is in the schema.
func TestSchemaKnowsEveryField(t *testing.T) {
	data, err := frameworks.Schema("answers.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	var got []string
	for k := range schema.Properties {
		got = append(got, k)
	}
	sort.Strings(got)
	want := "activity answers benefit confirm_anonymised frameworks plan practitioner reflection schema standards"
	if strings.Join(got, " ") != want {
		t.Errorf("schema properties %v, want %s", got, want)
	}
	for _, field := range []string{`"rating"`, `"na"`, `"note"`, `"flag"`, `"target_date"`, `"success_measure"`, `"participatory_hours"`, `"evidence"`, `"profile"`, `"areas"`, `"version"`} {
		if !strings.Contains(string(data), field) {
			t.Errorf("schema lacks %s", field)
		}
	}
}

// TestSchemasListEveryReflectiveModel keeps the two schemas in step with
// the reflective models (internal/cpd): a model added there must be added
// to the schemas' lists too, with its section keys.
func TestSchemasListEveryReflectiveModel(t *testing.T) {
	var keys []string
	for _, m := range cpd.Models {
		for _, p := range m.Prompts {
			keys = append(keys, p.Key)
		}
	}
	for _, name := range []string{"answers.schema.json", "record.schema.json"} {
		data, err := frameworks.Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Properties struct {
				Reflection struct {
					Properties struct {
						Model    struct{ Enum []string } `json:"model"`
						Sections struct {
							PropertyNames struct{ Enum []string } `json:"propertyNames"`
						} `json:"sections"`
					} `json:"properties"`
				} `json:"reflection"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		rp := doc.Properties.Reflection.Properties
		if got := strings.Join(rp.Model.Enum, " "); got != strings.Join(cpd.ModelIDs(), " ") {
			t.Errorf("%s lists the models %q; internal/cpd has %q", name, got, cpd.ModelIDs())
		}
		if name == "answers.schema.json" && strings.Join(rp.Sections.PropertyNames.Enum, " ") != strings.Join(keys, " ") {
			t.Errorf("%s lists the sections %q; the models have %q", name, rp.Sections.PropertyNames.Enum, keys)
		}
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/answers*.yaml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(head + "  MINI.1.1.1: {rating: 2, na: x}\n  MINI.1.1.1: 1\n"))
	f.Add([]byte("frameworks: [{id: mini, profile: everyone, areas: []}]\nanswers: &a {x: *a}\n"))
	f.Add([]byte("reflection: {sections: {what: [1]}}\nplan: [{}]\nactivity: {hours: .nan}\n"))
	set := miniSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		af, _ := Parse("fuzz.yaml", data)
		if af == nil {
			return
		}
		scopes, probs := af.Scopes(set, nil, nil)
		if len(probs) > 0 {
			return
		}
		plan, err := assessment.NewPlan(set, scopes)
		if err != nil {
			return
		}
		s, err := assessment.NewSession(plan)
		if err != nil {
			return
		}
		r := record.New("r-1", t0, record.Tool{}, plan)
		af.Apply(s, r, Env{Now: func() time.Time { return t0 }, HashFile: func(string) (record.Evidence, error) { return record.Evidence{}, os.ErrNotExist }})
		if _, err := record.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}
