package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrapCellBreaksWordsWithAMark(t *testing.T) {
	width := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	for _, tt := range []struct {
		in   string
		w    float64
		want string
	}{
		// Words that fit a line go whole to the next one.
		{"Practice-related feedback", 17, "Practice-related|feedback"},
		{"a b c", 3, "a b|c"},
		// A word wider than the column breaks after its hyphens first.
		{"Self-assessment against a framework", 12, "Self-|assessment|against a|framework"},
		{"cpd-hours, participatory-hours, reflective-accounts", 14, "cpd-hours,|participatory-|hours,|reflective-|accounts"},
		// A soft hyphen shows only where it breaks.
		{"Partici\u00adpatory hours", 9, "Partici-|patory|hours"},
		{"Partici\u00adpatory", 20, "Participatory"},
		// Then between letters, with a hyphen.
		{"Registration", 9, "Registra-|tion"},
		{"r-00000000000000f1", 9, "r-|00000000-|000000f1"},
		{"", 5, ""},
		{"x", 0, "x"},
	} {
		got := strings.Join(wrapCell(tt.in, tt.w, width), "|")
		if got != tt.want {
			t.Errorf("wrapCell(%q, %v) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
		for _, l := range wrapCell(tt.in, tt.w, width) {
			if width(l) > tt.w && tt.w > 1 {
				t.Errorf("wrapCell(%q, %v): %q is wider than the column", tt.in, tt.w, l)
			}
		}
	}
}
