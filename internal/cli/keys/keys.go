// Package keys implements `reflect keys`: make and show the Ed25519 key a
// supervisor signs reviews with.
package keys

import (
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
)

// NewCmd returns the `keys` command group.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Make and show your key for signing reviews; trust reviewers' keys",
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
	cmd.AddCommand(newGenerateCmd(deps), newShowCmd(deps), newTrustCmd(deps), newTrustedCmd(deps), newUntrustCmd(deps))
	return cmd
}

func newGenerateCmd(deps *cmdutil.Deps) *cobra.Command {
	var name string
	var force bool
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Make a new signing key pair",
		Long: `Make a new Ed25519 key pair for signing reviews. The private key is written
with permissions 0600 in a folder with permissions 0700.

An existing key is never replaced unless you pass --force; then the old key
is kept beside the new one as review-key.pem.bak. Reviews you signed with the
old key still verify, but only against the old public key.`,
		Example: `  reflect keys generate --name "Sam Patel, clinical supervisor"
  reflect keys generate --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			k, err := keystore.Generate(dir, rand.Reader, name, force)
			if err != nil {
				return err
			}
			out := deps.IO.Out
			fmt.Fprintf(out, "Made a new signing key.\n  Private key: %s (only you can read it; never share it)\n  Public key:  %s\n\n",
				keystore.PrivatePath(dir), keystore.PublicPath(dir))
			printPublic(out, k)
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "your name, saved beside the public key so others can tell whose it is")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing key (the old one is kept as .bak)")
	return cmd
}

func newShowCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: "Show your public key and its fingerprint, to share",
		Long: `Print your public key and its fingerprint. Send the public key line (or the
review-key.pub file) to the people who will check your reviews; they pass it
to 'reflect verify --key'. Read the fingerprint to them over the phone or in
person so they know the key they received is yours.`,
		Example: `  reflect keys show`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			k, err := keystore.Load(dir)
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
	fmt.Fprintf(w, "Public key (share this):\n  %s\nFingerprint: %s\nFile: %s\n", line, record.Fingerprint(k.Public), keystore.PublicPath(k.Dir))
	fmt.Fprintf(w, "\nSend them %s; they check your signed reviews with:\n  reflect verify RECORD.json --key %s\n", keystore.PublicName, keystore.PublicName)
}
