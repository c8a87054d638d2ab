package rules

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/frameworks"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := frameworks.Schema("rules.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("rules.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("rules.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Every shipped rules file validates against the published schema.
func TestShippedRulesMatchSchema(t *testing.T) {
	s := compileSchema(t)
	names, _ := fs.Glob(frameworks.FS(), ShippedDir+"/*.yaml")
	if len(names) != 4 {
		t.Fatalf("found %v", names)
	}
	for _, n := range names {
		data, _ := fs.ReadFile(frameworks.FS(), n)
		if err := s.Validate(yamlToJSON(t, data)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	// And the schema refuses what Parse refuses.
	bad := yamlToJSON(t, []byte("id: x\nregulator: X\nshort: X\nchecked: '2026-01-01'\nsources: []\ncycle: {kind: monthly, source: a, describe: d}\nactivity_types: []\nrecord_activity_type: a\nrequirements: []\n"))
	if err := s.Validate(bad); err == nil {
		t.Error("the schema accepts an empty, wrong file")
	}
}

// The schema and the Go model name the same fields, with the same required ones.
func TestSchemaMatchesModel(t *testing.T) {
	data, _ := frameworks.Schema("rules.schema.json")
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	props := func(node map[string]any) map[string]any { return node["properties"].(map[string]any) }
	items := func(node map[string]any, key string) map[string]any {
		return props(node)[key].(map[string]any)["items"].(map[string]any)
	}
	cases := []struct {
		typ  any
		node map[string]any
	}{
		{Rules{}, schema},
		{Source{}, items(schema, "sources")},
		{Cycle{}, props(schema)["cycle"].(map[string]any)},
		{ActivityType{}, items(schema, "activity_types")},
		{Requirement{}, items(schema, "requirements")},
		{Reminder{}, items(schema, "reminders")},
	}
	for _, c := range cases {
		typ := reflect.TypeOf(c.typ)
		var fields, req []string
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			fields = append(fields, name)
			if f.Tag.Get("req") == "true" {
				req = append(req, name)
			}
		}
		var sp, sr []string
		for k := range props(c.node) {
			sp = append(sp, k)
		}
		for _, r := range c.node["required"].([]any) {
			sr = append(sr, r.(string))
		}
		sort.Strings(fields)
		sort.Strings(req)
		sort.Strings(sp)
		sort.Strings(sr)
		if !reflect.DeepEqual(fields, sp) {
			t.Errorf("%s: model fields %v, schema properties %v", typ.Name(), fields, sp)
		}
		if !reflect.DeepEqual(req, sr) {
			t.Errorf("%s: model requires %v, schema requires %v", typ.Name(), req, sr)
		}
	}
}
