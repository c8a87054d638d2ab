package tui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/tui")

var fixedNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// loadMini parses testdata/frameworks/mini.yaml, optionally rewritten as
// another framework (id and code prefix) so tests can offer two.
func loadMini(t testing.TB, id, prefix string) *framework.Framework {
	t.Helper()
	data, err := os.ReadFile("../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if id != "mini" {
		s := strings.ReplaceAll(string(data), "MINI.", prefix+".")
		s = strings.Replace(s, "id: mini\n", "id: "+id+"\n", 1)
		s = strings.Replace(s, "short_title: Mini\n", "short_title: "+strings.ToUpper(id[:1])+id[1:]+"\n", 1)
		s = strings.Replace(s, "title: Placeholder framework for tests\n", "title: Second placeholder framework for tests\n", 1)
		data = []byte(s)
	}
	f, probs := framework.Parse(id+".yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return f
}

func newSet(t testing.TB, fws ...*framework.Framework) *framework.Set {
	t.Helper()
	set, probs := framework.NewSet(fws...)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return set
}

// harness is a root model with a fake caller: it counts saves and keeps
// what Start was given.
type harness struct {
	t      testing.TB
	m      *root
	saves  int
	scopes []assessment.Scope
}

func startFunc(h *harness, set *framework.Set) func([]assessment.Scope) (*assessment.Session, *record.Record, error) {
	return func(scopes []assessment.Scope) (*assessment.Session, *record.Record, error) {
		h.scopes = scopes
		plan, err := assessment.NewPlan(set, scopes)
		if err != nil {
			return nil, nil, err
		}
		sess, err := assessment.NewSession(plan)
		if err != nil {
			return nil, nil, err
		}
		rec := record.New("r-0000000000000001", fixedNow, record.Tool{Name: "reflect", Version: "test"}, plan)
		return sess, rec, nil
	}
}

// newHarness builds a root at w×h with a plain-text (ASCII profile)
// renderer, as the golden files are.
func newHarness(t testing.TB, set *framework.Set, w, h int, mod func(*Options)) *harness {
	t.Helper()
	hs := &harness{t: t}
	goals := 0
	opts := Options{Set: set, Now: func() time.Time { return fixedNow },
		NewGoalID: func() string { goals++; return "g-test" + itoa(goals) },
		HashFile: func(path string) (record.Evidence, error) {
			if strings.HasSuffix(path, "missing.pdf") {
				return record.Evidence{}, os.ErrNotExist
			}
			return record.Evidence{File: filepath.Base(path), SHA256: strings.Repeat("ab", 32), Size: 1234}, nil
		}}
	opts.Start = startFunc(hs, set)
	opts.Save = func(s *assessment.Session, r *record.Record) error {
		hs.saves++
		r.Sync(s, fixedNow)
		return nil
	}
	if mod != nil {
		mod(&opts)
	}
	hs.m = newRoot(opts)
	hs.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// started is a harness already past the setup, on the first question of
// the mini framework's "specialist" profile.
func started(t testing.TB, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, newSet(t, loadMini(t, "mini", "MINI")), w, h, nil)
	hs.keys("enter", "down", "enter")
	if hs.m.sess == nil {
		t.Fatalf("setup did not start a session:\n%s", hs.view())
	}
	return hs
}

// keyMsg turns a key name into a key press, as Bubble Tea v2 decodes it.
func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]tea.Key{
		"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"left":      {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight}, "up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown},
		"backspace": {Code: tea.KeyBackspace}, "space": {Code: tea.KeySpace, Text: " "},
		"ctrl+c": {Code: 'c', Mod: tea.ModCtrl}, "ctrl+d": {Code: 'd', Mod: tea.ModCtrl}, "ctrl+u": {Code: 'u', Mod: tea.ModCtrl},
		"pgdown": {Code: tea.KeyPgDown}, "pgup": {Code: tea.KeyPgUp},
	}
	if kk, ok := named[k]; ok {
		return tea.KeyPressMsg(kk)
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("keyMsg: unknown key " + k)
	}
	return runeKey(r[0])
}

// runeKey is a typed character.
func runeKey(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// keys sends keys; "type:TEXT" sends each rune of TEXT.
func (h *harness) keys(ks ...string) tea.Cmd {
	var last tea.Cmd
	for _, k := range ks {
		if text, ok := strings.CutPrefix(k, "type:"); ok {
			for _, r := range text {
				if r == '\n' {
					_, last = h.m.Update(keyMsg("enter"))
					continue
				}
				_, last = h.m.Update(runeKey(r))
			}
			continue
		}
		_, last = h.m.Update(keyMsg(k))
	}
	return last
}

// view is the frame as plain text: Bubble Tea v2 styles carry colours and
// attributes until the program downsamples them for the terminal, so the
// plain text is the frame with its escape sequences removed (what the v1
// ASCII colour profile drew).
func (h *harness) view() string { return ansi.Strip(h.m.View().Content) }

// golden compares got with testdata/tui/name.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "tui", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/tui -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file %s (rerun with -update and review the diff)\n--- got ---\n%s\n--- want ---\n%s", name, path, got, want)
	}
}

// checkFits fails when the view has more lines than h or a line wider than w.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, more than the height %d", len(lines), h)
	}
	for i, l := range lines {
		if n := lipgloss.Width(l); n > w {
			t.Errorf("line %d is %d wide, more than %d: %q", i+1, n, w, l)
		}
	}
}
