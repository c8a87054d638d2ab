// Package caseload implements `reflect caseload`: a supervisor's named
// view over the records they hold.
package caseload

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/caseload"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/record"
)

type options struct {
	format     string
	output     string
	force      bool
	frameworks []string
	keys       []string
}

var formatExt = map[string]string{".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}

// NewCmd returns the `caseload` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &options{}
	cmd := &cobra.Command{
		Use:   "caseload FILE|FOLDER...",
		Short: "Your supervisees: each one's latest record, its review, when the next review is due, overdue goals",
		Long: `A supervisor's own view over the records they hold (by e-mail, on a shared
drive): the records are put together by person (the registration number when
given, else the name), and for each supervisee it shows their latest record,
its review and the review's verdict (in the words 'reflect verify' uses),
when the next review is due, the goals past their target date, and what
changed since the last review.

When the next review is due: 28 days after a record is finished while it is
not reviewed; once reviewed, when the next assessment is due, a year after
the last (the same rules as 'reflect due'; reflect's suggestions, not a
regulator's). What changed: for a reviewed record, whether it is unchanged
since its review (and what changed if not); for a new record, what changed
since the last reviewed one ('reflect compare' in a few lines).

This view names people: it is yours, not an anonymous report (for that, use
'reflect team'). Files are written with permissions 0600. Folders are
searched with their subfolders for *.json; a file that cannot be read is
named with why and skipped.`,
		Example: `  reflect caseload supervisees/
  reflect caseload supervisees/ --format html -o caseload.html
  reflect caseload alex*.json sam*.json --key sam.pub`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return run(deps, opts, args) },
	}
	f := cmd.Flags()
	f.StringVarP(&opts.format, "format", "f", "", "text, md, html or json (default: from the -o extension, else text)")
	f.StringVarP(&opts.output, "output", "o", "", "write to this file instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace the output file if it exists")
	f.StringArrayVar(&opts.frameworks, "framework", nil, "a framework YAML file the records use that is not built in (repeatable)")
	f.StringArrayVar(&opts.keys, "key", nil, "a reviewer's public key to trust for this run, besides your trusted keys (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(caseload.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func run(deps *cmdutil.Deps, opts *options, paths []string) error {
	format := opts.format
	if format == "" {
		format = "text"
		if opts.output != "" {
			f, ok := formatExt[strings.ToLower(filepath.Ext(opts.output))]
			if !ok {
				return cmdutil.Usagef("cannot tell the format from %q: add --format (%s)", opts.output, strings.Join(caseload.Formats, ", "))
			}
			format = f
		}
	}
	if !slices.Contains(caseload.Formats, format) {
		return cmdutil.Usagef("unknown format %q: use %s", format, strings.Join(caseload.Formats, ", "))
	}
	if opts.output != "" && !opts.force {
		if err := supervise.MustNotExist(opts.output); err != nil {
			return err
		}
	}
	set, err := supervise.Frameworks(deps, opts.frameworks)
	if err != nil {
		return err
	}
	trusted, err := supervise.Trusted(deps, opts.keys)
	if err != nil {
		return err
	}
	files, problems := find(paths)
	errw := deps.IO.Err
	var in []caseload.Input
	skipped := len(problems)
	for _, p := range problems {
		fmt.Fprintln(errw, "Skipped "+p)
	}
	if len(files) == 0 && skipped == len(paths) {
		return fmt.Errorf("none of the paths given could be read; give record files (.json) or folders that hold them")
	}
	for _, f := range files {
		l, err := supervise.Open(deps, f, set)
		if err != nil {
			skipped++
			fmt.Fprintf(errw, "Skipped %s: %s\n", f, oneLine(err.Error()))
			continue
		}
		l.Notes(errw)
		v, err := record.Verify(l.Record, record.VerifyOptions{Trusted: trusted, Figures: l.Stored})
		if err != nil {
			skipped++
			fmt.Fprintf(errw, "Skipped %s: %s\n", f, oneLine(err.Error()))
			continue
		}
		in = append(in, caseload.Input{Path: f, Record: l.Record, Verification: v})
	}
	c := caseload.Build(in, caseload.Options{Today: deps.Now(), Set: set})
	fmt.Fprintf(errw, "Read %d files: %d records of %s", len(files), len(in), plural(len(c.People), "person", "people"))
	if skipped > 0 {
		fmt.Fprintf(errw, ", %d skipped (listed above)", skipped)
	}
	fmt.Fprintln(errw, ".")
	var buf bytes.Buffer
	if err := caseload.Write(&buf, format, c, 80); err != nil {
		return err
	}
	if opts.output == "" {
		_, err := deps.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := supervise.WriteOutput(opts.output, buf.Bytes(), opts.force, files...); err != nil {
		return err
	}
	fmt.Fprintf(errw, "Wrote %s (it names your supervisees: keep it private).\n", opts.output)
	return nil
}

// find lists the record files in paths: files named directly, and the
// *.json files in folders (with subfolders; hidden ones skipped), sorted.
func find(paths []string) ([]string, []string) {
	var files, problems []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			problems = append(problems, root+": "+describe(err))
			continue
		}
		if !fi.IsDir() {
			add(root)
			continue
		}
		var found []string
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, p+": "+describe(err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && strings.HasSuffix(strings.ToLower(d.Name()), ".json") {
				found = append(found, p)
			}
			return nil
		})
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return files, problems
}

func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
