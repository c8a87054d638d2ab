package record

import (
	"encoding/json"
	"strings"
)

// pathOffset finds where the value at path starts in data, a JSON document
// already known to be valid: path holds member names (matched as
// encoding/json matches them, exactly or else regardless of case) and
// array indexes. It reports false when there is no such value. It reads
// data once, without building a tree, and keeps no state beyond the
// current position, so deep or wide input costs only its length.
func pathOffset(data []byte, path []any) (int, bool) {
	l := &locator{b: data}
	l.ws()
	for _, step := range path {
		switch s := step.(type) {
		case string:
			if !l.member(s) {
				return 0, false
			}
		case int:
			if !l.element(s) {
				return 0, false
			}
		default:
			return 0, false
		}
		l.ws()
	}
	return l.i, l.i < len(l.b)
}

type locator struct {
	b []byte
	i int
}

func (l *locator) ws() {
	for l.i < len(l.b) {
		switch l.b[l.i] {
		case ' ', '\t', '\r', '\n':
			l.i++
		default:
			return
		}
	}
}

// member moves to the value of the object member named name; with names
// that differ only in case, the exact one wins, as in encoding/json.
func (l *locator) member(name string) bool {
	if l.i >= len(l.b) || l.b[l.i] != '{' {
		return false
	}
	l.i++
	fold := -1
	for {
		l.ws()
		if l.i >= len(l.b) || l.b[l.i] == '}' {
			break
		}
		if l.b[l.i] == ',' {
			l.i++
			continue
		}
		start := l.i
		if !l.skipString() {
			return false
		}
		var key string
		if err := json.Unmarshal(l.b[start:l.i], &key); err != nil {
			return false
		}
		l.ws()
		if l.i >= len(l.b) || l.b[l.i] != ':' {
			return false
		}
		l.i++
		l.ws()
		if key == name {
			return true
		}
		if fold < 0 && strings.EqualFold(key, name) {
			fold = l.i
		}
		if !l.skipValue() {
			return false
		}
	}
	if fold >= 0 {
		l.i = fold
		return true
	}
	return false
}

func (l *locator) element(n int) bool {
	if l.i >= len(l.b) || l.b[l.i] != '[' {
		return false
	}
	l.i++
	for k := 0; ; k++ {
		l.ws()
		if l.i >= len(l.b) || l.b[l.i] == ']' {
			return false
		}
		if k == n {
			return true
		}
		if !l.skipValue() {
			return false
		}
		l.ws()
		if l.i < len(l.b) && l.b[l.i] == ',' {
			l.i++
		}
	}
}

func (l *locator) skipString() bool {
	if l.i >= len(l.b) || l.b[l.i] != '"' {
		return false
	}
	for l.i++; l.i < len(l.b); l.i++ {
		switch l.b[l.i] {
		case '\\':
			l.i++
		case '"':
			l.i++
			return true
		}
	}
	return false
}

// skipValue moves past one value. Nesting is counted, not recursed into,
// so a deeply nested value cannot exhaust the stack.
func (l *locator) skipValue() bool {
	if l.i >= len(l.b) {
		return false
	}
	switch l.b[l.i] {
	case '"':
		return l.skipString()
	case '{', '[':
		depth := 0
		for l.i < len(l.b) {
			switch l.b[l.i] {
			case '"':
				if !l.skipString() {
					return false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					l.i++
					return true
				}
			}
			l.i++
		}
		return false
	}
	for l.i < len(l.b) {
		switch l.b[l.i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return true
		}
		l.i++
	}
	return true
}
