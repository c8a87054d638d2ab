package team

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// reference is what encoding/json makes of the same fields: the scanner
// must agree with it.
type reference struct {
	Format        string `json:"format"`
	SchemaVersion int    `json:"schema_version"`
	ID            string `json:"id"`
	Status        string `json:"status"`
	Updated       string `json:"updated"`
	Frameworks    []struct {
		ID      string   `json:"id"`
		Version string   `json:"version"`
		Digest  string   `json:"digest"`
		Profile string   `json:"profile"`
		Areas   []string `json:"areas"`
	} `json:"frameworks"`
	Answers []struct {
		Code     string `json:"code"`
		Rating   int    `json:"rating"`
		NA       bool   `json:"na"`
		NAReason string `json:"na_reason"`
		Flag     bool   `json:"flag"`
	} `json:"answers"`
	Anonymisation struct {
		Confirmed bool `json:"confirmed"`
	} `json:"anonymisation"`
	Reflection struct {
		Model    string `json:"model"`
		Sections []struct {
			Key  string `json:"key"`
			Text string `json:"text"`
		} `json:"sections"`
	} `json:"reflection"`
	Disclosure struct {
		Withheld []string `json:"withheld"`
	} `json:"disclosure"`
	Created      string `json:"created"`
	Practitioner struct {
		Profession string `json:"profession"`
		Role       string `json:"role"`
		Setting    string `json:"setting"`
	} `json:"practitioner"`
	Activity struct {
		StartDate string `json:"start_date"`
		EndDate   string `json:"end_date"`
	} `json:"activity"`
	Reviews []struct {
		Ratings []struct {
			Code   string `json:"code"`
			Rating int    `json:"rating"`
		} `json:"ratings"`
	} `json:"reviews"`
	Scores *struct {
		Areas []struct {
			Framework  string  `json:"framework"`
			Domain     string  `json:"domain"`
			Code       string  `json:"code"`
			Title      string  `json:"title"`
			Rated      int     `json:"rated"`
			Mean       float64 `json:"mean"`
			Level      int     `json:"level"`
			LevelLabel string  `json:"level_label"`
			Target     int     `json:"target"`
			Gap        float64 `json:"gap"`
		} `json:"areas"`
		Needs []struct {
			Code      string `json:"code"`
			Framework string `json:"framework"`
			Area      string `json:"area"`
			Statement string `json:"statement"`
		} `json:"needs"`
	} `json:"scores"`
}

func (r reference) extracted() *extracted {
	out := &extracted{format: r.Format, schemaVersion: r.SchemaVersion, id: r.ID, status: r.Status, updated: r.Updated, hasScores: r.Scores != nil,
		confirmed: r.Anonymisation.Confirmed, model: r.Reflection.Model, created: r.Created,
		profession: r.Practitioner.Profession, role: r.Practitioner.Role, setting: r.Practitioner.Setting,
		startDate: r.Activity.StartDate, endDate: r.Activity.EndDate}
	for _, rev := range r.Reviews {
		if len(rev.Ratings) > 0 {
			out.reviewRatings = nil
			for _, rt := range rev.Ratings {
				out.reviewRatings = append(out.reviewRatings, record.Rating{Code: rt.Code, Rating: rt.Rating})
			}
		}
	}
	for _, sec := range r.Reflection.Sections {
		if sec.Text != "" {
			out.written = append(out.written, sec.Key)
		}
	}
	for _, w := range r.Disclosure.Withheld {
		out.withheldR = out.withheldR || w == "reflection"
	}
	for _, f := range r.Frameworks {
		out.frameworks = append(out.frameworks, extractedRef{id: f.ID, version: f.Version, digest: f.Digest, profile: f.Profile, areas: f.Areas})
	}
	for _, a := range r.Answers {
		out.answers = append(out.answers, assessment.Answer{Code: a.Code, Rating: a.Rating, NA: a.NA, NAReason: a.NAReason, Flag: a.Flag})
	}
	if r.Scores != nil {
		for _, a := range r.Scores.Areas {
			// Only what storedDiffer compares: titles and labels are skipped.
			out.areas = append(out.areas, extractedArea{fw: a.Framework, code: a.Code,
				rated: a.Rated, level: a.Level, target: a.Target, mean: a.Mean, gap: a.Gap})
		}
		for _, n := range r.Scores.Needs {
			out.needs = append(out.needs, needC{code: n.Code, area: n.Area})
		}
	}
	return out
}

func normalise(e *extracted) *extracted {
	c := *e
	if len(c.frameworks) == 0 {
		c.frameworks = nil
	}
	if len(c.areas) == 0 {
		c.areas = nil
	}
	if len(c.needs) == 0 {
		c.needs = nil
	}
	if len(c.answers) == 0 {
		c.answers = nil
	}
	if len(c.written) == 0 {
		c.written = nil
	}
	if len(c.reviewRatings) == 0 {
		c.reviewRatings = nil
	}
	c.currentRatings = nil
	var refs []extractedRef
	for _, f := range c.frameworks {
		if len(f.areas) == 0 {
			f.areas = nil
		}
		refs = append(refs, f)
	}
	c.frameworks = refs
	return &c
}

func TestExtractAgreesWithEncodingJSON(t *testing.T) {
	cases := map[string]string{
		"escapes":          `{"format":"reflect-record","schema_version":1,"id":"r-\u0031","status":"complete","scores":{"areas":[{"code":"A\"B","title":"caf\u00e9 \ud83d\ude00","rated":2,"mean":1.5e0,"gap":-0.25}],"needs":[{"code":"X","statement":"tab\there"}]}}`,
		"nulls":            `{"format":"reflect-record","schema_version":1,"id":"x","frameworks":null,"scores":{"areas":null,"needs":[{"code":null}]}}`,
		"null scores":      `{"format":"reflect-record","schema_version":1,"id":"x","status":"complete","scores":null}`,
		"dup keys":         `{"id":"a","id":"b","format":"reflect-record","schema_version":1,"scores":{"areas":[{"code":"1"}],"areas":[]}}`,
		"escaped key":      `{"\u0066ormat":"reflect-record","schema_version":1,"id":"x"}`,
		"extra":            `{"format":"reflect-record","schema_version":1,"id":"x","other":{"deep":[[[{"a":[true,false,null,-0.5e-3]}]]]},"answers":[{"code":"A","note":"\\"}]}`,
		"work and reviews": `{"format":"reflect-record","schema_version":2,"id":"x","created":"2026-01-02T03:04:05Z","practitioner":{"name":"N","profession":"RMN","role":"Staff nurse","setting":"A&E"},"activity":{"start_date":"2026-02-01","end_date":"2026-03-01","hours":2},"reviews":[{"ratings":[{"code":"A","rating":2}]},{"comments":"x"},{"ratings":[{"code":"B","rating":3},{"code":"C","rating":1}]}]}`,
		"answers":          `{"format":"reflect-record","schema_version":2,"id":"x","frameworks":[{"id":"mini","version":"1","digest":"ab","profile":"p","areas":["A","B"]}],"answers":[{"code":"A","rating":3,"flag":true,"note":"n"},{"code":"B","na":true,"na_reason":"not-my-role"},{"code":"C","rating":null,"na":null}],"anonymisation":{"checked":true,"confirmed":true}}`,
	}
	dir := filepath.Join("testdata", "extract")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil {
			cases[e.Name()] = string(b)
		}
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			var ref reference
			refErr := json.Unmarshal([]byte(in), &ref)
			got, err := extract([]byte(in), nil)
			if (err == nil) != (refErr == nil) {
				t.Fatalf("extract error %v, encoding/json error %v", err, refErr)
			}
			if err != nil {
				return
			}
			if want := ref.extracted(); !reflect.DeepEqual(normalise(got), normalise(want)) {
				t.Errorf("extract =\n%+v\nencoding/json =\n%+v", got, want)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	tests := map[string]string{
		"empty":          ``,
		"not an object":  `[1,2]`,
		"truncated":      `{"format":"reflect-record","id":"x"`,
		"trailing":       `{"format":"reflect-record"} {}`,
		"bad escape":     `{"id":"\x"}`,
		"control char":   "{\"id\":\"a\nb\"}",
		"bad number":     `{"schema_version":01}`,
		"bad literal":    `{"a":tru}`,
		"wrong type":     `{"schema_version":"1"}`,
		"float for int":  `{"scores":{"areas":[{"rated":1.5}]}}`,
		"float rating":   `{"answers":[{"code":"A","rating":2.5}]}`,
		"string na":      `{"answers":[{"code":"A","na":"yes"}]}`,
		"missing colon":  `{"id" "x"}`,
		"missing comma":  `{"id":"x" "a":1}`,
		"invalid utf8":   "{\"id\":\"\xff\"}",
		"deep":           string(make([]byte, 0)) + deep(1000),
		"lone minus":     `{"a":-}`,
		"dot no digits":  `{"a":1.}`,
		"exp no digits":  `{"a":1e}`,
		"short u escape": `{"a":"\u12"}`,
	}
	for name, in := range tests {
		if _, err := extract([]byte(in), nil); err == nil {
			t.Errorf("%s: accepted %q", name, in)
		}
	}
}

func deep(n int) string {
	s := `{"a":`
	for i := 0; i < n; i++ {
		s += "["
	}
	return s
}

// FuzzExtract checks that the scanner never panics, never accepts what is
// not JSON, and agrees with encoding/json about the fields it extracts.
func FuzzExtract(f *testing.F) {
	f.Add([]byte(`{"format":"reflect-record","schema_version":1,"id":"x","status":"complete","scores":{"areas":[{"code":"A","rated":1,"mean":1}],"needs":[]}}`))
	f.Add([]byte(`{"a":[1,-2.5e+3,"\u00e9",true,false,null,{}]}`))
	entries, _ := os.ReadDir(filepath.Join("testdata", "extract"))
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join("testdata", "extract", e.Name())); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := extract(data, newInterner())
		valid := json.Valid(data) && utf8.Valid(data)
		if err == nil && !valid {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		var syn *syntaxError
		if valid && errors.As(err, &syn) {
			t.Fatalf("valid JSON %q reported as a syntax error: %v", data, err)
		}
		if err != nil {
			return
		}
		var ref reference
		if json.Unmarshal(data, &ref) != nil {
			return // a type error encoding/json finds in a field the scanner skips, or case-insensitive keys
		}
		if hasFoldedKeys(data) {
			return
		}
		if want := ref.extracted(); !reflect.DeepEqual(normalise(got), normalise(want)) {
			t.Fatalf("extract =\n%+v\nencoding/json =\n%+v\ninput %q", got, want, data)
		}
	})
}

// hasFoldedKeys reports whether any object key differs from the field
// names only by case (encoding/json matches them; the scanner does not).
func hasFoldedKeys(data []byte) bool {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return true
	}
	var walk func(any) bool
	known := map[string]bool{"format": true, "schema_version": true, "id": true, "status": true, "updated": true, "frameworks": true, "scores": true,
		"areas": true, "needs": true, "framework": true, "domain": true, "code": true, "title": true, "rated": true, "mean": true, "level": true,
		"level_label": true, "target": true, "gap": true, "area": true, "statement": true,
		"answers": true, "rating": true, "na": true, "na_reason": true, "flag": true, "anonymisation": true, "confirmed": true,
		"reflection": true, "model": true, "sections": true, "key": true, "text": true, "disclosure": true, "withheld": true,
		"version": true, "digest": true, "profile": true}
	walk = func(v any) bool {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				low := []rune{}
				for _, r := range k {
					if r >= 'A' && r <= 'Z' {
						r += 'a' - 'A'
					}
					if r == 'K' || r == 'ſ' {
						return true
					}
					low = append(low, r)
				}
				if string(low) != k && known[string(low)] {
					return true
				}
				if walk(e) {
					return true
				}
			}
		case []any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}
