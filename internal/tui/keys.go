package tui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
)

func itoa(i int) string { return strconv.Itoa(i) }

func kb(keys []string, k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
}

// keyList is a help.KeyMap built from a short list and full groups.
type keyList struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyList) ShortHelp() []key.Binding  { return k.short }
func (k keyList) FullHelp() [][]key.Binding { return k.full }

// globalKeys work on every screen where the person is not typing.
type globalKeys struct {
	Help, Quit, ForceQuit key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help:      kb([]string{"?"}, "?", "more keys"),
		Quit:      kb([]string{"q"}, "q", "save & leave"),
		ForceQuit: kb([]string{"ctrl+c"}, "ctrl+c", "save & leave"),
	}
}

// listKeys drive the pickers and checklists.
type listKeys struct {
	Up, Down, Toggle, Done, Cancel, PageUp, PageDown key.Binding
	Move                                             key.Binding // help only: ↑/↓
}

func newListKeys() listKeys {
	return listKeys{
		Move:     kb([]string{"up", "down"}, "↑/↓", "move"),
		Up:       kb([]string{"up", "k"}, "↑/k", "up"),
		Down:     kb([]string{"down", "j"}, "↓/j", "down"),
		Toggle:   kb([]string{"space", "x"}, "space", "tick/untick"),
		Done:     kb([]string{"enter"}, "enter", "choose"),
		Cancel:   kb([]string{"esc"}, "esc", "back"),
		PageUp:   kb([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown: kb([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
	}
}

// questionKeys are the keys of the question screen.
type questionKeys struct {
	Rate, NA, Flag, Note, Next, Back, Areas, Unanswered, Search, Summary key.Binding
	ScrollUp, ScrollDown                                                 key.Binding
}

func newQuestionKeys(maxLevel int) questionKeys {
	rate := []string{}
	for i := 1; i <= min(9, maxLevel); i++ {
		rate = append(rate, itoa(i))
	}
	return questionKeys{
		Rate:       kb(rate, "1-"+itoa(min(9, maxLevel)), "rate"),
		NA:         kb([]string{"n"}, "n", "N/A"),
		Flag:       kb([]string{"f"}, "f", "flag priority"),
		Note:       kb([]string{"e"}, "e", "note"),
		Next:       kb([]string{"right", "l", "enter"}, "→/enter", "next"),
		Back:       kb([]string{"left", "h", "backspace"}, "←", "back"),
		Areas:      kb([]string{"a"}, "a", "areas"),
		Unanswered: kb([]string{"u"}, "u", "next unanswered"),
		Search:     kb([]string{"/"}, "/", "search"),
		Summary:    kb([]string{"s"}, "s", "summary"),
		ScrollUp:   kb([]string{"pgup", "ctrl+u"}, "pgup", "scroll up"),
		ScrollDown: kb([]string{"pgdown", "ctrl+d"}, "pgdn", "scroll down"),
	}
}

// editKeys are the keys of a text editor.
type editKeys struct {
	Done, Prev key.Binding
}

func newEditKeys() editKeys {
	return editKeys{
		Done: kb([]string{"tab", "esc"}, "tab/esc", "done"),
		Prev: kb([]string{"shift+tab"}, "shift+tab", "previous"),
	}
}
