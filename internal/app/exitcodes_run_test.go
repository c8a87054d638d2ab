package app_test

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// Each exit status of the README's table is what the program gives for
// what the table says it means: the program is run (as the binary runs it,
// through app.Run) for each code that one command line can show, and the
// verify codes and 130 are shown by the tests named here, which must
// exist. The meanings are the README's own words, checked in part.
func TestEveryExitCodeIsWhatTheReadmeSays(t *testing.T) {
	root := recordtest.Root(t)
	readme := exitTable(t, root)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		deps := &cmdutil.Deps{
			IO:      &cmdutil.IO{In: strings.NewReader(""), Out: &out, Err: &errb},
			Version: "test",
			Now:     func() time.Time { return time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC) },
			Getenv: func(k string) string {
				switch k {
				case "REFLECT_DATA_DIR":
					return data
				case "REFLECT_CONFIG_DIR":
					return filepath.Join(dir, "cfg")
				}
				return ""
			},
			Embedded: func() (*framework.Set, error) { return recordtest.Mini(t), nil },
		}
		code := app.Run(deps, args)
		return code, errb.String()
	}

	// 8: a record encrypted to someone else's key.
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := vault.Encrypt([]byte(`{"format": "reflect-record"}`), id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "someone-elses.json.age")
	os.WriteFile(enc, sealed, 0o600)

	cases := []struct {
		code  int
		setup func() func()
		args  []string
		says  string // in standard error
		means string // in the README's meaning
	}{
		{0, nil, []string{"version"}, "", "did its job"},
		{1, nil, []string{"verify", filepath.Join(dir, "missing.json")}, "missing.json", "missing or unreadable file"},
		{1, func() func() {
			os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{\n  \"format\": \"reflect-record\",\n  \"schema_version\": 2,\n  \"id\": 7\n}\n"), 0o600)
			return nil
		}, []string{"verify", filepath.Join(dir, "bad.json")}, "bad.json:4:", "file:line:col"},
		{2, nil, []string{"verify", "--no-such-flag", "x.json"}, "unknown flag", "unknown flag"},
		{2, nil, []string{"verify", "x.json", "--format", "yaml"}, "yaml", "bad `--format`"},
		{3, func() func() {
			lock, err := store.New(data).LockLog()
			if err != nil {
				t.Fatal(err)
			}
			return func() { lock.Release() }
		}, []string{"log", "add", "activity", "--title", "x", "--start", "2026-03-05", "--type", "reading", "--hours", "1", "--regulator", "nmc"}, "open in another reflect", "locked"},
		{8, nil, []string{"export", enc, "--format", "md", "-o", filepath.Join(dir, "out.md")}, "Nothing was written", "nothing was written"},
	}
	shown := map[int]bool{}
	for _, c := range cases {
		done := func() {}
		if c.setup != nil {
			if d := c.setup(); d != nil {
				done = d
			}
		}
		code, stderr := run(c.args...)
		done()
		if code != c.code {
			t.Errorf("reflect %s: exit %d, want %d\n%s", strings.Join(c.args, " "), code, c.code, stderr)
		}
		if c.says != "" && !strings.Contains(stderr, c.says) {
			t.Errorf("reflect %s: standard error lacks %q:\n%s", strings.Join(c.args, " "), c.says, stderr)
		}
		if !strings.Contains(readme[c.code], c.means) {
			t.Errorf("the README's exit %d (%q) does not say %q", c.code, readme[c.code], c.means)
		}
		shown[c.code] = true
	}
	if _, err := os.Stat(filepath.Join(dir, "out.md")); err == nil {
		t.Error("exit 8 wrote the export")
	}

	// The rest are shown by tests elsewhere, by running the program.
	elsewhere := map[int][]string{
		4:   {"internal/cli/verify/tamper_test.go", "TestTamperTable"},
		5:   {"internal/cli/verify/tamper_test.go", "TestTamperTable"},
		6:   {"internal/cli/verify/tamper_test.go", "TestTamperTable"},
		7:   {"internal/cli/verify/tamper_test.go", "TestTamperTable"},
		130: {"internal/cli/assess/e2e_test.go", "TestSignalsSaveAndExit130"},
	}
	for code, where := range elsewhere {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, where[0]), nil, 0)
		if err != nil || f.Scope.Lookup(where[1]) == nil {
			t.Errorf("exit %d is to be shown by %s in %s, which is not there (%v)", code, where[1], where[0], err)
		}
		shown[code] = true
	}
	for code, meaning := range readme {
		if !shown[code] {
			t.Errorf("no test runs the program to exit %d (%s)", code, meaning)
		}
	}
}

// exitTable reads the README's exit-code table: code → meaning.
func exitTable(t *testing.T, root string) map[int]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]string{}
	_, rest, ok := strings.Cut(string(b), "\n## Exit codes\n")
	if !ok {
		t.Fatal("README has no '## Exit codes'")
	}
	rest, _, _ = strings.Cut(rest, "\n## ")
	for _, line := range strings.Split(rest, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if !strings.HasPrefix(line, "| ") || len(cells) < 2 {
			continue
		}
		code, err := strconv.Atoi(strings.TrimSpace(cells[0]))
		if err != nil {
			continue
		}
		out[code] = strings.TrimSpace(strings.Join(cells[1:], "|"))
	}
	return out
}
