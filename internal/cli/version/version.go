// Package version implements `reflect version`.
package version

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
)

// NewCmd returns the `version` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print reflect's version",
		Example: "  reflect version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := deps.Embedded()
			if err != nil {
				return err
			}
			fmt.Fprintf(deps.IO.Out, "reflect %s (%s, %s/%s)\n", deps.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			for _, f := range set.Frameworks() {
				fmt.Fprintf(deps.IO.Out, "  framework %s %s (sha256 %s…)\n", f.ID, f.Version, f.Digest[:12])
			}
			return nil
		},
	}
}
