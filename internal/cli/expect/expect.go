// Package expect implements `reflect expect`: the plain-language guide to
// what service users and carers can expect, built from a framework.
package expect

import (
	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/render"
)

// NewCmd returns the `expect` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	var format string
	var stats bool
	cmd := &cobra.Command{
		Use:   "expect ID|FILE",
		Short: "Print a plain-language guide to what people can expect from care",
		Long: `Print a guide for people who self-harm or feel suicidal, and for their families
and carers, describing in plain words what they can expect from staff and
services. It is built from the "what you can expect" line of every area of the
framework under plain-language headings, and ends with what to do when care
falls short, where to get help now and who wrote the guide. A framework file can
give its own introduction, help contacts and notice (its guide block).

--readability prints, instead of the guide, how easy it is to read: sentence
lengths and the Flesch–Kincaid grade with the reading age it implies.`,
		Example: `  reflect expect adults
  reflect expect cyp --format html > what-to-expect.html
  reflect expect community --format md
  reflect expect cyp --readability`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, fws, err := cmdutil.ResolveFrameworks(deps, args)
			if err != nil {
				return err
			}
			if stats {
				return render.ExpectReadability(deps.IO.Out, fws[0])
			}
			switch format {
			case "text":
				return render.ExpectText(deps.IO.Out, fws[0], 80)
			case "md":
				return render.ExpectMarkdown(deps.IO.Out, fws[0])
			case "html":
				return render.ExpectHTML(deps.IO.Out, fws[0])
			}
			return cmdutil.Usagef("unknown format %q: use text, md or html", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, md or html")
	cmd.Flags().BoolVar(&stats, "readability", false, "print how easy the guide is to read instead of the guide")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "md", "html"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
