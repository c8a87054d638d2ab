package framework_test

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// TestSchemaMatchesModel keeps frameworks/framework.schema.json and the Go
// model in step: the same fields, the same required fields, no extras.
func TestSchemaMatchesModel(t *testing.T) {
	data, err := frameworks.Schema("framework.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	get := func(path ...string) map[string]any {
		node := schema
		for _, p := range path {
			switch v := node[p].(type) {
			case map[string]any:
				node = v
			case []any: // oneOf: take the object branch
				for _, x := range v {
					if m, ok := x.(map[string]any); ok && m["type"] == "object" {
						node = m
					}
				}
			default:
				t.Fatalf("schema has no %s", strings.Join(path, "."))
			}
		}
		return node
	}
	cases := []struct {
		typ  any
		node map[string]any
	}{
		{framework.Framework{}, schema},
		{framework.Provenance{}, get("properties", "provenance")},
		{framework.Review{}, get("properties", "review")},
		{framework.Guide{}, get("properties", "guide")},
		{framework.HelpContact{}, get("properties", "guide", "properties", "help", "items")},
		{framework.Scale{}, get("properties", "scale")},
		{framework.Level{}, get("properties", "scale", "properties", "levels", "items")},
		{framework.NotApplicable{}, get("properties", "scale", "properties", "not_applicable")},
		{framework.NAReason{}, get("properties", "scale", "properties", "not_applicable", "properties", "reasons", "items")},
		{framework.Domain{}, get("properties", "domains", "items")},
		{framework.Area{}, get("$defs", "area")},
		{framework.Competence{}, get("$defs", "competence")},
		{framework.Link{}, get("$defs", "link")},
		{framework.Item{}, get("$defs", "item", "oneOf")},
		{framework.Profile{}, get("properties", "profiles", "items")},
		{framework.Resource{}, get("properties", "resources", "items")},
		{framework.Origin{}, get("properties", "origin")},
		{framework.OriginEntry{}, get("$defs", "origin_entry")},
		{framework.OriginLink{}, get("properties", "origin", "properties", "links", "items")},
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
		var props []string
		for k := range c.node["properties"].(map[string]any) {
			props = append(props, k)
		}
		var req []string
		if r, ok := c.node["required"].([]any); ok {
			for _, x := range r {
				req = append(req, x.(string))
			}
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
			t.Errorf("%s: schema must forbid unknown fields, as the loader does", typ.Name())
		}
	}
}
