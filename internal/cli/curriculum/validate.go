// `reflect curriculum validate`: check curriculum files.

package curriculum

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/curriculum"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

func newValidateCmd(deps *cmdutil.Deps) *cobra.Command {
	var fwArgs []string
	cmd := &cobra.Command{
		Use:   "validate CURRICULUM.yaml...",
		Short: "Check curriculum files and list every problem",
		Long: `Check curriculum files against the curriculum format (schema version 1) and
the frameworks, listing every problem with file:line:col and what to do:
unknown fields, missing titles, bad durations, unknown strengths, and
competence codes that do not exist (with the nearest code that does).

Exit status is 0 when every file is valid and 1 otherwise.`,
		Example: `  reflect curriculum validate my-course.yaml
  reflect curriculum validate courses/*.yaml --framework ./my-service.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, _, err := resolve(deps, fwArgs)
			if err != nil {
				return err
			}
			cs, err := curriculum.Load(set, args...)
			if err != nil {
				var probs yamlx.Problems
				if errors.As(err, &probs) {
					for _, p := range probs {
						fmt.Fprintln(deps.IO.Err, p.Error())
					}
					noun := "problems"
					if len(probs) == 1 {
						noun = "problem"
					}
					fmt.Fprintf(deps.IO.Err, "%d %s found.\n", len(probs), noun)
					return cmdutil.Silent(cmdutil.ExitFailure)
				}
				return err
			}
			for _, c := range cs {
				ms := c.Mappings()
				var outcomes int
				for _, m := range c.Modules {
					for _, s := range m.Sessions {
						outcomes += len(s.Outcomes)
					}
				}
				fmt.Fprintf(deps.IO.Out, "%s: valid — curriculum %q, %s, %s, %s to %s, %s\n",
					c.File, c.ID, plural(len(c.Modules), "module"), plural(outcomes, "outcome"), plural(len(ms), "mapping"),
					plural(len(c.Codes()), "competence"), curriculum.FormatMinutes(c.Minutes()))
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&fwArgs, "framework", nil, "a framework file the curricula map to, beside the built-in ones; repeatable")
	return cmd
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}
