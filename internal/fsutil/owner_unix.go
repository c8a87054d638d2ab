//go:build unix

package fsutil

import (
	"os"
	"strconv"
	"syscall"
)

// ownerOf names the user who owns path, when that is not the current user.
func ownerOf(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) == os.Getuid() {
		return ""
	}
	// By number: looking the name up would need the C library.
	return "another user, id " + strconv.Itoa(int(st.Uid))
}
