//go:build unix

package hardening

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// TestFileSizeLimit runs reflect with RLIMIT_FSIZE smaller than a record
// of the adults framework (set by a small wrapper on itself before it
// execs reflect; no root needed), so every save fails with EFBIG as a full
// quota would. The failure is reported with what it means, reflect exits
// 1, and the record on disk stays the last one saved.
func TestFileSizeLimit(t *testing.T) {
	data := t.TempDir()
	if _, stderr, code := run(t, data, "3\n2\nquit\n", "assess", "--framework", "adults", "--profile", "any-staff"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	files := recordFiles(t, data)
	if len(files) != 1 {
		t.Fatalf("records %v", files)
	}
	path := files[0]
	id := strings.TrimSuffix(filepath.Base(path), ".json")
	before := mustRead(t, path)
	if len(before) < 8192 {
		t.Fatalf("the record is only %d bytes; the limit would not bite", len(before))
	}

	cmd := binarytest.Wrap(binary, binarytest.Env(data), binarytest.Limits{FSize: 4096}, "assess", "--resume", id)
	_, stderr, code := binarytest.Run(t, cmd, "4\nquit\n")
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{
		"Could not save: cannot save assessment " + id + ": cannot write " + path + ": write ",
		": file too large (the file is larger than this system lets reflect write (a file size limit is set); what was saved before is untouched)\nWhat you typed is kept for now; type save to try again.\n",
		"What was saved before is kept; the changes since the last save could not be saved. When this is put right, continue with: reflect assess --resume " + id + "\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !sameBytes(mustRead(t, path), before) {
		t.Error("the record changed")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	out := filepath.Join(t.TempDir(), "cpd.html")
	cmd = binarytest.Wrap(binary, binarytest.Env(data), binarytest.Limits{FSize: 4096}, "export", id, "-o", out)
	if _, stderr, code := binarytest.Run(t, cmd, ""); code != 1 || !strings.Contains(stderr, "file too large (the file is larger than this system lets reflect write") {
		t.Errorf("export: exit %d\n%s", code, stderr)
	}
	if _, err := os.Lstat(out); err == nil {
		t.Error("a partial export was left")
	}
}

// TestCorruptSavedFiles: a saved record that cannot be read is reported
// with where it is broken, and the backup is offered when it can be read;
// when the backup is damaged too, reflect says there is no usable backup.
// Nothing is changed in either case, by assess, export or list; and
// --from-backup keeps the unreadable file aside before continuing.
func TestCorruptSavedFiles(t *testing.T) {
	mini := root("testdata/frameworks/mini.yaml")
	setup := func(t *testing.T) (data, id, path string) {
		data = t.TempDir()
		if _, stderr, code := run(t, data, "3\n2\nquit\n", "assess", "--framework", mini, "--profile", "specialist"); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		path = recordFiles(t, data)[0]
		return data, strings.TrimSuffix(filepath.Base(path), ".json"), path
	}

	t.Run("cut short, backup readable", func(t *testing.T) {
		data, id, path := setup(t)
		good := mustRead(t, path)
		cut := good[:len(good)*2/3]
		os.WriteFile(path, cut, 0o600)
		bak := mustRead(t, path+".bak")
		for _, args := range [][]string{
			{"assess", "--resume", id, "--framework", mini},
			{"export", id, "--framework", mini},
		} {
			_, stderr, code := run(t, data, "quit\n", args...)
			if code != 1 {
				t.Errorf("%v: exit %d", args, code)
			}
			for _, want := range []string{
				"reflect: the saved assessment " + id + " cannot be read:\n" + path + ":",
				": JSON syntax error: unexpected end of JSON input (records are written by reflect; if you edited this file by hand, check it, or use the backup)\nA backup from ",
				" is at " + path + ".bak. Nothing has been changed. To continue from the backup, run:\n  reflect assess --resume " + id + " --from-backup\n",
			} {
				if !strings.Contains(stderr, want) {
					t.Errorf("%v: stderr lacks %q:\n%s", args, want, stderr)
				}
			}
		}
		stdout, stderr, code := run(t, data, "", "list")
		if code != 0 || !strings.Contains(stdout, id+"  -") || !strings.Contains(stderr, id+" cannot be read: ") {
			t.Errorf("list: exit %d\n%s\n%s", code, stdout, stderr)
		}
		if !sameBytes(mustRead(t, path), cut) || !sameBytes(mustRead(t, path+".bak"), bak) {
			t.Fatal("a command changed the unreadable record or its backup")
		}
		_, stderr, code = run(t, data, "quit\n", "assess", "--resume", id, "--from-backup", "--framework", mini)
		if code != 0 || !strings.Contains(stderr, "Continuing from the backup. The unreadable file is kept as "+path+".corrupt-") {
			t.Fatalf("--from-backup: exit %d\n%s", code, stderr)
		}
		aside, _ := filepath.Glob(path + ".corrupt-*")
		if len(aside) != 1 || !sameBytes(mustRead(t, aside[0]), cut) {
			t.Errorf("the unreadable file was not kept aside: %v", aside)
		}
		decodeFile(t, path)
	})

	t.Run("record and backup both damaged", func(t *testing.T) {
		data, id, path := setup(t)
		os.WriteFile(path, []byte("{\"format\": \"reflect-record\", \"schema_version\": 1, \"id\": \""+id+"\", \"answers\": 7}\n"), 0o600)
		os.WriteFile(path+".bak", []byte("garbage\n"), 0o600)
		_, stderr, code := run(t, data, "quit\n", "assess", "--resume", id, "--framework", mini)
		want := "reflect: the saved assessment " + id + " cannot be read:\n" + path + ":1:90: answers should be []assessment.Answer, not JSON number (records are written by reflect; if you edited this file by hand, check it, or use the backup)\n" +
			"There is no usable backup. Nothing has been changed; if you edited the file by hand, correct it and try again.\n"
		if code != 1 || stderr != want {
			t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
		}
		_, stderr, code = run(t, data, "quit\n", "assess", "--resume", id, "--from-backup", "--framework", mini)
		if code != 1 || stderr != want {
			t.Errorf("--from-backup without a usable backup: exit %d, stderr:\n%s", code, stderr)
		}
	})
}
