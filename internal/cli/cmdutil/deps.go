package cmdutil

import (
	"io"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/keystore"
)

// IO holds the streams a command uses. Results go to Out; prompts, progress
// and the TUI go to Err.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// isTerminal reports whether v is a terminal: an *os.File, or a wrapper of
// one that gives its descriptor (textutil.SafeWriter).
func isTerminal(v any) bool {
	f, ok := v.(interface{ Fd() uintptr })
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// InIsTerminal reports whether standard input is an interactive terminal.
func (s *IO) InIsTerminal() bool { return isTerminal(s.In) }

// OutIsTerminal reports whether standard output is an interactive terminal.
func (s *IO) OutIsTerminal() bool { return isTerminal(s.Out) }

// ErrIsTerminal reports whether standard error is an interactive terminal.
func (s *IO) ErrIsTerminal() bool { return isTerminal(s.Err) }

// Deps is what commands are built with. The app fills it from the real
// world; tests fill it with fakes.
type Deps struct {
	IO      *IO
	Version string
	Now     func() time.Time
	Getenv  func(string) string

	// Embedded loads the shipped frameworks (once).
	Embedded func() (*framework.Set, error)
	// EmbeddedList summarises the shipped frameworks without loading them
	// (framework.ListFS); nil means summarise what Embedded loads.
	EmbeddedList func() ([]framework.Summary, error)

	// PassphraseFile is --passphrase-file: a file whose first line is
	// the passphrase of the person's keys, for scripts.
	PassphraseFile string

	storeWarned bool              // Store has shown the data folder's warnings
	keyring     *keystore.Keyring // made by Keyring on first use
}

// OnceSet wraps a loader so it runs at most once.
func OnceSet(load func() (*framework.Set, error)) func() (*framework.Set, error) {
	var once sync.Once
	var set *framework.Set
	var err error
	return func() (*framework.Set, error) {
		once.Do(func() { set, err = load() })
		return set, err
	}
}
