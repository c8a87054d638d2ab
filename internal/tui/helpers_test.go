package tui

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

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
	opts := Options{Set: set, Now: func() time.Time { return fixedNow }}
	opts.Start = startFunc(hs, set)
	opts.Save = func(s *assessment.Session, r *record.Record) error {
		hs.saves++
		r.Sync(s, fixedNow)
		return nil
	}
	if mod != nil {
		mod(&opts)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	hs.m = newRoot(opts, r)
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

// keyMsg turns a key name into a KeyMsg.
func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"left": tea.KeyLeft, "right": tea.KeyRight, "up": tea.KeyUp, "down": tea.KeyDown,
		"backspace": tea.KeyBackspace, "space": tea.KeySpace, "ctrl+c": tea.KeyCtrlC,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
	}
	if kt, ok := named[k]; ok {
		if kt == tea.KeySpace {
			return tea.KeyMsg{Type: kt, Runes: []rune{' '}}
		}
		return tea.KeyMsg{Type: kt}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

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
				_, last = h.m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			}
			continue
		}
		_, last = h.m.Update(keyMsg(k))
	}
	return last
}

func (h *harness) view() string { return h.m.View() }

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
