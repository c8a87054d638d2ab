//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinksInTheDataFolder: a record or lock that is a symbolic link is
// not followed. A record read through a link would be saved by renaming a
// new file over the link, leaving the linked file behind out of date; a
// lock opened through a link would truncate the file it points to.
func TestSymlinksInTheDataFolder(t *testing.T) {
	s := New(t.TempDir())
	r, _ := miniRecord(t, "r-00000000000000a1")
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(t.TempDir(), "elsewhere.json")
	if err := os.Rename(s.Path(r.ID), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, s.Path(r.ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(r.ID); err == nil || !strings.Contains(err.Error(), "is a symbolic link; reflect opens only real files in its data folder") {
		t.Errorf("Load through a link: %v", err)
	}
	list, err := s.List()
	if err != nil || len(list) != 1 || list[0].Err == nil {
		t.Errorf("List: %+v %v, want the link listed as unreadable", list, err)
	}

	victim := filepath.Join(t.TempDir(), "victim.txt")
	if err := os.WriteFile(victim, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, s.lockPath("r-00000000000000a2")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lock("r-00000000000000a2"); err == nil || !strings.Contains(err.Error(), "is a symbolic link, which reflect does not follow") {
		t.Errorf("Lock through a link: %v", err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("the file behind the lock link was changed to %q", b)
	}
}

// TestLockRemovesStaleTemporaryFiles: a save killed mid-write leaves a
// hidden temporary file; the next process to open the assessment removes
// it, and leaves other assessments' files alone.
func TestLockRemovesStaleTemporaryFiles(t *testing.T) {
	s := New(t.TempDir())
	r, _ := miniRecord(t, "r-00000000000000b1")
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(s.Dir(), ".r-00000000000000b1.json.tmp-123")
	other := filepath.Join(s.Dir(), ".r-00000000000000b2.json.tmp-456")
	for _, p := range []string{stale, other} {
		if err := os.WriteFile(p, []byte(`{"format": "reflect-rec`), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	l, err := s.Lock(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary file is still there")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another assessment's temporary file was removed")
	}
}
