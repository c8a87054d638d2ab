//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is where the locked byte lies: far past the process id the
// holder writes at the start, because Windows locks are mandatory — a
// locked range cannot be read by others, and a second reflect reads the
// id to say who has the assessment open. Locking past the end of a file
// is allowed.
const lockOffset = 1 << 62

func lockRange() *windows.Overlapped {
	return &windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
}

// lockFile takes an exclusive LockFileEx lock without waiting. Windows
// drops it when the handle is closed or the process ends, however it ends.
func lockFile(f *os.File) error {
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, lockRange())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errLocked
	}
	return err
}

func unlockFile(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, lockRange())
}

// noFollow: Windows has no O_NOFOLLOW; lockAt still refuses a lock file
// that is a symbolic link when it cannot be opened.
const noFollow = 0

// exclusiveLocks says whether the lock excludes other processes: it does.
const exclusiveLocks = true
