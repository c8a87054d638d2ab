// Package textutil holds small text helpers shared by the plain-text
// renderers: word wrapping by display width and padding.
package textutil

import (
	"strings"
	"unicode/utf8"
)

// Wrap wraps s to width columns (counted in runes), prefixing the first
// line with first and the others with rest. Words longer than the width are
// left whole.
func Wrap(s string, width int, first, rest string) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return strings.TrimRight(first, " ")
	}
	var b strings.Builder
	line := first
	lineLen := utf8.RuneCountInString(first)
	atStart := true
	for _, w := range words {
		wl := utf8.RuneCountInString(w)
		if !atStart && lineLen+1+wl > width {
			b.WriteString(line)
			b.WriteByte('\n')
			line, lineLen, atStart = rest, utf8.RuneCountInString(rest), true
		}
		if !atStart {
			line += " "
			lineLen++
		}
		line += w
		lineLen += wl
		atStart = false
	}
	b.WriteString(line)
	return b.String()
}

// Lines wraps s to width and returns the lines.
func Lines(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, strings.Split(Wrap(para, width, "", ""), "\n")...)
	}
	return out
}

// Pad pads s with spaces to n runes.
func Pad(s string, n int) string {
	if l := utf8.RuneCountInString(s); l < n {
		return s + strings.Repeat(" ", n-l)
	}
	return s
}

// Truncate shortens s to at most n runes, ending with an ellipsis when cut.
func Truncate(s string, n int, ellipsis string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	el := utf8.RuneCountInString(ellipsis)
	if n <= el {
		return string(r[:n])
	}
	return string(r[:n-el]) + ellipsis
}
