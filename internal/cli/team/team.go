// Package team implements `reflect team`: an anonymous training-needs
// analysis over many CPD records.
package team

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/team"
	"github.com/reflect-cpd/reflect/internal/vault"
)

type options struct {
	minGroup   int
	format     string
	output     string
	force      bool
	frameworks []string
	top        int
	incomplete bool
	by         []string
	period     string
	rows       bool
	keyFile    string
}

// formats lists the report formats; the format follows the -o extension
// when --format is not given.
var formats = []string{"text", "md", "csv", "html", "json", "parquet"}

var formatExt = map[string]string{".txt": "text", ".md": "md", ".markdown": "md", ".csv": "csv", ".html": "html", ".htm": "html", ".json": "json", ".parquet": "parquet", ".ndjson": "ndjson", ".jsonl": "ndjson"}

// NewCmd returns the `team` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &options{}
	cmd := &cobra.Command{
		Use:   "team FILE|FOLDER...",
		Short: "Anonymous training needs across many records",
		Long: `Read many CPD records (a supervisor's caseload, or a whole service) and show,
for each area of the frameworks: how many people assessed it, how many are at
each level, how many are below their target, and the training needs most
common across the team, with learning resources that address them.

Folders are searched (with their subfolders) for *.json files; files named
directly are always read. Files that cannot be read, or are not valid
records, are listed on the terminal and skipped: one bad file never stops the
run. A record found more than once (the same record id, e.g. before and after
a review) is counted once, from its most recently updated copy. Only complete
records are counted: every competence answered (rated or N/A), the reflection
written and the anonymisation check confirmed. --include-incomplete counts the
others too, from the answers they have so far.

Anonymous by design: the report holds no names, record ids or file names, and
any count that describes fewer than --min-group people (default 5) is
suppressed, together with any other count that would let it be worked out
(secondary suppression). With fewer than --min-group records, nothing is
shown. Lowering --min-group makes people easier to identify; don't publish
reports over small or overlapping groups.

Breakdowns: --by profession, role, setting or framework (repeatable, or
several separated by commas) splits every area over the groups, and --period
year or quarter over time (from the activity's dates, else the record's),
with a heat map and charts in HTML. People's work is read through reflect's
classes (workforce: "RMN" and "staff nurse" are both nurse), never as typed.
Groups with fewer than --min-group records are shown together. Every cell is
suppressed like every count, and further cells are hidden until no hidden
cell can be worked out from the totals (checked exactly, row by row).

Records are read one at a time and only counts are kept, so any number of
records can be read.`,
		Example: `  reflect team records/
  reflect team records/ --format html -o team-needs.html
  reflect team ward-a/ ward-b/ --format csv -o needs.csv
  reflect team caseload/*.json --min-group 10
  reflect team records/ --by profession --period quarter -o trend.html
  reflect team records/ --format json -o team.json   # for reflect curriculum plan --needs`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(deps, opts, args)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.minGroup, "min-group", team.DefaultMinGroup, "suppress any count describing fewer than this many people")
	f.StringVarP(&opts.format, "format", "f", "", "output format: text, md, csv, html or json (default: from the -o extension, else text)")
	f.StringSliceVar(&opts.by, "by", nil, "break every area down by profession, role, setting or framework (repeatable)")
	f.StringVar(&opts.period, "period", "", "show a trend by year or quarter")
	f.BoolVar(&opts.rows, "rows", false, "write one pseudonymised row per record and competence (--format parquet or ndjson, with --pseudonym-key) instead of the report")
	f.StringVar(&opts.keyFile, "pseudonym-key", "", "with --rows: a file of at least 16 random bytes, the organisation's key for the records' pseudonyms")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace the output file if it exists")
	f.StringArrayVar(&opts.frameworks, "framework", nil, "a framework YAML file the records use that is not built in (repeatable)")
	f.IntVar(&opts.top, "top", 10, "how many areas to list under top training needs")
	f.BoolVar(&opts.incomplete, "include-incomplete", false, "also count records that are not complete (from the answers they have so far)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions(team.Dimensions, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("period", cobra.FixedCompletions(team.Periods, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func run(deps *cmdutil.Deps, opts *options, paths []string) error {
	if opts.format == "" {
		opts.format = "text"
		if opts.output != "" {
			f, ok := formatExt[strings.ToLower(filepath.Ext(opts.output))]
			if !ok {
				return cmdutil.Usagef("cannot tell the format from %q: add --format (%s)", opts.output, strings.Join(formats, ", "))
			}
			opts.format = f
		}
	}
	if opts.rows {
		return rowsRun(deps, opts, paths)
	}
	if opts.keyFile != "" {
		return cmdutil.Usagef("--pseudonym-key is for --rows: the report itself holds no pseudonyms")
	}
	if !slices.Contains(formats, opts.format) {
		return cmdutil.Usagef("unknown format %q: use %s", opts.format, strings.Join(formats, ", "))
	}
	if opts.format == "parquet" && opts.output == "" {
		return cmdutil.Usagef("--format parquet writes a binary file: give it a name with -o FILE.parquet")
	}
	var by []string
	for _, b := range opts.by {
		b = strings.ToLower(strings.TrimSpace(b))
		if !slices.Contains(team.Dimensions, b) {
			return cmdutil.Usagef("--by %q: use %s", b, strings.Join(team.Dimensions, ", "))
		}
		if !slices.Contains(by, b) {
			by = append(by, b)
		}
	}
	if opts.period != "" && !slices.Contains(team.Periods, opts.period) {
		return cmdutil.Usagef("--period %q: use year or quarter", opts.period)
	}
	if opts.minGroup < 1 {
		return cmdutil.Usagef("--min-group must be at least 1 (the default, %d, is the smallest group usually considered safe)", team.DefaultMinGroup)
	}
	if opts.top < 1 {
		return cmdutil.Usagef("--top must be at least 1")
	}
	errw := deps.IO.Err
	if opts.minGroup < team.DefaultMinGroup {
		fmt.Fprintf(errw, "Note: --min-group %d is below %d; small counts can identify people. Do not share this report widely.\n", opts.minGroup, team.DefaultMinGroup)
	}
	var set *framework.Set
	var err error
	if len(opts.frameworks) > 0 {
		set, _, err = cmdutil.ResolveFrameworks(deps, opts.frameworks)
	} else {
		set, err = deps.Embedded()
	}
	if err != nil {
		return err
	}
	if opts.output != "" {
		for _, p := range paths {
			if supervise.SameFile(p, opts.output) {
				return cmdutil.Usagef("-o %s is one of the inputs; choose another name", opts.output)
			}
		}
		if !opts.force {
			if err := supervise.MustNotExist(opts.output); err != nil {
				return err
			}
		}
	}
	skipped := 0
	agg, st, err := team.Run(paths, team.Options{MinGroup: opts.minGroup, Set: set, TopNeeds: opts.top, IncludeIncomplete: opts.incomplete, By: by, Period: opts.period, Decrypt: func(path string, data []byte) ([]byte, error) {
		return vault.Decrypt(path, data, deps.Keyring(), record.MaxSize)
	}}, func(p team.Problem) {
		skipped++
		fmt.Fprintf(errw, "Skipped %s: %s\n", p.Path, p.Err)
	})
	if err != nil {
		return err
	}
	rep := agg.Report(st)
	fmt.Fprintf(errw, "Read %d files: %d records counted", st.Files, st.Records)
	switch {
	case st.Duplicates == 1:
		fmt.Fprintf(errw, ", 1 older copy of a record left out")
	case st.Duplicates > 1:
		fmt.Fprintf(errw, ", %d older copies of records left out", st.Duplicates)
	}
	if st.InProgress > 0 {
		fmt.Fprintf(errw, ", %d in progress left out (--include-incomplete counts them)", st.InProgress)
	}
	if st.Incomplete > 0 {
		fmt.Fprintf(errw, " (%d of them not complete, counted with --include-incomplete)", st.Incomplete)
	}
	if st.Unreadable > 0 {
		fmt.Fprintf(errw, ", %d skipped (listed above)", st.Unreadable)
	}
	fmt.Fprintln(errw, ".")
	if st.WrongFigures > 0 {
		fmt.Fprintf(errw, "Note: %d file(s) stored figures that are not those their answers give; the report uses the figures worked out from the answers.\n", st.WrongFigures)
	}
	if st.Overflowing {
		fmt.Fprintln(errw, "Note: the records name more areas or competences than reflect keeps; some were left out. Check that the files are reflect records.")
	}
	if rep.TooFew {
		fmt.Fprintf(errw, "Fewer than %d records were counted, so the report shows no figures.\n", opts.minGroup)
	}
	var buf bytes.Buffer
	switch opts.format {
	case "text":
		err = team.Text(&buf, rep, 80)
	case "md":
		err = team.Markdown(&buf, rep)
	case "csv":
		err = team.CSV(&buf, rep)
	case "html":
		err = team.HTML(&buf, rep)
	case "json":
		err = team.JSON(&buf, rep)
	case "parquet":
		err = team.Parquet(&buf, rep)
	}
	if err != nil {
		return err
	}
	if opts.output == "" {
		_, err = deps.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := supervise.WriteOutput(opts.output, buf.Bytes(), opts.force, paths...); err != nil {
		return err
	}
	fmt.Fprintf(errw, "Wrote %s.\n", opts.output)
	return nil
}
