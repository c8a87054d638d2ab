package curriculum_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

var clock = time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC)

type env struct {
	t      *testing.T
	dir    string
	set    *framework.Set
	stdout bytes.Buffer
	stderr bytes.Buffer
}

func newEnv(t *testing.T) *env {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"cyp", "adults"} {
		if set.Get(id) == nil {
			t.Skipf("the %s framework is not built in yet", id)
		}
	}
	return &env{t: t, dir: t.TempDir(), set: set}
}

func (e *env) run(args ...string) int {
	e.stdout.Reset()
	e.stderr.Reset()
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(""), Out: &e.stdout, Err: &e.stderr},
		Version: "test",
		Now:     func() time.Time { return clock },
		Getenv: func(k string) string {
			if k == "REFLECT_DATA_DIR" {
				return filepath.Join(e.dir, "data")
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return e.set, nil },
	}
	return app.Run(deps, args)
}

func (e *env) mustRun(args ...string) string {
	e.t.Helper()
	if code := e.run(args...); code != 0 {
		e.t.Fatalf("reflect %s: exit %d\nstderr:\n%s", strings.Join(args, " "), code, e.stderr.String())
	}
	return e.stdout.String()
}

func (e *env) file(name, content string) string {
	p := filepath.Join(e.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return p
}

var (
	school = testfixture.Path("testdata", "curriculum-school-staff-awareness.yaml")
	ed     = testfixture.Path("testdata", "curriculum-ed-assessment-safety-planning.yaml")
	mini   = testfixture.Path("testdata", "frameworks", "mini.yaml")
)

func TestMapText(t *testing.T) {
	e := newEnv(t)
	out := e.mustRun("curriculum", "map", school)
	for _, want := range []string{"Coverage: 22 of", "13 introduced only, 7 developed, 2 assessed", "Coverage matrix", "Gaps: competences no outcome addresses",
		"Outcomes mapped to no competence (2)", "Provenance: The competence statements in this file were written for reflect"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if out := e.mustRun("curriculum", "map", school, "--no-matrix"); strings.Contains(out, "Coverage matrix") {
		t.Error("--no-matrix ignored")
	}
	// Against two frameworks: the adults competences reached through the
	// crosswalk are reported as such.
	out = e.mustRun("curriculum", "map", ed, "--framework", "adults", "--framework", "cyp", "--format", "md")
	if !strings.Contains(out, "52 of") || !strings.Contains(out, "A further 27 through equivalent competences") {
		t.Errorf("two-framework report:\n%.600s", out)
	}
}

func TestMapFiles(t *testing.T) {
	e := newEnv(t)
	for _, ext := range []string{".html", ".csv", ".json", ".md", ".txt"} {
		out := filepath.Join(e.dir, "map"+ext)
		e.mustRun("curriculum", "map", school, "-o", out)
		if !strings.Contains(e.stderr.String(), "22 of") || !strings.Contains(e.stderr.String(), "Wrote "+out) {
			t.Errorf("%s: stderr %q", ext, e.stderr.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		switch ext {
		case ".html":
			if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) || !bytes.Contains(data, []byte("Content-Security-Policy")) {
				t.Error("not an HTML page with a CSP")
			}
		case ".csv":
			if !bytes.HasPrefix(data, []byte("\ufefff"+"ramework,domain")) {
				t.Errorf("csv starts %q", data[:20])
			}
		case ".json":
			var v map[string]any
			if err := json.Unmarshal(data, &v); err != nil || v["report"] != "reflect-curriculum-map" {
				t.Errorf("json: %v %v", err, v["report"])
			}
		}
		if code := e.run("curriculum", "map", school, "-o", out); code != 1 || !strings.Contains(e.stderr.String(), "already exists") {
			t.Errorf("%s: overwrite without --force: exit %d", ext, code)
		}
		e.mustRun("curriculum", "map", school, "-o", out, "--force")
	}
}

// The summary on stderr adds up: addressed, through an equivalent, and
// not addressed make the framework's total.
func TestMapFileSummaryCountsEquivalents(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(e.dir, "matrix.csv")
	e.mustRun("curriculum", "map", ed, "--framework", "adults", "--framework", "cyp", "-o", out)
	re := regexp.MustCompile(`(\d+) of (\d+) competences of cyp addressed \(\d+%\), a further (\d+) through equivalent competences; (\d+) not addressed\.`)
	m := re.FindStringSubmatch(e.stderr.String())
	if m == nil {
		t.Fatalf("no count of equivalents for cyp in:\n%s", e.stderr.String())
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	if covered, total, further, not := n(m[1]), n(m[2]), n(m[3]), n(m[4]); covered+further+not != total || further == 0 {
		t.Errorf("counts don't add up: %s", m[0])
	}
}

func TestMapErrors(t *testing.T) {
	e := newEnv(t)
	typo := e.file("typo.yaml", "schema: 1\nid: t\ntitle: T\nprovider: P\naudience: A\nmodules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n            maps:\n              CYP.3.2.33: develops\n              cyp.1.1.1: introduces\n")
	nothing := e.file("nothing.yaml", "schema: 1\nid: n\ntitle: T\nprovider: P\naudience: A\nmodules:\n  - title: M\n    sessions:\n      - title: S\n        outcomes:\n          - text: O\n")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"curriculum", "map", typo}, 1, "typo.yaml:13:15: unknown competence code CYP.3.2.33 (did you mean CYP.3.2.3?)\n" + e.dir + "/typo.yaml:14:15: unknown competence code cyp.1.1.1 (did you mean CYP.1.1.1?)\n2 problems found."},
		{[]string{"curriculum", "map", nothing}, 1, "maps no outcome to a competence"},
		{[]string{"curriculum", "map", school, "--format", "pdf"}, 2, `there is no "pdf" format here`},
		{[]string{"curriculum", "map", school, "-o", filepath.Join(e.dir, "x.pdf")}, 2, "cannot tell the format"},
		{[]string{"curriculum", "map", school, "--framework", "nope"}, 1, `there is no framework called "nope"`},
		{[]string{"curriculum", "map", filepath.Join(e.dir, "missing.yaml")}, 1, "missing.yaml: no such file"},
		{[]string{"curriculum", "map"}, 2, "accepts 1 arg"},
	}
	for _, tt := range tests {
		if code := e.run(tt.args...); code != tt.code || !strings.Contains(e.stderr.String(), tt.want) {
			t.Errorf("reflect %s: exit %d (want %d)\nstderr: %s\nwant: %s", strings.Join(tt.args[1:], " "), code, tt.code, e.stderr.String(), tt.want)
		}
	}
}

func TestMapWithFrameworkFile(t *testing.T) {
	e := newEnv(t)
	c := e.file("mini-course.yaml", "schema: 1\nid: m\ntitle: T\nprovider: P\naudience: A\nframeworks: [mini]\nmodules:\n  - title: M\n    sessions:\n      - title: S\n        duration: 1h\n        outcomes:\n          - text: O\n            maps: {MINI.2.1.1: assesses}\n")
	if code := e.run("curriculum", "map", c); code != 1 || !strings.Contains(e.stderr.String(), `frameworks names "mini", which is not a loaded framework`) {
		t.Errorf("without --framework: exit %d %s", code, e.stderr.String())
	}
	out := e.mustRun("curriculum", "map", c, "--framework", mini)
	if !strings.Contains(out, "Coverage: 1 of 5 competences addressed (20%): 0 introduced only, 0 developed, 1 assessed.") {
		t.Errorf("mini report:\n%s", out)
	}
}

func TestValidate(t *testing.T) {
	e := newEnv(t)
	out := e.mustRun("curriculum", "validate", school, ed)
	for _, want := range []string{`curriculum-school-staff-awareness.yaml: valid — curriculum "school-staff-awareness", 3 modules, 15 outcomes, 22 mappings to 22 competences, 3h 30m`,
		`curriculum-ed-assessment-safety-planning.yaml: valid — curriculum "ed-assessment-safety-planning", 4 modules, 26 outcomes, 52 mappings to 52 competences, 13h`} {
		if !strings.Contains(out, want) {
			t.Errorf("validate output lacks %q:\n%s", want, out)
		}
	}
	bad := e.file("bad.yaml", "schema: 1\nid: b\ntitle: T\nprovider: P\naudience: A\nmodules:\n  - title: M\n    duration: 2 days\n    sessions: []\n")
	if code := e.run("curriculum", "validate", bad, school); code != 1 || !strings.Contains(e.stderr.String(), "bad.yaml:8:15: \"2 days\" is not a duration") || !strings.Contains(e.stderr.String(), "problems found.") {
		t.Errorf("exit %d: %s", code, e.stderr.String())
	}
}

// writeRecord builds a finished record against the adults framework's
// health-social-care profile in which the given competences are rated 1 and the
// rest 4, so they are the development needs.
func (e *env) writeRecord(low ...string) string {
	rates := map[string]int{}
	for _, c := range low {
		rates[c] = 1
	}
	r := recordtest.Build(e.t, e.set, recordtest.Spec{
		Scopes: []assessment.Scope{{Framework: "adults", Profile: "health-social-care"}},
		Rate: func(_ int, code string) int {
			if rates[code] > 0 {
				return 1
			}
			return 4
		},
		Complete: true,
	})
	data, err := record.Marshal(r)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.file("record.json", string(data))
}

func TestMatch(t *testing.T) {
	e := newEnv(t)
	rec := e.writeRecord("ADU.2.2.2", "ADU.4.1.2")
	out := e.mustRun("curriculum", "match", rec, ed, school)
	for _, want := range []string{"The person's needs, largest gap first:", "1. ADU.2.2.2", "ADU.4.1.2",
		`module day2-am "Formulation and safety planning"`, "assesses it", "assesses the equivalent CYP.3.2.3", "How the score works"} {
		if !strings.Contains(out, want) {
			t.Errorf("match output lacks %q:\n%s", want, out)
		}
	}
	e.mustRun("curriculum", "match", rec, ed, school, "--format", "json")
	var v struct {
		Needs   []struct{ Code string }
		Modules []struct {
			Rank             int
			Curriculum, Cite string
			Score            float64
			Module           string
		}
	}
	if err := json.Unmarshal(e.stdout.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Needs) != 2 || len(v.Modules) == 0 || v.Modules[0].Rank != 1 || v.Modules[0].Cite == "" {
		t.Fatalf("json: %+v", v)
	}
	for i := 1; i < len(v.Modules); i++ {
		if v.Modules[i].Score > v.Modules[i-1].Score {
			t.Errorf("modules not ranked by score: %+v", v.Modules)
		}
	}
	e.mustRun("curriculum", "match", rec, ed, school, "--top", "1")
	if !strings.Contains(e.stderr.String(), "Showing the best 1 of") {
		t.Errorf("--top note missing: %s", e.stderr.String())
	}
	if code := e.run("curriculum", "match", rec, ed, "--format", "html"); code != 2 {
		t.Errorf("match --format html: exit %d", code)
	}
	if code := e.run("curriculum", "match", "r-0123", ed); code != 1 || !strings.Contains(e.stderr.String(), "give its path") {
		t.Errorf("unknown record id: exit %d %s", code, e.stderr.String())
	}
	if code := e.run("curriculum", "match", filepath.Join(e.dir, "none.json"), ed); code != 1 || !strings.Contains(e.stderr.String(), "no such file") {
		t.Errorf("missing record: exit %d %s", code, e.stderr.String())
	}
	if code := e.run("curriculum", "match", rec); code != 2 {
		t.Errorf("match without curricula: exit %d", code)
	}
}

// A healthcare assistant on an acute ward: the ED course (a related
// hospital setting) is weighed at 3/4 and the school course at 1/2.
func TestMatchWeighsTheRecordsSetting(t *testing.T) {
	e := newEnv(t)
	rates := map[string]bool{"ADU.2.2.2": true}
	r := recordtest.Build(e.t, e.set, recordtest.Spec{
		// The observation profile (frameworks 2.0.0) includes ADU.2.2;
		// any-staff, for staff who are not clinicians, no longer does.
		Scopes: []assessment.Scope{{Framework: "adults", Profile: "observation"}},
		Rate: func(_ int, code string) int {
			if rates[code] {
				return 1
			}
			return 4
		},
		Practitioner: record.Practitioner{Role: "Healthcare assistant", Setting: "Acute medical ward"},
		Complete:     true,
	})
	data, err := record.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	rec := e.file("hca.json", string(data))
	out := strings.Join(strings.Fields(e.mustRun("curriculum", "match", rec, ed, school)), " ")
	for _, want := range []string{"The person: Healthcare assistant, Acute medical ward (setting: acute hospital ward).",
		"written for emergency department, liaison psychiatry, related to the person's (acute hospital ward): score × 3/4"} {
		if !strings.Contains(out, want) {
			t.Errorf("match output lacks %q:\n%s", want, out)
		}
	}
}

func TestMapProfile(t *testing.T) {
	e := newEnv(t)
	out := e.mustRun("curriculum", "map", ed, "--profile", "adults:assessing-practitioner", "--no-matrix")
	re := regexp.MustCompile(`Profile assessing-practitioner: (\d+) of (\d+) areas reached at their targets, (\d+) partly, (\d+) not addressed; (\d+) of (\d+) competences`)
	m := re.FindStringSubmatch(strings.Join(strings.Fields(out), " "))
	if m == nil {
		t.Fatalf("no profile sentence:\n%.3000s", out)
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	if n(m[1])+n(m[3])+n(m[4]) != n(m[2]) || n(m[5]) > n(m[6]) || n(m[6]) == 0 {
		t.Errorf("the profile counts do not add up: %s", m[0])
	}
	if !strings.Contains(out, "Areas × modules") {
		t.Error("no area × module summary")
	}
	// The profile's framework joins the report when the course lists another.
	out = e.mustRun("curriculum", "map", school, "--profile", "adults:any-staff", "--format", "json")
	var v struct {
		Frameworks []struct{ ID string }
		Profile    struct{ Framework, ID string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Frameworks) != 2 || v.Frameworks[1].ID != "adults" || v.Profile.Framework != "adults" || v.Profile.ID != "any-staff" {
		t.Errorf("json: %+v", v)
	}
	if code := e.run("curriculum", "map", ed, "--profile", "any-staff"); code != 2 || !strings.Contains(e.stderr.String(), "more than one framework has a profile") {
		// cyp and adults both have any-staff, and the course names only adults:
		// then the report's framework is chosen.
		if code != 0 {
			t.Errorf("--profile any-staff: exit %d %s", code, e.stderr.String())
		}
	}
	if code := e.run("curriculum", "map", ed, "--profile", "nope"); code != 2 || !strings.Contains(e.stderr.String(), "no loaded framework has that profile") {
		t.Errorf("--profile nope: exit %d %s", code, e.stderr.String())
	}
}

func TestTemplate(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(e.dir, "course.yaml")
	e.mustRun("curriculum", "template", "--framework", "cyp", "--framework", "adults", "-o", out, "--id", "ed-course")
	e.mustRun("curriculum", "validate", out)
	if !strings.Contains(e.stdout.String(), `curriculum "ed-course", 1 module, 1 outcome, 1 mapping to 1 competence, 45m`) {
		t.Errorf("validate: %s", e.stdout.String())
	}
	data, _ := os.ReadFile(out)
	for _, code := range []string{"CYP.12.3", "ADU.1.1.1", "frameworks: [cyp, adults]"} {
		if !strings.Contains(string(data), code) {
			t.Errorf("the template lacks %s", code)
		}
	}
	if code := e.run("curriculum", "template"); code != 2 || !strings.Contains(e.stderr.String(), "say which framework") {
		t.Errorf("template without --framework: exit %d", code)
	}
	if code := e.run("curriculum", "template", "--framework", "cyp", "--id", "Bad"); code != 2 {
		t.Errorf("template --id Bad: exit %d", code)
	}
}

// From a team's records to a plan: team --format json, then plan --needs,
// with and without a budget; bad input is reported where it is.
func TestPlanFromTeamReport(t *testing.T) {
	e := newEnv(t)
	dir := filepath.Join(e.dir, "records")
	if _, err := recordtest.WriteTeam(dir, e.set, []assessment.Scope{{Framework: "adults", Profile: "any-staff"}}, 60); err != nil {
		t.Fatal(err)
	}
	teamJSON := filepath.Join(e.dir, "team.json")
	e.mustRun("team", dir, "-o", teamJSON)
	out := e.mustRun("curriculum", "plan", "--needs", teamJSON, ed, school)
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"Training plan for the team", "1. Assessment and safety planning after self-harm", "Chosen first because it adds", "How modules are chosen"} {
		if !strings.Contains(flat, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	e.mustRun("curriculum", "plan", "--needs", teamJSON, ed, school, "--hours", "3.25", "--format", "json")
	var v struct {
		Budget  int `json:"budget_minutes"`
		Minutes int
		Modules []struct{ Minutes int }
	}
	if err := json.Unmarshal(e.stdout.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.Budget != 195 || v.Minutes > 195 || len(v.Modules) == 0 {
		t.Errorf("budgeted plan %+v", v)
	}
	bad := e.file("bad.json", "{\n  \"report\": \"reflect-team\",\n  \"areas\": [1,]\n}\n")
	if code := e.run("curriculum", "plan", "--needs", bad, ed); code != 1 || !strings.Contains(e.stderr.String(), "bad.json:3:") || !strings.Contains(e.stderr.String(), "invalid JSON") {
		t.Errorf("bad JSON: exit %d %s", code, e.stderr.String())
	}
	if code := e.run("curriculum", "plan", "--needs", ed, ed); code != 1 || !strings.Contains(e.stderr.String(), "invalid JSON") {
		t.Errorf("a YAML file as needs: exit %d %s", code, e.stderr.String())
	}
	other := e.file("other.json", `{"report": "reflect-curriculum-map"}`)
	if code := e.run("curriculum", "plan", "--needs", other, ed); code != 1 || !strings.Contains(e.stderr.String(), "is not a team report") {
		t.Errorf("another report: exit %d %s", code, e.stderr.String())
	}
	if code := e.run("curriculum", "plan", ed); code != 2 || !strings.Contains(e.stderr.String(), "--needs") {
		t.Errorf("no --needs: exit %d %s", code, e.stderr.String())
	}
}
