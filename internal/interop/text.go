package interop

import (
	"html"
	"regexp"
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

// blockTags end a paragraph when they open or close.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "section": true, "article": true,
	"header": true, "footer": true, "hr": true, "dl": true, "dt": true, "dd": true, "figure": true,
	"figcaption": true, "address": true, "main": true, "nav": true, "aside": true,
}

type listLevel struct {
	target *[]*framework.Item
	cur    *framework.Item
	buf    strings.Builder
}

// htmlText converts an HTML fragment, as Moodle stores descriptions, to
// plain text. Block elements end paragraphs, <br> ends a line, entities
// are decoded, scripts and styles are dropped, and list items are
// returned as Items (nested lists as nested items). It never fails: text
// that is not well-formed HTML comes through as text.
func htmlText(s string) richText {
	var out richText
	var para strings.Builder
	var stack []*listLevel
	flushPara := func() {
		if t := cleanLines(para.String()); t != "" {
			out.Paras = append(out.Paras, t)
		}
		para.Reset()
	}
	finishItem := func(l *listLevel) {
		if l.cur != nil {
			l.cur.Text = collapse(l.buf.String())
		}
		l.buf.Reset()
	}
	addText := func(t string) {
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			if top.cur != nil {
				top.buf.WriteString(t)
				return
			}
			if strings.TrimSpace(t) == "" {
				return
			}
		}
		para.WriteString(t)
	}
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			// In HTML a line break in the source is only white space.
			addText(strings.Map(newlineToSpace, html.UnescapeString(s[i:i+j])))
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		start := i
		end := tagEnd(s, start)
		if end < 0 {
			addText(html.UnescapeString(s[start:]))
			break
		}
		body := s[start+1 : end]
		name, closing := tagName(body)
		if name == "" {
			if strings.HasPrefix(body, "!") || strings.HasPrefix(body, "?") {
				i = end + 1 // <!DOCTYPE …>, <?xml …?>
			} else {
				addText("<") // a lone "<", as in "a < b"
				i = start + 1
			}
			continue
		}
		i = end + 1
		switch {
		case name == "script" || name == "style":
			if !closing {
				if k := strings.Index(strings.ToLower(s[i:]), "</"+name); k >= 0 {
					i += k
				} else {
					i = len(s)
				}
			}
		case name == "br":
			if len(stack) > 0 && stack[len(stack)-1].cur != nil {
				addText(" ")
			} else {
				para.WriteString("\n")
			}
		case name == "ul" || name == "ol":
			if !closing {
				flushPara()
				target := &out.Items
				if len(stack) > 0 {
					top := stack[len(stack)-1]
					if top.cur != nil {
						target = &top.cur.Items
					} else {
						target = top.target
					}
				}
				stack = append(stack, &listLevel{target: target})
			} else if len(stack) > 0 {
				finishItem(stack[len(stack)-1])
				stack = stack[:len(stack)-1]
			}
		case name == "li":
			if len(stack) == 0 {
				// A stray <li> outside a list: treat it as a list.
				stack = append(stack, &listLevel{target: &out.Items})
			}
			top := stack[len(stack)-1]
			if !closing {
				finishItem(top)
				top.cur = &framework.Item{}
				*top.target = append(*top.target, top.cur)
			} else {
				finishItem(top)
				top.cur = nil
			}
		case blockTags[name]:
			if len(stack) > 0 && stack[len(stack)-1].cur != nil {
				addText(" ")
			} else {
				flushPara()
			}
		}
	}
	for len(stack) > 0 {
		finishItem(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	flushPara()
	out.Items = pruneItems(out.Items)
	return out
}

// tagEnd finds the '>' that ends the tag starting at s[start], skipping
// quoted attribute values; -1 when there is none.
func tagEnd(s string, start int) int {
	var quote byte
	for i := start + 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// tagName returns the lower-case element name of a tag body ("p class=x",
// "/ul", "br/") and whether it is a closing tag; "" when it is no tag.
func tagName(body string) (string, bool) {
	closing := strings.HasPrefix(body, "/")
	body = strings.TrimPrefix(body, "/")
	n := 0
	for n < len(body) && (body[n] >= 'a' && body[n] <= 'z' || body[n] >= 'A' && body[n] <= 'Z' || n > 0 && body[n] >= '0' && body[n] <= '9') {
		n++
	}
	if n == 0 {
		return "", false
	}
	return strings.ToLower(body[:n]), closing
}

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

var mdItemRE = regexp.MustCompile(`^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$`)

// markdownText splits Markdown-ish text into paragraphs and the items of
// its bulleted or numbered lists (nested by indentation). Text with no
// list, or that is nothing but a list, comes back whole.
func markdownText(s string) richText {
	s = plainText(s)
	lines := strings.Split(s, "\n")
	type level struct {
		indent int
		target *[]*framework.Item
	}
	var items []*framework.Item
	var stack []level
	var last *framework.Item
	var text []string
	inList := false
	for _, l := range lines {
		if m := mdItemRE.FindStringSubmatch(l); m != nil {
			indent := indentWidth(m[1])
			for len(stack) > 0 && indent < stack[len(stack)-1].indent {
				stack = stack[:len(stack)-1]
			}
			switch {
			case len(stack) == 0:
				stack = append(stack, level{indent, &items})
			case indent > stack[len(stack)-1].indent && last != nil:
				stack = append(stack, level{indent, &last.Items})
			}
			it := &framework.Item{Text: collapse(m[2])}
			top := stack[len(stack)-1]
			*top.target = append(*top.target, it)
			last = it
			inList = true
			continue
		}
		if strings.TrimSpace(l) == "" {
			if !inList {
				text = append(text, "")
			}
			continue
		}
		if inList && last != nil && indentWidth(l) > 0 {
			last.Text = collapse(last.Text + " " + l)
			continue
		}
		if inList {
			text = append(text, "") // the list ended a paragraph
		}
		inList, last, stack = false, nil, nil
		text = append(text, l)
	}
	lead := strings.TrimSpace(strings.Join(text, "\n"))
	if len(items) == 0 || lead == "" {
		return richText{Paras: paragraphs(s)}
	}
	return richText{Paras: paragraphs(lead), Items: pruneItems(items)}
}

func indentWidth(s string) int {
	w := 0
	for _, r := range s {
		switch r {
		case ' ':
			w++
		case '\t':
			w += 4
		default:
			return w
		}
	}
	return w
}

// markdownItems writes items as a nested Markdown list, two spaces per level.
func markdownItems(b *strings.Builder, items []*framework.Item, indent string) {
	for _, it := range items {
		b.WriteString(indent)
		b.WriteString("- ")
		b.WriteString(collapse(it.Text))
		b.WriteByte('\n')
		markdownItems(b, it.Items, indent+"  ")
	}
}

// htmlItems writes items as nested HTML lists.
func htmlItems(b *strings.Builder, items []*framework.Item) {
	if len(items) == 0 {
		return
	}
	b.WriteString("<ul>")
	for _, it := range items {
		b.WriteString("<li>")
		b.WriteString(html.EscapeString(it.Text))
		htmlItems(b, it.Items)
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
}

func newlineToSpace(r rune) rune {
	if r == '\n' || r == '\r' {
		return ' '
	}
	return r
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
