// `reflect curriculum match`: courses matched to the development needs in
// a person's CPD record.

package curriculum

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/curriculum"
	"github.com/reflect-cpd/reflect/internal/fsutil"
)

type matchOptions struct {
	frameworks []string
	format     string
	out        string
	force      bool
	top        int
}

func newMatchCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &matchOptions{}
	cmd := &cobra.Command{
		Use:   "match RECORD|ID CURRICULUM.yaml... [--format text|md|json] [-o FILE]",
		Short: "Find the modules of one or more courses that address the person's development needs",
		Long: `Read the ranked development needs from a CPD record (a record file, or the id
of a saved assessment) and find which modules of the given curricula address
them, best match first.

A module scores, for each need it addresses, the need's gap to its target
(at least 1) times 6 if one of its outcomes assesses the competence, 4 if it
develops it, 2 if it introduces it — the same for an equivalent competence in
another framework — or 1 if the module only touches other competences of the
same area. The sum is weighed by the course's setting (its settings: list, or
its audience line) against the person's (the record's setting, role and
profession): × 1 for the person's setting, or when either cannot be told;
× 3/4 for a related setting (another hospital department); × 1/2 for an
unrelated one. Ties go to the module that addresses more needs directly,
then to the shorter one, then to the order given.

Each module comes with a line to copy into the development plan's
activities. Nothing is changed in the record.`,
		Example: `  reflect curriculum match my-record.json testdata/curriculum-ed-assessment-safety-planning.yaml
  reflect curriculum match r-3f2a course-a.yaml course-b.yaml --format md -o options.md
  reflect curriculum match my-record.json courses/*.yaml --top 3`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return matchRun(deps, opts, args[0], args[1:])
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.frameworks, "framework", nil, "a framework file the record or curricula use, beside the built-in ones; repeatable")
	f.StringVarP(&opts.format, "format", "f", "", "text, md or json (default: from the -o extension, else text)")
	f.StringVarP(&opts.out, "output", "o", "", "write the report to FILE instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	f.IntVar(&opts.top, "top", 10, "show at most this many modules (0 for all)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(curriculum.MatchFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func matchRun(deps *cmdutil.Deps, opts *matchOptions, recordArg string, files []string) error {
	format, err := chooseFormat(opts.format, opts.out, curriculum.MatchFormats)
	if err != nil {
		return err
	}
	if opts.top < 0 {
		return cmdutil.Usagef("--top %d: give a number of modules, or 0 for all", opts.top)
	}
	if err := checkOutput(opts.out, opts.force); err != nil {
		return err
	}
	set, _, err := resolve(deps, opts.frameworks)
	if err != nil {
		return err
	}
	r, err := supervise.LoadRecordArg(deps, recordArg)
	if err != nil {
		return err
	}
	if r.Scores == nil {
		return fmt.Errorf("the record %s has no scores yet (it is %s); finish the assessment with 'reflect assess' first", recordArg, r.Status)
	}
	cs, err := curriculum.Load(set, files...)
	if err != nil {
		return err
	}
	pr := r.Practitioner
	res := curriculum.Match(r.Scores.Needs, cs, set, curriculum.Person{Profession: pr.Profession, Role: pr.Role, Setting: pr.Setting})
	shown := res
	if opts.top > 0 && len(res.Modules) > opts.top {
		cp := *res
		cp.Modules = res.Modules[:opts.top]
		shown = &cp
	}
	var b bytes.Buffer
	if err := curriculum.WriteMatch(&b, format, shown, curriculum.RenderOptions{Tool: "reflect " + deps.Version}); err != nil {
		return err
	}
	if err := writePrivate(deps, opts.out, b.Bytes()); err != nil {
		return err
	}
	if shown != res {
		fmt.Fprintf(deps.IO.Err, "Showing the best %d of %d modules; add --top 0 to see them all.\n", opts.top, len(res.Modules))
	}
	if opts.out != "" && opts.out != "-" {
		fmt.Fprintf(deps.IO.Err, "Wrote %s.\n", opts.out)
	}
	return nil
}

// writePrivate writes a report drawn from a person's record (their
// development needs) as a personal file: mode 0600, whatever the umask.
func writePrivate(deps *cmdutil.Deps, out string, data []byte) error {
	if out == "" || out == "-" {
		_, err := deps.IO.Out.Write(data)
		return err
	}
	return fsutil.WriteFileAtomic(out, data, fsutil.FileMode, false)
}
