//go:build !unix

package binarytest

// RunWrapperIfAsked does nothing where there is no umask or RLIMIT_FSIZE.
func RunWrapperIfAsked() {}
