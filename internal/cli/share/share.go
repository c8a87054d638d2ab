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
	To         []string
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
		Use:   "share RECORD.json [--withhold SECTION,...] [--to KEY.pub ...] [-o FILE]",
		Short: "Write a copy of a record for someone: encrypted to their key, with sections withheld",
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

With --to KEY.pub (repeat it for several readers) the copy is encrypted with
age so that only those readers can open it: KEY.pub is the public key file
a reader sent you (their review-key.pub, which 'reflect keys generate' made)
or their age recipient (age1…). The copy is encrypted in memory; the
plaintext never reaches the disk. Every reflect command the reader runs on
it (review, verify, compare, export, team) opens it with their key, and
'age -d -i age-identity.txt' opens it too. The file also names your own
encryption key (when you have one), so that the reviewed copy can come
back encrypted to you; that key is public, but it shows that the file came
from you to anyone who has your public key file.

The copy goes to -o FILE (by default NAME-shared.json beside the record, or
NAME-shared.age when encrypted), written with permissions 0600; reflect never
writes over the record, and does not replace an existing file unless you
pass --force.`,
		Example: `  reflect share alex-cpd.json --to sam-patel.pub -o for-sam.age
  reflect share alex-cpd-reviewed.json --withhold reflection,notes -o shared.json
  reflect share alex-cpd-reviewed.json --withhold practitioner --to confirmer.pub --to employer.pub`,
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
	f.StringArrayVar(&opts.To, "to", nil, "encrypt the copy to this reader's public key file (or age1… recipient); repeat for several")
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
	if len(opts.Withhold) == 0 && len(opts.To) == 0 {
		return cmdutil.Usagef("say who the copy is for with --to KEY.pub (it is then encrypted to them), or which sections to withhold with --withhold, e.g. --withhold reflection,notes (the sections: %s)", strings.Join(record.WithholdableNames(), ", "))
	}
	rs, names, err := supervise.Recipients(opts.To)
	if err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = SharedName(opts.Input)
		if len(rs) > 0 {
			out = strings.TrimSuffix(out, filepath.Ext(out)) + ".age"
		}
	}
	if len(rs) == 0 && strings.EqualFold(filepath.Ext(out), ".age") {
		return cmdutil.Usagef("-o %s ends in .age, but the copy would not be encrypted: add --to KEY.pub for each reader", out)
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
	l, err := supervise.Open(deps, opts.Input, set)
	if err != nil {
		return err
	}
	l.Notes(deps.IO.Err)

	// 2. The copy: with sections withheld, or the record as it is.
	data := l.Raw
	var withheld []string
	reviews := len(l.Record.Reviews)
	if len(opts.Withhold) > 0 {
		cp, err := record.Withhold(l.Record, opts.Withhold)
		if err != nil {
			return fmt.Errorf("--withhold: %w", err)
		}
		if data, err = record.Marshal(cp); err != nil {
			return err
		}
		withheld = cp.Withheld()
	}

	// 3. Deliver it, encrypted to the readers when they are named.
	if err := supervise.Deliver(deps, out, data, opts.Force, rs, opts.Input); err != nil {
		return err
	}
	w := deps.IO.Err
	what := "a copy of " + opts.Input
	if len(withheld) > 0 {
		what += " with " + joinAnd(withheld) + " withheld"
	}
	if len(rs) > 0 {
		fmt.Fprintf(w, "Wrote %s, %s, encrypted so that only %s can open it.\n", out, what, joinAnd(names))
	} else {
		fmt.Fprintf(w, "Wrote %s, %s.\n", out, what)
	}
	switch {
	case reviews == 0:
		fmt.Fprintf(w, "  The record has no review yet, so there is nothing to verify in the copy.\n")
	case len(withheld) > 0:
		fmt.Fprintf(w, "  Its %d review(s) still verify for everything shown: reflect verify %s\n", reviews, out)
	}
	fmt.Fprintf(w, "  %s is unchanged.", opts.Input)
	if len(withheld) > 0 {
		fmt.Fprintf(w, " Read the copy before you send it: the reviewer's own comments are kept in full.")
	}
	fmt.Fprintln(w)
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
