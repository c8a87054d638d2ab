package cmdutil

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/store"
)

// Store opens the person's data folder: where it is (store.DataDir),
// the store in it, and a warning on standard error, once per command,
// for each of its folders that other people can open (reflect does not
// change a folder's permissions itself). Commands open the data folder
// through this, so that each gets the same folder, warnings and keys.
func (d *Deps) Store() (*store.Store, error) {
	dir, err := store.DataDir(d.Getenv)
	if err != nil {
		return nil, err
	}
	st := store.New(dir)
	st.Keys = d.Keyring()
	if d.storeWarned {
		return st, nil
	}
	d.storeWarned = true
	for _, w := range st.Warnings() {
		fmt.Fprintln(d.IO.Err, w)
	}
	switch v := strings.ToLower(d.Getenv(EnvEncrypt)); {
	case (v == "true" || v == "1" || v == "yes") && (!st.Encrypted() || st.Converting()):
		recipient, err := d.Keyring().Recipient()
		if err != nil {
			return nil, fmt.Errorf("%s=%s asks for an encrypted data folder, and reflect needs your encryption key for that: %w", EnvEncrypt, v, err)
		}
		res, err := st.SetEncryption(true, recipient)
		if err != nil {
			return nil, fmt.Errorf("%s=%s: the data folder could not be encrypted: %w\nNothing is lost; run the command again to finish", EnvEncrypt, v, err)
		}
		fmt.Fprintf(d.IO.Err, "Encrypted your data folder %s to your key, as %s asks (%d %s converted). Keep a copy of your keys folder's %s somewhere safe.\n", st.Root, EnvEncrypt, res.Converted, map[bool]string{true: "file", false: "files"}[res.Converted == 1], "age-identity.txt")
	case (v == "false" || v == "0" || v == "no") && st.Encrypted():
		fmt.Fprintf(d.IO.Err, "Note: %s=%s, but your data folder stays encrypted; to decrypt it, run 'reflect config set encrypt false'.\n", EnvEncrypt, v)
	case st.Converting():
		fmt.Fprintf(d.IO.Err, "Warning: a change of your data folder's encryption was stopped part-way; every file is readable, but some are not yet converted. Finish it with 'reflect config set encrypt %v'.\n", st.Encrypted())
	}
	return st, nil
}

// EnvEncrypt, set to true, keeps the data folder encrypted (converting it
// the first time); see 'reflect config'.
const EnvEncrypt = "REFLECT_ENCRYPT"
