package framework_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

func readMini(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "frameworks", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseMini(t *testing.T) {
	f, probs := framework.Parse("mini.yaml", readMini(t))
	if len(probs) > 0 {
		t.Fatalf("unexpected problems:\n%v", probs)
	}
	if probs := framework.Validate(f); len(probs) > 0 {
		t.Fatalf("unexpected validation problems:\n%v", probs)
	}
	d, a, c := f.Count()
	if d != 2 || a != 3 || c != 5 {
		t.Errorf("counts = %d/%d/%d, want 2/3/5", d, a, c)
	}
	comp := f.Competence("MINI.1.1.2")
	if comp == nil || comp.Area.Code != "MINI.1.1" || comp.Area.Domain.Code != "MINI.1" {
		t.Fatalf("lookup/back-pointers broken: %+v", comp)
	}
	if len(comp.Items) != 2 || comp.Items[0].Text != "listening before advising" || len(comp.Items[1].Items) != 1 || comp.Items[1].Items[0].Text != "and setting them aside" {
		t.Errorf("sub-items decoded wrongly: %+v", comp.Items)
	}
	if comp.Pos.Line == 0 {
		t.Error("competence position not recorded")
	}
	p := f.Profile("specialist")
	if p == nil || strings.Join(p.Targets.Keys, ",") != "MINI.1.1,MINI.1.2,MINI.2.1" || p.Targets.Values["MINI.1.2"] != 3 {
		t.Errorf("profile targets decoded wrongly: %+v", p)
	}
	if got := f.ResourcesFor("MINI.2.1"); len(got) != 1 || got[0].ID != "mini-reading" {
		t.Errorf("ResourcesFor = %v", got)
	}
	if len(f.Digest) != 64 {
		t.Errorf("digest %q is not hex SHA-256", f.Digest)
	}
}

// mutate applies a textual edit to mini.yaml, failing if it does not apply.
func mutate(t *testing.T, old, new string) []byte {
	t.Helper()
	data := readMini(t)
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("fixture does not contain %q", old)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

func problemsFor(t *testing.T, data []byte) yamlx.Problems {
	t.Helper()
	f, probs := framework.Parse("f.yaml", data)
	if f != nil {
		_, p := framework.NewSet(f)
		probs = append(probs, p...)
	}
	return probs
}

func TestInvalidFrameworks(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := 0; i < 9; i++ {
		name := string(rune('b' + i))
		bomb += name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = name
	}
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want []string // each must appear in some problem, with its position
	}{
		{"syntax error", func(t *testing.T) []byte {
			return mutate(t, "title: Placeholder framework for tests", "title: [unclosed")
		}, []string{"f.yaml:", "YAML syntax error"}},
		{"unknown field", func(t *testing.T) []byte { return mutate(t, "short_title: Mini", "short_title: Mini\nshort_titel: x") }, []string{`f.yaml:8:1: unknown field "short_titel"`, "did you mean"}},
		{"unknown field deep", func(t *testing.T) []byte {
			return mutate(t, "            kind: knowledge\n            statement: An ability to draw on knowledge of the many", "            kind: knowledge\n            statment: x\n            statement: An ability to draw on knowledge of the many")
		}, []string{`unknown field "statment"`, `did you mean "statement"?`}},
		{"missing required", func(t *testing.T) []byte { return mutate(t, "population: Nobody in particular (test data)\n", "") }, []string{`missing required field "population"`}},
		{"missing expect", func(t *testing.T) []byte {
			return mutate(t, "        expect: You can expect staff to explain how your information is shared.\n", "")
		}, []string{`missing required field "expect"`}},
		{"duplicate code", func(t *testing.T) []byte { return mutate(t, "code: MINI.1.1.2", "code: MINI.1.1.1") }, []string{`code "MINI.1.1.1" is already used at line`}},
		{"duplicate key", func(t *testing.T) []byte { return mutate(t, "version: 0.1.0", "version: 0.1.0\nversion: 0.2.0") }, []string{`"version" appears twice`}},
		{"wrong kind", func(t *testing.T) []byte { return mutate(t, "kind: skill", "kind: skills") }, []string{`has kind "skills"`}},
		{"wrong type", func(t *testing.T) []byte { return mutate(t, "value: 2", "value: two") }, []string{`expected a whole number for "value"`}},
		{"empty area", func(t *testing.T) []byte {
			return mutate(t, "        competences:\n          - code: MINI.1.2.1\n            kind: knowledge\n            statement: An ability to draw on knowledge of when information may be shared without consent\n            tags: [legal]\n", "        competences: []\n")
		}, []string{`"competences" must not be empty`}},
		{"dangling crosswalk", func(t *testing.T) []byte {
			return mutate(t, "            kind: judgement\n", "            kind: judgement\n            same_as: [ADU.9.9.9]\n")
		}, []string{`same_as refers to "ADU.9.9.9"`}},
		{"dangling resource", func(t *testing.T) []byte { return mutate(t, "areas: [MINI.2.1]", "areas: [MINI.2.2]") }, []string{`f.yaml:93:5: resource mini-reading links to area "MINI.2.2"`, `did you mean`}},
		{"profile target off scale", func(t *testing.T) []byte { return mutate(t, "      MINI.1.2: 3", "      MINI.1.2: 4") }, []string{"sets target 4 for MINI.1.2, which is not on the scale"}},
		{"profile unknown area", func(t *testing.T) []byte { return mutate(t, "      MINI.1.2: 3", "      MINI.1.3: 3") }, []string{`names area "MINI.1.3"`}},
		{"scale not increasing", func(t *testing.T) []byte { return mutate(t, "value: 3", "value: 2") }, []string{"scale level values must increase"}},
		{"duplicate statement", func(t *testing.T) []byte {
			return mutate(t, "statement: An ability to judge when to involve a colleague or another service", "statement: An ability to ask directly and calmly about thoughts of suicide")
		}, []string{"repeats the statement of MINI.2.1.1"}},
		{"bad url", func(t *testing.T) []byte {
			return mutate(t, "url: https://example.org/reading", "url: example.org/reading")
		}, []string{"is not a web address"}},
		{"newer schema", func(t *testing.T) []byte { return mutate(t, "schema: 1", "schema: 2") }, []string{"uses framework schema 2"}},
		{"empty file", func(t *testing.T) []byte { return []byte("  \n\n") }, []string{"f.yaml: the file is empty"}},
		{"invalid utf-8", func(t *testing.T) []byte { return mutate(t, "Nobody in particular", "Nobody \xff particular") }, []string{"f.yaml:9:20: the file is not valid UTF-8"}},
		{"nul byte", func(t *testing.T) []byte { return mutate(t, "Nobody in particular", "Nobody\x00") }, []string{"f.yaml:9:19: the file contains a NUL byte"}},
		{"alias bomb", func(t *testing.T) []byte { return []byte(bomb) }, []string{"too many aliases"}},
		{"huge file", func(t *testing.T) []byte { return bytes.Repeat([]byte("# padding padding padding\n"), 50<<20/26) }, []string{"larger than the 8.0 MiB this tool reads"}},
		{"not a mapping", func(t *testing.T) []byte { return []byte("- just\n- a list\n") }, []string{"f.yaml:1:1: expected a mapping of fields"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := problemsFor(t, tt.data(t))
			if len(probs) == 0 {
				t.Fatal("no problems reported")
			}
			all := probs.Error()
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems do not mention %q:\n%s", w, all)
				}
			}
			for _, p := range probs {
				if p.File != "f.yaml" {
					t.Errorf("problem without the file name: %v", p)
				}
			}
		})
	}
}

func TestAllProblemsReportedAtOnce(t *testing.T) {
	data := mutate(t, "short_title: Mini", "short_titel: Mini")
	data = bytes.Replace(data, []byte("kind: skill"), []byte("kind: skills"), 1)
	data = bytes.Replace(data, []byte("code: MINI.1.1.2"), []byte("code: MINI.1.1.1"), 1)
	probs := problemsFor(t, data)
	if len(probs) < 4 { // unknown field, missing short_title, bad kind, duplicate code
		t.Fatalf("want at least 4 problems, got %d:\n%v", len(probs), probs)
	}
	for _, p := range probs {
		if p.Line == 0 {
			t.Errorf("problem without a line: %v", p)
		}
	}
}

func TestCrosswalkIsSymmetric(t *testing.T) {
	a, _ := framework.Parse("a.yaml", readMini(t))
	other := bytes.ReplaceAll(readMini(t), []byte("MINI."), []byte("OTHER."))
	other = bytes.Replace(other, []byte("id: mini"), []byte("id: other"), 1)
	other = bytes.Replace(other, []byte("            kind: judgement\n"), []byte("            kind: judgement\n            same_as: [MINI.2.1.2]\n"), 1)
	b, probs := framework.Parse("b.yaml", other)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	set, probs := framework.NewSet(a, b)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := set.SameAs("MINI.2.1.2"); len(got) != 1 || got[0] != "OTHER.2.1.2" {
		t.Errorf("SameAs(MINI.2.1.2) = %v", got)
	}
	if got := set.SameAs("OTHER.2.1.2"); len(got) != 1 || got[0] != "MINI.2.1.2" {
		t.Errorf("SameAs(OTHER.2.1.2) = %v", got)
	}
	// The same codes in two frameworks are refused.
	dup, _ := framework.Parse("c.yaml", bytes.Replace(readMini(t), []byte("id: mini"), []byte("id: copy"), 1))
	if _, probs := framework.NewSet(a, dup); !strings.Contains(probs.Error(), `code "MINI.1" is already used in framework "mini"`) {
		t.Errorf("duplicate codes across frameworks not reported: %v", probs)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(readMini(f))
	f.Add([]byte("id: x\ndomains: [{code: A, areas: [{code: B, competences: [{code: C, items: [x, {text: y, items: [z]}]}]}]}]\n"))
	f.Add([]byte("a: &a [1]\nb: *a\n"))
	f.Add([]byte("profiles: [{targets: {A: x}}]"))
	f.Add([]byte("id: x\nreview: {last_reviewed: 2026-12, covered: y, next_due: 2026-1}\nguide: {help: [{name: a, text: b}, {name: A}]}\ndomains: [{code: A, guide_title: t, areas: [{code: B, competences: [{code: C, crosswalk: [{code: C, type: exact}, {code: D, type: near}], same_as: [D, D]}]}]}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, probs := framework.Parse("fuzz.yaml", data)
		if fw == nil && len(probs) == 0 {
			t.Fatal("no framework and no problems")
		}
		if fw != nil {
			_, _ = framework.NewSet(fw)
			fw.Count()
			for _, a := range fw.Areas() {
				fw.ResourcesFor(a.Code)
			}
		}
		for _, p := range probs {
			if p.Msg == "" {
				t.Fatal("problem without a message")
			}
		}
	})
}
