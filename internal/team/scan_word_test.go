package team

import (
	"encoding/json"
	"strings"
	"testing"
)

// The scanner reads strings and indentation eight bytes at a time. These
// cases put the byte that matters (a closing quote, an escape, a control
// character, a multi-byte letter, a non-space after spaces) at every
// offset of a word and near the end of the input, and check the result
// against encoding/json.
func TestWordAtATimeMatchesEncodingJSON(t *testing.T) {
	specials := []string{`\"`, `\\`, `\n`, `\u00e9`, "\x01", "\x1f", "\x7f", "é", "😀", " ", "\t", `\x`, `\u12`}
	for pad := 0; pad <= 17; pad++ {
		for _, sp := range specials {
			for _, tail := range []string{"", "abc", strings.Repeat("z", 9)} {
				content := strings.Repeat("a", pad) + sp + tail
				doc := `"` + content + `"`
				var want string
				wantErr := json.Unmarshal([]byte(doc), &want) != nil
				s := &scanner{b: []byte(doc)}
				raw, esc, err := s.str()
				if (err != nil) != wantErr {
					t.Fatalf("str(%q): err %v, encoding/json err %v", doc, err, wantErr)
				}
				if err != nil {
					continue
				}
				got := string(raw)
				if esc {
					if got, err = s.unescape(raw); err != nil {
						t.Fatalf("unescape(%q): %v", doc, err)
					}
				}
				if got != want || s.i != len(doc) {
					t.Fatalf("str(%q) = %q (ended at %d of %d), want %q", doc, got, s.i, len(doc), want)
				}
				// Unterminated: the closing quote cut off.
				s = &scanner{b: []byte(doc[:len(doc)-1])}
				if _, _, err := s.str(); err == nil {
					t.Fatalf("str(%q) accepted a string with no closing quote", doc[:len(doc)-1])
				}
			}
		}
	}
	for n := 0; n <= 20; n++ {
		for _, after := range []string{"x", "\n  x", "\t\r\nx", "", "\x00", "\u00a0"} {
			in := "\n" + strings.Repeat(" ", n) + after
			s := &scanner{b: []byte(in)}
			s.ws()
			want := len(strings.TrimLeft(in, " \t\r\n"))
			if got := len(in) - s.i; got != want {
				t.Fatalf("ws over %q stopped with %d bytes left, want %d", in, got, want)
			}
		}
	}
}
