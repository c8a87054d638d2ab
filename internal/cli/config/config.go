// Package config implements `reflect config`: the settings of the data
// folder, for now whether it is kept encrypted.
package config

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/store"
)

// NewCmd returns the config command group.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show and change settings (whether your data folder is encrypted)",
		Long: `Show and change reflect's settings. There is one:

  encrypt   true: every file reflect keeps in your data folder (assessments,
            their backups, the CPD log and its drafts, journals) is
            encrypted with age to your own key, so that a copy of the folder
            (a backup, a synced folder, a lost laptop's disk) cannot be read
            without your key and its passphrase. false (the default): they
            are plain JSON, protected only by the folder's permissions.

The setting lives in the data folder itself (the file 'encryption', which
names your public key), so a folder that is encrypted stays encrypted
whoever opens it. Setting ` + "`REFLECT_ENCRYPT=true`" + ` in the environment turns it on
the first time reflect opens the folder; turning it off takes
'reflect config set encrypt false'.

Changing it rewrites every file in place, one at a time and each atomically,
so no plaintext copy is left beside an encrypted one (files saved before
remain on the disk's free space until overwritten: see the README's privacy
section). You need your keys ('reflect keys generate') to turn it on, and
their passphrase to read the folder from then on. Lose the key and the
folder cannot be opened by anyone.`,
		Example: `  reflect config show
  reflect config set encrypt true
  reflect config get encrypt`,
	}
	cmd.AddCommand(newSetCmd(deps), newGetCmd(deps), newShowCmd(deps))
	return cmd
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, cmdutil.Usagef("encrypt is true or false, not %q", s)
}

func newSetCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "set encrypt true|false",
		Short: "Turn encryption of your data folder on or off",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] != "encrypt" {
				return cmdutil.Usagef("there is no setting %q; the one setting is encrypt", args[0])
			}
			on, err := parseBool(args[1])
			if err != nil {
				return err
			}
			st, err := deps.Store()
			if err != nil {
				return err
			}
			return SetEncrypt(deps, st, on)
		},
	}
}

// SetEncrypt converts the data folder (store.SetEncryption) and says what
// it did.
func SetEncrypt(deps *cmdutil.Deps, st *store.Store, on bool) error {
	w := deps.IO.Err
	if on == st.Encrypted() && !st.Converting() {
		fmt.Fprintf(w, "Your data folder %s is already %s.\n", st.Root, state(on))
		return nil
	}
	recipient := ""
	if on {
		var err error
		if recipient, err = deps.Keyring().Recipient(); err != nil {
			return fmt.Errorf("to encrypt your data folder reflect needs your encryption key: %w", err)
		}
	} else if _, err := deps.Keyring().Identities(); err != nil {
		return fmt.Errorf("to decrypt your data folder reflect needs your encryption key: %w", err)
	}
	res, err := st.SetEncryption(on, recipient)
	if err != nil {
		return fmt.Errorf("the data folder could not be %s: %w\nNothing is lost: every file is either as it was or converted. Run 'reflect config set encrypt %v' again to finish", state(on), err, on)
	}
	now := "now encrypted"
	if !on {
		now = "no longer encrypted"
	}
	fmt.Fprintf(w, "Your data folder %s is %s (%s converted", st.Root, now, count(res.Converted, "file", "files"))
	if n := len(res.Removed); n > 0 {
		fmt.Fprintf(w, "; %s left by stopped runs removed", count(n, "temporary copy", "temporary copies"))
	}
	fmt.Fprintln(w, ").")
	if on {
		dir, _ := keystore.Dir(deps.Getenv)
		fmt.Fprintf(w, "  Keep a copy of %s somewhere safe: without it nobody can open your records.\n", keystore.IdentityPath(dir))
	}
	return nil
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func state(on bool) string {
	if on {
		return "encrypted"
	}
	return "not encrypted"
}

func newGetCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "get encrypt",
		Short: "Print a setting (true or false)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] != "encrypt" {
				return cmdutil.Usagef("there is no setting %q; the one setting is encrypt", args[0])
			}
			st, err := deps.Store()
			if err != nil {
				return err
			}
			fmt.Fprintln(deps.IO.Out, st.Encrypted())
			return nil
		},
	}
}

func newShowCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: "Show the settings and where reflect keeps your files",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := deps.Store()
			if err != nil {
				return err
			}
			dir, _ := keystore.Dir(deps.Getenv)
			out := deps.IO.Out
			fmt.Fprintf(out, "data folder  %s\nkeys folder  %s\nencrypt      %v\n", st.Root, dir, st.Encrypted())
			if _, names, err := st.Recipients(); err == nil && len(names) > 0 {
				fmt.Fprintf(out, "encrypted to %s\n", strings.Join(names, ", "))
			}
			return nil
		},
	}
}
