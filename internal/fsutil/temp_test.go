//go:build unix

package fsutil

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run a child process: %v", err)
	}
	return cmd.ProcessState.Pid()
}

// TestStaleTempsRemovedBeforeTheNextWrite: a killed write's temporary file
// (its process gone) is removed by the next write to the same target; one
// of a running process, one for another target and an old-style one that
// is recent are left alone; an old-style one over an hour old goes.
func TestStaleTempsRemovedBeforeTheNextWrite(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "cpd.html")
	mk := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("a whole export of a reflection"), 0o600); err != nil {
			t.Fatal(err)
		}
		if age > 0 {
			old := time.Now().Add(-age)
			os.Chtimes(p, old, old)
		}
		return p
	}
	dead := mk(".cpd.html.tmp-"+strconv.Itoa(deadPID(t))+"-123", 0)
	live := mk(".cpd.html.tmp-"+strconv.Itoa(os.Getppid())+"-456", 0)
	other := mk(".other.html.tmp-"+strconv.Itoa(deadPID(t))+"-789", 0)
	oldStyle := mk(".cpd.html.tmp-2891733", 2*time.Hour)
	newOldStyle := mk(".cpd.html.tmp-98765", time.Minute)

	if err := WriteOutput(target, []byte("new"), FileMode, false); err != nil {
		t.Fatal(err)
	}
	gone := func(p string) bool { _, err := os.Lstat(p); return errors.Is(err, fs.ErrNotExist) }
	if !gone(dead) {
		t.Errorf("%s (its process has ended) was not removed", filepath.Base(dead))
	}
	if !gone(oldStyle) {
		t.Errorf("%s (old style, two hours old) was not removed", filepath.Base(oldStyle))
	}
	for _, p := range []string{live, other, newOldStyle} {
		if gone(p) {
			t.Errorf("%s was removed; it may be another reflect's write in progress, or another file's", filepath.Base(p))
		}
	}
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".cpd.html.tmp-"+strconv.Itoa(os.Getpid())) {
			t.Errorf("this write's own temporary file %s was left", de.Name())
		}
	}
}

// TestWriteOutputLeavesNoTemporaryFile: every way out of WriteOutput —
// written, refused because the file exists, failed — leaves no temporary
// file.
func TestWriteOutputLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.json")
	if err := WriteOutput(name, []byte("one"), FileMode, false); err != nil {
		t.Fatal(err)
	}
	if err := WriteOutput(name, []byte("two"), FileMode, false); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second exclusive write: %v, want 'already exists'", err)
	}
	if err := WriteOutput(name, []byte("three"), FileMode, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "three" {
		t.Errorf("content %q, want three", b)
	}
	if err := WriteOutput(filepath.Join(dir, "missing", "x"), []byte("x"), FileMode, true); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		if strings.Contains(de.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", de.Name())
		}
	}
}

// TestMkdirPrivateLeavesExistingFolders: a folder reflect makes is 0700;
// one that exists keeps its permissions, and Exposed says so with the
// command that makes it private.
func TestMkdirPrivateLeavesExistingFolders(t *testing.T) {
	base := t.TempDir()
	// t.TempDir's folders are private; open them, as a home folder or a
	// shared drive may be.
	os.Chmod(base, 0o755)
	os.Chmod(filepath.Dir(base), 0o755)
	chosen := filepath.Join(base, "shared")
	if err := os.Mkdir(chosen, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(chosen, 0o755)
	if err := MkdirPrivate(chosen); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(chosen); fi.Mode().Perm() != 0o755 {
		t.Errorf("the chosen folder was changed to %o", fi.Mode().Perm())
	}
	w := Exposed(chosen, "your data folder")
	if !strings.Contains(w, "everyone on this computer") || !strings.Contains(w, "chmod 700 "+chosen) || !strings.Contains(w, "has not changed it") {
		t.Errorf("Exposed = %q", w)
	}
	os.Chmod(chosen, 0o750)
	if w := Exposed(chosen, "x"); !strings.Contains(w, "the folder's group") {
		t.Errorf("0750: %q", w)
	}
	made := filepath.Join(base, "new", "reflect")
	if err := MkdirPrivate(made); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(made); fi.Mode().Perm() != 0o700 {
		t.Errorf("a folder reflect made has mode %o", fi.Mode().Perm())
	}
	if w := Exposed(made, "x"); w != "" {
		t.Errorf("a private folder: %q", w)
	}
	// Open, but inside a private folder: nobody else can reach it.
	os.Chmod(chosen, 0o755)
	os.Chmod(base, 0o700)
	if w := Exposed(chosen, "x"); w != "" {
		t.Errorf("an open folder inside a private one: %q", w)
	}
	if got := shellQuote("/tmp/it's here"); got != `'/tmp/it'\''s here'` {
		t.Errorf("shellQuote = %s", got)
	}
}

// TestExplainRead: a permission failure becomes a PermissionError that
// names the file and what to do, and never speaks of damage as a cause.
func TestExplainRead(t *testing.T) {
	err := ExplainRead("/data/r.json", &fs.PathError{Op: "open", Path: "/data/r.json", Err: fs.ErrPermission})
	var pe *PermissionError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("err = %#v", err)
	}
	msg := err.Error()
	for _, want := range []string{"you do not have permission to read /data/r.json", "not damaged", "chmod u+rw /data/r.json"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q: %s", want, msg)
		}
	}
	other := errors.New("boom")
	if ExplainRead("x", other) != other {
		t.Error("another error was changed")
	}
}
