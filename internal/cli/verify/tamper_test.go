package verify_test

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// The README's tamper table lists each kind of tampering, what catches it,
// the exit status of 'reflect verify' and words it prints. This test reads
// that table and runs every row, so the table stays true.

var clock = time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC)

var (
	supervisor   = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	practitioner = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, ed25519.SeedSize))
)

type tamperRow struct {
	change, catches, says string
	id                    string
	exit                  int
}

// readmeTable returns the rows of the README table that follows the line
// starting with marker.
func readmeTable(t *testing.T, marker string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(recordtest.Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	found, inTable := false, false
	var rows [][]string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !found:
			found = strings.HasPrefix(line, marker)
		case strings.HasPrefix(line, "|"):
			inTable = true
			cells := strings.Split(strings.Trim(line, "|"), " | ")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			if strings.HasPrefix(cells[0], "---") || cells[0] == "change (test case)" || cells[0] == "code" {
				continue
			}
			rows = append(rows, cells)
		case inTable:
			return rows
		}
	}
	if !found {
		t.Fatalf("README has no line starting %q", marker)
	}
	return rows
}

var caseID = regexp.MustCompile("\\(`([a-z0-9-]+)`\\)$")

func tamperRows(t *testing.T) []tamperRow {
	t.Helper()
	var out []tamperRow
	for _, cells := range readmeTable(t, "**What each kind of tampering does.**") {
		if len(cells) != 4 {
			t.Fatalf("tamper table row has %d cells, want 4: %v", len(cells), cells)
		}
		m := caseID.FindStringSubmatch(cells[0])
		if m == nil {
			t.Fatalf("tamper table row %q does not end with its test case in (`backticks`)", cells[0])
		}
		code, err := strconv.Atoi(cells[2])
		if err != nil {
			t.Fatalf("row %s: exit %q is not a number", m[1], cells[2])
		}
		out = append(out, tamperRow{change: cells[0], catches: cells[1], id: m[1], exit: code, says: strings.Trim(cells[3], "`")})
	}
	if len(out) == 0 {
		t.Fatal("the README's tamper table has no rows")
	}
	return out
}

// env is a reviewer's computer: a config folder trusting the supervisor's
// key, and the mini framework built in.
type env struct {
	t      *testing.T
	dir    string
	set    *framework.Set
	stdout bytes.Buffer
	stderr bytes.Buffer
}

func newEnv(t *testing.T) *env {
	e := &env{t: t, dir: t.TempDir(), set: recordtest.Mini(t)}
	if _, _, err := keystore.Trust(filepath.Join(e.dir, "cfg"), supervisor.Public().(ed25519.PublicKey), "Sam Patel"); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) run(args ...string) int {
	e.stdout.Reset()
	e.stderr.Reset()
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(""), Out: &e.stdout, Err: &e.stderr},
		Version: "test",
		Now:     func() time.Time { return clock },
		Getenv: func(k string) string {
			if k == keystore.EnvDir {
				return filepath.Join(e.dir, "cfg")
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return e.set, nil },
	}
	return app.Run(deps, args)
}

func (e *env) write(name string, r *record.Record) string {
	e.t.Helper()
	b, err := record.Marshal(r)
	if err != nil {
		e.t.Fatal(err)
	}
	p := filepath.Join(e.dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// reviewed builds a complete record reviewed three times, each review
// signed with the supervisor's key.
func reviewed(t *testing.T, set *framework.Set) *record.Record {
	t.Helper()
	r := recordtest.Build(t, set, recordtest.Spec{
		ID:     "r-00000000000000aa",
		Scopes: []assessment.Scope{{Framework: "mini", Profile: "specialist"}},
		Rate: recordtest.ByCode(map[string]int{
			"MINI.1.1.1": 3, "MINI.1.1.2": 2, "MINI.1.2.1": 1, "MINI.2.1.1": 2, "MINI.2.1.2": 3,
		}),
		Practitioner: record.Practitioner{Name: "Alex Example", Profession: "Nurse"},
		Reflection:   []string{"I noticed I avoid asking directly.", "It matters because people feel heard.", "I will practise."},
		Plan:         []record.Goal{{ID: "g1", Objective: "Ask directly and calmly about suicide", Competences: []string{"MINI.2.1.1"}, TargetDate: "2026-06-30", Status: "planned"}},
		Complete:     true,
	})
	r.Answers[0].Note = "Read the guideline on assessment."
	r.Activity = record.Activity{Title: "Self-assessment", StartDate: "2026-02-01", EndDate: "2026-03-01", Hours: 2}
	for i, plan := range []bool{true, false, true} {
		in := record.Review{Reviewer: record.Reviewer{Name: "Sam Patel", Role: "Clinical supervisor"},
			Date: clock.AddDate(0, 0, i-3).Format("2006-01-02"), Comments: "Review " + strconv.Itoa(i+1) + ": we talked it through.", PlanAgreed: plan}
		sign(t, r, in, supervisor)
	}
	return r
}

func sign(t *testing.T, r *record.Record, in record.Review, key ed25519.PrivateKey) {
	t.Helper()
	rev, err := r.NewReview(in, clock)
	if err != nil {
		t.Fatal(err)
	}
	if key != nil {
		if err := record.Sign(&rev, key); err != nil {
			t.Fatal(err)
		}
	}
	r.AppendReview(rev, clock, record.Tool{Name: "reflect", Version: "test"})
}

// rechain re-signs every review with key, in order, each listing the
// fingerprints of the re-signed reviews before it: what someone holding
// key would have to do to pass the reviews off as theirs.
func rechain(t *testing.T, r *record.Record, key ed25519.PrivateKey) {
	t.Helper()
	var prev []string
	for i := range r.Reviews {
		rev := &r.Reviews[i]
		rev.Previous = append([]string(nil), prev...)
		if err := record.Sign(rev, key); err != nil {
			t.Fatal(err)
		}
		fp, err := rev.Fingerprint()
		if err != nil {
			t.Fatal(err)
		}
		prev = append(prev, fp)
	}
}

// editJSON changes the record file's JSON directly, as a person with a
// text editor would (so stored figures can be changed without reflect
// recomputing them on the way out).
func editJSON(t *testing.T, path string, edit func(doc map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
}

// cases makes each row's change. It returns the path to verify and any
// extra arguments.
var cases = map[string]func(t *testing.T, e *env, r *record.Record) (string, []string){
	"rating": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Answers[2].Rating = 3
		return e.write("x.json", r), nil
	},
	"note": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Answers[0].Note = "Read the guideline on assessment, twice."
		return e.write("x.json", r), nil
	},
	"stored-score": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		p := e.write("x.json", r)
		editJSON(t, p, func(doc map[string]any) {
			doc["scores"].(map[string]any)["overall"].(map[string]any)["mean"] = 2.9
		})
		return p, nil
	},
	"status": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Status = record.StatusInProgress
		return e.write("x.json", r), nil
	},
	"created": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Created = r.Created.AddDate(0, -6, 0)
		return e.write("x.json", r), nil
	},
	"activity-dates": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Activity.StartDate = "2025-09-01"
		return e.write("x.json", r), nil
	},
	"remove-middle": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Reviews = append(r.Reviews[:1], r.Reviews[2:]...)
		return e.write("x.json", r), nil
	},
	"reorder": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Reviews[0], r.Reviews[1] = r.Reviews[1], r.Reviews[0]
		return e.write("x.json", r), nil
	},
	"remove-last": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Reviews = r.Reviews[:2]
		return e.write("x.json", r), nil
	},
	"remove-last-expected": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		fp, err := r.Reviews[2].Fingerprint()
		if err != nil {
			t.Fatal(err)
		}
		r.Reviews = r.Reviews[:2]
		return e.write("x.json", r), []string{"--review", record.ShortFingerprint(fp)}
	},
	"comment": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Reviews[1].Comments = "Excellent: fully competent."
		return e.write("x.json", r), nil
	},
	"signature-moved": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		sig := *r.Reviews[0].Signature
		r.Reviews[2].Signature = &sig
		return e.write("x.json", r), nil
	},
	"rehash": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Reflection.Sections[0].Text = "I always ask directly."
		list, err := r.SectionDigests()
		if err != nil {
			t.Fatal(err)
		}
		for i := range r.Reviews {
			r.Reviews[i].Sections = list
		}
		p := e.write("x.json", r)
		// The summary digest too, by hand: the sha256 of the list is not
		// exported, so take it from a fresh review over the same content.
		cp := *r
		cp.Reviews = nil
		rev, err := cp.NewReview(record.Review{Reviewer: record.Reviewer{Name: "x"}}, clock)
		if err != nil {
			t.Fatal(err)
		}
		editJSON(t, p, func(doc map[string]any) {
			for _, rv := range doc["reviews"].([]any) {
				rv.(map[string]any)["digest"] = rev.Digest
			}
		})
		return p, nil
	},
	"untrusted-key": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		rechain(t, r, practitioner)
		return e.write("x.json", r), nil
	},
	"unsigned": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		r.Reviews[2].Signature = nil
		return e.write("x.json", r), nil
	},
	"withheld": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		cp, err := record.Withhold(r, []string{record.SectionReflection, record.SectionNotes})
		if err != nil {
			t.Fatal(err)
		}
		return e.write("x.json", cp), nil
	},
	"withheld-altered": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		cp, err := record.Withhold(r, []string{record.SectionReflection, record.SectionNotes})
		if err != nil {
			t.Fatal(err)
		}
		cp.Reflection = r.Reflection
		cp.Reflection.Sections[0].Text = "I always ask directly."
		cp.Disclosure.Withheld = []string{record.SectionNotes}
		return e.write("x.json", cp), nil
	},
	"withheld-filled": func(t *testing.T, e *env, r *record.Record) (string, []string) {
		cp, err := record.Withhold(r, []string{record.SectionReflection, record.SectionNotes})
		if err != nil {
			t.Fatal(err)
		}
		cp.Reflection = r.Reflection
		return e.write("x.json", cp), nil
	},
}

func TestTamperTable(t *testing.T) {
	rows := tamperRows(t)
	seen := map[string]bool{}
	for _, row := range rows {
		t.Run(row.id, func(t *testing.T) {
			seen[row.id] = true
			make, ok := cases[row.id]
			if !ok {
				t.Fatalf("the README lists %q, which this test does not know how to make", row.id)
			}
			e := newEnv(t)
			r := reviewed(t, e.set)
			// Untouched, the record is trusted: each row's verdict is the
			// change's doing.
			if code := e.run("verify", e.write("orig.json", r)); code != 0 {
				t.Fatalf("the untouched record: exit %d\n%s%s", code, e.stdout.String(), e.stderr.String())
			}
			path, extra := make(t, e, r)
			code := e.run(append([]string{"verify", path}, extra...)...)
			if code != row.exit {
				t.Errorf("exit %d, README says %d\n%s%s", code, row.exit, e.stdout.String(), e.stderr.String())
			}
			if !strings.Contains(e.stdout.String(), row.says) {
				t.Errorf("verify does not say %q:\n%s%s", row.says, e.stdout.String(), e.stderr.String())
			}
			// The JSON report agrees.
			e.run(append([]string{"verify", path, "--format", "json"}, extra...)...)
			var rep struct {
				Exit int `json:"exit_code"`
			}
			if err := json.Unmarshal(e.stdout.Bytes(), &rep); err != nil || rep.Exit != row.exit {
				t.Errorf("--format json: exit_code %d (%v), want %d", rep.Exit, err, row.exit)
			}
		})
	}
	for id := range cases {
		if !seen[id] {
			t.Errorf("case %q is not in the README's tamper table", id)
		}
	}
	// Every exit status the exit-code table gives verify is shown by a row.
	exits := map[int]bool{0: false}
	for _, cells := range readmeTable(t, "## Exit codes") {
		if strings.HasPrefix(cells[1], "`verify`") {
			n, _ := strconv.Atoi(cells[0])
			exits[n] = false
		}
	}
	for _, row := range rows {
		exits[row.exit] = true
	}
	for code, shown := range exits {
		if !shown {
			t.Errorf("no tamper table row shows verify's exit status %d", code)
		}
	}
}

// Version 1 records (written before section digests) and their reviews
// still read and verify as before.
func TestVersion1RecordStillVerifies(t *testing.T) {
	e := newEnv(t)
	data, err := os.ReadFile(filepath.Join(recordtest.Root(t), "testdata", "records", "v1", "full.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"schema_version": 1`)) {
		t.Fatal("the v1 fixture is not schema version 1")
	}
	p := filepath.Join(e.dir, "v1.json")
	os.WriteFile(p, data, 0o600)
	key := filepath.Join(e.dir, "fixture.pub")
	os.WriteFile(key, []byte("reflect-ed25519 "+fixturePub(t, data)+" Aled Jones\n"), 0o600)
	if code := e.run("verify", p, "--key", key); code != 0 {
		t.Fatalf("v1 record with its key: exit %d\n%s%s", code, e.stdout.String(), e.stderr.String())
	}
	if !strings.Contains(e.stdout.String(), "Chain:     not recorded") {
		t.Errorf("verify does not say the v1 review has no chain:\n%s", e.stdout.String())
	}
	if code := e.run("verify", p); code != cmdutil.ExitUntrusted {
		t.Errorf("v1 record without its key: exit %d, want %d", code, cmdutil.ExitUntrusted)
	}
	os.WriteFile(p, bytes.Replace(data, []byte("least confident"), []byte("most confident"), 1), 0o600)
	if code := e.run("verify", p, "--key", key); code != cmdutil.ExitChanged {
		t.Errorf("v1 record changed: exit %d, want %d\n%s", code, cmdutil.ExitChanged, e.stdout.String())
	}
	// Reviewed again now: written as schema 2, the old review still verifies
	// and the new one chains to it.
	os.WriteFile(p, data, 0o600)
	out := filepath.Join(e.dir, "v1-reviewed.json")
	if code := e.run("review", p, "--confirm", "--name", "Jo Lead", "--plan", "agree", "-o", out); code != 0 {
		t.Fatalf("review of a v1 record: exit %d\n%s", code, e.stderr.String())
	}
	if code := e.run("verify", out, "--key", key); code != cmdutil.ExitUnsigned {
		t.Fatalf("v1 record reviewed again: exit %d, want %d (the new review is unsigned)\n%s", code, cmdutil.ExitUnsigned, e.stdout.String())
	}
	if !strings.Contains(e.stdout.String(), "follows the 1 review(s) before it") {
		t.Errorf("the new review does not chain to the v1 one:\n%s", e.stdout.String())
	}
	b, _ := os.ReadFile(out)
	if !bytes.Contains(b, []byte(`"schema_version": 2`)) {
		t.Error("the reviewed copy is not written as schema 2")
	}
}

func fixturePub(t *testing.T, data []byte) string {
	t.Helper()
	var doc struct {
		Reviews []struct {
			Signature struct {
				PublicKey string `json:"public_key"`
			} `json:"signature"`
		} `json:"reviews"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Reviews) == 0 {
		t.Fatalf("fixture: %v", err)
	}
	return doc.Reviews[0].Signature.PublicKey
}
