package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// obj is a decoded JSON object. CASE files in the wild disagree about
// types (numbers as strings, a LinkURI as a bare URI, a list as one
// string), so fields are read leniently rather than through strict structs.
type obj map[string]any

func asObj(v any) obj {
	m, _ := v.(map[string]any)
	return m
}

// str returns a string field; numbers and booleans are given as text.
func (o obj) str(key string) string {
	switch v := o[key].(type) {
	case string:
		return clean(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// num returns an integer field written as a number or as text.
func (o obj) num(key string) (int, bool) {
	switch v := o[key].(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil && i >= math.MinInt32 && i <= math.MaxInt32 {
			return int(i), true
		}
		if f, err := v.Float64(); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e9 {
			return int(f), true
		}
	case string:
		if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			return i, true
		}
	}
	return 0, false
}

// list returns an array field's elements; a single value is a list of one.
func (o obj) list(key string) []any {
	switch v := o[key].(type) {
	case []any:
		return v
	case nil:
		return nil
	default:
		return []any{v}
	}
}

// strs returns an array of strings; a comma-separated string is split.
func (o obj) strs(key string) []string {
	var out []string
	for _, v := range o.list(key) {
		switch s := v.(type) {
		case string:
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		case json.Number:
			out = append(out, s.String())
		}
	}
	return out
}

// link is a CASE LinkURI or LinkGenURI: an object with title, identifier
// and uri, or just a URI string.
type link struct {
	Title      string
	Identifier string
	URI        string
}

func (o obj) link(key string) (link, bool) {
	switch v := o[key].(type) {
	case string:
		if v == "" {
			return link{}, false
		}
		return link{URI: v}, true
	case map[string]any:
		m := obj(v)
		l := link{Title: m.str("title"), Identifier: m.str("identifier"), URI: m.str("uri")}
		return l, l.Identifier != "" || l.URI != ""
	}
	return link{}, false
}

// key identifies what a link points at: its identifier, or failing that
// the last part of its URI (CASE URIs end with the identifier).
func (l link) key() string {
	if l.Identifier != "" {
		return strings.ToLower(l.Identifier)
	}
	u := strings.TrimRight(l.URI, "/")
	if i := strings.LastIndexAny(u, "/:"); i >= 0 {
		u = u[i+1:]
	}
	return strings.ToLower(u)
}

func jsonSyntaxProblem(file string, data []byte, err error) error {
	p := yamlx.Problem{File: file, Msg: "the file is not valid JSON: " + err.Error(), Hint: "check that this is a CASE JSON package"}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		p.Line, p.Col = offsetLineCol(data, se.Offset)
	case errors.As(err, &te):
		p.Line, p.Col = offsetLineCol(data, te.Offset)
	case len(bytes.TrimSpace(data)) == 0:
		p.Msg = "the file is empty"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		p.Line, p.Col = offsetLineCol(data, int64(len(bytes.TrimRight(data, " \t\r\n"))))
		p.Msg = "the file ends here, before its JSON is complete: it may have been cut off"
		p.Hint = "export the package again, or check that the whole file was copied"
	}
	return yamlx.Problems{p}
}

// elementOffset is where element idx of the array under key starts in
// data: a member of the top-level object, or of the CFPackage object in it
// when wrapped (the last member of that name, as the decoder reads it).
// It walks the tokens once; -1 when there is no such element.
func elementOffset(data []byte, wrapped bool, key string, idx int) int64 {
	dec := json.NewDecoder(bytes.NewReader(data))
	found := int64(-1)
	var walk func(inner bool) bool
	walk = func(inner bool) bool {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return false
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return false
			}
			k, _ := t.(string)
			switch {
			case wrapped && !inner && k == "CFPackage" && peek(data, dec.InputOffset()) == '{':
				if !walk(true) {
					return false
				}
			case k == key && inner == wrapped && peek(data, dec.InputOffset()) == '[':
				if _, err := dec.Token(); err != nil {
					return false
				}
				found = -1
				for i := 0; dec.More(); i++ {
					if i == idx {
						found = skipSpace(data, dec.InputOffset())
					}
					var raw json.RawMessage
					if err := dec.Decode(&raw); err != nil {
						return false
					}
				}
				if _, err := dec.Token(); err != nil {
					return false
				}
			default:
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return false
				}
			}
		}
		_, err := dec.Token()
		return err == nil
	}
	walk(false)
	return found
}

// skipSpace moves off past white space and a comma.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
		off++
	}
	return off
}

// peek is the first byte at or after off that is not white space or
// punctuation between tokens.
func peek(data []byte, off int64) byte {
	if off = skipSpace(data, off); off < int64(len(data)) {
		return data[off]
	}
	return 0
}

func offsetLineCol(data []byte, off int64) (int, int) {
	line, col := 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
