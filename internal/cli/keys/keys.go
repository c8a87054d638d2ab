// Package keys implements `reflect keys`: make and show the Ed25519 key a
// supervisor signs reviews with.
package keys

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// NewCmd returns the `keys` command group.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Make and show your keys for signing reviews and opening encrypted records; trust reviewers' keys",
		Long: `A supervisor can sign a review ('reflect review --sign') so that anyone can
check later, with 'reflect verify', that the review came from them and has
not been altered.

The key pair is kept in your configuration folder (on Linux
~/.config/reflect, or the folder named by REFLECT_CONFIG_DIR): the private
key in review-key.pem, readable only by you, and the public key in
review-key.pub. Share the public key; never share the private key. Anyone
who can read the private key file can sign as you.

A signature only shows who wrote a review if you know whose key made it.
'reflect keys trust FILE.pub' adds a reviewer's public key to your trusted
keys (the file trusted-keys in the same folder, private to you); verify then
says a review signed with it is trusted. Check the fingerprint with the
reviewer, by phone or in person, before you trust a key: anyone can make a
key in anyone's name.`,
		Example: `  reflect keys generate --name "Sam Patel"
  reflect keys show
  reflect keys trust sam-patel.pub
  reflect keys trusted`,
	}
	cmd.AddCommand(newGenerateCmd(deps), newShowCmd(deps), newPassphraseCmd(deps), newTrustCmd(deps), newTrustedCmd(deps), newUntrustCmd(deps))
	return cmd
}

func newGenerateCmd(deps *cmdutil.Deps) *cobra.Command {
	var name, newPassFile string
	var force, noPass bool
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Make your keys: one to sign reviews, one to open records encrypted to you",
		Long: `Make your keys: an Ed25519 key pair for signing reviews and an age identity
(encryption key) that opens records others encrypt to you with 'reflect share
--to' or 'reflect export --to'. The private keys (review-key.pem and
age-identity.txt) are written with permissions 0600 in a folder with
permissions 0700; the public key file review-key.pub carries both public keys
and is the one file you give to others.

On a terminal you are asked for a passphrase (twice) that protects the
private keys: it is asked again, once, whenever a command needs them. Leave
it empty for none, or pass --no-passphrase; in scripts give it with
--new-passphrase-file FILE (--passphrase-file FILE does the same here, as
new keys have no passphrase yet). Change it later with 'reflect keys
passphrase'.

Keep a copy of age-identity.txt somewhere safe (it is protected by your
passphrase): if you lose it, nobody can open the records encrypted to you,
including your encrypted data folder.

A key folder made by an earlier reflect (a signing key but no encryption key)
gets an encryption key added; the signing key is kept. An existing key is
never replaced unless you pass --force; then the old keys are kept beside the
new ones as .bak. Reviews you signed with the old key still verify, but only
against the old public key, and records encrypted to the old identity open
only with review-key.pem.bak's partner age-identity.txt.bak.`,
		Example: `  reflect keys generate --name "Sam Patel, clinical supervisor"
  reflect keys generate --name "Sam Patel" --new-passphrase-file ~/.reflect-pass
  reflect keys generate --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			o := keystore.GenerateOptions{Rand: rand.Reader, Comment: name, Force: force}
			// A key folder from before encryption: add the identity.
			if _, err := os.Lstat(keystore.PrivatePath(dir)); err == nil && !force {
				if _, err := os.Lstat(keystore.IdentityPath(dir)); err == nil {
					return fmt.Errorf("you already have keys in %s; reflect will not replace them, because reviews signed with them could no longer be linked to a key you hold, and records encrypted to them could no longer be opened. To replace them anyway, run 'reflect keys generate --force' (the old keys are kept as .bak)", dir)
				}
				o.KeepSigning = true
			}
			if o.KeepSigning {
				// The new identity takes the signing key's passphrase, so
				// that one passphrase opens both.
				if pemData, _ := os.ReadFile(keystore.PrivatePath(dir)); keystore.Protected(pemData) {
					if o.Passphrase, err = deps.Keyring().Passphrase(); err != nil {
						return err
					}
				} else if !noPass {
					if o.Passphrase, err = askNew(deps, newPassFile); err != nil {
						return err
					}
				}
			} else if !noPass {
				// New keys have no passphrase yet: --passphrase-file given
				// alone can only mean the one to protect them with.
				if newPassFile == "" {
					newPassFile = deps.PassphraseFile
				}
				if o.Passphrase, err = askNew(deps, newPassFile); err != nil {
					return err
				}
			}
			k, err := keystore.GenerateWith(dir, o)
			if err != nil {
				return err
			}
			out := deps.IO.Out
			if o.KeepSigning {
				fmt.Fprintf(out, "Added an encryption key to your signing key.\n")
			} else {
				fmt.Fprintf(out, "Made your keys.\n  Signing key:    %s\n", keystore.PrivatePath(dir))
			}
			fmt.Fprintf(out, "  Encryption key: %s\n  Public keys:    %s (share this one)\n", keystore.IdentityPath(dir), keystore.PublicPath(dir))
			if o.Passphrase == "" {
				fmt.Fprintf(out, "  Not protected by a passphrase: anyone who can read these files can sign as you and open records encrypted to you. Add one with 'reflect keys passphrase'.\n")
			} else {
				fmt.Fprintf(out, "  Protected by your passphrase.\n")
			}
			fmt.Fprintf(out, "  Keep a copy of %s somewhere safe: without it, records encrypted to you cannot be opened by anyone.\n\n", keystore.IdentityName)
			printPublic(out, k)
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "your name, saved beside the public keys so others can tell whose they are")
	cmd.Flags().BoolVar(&force, "force", false, "replace existing keys (the old ones are kept as .bak)")
	cmd.Flags().BoolVar(&noPass, "no-passphrase", false, "do not protect the private keys with a passphrase")
	cmd.Flags().StringVar(&newPassFile, "new-passphrase-file", "", "read the passphrase for the new keys from the first line of FILE (for scripts)")
	return cmd
}

// askNew asks for a new passphrase on the terminal or reads it from file.
// Without a terminal or a file the keys get no passphrase, and generate
// says so.
func askNew(deps *cmdutil.Deps, file string) (string, error) {
	p, err := deps.NewPassphrase(file)
	if errors.Is(err, cmdutil.ErrNoTerminal) {
		return "", nil
	}
	return p, err
}

func newPassphraseCmd(deps *cmdutil.Deps) *cobra.Command {
	var newPassFile string
	var remove bool
	cmd := &cobra.Command{
		Use:   "passphrase",
		Short: "Set, change or remove the passphrase that protects your private keys",
		Long: `Protect your private keys (the signing key and the encryption key) with a
new passphrase. You are asked for the current one if they have one, then for
the new one twice; in scripts give the current one with --passphrase-file and
the new one with --new-passphrase-file. --remove takes the protection away.

The passphrase is stretched with scrypt (age's passphrase encryption), so
guessing it is slow; choose one of several words. If you forget it, the keys
cannot be opened: keep it somewhere safe too.`,
		Example: `  reflect keys passphrase
  reflect keys passphrase --passphrase-file old.txt --new-passphrase-file new.txt
  reflect keys passphrase --remove`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			if _, err := os.Lstat(keystore.PrivatePath(dir)); err != nil {
				if _, err := os.Lstat(keystore.IdentityPath(dir)); err != nil {
					return fmt.Errorf("there are no keys in %s yet; make them with 'reflect keys generate'", dir)
				}
			}
			newPass := ""
			if !remove {
				if newPass, err = deps.NewPassphrase(newPassFile); err != nil {
					return err
				}
				if newPass == "" {
					return cmdutil.Usagef("no new passphrase was given; to take the protection away, use --remove")
				}
			}
			if err := keystore.SetPassphrase(dir, deps.Keyring().Passphrase, newPass, 0); err != nil {
				if errors.Is(err, vault.ErrWrongPassphrase) {
					return fmt.Errorf("%w; nothing was changed: give the current passphrase (--passphrase-file FILE in scripts)", err)
				}
				return err
			}
			if remove {
				fmt.Fprintf(deps.IO.Err, "Your private keys in %s are no longer protected by a passphrase: anyone who can read them can use them.\n", dir)
			} else {
				fmt.Fprintf(deps.IO.Err, "Your private keys in %s are protected by the new passphrase.\n", dir)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&newPassFile, "new-passphrase-file", "", "read the new passphrase from the first line of FILE (for scripts)")
	cmd.Flags().BoolVar(&remove, "remove", false, "take the passphrase protection away")
	return cmd
}

func newShowCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: "Show your public keys and fingerprint, to share",
		Long: `Print your public keys and the signing key's fingerprint. Send the
review-key.pub file to the people who will check your reviews or send you
records: it holds your signing key (for 'reflect keys trust' and 'reflect
verify --key') and your encryption key (for 'reflect share --to' and 'reflect
export --to'). Read the fingerprint to them over the phone or in person so
they know the file they received is yours.`,
		Example: `  reflect keys show`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			k, err := keystore.LoadPublic(dir)
			if errors.Is(err, keystore.ErrNoKey) {
				return fmt.Errorf("there is no signing key in %s yet; make one with 'reflect keys generate'", dir)
			}
			if err != nil {
				return err
			}
			printPublic(deps.IO.Out, k)
			return nil
		},
	}
}

func printPublic(w interface{ Write([]byte) (int, error) }, k *keystore.Key) {
	line := record.FormatPublicKey(k.Public)
	if k.Comment != "" {
		line += " " + k.Comment
	}
	fmt.Fprintf(w, "Public key (share this):\n  %s\n", line)
	if k.Recipient != "" {
		fmt.Fprintf(w, "Encryption key (age recipient):\n  %s\n", k.Recipient)
	}
	fmt.Fprintf(w, "Fingerprint: %s\nFile: %s\n", record.Fingerprint(k.Public), keystore.PublicPath(k.Dir))
	fmt.Fprintf(w, "\nSend them %s; they check your signed reviews with:\n  reflect verify RECORD.json --key %s\n", keystore.PublicName, keystore.PublicName)
	if k.Recipient != "" {
		fmt.Fprintf(w, "and send you records only you can open with:\n  reflect share RECORD.json --to %s -o FILE.age\n", keystore.PublicName)
	} else {
		fmt.Fprintf(w, "\nYou have no encryption key yet, so nobody can send you encrypted records: add one with 'reflect keys generate' (your signing key is kept).\n")
	}
}
