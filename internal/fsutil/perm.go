package fsutil

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Exposed reports, for a folder that other people on this computer can
// read or enter (group or world permissions), a warning that says so and
// the command that makes it private; "" when the folder is private, absent
// or on a system without Unix permissions. reflect never tightens a folder
// it did not make (see MkdirPrivate): the person may share it on purpose.
func Exposed(dir, what string) string {
	if runtime.GOOS == "windows" {
		return ""
	}
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return ""
	}
	perm := reachable(dir, fi.Mode().Perm())
	if perm&0o077 == 0 {
		return ""
	}
	who := "other people on this computer"
	switch {
	case perm&0o007 != 0:
		who = "everyone on this computer"
	case perm&0o070 != 0:
		who = "the folder's group"
	}
	return fmt.Sprintf("Warning: %s %s can be opened by %s (permissions %04o). reflect has not changed it. To make it private to you, run:\n  chmod 700 %s", what, dir, who, fi.Mode().Perm(), shellQuote(dir))
}

// reachable narrows perm to the people who can get to dir at all: a folder
// open to everyone inside a private one (t.TempDir's, or any inside a
// 0700 home) is reachable by nobody else.
func reachable(dir string, perm os.FileMode) os.FileMode {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return perm
	}
	for p := filepath.Dir(abs); ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil {
			m := fi.Mode().Perm()
			if m&0o001 == 0 {
				perm &^= 0o007
			}
			if m&0o010 == 0 {
				perm &^= 0o070
			}
		}
		if filepath.Dir(p) == p {
			return perm
		}
	}
}

// PermissionError reports a file reflect may not read or write. It is
// never a sign that the file is damaged, and says what to do.
type PermissionError struct {
	Path string
	Op   string // "read" or "write"
	Err  error
}

func (e *PermissionError) Error() string {
	owner := ""
	if o := ownerOf(e.Path); o != "" {
		owner = " (it belongs to " + o + ")"
	}
	return fmt.Sprintf("you do not have permission to %s %s%s. The file itself is not damaged and nothing has been changed. If it is yours, give yourself access with 'chmod u+rw %s' (and 'chmod u+rwx' on its folder); if it belongs to someone else, ask them for a copy", e.Op, e.Path, owner, shellQuote(e.Path))
}

func (e *PermissionError) Unwrap() error { return e.Err }

// ExplainRead turns a permission failure reading path into a
// *PermissionError; any other error is returned as it is.
func ExplainRead(path string, err error) error {
	var pe *PermissionError
	if err == nil || errors.As(err, &pe) || !errors.Is(err, fs.ErrPermission) {
		return err
	}
	return &PermissionError{Path: path, Op: "read", Err: err}
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '/' || r == '.' || r == '-' || r == '_' || r == '+' || r == ',' || r == ':' || r == '@' || r == '%') {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += `'\''`
		} else {
			out += string(r)
		}
	}
	return out + "'"
}
