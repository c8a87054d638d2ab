package textutil

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports whether r would act on a terminal rather than print:
// C0 controls other than tab and line feed (so carriage return, backspace
// and escape count), DEL and the C1 controls U+0080–U+009F.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f)
}

// FirstControl returns the first control character in s (as IsControl
// counts them) and its byte offset, or -1 when there is none.
func FirstControl(s string) (rune, int) {
	for i, r := range s {
		if IsControl(r) {
			return r, i
		}
	}
	return 0, -1
}

// ScreenSafe makes a full-screen view safe to draw: it keeps the colour
// and style sequences (ESC [ digits ; m) that the view's own styling
// writes, and turns every other control character — another escape
// sequence's ESC, a carriage return, a backspace, a C1 control — into
// U+FFFD, so text quoted from a record or a framework cannot clear the
// screen, set the title, write to the clipboard or move the cursor. A
// carriage return just before a line feed is dropped. Text with no control
// characters is returned as is, without copying.
func ScreenSafe(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c == 0x1b:
			if n := sgrLen(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
			b.WriteString(replacement)
			i++
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			i++
		case c < utf8.RuneSelf:
			if IsControl(rune(c)) {
				b.WriteString(replacement)
			} else {
				b.WriteByte(c)
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if IsControl(r) {
				b.WriteString(replacement)
			} else {
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// sgrLen is the length of the Select Graphic Rendition sequence
// (ESC [ params m, params being digits, ';' and ':') at the start of s, or
// 0 when s starts with anything else.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s) && i < 64; i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' || c == ';' || c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// StripTyped removes what a terminal puts into a typed line when someone
// presses a key that has no meaning in plain line input — an arrow, Home,
// a function key (escape sequences such as ESC [ A or ESC O P) or a
// control key — so that it is not saved as part of their words. Tabs stay.
func StripTyped(s string) string {
	// Removing a sequence can join stray bytes into a new control
	// character (0xC2 … 0x9B), so strip until none is left; each pass
	// shortens the text.
	for {
		if _, at := FirstControl(s); at < 0 {
			return s
		}
		s = stripTypedOnce(s)
	}
}

func stripTypedOnce(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			i += escapeLen(s[i:])
		case c < utf8.RuneSelf:
			if !IsControl(rune(c)) {
				b.WriteByte(c)
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !IsControl(r) {
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// escapeLen is the length of the escape sequence at the start of s (which
// starts with ESC): a CSI sequence ESC [ parameters final, an SS3 key
// ESC O x, or ESC and one more character.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if c := s[i]; c >= 0x40 && c <= 0x7e {
				return i + 1
			} else if c < 0x20 || c > 0x3f && c < 0x40 || c >= 0x80 {
				return i
			}
		}
		return len(s)
	case 'O':
		return min(3, len(s))
	}
	if s[1] >= 0x80 {
		return 1
	}
	return 2
}
