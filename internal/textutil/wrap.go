// Package textutil holds small text helpers shared by the plain-text
// renderers: word wrapping by display width and padding.
package textutil

import (
	"strings"
	"unicode/utf8"
)

// Wrap wraps s to width columns (counted in runes), prefixing the first
// line with first and the others with rest. Words longer than the width are
// left whole, and a number written in groups (a phone number such as
// 116 123 or 0800 068 4141) is never broken across lines.
func Wrap(s string, width int, first, rest string) string {
	words := keepNumbersWhole(strings.Fields(s))
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

// keepNumbersWhole joins a group of digits to the digits after it ("116"
// and "123," become "116 123,"), so that wrapping keeps them together.
func keepNumbersWhole(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if n := len(out); n > 0 && allDigits(lastGroup(out[n-1])) && allDigits(strings.TrimRight(w, ",.;:)")) {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// lastGroup is the last space-separated group of a joined word.
func lastGroup(w string) string {
	if i := strings.LastIndexByte(w, ' '); i >= 0 {
		return w[i+1:]
	}
	return w
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
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
