//go:build !unix

package fsutil

import "os"

// processRunning reports whether a process with this id exists.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// reraise: without Unix signals there is nothing to send again; the write
// reports ErrInterrupted and the command ends as interrupted.
func reraise(os.Signal) {}
