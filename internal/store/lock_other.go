//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package store

import (
	"os"
	"sync"
)

// Where there is neither flock nor LockFileEx (Plan 9, WebAssembly), the
// lock only guards against a second open in this process.
var (
	heldMu sync.Mutex
	held   = map[string]bool{}
)

func lockFile(f *os.File) error {
	heldMu.Lock()
	defer heldMu.Unlock()
	if held[f.Name()] {
		return errLocked
	}
	held[f.Name()] = true
	return nil
}

func unlockFile(f *os.File) error {
	heldMu.Lock()
	defer heldMu.Unlock()
	delete(held, f.Name())
	return nil
}

// noFollow makes opening the lock file fail when its name is a symbolic link.
const noFollow = 0

// exclusiveLocks says whether the lock excludes other processes (it only
// does where the operating system lock is used).
const exclusiveLocks = false
