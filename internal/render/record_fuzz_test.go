package render_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/render"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// FuzzExportText puts arbitrary text in every kind of free-text field and
// checks that each format renders without error, that the HTML never gains
// an element from it, and that no CSV cell can run as a formula.
func FuzzExportText(f *testing.F) {
	for _, s := range []string{"", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "\t=1", " @x", "Siân Ó Briain – “q” 😀",
		"# h\n1. l\n\n[x](y)", "\x00\xff\xfe", "a\r\nb", "]]><!--", strings.Repeat("w", 300)} {
		f.Add(s)
	}
	set, err := testfixture.MiniSet()
	if err != nil {
		f.Fatal(err)
	}
	base, err := testfixture.Full(set)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, _ := record.Marshal(base)
		r, err := record.Decode("x", b)
		if err != nil {
			t.Fatal(err)
		}
		r.Practitioner.Name = s
		r.Answers[0].Note = s
		r.Reflection.Sections[1].Text = s
		r.Benefit = s
		r.Plan[0].Objective = s
		r.Activity.Evidence[0].Description = s
		r.Reviews[0].Comments = s
		opt := render.RecordOptions{Set: set, ToolVersion: "fuzz", Now: testfixture.Clock}
		for _, format := range render.FormatNames() {
			var out bytes.Buffer
			if err := render.ExportRecord(&out, format, r, opt); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			switch format {
			case render.FormatHTML:
				// Every "<" in the page starts one of the template's own tags:
				// user text is always escaped.
				for _, m := range anyTag.FindAllString(out.String(), -1) {
					if !ownTag.MatchString(m) {
						t.Fatalf("the text %q put %q in the HTML", s, m)
					}
				}
			case render.FormatCSV:
				rows, err := readCSV(out.Bytes())
				if err != nil {
					t.Fatalf("CSV does not parse: %v", err)
				}
				for _, row := range rows {
					for _, c := range row {
						// A cell of spaces alone is harmless (and has no first
						// character after the spaces: fuzz find, kept as a seed).
						if lead := strings.TrimLeft(c, " "); lead != "" && strings.ContainsRune("=+-@\t\r\n", rune(lead[0])) && !strings.HasPrefix(c, "'") {
							t.Fatalf("unsafe cell %q", c)
						}
					}
				}
			}
		}
	})
}

var (
	anyTag = regexp.MustCompile(`<[^<]{0,12}`)
	ownTag = regexp.MustCompile(`^<(!DOCTYPE|/?(html|head|meta|title|style|body|main|header|section|h[1-4]|p|dl|dt|dd|div|table|thead|tbody|tr|th|td|span|ul|ol|li|em|strong|br|svg|desc|line|text|rect|footer)[\s>/])`)
)
