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

// TestRecordTextCannotDriveTheTerminal gives reflect a record whose
// practitioner name holds terminal control sequences (clear the screen, set
// the window title, a C1 CSI) and shows it on a real terminal (a pty made
// by script(1)): the reviewer's terminal receives U+FFFD in their place,
// never ESC, BEL or the C1 byte. Into a pipe the export keeps the bytes
// exactly, since it is data there.
func TestRecordTextCannotDriveTheTerminal(t *testing.T) {
	binarytest.SkipIfShort(t, "pty test")
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script (util-linux) is not installed to make a terminal")
	}
	full := string(mustRead(t, root("testdata/records/full.json")))
	evil := strings.Replace(full, `"name": "Siân Ó Briain"`, `"name": "Si\u001b[2J\u001b]0;pwned\u0007\u009b31mX"`, 1)
	if evil == full {
		t.Fatal("fixture name not found")
	}
	dir := t.TempDir()
	rec := filepath.Join(dir, "evil.json")
	if err := os.WriteFile(rec, []byte(evil), 0o600); err != nil {
		t.Fatal(err)
	}
	mini := root("testdata/frameworks/mini.yaml")
	for _, args := range [][]string{
		{"review", rec, "--framework", mini, "--print"},
		{"export", rec, "--framework", mini, "--format", "nmc"},
		{"export", rec, "--framework", mini, "--format", "md"},
		{"review", rec, "--framework", mini, "--accessible", "-o", filepath.Join(dir, "out.json")},
	} {
		cmd := exec.Command(script, "-qec", shellQuote(append([]string{binary}, args...)), "/dev/null")
		cmd.Env = []string{"REFLECT_DATA_DIR=" + dir, "HOME=" + dir, "TERM=dumb", "PATH=" + os.Getenv("PATH")}
		cmd.Stdin = strings.NewReader("")
		out, _ := cmd.Output()
		line := lineWith(string(out), "Si")
		// Markdown escapes the brackets as well; every control is one U+FFFD.
		if !strings.Contains(line, "pwned") || strings.Count(line, "\uFFFD") != 4 {
			t.Errorf("%v on a terminal shows the name as %q", args, line)
		}
		if strings.ContainsAny(line, "\x1b\x07\u009b") {
			t.Errorf("%v wrote control characters to the terminal: %q", args, line)
		}
	}
	_, _, code := run(t, dir, "", "export", rec, "--framework", mini, "--format", "nmc")
	cmd := exec.Command(binary, "export", rec, "--framework", mini, "--format", "nmc")
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	piped, err := cmd.Output()
	if err != nil || code != 0 || !strings.Contains(string(piped), "Si\x1b[2J\x1b]0;pwned\x07\u009b31mX") {
		t.Errorf("into a pipe the export should keep the text exactly (%v):\n%q", err, lineWith(string(piped), "Si"))
	}
}

func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "Name: "+sub) || strings.Contains(l, ": "+sub) || strings.Contains(l, "record r-") {
			if strings.Contains(l, sub) {
				return l
			}
		}
	}
	return ""
}

func shellQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}
