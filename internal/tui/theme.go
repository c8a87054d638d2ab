package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Symbols are the glyphs the screens draw, in Unicode or in ASCII.
type Symbols struct {
	Pointer, RadioOn, RadioOff, CheckOn, CheckOff  string
	Flag, Note, Bullet, SubBullet, Crumb, Ellipsis string
	BarFull, BarEmpty, Target, More, Less, Dot     string
	// BarBelow fills a bar below its target: a different shape, so that
	// below target does not rest on colour alone.
	BarBelow string
}

var (
	unicodeSymbols = Symbols{Pointer: "›", RadioOn: "(●)", RadioOff: "( )", CheckOn: "[x]", CheckOff: "[ ]",
		Flag: "⚑", Note: "✎", Bullet: "•", SubBullet: "◦", Crumb: " › ", Ellipsis: "…",
		BarFull: "█", BarEmpty: "░", Target: "│", More: "↓ more", Less: "↑ more", Dot: " · ", BarBelow: "▒"}
	asciiSymbols = Symbols{Pointer: ">", RadioOn: "(*)", RadioOff: "( )", CheckOn: "[x]", CheckOff: "[ ]",
		Flag: "!", Note: "+", Bullet: "-", SubBullet: "-", Crumb: " > ", Ellipsis: "...",
		BarFull: "#", BarEmpty: ".", Target: "|", More: "v more", Less: "^ more", Dot: " - ", BarBelow: "="}
)

// Theme holds every style and symbol the screens use. It is built per
// program (and again when the terminal says whether its background is
// dark); nothing is global. Styles carry full colours: Bubble Tea
// downsamples them to the output's colour profile as it draws, and the
// golden tests strip them.
type Theme struct {
	Sym  Symbols
	Dark bool // the colours are chosen for a dark background

	Title, Crumb, Code, Statement, Muted, Selected, Current lipgloss.Style
	Key, Error, Status, Good, Warn, BarFull, BarEmpty       lipgloss.Style
	Cursor                                                  lipgloss.Style
	Help                                                    help.Styles
}

// newTheme builds the theme for a dark or light background. noColor keeps
// bold and reverse video but sets no colours.
func newTheme(ascii, noColor, dark bool) *Theme {
	t := &Theme{Sym: unicodeSymbols, Dark: dark}
	if ascii {
		t.Sym = asciiSymbols
	}
	s := lipgloss.NewStyle
	pick := lipgloss.LightDark(dark)
	fg := func(st lipgloss.Style, c color.Color) lipgloss.Style {
		if noColor {
			return st
		}
		return st.Foreground(c)
	}
	accent := pick(lipgloss.Color("#1B5E7A"), lipgloss.Color("#7FC8E0"))
	muted := pick(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A"))
	calm := pick(lipgloss.Color("#2E7D4F"), lipgloss.Color("#8FD19E"))
	warn := pick(lipgloss.Color("#9A5B00"), lipgloss.Color("#E8B36A"))
	bad := pick(lipgloss.Color("#A32020"), lipgloss.Color("#F08080"))

	t.Title = fg(s().Bold(true), accent)
	t.Crumb = fg(s(), muted)
	t.Code = fg(s(), muted)
	t.Statement = s().Bold(true)
	t.Muted = fg(s(), muted)
	t.Selected = fg(s(), accent).Bold(true)
	t.Current = fg(s(), calm).Bold(true)
	t.Key = fg(s(), accent)
	t.Error = fg(s(), bad).Bold(true)
	t.Status = fg(s(), calm)
	t.Good = fg(s(), calm)
	t.Warn = fg(s(), warn)
	t.BarFull = fg(s(), accent)
	t.BarEmpty = fg(s(), muted)
	t.Cursor = s().Reverse(true)
	t.Help = help.Styles{
		ShortKey: fg(s(), accent), ShortDesc: fg(s(), muted), ShortSeparator: fg(s(), muted),
		Ellipsis: fg(s(), muted), FullKey: fg(s(), accent), FullDesc: fg(s(), muted),
		FullSeparator: fg(s(), muted),
	}
	return t
}
