//go:build unix

package fsutil

import (
	"errors"
	"os"
	"syscall"
)

// processRunning reports whether a process with this id exists (one owned
// by another user counts: the signal is refused, not unknown).
func processRunning(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// reraise sends sig to this process again.
func reraise(sig os.Signal) {
	if s, ok := sig.(syscall.Signal); ok {
		_ = syscall.Kill(os.Getpid(), s)
	}
}
