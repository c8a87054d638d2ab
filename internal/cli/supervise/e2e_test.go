package supervise_test

import (
	"bytes"
	"encoding/json"
	"fmt"
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

var clock = time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC)

type env struct {
	t      *testing.T
	dir    string
	cfg    string
	set    *framework.Set
	stdout bytes.Buffer
	stderr bytes.Buffer
}

func newEnv(t *testing.T) *env {
	e := &env{t: t, dir: t.TempDir(), set: recordtest.Mini(t)}
	e.cfg = filepath.Join(e.dir, "cfg")
	return e
}

// run runs reflect with args and stdin, returning the exit code.
func (e *env) run(stdin string, args ...string) int {
	e.stdout.Reset()
	e.stderr.Reset()
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(stdin), Out: &e.stdout, Err: &e.stderr},
		Version: "test",
		Now:     func() time.Time { return clock },
		Getenv: func(k string) string {
			switch k {
			case "REFLECT_CONFIG_DIR":
				return e.cfg
			case "REFLECT_DATA_DIR":
				return filepath.Join(e.dir, "data")
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return e.set, nil },
	}
	return app.Run(deps, args)
}

func (e *env) path(name string) string { return filepath.Join(e.dir, name) }

func (e *env) writeRecord(name string) string {
	r := recordtest.Build(e.t, e.set, recordtest.Spec{
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
	b, err := record.Marshal(r)
	if err != nil {
		e.t.Fatal(err)
	}
	p := e.path(name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return p
}

func (e *env) expect(code int, want int, what string) {
	e.t.Helper()
	if code != want {
		e.t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", what, code, want, e.stdout.String(), e.stderr.String())
	}
}

func (e *env) contains(s string, subs ...string) {
	e.t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			e.t.Errorf("output lacks %q:\n%s", sub, s)
		}
	}
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestReviewSignVerify(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	orig, _ := os.ReadFile(in)

	e.expect(e.run("", "keys", "show"), 1, "keys show before generate")
	e.contains(e.stderr.String(), "reflect keys generate")
	e.expect(e.run("", "keys", "generate", "--name", "Sam Patel"), 0, "keys generate")
	e.contains(e.stdout.String(), "reflect-ed25519 ", "Fingerprint:")
	e.expect(e.run("", "keys", "generate"), 1, "second keys generate")
	e.contains(e.stderr.String(), "--force")

	out := e.path("alex-reviewed.json")
	e.expect(e.run("", "review", in, "--confirm", "--sign", "--plan", "agree", "--role", "Clinical supervisor",
		"--comment", "Thoughtful.", "--need", "MINI.1.2.1=Read the guidance together"), 0, "review --confirm --sign")
	e.contains(e.stderr.String(), "Review by Sam Patel", out, "Signed with your key")
	if now, _ := os.ReadFile(in); !bytes.Equal(now, orig) {
		t.Fatal("the original record was changed")
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("output: %v %v", fi, err)
	}

	// Signed, but with a key nobody here trusts yet.
	e.expect(e.run("", "verify", out), cmdutil.ExitUntrusted, "verify before trusting")
	e.contains(e.stdout.String(), "unchanged since this review", "KEY NOT TRUSTED", "Signed, key not trusted")

	// Trusted for one run with --key.
	e.expect(e.run("", "verify", out, "--key", filepath.Join(e.cfg, "review-key.pub")), 0, "verify --key")
	e.contains(e.stdout.String(), "by a trusted key: Sam Patel, given with --key", "Trusted:")

	// Trusted for good.
	e.expect(e.run("", "keys", "trust", filepath.Join(e.cfg, "review-key.pub")), 0, "keys trust")
	e.contains(e.stdout.String(), "Trusted the key of Sam Patel")
	e.expect(e.run("", "verify", out), 0, "verify after trusting")
	e.contains(e.stdout.String(), "by a trusted key: Sam Patel, in your trusted keys")

	// Another person's configuration: they trust only a key of their own.
	mine := e.cfg
	other := e.path("other")
	e.cfg = other
	e.expect(e.run("", "keys", "generate"), 0, "second person's key")
	e.expect(e.run("", "verify", out, "--key", filepath.Join(other, "review-key.pub")), cmdutil.ExitUntrusted, "verify with another key")
	e.contains(e.stdout.String(), "KEY NOT TRUSTED", "Signed, key not trusted")
	e.cfg = mine

	// One character of the reflection.
	changed := e.path("changed.json")
	data, _ := os.ReadFile(out)
	os.WriteFile(changed, data, 0o600)
	edit(t, changed, "avoid asking", "avoid askinG")
	e.expect(e.run("", "verify", changed), cmdutil.ExitChanged, "verify changed")
	e.contains(e.stdout.String(), "CHANGED since this review", "Changed since review")

	// The supervisor's comment, after signing.
	forged := e.path("forged.json")
	os.WriteFile(forged, data, 0o600)
	edit(t, forged, "Thoughtful.", "Competent.")
	e.expect(e.run("", "verify", forged), cmdutil.ExitBadSignature, "verify forged comment")
	e.contains(e.stdout.String(), "NOT VALID")

	e.expect(e.run("", "verify", changed, "--format", "json"), cmdutil.ExitChanged, "verify json")
	e.contains(e.stdout.String(), `"verdict": "changed"`, `"exit_code": 4`)

	e.expect(e.run("", "verify", in), cmdutil.ExitFailure, "verify unreviewed")
	e.contains(e.stderr.String(), "has not been reviewed")
}

func TestReviewRefusesToOverwrite(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	args := []string{"review", in, "--confirm", "--name", "Sam", "--plan", "agree"}
	e.expect(e.run("", append(args, "-o", in)...), cmdutil.ExitUsage, "-o input")
	e.contains(e.stderr.String(), "never writes over it")
	e.expect(e.run("", append(args, "-o", in, "--force")...), cmdutil.ExitUsage, "-o input --force")
	e.expect(e.run("", args...), 0, "first review")
	e.expect(e.run("", args...), cmdutil.ExitFailure, "second review to the same output")
	e.contains(e.stderr.String(), "already exists", "--force")
	e.expect(e.run("", append(args, "--force")...), 0, "forced")
	e.expect(e.run("", "review", in, "--confirm", "--plan", "agree", "-o", e.path("x.json")), cmdutil.ExitUsage, "no name")
	e.expect(e.run("", "review", in, "--confirm", "--name", "Sam", "-o", e.path("x.json")), cmdutil.ExitUsage, "no plan")
	e.expect(e.run("", "review", in, "--sign", "--confirm", "--name", "Sam", "--plan", "agree", "-o", e.path("y.json")), cmdutil.ExitFailure, "sign without key")
	e.contains(e.stderr.String(), "reflect keys generate")
	if _, err := os.Stat(e.path("y.json")); err == nil {
		t.Error("output written although signing failed")
	}
}

// --rate gives the reviewer's own ratings; one off the scale is refused
// before anything is written, and --print then shows them beside the
// practitioner's.
func TestReviewRate(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	out := e.path("rated.json")
	e.expect(e.run("", "review", in, "--confirm", "--name", "Sam", "--plan", "agree", "--rate", "MINI.2.1.1=9", "-o", out), cmdutil.ExitFailure, "rating off the scale")
	e.contains(e.stderr.String(), "the rating 9 of MINI.2.1.1 is not on the scale")
	if _, err := os.Stat(out); err == nil {
		t.Fatal("written although a rating was off the scale")
	}
	e.expect(e.run("", "review", in, "--confirm", "--name", "Sam", "--plan", "agree", "--rate", "nonsense", "-o", out), cmdutil.ExitUsage, "bad --rate")
	e.expect(e.run("", "review", in, "--confirm", "--name", "Sam", "--plan", "agree", "--rate", "MINI.2.1.1=3", "--rate", "MINI.1.1.1=1", "-o", out), 0, "--rate")
	got, err := record.Decode(out, must(os.ReadFile(out)))
	if err != nil {
		t.Fatal(err)
	}
	if rs := got.Reviews[0].Ratings; len(rs) != 2 || rs[0].Code != "MINI.1.1.1" || rs[1].Rating != 3 {
		t.Errorf("ratings %+v", rs)
	}
	e.expect(e.run("", "review", out, "--print"), 0, "print")
	e.contains(e.stdout.String(), "The reviewer's own ratings, beside the practitioner's (never averaged):", "MINI.2.1.1: practitioner")
	e.expect(e.run("", "verify", out), 7, "verify: unsigned but intact")
}

func TestReviewFromFile(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	example := filepath.Join(recordtest.Root(t), "testdata", "review-example.yaml")
	out := e.path("out.json")
	e.expect(e.run("", "review", in, "--file", example, "-o", out), 0, "review --file")
	r, err := record.Decode(out, must(os.ReadFile(out)))
	if err != nil {
		t.Fatal(err)
	}
	rev := r.Reviews[0]
	if rev.PlanDecision() != record.PlanAmend || len(rev.NeedComments) != 2 || rev.Reviewer.Registration == "" {
		t.Errorf("review from file: %+v", rev)
	}
	bad := e.path("bad.yaml")
	os.WriteFile(bad, []byte("reviewer:\n  name: Sam\nplan: agree\n"), 0o600)
	e.expect(e.run("", "review", in, "--file", bad, "-o", e.path("o2.json")), cmdutil.ExitFailure, "file without confirm")
	e.contains(e.stderr.String(), "confirm: true")
	e.expect(e.run("", "review", in, "--file", example, "--name", "X", "-o", e.path("o3.json")), cmdutil.ExitUsage, "file and flags")
}

func TestReviewLineMode(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	out := e.path("lines.json")
	// Count the needs so the script does not depend on scoring details.
	r, _ := record.Decode(in, must(os.ReadFile(in)))
	var lines []string
	for i := range r.Scores.Needs {
		if i == 0 {
			lines = append(lines, "Let's read the guidance together")
		} else {
			lines = append(lines, "")
		}
	}
	lines[0] += "\n." // a comment ends with a full stop alone
	lines = append(lines,
		"A thoughtful record.", ".", // overall
		"MINI.2.1.1=2", // the reviewer's own rating
		"",             // no more ratings
		"m",            // amend the plan
		"e",            // edit goal 1: every field, Enter keeps
		"", "", "", "", // objective, competences, activities, resources
		"2026-08-31",  // new target date
		"",            // success measure
		"in-progress", // status
		"y",           // add a goal
		"Shadow a liaison nurse", "MINI.2.1.2", "", "", "2026-09-30", "Done once", "",
		"n",          // no more goals
		"Sam Patel",  // name
		"Supervisor", // role
		"", "",       // profession, registration
		"",  // date: today
		"y", // confirm
	)
	e.expect(e.run(strings.Join(lines, "\n")+"\n", "review", in, "-o", out), 0, "line-mode review")
	e.contains(e.stderr.String(), "DEVELOPMENT NEEDS", "Do you confirm this statement?", "does not certify")
	got, err := record.Decode(out, must(os.ReadFile(out)))
	if err != nil {
		t.Fatal(err)
	}
	rev := got.Reviews[0]
	if rev.Reviewer.Name != "Sam Patel" || rev.Date != "2026-03-14" || rev.PlanDecision() != record.PlanAmend || len(rev.AgreedPlan) != 2 ||
		rev.AgreedPlan[0].TargetDate != "2026-08-31" || rev.AgreedPlan[0].Status != "in-progress" || len(rev.NeedComments) != 1 ||
		strings.Join(rev.AgreedPlan[1].Competences, ",") != "MINI.2.1.2" ||
		len(rev.Ratings) != 1 || rev.Ratings[0] != (record.Rating{Code: "MINI.2.1.1", Rating: 2}) {
		t.Errorf("line-mode review: %+v", rev)
	}

	// Declining the statement writes nothing; so does input that ends early.
	no := append(append([]string(nil), lines[:len(lines)-1]...), "n")
	e.expect(e.run(strings.Join(no, "\n")+"\n", "review", in, "-o", e.path("no.json")), cmdutil.ExitFailure, "declined")
	e.expect(e.run("Only one line\n", "review", in, "-o", e.path("eof.json")), cmdutil.ExitFailure, "input ended")
	for _, n := range []string{"no.json", "eof.json"} {
		if _, err := os.Stat(e.path(n)); err == nil {
			t.Errorf("%s written although the review was not finished", n)
		}
	}
	// What was typed is kept as a draft (private), and offered next time.
	draft := filepath.Join(e.dir, "data", "review-drafts", "r-00000000000000aa.yaml")
	if fi, err := os.Stat(draft); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("draft: %v %v", fi, err)
	}
	e.contains(strings.Join(strings.Fields(e.stderr.String()), " "), "kept as a draft in "+draft, "To carry on, run: reflect review "+in+" --accessible")
	if d := string(must(os.ReadFile(draft))); !strings.Contains(d, "Only one line") {
		t.Errorf("the draft lacks what was typed:\n%s", d)
	}
	e.expect(e.run("quit\n", "review", in, "-o", e.path("q.json")), cmdutil.ExitFailure, "carry on, then quit")
	e.contains(e.stderr.String(), "Carrying on from your draft", "Only one line")
	// Finished: the draft goes.
	e.expect(e.run(strings.Join(lines, "\n")+"\n", "review", in, "-o", e.path("done.json"), "--no-draft"), 0, "a finished review")
	if _, err := os.Stat(draft); err == nil {
		t.Error("the draft is still there after the review was written")
	}
}

func TestReviewPrint(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	e.expect(e.run("", "review", in, "--print"), 0, "print")
	e.contains(e.stdout.String(), "Alex Example", "SCORES", "DEVELOPMENT NEEDS", "MINI.1.2.1", "REFLECTION", "avoid asking", "DEVELOPMENT PLAN", "Samaritans")
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestShareWithholdsAndStillVerifies(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	e.expect(e.run("", "keys", "generate", "--name", "Sam Patel"), 0, "keys generate")
	e.expect(e.run("", "keys", "trust", filepath.Join(e.cfg, "review-key.pub")), 0, "keys trust")
	reviewed := e.path("alex-reviewed.json")
	e.expect(e.run("", "review", in, "--confirm", "--sign", "--plan", "agree", "-o", reviewed), 0, "review")

	shared := e.path("shared.json")
	e.expect(e.run("", "share", reviewed, "--withhold", "reflection,notes", "-o", shared), 0, "share")
	e.contains(e.stderr.String(), "with notes and reflection withheld", "still verify")
	data, _ := os.ReadFile(shared)
	for _, gone := range []string{"I noticed I avoid asking directly.", `"reflection": "`} {
		if bytes.Contains(data, []byte(gone)) {
			t.Errorf("the shared copy still holds %q", gone)
		}
	}
	if fi, err := os.Stat(shared); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("shared copy: %v %v", fi, err)
	}
	e.expect(e.run("", "verify", shared), 0, "verify shared")
	e.contains(e.stdout.String(), "Shared copy: withheld by the practitioner: notes", "reflection (the reflection)", "for everything shown")

	// Refusals say what is wrong and what to do.
	e.expect(e.run("", "share", reviewed, "--withhold", "ratings", "-o", e.path("s2.json")), 1, "withhold ratings")
	e.contains(e.stderr.String(), "ratings cannot be withheld", "can be withheld are practitioner, notes")
	e.expect(e.run("", "share", reviewed, "--withhold", "reflexion", "-o", e.path("s3.json")), 1, "withhold a typo")
	e.contains(e.stderr.String(), `there is no section "reflexion" (did you mean reflection?)`)
	e.expect(e.run("", "share", reviewed, "-o", e.path("s4.json")), 2, "nothing to withhold")
	e.expect(e.run("", "share", reviewed, "--withhold", "notes", "-o", reviewed), 2, "over the record")
	e.expect(e.run("", "share", reviewed, "--withhold", "notes", "-o", shared), 1, "over an existing file")
	e.contains(e.stderr.String(), "--force")
	e.expect(e.run("", "review", shared, "--confirm", "--name", "Jo", "--plan", "agree", "-o", e.path("r2.json")), 1, "review a shared copy")
	e.contains(e.stderr.String(), "shared copy", "review the practitioner's full record")
	// Shared again, with more withheld.
	again := e.path("again.json")
	e.expect(e.run("", "share", shared, "--withhold", "plan", "-o", again), 0, "share again")
	e.expect(e.run("", "verify", again), 0, "verify shared twice")
	e.contains(e.stdout.String(), "withheld: notes, reflection, plan")
}

// The reviewer's words go through the same identifier check as the
// practitioner's: a scripted review lists the findings and stops, unless
// the reviewer confirms them.
func TestScriptedReviewChecksTheReviewersWords(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	words := "Discussed Mrs Ó Briain in bed 12, NHS 943 476 5919, call 07700 900123"
	out := e.path("out.json")
	e.expect(e.run("", "review", in, "--confirm", "--name", "Sam", "--plan", "agree", "--comment", words, "-o", out), cmdutil.ExitFailure, "identifiers")
	e.contains(e.stderr.String(), "found 4 thing(s) in your words", `"Mrs Ó Briain" (a name with a title`, `"bed 12"`, `"943 476 5919" (an NHS number`, `"07700 900123" (a UK phone number)`, "--confirm-anonymised")
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a review with unconfirmed identifiers was written")
	}
	e.expect(e.run("", "review", in, "--confirm", "--name", "Sam", "--plan", "agree", "--comment", words, "--confirm-anonymised", "-o", out), 0, "confirmed")
	got, _ := record.Decode(out, must(os.ReadFile(out)))
	if a := got.Reviews[0].Anonymisation; a == nil || a.Findings != 4 || !a.Confirmed {
		t.Errorf("the review does not record the check: %+v", a)
	}

	// In a review file: confirm_anonymised: true.
	file := e.path("r.yaml")
	os.WriteFile(file, []byte("reviewer: {name: Sam}\nconfirm: true\nplan: agree\ncomments: "+words+"\n"), 0o600)
	e.expect(e.run("", "review", in, "--file", file, "-o", e.path("f1.json")), cmdutil.ExitFailure, "file with identifiers")
	e.contains(e.stderr.String(), "confirm_anonymised: true in "+file)
	os.WriteFile(file, []byte("reviewer: {name: Sam}\nconfirm: true\nconfirm_anonymised: true\nplan: agree\ncomments: "+words+"\n"), 0o600)
	e.expect(e.run("", "review", in, "--file", file, "-o", e.path("f2.json")), 0, "file confirmed")
}

// An amended plan in a review file is checked like an answers file:
// unknown codes and resource ids at file:line:col, with "did you mean".
func TestReviewFileAmendedPlanIsChecked(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	file := e.path("r.yaml")
	os.WriteFile(file, []byte(`reviewer: {name: Sam}
confirm: true
plan: amend
amended_plan:
  - objective: Ask directly
    competences: [MINI.2.1.1, ADU.2.2.9, NOPE, a stray line]
    resources: [mini-readin, Team teaching session]
    status: done
`), 0o600)
	e.expect(e.run("", "review", in, "--file", file, "-o", e.path("o.json")), cmdutil.ExitFailure, "bad plan")
	for _, want := range []string{
		file + ":6:31: goal 1 of the amended plan: ADU.2.2.9 is not a competence of the frameworks this record assessed",
		file + ":6:42: goal 1 of the amended plan: NOPE is not a competence",
		file + `:6:48: goal 1 of the amended plan: "a stray line" is not a competence code`,
		file + `:7:17: goal 1 of the amended plan: "mini-readin" is not a resource of the frameworks this record assessed (did you mean mini-reading?`,
		file + `:8:13: goal 1 of the amended plan: the status "done" is not one of planned`,
	} {
		e.contains(e.stderr.String(), want)
	}
	if _, err := os.Stat(e.path("o.json")); err == nil {
		t.Error("written")
	}
}

// Values given with flags to an interactive review are checked before any
// question is asked (exit 2, nothing read, nothing written), so that
// nothing typed afterwards is lost to a mistake on the command line.
func TestReviewFlagValuesCheckedBeforeTheQuestions(t *testing.T) {
	e := newEnv(t)
	in := e.writeRecord("alex.json")
	out := e.path("x.json")
	stdin := "A comment that must never be asked for\n.\n"
	code := e.run(stdin, "review", in, "-o", out, "--need", "MINI.9.9.9=hello", "--rate", "MINI.1.1.1=7", "--date", "2026-03-15")
	e.expect(code, cmdutil.ExitUsage, "bad flag values")
	e.contains(e.stderr.String(), "nothing was asked yet",
		"--need: MINI.9.9.9 is not a development need or an answered competence in this record",
		"--rate: the rating 7 of MINI.1.1.1 is not on the scale",
		"--date: the date 2026-03-15 is in the future")
	if strings.Contains(e.stderr.String(), "Your comment on this need") {
		t.Error("a question was asked before the flags were checked")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a review was written")
	}
	if _, err := os.Stat(filepath.Join(e.dir, "data", "review-drafts")); err == nil {
		t.Error("a draft was kept although nothing was asked")
	}
}

// Every command that reads a record works its figures out again from the
// answers, uses those, and says in one line that the file's were wrong
// (verify instead reports the record changed, in the tamper table).
func TestEveryCommandUsesRecomputedFiguresAndSaysSo(t *testing.T) {
	e := newEnv(t)
	honest := e.writeRecord("honest.json")
	fake := e.path("fake.json")
	b := must(os.ReadFile(honest))
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	scores := doc["scores"].(map[string]any)
	mean := scores["overall"].(map[string]any)["mean"].(float64)
	scores["overall"].(map[string]any)["mean"] = 2.97
	scores["needs"] = []any{}
	doc["id"] = "r-00000000000000bb" // another record, so that commands reading both count both
	out, _ := json.MarshalIndent(doc, "", "  ")
	if err := os.WriteFile(fake, out, 0o600); err != nil {
		t.Fatal(err)
	}
	note := "Note: the figures stored in " + fake + " were wrong (scores.overall.mean: the file says 2.97, the answers give "
	for _, c := range []struct {
		args  []string
		note  string
		shows string // the figure worked out, in the output
	}{
		{[]string{"export", fake, "--format", "md", "-o", "-"}, note, fmt.Sprintf("mean %.2f", mean)},
		{[]string{"export", fake, "--format", "json", "-o", "-"}, note, fmt.Sprintf(`"mean": %v`, mean)},
		{[]string{"review", fake, "--print"}, note, fmt.Sprintf("mean %.2f", mean)},
		{[]string{"compare", honest, fake}, note, fmt.Sprintf("%.2f → %.2f", mean, mean)},
		{[]string{"caseload", fake}, note, "Latest record: r-00000000000000bb (2026-03-01, complete)"},
		{[]string{"team", honest, fake, "--min-group", "1"}, "Note: 1 file(s) stored figures that are not those their answers give; the report uses the figures worked out from the answers.", "Records counted: 2"},
		{[]string{"portfolio", "--regulator", "nmc", "--renewal", "2027-06-30", "--record", fake}, note, ""},
	} {
		code := e.run("", c.args...)
		if code != 0 {
			t.Errorf("%v: exit %d\n%s", c.args, code, e.stderr.String())
			continue
		}
		if strings.Count(e.stderr.String(), c.note) != 1 {
			t.Errorf("%v: does not say once %q:\n%s", c.args, c.note, e.stderr.String())
		}
		if !strings.Contains(strings.Join(strings.Fields(e.stdout.String()), " "), c.shows) {
			t.Errorf("%v: the output does not show %q:\n%s", c.args, c.shows, e.stdout.String())
		}
		if strings.Contains(e.stdout.String(), "2.97") {
			t.Errorf("%v: the output shows the stored figure 2.97", c.args)
		}
	}
}
