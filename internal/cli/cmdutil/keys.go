package cmdutil

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/reflect-cpd/reflect/internal/keystore"
)

// Keyring returns the person's keys for this command (made on first use):
// the passphrase that protects them is asked at most once, on the
// terminal without echo, or read from --passphrase-file.
func (d *Deps) Keyring() *keystore.Keyring {
	if d.keyring == nil {
		d.keyring = &keystore.Keyring{
			Dir: func() (string, error) { return keystore.Dir(d.Getenv) },
			Ask: func() (string, error) { return d.AskPassphrase("Passphrase for your reflect keys: ") },
		}
	}
	return d.keyring
}

// maxPassphraseFile bounds a passphrase file.
const maxPassphraseFile = 64 << 10

// AskPassphrase returns a passphrase: the first line of --passphrase-file
// when one was given, else typed at the terminal (nothing is shown as it
// is typed). Without a terminal or a file it says how to give one.
func (d *Deps) AskPassphrase(prompt string) (string, error) {
	if d.PassphraseFile != "" {
		return ReadPassphraseFile(d.PassphraseFile)
	}
	return d.readTerminalPassphrase(prompt)
}

// ReadPassphraseFile reads a passphrase: the file's first line, without
// its line ending.
func ReadPassphraseFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("--passphrase-file: %w", err)
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxPassphraseFile {
		return "", fmt.Errorf("--passphrase-file %s is not a small text file holding the passphrase", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--passphrase-file: %w", err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return "", fmt.Errorf("--passphrase-file %s is empty; its first line should be the passphrase", path)
	}
	return line, nil
}

// ErrNoTerminal is returned when a passphrase is needed and there is no
// terminal to ask it on.
var ErrNoTerminal = errors.New("your keys are protected by a passphrase, and standard input is not a terminal to ask it on; give it in a file with --passphrase-file FILE (readable only by you)")

func (d *Deps) readTerminalPassphrase(prompt string) (string, error) {
	f, ok := d.IO.In.(interface{ Fd() uintptr })
	if !ok || !d.IO.InIsTerminal() {
		return "", ErrNoTerminal
	}
	fmt.Fprint(d.IO.Err, prompt)
	b, err := term.ReadPassword(f.Fd())
	fmt.Fprintln(d.IO.Err)
	if err != nil {
		return "", fmt.Errorf("cannot read the passphrase: %w", err)
	}
	return string(b), nil
}

// NewPassphrase asks for a new passphrase twice on the terminal (or reads
// it from file, when given) and returns it; "" means none.
func (d *Deps) NewPassphrase(file string) (string, error) {
	if file != "" {
		return ReadPassphraseFile(file)
	}
	p1, err := d.readTerminalPassphrase("New passphrase (leave empty for none): ")
	if err != nil {
		return "", err
	}
	if p1 == "" {
		return "", nil
	}
	p2, err := d.readTerminalPassphrase("The same passphrase again: ")
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", errors.New("the two passphrases differ; nothing was changed. Try again")
	}
	return p1, nil
}
