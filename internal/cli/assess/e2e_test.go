package assess_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"

	// The binary is built from the whole program; importing it here makes
	// go test's cache rerun these tests whenever any of it changes.
	_ "github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/binarytest"
	"github.com/reflect-cpd/reflect/internal/record"
)

var binary string

// TestMain builds the reflect binary once for the end-to-end tests.
func TestMain(m *testing.M) { binarytest.Main(m, &binary) }

const mini = "../../../testdata/frameworks/mini.yaml"

func root(p string) string { return filepath.Join("../../..", p) }

// proc is a running reflect whose standard error is collected.
type proc = binarytest.Proc

func start(t *testing.T, data string, args ...string) *proc {
	t.Helper()
	return binarytest.Start(t, binarytest.Command(binary, binarytest.Env(data), args...))
}

// run runs reflect to the end with the given input.
func run(t *testing.T, data, input string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return binarytest.Run(t, binarytest.Command(binary, binarytest.Env(data), args...), input)
}

func onlyRecord(t *testing.T, data string) *record.Record {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(data, "assessments", "*.json"))
	if len(files) != 1 {
		t.Fatalf("want one record in the data folder, found %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	r, err := record.Decode(files[0], b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func answersOf(r *record.Record) string {
	var s []string
	for _, a := range r.Answers {
		switch {
		case a.Rating > 0:
			s = append(s, fmt.Sprintf("%s=%d", a.Code, a.Rating))
		case a.NA:
			s = append(s, a.Code+"=na:"+a.NAReason)
		}
		if a.Flag {
			s = append(s, a.Code+"=flag")
		}
	}
	return strings.Join(s, " ")
}

func TestLineModeThroughPipes(t *testing.T) {
	data := t.TempDir()
	_, stderr, code := run(t, data, "3\n2\nn role\nflag\nquit\n", "assess", "--framework", mini, "--profile", "specialist")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, s := range []string{"116 123", "Statement 1 of 5", "Statement 1 of 5, your answer: ", "Saved: 3 Competent.", "Flagged as a development priority.", "Saved. Continue any time with: reflect assess --resume r-"} {
		if !strings.Contains(stderr, s) {
			t.Errorf("stderr lacks %q", s)
		}
	}
	if strings.Contains(stderr, "\x1b") {
		t.Errorf("line mode wrote an escape sequence")
	}
	r := onlyRecord(t, data)
	if got := answersOf(r); got != "MINI.1.1.1=3 MINI.1.1.2=2 MINI.1.2.1=na:not-my-role MINI.2.1.1=flag" {
		t.Errorf("answers %s", got)
	}
	out, _, _ := run(t, data, "", "list")
	if !regexp.MustCompile(`r-[0-9a-f]{16}\s+mini\s+specialist\s+.*\s60%\s+in progress: 2 unanswered, reflection not written, not confirmed anonymous`).MatchString(out) {
		t.Errorf("list:\n%s", out)
	}
	// The data folder existed (t.TempDir), so reflect left it alone
	// (internal/hardening's TestChosenDataFolderNotChanged); the folder it
	// made is private.
	for _, p := range []string{filepath.Join(data, "assessments")} {
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o700 {
			t.Errorf("%s mode %o", p, fi.Mode().Perm())
		}
	}
	files, _ := filepath.Glob(filepath.Join(data, "assessments", "*"))
	for _, f := range files {
		if fi, _ := os.Stat(f); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %o", f, fi.Mode().Perm())
		}
	}
}

func TestLineModeWholeFlowWritesOut(t *testing.T) {
	data := t.TempDir()
	out := filepath.Join(t.TempDir(), "record.json")
	input := strings.Join([]string{"1", // profile: everyone
		"3", "2", "1", "2", "done", "yes", // answers; done; go on to the reflection
		"A Person", "", "", "", "", "", // details
		"", "", "What I noticed.", ".", "Why it matters.", ".", "What I will do.", ".", "It helps people.", ".", // model, focus, sections, benefit
		"1", "Practise asking", "", "Role-play", ".", "", "", "", // standards, goal
		"",                          // no other goal
		"", "", "", "", "1", "", "", // activity: title, method, dates, hours, participatory; evidence
		"yes"}, "\n") + "\n"
	_, stderr, code := run(t, data, input, "assess", "--framework", mini, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	r, err := record.Decode(out, b)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != record.StatusComplete || r.Reflection.Sections[2].Text != "What I will do." || len(r.Plan) != 1 || r.Practitioner.Name != "A Person" {
		t.Errorf("record: status %s reflection %+v plan %+v", r.Status, r.Reflection, r.Plan)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("--out file mode %o", fi.Mode().Perm())
	}
	if !strings.Contains(stderr, "is complete and saved") || strings.Count(stderr, "116 123") < 2 {
		t.Errorf("no closing signposting:\n%s", stderr)
	}
}

// TestKilledThenResumed answers a few statements, kills reflect with
// SIGKILL (no chance to save on the way out) and shows every answer is
// there on resume.
func TestKilledThenResumed(t *testing.T) {
	binarytest.SkipIfShort(t, "kill test")
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	data := t.TempDir()
	p := start(t, data, "assess", "--framework", mini, "--profile", "specialist")
	p.WaitFor(t, "Statement 1 of 5, your answer: ")
	p.Send(t, "3")
	p.WaitFor(t, "Statement 2 of 5, your answer: ")
	p.Send(t, "n not-encountered")
	p.WaitFor(t, "Statement 3 of 5, your answer: ")
	p.Send(t, "note Read the local policy")
	p.WaitFor(t, "Note saved.")
	p.Send(t, "1")
	p.WaitFor(t, "Statement 4 of 5, your answer: ")
	p.Cmd.Process.Signal(syscall.SIGKILL)
	if code := p.ExitCode(t); code != -1 {
		t.Fatalf("exit %d after SIGKILL", code)
	}
	r := onlyRecord(t, data)
	if got := answersOf(r); got != "MINI.1.1.1=3 MINI.1.1.2=na:not-encountered MINI.1.2.1=1" {
		t.Errorf("after SIGKILL the record holds %q", got)
	}
	// Resume: the lock died with the process; the answers and the place
	// are back.
	_, stderr, code := run(t, data, "back\nquit\n", "assess", "--resume", "--framework", mini)
	if code != 0 {
		t.Fatalf("resume: exit %d\n%s", code, stderr)
	}
	for _, s := range []string{"Welcome back. You have answered 3 of 5. You are at item 4.", "note: Read the local policy", "Your answer: 1 Not yet"} {
		if !strings.Contains(stderr, s) {
			t.Errorf("resume lacks %q\n%s", s, stderr)
		}
	}
}

func TestSignalsSaveAndExit130(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("unix signals")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			data := t.TempDir()
			p := start(t, data, "assess", "--framework", mini, "--profile", "everyone")
			p.WaitFor(t, "Statement 1 of 4, your answer: ")
			p.Send(t, "2", "flag")
			p.WaitFor(t, "Flagged")
			p.Cmd.Process.Signal(sig)
			if code := p.ExitCode(t); code != 130 {
				t.Fatalf("exit %d, want 130\n%s", code, p.Stderr())
			}
			if !strings.Contains(p.Stderr(), "Everything you entered has been saved") {
				t.Errorf("stderr:\n%s", p.Stderr())
			}
			if got := answersOf(onlyRecord(t, data)); got != "MINI.1.1.1=2 MINI.1.1.2=flag" {
				t.Errorf("saved %q", got)
			}
		})
	}
}

func TestSecondProcessIsRefused(t *testing.T) {
	data := t.TempDir()
	p := start(t, data, "assess", "--framework", mini)
	p.WaitFor(t, "Statement 1 of 5, your answer: ")
	_, stderr, code := run(t, data, "quit\n", "assess", "--resume", "--framework", mini)
	if code != 3 {
		t.Fatalf("exit %d, want 3 (busy)\n%s", code, stderr)
	}
	want := fmt.Sprintf("is open in another reflect (pid %d)", p.Cmd.Process.Pid)
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	p.Send(t, "quit")
	if code := p.ExitCode(t); code != 0 {
		t.Errorf("first process exit %d", code)
	}
}

func TestCorruptRecordOffersBackup(t *testing.T) {
	data := t.TempDir()
	if _, stderr, code := run(t, data, "2\n3\nquit\n", "assess", "--framework", mini); code != 0 {
		t.Fatal(stderr)
	}
	files, _ := filepath.Glob(filepath.Join(data, "assessments", "*.json"))
	good, _ := os.ReadFile(files[0])
	broken := bytes.Replace(good, []byte(`"answers": [`), []byte(`"answers": [,`), 1)
	os.WriteFile(files[0], broken, 0o600)

	_, stderr, code := run(t, data, "quit\n", "assess", "--resume", "--framework", mini)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`\.json:\d+:\d+: JSON syntax error`).MatchString(stderr) || !strings.Contains(stderr, "--from-backup") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if now, _ := os.ReadFile(files[0]); !bytes.Equal(now, broken) {
		t.Errorf("the unreadable file was changed")
	}
	_, stderr, code = run(t, data, "quit\n", "assess", "--resume", "--from-backup", "--framework", mini)
	if code != 0 {
		t.Fatalf("from backup: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "Continuing from the backup. The unreadable file is kept as") {
		t.Errorf("stderr:\n%s", stderr)
	}
	// The backup is the copy before the last save: one answer.
	if got := answersOf(onlyRecord(t, data)); got != "MINI.1.1.1=2" && got != "MINI.1.1.1=2 MINI.1.1.2=3" {
		t.Errorf("restored %q", got)
	}
}

func TestScriptedMode(t *testing.T) {
	data := t.TempDir()
	out := filepath.Join(t.TempDir(), "rec.json")
	stdout, stderr, code := run(t, data, "", "assess", "--answers", root("testdata/answers-example.yaml"), "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Your summary") || !strings.Contains(stdout, "1. MINI.2.1.1") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if !strings.Contains(stderr, "1 of 5 competences are unanswered: MINI.2.1.2") {
		t.Errorf("unanswered not reported:\n%s", stderr)
	}
	b, _ := os.ReadFile(out)
	r, err := record.Decode(out, b)
	if err != nil {
		t.Fatal(err)
	}
	if got := answersOf(r); got != "MINI.1.1.1=3 MINI.1.1.2=2 MINI.1.2.1=na:not-my-role MINI.2.1.1=1 MINI.2.1.1=flag" {
		t.Errorf("answers %s", got)
	}
	if r.Status != record.StatusInProgress || !r.Anonymisation.Confirmed || len(r.Plan) != 1 || r.Activity.Hours != 1.5 || r.Reflection.Sections[0].Key != "what" {
		t.Errorf("record %+v", r)
	}
	// The same id is in the data folder.
	if stored := onlyRecord(t, data); stored.ID != r.ID {
		t.Errorf("stored %s, wrote %s", stored.ID, r.ID)
	}
	// --out refuses to overwrite without --force.
	if _, stderr, code := run(t, data, "", "assess", "--answers", root("testdata/answers-example.yaml"), "--out", out); code != 2 || !strings.Contains(stderr, "already exists") {
		t.Errorf("overwrite: exit %d %s", code, stderr)
	}
	if _, stderr, code := run(t, data, "", "assess", "--answers", root("testdata/answers-example.yaml"), "--out", out, "--force"); code != 0 {
		t.Errorf("--force: exit %d %s", code, stderr)
	}
	// --out - writes the record to standard output.
	stdout, _, code = run(t, t.TempDir(), "", "assess", "--answers", root("testdata/answers-example.yaml"), "--out", "-")
	if _, err := record.Decode("stdout", []byte(stdout)); code != 0 || err != nil {
		t.Errorf("--out -: exit %d, %v", code, err)
	}
}

func TestScriptedProblems(t *testing.T) {
	miniAbs, _ := filepath.Abs(mini)
	head := "frameworks:\n  - id: mini\n    file: " + miniAbs + "\n    profile: specialist\nanswers:\n"
	tests := []struct {
		name, yaml string
		args       []string
		want       []string
	}{
		{"unknown code", head + "  MINI.1.1.9: 3\n", nil, []string{":6:3: there is no competence MINI.1.1.9 (did you mean MINI.1.1.1?)"}},
		{"rating out of range", head + "  MINI.1.1.1: 4\n  MINI.1.1.2: {rating: 0}\n", nil, []string{":6:15: the rating 4 for MINI.1.1.1 is not on the scale (use a whole number from 1 to 3", ":7:24: the rating 0"}},
		{"unknown reason", head + "  MINI.1.1.1: {na: busy}\n", nil, []string{`:6:20: "busy" is not a reason for not applicable (reasons: not-my-role, not-encountered)`}},
		{"framework mismatch in a code", head + "  ADU.1.1.1: 2\n", nil, []string{":6:3: ", "ADU.1.1.1"}},
		{"framework mismatch on the command line", head + "  MINI.1.1.1: 2\n", []string{"--framework", "cyp"}, []string{":1:1: framework mismatch: the answers file is for mini, but --framework chose cyp"}},
		{"version mismatch", strings.Replace(head, "profile: specialist", "version: 9.9.9", 1) + "  MINI.1.1.1: 2\n", nil, []string{":2:5: framework mismatch: the answers are for mini version 9.9.9, but version 0.1.0 is loaded"}},
		{"unknown profile", strings.Replace(head, "specialist", "specialists", 1) + "  MINI.1.1.1: 2\n", nil, []string{`framework mini has no profile "specialists" (did you mean "specialist"?)`}},
		{"unknown field", head + "  MINI.1.1.1: {ratin: 2}\n", nil, []string{`:6:16: unknown field "ratin" (did you mean "rating"?)`}},
		{"area outside the profile", strings.Replace(head, "specialist", "everyone", 1) + "  MINI.1.2.1: 2\n", nil, []string{"MINI.1.2.1 is in area MINI.1.2 (Working within the law), which this assessment does not include"}},
		{"syntax", head + "  MINI.1.1.1: [\n", nil, []string{"YAML syntax error"}},
		{"no frameworks", "answers:\n  MINI.1.1.1: 2\n", nil, []string{"the answers file does not say which framework it answers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "answers.yaml")
			os.WriteFile(file, []byte(tt.yaml), 0o600)
			args := append([]string{"assess", "--answers", file}, tt.args...)
			_, stderr, code := run(t, filepath.Join(dir, "data"), "", args...)
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "data", "assessments")); err == nil {
				files, _ := filepath.Glob(filepath.Join(dir, "data", "assessments", "*.json"))
				if len(files) > 0 {
					t.Errorf("a record was saved despite problems: %v", files)
				}
			}
		})
	}
}

func TestListEmptyAndJSON(t *testing.T) {
	data := t.TempDir()
	_, stderr, code := run(t, data, "", "list")
	if code != 0 || !strings.Contains(stderr, "No saved assessments") {
		t.Errorf("exit %d %s", code, stderr)
	}
	run(t, data, "2\nquit\n", "assess", "--framework", mini)
	stdout, _, _ := run(t, data, "", "list", "--json")
	var list []struct {
		ID       string `json:"id"`
		Answered int    `json:"answered"`
		Total    int    `json:"total"`
	}
	if err := json.Unmarshal([]byte(stdout), &list); err != nil || len(list) != 1 || list[0].Answered != 1 || list[0].Total != 5 {
		t.Errorf("list --json: %v %s", err, stdout)
	}
}

// BenchmarkFirstPromptBinary measures from starting the process to the
// first prompt of line mode.
func BenchmarkFirstPromptBinary(b *testing.B) {
	data := b.TempDir()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(binary, "assess", "--framework", mini, "--accessible")
		cmd.Env = binarytest.Env(data)
		stdin, _ := cmd.StdinPipe()
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, 64<<10)
		var seen []byte
		for !bytes.Contains(seen, []byte("Statement 1 of 5, your answer: ")) {
			n, err := stderr.Read(buf)
			seen = append(seen, buf[:n]...)
			if err != nil {
				b.Fatalf("%v: %s", err, seen)
			}
		}
		b.StopTimer()
		io.WriteString(stdin, "quit\n")
		stdin.Close()
		io.Copy(io.Discard, stderr)
		cmd.Wait()
		b.StartTimer()
	}
}
