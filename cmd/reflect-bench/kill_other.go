//go:build !unix

package main

import (
	"errors"
	"io"
)

type killResult struct {
	runs, acknowledged, lost, outOfOrder, partBursts, torn int
	keyToSaved                                             []float64
}

func killRuns(work, bin string, runs int, progress io.Writer) (killResult, error) {
	return killResult{}, errors.New("the kill section needs a Unix system (SIGKILL, tmux)")
}
