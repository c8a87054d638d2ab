// Package compare implements `reflect compare`: progress between two CPD
// records of the same person.
package compare

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/compare"
)

type options struct {
	format     string
	frameworks []string
	output     string
	force      bool
}

// NewCmd returns the `compare` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &options{}
	cmd := &cobra.Command{
		Use:   "compare OLD.json NEW.json",
		Short: "Show progress between two CPD records",
		Long: `Compare an earlier and a later CPD record of the same person: the change in
each area (mean rating and level), the development needs now met, the new
needs, the needs still open, and what became of each goal of the earlier plan
(achieved, carried forward, dropped, or not carried forward). When the
earlier record's review amended the plan, the amended plan is used.

Records made with the same framework are compared area by area. Records made
with different frameworks are compared only through the crosswalk that links
equivalent competences; each area is then compared over its linked
competences only. When no competence is linked, reflect refuses and says why.
If a framework changed between the two records, a note says so.

Both records must be readable by this reflect. Frameworks that are not built
in are passed with --framework FILE.`,
		Example: `  reflect compare alex-2025.json alex-2026.json
  reflect compare alex-2025.json alex-2026.json --format md -o progress.md
  reflect compare old.json new.json --format html -o progress.html`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(deps, opts, args[0], args[1])
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text, md or html")
	cmd.Flags().StringArrayVar(&opts.frameworks, "framework", nil, "a framework YAML file the records use that is not built in (repeatable)")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace the output file if it exists")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "md", "html"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func run(deps *cmdutil.Deps, opts *options, oldPath, newPath string) error {
	switch opts.format {
	case "text", "md", "html":
	default:
		return cmdutil.Usagef("unknown format %q: use text, md or html", opts.format)
	}
	if supervise.SameFile(oldPath, newPath) {
		return cmdutil.Usagef("OLD and NEW are the same file; give an earlier and a later record")
	}
	set, err := supervise.Frameworks(deps, opts.frameworks)
	if err != nil {
		return err
	}
	lo, err := supervise.Open(deps, oldPath, set)
	if err != nil {
		return err
	}
	ln, err := supervise.Open(deps, newPath, set)
	if err != nil {
		return err
	}
	lo.Notes(deps.IO.Err)
	ln.Notes(deps.IO.Err)
	old, nw := lo.Record, ln.Record
	trusted, err := supervise.Trusted(deps, nil)
	if err != nil {
		return err
	}
	res, err := compare.Compare(old, nw, set, trusted...)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch opts.format {
	case "text":
		err = compare.Text(&buf, res, 80)
	case "md":
		err = compare.Markdown(&buf, res)
	case "html":
		err = compare.HTML(&buf, res)
	}
	if err != nil {
		return err
	}
	if opts.output == "" {
		_, err = deps.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := supervise.WriteOutput(opts.output, buf.Bytes(), opts.force, oldPath, newPath); err != nil {
		return err
	}
	fmt.Fprintf(deps.IO.Err, "Wrote %s.\n", opts.output)
	return nil
}
