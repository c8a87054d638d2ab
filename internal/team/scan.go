package team

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// A team run reads every byte of every record, and most of a record is
// what a team report does not need (answers, notes, reflection, the
// statements of each need). encoding/json scans each value twice and builds
// what it decodes; this small scanner checks the whole file's JSON grammar
// once, and extracts only the fields the report uses. It is about four
// times faster on the shipped frameworks' records. FuzzExtract checks it
// against encoding/json.

const maxDepth = 512

type scanner struct {
	b     []byte
	i     int
	depth int
	in    *interner
}

type syntaxError struct{ off int }

func (e *syntaxError) Error() string { return fmt.Sprintf("invalid JSON at byte %d", e.off) }

// describe says where the JSON goes wrong in data, as line and column
// (counted in characters, from 1), what is there, and what the file may
// be: cut short, damaged, or not a record at all.
func (e *syntaxError) describe(data []byte) error {
	line, col := 1, 1
	for _, r := range string(data[:min(e.off, len(data))]) {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	what := "the file ends"
	if e.off < len(data) {
		what = fmt.Sprintf("%q is not expected", string([]rune(string(data[e.off:min(len(data), e.off+4)]))[:1]))
	}
	hint := "the file may be cut short or damaged; use a copy reflect wrote"
	if !bytes.Contains(data[:min(len(data), 200)], []byte(`"reflect-record"`)) {
		hint = "it does not look like a reflect record either"
	}
	return fmt.Errorf("invalid JSON at line %d, column %d (byte %d): %s; %s", line, col, e.off, what, hint)
}

func (s *scanner) fail() error { return &syntaxError{off: s.i} }

func (s *scanner) ws() {
	for s.i < len(s.b) {
		// Every byte that starts a token is above the space character.
		if c := s.b[s.i]; c > ' ' || c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			return
		}
		s.i++
		// Records are indented: jump over runs of spaces a word at a
		// time, to the first byte that is not a space.
		for s.i+8 <= len(s.b) {
			if x := binary.LittleEndian.Uint64(s.b[s.i:]) ^ ones*' '; x != 0 {
				s.i += bits.TrailingZeros64(x) >> 3
				break
			}
			s.i += 8
		}
	}
}

// skip reads and checks any value.
func (s *scanner) skip() error {
	s.ws()
	if s.i >= len(s.b) {
		return s.fail()
	}
	switch c := s.b[s.i]; {
	case c == '"':
		_, _, err := s.str()
		return err
	case c == '{':
		return s.object("", func([]byte) error { return s.skip() })
	case c == '[':
		return s.array("", func(int) error { return s.skip() })
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		_, err := s.number()
		return err
	}
	return s.fail()
}

func (s *scanner) literal(lit string) error {
	if !bytes.HasPrefix(s.b[s.i:], []byte(lit)) {
		return s.fail()
	}
	s.i += len(lit)
	return nil
}

// object reads an object, calling member for each key with the scanner at
// the value; member must consume the value. A null is an empty object; any
// other value is a type error for field (after being checked and skipped).
func (s *scanner) object(field string, member func(key []byte) error) error {
	if more, err := s.open(field, "an object", '{', '}'); !more {
		return err
	}
	defer func() { s.depth-- }()
	for {
		s.ws()
		key, esc, err := s.str()
		if err != nil {
			return err
		}
		if esc {
			k, err := s.unescape(key)
			if err != nil {
				return err
			}
			key = []byte(k)
		}
		s.ws()
		if !s.at(':') {
			return s.fail()
		}
		s.i++
		s.ws()
		if err := member(key); err != nil {
			return err
		}
		if more, err := s.next('}'); !more {
			return err
		}
	}
}

// array reads an array, calling elem for each element; null is empty.
func (s *scanner) array(field string, elem func(i int) error) error {
	if more, err := s.open(field, "a list", '[', ']'); !more {
		return err
	}
	defer func() { s.depth-- }()
	for n := 0; ; n++ {
		s.ws()
		if err := elem(n); err != nil {
			return err
		}
		if more, err := s.next(']'); !more {
			return err
		}
	}
}

// open starts an object or array (opening and closing are its brackets)
// and reports whether it has members to read. It has none when it is null,
// empty or of another type (see typed), or on an error. When it has, the
// scanner is at the first member and the caller must take one off the
// depth when it is done.
func (s *scanner) open(field, want string, opening, closing byte) (bool, error) {
	s.ws()
	if ok, err := s.typed(field, want, s.at(opening)); !ok {
		return false, err
	}
	s.depth++
	if s.depth > maxDepth {
		return false, errors.New("nested too deeply")
	}
	s.i++
	s.ws()
	if s.at(closing) {
		s.i++
		s.depth--
		return false, nil
	}
	return true, nil
}

// next reads what follows a member or element: a comma (true: another
// comes) or the closing bracket (false).
func (s *scanner) next(closing byte) (bool, error) {
	s.ws()
	if s.i >= len(s.b) {
		return false, s.fail()
	}
	switch s.b[s.i] {
	case ',':
		s.i++
		return true, nil
	case closing:
		s.i++
		return false, nil
	}
	return false, s.fail()
}
