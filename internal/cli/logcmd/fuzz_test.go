package logcmd_test

import (
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
)

// FuzzPrompts types anything into the line prompts of every kind of
// entry: reflect must stop when the input ends, never panic, and whatever
// it saved must be a log that verifies and entries that pass the checks.
func FuzzPrompts(f *testing.F) {
	f.Add("activity", "Study day\n2026-03-05\n\nhelp\nback\n\nskip\n1\n6:30\n\nTopic\n.\n\n\n1,3\n\n\n\ny\n")
	f.Add("feedback", "2026-02-30\n2026-02-01\n1\n2\n\nMrs Jones said\n.\nlearnt\n.\n\n\n\nn\n")
	f.Add("discussion", "today\nSam\n1\nnot-an-email\nsam@x.org\naddr\nNG7 2UH\n\n\ny\n")
	f.Add("practice", "-\nquit\n")
	f.Add("profile", strings.Repeat("word ", 200)+"\n.\n")
	f.Fuzz(func(t *testing.T, kind, input string) {
		if cpdlog.Kind(kind) == nil || kind == cpdlog.KindSettings || len(input) > 4096 {
			return
		}
		e := newEnv(t)
		e.settings()
		e.run(input, "log", "add", kind)
		v := cpdlog.Verify(e.logBytes(), "")
		if !v.OK() {
			t.Fatalf("the log does not verify: %v", v.Breaks)
		}
		l, err := cpdlog.Parse("log", e.logBytes())
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range l.Entries(true) {
			if en.Item.Kind != kind {
				t.Fatalf("saved a %s from the %s prompts", en.Item.Kind, kind)
			}
			if es := cpdlog.Validate(&en.Item, cpdlog.Context{Today: e.clock, Regulators: []string{"nmc"}}); len(es) > 0 {
				for _, x := range es {
					if x.Key != "type" && x.Key != "records" && x.Key != "activities" && x.Key != "accounts" && x.Key != "chosen" {
						t.Fatalf("saved an entry that fails its checks: %v", es)
					}
				}
			}
		}
	})
}
