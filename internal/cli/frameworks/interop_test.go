package frameworks_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

var clock = time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC)

type env struct {
	t      *testing.T
	dir    string
	env    map[string]string
	set    *framework.Set
	stdout bytes.Buffer
	stderr bytes.Buffer
}

func newEnv(t *testing.T) *env {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, dir: t.TempDir(), set: set, env: map[string]string{}}
}

func (e *env) run(args ...string) int {
	e.stdout.Reset()
	e.stderr.Reset()
	deps := &cmdutil.Deps{
		IO:       &cmdutil.IO{In: strings.NewReader(""), Out: &e.stdout, Err: &e.stderr},
		Version:  "test",
		Now:      func() time.Time { return clock },
		Getenv:   func(k string) string { return e.env[k] },
		Embedded: func() (*framework.Set, error) { return e.set, nil },
	}
	return app.Run(deps, args)
}

func (e *env) path(name string) string { return filepath.Join(e.dir, name) }

func fixture(name string) string { return testfixture.Path("testdata", name) }

func (e *env) mustRun(args ...string) {
	e.t.Helper()
	if code := e.run(args...); code != 0 {
		e.t.Fatalf("reflect %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, e.stdout.String(), e.stderr.String())
	}
}

func TestImportToFile(t *testing.T) {
	e := newEnv(t)
	out := e.path("well.yaml")
	e.mustRun("frameworks", "import", fixture("interop/moodle-12col.csv"), "-o", out)
	for _, want := range []string{"11 entries became 3 domains, 5 areas and 6 competences", "Assumed — review these:", "Wrote " + out} {
		if !strings.Contains(e.stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, e.stderr.String())
		}
	}
	if e.stdout.Len() != 0 {
		t.Errorf("stdout should be empty with -o: %q", e.stdout.String())
	}
	e.mustRun("frameworks", "validate", out)
	if !strings.Contains(e.stdout.String(), `framework "well", 3 domains, 5 areas, 6 competences`) {
		t.Errorf("validate: %s", e.stdout.String())
	}
	// The file is kept unless --force.
	if code := e.run("frameworks", "import", fixture("interop/moodle-12col.csv"), "-o", out); code != 1 || !strings.Contains(e.stderr.String(), "already exists") {
		t.Errorf("second import: exit %d, %s", code, e.stderr.String())
	}
	e.mustRun("frameworks", "import", fixture("interop/moodle-12col.csv"), "-o", out, "--force", "-q", "--id", "well-2", "--kind", "skill")
	if strings.Contains(e.stderr.String(), "Assumed") {
		t.Errorf("--quiet still printed the report: %s", e.stderr.String())
	}
	data, _ := os.ReadFile(out)
	if !bytes.Contains(data, []byte("id: well-2")) || !bytes.Contains(data, []byte("kind: skill")) || !bytes.HasPrefix(data, []byte("# ")) {
		t.Errorf("the file does not reflect --id/--kind or lacks the report header:\n%s", data[:200])
	}
}

func TestImportToStdoutAndShow(t *testing.T) {
	e := newEnv(t)
	e.mustRun("frameworks", "import", fixture("interop/case-package.json"), "--prefix", "OS")
	f, probs := framework.Parse("out.yaml", e.stdout.Bytes())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if c := f.Competences()[0]; c.Code != "OS.S.2.1" {
		t.Errorf("first code %s", c.Code)
	}
	path := e.path("os.yaml")
	if err := os.WriteFile(path, e.stdout.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	e.mustRun("frameworks", "show", path)
	if !strings.Contains(e.stdout.String(), "imported from case-package.json") {
		t.Errorf("show does not carry the provenance notice:\n%s", e.stdout.String())
	}
}

func TestImportErrors(t *testing.T) {
	e := newEnv(t)
	bad := e.path("bad.csv")
	os.WriteFile(bad, []byte("a,b\n1,2\n"), 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frameworks", "import", bad}, 1, "bad.csv:1: this does not look like a Moodle competency framework CSV"},
		{[]string{"frameworks", "import", e.path("missing.csv")}, 1, "missing.csv: no such file"},
		{[]string{"frameworks", "import", e.dir}, 1, "this is a folder"},
		{[]string{"frameworks", "import", bad, "--from", "xml"}, 2, `--from "xml"`},
		{[]string{"frameworks", "import", bad, "--kind", "feeling"}, 2, `--kind "feeling"`},
		{[]string{"frameworks", "import", bad, "--id", "Bad Id"}, 2, `--id "Bad Id"`},
		{[]string{"frameworks", "import", bad, "--prefix", "a b"}, 2, `--prefix "a b"`},
		{[]string{"frameworks", "import"}, 2, "accepts 1 arg"},
	}
	for _, tt := range tests {
		if code := e.run(tt.args...); code != tt.code || !strings.Contains(e.stderr.String(), tt.want) {
			t.Errorf("reflect %s: exit %d, want %d; stderr %q does not say %q", strings.Join(tt.args, " "), code, tt.code, e.stderr.String(), tt.want)
		}
	}
}

func TestImportCodeClash(t *testing.T) {
	e := newEnv(t)
	var some string
	for _, f := range e.set.Frameworks() {
		some = f.ID
		break
	}
	if some == "" {
		t.Fatal("no embedded framework")
	}
	file := e.path("x.json")
	e.mustRun("frameworks", "export", some, "--to", "case-json", "-o", file)
	if code := e.run("frameworks", "import", file, "--id", "copy-of-it"); code != 1 || !strings.Contains(e.stderr.String(), "--prefix") {
		t.Errorf("exit %d: %s", code, e.stderr.String())
	}
	e.mustRun("frameworks", "import", file, "--id", "copy-of-it", "--prefix", "COPY", "-o", e.path("copy.yaml"))
	e.mustRun("frameworks", "validate", e.path("copy.yaml"))
}

// Every embedded framework goes out and back through the command line.
func TestExportImportEveryFramework(t *testing.T) {
	e := newEnv(t)
	for _, f := range e.set.Frameworks() {
		for _, ext := range []string{".csv", ".json"} {
			file := e.path(f.ID + ext)
			e.mustRun("frameworks", "export", f.ID, "-o", file, "--date", "2026-01-01")
			if !strings.Contains(e.stderr.String(), "Wrote "+file) {
				t.Errorf("stderr: %s", e.stderr.String())
			}
			back := e.path(f.ID + ext + ".yaml")
			e.mustRun("frameworks", "import", file, "-o", back, "-q")
			g, probs := framework.Parse(back, mustRead(t, back))
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			d1, a1, c1 := f.Count()
			d2, a2, c2 := g.Count()
			if g.ID != f.ID || d1 != d2 || a1 != a2 || c1 != c2 {
				t.Errorf("%s%s: %s %d/%d/%d came back as %s %d/%d/%d", f.ID, ext, f.ID, d1, a1, c1, g.ID, d2, a2, c2)
			}
			if g.Provenance.Wording != f.Provenance.Wording || g.Provenance.BasedOn != f.Provenance.BasedOn {
				t.Errorf("%s%s: provenance %+v came back as %+v", f.ID, ext, f.Provenance, g.Provenance)
			}
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestExportDates(t *testing.T) {
	e := newEnv(t)
	mini := fixture("frameworks/mini.yaml")
	e.mustRun("frameworks", "export", mini, "--to", "case-json")
	if !strings.Contains(e.stdout.String(), `"lastChangeDateTime": "2026-03-14T10:30:00+00:00"`) {
		t.Errorf("default date is not the clock's")
	}
	first := e.stdout.String()
	e.env["SOURCE_DATE_EPOCH"] = "1700000000"
	e.mustRun("frameworks", "export", mini, "--to", "case-json")
	if !strings.Contains(e.stdout.String(), `"lastChangeDateTime": "2023-11-14T22:13:20+00:00"`) {
		t.Errorf("SOURCE_DATE_EPOCH not used")
	}
	e.mustRun("frameworks", "export", mini, "--to", "case-json", "--date", "2026-03-14T10:30:00Z")
	if e.stdout.String() != first {
		t.Errorf("--date does not win over SOURCE_DATE_EPOCH, or output is not deterministic")
	}
	e.env["SOURCE_DATE_EPOCH"] = "soon"
	if code := e.run("frameworks", "export", mini, "--to", "case-json"); code != 1 {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d", code)
	}
	delete(e.env, "SOURCE_DATE_EPOCH")
	e.mustRun("frameworks", "export", mini, "--to", "case-json", "--base-uri", "https://case.example.org/ims/case/v1p0/")
	if !strings.Contains(e.stdout.String(), `"uri": "https://case.example.org/ims/case/v1p0/CFItems/`) {
		t.Errorf("--base-uri not used")
	}
}

func TestExportErrors(t *testing.T) {
	e := newEnv(t)
	mini := fixture("frameworks/mini.yaml")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frameworks", "export", mini}, 2, "say which format with --to"},
		{[]string{"frameworks", "export", mini, "--to", "pdf"}, 2, `--to "pdf"`},
		{[]string{"frameworks", "export", mini, "-o", e.path("x.txt")}, 2, "say which format"},
		{[]string{"frameworks", "export", mini, "--to", "case-json", "--date", "yesterday"}, 2, `--date "yesterday"`},
		{[]string{"frameworks", "export", mini, "--to", "case-json", "--base-uri", "case.example.org"}, 2, "--base-uri"},
		{[]string{"frameworks", "export", "nonesuch", "--to", "case-json"}, 1, `there is no framework called "nonesuch"`},
	}
	for _, tt := range tests {
		if code := e.run(tt.args...); code != tt.code || !strings.Contains(e.stderr.String(), tt.want) {
			t.Errorf("reflect %s: exit %d, want %d; stderr %q does not say %q", strings.Join(tt.args, " "), code, tt.code, e.stderr.String(), tt.want)
		}
	}
	// The format comes from the -o extension.
	e.mustRun("frameworks", "export", mini, "-o", e.path("m.csv"))
	if data := mustRead(t, e.path("m.csv")); !bytes.HasPrefix(data, []byte("Parent ID number,")) {
		t.Errorf("m.csv is not a Moodle CSV: %q", data[:40])
	}
	if code := e.run("frameworks", "export", mini, "-o", e.path("m.csv")); code != 1 || !strings.Contains(e.stderr.String(), "already exists") {
		t.Errorf("overwrite without --force: exit %d", code)
	}
}
