package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
)

type result struct {
	code        int
	out, errOut string
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	deps := app.NewDeps(&cmdutil.IO{In: strings.NewReader(""), Out: &out, Err: &errOut})
	deps.Now = func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }
	deps.Getenv = func(string) string { return "" }
	code := app.Run(deps, args)
	return result{code, out.String(), errOut.String()}
}

func mini() string { return filepath.Join("..", "..", "testdata", "frameworks", "mini.yaml") }

func TestFrameworksList(t *testing.T) {
	r := run(t, "frameworks", "list")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	for _, want := range []string{"ID", "cyp", "adults", "community", "reflect's own wording"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("list output lacks %q:\n%s", want, r.out)
		}
	}
}

func TestFrameworksShow(t *testing.T) {
	r := run(t, "frameworks", "show", mini(), "--area", "MINI.2.1")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	for _, want := range []string{"Provenance: These statements were written for reflect's tests", "MINI.2.1.1 [skill] An ability to ask directly", "What you can expect"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("show lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out, "MINI.1.1.1") {
		t.Error("--area should show only that area")
	}
	md := run(t, "frameworks", "show", mini(), "--format", "md")
	if !strings.Contains(md.out, "### MINI.1.1 Understanding distress") || !strings.Contains(md.out, "> **Provenance.**") {
		t.Errorf("markdown output unexpected:\n%s", md.out)
	}
	js := run(t, "frameworks", "show", mini(), "--format", "json")
	if !strings.Contains(js.out, `"code": "MINI.1.1.2"`) || !strings.Contains(js.out, `"notice":`) {
		t.Errorf("json output unexpected:\n%s", js.out)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	data, _ := os.ReadFile(mini())
	data = bytes.Replace(data, []byte("kind: skill"), []byte("kind: skils"), 1)
	data = bytes.Replace(data, []byte("short_title: Mini"), []byte("shorttitle: Mini"), 1)
	os.WriteFile(bad, data, 0o600)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"valid file", []string{"frameworks", "validate", mini()}, 0, "mini.yaml: valid — framework \"mini\", 2 domains, 3 areas, 5 competences, 2 profiles, 1 resource\n", ""},
		{"invalid file lists every problem", []string{"frameworks", "validate", bad}, 1, "", "bad.yaml:7:1: unknown field \"shorttitle\""},
		{"invalid file second problem", []string{"frameworks", "validate", bad}, 1, "", "has kind \"skils\""},
		{"missing file", []string{"frameworks", "validate", filepath.Join(dir, "nope.yaml")}, 1, "", "nope.yaml: no such file"},
		{"unknown framework id", []string{"frameworks", "show", "adultz"}, 1, "", "there is no framework called \"adultz\""},
		{"unknown area", []string{"frameworks", "show", mini(), "--area", "MINI.9"}, 2, "", "has no area \"MINI.9\""},
		{"bad flag", []string{"frameworks", "list", "--nope"}, 2, "", "unknown flag: --nope"},
		{"missing argument", []string{"frameworks", "show"}, 2, "", "accepts 1 arg(s)"},
		{"unknown command", []string{"frobnicate"}, 2, "", "unknown command"},
		{"bad format", []string{"frameworks", "show", mini(), "--format", "pdf"}, 2, "", "unknown format \"pdf\""},
		{"version", []string{"version"}, 0, "framework adults", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.out, r.errOut)
			}
			if !strings.Contains(r.out, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, r.out)
			}
			if !strings.Contains(r.errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, r.errOut)
			}
		})
	}
}

func TestEveryCommandHasHelpWithExamples(t *testing.T) {
	r := run(t, "__complete", "")
	if r.code != 0 {
		t.Fatalf("completion failed: %s", r.errOut)
	}
	var names []string
	for _, line := range strings.Split(r.out, "\n") {
		if name, _, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, ":") {
			names = append(names, name)
		}
	}
	if len(names) < 3 {
		t.Fatalf("too few commands: %v", names)
	}
	for _, name := range names {
		if name == "help" || name == "completion" {
			continue
		}
		h := run(t, name, "--help")
		if !strings.Contains(h.out, "Examples:") {
			t.Errorf("reflect %s --help has no examples:\n%s", name, h.out)
		}
	}
}

func TestExpect(t *testing.T) {
	r := run(t, "expect", "adults", "--format", "html")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	for _, want := range []string{"Content-Security-Policy", "default-src 'none'", "<strong>Samaritans:</strong> Call 116 123", "<li>You can expect", "any particular service"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("expect html lacks %q", want)
		}
	}
	if strings.Contains(r.out, "http://") || strings.Contains(r.out, "<script") || strings.Contains(r.out, "<link") {
		t.Error("the guide must be self-contained: no scripts, links or external addresses")
	}
	txt := run(t, "expect", mini())
	if !strings.Contains(txt.out, "• You can expect staff to ask you calmly and directly how you are.") {
		t.Errorf("text guide lacks an area's expect line:\n%s", txt.out)
	}
}

func TestCompletionScript(t *testing.T) {
	r := run(t, "completion", "bash")
	if r.code != 0 || !strings.Contains(r.out, "bash completion") {
		t.Errorf("bash completion: exit %d\n%s", r.code, r.errOut)
	}
}

func TestShowListsCrosswalkBothWays(t *testing.T) {
	// community.yaml itself has no same_as lines: its links are written on
	// the adults and cyp side, and show must still list them.
	r := run(t, "frameworks", "show", "community", "--area", "CPH.2.2")
	if !strings.Contains(r.out, "same as (one answer serves both): ADU.2.2.2, CYP.3.2.3") {
		t.Errorf("show does not list links written in other files:\n%s", r.out)
	}
}
