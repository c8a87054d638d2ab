package tui

import (
	"fmt"
	"testing"
)

// screens are the golden scenarios: keys from a fresh start (mini
// framework, "specialist" profile unless setup says otherwise).
var screens = []struct {
	name  string
	two   bool     // offer two frameworks (shows the framework choice)
	setup bool     // stay in setup (do not start)
	keys  []string // keys after the start
}{
	{name: "welcome", setup: true},
	{name: "frameworks", two: true, setup: true, keys: []string{"enter", "space"}},
	{name: "profiles", setup: true, keys: []string{"enter"}},
	{name: "areas", setup: true, keys: []string{"enter", "down", "down", "enter", "space", "down"}},
	{name: "question", keys: []string{"right"}},
	{name: "question-answered", keys: []string{"right", "2", "left", "f", "e", "type:Read NICE NG225\nwith my supervisor", "tab"}},
	{name: "na-reasons", keys: []string{"n"}},
	{name: "note", keys: []string{"e", "type:Reflected on a shift"}},
	{name: "area-list", keys: []string{"a", "down"}},
	{name: "search", keys: []string{"/", "type:calmly"}},
	{name: "help", keys: []string{"?"}},
	{name: "summary", keys: []string{"1", "2", "n", "enter", "3", "f", "s"}},
	{name: "details", keys: []string{"1", "2", "3", "3", "1", "r", "type:Sam Patel", "tab", "type:Nurse"}},
	{name: "model", keys: reflectFrom("model")},
	{name: "focus", keys: reflectFrom("focus")},
	{name: "intro", keys: append(reflectFrom("model"), "down", "down", "down", "enter")}, // the reflection after a death: no focus, its introduction
	{name: "section", keys: append(reflectFrom("section"), "type:I noticed I avoid asking directly.")},
	{name: "standards", keys: append(reflectFrom("standards"), "space")},
	{name: "goals", keys: reflectFrom("goals")},
	{name: "goal-form", keys: append(reflectFrom("goals"), "enter", "type:Ask about suicide calmly", "tab", "tab", "tab", "tab", "type:30/09/2026", "tab")},
	{name: "activity", keys: append(reflectFrom("activity"), "tab", "tab", "tab", "tab", "type:NaN", "tab")},
	{name: "activity-dates", keys: append(reflectFrom("activity"), "tab", "tab", "backspace", "type:5", "tab", "backspace", "type:1", "tab")},
	{name: "evidence", keys: append(reflectFrom("evidence"), "enter", "type:certificate.pdf", "tab", "type:Certificate", "tab")},
	{name: "check", keys: append(reflectFrom("section"), "type:I spoke to Mr Smith on Ward 7.", "tab", "tab", "tab", "tab", "enter", "down", "enter", "tab", "tab", "tab", "tab", "tab", "tab", "down", "down", "enter")},
	{name: "done", keys: append(reflectFrom("check"), "y")},
}

// reflectFrom is the keys from the start to a step of the reflection:
// every item answered, r, then each step before it left as it is.
func reflectFrom(step string) []string {
	keys := []string{"1", "2", "3", "3", "1", "r"}
	for _, s := range []struct {
		id   string
		keys []string
	}{
		{"details", nil},
		{"model", []string{"tab", "tab", "tab", "tab", "tab", "tab"}},
		{"focus", []string{"enter"}},
		{"section", []string{"enter"}},
		{"standards", []string{"tab", "tab", "tab", "tab"}},
		{"goals", []string{"enter"}},
		{"activity", []string{"down", "enter"}},
		{"evidence", []string{"tab", "tab", "tab", "tab", "tab", "tab"}},
		{"check", []string{"down", "down", "enter"}},
	} {
		keys = append(keys, s.keys...)
		if s.id == step {
			return keys
		}
	}
	panic("no step " + step)
}

func TestGoldenViews(t *testing.T) {
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {40, 12}} {
			w, h := size[0], size[1]
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, w, h), func(t *testing.T) {
				var hs *harness
				switch {
				case sc.two:
					hs = newHarness(t, newSet(t, loadMini(t, "mini", "MINI"), loadMini(t, "minb", "MINB")), w, h, nil)
				case sc.setup:
					hs = newHarness(t, newSet(t, loadMini(t, "mini", "MINI")), w, h, nil)
				default:
					hs = started(t, w, h)
				}
				hs.keys(sc.keys...)
				v := hs.view()
				checkFits(t, v, w, h)
				golden(t, fmt.Sprintf("%s-%dx%d", sc.name, w, h), v)
			})
		}
	}
}

// TestViewsFitEverySize renders each scenario at many sizes: no panic, and
// nothing wider or taller than the screen.
func TestViewsFitEverySize(t *testing.T) {
	for _, sc := range screens {
		for _, w := range []int{20, 33, 40, 57, 80, 132} {
			for _, h := range []int{6, 12, 17, 24, 50} {
				hs := newHarness(t, newSet(t, loadMini(t, "mini", "MINI"), loadMini(t, "minb", "MINB")), w, h, nil)
				if !sc.setup {
					hs.keys("enter", "space", "enter", "down", "enter", "down", "enter")
				}
				hs.keys(sc.keys...)
				t.Run(fmt.Sprintf("%s-%dx%d", sc.name, w, h), func(t *testing.T) { checkFits(t, hs.view(), w, h) })
			}
		}
	}
}
