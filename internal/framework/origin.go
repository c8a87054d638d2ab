package framework

import (
	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// Origin records what an imported framework was in the format it came
// from (a Moodle competency framework CSV or a CASE package): every
// source identifier verbatim, the levels that were folded into domain
// titles, the levels the import made, and each entry's fields that the
// framework format has no place for (Moodle rules, scales and
// cross-references; CASE item types, URIs and associations). reflect uses
// it for nothing but export: written back to the same format, the
// framework gives the source back. An entry whose framework fields were
// edited since the import is written from the framework, not from here.
//
// Origin is optional; a framework written by hand has none.
type Origin struct {
	Pos yamlx.Pos `yaml:"-"`
	// Format is the source format: "moodle-csv" or "case-json".
	Format string `yaml:"format" req:"true"`
	// File is the name of the file imported.
	File string `yaml:"file"`
	// Layout says how the file was read, e.g. "Moodle 14 columns, French
	// header".
	Layout string `yaml:"layout"`
	// Header is a Moodle file's header row, verbatim.
	Header []string `yaml:"header"`
	// Document is the Moodle framework row or the CASE CFDocument.
	Document *OriginEntry `yaml:"document"`
	// Entries are the source's competencies or CFItems in file order,
	// and the levels the import made (Made).
	Entries []*OriginEntry `yaml:"entries"`
	// Links are a CASE package's CFAssociations in file order.
	Links []*OriginLink `yaml:"links"`
}

// OriginEntry is one entry of an imported file.
type OriginEntry struct {
	Pos yamlx.Pos `yaml:"-"`
	// ID is the source's identifier, verbatim: the Moodle id number or
	// the CASE identifier. Empty for a level the import made.
	ID string `yaml:"id"`
	// Code is the domain, area or competence the entry became; empty when
	// it was folded into the titles of the domains below it.
	Code string `yaml:"code"`
	// Parent is the identifier of the entry's parent in the source (the
	// Moodle parent id number); empty at the top. For a made level, the
	// entry it was made under.
	Parent string `yaml:"parent"`
	// Made marks a domain or area the import made to fit reflect's three
	// levels; it is not written back.
	Made bool `yaml:"made"`
	// Digest is a digest of what the entry became (its title, statement
	// or description and the like), so that an export can tell whether it
	// was edited since the import; an edited entry is written from the
	// framework, an unedited one from Fields.
	Digest string `yaml:"digest"`
	// Derived names the source's fields that held what the framework holds
	// (a short name, a description), so that an export makes them from the
	// framework rather than keeping a second copy here.
	Derived []string `yaml:"derived"`
	// Fields are the source's other text fields, verbatim, by their names
	// in the source (Moodle's column keys, CASE's property names).
	Fields OriginFields `yaml:"fields"`
	// JSON are a CASE entry's other properties as JSON text.
	JSON OriginFields `yaml:"json"`
}

// OriginLink is one CASE association, verbatim.
type OriginLink struct {
	Pos yamlx.Pos `yaml:"-"`
	// ID is the association's identifier.
	ID string `yaml:"id"`
	// Type is the association type, e.g. isChildOf, exactMatchOf.
	Type string `yaml:"type"`
	// From and To are the identifiers (or URIs) of the origin and
	// destination nodes; empty when the package gave none.
	From string `yaml:"from"`
	To   string `yaml:"to"`
	// Fields and JSON are the association's other properties, as for
	// entries.
	Fields OriginFields `yaml:"fields"`
	JSON   OriginFields `yaml:"json"`
}

// OriginFields is a YAML mapping of field names to text that keeps the
// order of its keys.
type OriginFields struct {
	Keys   []string
	Values map[string]string
}

// Get returns a field's value and whether the field is present.
func (o OriginFields) Get(key string) (string, bool) {
	v, ok := o.Values[key]
	return v, ok
}

// Set adds or replaces a field, keeping the order of the keys.
func (o *OriginFields) Set(key, value string) {
	if o.Values == nil {
		o.Values = map[string]string{}
	}
	if _, ok := o.Values[key]; !ok {
		o.Keys = append(o.Keys, key)
	}
	o.Values[key] = value
}

// Delete removes a field.
func (o *OriginFields) Delete(key string) {
	if _, ok := o.Values[key]; !ok {
		return
	}
	delete(o.Values, key)
	for i, k := range o.Keys {
		if k == key {
			o.Keys = append(o.Keys[:i:i], o.Keys[i+1:]...)
			break
		}
	}
}

// Len is the number of fields.
func (o OriginFields) Len() int { return len(o.Keys) }

// UnmarshalYAMLX implements yamlx.Unmarshaler.
func (o *OriginFields) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if yamlx.IsNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Add(n, "write it as lines of \"NAME: TEXT\"", "expected a mapping of field names to text")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := o.Values[k.Value]; dup {
			d.Add(k, "remove one of them", "the field %q appears twice", k.Value)
			continue
		}
		var s string
		d.Decode(v, &s)
		o.Set(k.Value, s)
	}
}

// OriginFormats are the formats an Origin may name.
var OriginFormats = []string{"moodle-csv", "case-json"}
