//go:build linux

package hardening

import (
	"crypto/ed25519"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/binarytest"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// offlineScript is a scripted session a person might run: an assessment
// from an answers file, exports in every text format, and a team report.
// Each step's output must not depend on the network.
func offlineScript(t *testing.T) [][]string {
	mini := root("testdata/frameworks/mini.yaml")
	full := root("testdata/records/full.json")
	steps := [][]string{
		{"assess", "--answers", root("testdata/answers-example.yaml"), "--out", "-"},
		{"list"},
		{"team", root("testdata/records"), "--framework", mini},
		{"team", root("testdata/records"), "--framework", mini, "--format", "html"},
		{"verify", full, "--framework", mini, "--key", record.FormatPublicKey(testfixture.ReviewKey.Public().(ed25519.PublicKey))},
		{"frameworks", "export", mini, "--to", "case-json", "--date", "2026-01-01"},
	}
	for _, f := range []string{"md", "html", "json", "csv", "nmc"} {
		steps = append(steps, []string{"export", full, "--framework", mini, "--format", f})
	}
	return steps
}

var (
	// Records made by the two runs get their own random ids and clocks.
	volatileRE = regexp.MustCompile(`[rg]-[0-9a-f]{16}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z|Exported(: |<\/dt><dd>)\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC|\d{4}-\d{2}-\d{2} \d{2}:\d{2}`)
)

// runAll runs the script with prefix (e.g. unshare -n) before the binary
// and returns everything it wrote, with run-specific ids and times masked.
func runAll(t *testing.T, prefix []string) string {
	t.Helper()
	data := t.TempDir()
	var out strings.Builder
	for _, args := range offlineScript(t) {
		argv := append(append(append([]string{}, prefix...), binary), args...)
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = []string{"REFLECT_DATA_DIR=" + data, "HOME=" + data, "TERM=dumb", "PATH=" + os.Getenv("PATH")}
		var o, e strings.Builder
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v", argv, err)
		}
		out.WriteString("$ reflect " + strings.Join(args, " ") + "\n")
		out.WriteString(volatileRE.ReplaceAllString(strings.ReplaceAll(o.String()+e.String(), data, "$DATA"), "<volatile>"))
		fmt.Fprintf(&out, "exit %d\n", code)
	}
	return out.String()
}

// TestSameOutputWithoutANetwork runs a scripted assessment, exports,
// verification and team reports once normally and once inside a network
// namespace with no interfaces (unshare -n; as an unprivileged user,
// unshare -rn), and requires the same output byte for byte. A program
// that reached for the network would fail or behave differently there.
// Skipped, with the reason, where namespaces cannot be made.
func TestSameOutputWithoutANetwork(t *testing.T) {
	binarytest.SkipIfShort(t, "runs the whole script twice, or under strace")
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare (util-linux) is not installed")
	}
	var prefix []string
	for _, p := range [][]string{{unshare, "-n"}, {unshare, "-rn"}} {
		if exec.Command(p[0], append(p[1:], "true")...).Run() == nil {
			prefix = p
			break
		}
	}
	if prefix == nil {
		t.Skip("cannot make a network namespace here (unshare -n needs root, unshare -rn needs unprivileged user namespaces)")
	}
	// Inside the namespace there is no interface but a down loopback.
	if b, err := exec.Command(prefix[0], append(prefix[1:], "cat", "/proc/net/dev")...).Output(); err != nil || strings.Count(string(b), ":") != 1 {
		t.Fatalf("the namespace has interfaces:\n%s (%v)", b, err)
	}
	normal := runAll(t, nil)
	isolated := runAll(t, prefix)
	if normal != isolated {
		t.Errorf("output differs without a network:\n--- normal\n%s\n--- no network\n%s", normal, isolated)
	}
	if !strings.Contains(normal, `"format": "reflect-record"`) || strings.Count(normal, "exit 0\n") != len(offlineScript(t)) {
		t.Errorf("the script did not run as expected:\n%s", normal)
	}
}

// TestNoSocketSyscalls traces the same script with strace and requires
// that reflect never creates a socket or connects anywhere. Skipped where
// strace is missing or tracing is not allowed.
func TestNoSocketSyscalls(t *testing.T) {
	binarytest.SkipIfShort(t, "runs the whole script twice, or under strace")
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed")
	}
	if exec.Command(strace, "-qq", "-e", "trace=none", "true").Run() != nil {
		t.Skip("strace cannot trace here (ptrace not permitted)")
	}
	log := filepath.Join(t.TempDir(), "trace")
	runAll(t, []string{strace, "-f", "-qq", "-e", "signal=none", "-e", "trace=socket,socketpair,connect,bind,listen,sendto,sendmsg", "-o", log, "-A"})
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if len(strings.TrimSpace(string(b))) > 0 {
		t.Errorf("reflect made network system calls:\n%s", b)
	}
}
