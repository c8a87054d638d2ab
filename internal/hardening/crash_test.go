//go:build unix

package hardening

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

var promptRE = regexp.MustCompile(`Statement \d+ of \d+, your answer: `)

// randomCommand is one line-mode command, weighted towards answers (the
// commands that save).
func randomCommand(rnd *rand.Rand, total int) string {
	switch n := rnd.IntN(20); {
	case n < 10:
		return fmt.Sprint(1 + rnd.IntN(4))
	case n < 12:
		return []string{"n not-my-role", "n not-encountered", "n prefer-not-to-say"}[rnd.IntN(3)]
	case n < 14:
		return "flag"
	case n < 16:
		return fmt.Sprintf("note seed note %d", rnd.IntN(1000))
	case n == 16:
		return "back"
	case n == 17:
		return "clear"
	case n == 18:
		return fmt.Sprintf("goto %d", 1+rnd.IntN(total))
	default:
		return "next"
	}
}

// TestKillDuringAssessment drives line mode over a pipe with a random
// series of commands (a seed per run), reads the saved record after every
// prompt (each command is saved before the next prompt), then sends one
// more command and SIGKILLs reflect a random moment later — before, during
// or after that save. Afterwards every record file must decode (no
// half-written JSON), the record must hold everything saved at the last
// prompt (only the statement of the command in flight may differ), no
// temporary file may be listed as a record, and --resume must carry on
// with exactly what is on disk and tidy the temporary files.
func TestKillDuringAssessment(t *testing.T) {
	binarytest.SkipIfShort(t, "kill test")
	const total = 61 // adults, profile any-staff (frameworks 2.0.0)
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(seed, 0x5eed))
			data := t.TempDir()
			p := binarytest.Start(t, binarytest.Command(binary, binarytest.Env(data), "assess", "--framework", "adults", "--profile", "any-staff"))
			p.WaitFor(t, fmt.Sprintf("Statement 1 of %d, your answer: ", total))
			files := recordFiles(t, data)
			if len(files) != 1 {
				t.Fatalf("records %v", files)
			}
			path := files[0]
			saved := answers(decodeFile(t, path))
			steps := 3 + rnd.IntN(25)
			for i := 0; i < steps; i++ {
				prompts := len(promptRE.FindAllString(p.Stderr(), -1))
				cmd := randomCommand(rnd, total)
				p.Send(t, cmd)
				p.WaitUntil(t, "the prompt after "+cmd, func(s string) bool { return len(promptRE.FindAllString(s, -1)) > prompts })
				saved = answers(decodeFile(t, path))
			}
			// One more answer, and SIGKILL somewhere around its save.
			last := fmt.Sprint(1 + rnd.IntN(4))
			p.Send(t, last)
			time.Sleep(time.Duration(rnd.IntN(3000)) * time.Microsecond)
			p.Cmd.Process.Signal(syscall.SIGKILL)
			if code := p.ExitCode(t); code != -1 {
				t.Fatalf("exit %d after SIGKILL", code)
			}

			if got := recordFiles(t, data); len(got) != 1 || got[0] != path {
				t.Fatalf("records after the kill: %v", got)
			}
			after := answers(decodeFile(t, path))
			if _, err := os.Stat(path + ".bak"); err == nil { // absent until the second save
				decodeFile(t, path+".bak")
			}
			if d := diff(saved, after); len(d) > 1 {
				t.Fatalf("after SIGKILL these answers differ from the last save: %v\nsaved %v\nnow   %v", d, saved, after)
			}

			id := strings.TrimSuffix(filepath.Base(path), ".json")
			_, stderr, code := run(t, data, "quit\n", "assess", "--resume", id)
			if code != 0 {
				t.Fatalf("resume: exit %d\n%s", code, stderr)
			}
			if want := fmt.Sprintf("You have answered %d of %d.", countAnswered(after), total); !strings.Contains(stderr, want) {
				t.Errorf("resume does not say %q:\n%s", want, stderr)
			}
			if d := diff(after, answers(decodeFile(t, path))); len(d) > 0 {
				t.Errorf("resuming changed answers %v", d)
			}
			left, _ := filepath.Glob(filepath.Join(data, "assessments", ".*tmp-*"))
			if len(left) > 0 {
				t.Errorf("temporary files left after resuming: %v", left)
			}
		})
	}
}

func countAnswered(m map[string]string) int {
	n := 0
	for _, v := range m {
		if strings.HasPrefix(v, "na:") || (len(v) > 0 && v[0] >= '1' && v[0] <= '9') {
			n++
		}
	}
	return n
}

// TestKillDuringExport SIGKILLs 'reflect export -o FILE' at random moments
// while it renders and writes a large export (the HTML page of a record
// with every adults competence answered; it is dated by the day, so two
// exports on one day are byte-identical), with and without --force over an
// existing file. FILE must then be absent, the complete export, or (with
// --force) the previous file untouched — never part of one. A killed
// write may leave a hidden temporary file beside FILE (.FILE.tmp-…); it is
// never under FILE's name.
func TestKillDuringExport(t *testing.T) {
	binarytest.SkipIfShort(t, "kill test")
	dir := t.TempDir()
	rec := filepath.Join(dir, "record.json")
	if _, stderr, code := run(t, filepath.Join(dir, "data"), "", "assess", "--answers", root("testdata/answers-adults.yaml"), "--out", rec); code != 0 {
		t.Fatalf("making the record: exit %d\n%s", code, stderr)
	}
	ref := filepath.Join(dir, "ref.html")
	start := time.Now()
	if _, stderr, code := run(t, dir, "", "export", rec, "-o", ref); code != 0 {
		t.Fatalf("reference export: exit %d\n%s", code, stderr)
	}
	took := time.Since(start)
	want := mustRead(t, ref)
	previous := []byte("the previous export, which must survive\n")

	for seed := uint64(1); seed <= 8; seed++ {
		force := seed%2 == 0
		t.Run(fmt.Sprintf("seed%d-force=%v", seed, force), func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(seed, 0xe4))
			out := filepath.Join(t.TempDir(), "cpd.html")
			args := []string{"export", rec, "-o", out}
			if force {
				if err := os.WriteFile(out, previous, 0o600); err != nil {
					t.Fatal(err)
				}
				args = append(args, "--force")
			}
			p := binarytest.Start(t, binarytest.Command(binary, binarytest.Env(dir), args...))
			time.Sleep(time.Duration(rnd.Int64N(int64(took) + 1)))
			p.Cmd.Process.Signal(syscall.SIGKILL)
			p.ExitCode(t)
			got, err := os.ReadFile(out)
			switch {
			case os.IsNotExist(err) && !force:
				t.Log("killed before the file was in place: absent")
			case err != nil:
				t.Fatal(err)
			case force && sameBytes(got, previous):
				t.Log("killed before the file was in place: the previous file is intact")
			case sameBytes(got, want):
				t.Log("the complete export was in place")
			default:
				// The export carries the date: made across midnight, the
				// reference differs by that alone. Make it again.
				run(t, dir, "", "export", rec, "-o", ref, "--force")
				if !sameBytes(got, mustRead(t, ref)) {
					t.Fatalf("%s is neither absent, the previous file nor the complete export (%d bytes)", out, len(got))
				}
			}
			if fi, err := os.Stat(out); err == nil && fi.Mode().Perm() != 0o600 {
				t.Errorf("%s has mode %o", out, fi.Mode().Perm())
			}
		})
	}
}

// TestSecondProcessChangesNothing: while one reflect has an assessment
// open, a second one on the same assessment — however it is asked to open
// it — is refused with exit 3 and the first one's process id, before it
// reads or writes anything; the first carries on and saves normally.
// (internal/cli/assess's TestSecondProcessIsRefused checks the message of
// a plain --resume.)
func TestSecondProcessChangesNothing(t *testing.T) {
	data := t.TempDir()
	mini := root("testdata/frameworks/mini.yaml")
	p := binarytest.Start(t, binarytest.Command(binary, binarytest.Env(data), "assess", "--framework", mini, "--profile", "specialist"))
	p.WaitFor(t, "Statement 1 of 5, your answer: ")
	p.Send(t, "3")
	p.WaitFor(t, "Statement 2 of 5, your answer: ")
	path := recordFiles(t, data)[0]
	id := strings.TrimSuffix(filepath.Base(path), ".json")
	before := mustRead(t, path)
	bak := mustRead(t, path+".bak")
	for _, args := range [][]string{
		{"assess", "--resume", id, "--framework", mini},
		{"assess", "--resume", "--framework", mini},
		{"assess", "--resume", id, "--from-backup", "--framework", mini},
		{"assess", "--resume", id, "--accept-changed-framework", "--framework", mini},
	} {
		_, stderr, code := run(t, data, "1\n2\nquit\n", args...)
		want := fmt.Sprintf("reflect: assessment %s is open in another reflect (pid %d); finish or close it there first, so that neither copy overwrites the other\n", id, p.Cmd.Process.Pid)
		if code != 3 || stderr != want {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit 3 and:\n%s", args, code, stderr, want)
		}
		if !sameBytes(mustRead(t, path), before) || !sameBytes(mustRead(t, path+".bak"), bak) {
			t.Fatalf("%v changed the open assessment", args)
		}
	}
	p.Send(t, "2", "quit")
	if code := p.ExitCode(t); code != 0 {
		t.Fatalf("the first reflect: exit %d\n%s", code, p.Stderr())
	}
	if got := answers(decodeFile(t, path)); got["MINI.1.1.1"] != "3" || got["MINI.1.1.2"] != "2" {
		t.Errorf("the first reflect's answers: %v", got)
	}
}
