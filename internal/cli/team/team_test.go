package team_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

type env struct {
	t        *testing.T
	dir, out string
	set      *framework.Set
}

func (e *env) run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(""), Out: &out, Err: &errb},
		Version: "test",
		Now:     func() time.Time { return time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string {
			if k == "REFLECT_CONFIG_DIR" || k == "REFLECT_DATA_DIR" {
				return filepath.Join(e.dir, k)
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return e.set, nil },
	}
	code := app.Run(deps, args)
	return code, out.String(), errb.String()
}

func newEnv(t *testing.T) *env {
	e := &env{t: t, dir: t.TempDir(), set: recordtest.Mini(t)}
	e.out = filepath.Join(e.dir, "records")
	if _, err := recordtest.WriteTeam(e.out, e.set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}}, 30); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRowsExportFlags(t *testing.T) {
	e := newEnv(t)
	key := filepath.Join(e.dir, "org.key")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600)
	code, out, errs := e.run("team", e.out, "--rows", "--pseudonym-key", key, "--format", "ndjson")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	lines := 0
	for sc.Scan() {
		var row map[string]any
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			t.Fatalf("line %d: %v", lines+1, err)
		}
		for _, bad := range []string{"name", "note", "id", "registration"} {
			if _, ok := row[bad]; ok {
				t.Errorf("a row holds %q", bad)
			}
		}
		if row["profession"] == "" || len(row["pseudonym"].(string)) != 32 {
			t.Errorf("row %v", row)
		}
		lines++
	}
	if lines != 30*5 || !strings.Contains(errs, "30 records, 150 rows") || !strings.Contains(errs, "pseudonymised, not anonymous") {
		t.Errorf("%d lines; stderr %s", lines, errs)
	}
	if strings.Contains(out, "Generated Person") || strings.Contains(out, "Staff nurse") {
		t.Error("the rows hold what people typed")
	}
	p := filepath.Join(e.dir, "rows.parquet")
	if code, _, errs := e.run("team", e.out, "--rows", "--pseudonym-key", key, "-o", p); code != 0 {
		t.Fatalf("parquet: exit %d %s", code, errs)
	}
	if data, _ := os.ReadFile(p); !bytes.HasPrefix(data, []byte("PAR1")) || !bytes.HasSuffix(data, []byte("PAR1")) {
		t.Error("not a Parquet file")
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("the rows file is %v", fi.Mode().Perm())
	}
	open := filepath.Join(e.dir, "open.key")
	os.WriteFile(open, []byte("0123456789abcdef0123456789abcdef"), 0o644)
	short := filepath.Join(e.dir, "short.key")
	os.WriteFile(short, []byte("tiny"), 0o600)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--rows", "--format", "ndjson"}, 2, "--rows needs --pseudonym-key FILE"},
		{[]string{"--rows", "--pseudonym-key", open, "--format", "ndjson"}, 1, "can be read by others"},
		{[]string{"--rows", "--pseudonym-key", short, "--format", "ndjson"}, 1, "holds 4 bytes"},
		{[]string{"--rows", "--pseudonym-key", key}, 2, "--rows writes parquet or ndjson"},
		{[]string{"--rows", "--pseudonym-key", key, "--format", "parquet"}, 2, "give it a name with -o"},
		{[]string{"--rows", "--pseudonym-key", key, "--format", "ndjson", "--by", "setting"}, 2, "--by and --period are for the report"},
		{[]string{"--pseudonym-key", key}, 2, "--pseudonym-key is for --rows"},
		{[]string{"--format", "parquet"}, 2, "give it a name with -o"},
	} {
		if code, _, errs := e.run(append([]string{"team", e.out}, tc.args...)...); code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d %s, want %d %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
	// The report as Parquet, by its extension.
	tp := filepath.Join(e.dir, "team.parquet")
	if code, _, errs := e.run("team", e.out, "-o", tp); code != 0 {
		t.Fatalf("team parquet: exit %d %s", code, errs)
	}
	if data, _ := os.ReadFile(tp); !bytes.HasPrefix(data, []byte("PAR1")) {
		t.Error("the report is not Parquet")
	}
}
