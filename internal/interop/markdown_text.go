package interop

import (
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/lazy"
)

var mdItemRE = lazy.MustCompile(`^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$`)

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
