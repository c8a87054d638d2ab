//go:build unix

package fsutil

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFileAtomicPermsAndBackup(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := MkdirPrivate(dir); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700 even with umask 0", fi.Mode().Perm())
	}
	name := filepath.Join(dir, "r.json")
	if err := WriteFileAtomic(name, []byte("one"), FileMode, true); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600 even with umask 0", fi.Mode().Perm())
	}
	if _, err := os.Stat(name + ".bak"); err == nil {
		t.Error("a backup appeared for a new file")
	}
	if err := WriteFileAtomic(name, []byte("two"), FileMode, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "two" {
		t.Errorf("content = %q", b)
	}
	if b, _ := os.ReadFile(name + ".bak"); string(b) != "one" {
		t.Errorf("backup = %q, want the previous good copy", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestWriteFileAtomicFailureKeepsOriginal(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores folder permissions; use a missing folder instead.
		err := WriteFileAtomic(filepath.Join(t.TempDir(), "missing", "x"), []byte("x"), FileMode, false)
		if err == nil || !strings.Contains(err.Error(), "cannot write in") {
			t.Fatalf("err = %v", err)
		}
		return
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "r.json")
	os.WriteFile(name, []byte("keep"), 0o600)
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if err := WriteFileAtomic(name, []byte("new"), FileMode, true); err == nil {
		t.Fatal("write into a read-only folder succeeded")
	}
	if b, _ := os.ReadFile(name); string(b) != "keep" {
		t.Errorf("original changed to %q", b)
	}
}

func TestCreateExclusive(t *testing.T) {
	name := filepath.Join(t.TempDir(), "out.md")
	if err := CreateExclusive(name, []byte("a"), FileMode); err != nil {
		t.Fatal(err)
	}
	err := CreateExclusive(name, []byte("b"), FileMode)
	if err == nil || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "a" {
		t.Errorf("existing file overwritten: %q", b)
	}
}
