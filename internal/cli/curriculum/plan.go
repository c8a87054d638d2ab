// `reflect curriculum plan`: the modules that address most of a team's
// needs, within a time budget.

package curriculum

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/curriculum"
	"github.com/reflect-cpd/reflect/internal/team"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

type planOptions struct {
	needs      string
	hours      float64
	frameworks []string
	format     string
	out        string
	force      bool
}

func newPlanCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan --needs TEAM.json CURRICULUM.yaml... [--hours N] [--format text|md|json] [-o FILE]",
		Short: "Choose the modules that address most of a team's needs, within a time budget",
		Long: `Read a team's training needs (the JSON of 'reflect team --format json') and the
modules of one or more curricula, and choose the smallest set of modules that
addresses the most people's needs — within --hours of teaching when given —
saying why each module was chosen.

Each area counts the people with a need there (a count the team report shows
only as a band counts at its lower end). In each area, a competence the team
needs counts with its share of those people, times 1 if a module develops or
assesses it (or an equivalent in another framework) and 1/2 if it only
introduces it; a set of modules does for a competence what the best of them
does. Modules are chosen one at a time (greedy, as for weighted set cover):
each the one that adds the most to what those before it address — with
--hours, the most per hour among those that still fit — until nothing adds
more or nothing fits. With a budget, the best single module is also tried and
kept if it does more on its own. Modules without a duration cannot be
counted against --hours and are listed.`,
		Example: `  reflect team records/ --format json -o team.json
  reflect curriculum plan --needs team.json testdata/curriculum-*.yaml
  reflect curriculum plan --needs team.json courses/*.yaml --hours 7 --format md -o plan.md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return planRun(deps, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.needs, "needs", "", "the team's needs: the JSON report of 'reflect team --format json' (required)")
	f.Float64Var(&opts.hours, "hours", 0, "the teaching time available, in hours (default: no limit)")
	f.StringArrayVar(&opts.frameworks, "framework", nil, "a framework file the team's records or the curricula use, beside the built-in ones; repeatable")
	f.StringVarP(&opts.format, "format", "f", "", "text, md or json (default: from the -o extension, else text)")
	f.StringVarP(&opts.out, "output", "o", "", "write the plan to FILE instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(curriculum.PlanFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func planRun(deps *cmdutil.Deps, opts *planOptions, files []string) error {
	if opts.needs == "" {
		return cmdutil.Usagef("say whose needs to plan for with --needs TEAM.json (made with 'reflect team FOLDER --format json -o TEAM.json')")
	}
	if opts.hours < 0 || math.IsNaN(opts.hours) || opts.hours > 10000 {
		return cmdutil.Usagef("--hours %v: give the hours of teaching available, e.g. --hours 7", opts.hours)
	}
	format, err := chooseFormat(opts.format, opts.out, curriculum.PlanFormats)
	if err != nil {
		return err
	}
	if err := checkOutput(opts.out, opts.force); err != nil {
		return err
	}
	set, _, err := resolve(deps, opts.frameworks)
	if err != nil {
		return err
	}
	data, err := supervise.ReadLimited(opts.needs, 64<<20, "team report")
	if err != nil {
		return err
	}
	needs, err := ReadTeamNeeds(opts.needs, data)
	if err != nil {
		return err
	}
	cs, err := curriculum.Load(set, files...)
	if err != nil {
		return err
	}
	p := curriculum.PlanTraining(needs, cs, set, int(math.Round(opts.hours*60)))
	var b bytes.Buffer
	if err := curriculum.WritePlan(&b, format, p, curriculum.RenderOptions{Tool: "reflect " + deps.Version}); err != nil {
		return err
	}
	if err := write(deps, opts.out, b.Bytes()); err != nil {
		return err
	}
	if opts.out != "" && opts.out != "-" {
		fmt.Fprintln(deps.IO.Err, p.Sentence())
		fmt.Fprintf(deps.IO.Err, "Wrote %s.\n", opts.out)
	}
	return nil
}

// ReadTeamNeeds reads a team report's JSON into what a plan needs. Bad
// JSON is reported at its line and column.
func ReadTeamNeeds(file string, data []byte) (*curriculum.TeamNeeds, error) {
	var j team.JReport
	if err := json.Unmarshal(data, &j); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := yamlx.LineCol(data, int(se.Offset))
			return nil, yamlx.Problems{{File: file, Line: line, Col: col, Msg: "invalid JSON: " + se.Error(), Hint: "give the file 'reflect team --format json' wrote"}}
		case errors.As(err, &te):
			line, col := yamlx.LineCol(data, int(te.Offset))
			return nil, yamlx.Problems{{File: file, Line: line, Col: col, Msg: fmt.Sprintf("%s should be %s", te.Field, te.Type), Hint: "give the file 'reflect team --format json' wrote"}}
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if j.Report != team.ReportMarker {
		return nil, fmt.Errorf("%s is not a team report (its \"report\" is %q, not %q); make one with 'reflect team FOLDER --format json -o TEAM.json'", file, j.Report, team.ReportMarker)
	}
	if j.Version > team.JSONVersion {
		return nil, fmt.Errorf("%s was written by a newer reflect (team report version %d; this one reads %d): update reflect", file, j.Version, team.JSONVersion)
	}
	if j.TooFew {
		return nil, fmt.Errorf("%s holds no figures: the team report had fewer than %d complete records", file, j.MinGroup)
	}
	out := &curriculum.TeamNeeds{MinGroup: j.MinGroup, Records: j.Read.Records}
	for _, a := range j.Areas {
		if a.WithNeed == nil {
			out.NotShown = append(out.NotShown, a.Code)
			continue
		}
		n, exact := a.WithNeed.Value()
		if n <= 0 {
			continue
		}
		ta := curriculum.TeamArea{Framework: a.Framework, Code: a.Code, Title: a.Title, People: n, Banded: !exact}
		ta.Assessed, _ = a.Assessed.Value()
		for _, c := range a.Competences {
			v, ex := c.People.Value()
			if v > 0 {
				ta.Competences = append(ta.Competences, curriculum.TeamCompetence{Code: c.Code, People: v, Banded: !ex})
			}
		}
		out.Areas = append(out.Areas, ta)
	}
	return out, nil
}
