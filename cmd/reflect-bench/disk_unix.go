//go:build linux || darwin

package main

import "syscall"

// freeBytes is the space free to an ordinary user on path's file system.
func freeBytes(path string) (uint64, bool) {
	var st syscall.Statfs_t
	if syscall.Statfs(path, &st) != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
