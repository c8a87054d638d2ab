// Package cmdutil holds what every command shares: the dependencies a
// command is built with, the IO streams, and typed errors that the app
// turns into messages and exit codes.
package cmdutil

import (
	"errors"
	"fmt"
)

// Exit codes. They are documented in the README; keep the two in step.
const (
	ExitOK           = 0   // the command did its job
	ExitFailure      = 1   // it could not: invalid input, a file problem
	ExitUsage        = 2   // the command line was wrong
	ExitBusy         = 3   // the assessment is open in another reflect
	ExitChanged      = 4   // verify: the record, its figures or its chain of reviews changed after a review
	ExitBadSignature = 5   // verify: a signature is not valid
	ExitUntrusted    = 6   // verify: signed, but with a key that is not trusted
	ExitUnsigned     = 7   // verify: a review is not signed
	ExitEncrypted    = 8   // an encrypted file could not be opened: not for your key, damaged or altered, wrong passphrase, no key
	ExitInterrupted  = 130 // stopped by Ctrl+C or a signal, after saving
)

// UsageError reports a mistake on the command line.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef returns a UsageError.
func Usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// ExitError carries a specific exit code. A nil Err means the command has
// already said everything and only the code remains.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Exit returns an error that ends the program with code after printing err
// (when err is not nil).
func Exit(code int, err error) error { return &ExitError{Code: code, Err: err} }

// Silent ends the program with code without printing anything more.
func Silent(code int) error { return &ExitError{Code: code} }

// ErrCancelled is returned when the user backs out of a prompt.
var ErrCancelled = errors.New("cancelled")
