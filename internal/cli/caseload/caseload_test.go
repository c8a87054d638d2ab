package caseload_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

var clock = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

func run(t *testing.T, dir string, args ...string) (int, string, string) {
	set := recordtest.Mini(t)
	var out, errb bytes.Buffer
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(""), Out: &out, Err: &errb},
		Version: "test",
		Now:     func() time.Time { return clock },
		Getenv: func(k string) string {
			switch k {
			case "REFLECT_DATA_DIR":
				return filepath.Join(dir, "data")
			case "REFLECT_CONFIG_DIR":
				return filepath.Join(dir, "config")
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return set, nil },
	}
	code := app.Run(deps, args)
	return code, out.String(), errb.String()
}

// The command end to end: two supervisees' records in a folder with a
// broken file, named with why and skipped; the view written 0600.
func TestCaseloadCommand(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	recs := filepath.Join(dir, "supervisees")
	os.MkdirAll(recs, 0o700)
	for i, name := range []string{"Alex Example", "Jo Bloggs"} {
		r := recordtest.Build(t, set, recordtest.Spec{ID: "r-000000000000000" + string(rune('1'+i)), Now: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC),
			Scopes: []assessment.Scope{{Framework: "mini", Profile: "specialist"}}, Rate: recordtest.Constant(2),
			Practitioner: record.Practitioner{Name: name}, Reflection: []string{"a", "b", "c"}, Complete: true})
		b, _ := record.Marshal(r)
		os.WriteFile(filepath.Join(recs, strings.Fields(name)[0]+".json"), b, 0o600)
	}
	os.WriteFile(filepath.Join(recs, "broken.json"), []byte(`{"format": "reflect-record",`), 0o600)
	code, out, errs := run(t, dir, "caseload", recs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"CASELOAD", "2 supervisees on 2026-06-01: 2 reviews overdue", "Alex Example", "Jo Bloggs", "not reviewed", "overdue by"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "Skipped "+filepath.Join(recs, "broken.json")) || !strings.Contains(errs, "1 skipped") {
		t.Errorf("the broken file is not named and counted: %s", errs)
	}
	o := filepath.Join(dir, "caseload.html")
	if code, _, errs := run(t, dir, "caseload", recs, "-o", o); code != 0 {
		t.Fatalf("-o: exit %d %s", code, errs)
	}
	fi, err := os.Stat(o)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the view is not private: %v %v", fi.Mode(), err)
	}
	if data, _ := os.ReadFile(o); !bytes.Contains(data, []byte("Content-Security-Policy")) || !bytes.Contains(data, []byte("Jo Bloggs")) {
		t.Error("not the HTML page")
	}
	if code, _, _ := run(t, dir, "caseload", recs, "-o", o); code != 1 {
		t.Errorf("replaced an existing file without --force: exit %d", code)
	}
	if code, _, errs := run(t, dir, "caseload", filepath.Join(dir, "nope")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing path: exit %d %s", code, errs)
	}
	if code, _, _ := run(t, dir, "caseload", recs, "--format", "pdf"); code != 2 {
		t.Errorf("--format pdf: exit %d", code)
	}
}
