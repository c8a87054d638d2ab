//go:build linux

package hardening

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// TestFullScreenReviewCannotBeDrivenByTheRecord opens the full-screen
// review of a record whose practitioner name holds terminal control
// sequences, on a real terminal (a pty made by script(1)), then leaves it
// with Ctrl+C. The screen shows the name with U+FFFD where each control
// character was; the raw bytes sent to the terminal never hold the name's
// own sequences (the title change, the screen clear, the C1 CSI).
func TestFullScreenReviewCannotBeDrivenByTheRecord(t *testing.T) {
	binarytest.SkipIfShort(t, "pty test")
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script (util-linux) is not installed to make a terminal")
	}
	full := string(mustRead(t, root("testdata/records/full.json")))
	evil := strings.Replace(full, `"name": "Siân Ó Briain"`, `"name": "Si\u001b[2J\u001b]0;pwned\u0007\u009b31mX"`, 1)
	dir := t.TempDir()
	rec := filepath.Join(dir, "evil.json")
	if err := os.WriteFile(rec, []byte(evil), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(script, "-qec", shellQuote([]string{binary, "review", rec, "--framework", root("testdata/frameworks/mini.yaml"), "-o", filepath.Join(dir, "out.json")}), "/dev/null")
	cmd.Env = []string{"REFLECT_DATA_DIR=" + dir, "HOME=" + dir, "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	p := binarytest.Start(t, cmd)
	// No terminal emulator answers here. The full screen asks for the
	// background colour (and draws without waiting for the answer):
	// reply as a terminal would, then press Ctrl+C once the review is on
	// the screen.
	p.WaitForStdout(t, "\x1b]11;?")
	p.Type(t, "\x1b]11;rgb:0000/0000/0000\x1b\\")
	p.WaitForStdout(t, "Review: Si")
	p.Type(t, "\x03")
	p.ExitCode(t)
	raw := p.Stdout()
	if !strings.Contains(raw, "Si\uFFFD[2J\uFFFD]0;pwned\uFFFD\uFFFD31mX") {
		t.Errorf("the review never showed the name made harmless:\n%q", raw)
	}
	// The only BEL allowed is the one that ends reflect's own background
	// colour query.
	own := strings.ReplaceAll(raw, "\x1b]11;?\x07", "")
	for _, bad := range []string{"\x1b]0;pwned", "Si\x1b[2J", "\u009b31m", "\x07"} {
		if strings.Contains(own, bad) {
			t.Errorf("the name's own sequence %q reached the terminal:\n%q", bad, raw)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err == nil {
		t.Errorf("leaving the review wrote a review file")
	}
}
