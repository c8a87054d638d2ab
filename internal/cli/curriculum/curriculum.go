// Package curriculum implements `reflect curriculum`: map a course to the
// competence frameworks (coverage and gaps), match courses to a person's
// development needs, and check curriculum files.
package curriculum

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/curriculum"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// NewCmd returns the `curriculum` command group.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "curriculum",
		Aliases: []string{"course"},
		Short:   "Map a course to the competences: coverage, gaps and matches to people's needs",
		Long: `For trainers and education leads: describe a course as modules, sessions and
learning outcomes, map each outcome to the competences it addresses
(introduces, develops or assesses), and see what the course covers and
misses. Match courses to the development needs in a person's CPD record.

A curriculum is one YAML file; see the README's "Trainers" section and the
examples testdata/curriculum-*.yaml. Editors check it against
frameworks/curriculum.schema.json.`,
		Example: `  reflect curriculum template --framework cyp -o my-course.yaml
  reflect curriculum validate my-course.yaml
  reflect curriculum map my-course.yaml
  reflect curriculum map my-course.yaml --format html -o coverage.html
  reflect curriculum match my-record.json course-a.yaml course-b.yaml`,
	}
	cmd.AddCommand(newMapCmd(deps), newMatchCmd(deps), newValidateCmd(deps), newTemplateCmd(deps))
	return cmd
}

type mapOptions struct {
	frameworks []string
	format     string
	out        string
	force      bool
	noMatrix   bool
	noBOM      bool
}

func newMapCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &mapOptions{}
	cmd := &cobra.Command{
		Use:   "map CURRICULUM.yaml [--framework ID|FILE...] [--format text|md|html|csv|json] [-o FILE]",
		Short: "Show what a curriculum covers of the competence frameworks, and what it misses",
		Long: `Map a curriculum to one or more competence frameworks and report:

  - coverage per framework, domain and area: competences addressed, and how
    (introduced only, developed, assessed), with the time in sessions
    that touch each area;
  - a matrix of competences × modules (a heat map in HTML);
  - the gaps: competences no outcome addresses, listed by area;
  - competences only ever introduced, never developed or assessed;
  - outcomes mapped to no competence.

A competence counts as addressed when at least one outcome maps to it; its
strength is the strongest mapping. Competences of other frameworks that the
crosswalk (same_as) says are equivalent are shown separately ("through an
equivalent") and not counted as covered.

The frameworks are those given with --framework (a built-in id or a
framework file, repeatable), else those the curriculum lists under
frameworks, else those its codes belong to. Every code is checked: an
unknown code is an error with its line and the nearest known code.

Formats: text (default), md, html (one self-contained page with a heat map),
csv (the matrix, one row per competence) and json. Without --format the
format comes from the -o extension.`,
		Example: `  reflect curriculum map testdata/curriculum-school-staff-awareness.yaml
  reflect curriculum map course.yaml --framework cyp --framework adults --format html -o course.html
  reflect curriculum map course.yaml --format csv -o matrix.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return mapRun(deps, opts, args[0])
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.frameworks, "framework", nil, "a framework to map against: a built-in id or a framework file; repeat for several")
	f.StringVarP(&opts.format, "format", "f", "", "text, md, html, csv or json (default: from the -o extension, else text)")
	f.StringVarP(&opts.out, "output", "o", "", "write the report to FILE instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	f.BoolVar(&opts.noMatrix, "no-matrix", false, "leave out the competence × module matrix (text, md, html)")
	f.BoolVar(&opts.noBOM, "no-bom", false, "csv: leave out the byte order mark that tells spreadsheets the file is UTF-8")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(curriculum.MapFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("framework", completeFrameworks(deps))
	return cmd
}

func mapRun(deps *cmdutil.Deps, opts *mapOptions, file string) error {
	format, err := chooseFormat(opts.format, opts.out, curriculum.MapFormats)
	if err != nil {
		return err
	}
	if err := checkOutput(opts.out, opts.force); err != nil {
		return err
	}
	set, fws, err := resolve(deps, opts.frameworks)
	if err != nil {
		return err
	}
	cs, err := curriculum.Load(set, file)
	if err != nil {
		return err
	}
	c := cs[0]
	if len(fws) == 0 {
		fws = curriculum.DefaultFrameworks(c, set)
	}
	if len(fws) == 0 {
		return fmt.Errorf("%s maps no outcome to a competence, so there is nothing to measure it against; say which framework with --framework (the built-in ones are %s)",
			file, strings.Join(set.IDs(), ", "))
	}
	m := curriculum.Coverage(c, set, fws)
	var b bytes.Buffer
	ro := curriculum.RenderOptions{NoMatrix: opts.noMatrix, NoBOM: opts.noBOM, Tool: "reflect " + deps.Version}
	if err := curriculum.WriteMap(&b, format, m, ro); err != nil {
		return err
	}
	if err := write(deps, opts.out, b.Bytes()); err != nil {
		return err
	}
	if opts.out != "" && opts.out != "-" {
		for _, fc := range m.Frameworks {
			fmt.Fprintf(deps.IO.Err, "%s: %d of %d competences of %s addressed (%s); %d not addressed.\n", file, fc.Tally.Covered, fc.Tally.Competences,
				fc.Framework.ID, curriculum.Pct(fc.Tally.Percent()), fc.Tally.Uncovered())
		}
		fmt.Fprintf(deps.IO.Err, "Wrote %s.\n", opts.out)
	}
	return nil
}

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
		Short: "Find the modules of one or more courses that address a person's development needs",
		Long: `Read the ranked development needs from a CPD record (a record file, or the id
of a saved assessment) and find which modules of the given curricula address
them, best match first.

A module scores, for each need it addresses, the need's gap to its target
(at least 1) times 6 if one of its outcomes assesses the competence, 4 if it
develops it, 2 if it introduces it — the same for an equivalent competence in
another framework — or 1 if the module only touches other competences of the
same area. Ties go to the module that addresses more needs directly, then to
the shorter one, then to the order given.

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
	r, err := supervise.LoadRecordArg(deps.Getenv, recordArg)
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
	res := curriculum.Match(r.Scores.Needs, cs, set)
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

// resolve loads the built-in frameworks and any given as arguments.
func resolve(deps *cmdutil.Deps, args []string) (*framework.Set, []*framework.Framework, error) {
	if len(args) == 0 {
		set, err := deps.Embedded()
		if err != nil {
			return nil, nil, fmt.Errorf("the frameworks built into reflect did not load: %w", err)
		}
		return set, nil, nil
	}
	return cmdutil.ResolveFrameworks(deps, args)
}

var formatExt = map[string]string{".txt": curriculum.FormatText, ".md": curriculum.FormatMD, ".markdown": curriculum.FormatMD,
	".html": curriculum.FormatHTML, ".htm": curriculum.FormatHTML, ".csv": curriculum.FormatCSV, ".json": curriculum.FormatJSON}

func chooseFormat(format, out string, allowed []string) (string, error) {
	if format == "" && out != "" && out != "-" {
		f, ok := formatExt[strings.ToLower(filepath.Ext(out))]
		if !ok {
			return "", cmdutil.Usagef("cannot tell the format from %q: add --format (%s)", out, strings.Join(allowed, ", "))
		}
		format = f
	}
	if format == "" {
		format = curriculum.FormatText
	}
	for _, a := range allowed {
		if a == format {
			return format, nil
		}
	}
	return "", cmdutil.Usagef("there is no %q format here: use %s", format, strings.Join(allowed, ", "))
}

func checkOutput(out string, force bool) error {
	if out == "" || out == "-" || force {
		return nil
	}
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", out)
	}
	return nil
}

func write(deps *cmdutil.Deps, out string, data []byte) error {
	if out == "" || out == "-" {
		_, err := deps.IO.Out.Write(data)
		return err
	}
	return fsutil.WriteFileAtomic(out, data, 0o644, false)
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

func completeFrameworks(deps *cmdutil.Deps) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
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

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}
