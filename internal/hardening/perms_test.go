//go:build unix

package hardening

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// TestFilesPrivateWhateverTheUmask runs every command that writes a file
// under umask 000 (set by the wrapper on itself before exec) and then
// checks every file and folder reflect made in the data folder, the keys
// folder and the -o outputs. Personal files — records, their backups and
// copies, locks, the private key, exports, reviews, comparisons, team and
// match reports — are 0600 and folders 0700. Files that hold no one's
// personal data are 0644 on purpose, so they can be shared: the public
// key, imported and exported frameworks, curriculum coverage reports and
// templates. Nothing is ever writable by group or others.
func TestFilesPrivateWhateverTheUmask(t *testing.T) {
	base := t.TempDir()
	data := filepath.Join(base, "data") // made by reflect
	keys := filepath.Join(base, "keys") // made by reflect
	out := filepath.Join(base, "out")   // the test's own folder for -o files
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	mini := root("testdata/frameworks/mini.yaml")
	o := func(name string) string { return filepath.Join(out, name) }
	zero := 0
	env := binarytest.Env(data, "REFLECT_CONFIG_DIR="+keys)
	mini2 := o("mini2.yaml") // written by the test below, 0600 by the test
	steps := []struct {
		stdin string
		args  []string
	}{
		{"3\n2\nflag\nquit\n", []string{"assess", "--framework", mini, "--profile", "specialist"}},
		{"1\nquit\n", []string{"assess", "--resume", "--framework", mini}},
		{"", []string{"assess", "--answers", root("testdata/answers-example.yaml"), "--out", o("scripted.json")}},
		{"quit\n", []string{"assess", "--resume", "--framework", mini2, "--accept-changed-framework"}},
		{"", []string{"export", o("scripted.json"), "--framework", mini, "-o", o("cpd.md")}},
		{"", []string{"export", o("scripted.json"), "--framework", mini, "-o", o("cpd.html")}},
		{"", []string{"export", o("scripted.json"), "--framework", mini, "-o", o("cpd.pdf")}},
		{"", []string{"export", o("scripted.json"), "--framework", mini, "-o", o("cpd.csv")}},
		{"", []string{"export", o("scripted.json"), "--framework", mini, "-o", o("cpd.txt")}},
		{"", []string{"export", o("scripted.json"), "--framework", mini, "-o", o("cpd.md"), "--force"}},
		{"", []string{"keys", "generate", "--name", "Sam Patel"}},
		{"", []string{"review", root("testdata/records/full.json"), "--framework", root("testdata/frameworks/mini.yaml"), "--file", root("testdata/review-example.yaml"), "--sign", "-o", o("reviewed.json")}},
		{"", []string{"compare", root("testdata/records/handwritten.json"), root("testdata/records/full.json"), "--framework", mini, "-o", o("compare.md")}},
		{"", []string{"team", root("testdata/records"), "--framework", mini, "-o", o("team.html"), "--format", "html"}},
		{"", []string{"curriculum", "match", o("scripted.json"), root("internal/curriculum/testdata/mini-course.yaml"), "--framework", mini, "--framework", root("internal/curriculum/testdata/other.yaml"), "-o", o("match.md")}},
		{"", []string{"curriculum", "map", root("internal/curriculum/testdata/mini-course.yaml"), "--framework", mini, "--framework", root("internal/curriculum/testdata/other.yaml"), "-o", o("coverage.html")}},
		{"", []string{"frameworks", "export", mini, "--to", "moodle-csv", "-o", o("mini-moodle.csv")}},
		{"", []string{"frameworks", "import", o("mini-moodle.csv"), "--prefix", "X", "-o", o("imported.yaml")}},
		{"", []string{"log", "settings", "--regulator", "nmc", "--renewal", "2027-03-31"}},
		{"", []string{"log", "add", "activity", "--title", "Reading", "--start", "today", "--type", "reading", "--hours", "1", "--outside-cycle"}},
		{"Study day\nquit\n", []string{"log", "add"}}, // leaves a draft
		{"", []string{"portfolio", "--framework", mini, "-o", o("portfolio.pdf")}},
		{"", []string{"due", "--framework", mini, "--ics", o("due.ics")}},
	}
	for i, s := range steps {
		if i == 3 {
			b := mustRead(t, mini)
			b = []byte(strings.Replace(string(b), "An ability to ask directly", "An ability to ask plainly", 1))
			if err := os.WriteFile(mini2, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		cmd := binarytest.Wrap(binary, env, binarytest.Limits{Umask: &zero}, s.args...)
		if _, stderr, code := binarytest.Run(t, cmd, s.stdin); code != 0 {
			t.Fatalf("reflect %s: exit %d\n%s", strings.Join(s.args, " "), code, stderr)
		}
	}

	shared := map[string]bool{ // not personal: 0644 by design
		filepath.Join(keys, "review-key.pub"): true,
		o("mini-moodle.csv"):                  true,
		o("imported.yaml"):                    true,
		o("coverage.html"):                    true,
	}
	ours := map[string]bool{o("mini2.yaml"): true}
	seen := map[string]bool{}
	for _, top := range []string{data, keys, out} {
		err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			fi, err := os.Lstat(p)
			if err != nil {
				return err
			}
			mode := fi.Mode()
			switch {
			case ours[p]:
			case mode.IsDir():
				if mode.Perm() != 0o700 {
					t.Errorf("folder %s has mode %o, want 700", p, mode.Perm())
				}
			case !mode.IsRegular():
				t.Errorf("%s is not a regular file (%v)", p, mode)
			case shared[p]:
				if mode.Perm() != 0o644 {
					t.Errorf("%s has mode %o, want 644 (shared, not personal)", p, mode.Perm())
				}
			default:
				if mode.Perm() != 0o600 {
					t.Errorf("%s has mode %o, want 600", p, mode.Perm())
				}
			}
			if mode.Perm()&0o022 != 0 {
				t.Errorf("%s is writable by others (%o)", p, mode.Perm())
			}
			seen[strings.TrimPrefix(p, base)] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Every kind of file was made, so none escaped the check.
	for _, want := range []string{"/data/assessments", "/keys/review-key.pem", "/keys/review-key.pub", "/out/reviewed.json", "/out/team.html", "/out/match.md", "/out/cpd.pdf", "/out/compare.md", "/data/log/cpd-log.jsonl", "/data/log/cpd-log.jsonl.bak", "/data/log/draft-activity.json", "/data/log/cpd-log.lock", "/out/portfolio.pdf", "/out/due.ics"} {
		if !seen[want] {
			t.Errorf("%s was not made; seen %v", want, seen)
		}
	}
	var kinds []string
	for p := range seen {
		if strings.HasPrefix(p, "/data/assessments/") {
			kinds = append(kinds, kindOf(filepath.Base(p)))
		}
	}
	for _, k := range []string{"record", "backup", "lock", "before"} {
		if !contains(kinds, k) {
			t.Errorf("no %s file in the data folder: %v", k, seen)
		}
	}
}

func kindOf(name string) string {
	switch {
	case strings.HasSuffix(name, ".json"):
		return "record"
	case strings.HasSuffix(name, ".json.bak"):
		return "backup"
	case strings.HasSuffix(name, ".lock"):
		return "lock"
	case strings.Contains(name, ".json.before-"):
		return "before"
	}
	return name
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
