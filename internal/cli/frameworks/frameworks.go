// Package frameworks implements `reflect frameworks`: list, show and
// validate competence frameworks.
package frameworks

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/render"
	"github.com/reflect-cpd/reflect/internal/textutil"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// NewCmd returns the `frameworks` command group.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "frameworks",
		Aliases: []string{"framework", "fw"},
		Short:   "List, show, crosswalk and validate competence frameworks",
		Long: `Work with the competence frameworks reflect assesses against.

Three frameworks are built in (children and young people; adults and older
adults; community and public health). Any framework YAML file can be used
wherever a framework is asked for, by giving its path instead of an id.`,
		Example: `  reflect frameworks list
  reflect frameworks show adults --area ADU.3.1
  reflect frameworks crosswalk --format md
  reflect frameworks validate my-service.yaml`,
	}
	cmd.AddCommand(newListCmd(deps), newShowCmd(deps), newCrosswalkCmd(deps), newValidateCmd(deps), newImportCmd(deps), newExportCmd(deps))
	return cmd
}

func newListCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List the built-in frameworks",
		Long:    "List the frameworks built into reflect with their population and size.",
		Example: `  reflect frameworks list`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			list, err := embeddedList(deps)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(deps.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTITLE\tPOPULATION\tDOMAINS\tAREAS\tCOMPETENCES")
			for _, f := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\n", f.ID, f.ShortTitle, textutil.Truncate(f.Population, 48, "…"), f.Domains, f.Areas, f.Competences)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(list) > 0 {
				fmt.Fprintln(deps.IO.Out, "\nThe statements are reflect's own wording, based on the NCCMH frameworks; see 'reflect frameworks show ID'.")
			}
			return nil
		},
	}
}

// embeddedList summarises the shipped frameworks: from the snapshot's
// index when the app gives a way (listing need not load them), else from
// the loaded set.
func embeddedList(deps *cmdutil.Deps) ([]framework.Summary, error) {
	if deps.EmbeddedList != nil {
		return deps.EmbeddedList()
	}
	set, err := deps.Embedded()
	if err != nil {
		return nil, err
	}
	var out []framework.Summary
	for _, f := range set.Frameworks() {
		out = append(out, f.Summary())
	}
	return out, nil
}

type showOptions struct {
	area   string
	format string
}

func newShowCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show ID|FILE",
		Short: "Show a framework: its map, provenance and statements",
		Long: `Show a framework's map (domains, areas and competence statements), its rating
scale, its role profiles and its provenance notice.`,
		Example: `  reflect frameworks show adults
  reflect frameworks show cyp --area CYP.2.1
  reflect frameworks show community --format md > community.md
  reflect frameworks show ./my-framework.yaml --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, fws, err := cmdutil.ResolveFrameworks(deps, args)
			if err != nil {
				return err
			}
			f := fws[0]
			if opts.area != "" && f.Area(opts.area) == nil {
				var codes []string
				for _, a := range f.Areas() {
					codes = append(codes, a.Code)
				}
				hint := "run 'reflect frameworks show " + args[0] + "' to see the area codes"
				if s := yamlx.Suggest(opts.area, codes); s != "" {
					hint = fmt.Sprintf("did you mean %s?", s)
				}
				return cmdutil.Usagef("framework %s has no area %q (%s)", f.ID, opts.area, hint)
			}
			ro := render.FrameworkOptions{Area: opts.area, Set: set, Today: deps.Now()}
			switch opts.format {
			case "text":
				return render.FrameworkText(deps.IO.Out, f, ro)
			case "md":
				return render.FrameworkMarkdown(deps.IO.Out, f, ro)
			case "json":
				return render.FrameworkJSON(deps.IO.Out, f, ro)
			}
			return cmdutil.Usagef("unknown format %q: use text, md or json", opts.format)
		},
	}
	cmd.Flags().StringVar(&opts.area, "area", "", "show only this area (by code)")
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text, md or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "md", "json"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = completeFrameworks(deps)
	return cmd
}

func newValidateCmd(deps *cmdutil.Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check framework files and list every problem",
		Long: `Check one or more framework YAML files against the framework format (schema
version 1) and list every problem found, each with file:line:col and what to do.

Files are checked together with the built-in frameworks, so codes must be unique
across all of them and crosswalk links (crosswalk, or the older same_as)
may point into them. A file
whose id matches a built-in framework stands in for it.

Exit status is 0 when every file is valid and 1 otherwise.`,
		Example: `  reflect frameworks validate my-service.yaml
  reflect frameworks validate frameworks/*.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateRun(deps, args)
		},
	}
}

func validateRun(deps *cmdutil.Deps, files []string) error {
	embedded, err := deps.Embedded()
	if err != nil {
		return err
	}
	var fws []*framework.Framework
	var probs yamlx.Problems
	for _, name := range files {
		data, err := framework.ReadFile(name)
		if err != nil {
			if p, ok := err.(yamlx.Problems); ok {
				probs = append(probs, p...)
				continue
			}
			probs = append(probs, yamlx.Problem{File: name, Msg: err.Error()})
			continue
		}
		f, p := framework.Parse(name, data)
		probs = append(probs, p...)
		if f != nil {
			fws = append(fws, f)
		}
	}
	if len(fws) > 0 {
		_, p := embedded.With(fws...)
		names := map[string]bool{}
		for _, f := range fws {
			names[f.File] = true
		}
		for _, pr := range p {
			if names[pr.File] {
				probs = append(probs, pr)
			}
		}
	}
	if len(probs) > 0 {
		probs.Sort()
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
	for _, f := range fws {
		d, a, c := f.Count()
		fmt.Fprintf(deps.IO.Out, "%s: valid — framework %q, %s, %s, %s, %s, %s\n", f.File, f.ID,
			count(d, "domain"), count(a, "area"), count(c, "competence"), count(len(f.Profiles), "profile"), count(len(f.Resources), "resource"))
	}
	return nil
}

// count writes n and the noun, with an s unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func completeFrameworks(deps *cmdutil.Deps) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		set, err := deps.Embedded()
		if err != nil {
			return nil, cobra.ShellCompDirectiveDefault
		}
		var out []string
		for _, f := range set.Frameworks() {
			out = append(out, f.ID+"\t"+f.ShortTitle)
		}
		return out, cobra.ShellCompDirectiveDefault
	}
}
