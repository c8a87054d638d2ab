// Package share implements `reflect share`: a copy of a record with some
// sections withheld (selective disclosure), whose reviews still verify for
// everything shown.
//
// The command is built as three steps — read and check the record, make the
// copy (record.Withhold), deliver the bytes — so that other ways of
// delivering (for example encrypting the copy for a recipient's key) slot
// in as options of the last step without touching the first two.
package share

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Options are the command's flags.
type Options struct {
	Input      string
	Withhold   []string
	Output     string
	Force      bool
	Frameworks []string
}

// NewCmd returns the `share` command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &Options{}
	var sections []string
	for _, s := range record.Sections {
		if s.Withholdable {
			sections = append(sections, fmt.Sprintf("  %-13s %s", s.Name, s.Title))
		}
	}
	cmd := &cobra.Command{
		Use:   "share RECORD.json --withhold SECTION,... [-o FILE]",
		Short: "Write a copy of a reviewed record with some sections withheld",
		Long: `Write a copy of a record without the sections you name, for someone who
needs to see the record and its sign-off but not everything in it (an
employer, a revalidation confirmer). The copy's reviews still verify for
everything it shows: each review holds a salted hash of every section, so
'reflect verify' can check what is there, names what is withheld, and
nobody can work out the withheld text from its hash.

Sections that can be withheld:
` + strings.Join(sections, "\n") + `

The ratings, the frameworks, the record's id and status and the
anonymisation check are always kept: every score is worked out from the
ratings, and a reader needs to see what was assessed and that the record
was confirmed to identify nobody. A shared copy can be shared again with
more withheld, but not reviewed. A record reviewed with an earlier reflect
(record schema 1) cannot be shared with anything withheld, because those
reviews hold one digest of the whole record.

The copy goes to -o FILE (by default NAME-shared.json beside the record),
written with permissions 0600; reflect never writes over the record, and does
not replace an existing file unless you pass --force.`,
		Example: `  reflect share alex-cpd-reviewed.json --withhold reflection,notes -o shared.json
  reflect share alex-cpd-reviewed.json --withhold practitioner --withhold plan`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			return run(deps, opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Withhold, "withhold", nil, "sections to leave out, separated by commas: "+strings.Join(record.WithholdableNames(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "where to write the copy (default: NAME-shared.json)")
	f.BoolVar(&opts.Force, "force", false, "replace the output file if it exists (never the record)")
	f.StringArrayVar(&opts.Frameworks, "framework", nil, "a framework YAML file the record was made with that is not built in (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("withhold", cobra.FixedCompletions(record.WithholdableNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// SharedName suggests an output name: "x.json" → "x-shared.json".
func SharedName(path string) string {
	ext := filepath.Ext(path)
	if ext == "" {
		ext = ".json"
	}
	return strings.TrimSuffix(path, filepath.Ext(path)) + "-shared" + ext
}

func run(deps *cmdutil.Deps, opts *Options) error {
	if len(opts.Withhold) == 0 {
		return cmdutil.Usagef("name the sections to withhold with --withhold, e.g. --withhold reflection,notes (the sections: %s)", strings.Join(record.WithholdableNames(), ", "))
	}
	out := opts.Output
	if out == "" {
		out = SharedName(opts.Input)
	}
	if supervise.SameFile(opts.Input, out) {
		return cmdutil.Usagef("-o %s is the record itself; reflect never writes over it. Choose another name, e.g. -o %s", out, SharedName(opts.Input))
	}
	if !opts.Force {
		if err := supervise.MustNotExist(out); err != nil {
			return err
		}
	}

	// 1. Read the record, working its figures out from the answers.
	set, err := supervise.Frameworks(deps, opts.Frameworks)
	if err != nil {
		return err
	}
	l, err := supervise.Open(opts.Input, set)
	if err != nil {
		return err
	}
	l.Notes(deps.IO.Err)

	// 2. The copy.
	cp, err := record.Withhold(l.Record, opts.Withhold)
	if err != nil {
		return fmt.Errorf("--withhold: %w", err)
	}
	data, err := record.Marshal(cp)
	if err != nil {
		return err
	}

	// 3. Deliver it.
	if err := supervise.WriteOutput(out, data, opts.Force, opts.Input); err != nil {
		return err
	}
	w := deps.IO.Err
	fmt.Fprintf(w, "Wrote %s, a copy of %s with %s withheld.\n", out, opts.Input, joinAnd(cp.Withheld()))
	switch n := len(cp.Reviews); n {
	case 0:
		fmt.Fprintf(w, "  The record has no review yet, so there is nothing to verify in the copy.\n")
	default:
		fmt.Fprintf(w, "  Its %d review(s) still verify for everything shown: reflect verify %s\n", n, out)
	}
	fmt.Fprintf(w, "  %s is unchanged. Read the copy before you send it: the reviewer's own comments are kept in full.\n", opts.Input)
	return nil
}

func joinAnd(ss []string) string {
	switch len(ss) {
	case 0:
		return "nothing"
	case 1:
		return ss[0]
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}
