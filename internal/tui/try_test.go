package tui

import (
	"os"
	"testing"
	"time"

	rframeworks "github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// TestTryInTerminal runs the questionnaire on the real terminal, for trying
// it by hand (in tmux) before the assess command calls it. It is skipped
// unless REFLECT_TUI_TRY names a record file to save to (and resume from):
//
//	go test -c -o /tmp/tuitry ./internal/tui
//	REFLECT_TUI_TRY=/tmp/try.json /tmp/tuitry -test.run TestTryInTerminal
func TestTryInTerminal(t *testing.T) {
	path := os.Getenv("REFLECT_TUI_TRY")
	if path == "" {
		t.Skip("set REFLECT_TUI_TRY=FILE to try the questionnaire by hand")
	}
	set, err := framework.LoadFS(rframeworks.FS(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	save := func(s *assessment.Session, r *record.Record) error {
		r.Sync(s, time.Now())
		data, err := record.Marshal(r)
		if err != nil {
			return err
		}
		return os.WriteFile(path, data, 0o600)
	}
	opts := Options{Set: set, In: os.Stdin, Out: os.Stderr, Save: save, ASCII: os.Getenv("REFLECT_TUI_ASCII") != "",
		Start: func(scopes []assessment.Scope) (*assessment.Session, *record.Record, error) {
			plan, err := assessment.NewPlan(set, scopes)
			if err != nil {
				return nil, nil, err
			}
			sess, err := assessment.NewSession(plan)
			if err != nil {
				return nil, nil, err
			}
			rec := record.New(record.NewID(), time.Now(), record.Tool{Name: "reflect", Version: "try"}, plan)
			return sess, rec, save(sess, rec)
		}}
	if data, err := os.ReadFile(path); err == nil {
		rec, err := record.Decode(path, data)
		if err != nil {
			t.Fatal(err)
		}
		sess, _, _, err := record.Open(rec, set)
		if err != nil {
			t.Fatal(err)
		}
		opts.Session, opts.Record = sess, rec
	}
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("result: quit=%v finished=%v", res.Quit, res.Finished)
}
