//go:build linux

package hardening

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// A review left part way on a real terminal keeps what was typed: line by
// line, Ctrl+C (SIGINT from the terminal) keeps a draft and stops with
// exit status 130, as assess line mode does; on the full screen, leaving
// with Ctrl+C keeps a draft too. The next review of the record offers it.
func TestReviewLeftOnATerminalKeepsADraft(t *testing.T) {
	binarytest.SkipIfShort(t, "pty test")
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script (util-linux) is not installed to make a terminal")
	}
	for _, mode := range []string{"line by line", "full screen"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			rec := filepath.Join(dir, "rec.json")
			if err := os.WriteFile(rec, mustRead(t, root("testdata/records/full.json")), 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{binary, "review", rec, "--framework", root("testdata/frameworks/mini.yaml"), "-o", filepath.Join(dir, "out.json")}
			if mode == "line by line" {
				args = append(args, "--accessible")
			}
			cmd := exec.Command(script, "-qec", shellQuote(args), "/dev/null")
			cmd.Env = []string{"REFLECT_DATA_DIR=" + dir, "REFLECT_CONFIG_DIR=" + filepath.Join(dir, "cfg"), "HOME=" + dir, "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
			p := binarytest.Start(t, cmd)
			want := 130
			if mode == "line by line" {
				p.WaitForStdout(t, "Your comment on this need")
				p.Type(t, "Practise asking in supervision\r")
				p.WaitForStdout(t, "> ")
				p.Type(t, ".\r")
				p.WaitForStdout(t, "Need 2 of")
				time.Sleep(200 * time.Millisecond)
				p.Type(t, "\x03")
			} else {
				p.WaitForStdout(t, "\x1b]11;?")
				p.Type(t, "\x1b]11;rgb:0000/0000/0000\x1b\\")
				p.WaitForStdout(t, "read the record")
				p.Type(t, "\r")
				p.WaitForStdout(t, "need 1 of")
				p.Type(t, "Practise asking in supervision")
				// The screen redraws only the cells that change, so the
				// words never arrive whole: give it time to take them.
				time.Sleep(500 * time.Millisecond)
				p.Type(t, "\x03")
				p.WaitForStdout(t, "kept as a draft")
				p.Type(t, "y")
				want = 1
			}
			if code := p.ExitCode(t); code != want {
				t.Errorf("exit %d, want %d\n%s", code, want, p.Stdout())
			}
			if flat := strings.Join(strings.Fields(p.Stdout()), " "); !strings.Contains(flat, "kept as a draft in") || !strings.Contains(flat, "To carry on, run:") {
				t.Errorf("no word on the draft:\n%q", p.Stdout())
			}
			d, err := os.ReadFile(filepath.Join(dir, "review-drafts", "r-00000000000000f1.yaml"))
			if err != nil || !strings.Contains(string(d), "Practise asking in supervision") {
				t.Fatalf("the draft does not hold what was typed (%v):\n%s", err, d)
			}
			if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
				t.Error("a review was written")
			}
		})
	}
}
