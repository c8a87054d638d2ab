//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestSavePermissionsUnderPermissiveUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	root := filepath.Join(t.TempDir(), "data")
	s := New(root)
	r, _ := miniRecord(t, "r-0000000000000001")
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(r); err != nil { // a second save makes the backup
		t.Fatal(err)
	}
	l, err := s.Lock(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	for path, want := range map[string]os.FileMode{
		root:               0o700,
		s.Dir():            0o700,
		s.Path(r.ID):       0o600,
		s.BackupPath(r.ID): 0o600,
		s.lockPath(r.ID):   0o600,
	} {
		if got := mode(t, path); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
	// No temporary files left behind.
	des, _ := os.ReadDir(s.Dir())
	for _, de := range des {
		if strings.Contains(de.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", de.Name())
		}
	}
}
