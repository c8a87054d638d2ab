// Package app is reflect's entry point: it builds the dependencies, runs
// the command tree and turns errors into messages and exit codes. It is the
// only package that reads os.Args or calls os.Exit (through main).
package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/root"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/textutil"
	"github.com/reflect-cpd/reflect/internal/vault"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// Version is set at build time with -ldflags "-X .../internal/app.Version=v1.2.3";
// otherwise it comes from the module build information.
var Version = ""

// Main runs reflect with the process's arguments and streams and returns
// the exit code.
func Main() int {
	deps := NewDeps(&cmdutil.IO{In: os.Stdin, Out: stdout(), Err: os.Stderr})
	return Run(deps, os.Args[1:])
}

// stdout is standard output, with control characters made harmless when
// it is a terminal: results quote records, frameworks and curricula that
// other people wrote, and their text must not drive the reader's terminal.
// Nothing reflect writes to standard output is meant to carry escape
// sequences (the questionnaire draws on standard error); files and pipes
// get the bytes unchanged.
func stdout() io.Writer { return terminalSafe(os.Stdout) }

// terminalSafe wraps w in a textutil.SafeWriter when it is a terminal.
func terminalSafe(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		return textutil.TerminalSafe(f)
	}
	return w
}

// NewDeps builds the real dependencies around the given streams.
func NewDeps(streams *cmdutil.IO) *cmdutil.Deps {
	return &cmdutil.Deps{
		IO:       streams,
		Version:  version(),
		Now:      time.Now,
		Getenv:   os.Getenv,
		Embedded: cmdutil.OnceSet(LoadEmbedded),
		EmbeddedList: func() ([]framework.Summary, error) {
			return framework.ListFS(frameworks.FS(), "embedded")
		},
	}
}

// LoadEmbedded loads the frameworks built into the binary.
func LoadEmbedded() (*framework.Set, error) {
	return framework.LoadFS(frameworks.FS(), "embedded")
}

// Run executes the command line args and returns the exit code.
func Run(deps *cmdutil.Deps, args []string) int {
	cmd := root.NewCmd(deps)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return Report(deps.IO.Err, err)
}

// Report prints err for a person and returns the exit code it stands for.
// On a terminal, control characters in the message (a message may quote a
// file someone else wrote) are made harmless.
func Report(w io.Writer, err error) int {
	if err == nil {
		return cmdutil.ExitOK
	}
	w = terminalSafe(w)
	var exitErr *cmdutil.ExitError
	if errors.As(err, &exitErr) {
		if exitErr.Err != nil {
			printErr(w, exitErr.Err)
		}
		return exitErr.Code
	}
	var usage *cmdutil.UsageError
	if errors.As(err, &usage) || strings.HasPrefix(err.Error(), "unknown command") {
		fmt.Fprintf(w, "reflect: %s\nRun 'reflect --help' or add --help to the command for how to use it.\n", err.Error())
		return cmdutil.ExitUsage
	}
	var ve *vault.Error
	if errors.As(err, &ve) || errors.Is(err, vault.ErrWrongPassphrase) || errors.Is(err, vault.ErrNoIdentity) {
		printErr(w, err)
		return cmdutil.ExitEncrypted
	}
	if errors.Is(err, fsutil.ErrInterrupted) {
		fmt.Fprintf(w, "reflect: %s\n", err.Error())
		return cmdutil.ExitInterrupted
	}
	if errors.Is(err, cmdutil.ErrCancelled) {
		fmt.Fprintln(w, "reflect: cancelled; nothing was changed.")
		return cmdutil.ExitFailure
	}
	printErr(w, err)
	return cmdutil.ExitFailure
}

func printErr(w io.Writer, err error) {
	// A saved assessment that cannot be read: say where it is broken and
	// whether its backup can be used (its problems alone would not say).
	var corrupt *store.CorruptError
	if errors.As(err, &corrupt) {
		fmt.Fprintf(w, "reflect: %s\n", corrupt.Error())
		return
	}
	var probs yamlx.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintln(w, p.Error())
		}
		if len(probs) > 1 {
			fmt.Fprintf(w, "%d problems found.\n", len(probs))
		}
		return
	}
	fmt.Fprintf(w, "reflect: %s\n", err.Error())
}

func version() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
