package curriculum

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

func loadSchema(t *testing.T) map[string]any {
	data, err := frameworks.Schema("curriculum.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
}

// The schema's list of settings is the vocabulary's.
func TestSchemaSettings(t *testing.T) {
	schema := loadSchema(t)
	prop := schema["properties"].(map[string]any)["settings"].(map[string]any)
	var got []string
	for _, v := range prop["items"].(map[string]any)["enum"].([]any) {
		got = append(got, v.(string))
	}
	if strings.Join(got, " ") != strings.Join(SettingIDs(), " ") {
		t.Errorf("schema settings %v, vocabulary %v", got, SettingIDs())
	}
}

// TestSchemaMatchesModel keeps frameworks/curriculum.schema.json and the
// Go model in step: the same fields, the same required fields, no extras.
func TestSchemaMatchesModel(t *testing.T) {
	schema := loadSchema(t)
	defs := schema["$defs"].(map[string]any)
	cases := []struct {
		typ  any
		node map[string]any
	}{
		{Curriculum{}, schema},
		{Module{}, defs["module"].(map[string]any)},
		{Session{}, defs["session"].(map[string]any)},
		{Outcome{}, defs["outcome"].(map[string]any)},
	}
	for _, c := range cases {
		typ := reflect.TypeOf(c.typ)
		var fields, required []string
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			fields = append(fields, name)
			if f.Tag.Get("req") == "true" {
				required = append(required, name)
			}
		}
		var props, req []string
		for k := range c.node["properties"].(map[string]any) {
			props = append(props, k)
		}
		for _, x := range c.node["required"].([]any) {
			req = append(req, x.(string))
		}
		sort.Strings(fields)
		sort.Strings(props)
		sort.Strings(required)
		sort.Strings(req)
		if !reflect.DeepEqual(fields, props) {
			t.Errorf("%s: model fields %v, schema properties %v", typ.Name(), fields, props)
		}
		if !reflect.DeepEqual(required, req) {
			t.Errorf("%s: model requires %v, schema requires %v", typ.Name(), required, req)
		}
		if c.node["additionalProperties"] != false {
			t.Errorf("%s: the schema must forbid unknown fields, as the parser does", typ.Name())
		}
	}
	var delivery []string
	for _, v := range schema["properties"].(map[string]any)["delivery"].(map[string]any)["enum"].([]any) {
		delivery = append(delivery, v.(string))
	}
	if !reflect.DeepEqual(delivery, DeliveryModes) {
		t.Errorf("delivery: schema %v, model %v", delivery, DeliveryModes)
	}
}

// validate checks v against the subset of JSON Schema 2020-12 the
// curriculum schema uses, returning the problems found.
func validate(root, s map[string]any, v any, path string) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, path+": "+fmt.Sprintf(format, args...)) }
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		return validate(root, root["$defs"].(map[string]any)[name].(map[string]any), v, path)
	}
	if c, ok := s["const"]; ok && fmt.Sprint(c) != fmt.Sprint(v) {
		bad("want %v", c)
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range e {
			if x == v {
				found = true
			}
		}
		if !found {
			bad("%v is not one of %v", v, e)
		}
	}
	if one, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, b := range one {
			if len(validate(root, b.(map[string]any), v, path)) == 0 {
				n++
			}
		}
		if n != 1 {
			bad("matches %d of the oneOf branches", n)
		}
	}
	switch s["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			bad("not an object")
			return out
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := m[r.(string)]; !ok {
				bad("missing %s", r)
			}
		}
		for k, x := range m {
			if pn, ok := s["propertyNames"].(map[string]any); ok {
				out = append(out, validate(root, pn, k, path+"."+k+"(name)")...)
			}
			if p, ok := props[k]; ok {
				out = append(out, validate(root, p.(map[string]any), x, path+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					bad("unknown property %s", k)
				}
			case map[string]any:
				out = append(out, validate(root, ap, x, path+"."+k)...)
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			bad("not an array")
			return out
		}
		if mi, ok := s["minItems"].(float64); ok && len(a) < int(mi) {
			bad("fewer than %v items", mi)
		}
		for i, x := range a {
			out = append(out, validate(root, s["items"].(map[string]any), x, fmt.Sprintf("%s[%d]", path, i))...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			bad("not a string")
			return out
		}
		if ml, ok := s["minLength"].(float64); ok && len(str) < int(ml) {
			bad("too short")
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != float64(int(f)) {
			bad("not an integer")
		} else if mn, ok := s["minimum"].(float64); ok && f < mn {
			bad("below %v", mn)
		}
	}
	if p, ok := s["pattern"].(string); ok {
		if str, isStr := v.(string); isStr && !regexp.MustCompile(p).MatchString(str) {
			bad("%q does not match %s", str, p)
		}
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// yamlToJSON reads YAML as JSON would see it (numbers as float64).
func yamlToJSON(t *testing.T, data []byte) any {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The examples and the test curricula validate against the schema, and the
// schema refuses what the parser refuses.
func TestExamplesMatchSchema(t *testing.T) {
	schema := loadSchema(t)
	files, _ := filepath.Glob(testfixture.Path("testdata", "curriculum*.yaml"))
	files = append(files, filepath.Join("testdata", "mini-course.yaml"))
	if len(files) < 3 {
		t.Fatalf("found %d curricula", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if probs := validate(schema, schema, yamlToJSON(t, data), filepath.Base(f)); len(probs) > 0 {
			t.Errorf("%s does not match the schema:\n%s", f, strings.Join(probs, "\n"))
		}
	}
	bad := map[string]string{
		"unknown field":  okHead + "modules: [{title: M, sessions: [{title: S, outcomes: [{text: O}]}]}]\nextra: 1\n",
		"bad strength":   okHead + "modules: [{title: M, sessions: [{title: S, outcomes: [{text: O, maps: {X.1: learns}}]}]}]\n",
		"days":           okHead + "duration: 2 days\nmodules: [{title: M, sessions: [{title: S, outcomes: [{text: O}]}]}]\n",
		"no sessions":    okHead + "modules: [{title: M, sessions: []}]\n",
		"bad id":         strings.Replace(okHead, "id: c", "id: C C", 1) + "modules: [{title: M, sessions: [{title: S, outcomes: [{text: O}]}]}]\n",
		"missing title":  "schema: 1\nid: c\nprovider: P\naudience: A\nmodules: [{title: M, sessions: [{title: S, outcomes: [{text: O}]}]}]\n",
		"bad code":       okHead + "modules: [{title: M, sessions: [{title: S, outcomes: [{text: O, maps: {'a b': develops}}]}]}]\n",
		"schema version": strings.Replace(okHead, "schema: 1", "schema: 2", 1) + "modules: [{title: M, sessions: [{title: S, outcomes: [{text: O}]}]}]\n",
	}
	for name, src := range bad {
		if probs := validate(schema, schema, yamlToJSON(t, []byte(src)), name); len(probs) == 0 {
			t.Errorf("the schema accepts a curriculum with %s", name)
		}
	}
}
