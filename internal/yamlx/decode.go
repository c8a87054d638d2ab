package yamlx

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/textutil"
)

// Unmarshaler lets a type decode itself from a node, reporting problems
// through the decoder.
type Unmarshaler interface {
	UnmarshalYAMLX(d *Decoder, n *yaml.Node)
}

// Decoder decodes YAML nodes into Go values strictly, collecting problems.
//
// Struct fields are matched by their `yaml:"name"` tag; a field tagged
// `req:"true"` must be present and non-empty. Unknown keys, duplicate keys,
// wrong types and missing required fields are all reported, with positions.
type Decoder struct {
	File     string
	Problems Problems
}

// Decode decodes root into v (a pointer) and returns every problem found.
func Decode(file string, root *yaml.Node, v any) Problems {
	d := &Decoder{File: file}
	d.Decode(root, v)
	return d.Problems
}

// Add records a problem at node n.
func (d *Decoder) Add(n *yaml.Node, hint, format string, args ...any) {
	p := Problem{File: d.File, Msg: fmt.Sprintf(format, args...), Hint: hint}
	if n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	d.Problems = append(d.Problems, p)
}

// AddAt records a problem at a position.
func (d *Decoder) AddAt(pos Pos, hint, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{File: d.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Decode decodes n into v, which must be a non-nil pointer.
func (d *Decoder) Decode(n *yaml.Node, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("yamlx: Decode needs a non-nil pointer")
	}
	d.value(n, rv.Elem(), "")
}

var (
	posType         = reflect.TypeOf(Pos{})
	keyPosType      = reflect.TypeOf(map[string]Pos{})
	unmarshalerType = reflect.TypeOf((*Unmarshaler)(nil)).Elem()
)

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && (n.Kind == yaml.AliasNode || n.Kind == yaml.DocumentNode) {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		} else if len(n.Content) > 0 {
			n = n.Content[0]
		} else {
			return nil
		}
	}
	return n
}

// IsNull reports whether n is absent or an explicit YAML null.
func IsNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

func (d *Decoder) value(n *yaml.Node, rv reflect.Value, what string) {
	n = resolve(n)
	if n == nil {
		return
	}
	if rv.CanAddr() && rv.Addr().Type().Implements(unmarshalerType) {
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		rv.Addr().Interface().(Unmarshaler).UnmarshalYAMLX(d, n)
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		if IsNull(n) {
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		d.value(n, rv.Elem(), what)
	case reflect.Struct:
		d.structValue(n, rv)
	case reflect.Slice:
		if IsNull(n) {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.Add(n, "write it as a list, one item per line starting with \"- \"", "expected a list%s, found %s", forWhat(what), describe(n))
			return
		}
		s := reflect.MakeSlice(rv.Type(), 0, len(n.Content))
		elem := rv.Type().Elem()
		for _, c := range n.Content {
			if IsNull(c) && (elem.Kind() == reflect.Pointer || elem.Kind() == reflect.Struct) {
				d.Add(c, "remove the empty \"-\" line or fill it in", "empty entry in the list%s", forWhat(what))
				continue
			}
			s = reflect.Append(s, reflect.Zero(elem))
			d.value(c, s.Index(s.Len()-1), what)
		}
		rv.Set(s)
	case reflect.String:
		if IsNull(n) {
			return
		}
		if n.Kind != yaml.ScalarNode {
			d.Add(n, "write it as text on one line, or use | for several lines", "expected text%s, found %s", forWhat(what), describe(n))
			return
		}
		if r, at := textutil.FirstControl(n.Value); at >= 0 {
			d.Add(n, "remove it; text may hold tabs and line breaks but no other control characters", "text%s contains the control character %U", forWhat(what), r)
		}
		rv.SetString(n.Value)
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.Add(n, "", "expected a whole number%s, found %s", forWhat(what), describe(n))
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err != nil || rv.OverflowInt(i) {
			d.Add(n, "", "the number %q%s is out of range", n.Value, forWhat(what))
			return
		}
		rv.SetInt(i)
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			d.Add(n, "", "expected a number%s, found %s", forWhat(what), describe(n))
			return
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.Add(n, "", "%q%s is not a usable number", n.Value, forWhat(what))
			return
		}
		rv.SetFloat(f)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.Add(n, "use true or false", "expected true or false%s, found %s", forWhat(what), describe(n))
			return
		}
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		rv.SetBool(b)
	default:
		panic("yamlx: unsupported kind " + rv.Kind().String())
	}
}

type fieldInfo struct {
	index int
	name  string
	req   bool
}

func structFields(t reflect.Type) (fields []fieldInfo, posIndex int) {
	posIndex = -1
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == posType && f.Name == "Pos" {
			posIndex = i
			continue
		}
		if f.Type == keyPosType && f.Name == "KeyPos" {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields = append(fields, fieldInfo{index: i, name: name, req: f.Tag.Get("req") == "true"})
	}
	return fields, posIndex
}

func (d *Decoder) structValue(n *yaml.Node, rv reflect.Value) {
	fields, posIndex := structFields(rv.Type())
	if posIndex >= 0 {
		rv.Field(posIndex).Set(reflect.ValueOf(Pos{Line: n.Line, Col: n.Column}))
	}
	// A field KeyPos map[string]Pos is given the position of each key's
	// value, so that a later check can point at the value it refuses.
	var keyPos map[string]Pos
	if kp := rv.FieldByName("KeyPos"); kp.IsValid() && kp.Type() == keyPosType && n.Kind == yaml.MappingNode {
		keyPos = map[string]Pos{}
		kp.Set(reflect.ValueOf(keyPos))
	}
	if n.Kind != yaml.MappingNode {
		d.Add(n, "", "expected a mapping of fields (%s), found %s", fieldNames(fields), describe(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if seen[key] {
			d.Add(k, "remove one of them", "the field %q appears twice", key)
			continue
		}
		seen[key] = true
		if keyPos != nil {
			keyPos[key] = Pos{Line: v.Line, Col: v.Column}
		}
		fi, ok := findField(fields, key)
		if !ok {
			hint := "known fields: " + fieldNames(fields)
			if s := Suggest(key, names(fields)); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			d.Add(k, hint, "unknown field %q", key)
			continue
		}
		before := len(d.Problems)
		d.value(v, rv.Field(fi.index), key)
		// A value already reported (wrong type) is not also "empty".
		if fi.req && isEmpty(rv.Field(fi.index)) && !IsNull(v) && len(d.Problems) == before {
			d.Add(v, "", "the field %q must not be empty", key)
		} else if fi.req && IsNull(v) {
			d.Add(k, "", "the field %q must have a value", key)
		}
	}
	for _, f := range fields {
		if f.req && !seen[f.name] {
			d.Add(n, "", "missing required field %q", f.name)
		}
	}
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Struct:
		if m := v.FieldByName("Keys"); m.IsValid() && m.Kind() == reflect.Slice {
			return m.Len() == 0
		}
	}
	return false
}

func findField(fields []fieldInfo, key string) (fieldInfo, bool) {
	for _, f := range fields {
		if f.name == key {
			return f, true
		}
	}
	return fieldInfo{}, false
}

func names(fields []fieldInfo) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.name
	}
	return out
}

func fieldNames(fields []fieldInfo) string { return strings.Join(names(fields), ", ") }

func forWhat(what string) string {
	if what == "" {
		return ""
	}
	return " for " + strconv.Quote(what)
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing (null)"
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return strconv.Quote(v)
	}
	return "something else"
}

// OrderedInts is a YAML mapping of string keys to whole numbers that keeps
// the order of its keys (used for profile targets: area code → level).
type OrderedInts struct {
	Keys   []string
	Values map[string]int
	Pos    map[string]Pos
}

// UnmarshalYAMLX implements Unmarshaler.
func (o *OrderedInts) UnmarshalYAMLX(d *Decoder, n *yaml.Node) {
	if IsNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Add(n, "write it as lines of \"KEY: NUMBER\"", "expected a mapping, found %s", describe(n))
		return
	}
	o.Values = map[string]int{}
	o.Pos = map[string]Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if _, dup := o.Values[k.Value]; dup {
			d.Add(k, "remove one of them", "the key %q appears twice", k.Value)
			continue
		}
		var x int
		d.value(v, reflect.ValueOf(&x).Elem(), k.Value)
		o.Keys = append(o.Keys, k.Value)
		o.Values[k.Value] = x
		o.Pos[k.Value] = Pos{Line: k.Line, Col: k.Column}
	}
}

// Get returns the value for key and whether it is present.
func (o OrderedInts) Get(key string) (int, bool) {
	v, ok := o.Values[key]
	return v, ok
}
