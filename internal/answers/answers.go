// Package answers reads the answers file of scripted `reflect assess`: a
// YAML document that gives, per competence code, a rating, N/A with a
// reason, a note or a flag, and optionally the practitioner's details, the
// reflection, the development plan, the CPD activity, the benefit and the
// standards, so that a whole record can be produced without prompts.
//
// Parse checks the shape of the file; Build checks it against the loaded
// frameworks and makes the session and record. Every problem names
// file:line:col.
package answers

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// SchemaVersion is the answers format version this build reads.
const SchemaVersion = 1

// MaxFileSize bounds the answers file.
const MaxFileSize = 4 << 20

// File is a decoded answers file.
type File struct {
	Pos               yamlx.Pos    `yaml:"-"`
	Schema            int          `yaml:"schema"`
	Frameworks        []*Framework `yaml:"frameworks"`
	Practitioner      Practitioner `yaml:"practitioner"`
	Answers           Answers      `yaml:"answers"`
	Reflection        *Reflection  `yaml:"reflection"`
	Benefit           string       `yaml:"benefit"`
	Standards         *Standards   `yaml:"standards"`
	Plan              []*Goal      `yaml:"plan"`
	Activity          *Activity    `yaml:"activity"`
	ConfirmAnonymised bool         `yaml:"confirm_anonymised"`

	// Name is the file name used in problems; Dir is the folder relative
	// paths in the file are resolved against.
	Name string `yaml:"-"`
	Dir  string `yaml:"-"`

	schemaPos     yamlx.Pos
	frameworksPos yamlx.Pos
}

// Framework names a framework to assess against and the scope: a profile,
// a list of areas, or (neither) everything. In YAML it is an id on its own
// or a mapping.
type Framework struct {
	Pos     yamlx.Pos `yaml:"-"`
	ID      string    `yaml:"id"`
	File    string    `yaml:"file"`
	Version string    `yaml:"version"`
	Profile string    `yaml:"profile"`
	Areas   []string  `yaml:"areas"`
}

// UnmarshalYAMLX accepts "adults" as well as {id: adults, profile: …}.
func (f *Framework) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	f.Pos = yamlx.Pos{Line: n.Line, Col: n.Column}
	if n.Kind == yaml.ScalarNode {
		if n.Value == "" || yamlx.IsNull(n) {
			d.Add(n, "write a framework id such as adults", "an empty framework entry")
			return
		}
		f.ID = n.Value
		return
	}
	type plain Framework
	var p plain
	d.Decode(n, &p)
	*f = Framework(p)
	f.Pos = yamlx.Pos{Line: n.Line, Col: n.Column}
	if f.ID == "" && f.File == "" {
		d.Add(n, "", "a framework entry needs an id or a file")
	}
	if f.Profile != "" && len(f.Areas) > 0 {
		d.Add(n, "a profile already says which areas apply", "give a profile or a list of areas, not both")
	}
}

// Practitioner holds optional details about the person.
type Practitioner struct {
	KeyPos       map[string]yamlx.Pos `yaml:"-"`
	Name         string               `yaml:"name"`
	Profession   string               `yaml:"profession"`
	Role         string               `yaml:"role"`
	Setting      string               `yaml:"setting"`
	Regulator    string               `yaml:"regulator"`
	Registration string               `yaml:"registration"`
}

// Answer is the answer for one competence code.
type Answer struct {
	Code    string
	Pos     yamlx.Pos // of the code
	Rating  int
	Rated   bool      // a rating was given (it may be off the scale)
	RatePos yamlx.Pos // of the rating, when given
	NA      string    // reason id
	NAPos   yamlx.Pos
	Note    string
	Flag    bool
}

// Answers keeps the answers in file order.
type Answers struct {
	List []Answer
}

type answerSpec struct {
	Rating *int   `yaml:"rating"`
	NA     string `yaml:"na"`
	Note   string `yaml:"note"`
	Flag   bool   `yaml:"flag"`
}

// UnmarshalYAMLX reads a mapping of code → rating or code → {rating, na,
// note, flag}.
func (a *Answers) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if yamlx.IsNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Add(n, "write one line per competence, such as ADU.1.1.1: 3", "answers should be a mapping of competence codes to answers")
		return
	}
	seen := map[string]yamlx.Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		pos := yamlx.Pos{Line: k.Line, Col: k.Column}
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			d.Add(k, "", "a competence code should be plain text")
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.Add(k, "remove one of them", "%s is answered twice (first at line %d)", k.Value, prev.Line)
			continue
		}
		seen[k.Value] = pos
		ans := Answer{Code: k.Value, Pos: pos}
		switch {
		case yamlx.IsNull(v):
			d.Add(v, "write a rating, or na: REASON, or leave the line out", "%s has no answer", k.Value)
			continue
		case v.Kind == yaml.ScalarNode && v.Tag == "!!int":
			r, err := strconv.Atoi(v.Value)
			if err != nil {
				d.Add(v, "", "the rating %q for %s is not a whole number", v.Value, k.Value)
				continue
			}
			ans.Rating, ans.Rated, ans.RatePos = r, true, yamlx.Pos{Line: v.Line, Col: v.Column}
		case v.Kind == yaml.ScalarNode:
			hint := "write a rating such as 3, or a mapping such as {na: not-my-role}"
			if strings.HasPrefix(strings.ToLower(v.Value), "n") {
				hint = "write not applicable as {na: REASON}, such as {na: not-my-role}"
			}
			d.Add(v, hint, "%q is not an answer for %s", v.Value, k.Value)
			continue
		case v.Kind == yaml.MappingNode:
			var spec answerSpec
			d.Decode(v, &spec)
			for j := 0; j+1 < len(v.Content); j += 2 {
				switch v.Content[j].Value {
				case "rating":
					ans.RatePos = yamlx.Pos{Line: v.Content[j+1].Line, Col: v.Content[j+1].Column}
				case "na":
					ans.NAPos = yamlx.Pos{Line: v.Content[j+1].Line, Col: v.Content[j+1].Column}
				}
			}
			if spec.Rating != nil {
				ans.Rating, ans.Rated = *spec.Rating, true
			}
			ans.NA, ans.Note, ans.Flag = spec.NA, spec.Note, spec.Flag
			if spec.Rating != nil && spec.NA != "" {
				d.Add(v, "remove one of them", "%s has both a rating and na; an answer is one or the other", k.Value)
				continue
			}
		default:
			d.Add(v, "write a rating such as 3, or a mapping with rating, na, note and flag", "expected an answer for %s, found a list", k.Value)
			continue
		}
		a.List = append(a.List, ans)
	}
}

// Reflection is the structured reflection.
type Reflection struct {
	Pos      yamlx.Pos            `yaml:"-"`
	KeyPos   map[string]yamlx.Pos `yaml:"-"`
	Model    string               `yaml:"model"`
	Focus    []string             `yaml:"focus"`
	Sections OrderedStrings       `yaml:"sections"`
}

// OrderedStrings is a mapping of keys to text that keeps its order and
// the position of each key.
type OrderedStrings struct {
	Keys   []string
	Values map[string]string
	Pos    map[string]yamlx.Pos
}

// UnmarshalYAMLX implements yamlx.Unmarshaler.
func (o *OrderedStrings) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if yamlx.IsNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Add(n, "write one section per line, such as what: |", "expected a mapping of section names to text")
		return
	}
	o.Values, o.Pos = map[string]string{}, map[string]yamlx.Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := o.Values[k.Value]; dup {
			d.Add(k, "remove one of them", "the section %q appears twice", k.Value)
			continue
		}
		var s string
		d.Decode(v, &s)
		o.Keys = append(o.Keys, k.Value)
		o.Values[k.Value] = s
		o.Pos[k.Value] = yamlx.Pos{Line: k.Line, Col: k.Column}
	}
}

// Standards lists standard ids per scheme.
type Standards struct {
	Pos  yamlx.Pos `yaml:"-"`
	NMC  []string  `yaml:"nmc"`
	GMC  []string  `yaml:"gmc"`
	HCPC []string  `yaml:"hcpc"`
	SWE  []string  `yaml:"swe"`
}

// Goal is one SMART goal. ID is optional: give the id a goal had in an
// earlier record to say it is the same goal (reflect compare follows it);
// without one, the goal gets a new id.
type Goal struct {
	Pos            yamlx.Pos            `yaml:"-"`
	KeyPos         map[string]yamlx.Pos `yaml:"-"`
	ID             string               `yaml:"id"`
	Objective      string               `yaml:"objective" req:"true"`
	Competences    []string             `yaml:"competences"`
	Activities     []string             `yaml:"activities"`
	Resources      []string             `yaml:"resources"`
	TargetDate     string               `yaml:"target_date"`
	SuccessMeasure string               `yaml:"success_measure"`
	Status         string               `yaml:"status"`
}

// Activity is the CPD activity.
type Activity struct {
	Pos                yamlx.Pos            `yaml:"-"`
	KeyPos             map[string]yamlx.Pos `yaml:"-"`
	Title              string               `yaml:"title"`
	StartDate          string               `yaml:"start_date"`
	EndDate            string               `yaml:"end_date"`
	Method             string               `yaml:"method"`
	Type               string               `yaml:"type"`
	Hours              float64              `yaml:"hours"`
	ParticipatoryHours float64              `yaml:"participatory_hours"`
	Evidence           []*Evidence          `yaml:"evidence"`
}

// Evidence refers to a file (recorded by name and SHA-256, never copied)
// or describes evidence in words.
type Evidence struct {
	Pos         yamlx.Pos `yaml:"-"`
	File        string    `yaml:"file"`
	Description string    `yaml:"description"`
}

// Parse decodes an answers file strictly. dir is the folder that relative
// paths in it (framework and evidence files) are resolved against.
func Parse(name string, data []byte) (*File, yamlx.Problems) {
	root, probs := yamlx.Parse(name, data, yamlx.Limits{MaxBytes: MaxFileSize, MaxNodes: yamlx.DefaultLimits.MaxNodes})
	if len(probs) > 0 {
		return nil, probs
	}
	f := &File{Name: name}
	if root.Kind != yaml.MappingNode {
		return nil, yamlx.Problems{{File: name, Line: root.Line, Col: root.Column, Msg: "an answers file should be a YAML mapping (frameworks:, answers:, …)", Hint: "see testdata/answers-example.yaml"}}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "schema":
			f.schemaPos = yamlx.Pos{Line: root.Content[i+1].Line, Col: root.Content[i+1].Column}
		case "frameworks":
			f.frameworksPos = yamlx.Pos{Line: root.Content[i].Line, Col: root.Content[i].Column}
		}
	}
	probs = yamlx.Decode(name, root, f)
	if f.Schema > SchemaVersion {
		probs = append(probs, yamlx.Problem{File: name, Line: f.schemaPos.Line, Col: f.schemaPos.Col,
			Msg: fmt.Sprintf("this answers file uses format version %d; this reflect reads version %d", f.Schema, SchemaVersion), Hint: "update reflect"})
	} else if f.Schema < 0 || (f.Schema == 0 && !f.schemaPos.IsZero()) {
		probs = append(probs, yamlx.Problem{File: name, Line: f.schemaPos.Line, Col: f.schemaPos.Col, Msg: fmt.Sprintf("schema %d is not a valid version", f.Schema), Hint: "use schema: 1"})
	}
	probs.Sort()
	return f, probs
}
