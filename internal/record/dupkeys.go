package record

import (
	"encoding/json"
	"unicode"
	"unicode/utf8"
)

// duplicateKey finds the first object member whose name repeats an earlier
// member of the same object, in data that is already known to be valid
// JSON. encoding/json keeps the last of two members with the same name and
// matches names regardless of case, so {"status": "complete",
// "Status": "in-progress"} would silently become one of them; a record is
// refused instead, as YAML inputs are. It returns the offset of the second
// name's opening quote, the name as written and the earlier spelling.
func duplicateKey(data []byte) (off int, name, earlier string, found bool) {
	type member struct{ folded, name string }
	type frame struct {
		object    bool
		expectKey bool
		keys      []member // the object's names so far; objects are small, so a slice beats a map
	}
	var stack []frame
	push := func(object bool) {
		if len(stack) < cap(stack) {
			stack = stack[:len(stack)+1]
			f := &stack[len(stack)-1]
			f.object, f.expectKey, f.keys = object, object, f.keys[:0]
			return
		}
		stack = append(stack, frame{object: object, expectKey: object})
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '{':
			push(true)
		case '[':
			push(false)
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].expectKey = true
			}
		case '"':
			start := i
			escaped := false
			for i++; i < len(data); i++ {
				if data[i] == '\\' {
					escaped = true
					i++
					continue
				}
				if data[i] == '"' {
					break
				}
			}
			n := len(stack)
			if n == 0 || !stack[n-1].object || !stack[n-1].expectKey {
				continue
			}
			top := &stack[n-1]
			top.expectKey = false
			var key string
			if end := min(i, len(data)); !escaped {
				key = string(data[start+1 : end])
			} else if err := json.Unmarshal(data[start:min(i+1, len(data))], &key); err != nil {
				continue
			}
			folded := foldName(key)
			for _, m := range top.keys {
				if m.folded == folded {
					return start, key, m.name, true
				}
			}
			top.keys = append(top.keys, member{folded, key})
		}
	}
	return 0, "", "", false
}

// foldName maps every name that encoding/json would match to the same
// string: each rune becomes the smallest rune of its case-folding orbit.
func foldName(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || c == 'k' || c == 's' {
			simple = false // k and s share their orbits with K (Kelvin) and ſ
			break
		}
	}
	if simple {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		}
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < m {
				m = f
			}
		}
		b = utf8.AppendRune(b, m)
	}
	return string(b)
}
