// Package root assembles the reflect command tree.
package root

import (
	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/frameworks"
	"github.com/reflect-cpd/reflect/internal/cli/version"
)

// NewCmd returns the root command with every subcommand attached.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reflect",
		Short: "Self-assessment, reflection and supervision against the self-harm and suicide prevention competence frameworks",
		Long: `reflect helps people who work with self-harm and suicide prevention in the UK
reflect on their practice and plan their learning.

  Practitioners   reflect assess, then reflect export
  Supervisors     reflect review, reflect verify, reflect compare, reflect team
  Sharing         reflect share (a copy with sections withheld), reflect keys
  Trainers        reflect curriculum map, reflect curriculum match
  Everyone        reflect frameworks, reflect expect

Everything stays on this computer: no account, no network, no telemetry.

If this work is weighing on you, Samaritans are there day and night on
116 123 (free), or text SHOUT to 85258. Your supervisor and occupational
health are there for you too.`,
		Example: `  reflect assess
  reflect frameworks list
  reflect export r-3f2a --format pdf -o my-cpd.pdf`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       deps.Version,
	}
	cmd.PersistentFlags().StringVar(&deps.PassphraseFile, "passphrase-file", "", "read the passphrase of your keys from the first line of FILE instead of asking (for scripts; keep FILE private)")
	cmd.SetIn(deps.IO.In)
	cmd.SetOut(deps.IO.Out)
	cmd.SetErr(deps.IO.Err)
	cmd.SetVersionTemplate("reflect {{.Version}}\n")
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &cmdutil.UsageError{Msg: err.Error()}
	})
	cmd.AddCommand(
		frameworks.NewCmd(deps),
		version.NewCmd(deps),
	)
	addCommands(cmd, deps)
	wrapArgs(cmd)
	return cmd
}

// wrapArgs turns argument-count errors into usage errors everywhere.
func wrapArgs(cmd *cobra.Command) {
	if args := cmd.Args; args != nil {
		cmd.Args = func(c *cobra.Command, a []string) error {
			if err := args(c, a); err != nil {
				return &cmdutil.UsageError{Msg: err.Error()}
			}
			return nil
		}
	}
	for _, c := range cmd.Commands() {
		wrapArgs(c)
	}
}
