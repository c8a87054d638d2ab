package root

import (
	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/assess"
	"github.com/reflect-cpd/reflect/internal/cli/caseload"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/compare"
	"github.com/reflect-cpd/reflect/internal/cli/config"
	"github.com/reflect-cpd/reflect/internal/cli/curriculum"
	"github.com/reflect-cpd/reflect/internal/cli/due"
	"github.com/reflect-cpd/reflect/internal/cli/expect"
	"github.com/reflect-cpd/reflect/internal/cli/export"
	"github.com/reflect-cpd/reflect/internal/cli/keys"
	"github.com/reflect-cpd/reflect/internal/cli/list"
	"github.com/reflect-cpd/reflect/internal/cli/logcmd"
	"github.com/reflect-cpd/reflect/internal/cli/portfolio"
	"github.com/reflect-cpd/reflect/internal/cli/review"
	"github.com/reflect-cpd/reflect/internal/cli/share"
	"github.com/reflect-cpd/reflect/internal/cli/team"
	"github.com/reflect-cpd/reflect/internal/cli/verify"
)

// addCommands attaches the workflow commands. Add one line per command.
func addCommands(cmd *cobra.Command, deps *cmdutil.Deps) {
	cmd.AddCommand(assess.NewCmd(deps))
	cmd.AddCommand(list.NewCmd(deps))
	cmd.AddCommand(expect.NewCmd(deps))
	cmd.AddCommand(review.NewCmd(deps))
	cmd.AddCommand(verify.NewCmd(deps))
	cmd.AddCommand(keys.NewCmd(deps))
	cmd.AddCommand(share.NewCmd(deps))
	cmd.AddCommand(compare.NewCmd(deps))
	cmd.AddCommand(team.NewCmd(deps))
	cmd.AddCommand(caseload.NewCmd(deps))
	cmd.AddCommand(export.NewCmd(deps))
	cmd.AddCommand(curriculum.NewCmd(deps))
	cmd.AddCommand(logcmd.NewCmd(deps))
	cmd.AddCommand(portfolio.NewCmd(deps))
	cmd.AddCommand(due.NewCmd(deps))
	cmd.AddCommand(config.NewCmd(deps))
}
