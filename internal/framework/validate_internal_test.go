package framework

import (
	"regexp"
	"strings"
	"testing"
)

var codeRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

func FuzzValidCodeMatchesRule(f *testing.F) {
	for _, s := range []string{"ADU.1.2.3", "", ".A", "a b", "x_y-z", strings.Repeat("A", 40), strings.Repeat("A", 41), "Ó.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidCode(s) != codeRE.MatchString(s) {
			t.Fatalf("ValidCode(%q) = %v, the rule says %v", s, ValidCode(s), codeRE.MatchString(s))
		}
	})
}

func TestNormalise(t *testing.T) {
	tests := map[string]string{
		"  An ability\tto  LISTEN \n": "an ability to listen",
		"Siân ÓBRIAIN":                "siân óbriain",
		"":                            "",
	}
	for in, want := range tests {
		if got := string(normalise(nil, in)); got != want {
			t.Errorf("normalise(%q) = %q, want %q", in, got, want)
		}
	}
}
