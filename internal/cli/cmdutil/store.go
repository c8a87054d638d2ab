package cmdutil

import (
	"fmt"

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
	if !d.storeWarned {
		d.storeWarned = true
		for _, w := range st.Warnings() {
			fmt.Fprintln(d.IO.Err, w)
		}
	}
	return st, nil
}
