package keys

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
)

func newTrustCmd(deps *cmdutil.Deps) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "trust FILE.pub",
		Short: "Trust a reviewer's public key, so verify accepts reviews they sign",
		Long: `Add a reviewer's public key to your trusted keys. 'reflect verify' (and the
exports, 'review --print' and 'compare') then say that a review signed with it
is "signed by a trusted key"; a review signed with any other key is "signed,
key not trusted" (verify exits 6).

FILE.pub is the file the reviewer sent you (their review-key.pub), or the key
line itself. The name is taken from the file, or given with --name. Before
you trust a key, read its fingerprint (printed below) to the reviewer by
phone or in person and check it matches what 'reflect keys show' prints for
them: anyone can make a key in anyone's name.

The trusted keys are kept in trusted-keys in your configuration folder,
readable and writable by you only. 'reflect keys trusted' lists them;
'reflect keys untrust' removes one.`,
		Example: `  reflect keys trust sam-patel.pub
  reflect keys trust review-key.pub --name "Sam Patel, clinical supervisor"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pub, comment, err := keystore.ReadPublicKeyFile(args[0])
			if err != nil {
				return err
			}
			if name == "" {
				name = comment
			}
			if name == "" {
				return cmdutil.Usagef("%s does not say whose key it is; give a name with --name \"Sam Patel\"", args[0])
			}
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			k, added, err := keystore.Trust(dir, pub, name)
			if err != nil {
				return err
			}
			out := deps.IO.Out
			if !added {
				fmt.Fprintf(out, "This key is already trusted, as %s (fingerprint %s). Nothing changed.\n", k.Name, record.Fingerprint(pub))
				return nil
			}
			fmt.Fprintf(out, "Trusted the key of %s.\n  Fingerprint: %s\n  Kept in: %s\n", k.Name, record.Fingerprint(pub), keystore.TrustedPath(dir))
			fmt.Fprintf(out, "Check the fingerprint with %s, by phone or in person; if it does not match, remove the key with:\n  reflect keys untrust %q\n", k.Name, record.KeyID(pub))
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "whose key it is (default: the name in the .pub file)")
	return cmd
}

func newTrustedCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "trusted",
		Short: "List the reviewers' keys you trust",
		Long: `List the public keys in your trusted keys, with whose each is and its
fingerprint. Reviews signed with one of them verify as trusted.`,
		Example: `  reflect keys trusted`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			keys, err := keystore.LoadTrusted(dir)
			if err != nil {
				return err
			}
			if len(keys) == 0 {
				fmt.Fprintf(deps.IO.Err, "You trust no reviewer's key yet (%s has none). Add one with: reflect keys trust FILE.pub\n", keystore.TrustedPath(dir))
				return nil
			}
			tw := tabwriter.NewWriter(deps.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "FINGERPRINT\tNAME")
			for _, k := range keys {
				fmt.Fprintf(tw, "%s\t%s\n", record.Fingerprint(k.Key), k.Name)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(deps.IO.Err, "%d trusted key(s), in %s.\n", len(keys), keystore.TrustedPath(dir))
			return nil
		},
	}
}

func newUntrustCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "untrust FINGERPRINT|NAME",
		Short: "Stop trusting a reviewer's key",
		Long: `Remove a key from your trusted keys, by its fingerprint (as 'reflect keys
trusted' shows it; at least the first 8 digits) or by its name. Reviews signed
with it then verify as "signed, key not trusted".`,
		Example: `  reflect keys untrust "d95a 6a94 8304 2f4a"
  reflect keys untrust "Sam Patel"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := keystore.Dir(deps.Getenv)
			if err != nil {
				return err
			}
			gone, err := keystore.Untrust(dir, args[0])
			if err != nil {
				return err
			}
			for _, k := range gone {
				fmt.Fprintf(deps.IO.Out, "No longer trusted: %s (%s).\n", k.Name, record.Fingerprint(k.Key))
			}
			return nil
		},
	}
}
