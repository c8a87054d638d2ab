package textutil

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestScreenSafe(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is untouched", "Siân Ó Briain — ok 😀\n\tindented", "Siân Ó Briain — ok 😀\n\tindented"},
		{"the view's own colours stay", "\x1b[1;38;5;33mTitle\x1b[0m and \x1b[m", "\x1b[1;38;5;33mTitle\x1b[0m and \x1b[m"},
		{"clear screen from a note", "a\x1b[2Jb", "a\uFFFD[2Jb"},
		{"cursor move", "x\x1b[10;10Hy", "x\uFFFD[10;10Hy"},
		{"OSC 52 clipboard write", "\x1b]52;c;cHduZWQ=\x07", "\uFFFD]52;c;cHduZWQ=\uFFFD"},
		{"OSC title with ST", "\x1b]0;title\x1b\\", "\uFFFD]0;title\uFFFD\\"},
		{"C1 CSI", "a\u009b2Jb", "a\uFFFD2Jb"},
		{"CR LF becomes LF, lone CR replaced", "one\r\ntwo\rthree", "one\ntwo\uFFFDthree"},
		{"backspace and DEL", "ok\b\x7f", "ok\uFFFD\uFFFD"},
		{"ESC at the very end", "end\x1b", "end\uFFFD"},
		{"unterminated SGR", "\x1b[1;2", "\uFFFD[1;2"},
		{"invalid UTF-8 passes as is", "\xff\xc2", "\xff\xc2"},
		{"accented capital after a C2 lead byte", "Â and \u0085", "Â and \uFFFD"},
	}
	for _, tt := range tests {
		if got := ScreenSafe(tt.in); got != tt.want {
			t.Errorf("%s: ScreenSafe(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestFirstControl(t *testing.T) {
	for _, tt := range []struct {
		in string
		r  rune
		at int
	}{
		{"plain\ttext\nlines", 0, -1},
		{"ab\x1b[2J", 0x1b, 2},
		{"é\u0085", 0x85, 2},
		{"x\ry", '\r', 1},
	} {
		r, at := FirstControl(tt.in)
		if r != tt.r || at != tt.at {
			t.Errorf("FirstControl(%q) = %U, %d; want %U, %d", tt.in, r, at, tt.r, tt.at)
		}
	}
}

func FuzzScreenSafe(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[1mbold\x1b[0m", "\x1b]52;c;x\x07", "a\r\nb\rc", "\u009b2J", "\xc2", "\x1b["} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ScreenSafe(s)
		// Every ESC left must start a complete SGR sequence; no other
		// control character may survive.
		for i := 0; i < len(out); {
			if out[i] == 0x1b {
				n := sgrLen(out[i:])
				if n == 0 {
					t.Fatalf("ScreenSafe(%q) left a bare ESC at %d: %q", s, i, out)
				}
				i += n
				continue
			}
			r, size := utf8.DecodeRuneInString(out[i:])
			if IsControl(r) && !(r == utf8.RuneError && size == 1) {
				t.Fatalf("ScreenSafe(%q) left control %U at %d: %q", s, r, i, out)
			}
			i += size
		}
		if _, at := FirstControl(s); at < 0 && !strings.Contains(s, "\x1b") && out != s {
			t.Fatalf("text without controls changed: %q -> %q", s, out)
		}
		if st := StripTyped(s); strings.ContainsRune(st, 0x1b) {
			t.Fatalf("StripTyped(%q) left ESC: %q", s, st)
		} else if r, at := FirstControl(st); at >= 0 {
			t.Fatalf("StripTyped(%q) left control %U: %q", s, r, st)
		}
		if ScreenSafe(out) != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, ScreenSafe(out))
		}
	})
}

func TestStripTyped(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is untouched", "I felt unsure\twhat to ask — Siân", "I felt unsure\twhat to ask — Siân"},
		{"arrow keys", "my note\x1b[D\x1b[Dx", "my notex"},
		{"home, end and F1", "\x1b[Ha\x1b[Fb\x1bOPc", "abc"},
		{"function key with parameters", "x\x1b[15~y\x1b[1;5Cz", "xyz"},
		{"alt-letter", "a\x1bbc", "ac"},
		{"control keys and DEL", "a\x01b\x7fc\x15", "abc"},
		{"ESC at the end", "done\x1b", "done"},
		{"cut-off CSI", "x\x1b[1;", "x"},
		{"CSI then accented letter", "\x1b[é", "é"},
		{"C1 control", "a\u009bb", "ab"},
		{"a C1 control made by removing a sequence", "\xc2\x1b[A\x9b!", "!"},
	}
	for _, tt := range tests {
		if got := StripTyped(tt.in); got != tt.want {
			t.Errorf("%s: StripTyped(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
