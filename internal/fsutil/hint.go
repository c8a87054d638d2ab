package fsutil

import (
	"errors"
	"io/fs"
	"syscall"
)

// writeError adds to a failed write what it means for the person and what
// to do; the underlying error stays reachable with errors.Is.
type writeError struct {
	err  error
	hint string
}

func (e *writeError) Error() string { return e.err.Error() + " (" + e.hint + ")" }
func (e *writeError) Unwrap() error { return e.err }

// Explain wraps err with a hint when it is one of the failures people meet
// when writing: a full disk or quota, a file size limit, a read-only file
// system, no permission. The hint also says that what was saved before is
// untouched, which the atomic writes guarantee.
func Explain(err error) error {
	if err == nil {
		return nil
	}
	var we *writeError
	if errors.As(err, &we) {
		return err
	}
	var hint string
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		hint = "the disk is full: free some space, then try again; what was saved before is untouched"
	case errors.Is(err, syscall.EFBIG):
		hint = "the file is larger than this system lets reflect write (a file size limit is set); what was saved before is untouched"
	case errors.Is(err, syscall.EROFS):
		hint = "the folder is on a read-only file system; choose a folder you can write to"
	case errors.Is(err, fs.ErrPermission):
		hint = "you do not have permission to write there; choose a folder you can write to"
	default:
		return err
	}
	return &writeError{err: err, hint: hint}
}
