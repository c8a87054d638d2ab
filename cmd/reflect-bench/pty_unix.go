//go:build linux || darwin

package main

import (
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/creack/pty"
)

// timeOnSilentPTY runs argv with its standard streams on a new pty that
// never answers (nothing is written to its other end) and returns the
// median of runs timed runs after five warm-up runs. It fails if the
// command writes an escape sequence there: a terminal query would make it
// wait for an answer that never comes.
func timeOnSilentPTY(env []string, runs int, argv []string) (time.Duration, error) {
	var ws []float64
	for i := 0; i < runs+5; i++ {
		ptmx, tty, err := pty.Open()
		if err != nil {
			return 0, err
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = append(append([]string{}, env...), "TERM=xterm-256color")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
		var out strings.Builder
		read := make(chan struct{})
		go func() { io.Copy(&out, ptmx); close(read) }()
		start := time.Now()
		err = cmd.Start()
		tty.Close()
		if err == nil {
			err = cmd.Wait()
		}
		d := time.Since(start)
		select {
		case <-read:
		case <-time.After(2 * time.Second):
		}
		ptmx.Close()
		if err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				return 0, fmt.Errorf("%s: %w", strings.Join(argv, " "), err)
			}
		}
		if strings.Contains(out.String(), "\x1b") {
			return 0, fmt.Errorf("%s wrote an escape sequence to the terminal: %q", strings.Join(argv, " "), out.String())
		}
		if i >= 5 {
			ws = append(ws, float64(d))
		}
	}
	return time.Duration(median(ws)), nil
}
