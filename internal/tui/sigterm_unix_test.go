//go:build unix

package tui

import (
	"context"
	"syscall"
)

// sigterm sends SIGTERM to this process (Bubble Tea, running, catches it).
var sigterm = func(context.CancelFunc) error { return syscall.Kill(syscall.Getpid(), syscall.SIGTERM) }
