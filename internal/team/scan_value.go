package team

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"strconv"
)

// Reading the values the report uses: strings, numbers, and the rule for a
// value of the wrong type.

// str reads a string and returns its raw contents and whether it holds
// escapes.
func (s *scanner) str() ([]byte, bool, error) {
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, false, s.fail()
	}
	s.i++
	start := s.i
	esc := false
	for s.i < len(s.b) {
		// Most of a record is plain text: read it eight bytes at a time
		// and stop at the first quote, backslash or control character.
		if s.i+8 <= len(s.b) {
			m := special8(binary.LittleEndian.Uint64(s.b[s.i:]))
			if m == 0 {
				s.i += 8
				continue
			}
			s.i += bits.TrailingZeros64(m) >> 3
		}
		c := s.b[s.i]
		switch {
		case c == '"':
			raw := s.b[start:s.i]
			s.i++
			return raw, esc, nil
		case c == '\\':
			esc = true
			s.i++
			if s.i >= len(s.b) {
				return nil, false, s.fail()
			}
			switch s.b[s.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				if s.i+4 >= len(s.b) {
					return nil, false, s.fail()
				}
				for _, h := range s.b[s.i+1 : s.i+5] {
					if !isHex(h) {
						return nil, false, s.fail()
					}
				}
				s.i += 5
			default:
				return nil, false, s.fail()
			}
		case c < 0x20:
			return nil, false, s.fail()
		default:
			s.i++
		}
	}
	return nil, false, s.fail()
}

// Word-at-a-time tests on eight bytes (see "Bit Twiddling Hacks",
// "Determine if a word has a byte less than n"): each is exact about
// whether any byte matches.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special8 marks, in the high bit of each byte of w, the bytes that are
// '"', '\\' or below 0x20 (as a little-endian load of eight bytes, the
// lowest marked byte comes first). It is 0 when there is none. Only the
// lowest mark is exact; a borrow can set marks above it.
func special8(w uint64) uint64 {
	quote := w ^ (ones * '"')
	slash := w ^ (ones * '\\')
	return ((quote-ones)&^quote | (slash-ones)&^slash | (w-ones*0x20)&^w) & highs
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// unescape decodes the string just read, whose contents between the
// quotes are raw and hold escapes.
func (s *scanner) unescape(raw []byte) (string, error) {
	var out string
	// Include the quotes: raw is a slice of the buffer between them.
	if json.Unmarshal(s.b[s.i-len(raw)-2:s.i], &out) != nil {
		return "", s.fail()
	}
	return out, nil
}

// at reports whether the next byte is c.
func (s *scanner) at(c byte) bool { return s.i < len(s.b) && s.b[s.i] == c }

// atNumber reports whether a number starts at the next byte.
func (s *scanner) atNumber() bool {
	return s.i < len(s.b) && (s.b[s.i] == '-' || (s.b[s.i] >= '0' && s.b[s.i] <= '9'))
}

// typed is the rule every value of a field follows: is says whether the
// value at the scanner is of the type the caller reads. When it is not,
// typed returns false: with no error for null (the caller gives the zero
// value), or with a type error naming want for any other value, after
// checking and skipping it.
func (s *scanner) typed(field, want string, is bool) (bool, error) {
	if is {
		return true, nil
	}
	return false, s.untyped(field, want)
}

func (s *scanner) untyped(field, want string) error {
	if s.null() {
		return nil
	}
	if err := s.skip(); err != nil {
		return err
	}
	return typeErr(field, want)
}

// strValue reads a string value (or null, giving "").
func (s *scanner) strValue(field string) (string, error) {
	if ok, err := s.typed(field, "text", s.at('"')); !ok {
		return "", err
	}
	raw, esc, err := s.str()
	if err != nil {
		return "", err
	}
	if !esc {
		return s.in.get(raw), nil
	}
	return s.unescape(raw)
}

// uniqueStrValue is strValue for a string that differs in every record
// (its id and times): never interned, so it cannot fill the interner with
// strings that never come again.
func (s *scanner) uniqueStrValue(field string) (string, error) {
	if ok, err := s.typed(field, "text", s.at('"')); !ok {
		return "", err
	}
	raw, esc, err := s.str()
	if err != nil {
		return "", err
	}
	if !esc {
		return string(raw), nil
	}
	return s.unescape(raw)
}

func (s *scanner) null() bool {
	if bytes.HasPrefix(s.b[s.i:], []byte("null")) {
		s.i += 4
		return true
	}
	return false
}

// number reads a JSON number and returns its text.
func (s *scanner) number() ([]byte, error) {
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(s.b) && s.b[s.i] == '0':
		s.i++
	case s.i < len(s.b) && s.b[s.i] >= '1' && s.b[s.i] <= '9':
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
	default:
		return nil, s.fail()
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		d := s.i
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
		if s.i == d {
			return nil, s.fail()
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		d := s.i
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
		}
		if s.i == d {
			return nil, s.fail()
		}
	}
	return s.b[start:s.i], nil
}

// intValue reads a whole number (or null, giving 0).
func (s *scanner) intValue(field string) (int, error) {
	const want = "a whole number"
	if ok, err := s.typed(field, want, s.atNumber()); !ok {
		return 0, err
	}
	raw, err := s.number()
	if err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil {
		return 0, typeErr(field, want)
	}
	return v, nil
}

// floatValue reads a number (or null, giving 0).
func (s *scanner) floatValue(field string) (float64, error) {
	const want = "a number"
	if ok, err := s.typed(field, want, s.atNumber()); !ok {
		return 0, err
	}
	raw, err := s.number()
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return 0, typeErr(field, want)
	}
	return v, nil
}

func typeErr(field, want string) error { return fmt.Errorf("%s should be %s", field, want) }

// boolValue reads true or false (or null, giving false).
func (s *scanner) boolValue(field string) (bool, error) {
	const want = "true or false"
	if ok, err := s.typed(field, want, s.at('t') || s.at('f')); !ok {
		return false, err
	}
	if s.at('t') {
		return true, s.literal("true")
	}
	return false, s.literal("false")
}

// codeValue is strValue for the answer code at position i of a record.
func (s *scanner) codeValue(i int, field string) (string, error) {
	if ok, err := s.typed(field, "text", s.at('"')); !ok {
		return "", err
	}
	raw, esc, err := s.str()
	if err != nil {
		return "", err
	}
	if !esc {
		return s.in.code(i, raw), nil
	}
	return s.unescape(raw)
}
