// Package yamlx reads YAML strictly: it refuses oversized input, alias bombs,
// invalid UTF-8 and NUL bytes, and decodes a node tree into Go structs while
// reporting every problem at once with file:line:col. yaml.v3's own decoder
// stops at the first type error and gives no columns; people fixing a
// framework file deserve the whole list.
package yamlx

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a YAML file, 1-based. A struct field of this type
// named Pos is filled in by Decode with the position of the struct's mapping.
type Pos struct {
	Line int
	Col  int
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Problem is one thing wrong with an input file.
type Problem struct {
	File string
	Line int // 0 when unknown
	Col  int // 0 when unknown
	Msg  string
	Hint string // what to do about it; may be empty
}

// Where renders "file:line:col", omitting what is unknown.
func (p Problem) Where() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

func (p Problem) Error() string {
	s := p.Where() + ": " + p.Msg
	if p.Hint != "" {
		s += " (" + p.Hint + ")"
	}
	return s
}

// Problems is a list of problems that is itself an error.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Sort orders problems by file, line and column, keeping the order of
// problems reported at the same place.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}
