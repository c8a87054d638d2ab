package tui

import (
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// fuzzKeys maps a byte to a key: the commands of every screen, text, and
// the navigation keys, so random input walks through all the screens.
var fuzzKeys = []string{"enter", "esc", "tab", "shift+tab", "left", "right", "up", "down", "backspace", "space",
	"pgdown", "pgup", "1", "2", "3", "4", "9", "n", "f", "e", "a", "u", "/", "s", "r", "b", "y", "d", "?", "x", "q", "ctrl+c"}

// FuzzKeys sends any sequence of keys and resizes: no panic, and every
// view fits the screen.
func FuzzKeys(f *testing.F) {
	f.Add([]byte{0, 0, 0, 12, 13, 14, 15, 24, 0, 0, 30})
	f.Add([]byte("\x00\x00\x00\x0c\x0d\x0e\x0c\x0c\x18\x00\x00\x02\x02\x02\x02\x00\x09\x16\x11"))
	f.Add([]byte{0, 9, 0, 13, 14, 26, 28, 1, 1, 23, 200, 3, 27})
	set := newSet(f, loadMini(f, "mini", "MINI"), loadMini(f, "minb", "MINB"))
	f.Fuzz(func(t *testing.T, data []byte) {
		hs := newHarness(t, set, 80, 24, nil)
		w, h := 80, 24
		for _, b := range data {
			switch {
			case b >= 250: // resize
				w, h = 20+int(b-250)*15, 6+int(b-250)*5
				hs.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			case b >= 200: // a typed letter
				hs.m.Update(runeKey(rune('a' + b - 200)))
			default:
				k := fuzzKeys[int(b)%len(fuzzKeys)]
				if k == "q" || k == "ctrl+c" {
					if b < 128 {
						continue // keep going most of the time
					}
				}
				hs.m.Update(keyMsg(k))
			}
			v := hs.view()
			if !utf8.ValidString(v) {
				t.Fatalf("invalid UTF-8 in view")
			}
			checkFits(t, v, w, h)
			if t.Failed() {
				return
			}
		}
	})
}
