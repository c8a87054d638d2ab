package frameworks

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/interop"
)

type exportOptions struct {
	to      string
	out     string
	date    string
	baseURI string
	force   bool
	quiet   bool
}

func newExportCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export ID|FILE --to moodle-csv|case-json [-o FILE]",
		Short: "Write a framework as a Moodle competency framework CSV or a CASE package",
		Long: `Write a framework so that it can be loaded into a learning platform.

  moodle-csv  a Moodle competency framework CSV with Moodle's current
              14-column header, for Site administration › Competencies ›
              Import competency framework. Domains, areas and competences
              become three levels; sub-items become a list in the
              description; each area's "what you can expect" line a paragraph.
  case-json   a 1EdTech CASE 1.0 package (CASE 1.1 servers read it too), for
              OpenSALT or any CASE server. Identifiers are UUIDv5 values made
              from the framework id and the codes, so every export of the
              same framework has the same identifiers; kinds and tags are
              concept keywords, exact crosswalk links exactMatchOf
              associations, close and related ones isRelatedTo in a
              grouping named for the type (rationales in the item's notes),
              the rating scale a rubric.

The provenance notice goes with the framework (in Moodle, in the framework's
description; in CASE, in the document's notes), so the wording is never
presented as anyone else's; the review and the guide's own text go with it
as lines an import reads back. Role profiles and learning resources have no
place in either format; what is left out is listed on standard error.

Output is deterministic. The date written as lastChangeDateTime is --date,
else SOURCE_DATE_EPOCH, else now. 'reflect frameworks import' reads either
file back into the same structure and statements.`,
		Example: `  reflect frameworks export cyp --to moodle-csv -o cyp-moodle.csv
  reflect frameworks export adults --to case-json -o adults.case.json
  reflect frameworks export ./my-service.yaml --to case-json --base-uri https://case.example.org/ims/case/v1p0/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return exportRun(deps, opts, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.to, "to", "", "moodle-csv or case-json (default: from the -o extension, .csv or .json)")
	f.StringVarP(&opts.out, "output", "o", "", "write to FILE instead of standard output")
	f.StringVar(&opts.date, "date", "", "the date to record as last changed: YYYY-MM-DD or RFC 3339 (default: SOURCE_DATE_EPOCH, else now)")
	f.StringVar(&opts.baseURI, "base-uri", "", "case-json: make uri fields <BASE>CFItems/<id> and so on (default: urn:uuid: URIs)")
	f.BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "do not list what the format leaves out")
	_ = cmd.RegisterFlagCompletionFunc("to", cobra.FixedCompletions(interop.Formats, cobra.ShellCompDirectiveNoFileComp))
	cmd.ValidArgsFunction = completeFrameworks(deps)
	return cmd
}

func exportRun(deps *cmdutil.Deps, opts *exportOptions, arg string) error {
	to := opts.to
	toStdout := opts.out == "" || opts.out == "-"
	if to == "" && !toStdout {
		switch {
		case strings.HasSuffix(strings.ToLower(opts.out), ".csv"):
			to = interop.FormatMoodleCSV
		case strings.HasSuffix(strings.ToLower(opts.out), ".json"):
			to = interop.FormatCASEJSON
		}
	}
	if !oneOf(to, interop.Formats) {
		if to == "" {
			return cmdutil.Usagef("say which format with --to %s", strings.Join(interop.Formats, " or "))
		}
		return cmdutil.Usagef("--to %q: use %s", to, strings.Join(interop.Formats, " or "))
	}
	if opts.baseURI != "" && !strings.HasPrefix(opts.baseURI, "https://") && !strings.HasPrefix(opts.baseURI, "http://") {
		return cmdutil.Usagef("--base-uri %q: give a full web address, e.g. https://case.example.org/ims/case/v1p0/", opts.baseURI)
	}
	when, err := exportTime(deps, opts.date)
	if err != nil {
		return err
	}
	if !toStdout && !opts.force {
		if _, err := os.Lstat(opts.out); err == nil {
			return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", opts.out)
		}
	}
	set, fws, err := cmdutil.ResolveFrameworks(deps, []string{arg})
	if err != nil {
		return err
	}
	f := fws[0]
	eo := interop.ExportOptions{Set: set, Time: when, BaseURI: opts.baseURI, Tool: "reflect " + deps.Version}
	var buf bytes.Buffer
	var notes []interop.Note
	if to == interop.FormatCASEJSON {
		notes, err = interop.WriteCASE(&buf, f, eo)
	} else {
		notes, err = interop.WriteMoodleCSV(&buf, f, eo)
	}
	if err != nil {
		return err
	}
	if !opts.quiet {
		d, a, c := f.Count()
		fmt.Fprintf(deps.IO.Err, "Framework %q (%s, %s, %s) as %s.\n", f.ID,
			interop.Plural(d, "domain", "domains"), interop.Plural(a, "area", "areas"), interop.Plural(c, "competence", "competences"), interop.FormatName(to))
		for _, n := range notes {
			fmt.Fprintf(deps.IO.Err, "  - %s\n", n.Text)
		}
	}
	if toStdout {
		_, err := deps.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := fsutil.WriteFileAtomic(opts.out, buf.Bytes(), 0o644, false); err != nil {
		return err
	}
	fmt.Fprintf(deps.IO.Err, "Wrote %s.\n", opts.out)
	return nil
}

// exportTime is the date an export records: --date, SOURCE_DATE_EPOCH
// (the reproducible-builds convention), or now; always UTC, in seconds.
func exportTime(deps *cmdutil.Deps, date string) (time.Time, error) {
	if date != "" {
		for _, layout := range []string{time.RFC3339, "2006-01-02"} {
			if t, err := time.Parse(layout, date); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, cmdutil.Usagef("--date %q: write YYYY-MM-DD or an RFC 3339 time such as 2026-03-01T09:00:00Z", date)
	}
	if deps.Getenv != nil {
		if s := deps.Getenv("SOURCE_DATE_EPOCH"); s != "" {
			secs, err := strconv.ParseInt(s, 10, 64)
			if err != nil || secs < 0 {
				return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
			}
			return time.Unix(secs, 0).UTC(), nil
		}
	}
	return deps.Now().UTC().Truncate(time.Second), nil
}
