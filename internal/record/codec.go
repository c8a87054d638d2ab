package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// MaxSize is the largest record file read. A record with every competence
// of all three frameworks annotated is well under 1 MiB.
const MaxSize = 16 << 20

// Encode writes the record as indented JSON with a final newline.
func Encode(w io.Writer, r *Record) error {
	b, err := Marshal(r)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal returns the record as indented JSON with a final newline.
func Marshal(r *Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ErrNewerSchema is wrapped by Decode for a record written by a newer reflect.
var ErrNewerSchema = errors.New("record from a newer schema version")

// Decode parses a record strictly: unknown fields, wrong types, a missing
// format marker or a newer schema version are problems with file:line:col.
func Decode(file string, data []byte) (*Record, error) {
	if len(data) > MaxSize {
		return nil, yamlx.Problems{{File: file, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d MiB limit for records", len(data), MaxSize>>20), Hint: "check that this is a reflect record"}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, yamlx.Problems{{File: file, Msg: "the file is empty", Hint: "a record is a JSON file written by reflect"}}
	}
	if !utf8.Valid(data) {
		l, c := lineCol(data, firstInvalidUTF8(data))
		return nil, yamlx.Problems{{File: file, Line: l, Col: c, Msg: "the file is not valid UTF-8", Hint: "a record is a JSON file written by reflect"}}
	}
	// Look at the header first so that a newer record is reported as such
	// rather than as a list of unknown fields.
	var head struct {
		Format        string `json:"format"`
		SchemaVersion int    `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonProblem(file, data, err)
	}
	if head.Format != Format {
		return nil, yamlx.Problems{{File: file, Line: 1, Col: 1, Msg: "this is not a reflect record (its \"format\" is not \"reflect-record\")", Hint: "records are the .json files written by 'reflect assess' or 'reflect export --format json'"}}
	}
	if head.SchemaVersion > SchemaVersion {
		return nil, fmt.Errorf("%s: %w: it uses record schema %d and this reflect reads up to %d; update reflect to open it", file, ErrNewerSchema, head.SchemaVersion, SchemaVersion)
	}
	if off, name, prev, dup := duplicateKey(data); dup {
		l, c := lineCol(data, off)
		msg := fmt.Sprintf("the field %q appears twice", name)
		if name != prev {
			msg = fmt.Sprintf("the field %q appears twice (also written %q; names are matched regardless of case)", name, prev)
		}
		return nil, yamlx.Problems{{File: file, Line: l, Col: c, Msg: msg, Hint: "remove one of them; records are written by reflect, so check any hand edits"}}
	}
	if head.SchemaVersion < 1 {
		return nil, yamlx.Problems{{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("schema_version %d is not valid", head.SchemaVersion)}}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Record
	if err := dec.Decode(&r); err != nil {
		return nil, jsonProblem(file, data, err, dec.InputOffset())
	}
	if dec.More() {
		off := dec.InputOffset()
		l, c := lineCol(data, int(off))
		return nil, yamlx.Problems{{File: file, Line: l, Col: c, Msg: "there is more after the end of the record", Hint: "a record file holds one JSON object"}}
	}
	if r.ID == "" {
		return nil, yamlx.Problems{{File: file, Line: 1, Col: 1, Msg: "the record has no id"}}
	}
	if probs := schemaProblems(file, data, &r); len(probs) > 0 {
		return nil, probs
	}
	return &r, nil
}

// schemaProblems checks the values the record schema restricts beyond
// their types: the status, the sections named in the disclosure block, and
// each review's version.
func schemaProblems(file string, data []byte, r *Record) yamlx.Problems {
	var probs yamlx.Problems
	at := func(path []any, msg, hint string) {
		p := yamlx.Problem{File: file, Msg: msg, Hint: hint}
		if off, ok := pathOffset(data, path); ok {
			p.Line, p.Col = lineCol(data, off)
		}
		probs = append(probs, p)
	}
	known := false
	for _, st := range Statuses {
		known = known || r.Status == st
	}
	switch {
	case r.Status == "":
		at(nil, "the record has no status", "records are written by reflect with \"status\": \"in-progress\" or \"complete\"")
	case !known:
		hint := "use " + strings.Join(Statuses, " or ")
		if sg := yamlx.Suggest(r.Status, Statuses); sg != "" {
			hint = "did you mean " + sg + "? " + hint
		}
		at([]any{"status"}, fmt.Sprintf("the status %q is not one reflect knows", r.Status), hint)
	}
	if d := r.Disclosure; d != nil {
		for name := range d.Salts {
			if _, ok := SectionByName(name); !ok {
				at([]any{"disclosure", "salts", name}, fmt.Sprintf("there is no section %q", name), "the sections are "+strings.Join(SectionNames(), ", "))
			}
		}
		for i, name := range d.Withheld {
			info, ok := SectionByName(name)
			switch {
			case !ok:
				at([]any{"disclosure", "withheld", i}, fmt.Sprintf("there is no section %q", name), "the sections are "+strings.Join(SectionNames(), ", "))
			case !info.Withholdable:
				at([]any{"disclosure", "withheld", i}, fmt.Sprintf("the %s section cannot be withheld", name), "withhold only "+strings.Join(WithholdableNames(), ", "))
			case d.Salts[name] != "":
				at([]any{"disclosure", "salts", name}, fmt.Sprintf("the %s section is withheld but its salt is still here", name), "'reflect share' removes a withheld section's salt with it; use the copy it wrote")
			}
		}
	}
	for i, rev := range r.Reviews {
		if rev.Version > ReviewVersion || rev.Version < 0 || rev.Version == 1 {
			at([]any{"reviews", i, "version"}, fmt.Sprintf("review %d has version %d, which this reflect does not know", i+1, rev.Version), "update reflect to check it")
		}
	}
	probs.Sort()
	return probs
}

// Read decodes a record (as Decode) and works out its figures from its
// answers with the frameworks in set (as Recompute). Values that do not
// fit the frameworks are reported at file:line:col.
func Read(file string, data []byte, set *framework.Set) (*Record, *Derived, error) {
	r, err := Decode(file, data)
	if err != nil {
		return nil, nil, err
	}
	d, err := Recompute(r, set)
	if err != nil {
		return r, nil, Locate(file, bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), err)
	}
	return r, d, nil
}

func jsonProblem(file string, data []byte, err error, fallback ...int64) error {
	off := -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	msg := err.Error()
	switch {
	case errors.As(err, &syn):
		off = int(syn.Offset)
		msg = "JSON syntax error: " + syn.Error()
		if strings.HasSuffix(syn.Error(), "exceeded max depth") {
			msg = "the JSON is nested too deeply here (more than 10000 levels)"
		}
	case errors.As(err, &typ):
		off = valueStart(data, int(typ.Offset), typ.Value)
		field := typ.Field
		if field == "" {
			field = "a value"
		}
		msg = fmt.Sprintf("%s should be %s, not JSON %s", field, typ.Type.String(), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		off = len(data)
		msg = "the JSON ends too early (the file may be cut short)"
	default:
		msg = "JSON: " + msg
		if len(fallback) > 0 {
			off = int(fallback[0])
		}
	}
	p := yamlx.Problem{File: file, Msg: msg, Hint: "records are written by reflect; if you edited this file by hand, check it, or use the backup"}
	if off >= 0 {
		p.Line, p.Col = lineCol(data, off)
	}
	return yamlx.Problems{p}
}

func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(data[i:])
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// firstInvalidUTF8 returns the offset of the first byte that is not part of
// a valid UTF-8 sequence.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// valueStart moves encoding/json's offset of a value of the wrong type,
// which is just past a literal or just inside a bracket, back to where the
// value starts, so the column points at it.
func valueStart(data []byte, off int, kind string) int {
	if off <= 0 || off > len(data) {
		return off
	}
	switch {
	case kind == "array" || kind == "object":
		return off - 1
	case kind == "string":
		for i := off - 2; i >= 0; i-- {
			if data[i] != '"' {
				continue
			}
			slashes := 0
			for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
				slashes++
			}
			if slashes%2 == 0 {
				return i
			}
		}
		return off
	}
	i := off
	for i > 0 && !bytes.ContainsRune([]byte(",:[{ \t\r\n"), rune(data[i-1])) {
		i--
	}
	return i
}
