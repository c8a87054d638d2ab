package export_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

type env struct {
	t              *testing.T
	dir, data      string
	set            *framework.Set
	stdout, stderr bytes.Buffer
}

func newEnv(t *testing.T) *env {
	set, err := testfixture.MiniSet()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	return &env{t: t, dir: dir, data: filepath.Join(dir, "data"), set: set}
}

func (e *env) run(args ...string) int {
	e.stdout.Reset()
	e.stderr.Reset()
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(""), Out: &e.stdout, Err: &e.stderr},
		Version: "9.9.9-test",
		Now:     func() time.Time { return testfixture.Clock },
		Getenv: func(k string) string {
			if k == store.EnvDataDir {
				return e.data
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return e.set, nil },
	}
	return app.Run(deps, append([]string{"export"}, args...))
}

func (e *env) path(n string) string { return filepath.Join(e.dir, n) }

func (e *env) writeFull(name string, edit func(*record.Record)) string {
	r, err := testfixture.Full(e.set)
	if err != nil {
		e.t.Fatal(err)
	}
	if edit != nil {
		edit(r)
	}
	b, _ := record.Marshal(r)
	p := e.path(name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return p
}

func TestExportToStdoutAndFile(t *testing.T) {
	e := newEnv(t)
	rec := e.writeFull("rec.json", nil)
	if code := e.run(rec); code != 0 || !strings.HasPrefix(e.stdout.String(), "# CPD reflection record") {
		t.Fatalf("default export: code %d, %q\n%s", code, e.stdout.String()[:min(60, e.stdout.Len())], e.stderr.String())
	}
	if e.stderr.Len() != 0 {
		t.Errorf("unexpected messages: %s", e.stderr.String())
	}

	out := e.path("cpd.pdf")
	if code := e.run(rec, "-o", out); code != 0 {
		t.Fatalf("pdf: code %d: %s", code, e.stderr.String())
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(out)
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("the format was not taken from the .pdf extension")
	}
	if !strings.Contains(e.stderr.String(), "Wrote "+out) {
		t.Errorf("no confirmation: %s", e.stderr.String())
	}

	// Never silently over an existing file.
	if err := os.WriteFile(out, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := e.run(rec, "--format", "html", "-o", out); code != 1 || !strings.Contains(e.stderr.String(), "already exists") {
		t.Errorf("overwrite: code %d, %s", code, e.stderr.String())
	}
	if b, _ := os.ReadFile(out); string(b) != "precious" {
		t.Error("the existing file was changed")
	}
	if code := e.run(rec, "--format", "html", "-o", out, "--force"); code != 0 {
		t.Fatalf("--force: code %d: %s", code, e.stderr.String())
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Error("--force did not replace the file")
	}
}

func TestExportFormats(t *testing.T) {
	e := newEnv(t)
	rec := e.writeFull("rec.json", nil)
	for format, want := range map[string]string{
		"md": "# CPD reflection record", "html": "<!DOCTYPE html>", "json": "{\n  \"format\": \"reflect-record\"",
		"csv": "\ufeffRecord id,Start date", "nmc": "Reflective account\n",
	} {
		if code := e.run(rec, "--format", format); code != 0 || !strings.HasPrefix(e.stdout.String(), want) {
			t.Errorf("%s: code %d, starts %q", format, code, e.stdout.String()[:min(40, e.stdout.Len())])
		}
	}
	if code := e.run(rec, "--format", "csv", "--table", "ratings", "--no-bom"); code != 0 || !strings.HasPrefix(e.stdout.String(), "Record id,Framework") {
		t.Errorf("csv ratings: code %d, %q", code, e.stdout.String()[:min(40, e.stdout.Len())])
	}
	// The JSON export is the record, byte for byte as reflect writes it.
	e.run(rec, "--format", "json")
	if orig, _ := os.ReadFile(rec); !bytes.Equal(orig, e.stdout.Bytes()) {
		t.Error("the JSON export differs from the record")
	}
	for _, bad := range [][]string{{rec, "--format", "docx"}, {rec, "-o", e.path("x.docx")}, {rec, "--format", "csv", "--table", "all"}} {
		if code := e.run(bad...); code != 2 {
			t.Errorf("%v: code %d, want 2 (usage): %s", bad, code, e.stderr.String())
		}
	}
}

func TestExportSavedAssessmentByID(t *testing.T) {
	e := newEnv(t)
	r, err := testfixture.Full(e.set)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.New(e.data).Save(r); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{r.ID, "r-0000000", "0000000"} {
		if code := e.run(id, "--format", "nmc"); code != 0 || !strings.Contains(e.stdout.String(), "Siân Ó Briain") {
			t.Errorf("%s: code %d: %s", id, code, e.stderr.String())
		}
	}
	if code := e.run("r-nothere", "--format", "md"); code != 1 || !strings.Contains(e.stderr.String(), "no such assessment") {
		t.Errorf("missing id: code %d: %s", code, e.stderr.String())
	}
	if code := e.run(e.path("missing.json")); code != 1 || !strings.Contains(e.stderr.String(), "no such file") {
		t.Errorf("missing file: code %d: %s", code, e.stderr.String())
	}
}

func TestExportWarnsWhenNotConfirmed(t *testing.T) {
	e := newEnv(t)
	rec := e.writeFull("rec.json", func(r *record.Record) {
		r.Anonymisation = record.Anonymisation{}
		r.Answers[0].Note = "Saw Mr Smith in bed 4"
	})
	if code := e.run(rec, "--format", "md"); code != 0 {
		t.Fatalf("code %d: %s", code, e.stderr.String())
	}
	msg := e.stderr.String()
	for _, want := range []string{"not yet confirmed", `note on MINI.1.1.1: "Mr Smith"`, `"bed 4"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("the warning lacks %q:\n%s", want, msg)
		}
	}
	if !strings.Contains(e.stdout.String(), "Not yet confirmed") {
		t.Error("the export does not say the record is unconfirmed")
	}
}

func TestExportWithoutItsFramework(t *testing.T) {
	e := newEnv(t)
	rec := e.writeFull("rec.json", nil)
	e.set, _ = framework.NewSet()
	// The figures are worked out from the answers against the framework,
	// never taken from the file: without it there is nothing to export.
	if code := e.run(rec, "--format", "md"); code != 1 || e.stdout.Len() != 0 {
		t.Fatalf("code %d, stdout %d bytes: %s", code, e.stdout.Len(), e.stderr.String())
	}
	if !strings.Contains(e.stderr.String(), `framework "mini", which is not loaded`) || !strings.Contains(e.stderr.String(), "--framework FILE") {
		t.Errorf("the refusal does not name the framework and what to do: %s", e.stderr.String())
	}
	// With the file given, the statements are back.
	if code := e.run(rec, "--format", "md", "--framework", testfixture.Path("testdata", "frameworks", "mini.yaml")); code != 0 {
		t.Fatalf("code %d: %s", code, e.stderr.String())
	}
	if !strings.Contains(e.stdout.String(), "An ability to respond to people in distress without judgement") || e.stderr.Len() != 0 {
		t.Errorf("--framework did not supply the statements: %s", e.stderr.String())
	}
}

func TestExportNeverWritesOverItsInput(t *testing.T) {
	e := newEnv(t)
	in := e.writeFull("rec.json", nil)
	before, _ := os.ReadFile(in)
	if code := e.run(in, "--format", "md", "-o", in, "--force"); code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, e.stderr.String())
	}
	if !strings.Contains(e.stderr.String(), "is also an input") {
		t.Errorf("stderr = %s", e.stderr.String())
	}
	if after, _ := os.ReadFile(in); !bytes.Equal(before, after) {
		t.Error("the record was overwritten by its own export")
	}
}
