package textutil

import "testing"

func TestWrap(t *testing.T) {
	tests := []struct {
		in          string
		width       int
		first, rest string
		want        string
	}{
		{"An ability to ask directly and calmly about thoughts of suicide", 20, "", "  ", "An ability to ask\n  directly and\n  calmly about\n  thoughts of\n  suicide"},
		{"Siân Ó Briain wrote this", 10, "", "", "Siân Ó\nBriain\nwrote this"},
		{"", 10, "- ", "", "-"},
		{"supercalifragilistic word", 5, "", "", "supercalifragilistic\nword"},
	}
	for _, tt := range tests {
		if got := Wrap(tt.in, tt.width, tt.first, tt.rest); got != tt.want {
			t.Errorf("Wrap(%q, %d) =\n%q\nwant\n%q", tt.in, tt.width, got, tt.want)
		}
	}
	if got := Truncate("Children and young people", 10, "…"); got != "Children …" {
		t.Errorf("Truncate = %q", got)
	}
	if got := Pad("Ó", 3); got != "Ó  " {
		t.Errorf("Pad = %q", got)
	}
}
