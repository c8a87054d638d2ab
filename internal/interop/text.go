package interop

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// richText is text read from a source: paragraphs of plain text and the
// list items found in it, which become a competence's sub-items.
type richText struct {
	Paras []string
	Items []*framework.Item
}

// Text joins the paragraphs with blank lines.
func (r richText) Text() string { return strings.Join(r.Paras, "\n\n") }

// pruneItems drops empty items, lifting their children into their place.
func pruneItems(items []*framework.Item) []*framework.Item {
	var out []*framework.Item
	for _, it := range items {
		it.Items = pruneItems(it.Items)
		if it.Text == "" {
			out = append(out, it.Items...)
			continue
		}
		out = append(out, it)
	}
	return out
}

// collapse turns every run of white space into one space and trims.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleanLines collapses white space within each line, drops empty lines
// and trims.
func cleanLines(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = collapse(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// plainText normalises text from a source that is not HTML: line endings
// become \n, trailing spaces go, runs of blank lines become one.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []string
	blank := false
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			blank = true
			continue
		}
		if blank && len(out) > 0 {
			out = append(out, "")
		}
		blank = false
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// paragraphs splits plain text at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(plainText(s), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// clean removes characters that have no place in a framework file: NUL
// and other control characters (tab and line feed stay; carriage returns
// are left for the line-ending handling), non-characters, and invalid
// UTF-8, which becomes U+FFFD.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if badRune(r) {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if badRune(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func badRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0xfffe, r == 0xffff:
		return true
	}
	return false
}
