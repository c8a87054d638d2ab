package tui

import (
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/reflect-cpd/reflect/internal/textutil"
)

// page lays out a screen of exactly h lines: the header at the top, the
// footer at the bottom and as much of the body as fits between, starting
// at *scroll (clamped here). When the body does not fit, the first or last
// visible line becomes a "more" marker. Every line is cut to w columns.
func (t *Theme) page(w, h int, header, body, footer []string, scroll *int) string {
	avail := h - len(header) - len(footer)
	if avail < 1 {
		// Too small for everything: keep the body's first line and the
		// last footer line (the key hints).
		avail = 1
		if len(header) > 0 {
			header = header[:max(0, h-2)]
			if len(header) > h-2 {
				header = nil
			}
		}
		if len(footer) > 1 {
			footer = footer[len(footer)-1:]
		}
	}
	top := 0
	if scroll != nil {
		*scroll = max(0, min(*scroll, len(body)-avail))
		top = *scroll
	}
	visible := body[top:min(len(body), top+avail)]
	out := make([]string, 0, h)
	out = append(out, header...)
	for i, l := range visible {
		switch {
		case i == 0 && top > 0 && avail > 2:
			l = t.Muted.Render(t.Sym.Less)
		case i == len(visible)-1 && top+avail < len(body) && avail > 2:
			l = t.Muted.Render(t.Sym.More)
		}
		out = append(out, l)
	}
	for i := len(visible); i < avail; i++ {
		out = append(out, "")
	}
	out = append(out, footer...)
	for i, l := range out {
		// Statements, notes and names come from files other people may
		// have written: only styling sequences may reach the terminal.
		// Made safe before cutting, so that a replaced control character
		// counts towards the width. Every screen draws through here.
		out[i] = fit(textutil.ScreenSafe(l), w, t.Sym.Ellipsis)
	}
	return strings.Join(out, "\n")
}

// bodyRoom is how many body lines page shows for a header and footer.
func bodyRoom(h, header, footer int) int { return max(1, h-header-footer) }

// ensureVisible adjusts scroll so that line is inside a window of room lines.
func ensureVisible(scroll *int, line, room int) {
	// Leave one line of margin for the "more" markers.
	if line-1 < *scroll {
		*scroll = max(0, line-1)
	}
	if line+2 > *scroll+room {
		*scroll = line + 2 - room
	}
	*scroll = max(0, *scroll)
}

// fit cuts a (possibly styled) line to w display columns.
func fit(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, tail)
}

// wrap wraps plain text to w columns with a hanging indent for the lines
// after the first.
func wrap(s string, w int, first, rest string) []string {
	if w < 8 {
		w = 8
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, strings.Split(textutil.Wrap(para, w, first, rest), "\n")...)
		first = rest
	}
	return out
}

// bar draws a horizontal bar of width w filled to frac (0..1), with a
// target marker at target (0..1; negative for none).
func (t *Theme) bar(frac, target float64, w int) string { return t.barBelow(frac, target, w, false) }

// barBelow is bar, filled with the below-target shape when below.
func (t *Theme) barBelow(frac, target float64, w int, below bool) string {
	if w < 1 {
		return ""
	}
	frac = math.Max(0, math.Min(1, frac))
	full := int(math.Round(frac * float64(w)))
	mark := -1
	if target >= 0 {
		mark = min(w-1, int(math.Round(target*float64(w)))-1)
		if mark < 0 {
			mark = 0
		}
	}
	// Render runs of cells, not cells: styling is the costly part.
	var b strings.Builder
	run := func(from, to int) {
		if from >= to {
			return
		}
		if f := min(to, full); f > from {
			glyph := t.Sym.BarFull
			if below {
				glyph = t.Sym.BarBelow
			}
			b.WriteString(t.BarFull.Render(strings.Repeat(glyph, f-from)))
			from = f
		}
		if to > from {
			b.WriteString(t.BarEmpty.Render(strings.Repeat(t.Sym.BarEmpty, to-from)))
		}
	}
	if mark < 0 {
		run(0, w)
	} else {
		run(0, mark)
		b.WriteString(t.Warn.Render(t.Sym.Target))
		run(mark+1, w)
	}
	return b.String()
}

// percent formats a 0..1 fraction as a whole percentage.
func percent(f float64) string {
	return itoa(int(math.Round(f*100))) + "%"
}
