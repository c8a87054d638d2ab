//go:build unix

package assess

import (
	"os"
	"syscall"
)

// stopTUI asks the questionnaire to end. Bubble Tea ends on SIGTERM after
// restoring the terminal, so the other signals (a hang-up) are passed on
// as one.
func stopTUI() { _ = syscall.Kill(os.Getpid(), syscall.SIGTERM) }
