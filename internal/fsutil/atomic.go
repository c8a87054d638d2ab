// Package fsutil writes files so that a crash never leaves a half-written
// one: a temporary file in the same folder, fsync, rename, fsync the folder.
package fsutil

import (
	"fmt"
	"os"
	"path/filepath"
)

// Private permissions for personal files and folders.
const (
	FileMode = 0o600
	DirMode  = 0o700
)

// WriteFileAtomic writes data to name atomically with the given permissions
// (applied explicitly, whatever the umask). When keepBackup is true and
// name exists, the previous copy is kept as name+".bak" first.
func WriteFileAtomic(name string, data []byte, perm os.FileMode, keepBackup bool) (err error) {
	defer func() { err = Explain(err) }()
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if keepBackup {
		if _, statErr := os.Lstat(name); statErr == nil {
			// A hard link keeps the old content under the backup name
			// without a window in which name is missing.
			bak := name + ".bak"
			os.Remove(bak)
			if linkErr := os.Link(name, bak); linkErr != nil {
				if data, readErr := os.ReadFile(name); readErr == nil {
					_ = os.WriteFile(bak, data, perm)
				}
			}
		}
	}
	if err = os.Rename(tmpName, name); err != nil {
		return fmt.Errorf("cannot replace %s: %w", name, err)
	}
	return SyncDir(dir)
}

// SyncDir fsyncs a folder so a rename in it is durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		// Some file systems cannot sync folders; the rename still happened.
		return nil
	}
	return nil
}

// MkdirPrivate creates dir and its parents with mode 0700, and tightens
// dir itself to 0700 whatever the umask.
func MkdirPrivate(dir string) error {
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return err
	}
	return os.Chmod(dir, DirMode)
}

// CreateExclusive writes data to name only if it does not exist yet, so an
// export never silently replaces a file. The content is written and synced
// under a temporary name, then linked into place; the link fails if name
// appeared in the meantime, so nothing is ever overwritten.
func CreateExclusive(name string, data []byte, perm os.FileMode) (err error) {
	defer func() { err = Explain(err) }()
	exists := func() error {
		return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", name)
	}
	if _, err := os.Lstat(name); err == nil {
		return exists()
	}
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	if err = tmp.Chmod(perm); err == nil {
		if _, err = tmp.Write(data); err == nil {
			err = tmp.Sync()
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := os.Link(tmpName, name); err != nil {
		if os.IsExist(err) {
			return exists()
		}
		// File systems without hard links: fall back to a checked rename.
		if _, statErr := os.Lstat(name); statErr == nil {
			return exists()
		}
		if err := os.Rename(tmpName, name); err != nil {
			return fmt.Errorf("cannot create %s: %w", name, err)
		}
	}
	return SyncDir(dir)
}
