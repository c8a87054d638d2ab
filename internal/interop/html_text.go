package interop

import (
	"html"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

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
			// clean again after decoding: "&#17;" is a control character.
			addText(strings.Map(newlineToSpace, clean(html.UnescapeString(s[i:i+j]))))
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
			addText(clean(html.UnescapeString(s[start:])))
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
				i = closingTag(s, i, name)
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

// closingTag is where "</name" (in any case) starts at or after from, or
// len(s): one pass, with offsets into s itself (lower-casing the rest
// would cost a pass per tag and could move the offsets).
func closingTag(s string, from int, name string) int {
	for i := from; i < len(s); i++ {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		i += j
		if k := i + 2 + len(name); k <= len(s) && strings.EqualFold(s[i+2:k], name) {
			return i
		}
	}
	return len(s)
}
