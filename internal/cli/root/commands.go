package root

import (
	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/expect"
)

// addCommands attaches the workflow commands. Add one line per command.
func addCommands(cmd *cobra.Command, deps *cmdutil.Deps) {
	cmd.AddCommand(expect.NewCmd(deps))
}
