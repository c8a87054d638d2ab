// Package portfolio implements `reflect portfolio`: a regulator's cycle
// added up from the CPD log and the records, with the forms to hand in.
package portfolio

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/logcmd"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/cpdlog"
	pf "github.com/reflect-cpd/reflect/internal/portfolio"
	"github.com/reflect-cpd/reflect/internal/render"
)

type options struct {
	regulator string
	renewal   string
	format    string
	out       string
	force     bool
	rules     string
	accounts  string
	profile   string
	records   []string
	fws       []string
}

// NewCmd returns the portfolio command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	o := &options{}
	var formats []string
	for _, f := range render.PortfolioFormats {
		formats = append(formats, fmt.Sprintf("  %-5s %s", f.Name, f.Description))
	}
	cmd := &cobra.Command{
		Use:   "portfolio --regulator nmc|hcpc|swe|gmc [--renewal YYYY-MM-DD] [--format text|md|html|pdf|json] [-o FILE]",
		Short: "Add up your regulator's cycle from your CPD log and records, with the forms to hand in",
		Long: `Add up a revalidation or CPD cycle: the cycle's dates and days left, every
requirement of your regulator with what is required, what is there, whether
it is met and what is missing, and the records and log entries that count.
Your complete reflect assessments count as CPD activities by themselves;
the rest comes from your CPD log ('reflect log').

What each regulator's portfolio holds:
  nmc   the reflective accounts on the NMC form (the five you pick with
        --accounts, else the latest five), the CPD log in the NMC template's
        columns, the practice hours and feedback logs, the reflective
        discussion form and the confirmation form with empty fields for
        your confirmer
  hcpc  the dated list of the last two years with every gap of three months
        or more flagged for an explanation, the mixture of activity types,
        and your draft profile with its word counts against 500 and 1,500
        and the 4 to 6 activities it describes
  swe   each registration year (1 December to 30 November) with its pieces
        of CPD and peer reflection
  gmc   the six types of supporting information over the five-year cycle,
        year by year

Formats:
` + strings.Join(formats, "\n") + `

The rules each requirement comes from are data (frameworks/regulators/ID.yaml),
each citing its published source; --rules FILE uses a file of your own.
With -o FILE the portfolio is written privately (mode 0600), never over an
existing file unless you add --force.`,
		Example: `  reflect portfolio --regulator nmc --renewal 2027-03-31
  reflect portfolio --regulator nmc --format pdf -o revalidation.pdf --accounts ra-1a2b3c4d,ra-5e6f7a8b,r-0123456789abcdef,ra-9c8d7e6f,ra-0a1b2c3d
  reflect portfolio --regulator hcpc --renewal 2027-05-31 --format html -o cpd-profile.html
  reflect portfolio --regulator swe
  reflect portfolio --regulator gmc --renewal 2029-08-31 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return run(deps, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.regulator, "regulator", "", "nmc, hcpc, swe or gmc (default: your log settings)")
	f.StringVar(&o.renewal, "renewal", "", "your renewal or revalidation date, YYYY-MM-DD: the cycle ends then (default: your log settings)")
	f.StringVar(&o.format, "format", "", "text, md, html, pdf or json (default: from the -o extension, else text)")
	f.StringVarP(&o.out, "output", "o", "", "write to FILE (mode 0600) instead of standard output")
	f.BoolVar(&o.force, "force", false, "replace FILE if it exists")
	f.StringVar(&o.rules, "rules", "", "a rules file of your own (YAML, as frameworks/regulators/*.yaml)")
	f.StringVar(&o.accounts, "accounts", "", "NMC: the ids of the five reflective accounts to put on the form, comma-separated")
	f.StringVar(&o.profile, "profile", "", "HCPC: the id of the profile draft to use (default: the latest)")
	f.StringArrayVar(&o.records, "record", nil, "a record file to count as well as your saved assessments; repeat for several")
	f.StringArrayVar(&o.fws, "framework", nil, "a framework file a record was made with (for records of your own frameworks); repeat for several")
	_ = cmd.RegisterFlagCompletionFunc("regulator", cobra.FixedCompletions([]string{"nmc", "hcpc", "swe", "gmc"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "md", "html", "pdf", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func chooseFormat(format, out string) (string, error) {
	names := []string{}
	for _, f := range render.PortfolioFormats {
		names = append(names, f.Name)
		if format == f.Name {
			return format, nil
		}
	}
	if format != "" {
		return "", cmdutil.Usagef("there is no portfolio format %q: use one of %s", format, strings.Join(names, ", "))
	}
	if ext := strings.ToLower(filepath.Ext(out)); ext != "" && out != "-" {
		for _, f := range render.PortfolioFormats {
			if f.Ext == ext {
				return f.Name, nil
			}
		}
		return "", cmdutil.Usagef("cannot tell the format from %q: add --format (%s)", out, strings.Join(names, ", "))
	}
	return "text", nil
}

func run(deps *cmdutil.Deps, o *options) error {
	format, err := chooseFormat(o.format, o.out)
	if err != nil {
		return err
	}
	toStdout := o.out == "" || o.out == "-"
	if toStdout && format == "pdf" && deps.IO.OutIsTerminal() {
		return cmdutil.Usagef("a PDF is not text and would garble your terminal: write it to a file with -o portfolio.pdf, or redirect with > portfolio.pdf")
	}
	if !toStdout && !o.force {
		if err := supervise.MustNotExist(o.out); err != nil {
			return err
		}
	}
	if o.renewal != "" {
		if _, err := cpdlog.ParseDate(o.renewal, deps.Now()); err != nil {
			return cmdutil.Usagef("--renewal: %v", err)
		}
	}
	st, err := deps.Store()
	if err != nil {
		return err
	}
	l, err := cpdlog.Read(st)
	if err != nil {
		return err
	}
	set, own, err := logcmd.RulesSet(o.rules)
	if err != nil {
		return err
	}
	reg := o.regulator
	if reg == "" && own != nil {
		reg = own.ID
	}
	if reg == "" {
		reg = l.Settings().Regulator
	}
	if reg == "" {
		return cmdutil.Usagef("say which regulator's cycle to add up: --regulator nmc, hcpc, swe or gmc (or keep it with 'reflect log settings --regulator ...')")
	}
	r, err := set.Lookup(reg)
	if err != nil {
		return cmdutil.Usagef("--regulator: %v", err)
	}
	recs, err := logcmd.LoadRecords(deps, st, o.fws, o.records)
	if err != nil {
		return err
	}
	raw, err := cpdlog.ReadRaw(st)
	if err != nil {
		return err
	}
	in := pf.Input{Rules: r, Log: l, Verification: cpdlog.Verify(raw, ""), Records: recs, Renewal: o.renewal, Today: deps.Now(), Profile: o.profile}
	if o.accounts != "" {
		in.Accounts = cpdlog.ParseList(o.accounts)
	}
	p, err := pf.Build(in)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := render.ExportPortfolio(&b, format, p, deps.Version, deps.Now()); err != nil {
		return err
	}
	if toStdout {
		_, err := deps.IO.Out.Write(b.Bytes())
		return err
	}
	if err := supervise.WriteOutput(o.out, b.Bytes(), o.force, o.records...); err != nil {
		return err
	}
	met := 0
	for _, q := range p.Requirements {
		if q.Met {
			met++
		}
	}
	fmt.Fprintf(deps.IO.Err, "Wrote %s (%s): %s to %s, %d of %d requirements met.\n", o.out, format, p.Cycle.Start, p.Cycle.End, met, len(p.Requirements))
	return nil
}
