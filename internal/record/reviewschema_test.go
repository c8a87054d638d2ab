package record_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// yamlToJSON decodes YAML the way a JSON Schema-aware editor sees it:
// dates as YYYY-MM-DD strings.
func yamlToJSON(t *testing.T, data []byte) []byte {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var fix func(any) any
	fix = func(v any) any {
		switch x := v.(type) {
		case time.Time:
			return x.Format("2006-01-02")
		case map[string]any:
			for k, e := range x {
				x[k] = fix(e)
			}
		case []any:
			for i, e := range x {
				x[i] = fix(e)
			}
		}
		return v
	}
	b, err := json.Marshal(fix(v))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadReviewSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := frameworks.Schema("review.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("review.schema.json is not valid JSON: %v", err)
	}
	return s
}

func TestReviewExampleValidatesAgainstSchema(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(recordtest.Root(t), "testdata", "review-example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := validate(t, loadReviewSchema(t), yamlToJSON(t, data)); len(errs) > 0 {
		t.Errorf("testdata/review-example.yaml does not match frameworks/review.schema.json:\n%s", strings.Join(errs, "\n"))
	}
}

func TestReviewSchemaRejects(t *testing.T) {
	s := loadReviewSchema(t)
	for name, in := range map[string]string{
		"no reviewer":   "plan: agree\n",
		"unknown field": "reviewer: {name: A}\nplan: agree\nsigned: true\n",
		"bad plan":      "reviewer: {name: A}\nplan: agreed\n",
		"bad status":    "reviewer: {name: A}\nplan: amend\namended_plan: [{objective: x, status: done}]\n",
		"bad date":      "reviewer: {name: A}\nplan: agree\ndate: 14/03/2026\n",
		"bad rating":    "reviewer: {name: A}\nplan: agree\nratings: {MINI.1.1.1: high}\n",
	} {
		if errs := validate(t, s, yamlToJSON(t, []byte(in))); len(errs) == 0 {
			t.Errorf("%s: the schema accepts %q", name, in)
		}
	}
}

// The schema and the Go decoder accept the same fields.
func TestReviewSchemaMatchesDecoder(t *testing.T) {
	s := loadReviewSchema(t)
	props := s["properties"].(map[string]any)
	var fields []string
	typ := reflect.TypeOf(record.ReviewFile{})
	for i := 0; i < typ.NumField(); i++ {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
		if name != "-" && name != "" {
			fields = append(fields, name)
		}
	}
	for _, f := range fields {
		if _, ok := props[f]; !ok {
			t.Errorf("schema lacks %q", f)
		}
	}
	if len(props) != len(fields) {
		t.Errorf("schema has %d top-level properties, the decoder %d (%v)", len(props), len(fields), fields)
	}
}
