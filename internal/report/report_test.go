package report

import (
	"strings"
	"testing"
)

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                "",
		"plain":           "plain",
		"=1+1":            "'=1+1",
		"+SUM(A1)":        "'+SUM(A1)",
		"-2":              "'-2",
		"@cmd":            "'@cmd",
		"\tx":             "'\tx",
		"\rx":             "'\rx",
		"a=b":             "a=b",
		"'already quoted": "'already quoted",
		"  =1":            "'  =1",
		"  \n0":           "'  \n0",
		"\nx":             "'\nx",
		"＝1":              "'＝1",
		"   ":             "   ",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeadHasCSP(t *testing.T) {
	h := string(Head(`<script>"x"</script>`))
	if !strings.Contains(h, `http-equiv="Content-Security-Policy" content="default-src 'none'`) || strings.Contains(h, "<script>") {
		t.Errorf("head:\n%s", h)
	}
}
