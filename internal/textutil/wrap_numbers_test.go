package textutil

import (
	"strings"
	"testing"
)

// TestWrapKeepsPhoneNumbersWhole: a phone number written in groups is
// never split across lines, at any width; other words wrap as before.
func TestWrapKeepsPhoneNumbersWhole(t *testing.T) {
	s := "Samaritans are there day and night on 116 123. Or call 0800 068 4141, free, or text SHOUT to 85258."
	for w := 10; w <= 90; w++ {
		got := Wrap(s, w, "", "")
		for _, l := range strings.Split(got, "\n") {
			if strings.HasSuffix(l, " 116") || strings.HasPrefix(l, "123") || strings.HasSuffix(l, " 0800") || strings.HasSuffix(l, " 068") || strings.HasPrefix(l, "4141") {
				t.Fatalf("width %d splits a phone number:\n%s", w, got)
			}
		}
		if strings.Join(strings.Fields(got), " ") != s {
			t.Fatalf("width %d changed the words:\n%s", w, got)
		}
	}
	if got := Wrap("one two three four", 9, "", ""); got != "one two\nthree\nfour" {
		t.Errorf("plain words: %q", got)
	}
}
