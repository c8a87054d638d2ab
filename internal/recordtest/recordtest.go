// Package recordtest builds CPD records for tests and benchmarks from real
// framework files, through the same assessment and record code that
// `reflect assess` uses, so fixtures never drift from the record format.
// Only tests import it.
package recordtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// TB is the part of testing.TB the helpers use.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Root returns the module root (the folder holding go.mod).
func Root(tb TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatalf("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// LoadSet loads framework files (paths relative to the module root) as one
// set and fails the test on any problem.
func LoadSet(tb TB, paths ...string) *framework.Set {
	tb.Helper()
	var fws []*framework.Framework
	for _, p := range paths {
		full := filepath.Join(Root(tb), p)
		data, err := os.ReadFile(full)
		if err != nil {
			tb.Fatalf("%v", err)
		}
		f, probs := framework.Parse(p, data)
		if len(probs) > 0 {
			tb.Fatalf("%s: %v", p, probs)
		}
		fws = append(fws, f)
	}
	set, probs := framework.NewSet(fws...)
	if len(probs) > 0 {
		tb.Fatalf("framework set: %v", probs)
	}
	return set
}

// Mini loads testdata/frameworks/mini.yaml.
func Mini(tb TB) *framework.Set {
	tb.Helper()
	return LoadSet(tb, "testdata/frameworks/mini.yaml")
}

// Embedded loads the frameworks shipped with reflect. It returns nil when
// none are there yet, or when they do not load cleanly.
func Embedded() *framework.Set {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil || set == nil || len(set.Frameworks()) == 0 {
		return nil
	}
	return set
}

// LoadEmbedded loads the frameworks shipped with reflect for a test that
// needs them, and fails the test when they do not load (the set is empty
// while none ship).
func LoadEmbedded(tb TB) *framework.Set {
	tb.Helper()
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		tb.Fatalf("the embedded frameworks do not load: %v", err)
	}
	return set
}

// Spec describes a record to build.
type Spec struct {
	ID     string
	Now    time.Time
	Scopes []assessment.Scope
	// Rate returns the rating for the i-th item (code): a scale value, 0 to
	// leave it unanswered, or -1 for N/A (reason: first of the scale).
	Rate func(i int, code string) int
	// Flag lists codes the person flags as priorities.
	Flag         []string
	Practitioner record.Practitioner
	Reflection   []string // texts of the default model's sections, in order
	Plan         []record.Goal
	Complete     bool
}

// Build makes a record as `reflect assess` would.
func Build(tb TB, set *framework.Set, sp Spec) *record.Record {
	tb.Helper()
	r, err := BuildErr(set, sp)
	if err != nil {
		tb.Fatalf("%v", err)
	}
	return r
}

// BuildErr is Build without a test: for benchmarks' generators and tools.
func BuildErr(set *framework.Set, sp Spec) (*record.Record, error) {
	if sp.Now.IsZero() {
		sp.Now = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	}
	if sp.ID == "" {
		sp.ID = "r-0000000000000001"
	}
	plan, err := assessment.NewPlan(set, sp.Scopes)
	if err != nil {
		return nil, err
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		return nil, err
	}
	for i, it := range plan.Items {
		v := 0
		if sp.Rate != nil {
			v = sp.Rate(i, it.Code())
		}
		switch {
		case v > 0:
			if err := s.Rate(it.Code(), v); err != nil {
				return nil, fmt.Errorf("%s: %w", it.Code(), err)
			}
		case v < 0:
			if err := s.SetNA(it.Code(), plan.Scale().NAReasons()[0].ID); err != nil {
				return nil, err
			}
		}
	}
	for _, c := range sp.Flag {
		if err := s.SetFlag(c, true); err != nil {
			return nil, err
		}
	}
	r := record.New(sp.ID, sp.Now, record.Tool{Name: "reflect", Version: "test"}, plan)
	r.Sync(s, sp.Now)
	r.Practitioner = sp.Practitioner
	model := cpd.Models[0]
	r.Reflection.Model = model.ID
	for i, p := range model.Prompts {
		sec := record.ReflectionSection{Key: p.Key, Prompt: p.Question}
		if i < len(sp.Reflection) {
			sec.Text = sp.Reflection[i]
		} else if sp.Complete {
			sec.Text = "Written for the test." // complete means every section is written
		}
		r.Reflection.Sections = append(r.Reflection.Sections, sec)
	}
	r.Plan = sp.Plan
	if sp.Complete {
		r.Status = record.StatusComplete
		r.Anonymisation = record.Anonymisation{Checked: true, Confirmed: true, At: sp.Now.UTC()}
	}
	return r, nil
}

// Constant returns a Rate function that gives every item the same value.
func Constant(v int) func(int, string) int { return func(int, string) int { return v } }

// ByCode returns a Rate function from a map of code → value (0 otherwise).
func ByCode(m map[string]int) func(int, string) int {
	return func(_ int, code string) int { return m[code] }
}

// WriteRecords writes n complete records of scopes into dir, 100 to a
// subfolder (00/rec-00000.json, …), as a service's records folder would
// hold them, and returns the bytes written. Twenty-five different records
// are built through the real assessment and record code (ratings spread
// over the scale of the first scope's framework, some N/A, a practitioner
// and a reflection; an hour apart from 1 March 2026, 09:00 UTC) and copied
// with unique ids. The team benchmark and reflect-bench make their records
// with it.
func WriteRecords(dir string, set *framework.Set, scopes []assessment.Scope, n int) (int64, error) {
	const variants = 25
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	top := set.Get(scopes[0].Framework).EffectiveScale().Max()
	idField := []byte(`"id": "r-TEMPLATE"`)
	var tmpl [][]byte
	for v := 0; v < variants; v++ {
		r, err := BuildErr(set, Spec{
			ID: "r-TEMPLATE", Now: start.Add(time.Duration(v) * time.Hour), Scopes: scopes,
			Rate: func(j int, _ string) int {
				x := (v*31 + j*17) % 9
				switch {
				case x == 0:
					return -1 // N/A
				case x < 3:
					return 1
				case x < 5:
					return 2
				case x < 8:
					return min(3, top)
				}
				return min(4, top)
			},
			Practitioner: record.Practitioner{Name: "Generated Person", Profession: "Nurse"},
			Reflection:   []string{"What I noticed.", "Why it matters.", "What I will do."},
			Complete:     true,
		})
		if err != nil {
			return 0, err
		}
		b, err := record.Marshal(r)
		if err != nil {
			return 0, err
		}
		if !bytes.Contains(b, idField) {
			return 0, fmt.Errorf("generated record has no id field to replace")
		}
		tmpl = append(tmpl, b)
	}
	var total int64
	for i := 0; i < n; i++ {
		b := bytes.Replace(tmpl[i%variants], idField, fmt.Appendf(nil, `"id": "r-%016x"`, i), 1)
		p := filepath.Join(dir, fmt.Sprintf("%02d", i%100), fmt.Sprintf("rec-%05d.json", i))
		if i < 100 {
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				return 0, err
			}
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			return 0, err
		}
		total += int64(len(b))
	}
	return total, nil
}
