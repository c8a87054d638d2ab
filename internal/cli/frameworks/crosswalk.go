package frameworks

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/render"
)

type crosswalkOptions struct {
	format string
	typ    string
}

func newCrosswalkCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &crosswalkOptions{}
	cmd := &cobra.Command{
		Use:   "crosswalk [ID|FILE...]",
		Short: "Publish the crosswalk between frameworks: every link, its type and why",
		Long: `Print the crosswalk that links competences across frameworks, one row per
link, each with its type and a one-line rationale, for review.

  exact    the same competence: one answer serves both, so a person assessed
           against both frameworks answers it once
  close    much the same ability at another depth, in another setting or for
           another population: shown, never sharing an answer
  related  the same theme: shown, never sharing an answer

With no arguments the built-in frameworks are used. Name frameworks (ids or
files) to show only the links with an end in them; a file whose id matches a
built-in framework stands in for it. The text and Markdown tables end with the
areas that have no link of any type.`,
		Example: `  reflect frameworks crosswalk
  reflect frameworks crosswalk --format md > crosswalk.md
  reflect frameworks crosswalk cyp --type exact --format csv > cyp-exact.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.typ != "" && !slices.Contains(framework.LinkTypes, opts.typ) {
				return cmdutil.Usagef("unknown link type %q: use %s", opts.typ, strings.Join(framework.LinkTypes, ", "))
			}
			var set *framework.Set
			ro := render.CrosswalkOptions{Type: opts.typ}
			if len(args) == 0 {
				s, err := deps.Embedded()
				if err != nil {
					return err
				}
				set = s
			} else {
				s, fws, err := cmdutil.ResolveFrameworks(deps, args)
				if err != nil {
					return err
				}
				set = s
				for _, f := range fws {
					ro.Frameworks = append(ro.Frameworks, f.ID)
				}
			}
			switch opts.format {
			case "text":
				return render.CrosswalkText(deps.IO.Out, set, ro)
			case "md":
				return render.CrosswalkMarkdown(deps.IO.Out, set, ro)
			case "csv":
				return render.CrosswalkCSV(deps.IO.Out, set, ro)
			}
			return cmdutil.Usagef("unknown format %q: use text, md or csv", opts.format)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text, md or csv")
	cmd.Flags().StringVar(&opts.typ, "type", "", "only links of this type: exact, close or related")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "md", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(framework.LinkTypes, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = completeFrameworks(deps)
	return cmd
}
