// `reflect curriculum template`: write a starting curriculum file.

package curriculum

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/curriculum"
	"github.com/reflect-cpd/reflect/internal/framework"
)

func newTemplateCmd(deps *cmdutil.Deps) *cobra.Command {
	var fwArgs []string
	var out, id string
	var force bool
	cmd := &cobra.Command{
		Use:   "template --framework ID|FILE... [-o FILE]",
		Short: "Write a starter curriculum listing every competence code to map to",
		Long: `Write a starter curriculum file: one module, one session and one outcome to
copy, and, as comments at the end, every competence code of the chosen
frameworks with the start of its statement, by domain and area. The file
validates as it is; fill it in and run 'reflect curriculum map' on it.`,
		Example: `  reflect curriculum template --framework cyp -o school-course.yaml
  reflect curriculum template --framework adults --framework cyp --id ed-course > ed-course.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(fwArgs) == 0 {
				set, err := deps.Embedded()
				if err != nil {
					return err
				}
				return cmdutil.Usagef("say which framework(s) with --framework (the built-in ones are %s)", strings.Join(set.IDs(), ", "))
			}
			if !framework.ValidID(id) {
				return cmdutil.Usagef("--id %q: use lower-case letters, digits and hyphens, e.g. my-course", id)
			}
			if err := checkOutput(out, force); err != nil {
				return err
			}
			_, fws, err := cmdutil.ResolveFrameworks(deps, fwArgs)
			if err != nil {
				return err
			}
			var b bytes.Buffer
			if err := curriculum.WriteTemplate(&b, id, fws); err != nil {
				return err
			}
			if err := write(deps, out, b.Bytes()); err != nil {
				return err
			}
			if out != "" && out != "-" {
				fmt.Fprintf(deps.IO.Err, "Wrote %s. Fill it in, then run 'reflect curriculum map %s'.\n", out, out)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&fwArgs, "framework", nil, "a framework to map to: a built-in id or a framework file; repeat for several")
	f.StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	f.StringVar(&id, "id", "my-course", "the curriculum's id")
	f.BoolVar(&force, "force", false, "replace FILE if it exists")
	_ = cmd.RegisterFlagCompletionFunc("framework", completeFrameworks(deps))
	return cmd
}
