//go:build linux

package hardening

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// mountTmpfs mounts a small tmpfs at a new folder and unmounts it when the
// test ends. It needs root (CAP_SYS_ADMIN); without it the test is skipped
// with the reason, and TestFileSizeLimit still covers a failing write.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v): mounting needs root; the file size limit test covers a failing write instead", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

var tmpRE = regexp.MustCompile(`\.tmp-[0-9]+(-[0-9]+)?`)

// fill writes a file until the file system is full.
func fill(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return p
		}
	}
}

// startAssessment makes a saved assessment with two answers on the small
// test framework and returns its id and record file.
func startAssessment(t *testing.T, data string) (id, path string) {
	t.Helper()
	if _, stderr, code := run(t, data, "3\n2\nquit\n", "assess", "--framework", root("testdata/frameworks/mini.yaml"), "--profile", "specialist"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	files := recordFiles(t, data)
	if len(files) != 1 {
		t.Fatalf("records %v", files)
	}
	return strings.TrimSuffix(filepath.Base(files[0]), ".json"), files[0]
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left in %s: %v", dir, left)
	}
}

// TestFullDisk runs out of space on a 256 KiB tmpfs halfway through an
// assessment: the answer that could not be saved is reported at once with
// what to do, the session never claims to have saved it, reflect exits 1,
// and the record on disk is the last one saved, byte for byte. An export
// to the full disk fails the same way and leaves no file. Once there is
// space again, the assessment carries on.
func TestFullDisk(t *testing.T) {
	mnt := mountTmpfs(t, "256k")
	data := filepath.Join(mnt, "data")
	id, path := startAssessment(t, data)
	before := mustRead(t, path)
	filler := fill(t, mnt)

	_, stderr, code := run(t, data, "1\nquit\n", "assess", "--resume", id, "--framework", root("testdata/frameworks/mini.yaml"))
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{
		"Could not save: cannot save assessment " + id + ": cannot write " + path + ": write ",
		": no space left on device (the disk is full: free some space, then try again; what was saved before is untouched)\nWhat you typed is kept for now; type save to try again.\n",
		"What was saved before is kept; the changes since the last save could not be saved. When this is put right, continue with: reflect assess --resume " + id + "\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "Saved. Continue") {
		t.Errorf("claims to have saved:\n%s", stderr)
	}
	if !sameBytes(mustRead(t, path), before) {
		t.Error("the record changed on a full disk")
	}
	noTemps(t, filepath.Dir(path))

	out := filepath.Join(mnt, "cpd.html")
	_, stderr, code = run(t, data, "", "export", id, "--framework", root("testdata/frameworks/mini.yaml"), "-o", out)
	if code != 1 || !strings.Contains(stderr, "no space left on device (the disk is full: free some space, then try again; what was saved before is untouched)") {
		t.Errorf("export to a full disk: exit %d\n%s", code, stderr)
	}
	if _, err := os.Lstat(out); err == nil {
		t.Error("a partial export was left")
	}
	noTemps(t, mnt)

	os.Remove(filler)
	if _, stderr, code := run(t, data, "1\nquit\n", "assess", "--resume", id, "--framework", root("testdata/frameworks/mini.yaml")); code != 0 || !strings.Contains(stderr, "Saved: 1 Not yet.") {
		t.Errorf("with space again: exit %d\n%s", code, stderr)
	}
}

// TestReadOnlyDataFolder makes the data folder's file system read-only
// (a tmpfs remounted read-only; chmod would not stop root, and reflect
// tightens its own folders to 0700 anyway). Listing and exporting to
// elsewhere still work; continuing or starting an assessment, and writing
// an export there, fail at once with what to do, and nothing changes.
func TestReadOnlyDataFolder(t *testing.T) {
	mnt := mountTmpfs(t, "1m")
	data := filepath.Join(mnt, "data")
	id, path := startAssessment(t, data)
	before := mustRead(t, path)
	if err := syscall.Mount("", mnt, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	t.Cleanup(func() { syscall.Mount("", mnt, "", syscall.MS_REMOUNT, "") })
	lockOf := func(id string) string { return filepath.Join(data, "assessments", id+".lock") }
	ro := "read-only file system (the folder is on a read-only file system; choose a folder you can write to)\n"
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		// The folders exist, so reflect leaves them as they are; the
		// first write, taking the assessment's lock, meets the read-only disk.
		{"resume", "1\nquit\n", []string{"assess", "--resume", id, "--framework", root("testdata/frameworks/mini.yaml")}, 1,
			"reflect: cannot open the lock file " + lockOf(id) + ": open " + lockOf(id) + ": " + ro},
		{"new assessment", "1\nquit\n", []string{"assess", "--framework", root("testdata/frameworks/mini.yaml")}, 1,
			"reflect: cannot open the lock file " + lockOf("NEW") + ": open " + lockOf("NEW") + ": " + ro},
		{"export into the read-only folder", "", []string{"export", id, "--framework", root("testdata/frameworks/mini.yaml"), "-o", filepath.Join(mnt, "cpd.md")}, 1,
			"Warning: you have not yet confirmed that this record identifies nobody; the export says so.\n" +
				"reflect's local check found nothing that looks like an identifier, but please read it through before you share it.\n" +
				"To check and confirm, continue it with: reflect assess --resume " + id + "\n" +
				"reflect: cannot write in " + mnt + ": open " + mnt + "/.cpd.md.tmp-RANDOM: " + ro},
		{"list still works", "", []string{"list"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := binarytest.Run(t, binarytest.Command(binary, binarytest.Env(data), tt.args...), tt.stdin)
			stderr = tmpRE.ReplaceAllString(stderr, ".tmp-RANDOM")
			stderr = idRE.ReplaceAllStringFunc(stderr, func(s string) string {
				if s == id {
					return s
				}
				return "NEW"
			})
			if code != tt.code || stderr != tt.stderr {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant:\n%s", code, tt.code, stderr, tt.stderr)
			}
		})
	}
	if !sameBytes(mustRead(t, path), before) {
		t.Error("the record changed")
	}
}
