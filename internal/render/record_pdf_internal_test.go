package render

import "testing"

func TestPDFString(t *testing.T) {
	for in, want := range map[string]string{
		"Sia\u0302n O\u0301 Briain":        "Siân Ó Briain", // combining accents composed
		"Siân Ó Briain — “quoted” – ‘x’ …": "Siân Ó Briain — “quoted” – ‘x’ …",
		"emoji 😀 and 漢字":                   "emoji ? and ??",
		"tab\there\x01\x7f\u200b!":         "tab here!",
		"line\nbreak":                      "line\nbreak",
		"Ŵ ŷ ð þ ß € £":                    "Ŵ ŷ ð þ ß € £",
	} {
		if got := pdfString(in); got != want {
			t.Errorf("pdfString(%q) = %q, want %q", in, got, want)
		}
	}
}
