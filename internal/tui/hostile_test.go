package tui

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/record"
)

// hostileText holds escape sequences that would clear the screen, write
// to the clipboard (OSC 52), set the window title, move the cursor and
// overwrite a line, as a note saved by line mode (or edited by hand) may.
const hostileText = "before\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b]0;title\x1b\\\x1b[1;1H\rafter\u009b2J"

// assertNoTerminalControl fails when a view holds anything but SGR
// styling sequences.
func assertNoTerminalControl(t *testing.T, where, v string) {
	t.Helper()
	for _, bad := range []string{"\x1b[2J", "\x1b]", "\x1b\\", "\x1b[1;1H", "\r", "\u009b", "\a"} {
		if strings.Contains(v, bad) {
			t.Errorf("%s: the view passes %q to the terminal:\n%q", where, bad, v)
		}
	}
}

func TestHostileTextIsNotSentToTheTerminal(t *testing.T) {
	set := newSet(t, loadMini(t, "mini", "MINI"))
	plan, _ := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}})
	sess, _ := assessment.NewSession(plan)
	first := plan.Items[0].Code()
	_ = sess.Rate(first, 2)
	if err := sess.SetNote(first, hostileText); err != nil {
		t.Fatal(err)
	}
	rec := record.New("r-1", fixedNow, record.Tool{}, plan)
	hs := newHarness(t, set, 80, 24, func(o *Options) { o.Session, o.Record, o.Start = sess, rec, nil })
	hs.keys("enter")
	v := hs.view()
	if !strings.Contains(v, "before\uFFFD[2J\uFFFD]52") {
		t.Fatalf("the note is not shown, made harmless:\n%s", v)
	}
	assertNoTerminalControl(t, "question", v)
	for _, line := range strings.Split(v, "\n") {
		if w := len([]rune(line)); w > 80 {
			t.Errorf("a line is %d characters wide, more than the terminal's 80: %q", w, line)
		}
	}
}
