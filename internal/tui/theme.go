package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Symbols are the glyphs the screens draw, in Unicode or in ASCII.
type Symbols struct {
	Pointer, RadioOn, RadioOff, CheckOn, CheckOff  string
	Flag, Note, Bullet, SubBullet, Crumb, Ellipsis string
	BarFull, BarEmpty, Target, More, Less, Dot     string
}

var (
	unicodeSymbols = Symbols{Pointer: "›", RadioOn: "(●)", RadioOff: "( )", CheckOn: "[x]", CheckOff: "[ ]",
		Flag: "⚑", Note: "✎", Bullet: "•", SubBullet: "◦", Crumb: " › ", Ellipsis: "…",
		BarFull: "█", BarEmpty: "░", Target: "│", More: "↓ more", Less: "↑ more", Dot: " · "}
	asciiSymbols = Symbols{Pointer: ">", RadioOn: "(*)", RadioOff: "( )", CheckOn: "[x]", CheckOff: "[ ]",
		Flag: "!", Note: "+", Bullet: "-", SubBullet: "-", Crumb: " > ", Ellipsis: "...",
		BarFull: "#", BarEmpty: ".", Target: "|", More: "v more", Less: "^ more", Dot: " - "}
)

// Theme holds every style and symbol the screens use. It is built once per
// program from the output's colour profile; nothing is global.
type Theme struct {
	R   *lipgloss.Renderer
	Sym Symbols

	Title, Crumb, Code, Statement, Muted, Selected, Current lipgloss.Style
	Key, Error, Status, Good, Warn, BarFull, BarEmpty       lipgloss.Style
	Cursor                                                  lipgloss.Style
	Help                                                    help.Styles
}

// newTheme builds the theme on a renderer (whose colour profile decides
// what reaches the terminal; termenv.Ascii gives plain text, as the golden
// tests use). noColor keeps bold and reverse video but sets no colours.
func newTheme(r *lipgloss.Renderer, ascii, noColor bool) *Theme {
	t := &Theme{R: r, Sym: unicodeSymbols}
	if ascii {
		t.Sym = asciiSymbols
	}
	s := r.NewStyle
	fg := func(st lipgloss.Style, c lipgloss.AdaptiveColor) lipgloss.Style {
		if noColor {
			return st
		}
		return st.Foreground(c)
	}
	accent := lipgloss.AdaptiveColor{Light: "#1B5E7A", Dark: "#7FC8E0"}
	muted := lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#9A9A9A"}
	calm := lipgloss.AdaptiveColor{Light: "#2E7D4F", Dark: "#8FD19E"}
	warn := lipgloss.AdaptiveColor{Light: "#9A5B00", Dark: "#E8B36A"}
	bad := lipgloss.AdaptiveColor{Light: "#A32020", Dark: "#F08080"}

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
