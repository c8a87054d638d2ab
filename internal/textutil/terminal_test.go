package textutil

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func TestSafeWriter(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		want   string
	}{
		{"plain text, accents and emoji pass", []string{"Siân Ó Briain — ok 😀\n\tindented\n"}, "Siân Ó Briain — ok 😀\n\tindented\n"},
		{"CSI clear screen", []string{"a\x1b[2Jb"}, "a\uFFFD[2Jb"},
		{"OSC title with BEL", []string{"\x1b]0;pwned\x07x"}, "\uFFFD]0;pwned\uFFFDx"},
		{"C1 CSI", []string{"a\u009b2Jb"}, "a\uFFFD2Jb"},
		{"C1 split across writes", []string{"a\xc2", "\x9b2J"}, "a\uFFFD2J"},
		{"accent split across writes", []string{"Si\xc3", "\xa2n"}, "Siân"},
		{"CR LF becomes LF", []string{"one\r\ntwo\r", "\nthree"}, "one\ntwo\nthree"},
		{"lone CR is replaced", []string{"Reviewed: yes\rno"}, "Reviewed: yes\uFFFDno"},
		{"backspace and DEL", []string{"ok\b\b\x7f"}, "ok\uFFFD\uFFFD\uFFFD"},
		{"invalid UTF-8 passes as is", []string{"\xff"}, "\xff"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		w := NewSafeWriter(&b, 7)
		for _, s := range tt.writes {
			if n, err := w.Write([]byte(s)); err != nil || n != len(s) {
				t.Fatalf("%s: Write = %d, %v", tt.name, n, err)
			}
		}
		if got := b.String(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if w.Fd() != 7 {
			t.Errorf("Fd = %d", w.Fd())
		}
	}
}

// FuzzSafeWriter: whatever the text and however it is split into writes,
// no control character but newline and tab reaches the terminal, and text
// without controls passes unchanged.
func FuzzSafeWriter(f *testing.F) {
	f.Add([]byte("Si\xc3\xa2n\x1b[2J\r\n\xc2\x9b"), uint8(3))
	f.Add([]byte("plain text\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		var b bytes.Buffer
		w := NewSafeWriter(&b, 0)
		cut := int(split)
		if cut > len(data) {
			cut = len(data)
		}
		w.Write(data[:cut])
		w.Write(data[cut:])
		out := b.Bytes()
		for i := 0; i < len(out); {
			r, size := utf8.DecodeRune(out[i:])
			if size == 1 && r == utf8.RuneError {
				i++ // invalid bytes pass as they are; they are not controls
				continue
			}
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("control %U reached the terminal from %q", r, data)
			}
			i += size
		}
		clean := true
		for _, r := range string(data) {
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == utf8.RuneError {
				clean = false
			}
		}
		if clean && utf8.Valid(data) && !bytes.Equal(out, data) {
			t.Fatalf("clean text changed: %q → %q", data, out)
		}
	})
}
