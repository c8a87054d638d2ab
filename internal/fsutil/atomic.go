// Package fsutil writes files so that a crash never leaves a half-written
// one: a temporary file in the same folder, fsync, rename, fsync the folder.
package fsutil

import (
	"fmt"
	"io"
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
// name exists, the previous copy is kept as name+".bak" first. It is for
// files whose writer holds a lock or is the only one (the data folder, the
// keys); a file the person asked for (an export) is written with
// WriteOutput, which also removes its temporary file when a signal stops
// the command.
func WriteFileAtomic(name string, data []byte, perm os.FileMode, keepBackup bool) (err error) {
	return write(name, data, perm, writeOpts{backup: keepBackup})
}

// WriteOutput writes a file the person asked for (an export, a reviewed
// record, a shared copy): atomically, with the given permissions, and
// never over an existing file unless replace is true. A signal that stops
// the command while the file is being written leaves neither the file nor
// a temporary copy of it (the write returns ErrInterrupted).
func WriteOutput(name string, data []byte, perm os.FileMode, replace bool) error {
	return write(name, data, perm, writeOpts{exclusive: !replace, guard: true})
}

// WriteOutputStream is WriteOutput for output made as it is written (a
// Parquet or NDJSON export of any size): fill writes it into the
// temporary file, which takes the output's place only when fill succeeds.
func WriteOutputStream(name string, perm os.FileMode, replace bool, fill func(io.Writer) error) error {
	return write(name, nil, perm, writeOpts{exclusive: !replace, guard: true, fill: fill})
}

type writeOpts struct {
	backup    bool // keep the previous copy as name.bak
	exclusive bool // fail if name exists
	guard     bool // remove the temporary file on a signal
	fill      func(io.Writer) error
}

func write(name string, data []byte, perm os.FileMode, o writeOpts) (err error) {
	defer func() { err = Explain(err) }()
	exists := func() error {
		return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", name)
	}
	// A device or a named pipe (-o /dev/null, -o /dev/stdout, a FIFO a
	// script reads from) is written into, never replaced: renaming a
	// temporary file over it would turn /dev/null into a regular file
	// holding the export. There is no half-written file to guard against
	// there, so no temporary copy is made and --force is not needed.
	if fi, statErr := os.Stat(name); statErr == nil && isSpecial(fi.Mode()) {
		return writeSpecial(name, data, o.fill)
	}
	if o.exclusive {
		if _, err := os.Lstat(name); err == nil {
			return exists()
		}
	}
	dir := filepath.Dir(name)
	var g *guard
	if o.guard {
		// Listen before the temporary file exists, so that no signal
		// can come between its making and the guard.
		g = newGuard()
		defer g.stop()
	}
	tmp, err := createTemp(name)
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	tmpName := tmp.Name()
	if g != nil && !g.watch(tmpName) {
		tmp.Close()
		os.Remove(tmpName)
		return ErrInterrupted
	}
	// Whatever happens, the temporary file does not outlive this call:
	// after a rename it no longer exists under this name, and after a
	// link it is a second name of the output.
	defer os.Remove(tmpName)
	if err = tmp.Chmod(perm); err == nil {
		if o.fill != nil {
			err = o.fill(tmp)
		} else {
			_, err = tmp.Write(data)
		}
		if err == nil {
			err = tmp.Sync()
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if o.backup {
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
	put := func() error {
		if !o.exclusive {
			if err := os.Rename(tmpName, name); err != nil {
				return fmt.Errorf("cannot replace %s: %w", name, err)
			}
			return nil
		}
		// The link fails if name appeared in the meantime, so nothing
		// is ever overwritten.
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
		return nil
	}
	if g != nil {
		err = g.place(put)
	} else {
		err = put()
	}
	if err != nil {
		return err
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

// MkdirPrivate creates dir and its parents with mode 0700 (whatever the
// umask). A folder that already exists is left as it is: it may be one the
// person chose and shares on purpose, and reflect does not change what it
// did not make. Exposed says whether such a folder is open to others.
func MkdirPrivate(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return err
	}
	return os.Chmod(dir, DirMode)
}

// CreateExclusive writes data to name only if it does not exist yet, so an
// export never silently replaces a file: WriteOutput without replace.
func CreateExclusive(name string, data []byte, perm os.FileMode) error {
	return WriteOutput(name, data, perm, false)
}

// isSpecial reports whether mode is a device, a named pipe or a socket:
// a file that is written into rather than replaced.
func isSpecial(mode os.FileMode) bool {
	return mode&(os.ModeDevice|os.ModeCharDevice|os.ModeNamedPipe|os.ModeSocket) != 0
}

// writeSpecial writes an output straight into a device or a named pipe.
func writeSpecial(name string, data []byte, fill func(io.Writer) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if fill != nil {
		err = fill(f)
	} else {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}
