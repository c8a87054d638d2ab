// Package export implements `reflect export`: a CPD record rendered as
// Markdown, HTML, PDF, JSON, CSV or the NMC reflective account form.
package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/render"
	"github.com/reflect-cpd/reflect/internal/vault"
)

type options struct {
	format     string
	out        string
	force      bool
	frameworks []string
	table      string
	noBOM      bool
	to         []string
	summary    bool
}

// NewCmd returns the export command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &options{}
	var formats []string
	for _, f := range render.RecordFormats {
		formats = append(formats, fmt.Sprintf("  %-5s %s", f.Name, f.Description))
	}
	cmd := &cobra.Command{
		Use:   "export RECORD|ID --format FORMAT [-o FILE]",
		Short: "Export a CPD record as Markdown, HTML, PDF, JSON, CSV or the NMC form",
		Long: `Export a CPD reflection record to hand in or keep. RECORD is a record file
(.json); ID is a saved assessment (see 'reflect list'; a unique start of the id
is enough).

Formats:
` + strings.Join(formats, "\n") + `

The HTML and PDF open with a summary a confirmer can read as it is, in at
most two pages: who, the activity and hours, the overall and domain scores
(a chart), the most pressing needs, the reflection, the plan and the review's
verdict. The record in full follows as an appendix, ending with every answer;
--summary gives the summary alone.

Every format shows the practitioner, the frameworks with their version,
content digest and provenance notice, the scores against targets, N/A with
reasons, the ranked development needs, the reflection, benefit, standards,
plan, activity and evidence, the anonymisation confirmation and any
supervisor's review.

With -o FILE the export is written to FILE (private to you, mode 0600),
never over an existing file unless you add --force. Without -o, text formats
go to standard output; a PDF must go to a file or be redirected.

Without --format, the format is taken from the -o file's extension (.md,
.html, .pdf, .json, .csv, .txt for nmc), or Markdown.

Competence statements come from the frameworks built into reflect; for a
record made with your own framework file, pass it with --framework FILE.
Check the export before you share it: it should identify no patient,
service user, family member or colleague.

With --to KEY.pub (repeatable) the export is encrypted with age so that only
those readers can open it (with reflect, or 'age -d'); it is encrypted in
memory, so the plaintext never reaches the disk. The format is still taken
from the name with .age removed (cpd.pdf.age is a PDF). A record encrypted
to you (RECORD.age) is opened with your key without asking; the export of
it is plain unless you give --to.`,
		Example: `  reflect export r-3f2a9c1b --format pdf -o cpd-2026.pdf
  reflect export r-3f2a9c1b --format pdf --summary -o cpd-2026-summary.pdf
  reflect export my-record.json --format html -o cpd.html
  reflect export 3f2a --format nmc > reflective-account.txt
  reflect export 3f2a --format csv --table log -o cpd-log.csv
  reflect export my-record.json --framework ./my-framework.yaml --format md
  reflect export 3f2a --format pdf --to sam-patel.pub -o cpd.pdf.age`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(deps, opts, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "", "md, html, pdf, json, csv or nmc (default: from the -o extension, else md)")
	f.StringVarP(&opts.out, "output", "o", "", "write to FILE (mode 0600) instead of standard output")
	f.BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	f.StringArrayVar(&opts.frameworks, "framework", nil, "a framework YAML file the record was made with, for its statements; repeat for several")
	f.StringVar(&opts.table, "table", render.CSVBoth, "csv only: both, log (the CPD log row) or ratings (one row per competence)")
	f.StringArrayVar(&opts.to, "to", nil, "encrypt the export to this reader's public key file (or age1… recipient); repeat for several")
	f.BoolVar(&opts.summary, "summary", false, "html, pdf or md: the summary a confirmer reads first (at most two pages), without the appendix")
	f.BoolVar(&opts.noBOM, "no-bom", false, "csv only: leave out the byte order mark that tells Excel the file is UTF-8")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.FormatNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("table", cobra.FixedCompletions([]string{render.CSVBoth, render.CSVLog, render.CSVRatings}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func chooseFormat(format, out string) (string, error) {
	if format != "" {
		for _, f := range render.RecordFormats {
			if f.Name == format {
				return format, nil
			}
		}
		return "", cmdutil.Usagef("there is no export format %q: use one of %s", format, strings.Join(render.FormatNames(), ", "))
	}
	if ext := strings.ToLower(filepath.Ext(out)); ext != "" && out != "-" {
		for _, f := range render.RecordFormats {
			if f.Ext == ext {
				return f.Name, nil
			}
		}
		if ext == ".markdown" {
			return render.FormatMarkdown, nil
		}
		return "", cmdutil.Usagef("cannot tell the format from %q: add --format (%s)", out, strings.Join(render.FormatNames(), ", "))
	}
	return render.FormatMarkdown, nil
}

func run(deps *cmdutil.Deps, opts *options, arg string) error {
	named := opts.out
	if strings.EqualFold(filepath.Ext(named), ".age") {
		named = strings.TrimSuffix(named, filepath.Ext(named))
		if len(opts.to) == 0 {
			return cmdutil.Usagef("-o %s ends in .age, but the export would not be encrypted: add --to KEY.pub for each reader", opts.out)
		}
	}
	rs, names, err := supervise.Recipients(opts.to)
	if err != nil {
		return err
	}
	format, err := chooseFormat(opts.format, named)
	if err != nil {
		return err
	}
	if opts.summary && format != render.FormatHTML && format != render.FormatPDF && format != render.FormatMarkdown {
		return cmdutil.Usagef("--summary goes with html, pdf or md (the %s export is the whole record)", format)
	}
	switch opts.table {
	case render.CSVBoth, render.CSVLog, render.CSVRatings:
	default:
		return cmdutil.Usagef("--table %q: use both, log or ratings", opts.table)
	}
	toStdout := opts.out == "" || opts.out == "-"
	if toStdout && len(rs) > 0 && deps.IO.OutIsTerminal() {
		return cmdutil.Usagef("an encrypted export is not text and would garble your terminal: write it to a file with -o cpd.%s.age", format)
	}
	if toStdout && render.IsBinaryFormat(format) && deps.IO.OutIsTerminal() {
		return cmdutil.Usagef("a PDF is not text and would garble your terminal: write it to a file with -o record.pdf, or redirect with > record.pdf")
	}
	if !toStdout && !opts.force {
		if _, err := os.Lstat(opts.out); err == nil {
			return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", opts.out)
		}
	}

	set, err := supervise.Frameworks(deps, opts.frameworks)
	if err != nil {
		return err
	}
	l, err := supervise.OpenArg(deps, arg, set)
	if err != nil {
		return err
	}
	r := l.Record
	frameworkNotes(deps, set, r)
	l.Notes(deps.IO.Err)
	warnAnonymisation(deps, r, arg)
	trusted, err := supervise.Trusted(deps, nil)
	if err != nil {
		return err
	}
	ver, err := record.Verify(r, record.VerifyOptions{Trusted: trusted})
	if err != nil {
		return err
	}

	var now = deps.Now()
	ropt := render.RecordOptions{Set: set, ToolVersion: deps.Version, Now: now, CSVTable: opts.table, CSVNoBOM: opts.noBOM, Verification: &ver, SummaryOnly: opts.summary}
	var b bytes.Buffer
	if err := render.ExportRecord(&b, format, r, ropt); err != nil {
		return err
	}
	if toStdout {
		data := b.Bytes()
		if len(rs) > 0 {
			own, _ := deps.Keyring().Recipient()
			if data, err = vault.EncryptReply(data, own, rs...); err != nil {
				return err
			}
		}
		_, err := deps.IO.Out.Write(data)
		return err
	}
	var inputs []string
	if supervise.IsRecordPath(arg) {
		inputs = append(inputs, arg)
	}
	if err := supervise.Deliver(deps, opts.out, b.Bytes(), opts.force, rs, inputs...); err != nil {
		return err
	}
	if len(rs) > 0 {
		fmt.Fprintf(deps.IO.Err, "Wrote %s (%s, %s, encrypted so that only %s can open it).\n", opts.out, format, humanSize(b.Len()), strings.Join(names, ", "))
		return nil
	}
	fmt.Fprintf(deps.IO.Err, "Wrote %s (%s, %s).\n", opts.out, format, humanSize(b.Len()))
	return nil
}

// frameworkNotes says which of the record's frameworks changed since it
// was made.
func frameworkNotes(deps *cmdutil.Deps, set *framework.Set, r *record.Record) {
	for _, ref := range r.Frameworks {
		if f := set.Get(ref.ID); f != nil && f.Digest != ref.Digest {
			m := record.DigestMismatch{ID: ref.ID, RecordVersion: ref.Version, CurrentVersion: f.Version, RecordDigest: ref.Digest, CurrentDigest: f.Digest}
			fmt.Fprintf(deps.IO.Err, "Note: %s. The statements shown are the current ones and may read differently from those answered; the export says so. For the statements as they were, pass the framework file the record was made with: --framework FILE.\n", m)
		}
	}
}

// warnAnonymisation reminds the person when the record's anonymisation is
// not confirmed, with what the local check finds now.
func warnAnonymisation(deps *cmdutil.Deps, r *record.Record, arg string) {
	if r.Anonymisation.Confirmed {
		return
	}
	findings := cpd.Check(r)
	w := deps.IO.Err
	fmt.Fprintf(w, "Warning: you have not yet confirmed that this record identifies nobody; the export says so.\n")
	if len(findings) == 0 {
		fmt.Fprintf(w, "reflect's local check found nothing that looks like an identifier, but please read it through before you share it.\n")
	} else {
		fmt.Fprintf(w, "reflect's local check flags %d thing(s) to look at:\n", len(findings))
		for i, f := range findings {
			if i == 10 {
				fmt.Fprintf(w, "  … and %d more\n", len(findings)-10)
				break
			}
			fmt.Fprintf(w, "  %s: %q (%s)\n", f.Field, f.Excerpt, anonymise.Describe(f.Kind))
		}
	}
	if !supervise.IsRecordPath(arg) {
		fmt.Fprintf(w, "To check and confirm, continue it with: reflect assess --resume %s\n", r.ID)
	}
}

func humanSize(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KiB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1024*1024))
}
