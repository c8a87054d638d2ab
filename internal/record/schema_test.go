package record_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// This file keeps frameworks/record.schema.json and the Go record model in
// step, with a small checker for the subset of JSON Schema (draft 2020-12)
// the schema uses. The checker refuses any keyword it does not know, so the
// schema cannot quietly use something that is not checked here.

func loadRecordSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := frameworks.Schema("record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("record.schema.json is not valid JSON: %v", err)
	}
	if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", s["$schema"])
	}
	return s
}

// annotations are keywords with no effect on validation (format is an
// annotation by default in draft 2020-12).
var annotations = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "format": true, "$comment": true, "$defs": true}

type checker struct {
	root map[string]any
	errs []string
}

func (c *checker) fail(path, format string, args ...any) {
	c.errs = append(c.errs, path+": "+fmt.Sprintf(format, args...))
}

func (c *checker) resolve(s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, found := strings.CutPrefix(ref, "#/$defs/")
		def, ok := c.root["$defs"].(map[string]any)[name].(map[string]any)
		if !found || !ok {
			c.fail("schema", "unresolvable $ref %q", ref)
			return map[string]any{}
		}
		merged := map[string]any{}
		for k, v := range def {
			merged[k] = v
		}
		for k, v := range s {
			if k != "$ref" {
				merged[k] = v
			}
		}
		s = merged
	}
}

func (c *checker) check(path string, s map[string]any, v any) {
	s = c.resolve(s)
	for k, kw := range s {
		switch k {
		case "type":
			if !hasType(v, kw.(string)) {
				c.fail(path, "%v is not of type %s", short(v), kw)
			}
		case "const":
			if !reflect.DeepEqual(normal(v), normal(kw)) {
				c.fail(path, "%v is not the constant %v", short(v), kw)
			}
		case "enum":
			ok := false
			for _, e := range kw.([]any) {
				ok = ok || reflect.DeepEqual(normal(v), normal(e))
			}
			if !ok {
				c.fail(path, "%v is not one of %v", short(v), kw)
			}
		case "minimum", "maximum":
			if n, ok := v.(float64); ok {
				lim := kw.(float64)
				if (k == "minimum" && n < lim) || (k == "maximum" && n > lim) {
					c.fail(path, "%v is out of range (%s %v)", n, k, lim)
				}
			}
		case "minLength":
			if str, ok := v.(string); ok && float64(len([]rune(str))) < kw.(float64) {
				c.fail(path, "%q is shorter than %v", str, kw)
			}
		case "pattern":
			if str, ok := v.(string); ok && !regexp.MustCompile(kw.(string)).MatchString(str) {
				c.fail(path, "%q does not match %s", str, kw)
			}
		case "required":
			if obj, ok := v.(map[string]any); ok {
				for _, r := range kw.([]any) {
					if _, ok := obj[r.(string)]; !ok {
						c.fail(path, "required %q is missing", r)
					}
				}
			}
		case "properties":
			if obj, ok := v.(map[string]any); ok {
				props := kw.(map[string]any)
				for name, val := range obj {
					if ps, ok := props[name].(map[string]any); ok {
						c.check(path+"."+name, ps, val)
					}
				}
			}
		case "additionalProperties":
			sub, isSchema := kw.(map[string]any)
			if kw != false && !isSchema {
				c.fail("schema", "%s: additionalProperties must be false or a schema here", path)
			}
			if obj, ok := v.(map[string]any); ok {
				props, _ := s["properties"].(map[string]any)
				for name, val := range obj {
					if _, ok := props[name]; ok {
						continue
					}
					if isSchema {
						c.check(path+"."+name, sub, val)
					} else {
						c.fail(path, "%q is not allowed", name)
					}
				}
			}
		case "items":
			if arr, ok := v.([]any); ok {
				for i, x := range arr {
					c.check(fmt.Sprintf("%s[%d]", path, i), kw.(map[string]any), x)
				}
			}
		default:
			if !annotations[k] {
				c.fail("schema", "%s uses keyword %q, which this checker does not implement", path, k)
			}
		}
	}
}

func normal(v any) any {
	if f, ok := v.(float64); ok && f == math.Trunc(f) {
		return int64(f)
	}
	return v
}

func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	}
	return false
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

func validate(t *testing.T, schema map[string]any, data []byte) []string {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	c := &checker{root: schema}
	c.check("record", schema, doc)
	sort.Strings(c.errs)
	return c.errs
}

// keys collects every object key path ("activity.evidence[].file") in a
// JSON document.
func keys(prefix string, v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			out[prefix+"."+k] = true
			keys(prefix+"."+k, val, out)
		}
	case []any:
		for _, val := range x {
			keys(prefix+"[]", val, out)
		}
	}
}

// goKeys lists every JSON key path the Go type can produce.
func goKeys(prefix string, t reflect.Type, out map[string]bool) {
	switch t.Kind() {
	case reflect.Pointer:
		goKeys(prefix, t.Elem(), out)
	case reflect.Slice:
		goKeys(prefix+"[]", t.Elem(), out)
	case reflect.Struct:
		if t == reflect.TypeOf(time.Time{}) {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				goKeys(prefix, f.Type, out)
				continue
			}
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "-" || !f.IsExported() {
				continue
			}
			out[prefix+"."+name] = true
			goKeys(prefix+"."+name, f.Type, out)
		}
	}
}

func TestFullRecordValidatesAgainstSchema(t *testing.T) {
	schema := loadRecordSchema(t)
	set, err := testfixture.MiniSet()
	if err != nil {
		t.Fatal(err)
	}
	r, err := testfixture.Full(set)
	if err != nil {
		t.Fatal(err)
	}
	data, err := record.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if errs := validate(t, schema, data); len(errs) > 0 {
		t.Errorf("the full fixture record does not validate:\n%s", strings.Join(errs, "\n"))
	}
	// The fixture really is full: every key the Go model can write is in it,
	// so the check above covered every property of the schema.
	have := map[string]bool{}
	var doc any
	_ = json.Unmarshal(data, &doc)
	keys("record", doc, have)
	want := map[string]bool{}
	goKeys("record", reflect.TypeOf(record.Record{}), want)
	var missing []string
	for k := range want {
		// An amended plan and a list of areas (used instead of a profile)
		// are in the hand-written fixture instead; the chain of reviews and
		// withheld sections in TestSharedRecordValidatesAgainstSchema; a
		// draft is checked below.
		if !have[k] && !strings.HasPrefix(k, "record.reviews[].agreed_plan") && k != "record.frameworks[].areas" &&
			k != "record.reviews[].previous" && k != "record.disclosure.withheld" && !strings.HasPrefix(k, "record.draft") {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the full fixture leaves out %v", missing)
	}

	// A record holding a draft validates.
	withDraft := *r
	withDraft.Draft = &record.Draft{Field: "note.MINI.2.1.2", Text: "Half a thought", At: testfixture.Clock}
	data, _ = record.Marshal(&withDraft)
	if errs := validate(t, schema, data); len(errs) > 0 {
		t.Errorf("a record with a draft does not validate:\n%s", strings.Join(errs, "\n"))
	}

	// A fresh in-progress record (the smallest one reflect writes) validates too.
	r.Reviews, r.Plan, r.Standards, r.Scores, r.Benefit = nil, nil, nil, nil, ""
	r.Activity, r.Reflection, r.Anonymisation, r.Practitioner = record.Activity{}, record.Reflection{}, record.Anonymisation{}, record.Practitioner{}
	r.Answers, r.Position, r.Status = []assessment.Answer{}, "", record.StatusInProgress
	data, _ = record.Marshal(r)
	if errs := validate(t, schema, data); len(errs) > 0 {
		t.Errorf("a minimal record does not validate:\n%s", strings.Join(errs, "\n"))
	}
}

// A shared copy of a record reviewed twice (so the second review lists the
// first) validates, and holds the keys the full fixture cannot.
func TestSharedRecordValidatesAgainstSchema(t *testing.T) {
	schema := loadRecordSchema(t)
	set, err := testfixture.MiniSet()
	if err != nil {
		t.Fatal(err)
	}
	r, err := testfixture.Full(set)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := r.NewReview(record.Review{Reviewer: record.Reviewer{Name: "Jo Lead"}, Date: "2026-03-02"}, testfixture.Clock)
	if err != nil {
		t.Fatal(err)
	}
	r.AppendReview(rev, testfixture.Clock, testfixture.Tool)
	shared, err := record.Withhold(r, []string{record.SectionReflection, record.SectionNotes})
	if err != nil {
		t.Fatal(err)
	}
	data, err := record.Marshal(shared)
	if err != nil {
		t.Fatal(err)
	}
	if errs := validate(t, schema, data); len(errs) > 0 {
		t.Errorf("a shared copy does not validate:\n%s", strings.Join(errs, "\n"))
	}
	have := map[string]bool{}
	var doc any
	_ = json.Unmarshal(data, &doc)
	keys("record", doc, have)
	for _, k := range []string{"record.reviews[].previous", "record.disclosure.withheld"} {
		if !have[k] {
			t.Errorf("the shared copy has no %s", k)
		}
	}
}

func TestSchemaRejects(t *testing.T) {
	schema := loadRecordSchema(t)
	set, _ := testfixture.MiniSet()
	r, err := testfixture.Full(set)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := record.Marshal(r)
	for _, tc := range []struct{ old, new, want string }{
		{`"format": "reflect-record"`, `"format": "other"`, "record.format"},
		{`"status": "complete"`, `"status": "done"`, "record.status"},
		{`"checked": true`, `"checked": "yes"`, "record.anonymisation.checked"},
		{`"id": "G1",`, `"id": "G1", "colour": "red",`, `"colour" is not allowed`},
		{`"wording": "tool"`, `"wording": "mine"`, "wording"},
		{`"scheme": "nmc"`, `"scheme": "xyz"`, "scheme"},
		{`"rating": 2,`, `"rating": 2.5,`, "record.answers[0].rating"},
	} {
		bad := strings.Replace(string(good), tc.old, tc.new, 1)
		if bad == string(good) {
			t.Fatalf("%q not found in the fixture", tc.old)
		}
		errs := validate(t, schema, []byte(bad))
		if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), tc.want) {
			t.Errorf("%s → %s: errors %v, want one about %s", tc.old, tc.new, errs, tc.want)
		}
	}
}

// TestSchemaMatchesRecordModel checks both ways: every key the Go model
// writes is a property in the schema, every schema property is a Go field,
// and the schema's required keys are exactly the fields always written
// (no omitempty or omitzero).
func TestSchemaMatchesRecordModel(t *testing.T) {
	schema := loadRecordSchema(t)
	c := &checker{root: schema}
	var walk func(path string, s map[string]any, typ reflect.Type)
	walk = func(path string, s map[string]any, typ reflect.Type) {
		s = c.resolve(s)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch typ.Kind() {
		case reflect.Slice:
			items, ok := s["items"].(map[string]any)
			if !ok {
				t.Errorf("%s: schema has no items for a list", path)
				return
			}
			walk(path+"[]", items, typ.Elem())
			return
		case reflect.Struct:
			if typ == reflect.TypeOf(time.Time{}) {
				return
			}
		default:
			return
		}
		props, _ := s["properties"].(map[string]any)
		var fields, required []string
		var visit func(reflect.Type)
		visit = func(typ reflect.Type) {
			for i := 0; i < typ.NumField(); i++ {
				f := typ.Field(i)
				if f.Anonymous {
					visit(f.Type)
					continue
				}
				tag := strings.Split(f.Tag.Get("json"), ",")
				if tag[0] == "-" || !f.IsExported() {
					continue
				}
				fields = append(fields, tag[0])
				opt := false
				for _, o := range tag[1:] {
					opt = opt || o == "omitempty" || o == "omitzero"
				}
				if !opt {
					required = append(required, tag[0])
				}
				ps, ok := props[tag[0]].(map[string]any)
				if !ok {
					t.Errorf("%s.%s: in the Go model, not in the schema", path, tag[0])
					continue
				}
				walk(path+"."+tag[0], ps, f.Type)
			}
		}
		visit(typ)
		var names, req []string
		for k := range props {
			names = append(names, k)
		}
		rq, _ := s["required"].([]any)
		for _, r := range rq {
			req = append(req, r.(string))
		}
		sort.Strings(fields)
		sort.Strings(names)
		sort.Strings(required)
		sort.Strings(req)
		if !reflect.DeepEqual(fields, names) {
			t.Errorf("%s: Go fields %v, schema properties %v", path, fields, names)
		}
		if !reflect.DeepEqual(required, req) {
			t.Errorf("%s: Go always writes %v, schema requires %v", path, required, req)
		}
		if s["additionalProperties"] != false {
			t.Errorf("%s: the schema must forbid unknown keys, as record.Decode does", path)
		}
	}
	walk("record", schema, reflect.TypeOf(record.Record{}))
}

func TestHandWrittenFixturesValidate(t *testing.T) {
	schema := loadRecordSchema(t)
	files, _ := os.ReadDir(testfixture.Path("testdata", "records"))
	n := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".json") {
			continue
		}
		n++
		data, err := os.ReadFile(testfixture.Path("testdata", "records", f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := record.Decode(f.Name(), data); err != nil {
			t.Errorf("%s: %v", f.Name(), err)
		}
		if errs := validate(t, schema, data); len(errs) > 0 {
			t.Errorf("%s does not validate:\n%s", f.Name(), strings.Join(errs, "\n"))
		}
	}
	if n == 0 {
		t.Error("no fixture records in testdata/records")
	}
}

// The hand-written fixture's scores were worked out by hand from the
// method in the README; they must equal what reflect computes.
func TestHandWrittenScoresAreConsistent(t *testing.T) {
	data, err := os.ReadFile(testfixture.Path("testdata", "records", "handwritten.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := record.Decode("handwritten.json", data)
	if err != nil {
		t.Fatal(err)
	}
	set, err := testfixture.MiniSet()
	if err != nil {
		t.Fatal(err)
	}
	s, lost, _, err := record.Open(r, set)
	if err != nil || len(lost) > 0 {
		t.Fatalf("open: %v, lost %v", err, lost)
	}
	got := s.Score()
	if !reflect.DeepEqual(&got, r.Scores) {
		a, _ := json.MarshalIndent(got, "", " ")
		b, _ := json.MarshalIndent(r.Scores, "", " ")
		t.Errorf("computed scores differ from the hand-written ones:\ncomputed %s\nwritten  %s", a, b)
	}
}
