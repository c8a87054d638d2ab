// `reflect curriculum map`: a course's coverage of the frameworks and its gaps.

package curriculum

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/curriculum"
	"github.com/reflect-cpd/reflect/internal/framework"
)

type mapOptions struct {
	frameworks []string
	format     string
	out        string
	force      bool
	noMatrix   bool
	noBOM      bool
	profile    string
}

func newMapCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &mapOptions{}
	cmd := &cobra.Command{
		Use:   "map CURRICULUM.yaml [--framework ID|FILE...] [--profile [FRAMEWORK:]ID] [--format text|md|html|csv|json] [-o FILE]",
		Short: "Show what a curriculum covers of the competence frameworks, and what it misses",
		Long: `Map a curriculum to one or more competence frameworks and report:

  - coverage per framework, domain and area: competences addressed, and how
    (introduced only, developed, assessed), with the time in sessions
    that touch each area;
  - an area × module summary (a heat map in HTML): how many of each
    area's competences each module addresses, and how strongly;
  - with --profile, the coverage of a role profile: for each of its areas,
    whether the course addresses every competence as strongly as the
    area's target calls for (the second level of the scale calls for
    introduces, the third for develops, the fourth for assesses);
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
  reflect curriculum map course.yaml --format csv -o matrix.csv
  reflect curriculum map testdata/curriculum-ed-assessment-safety-planning.yaml --profile adults:assessing-practitioner`,
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
	f.StringVar(&opts.profile, "profile", "", "also report coverage of this role profile's areas at their targets: a profile id, or FRAMEWORK:ID when several frameworks have it")
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
	var pf *framework.Framework
	var prof *framework.Profile
	if opts.profile != "" {
		pf, prof, err = curriculum.FindProfile(set, fws, opts.profile)
		if err != nil {
			return cmdutil.Usagef("%v", err)
		}
		if !slices.Contains(fws, pf) {
			fws = append(fws, pf)
		}
	}
	if len(fws) == 0 {
		return fmt.Errorf("%s maps no outcome to a competence, so there is nothing to measure it against; say which framework with --framework (the built-in ones are %s)",
			file, strings.Join(set.IDs(), ", "))
	}
	m := curriculum.Coverage(c, set, fws)
	if prof != nil {
		if m.Profile, err = curriculum.CoverProfile(m, pf, prof); err != nil {
			return err
		}
	}
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
			// Competences reached only through the crosswalk are neither
			// addressed nor "not addressed": say so, or the counts don't add up.
			further := ""
			if fc.Tally.Equivalent > 0 {
				further = fmt.Sprintf(", a further %d through equivalent competences", fc.Tally.Equivalent)
			}
			fmt.Fprintf(deps.IO.Err, "%s: %d of %d competences of %s addressed (%s)%s; %d not addressed.\n", file, fc.Tally.Covered, fc.Tally.Competences,
				fc.Framework.ID, curriculum.Pct(fc.Tally.Percent()), further, fc.Tally.Uncovered())
		}
		if m.Profile != nil {
			fmt.Fprintln(deps.IO.Err, m.Profile.Sentence())
		}
		fmt.Fprintf(deps.IO.Err, "Wrote %s.\n", opts.out)
	}
	return nil
}
