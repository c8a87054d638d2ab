// Package review implements `reflect review`: a supervisor reads a CPD
// record, comments on it, agrees or amends the plan and signs it off.
package review

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
	reviewflow "github.com/reflect-cpd/reflect/internal/review"
	"github.com/reflect-cpd/reflect/internal/textutil"
	tuireview "github.com/reflect-cpd/reflect/internal/tui/review"
)

// Options are the command's flags.
type Options struct {
	Input      string
	Output     string
	Force      bool
	To         []string
	Plaintext  bool
	File       string
	Name       string
	Role       string
	Profession string
	Reg        string
	Date       string
	Comment    string
	Needs      []string
	Rates      []string
	Plan       string
	Confirm    bool
	Sign       bool
	Accessible bool
	Print      bool
	Frameworks []string
	// ConfirmAnonymised confirms, for a review without prompts, that the
	// reviewer's words identify nobody after the check listed findings.
	ConfirmAnonymised bool
	// NoDraft starts afresh, ignoring a draft kept from an earlier try.
	NoDraft bool
}

// Interactive runs the full-screen review (internal/tui/review by
// default); nil means the line-based flow is always used.
type Interactive func(deps *cmdutil.Deps, r *record.Record, defaults record.Review, today, plan string, view reviewflow.View) (record.Review, error)

// NewCmd returns the `review` command with the full-screen view.
func NewCmd(deps *cmdutil.Deps) *cobra.Command { return NewCmdWith(deps, fullScreen) }

func fullScreen(deps *cmdutil.Deps, r *record.Record, defaults record.Review, today, plan string, view reviewflow.View) (record.Review, error) {
	return tuireview.Run(tuireview.Options{Record: r, Defaults: defaults, Today: today, Plan: plan, In: deps.IO.In, Out: deps.IO.Err,
		NoColor: deps.Getenv("NO_COLOR") != "", View: view, Now: deps.Now()})
}

// NewCmdWith returns the `review` command with a full-screen view.
func NewCmdWith(deps *cmdutil.Deps, tui Interactive) *cobra.Command {
	opts := &Options{}
	cmd := &cobra.Command{
		Use:   "review RECORD.json",
		Short: "Review a CPD record: comment, agree the plan and sign off",
		Long: `Read a practitioner's CPD record, comment on their development needs and
overall, agree or amend their development plan, and sign off with your name,
role, profession, registration number and the date.

By signing off you confirm that you reviewed the record and discussed it with
the practitioner. It does not certify their competence.

The review is added to a copy of the record, written to -o FILE (by default
NAME-reviewed.json beside the record). reflect never writes over the record
you review, and does not replace an existing output file unless you pass
--force. The review holds a SHA-256 digest of everything the practitioner
wrote, so 'reflect verify' can tell later whether anything changed. With
--sign it is also signed with your key (see 'reflect keys').

Three ways to review:
  interactive   in a terminal, a scrollable view of the record and then the
                questions, one screen at a time
  line by line  --accessible, or when standard input or standard error is
                not a terminal, or TERM=dumb: plain questions and answers,
                for screen readers
  no prompts    --file review.yaml (see testdata/review-example.yaml), or
                --confirm with --name, --plan and optional comments

You may also give your own rating of any competence, beside the
practitioner's (--rate CODE=RATING, a ratings: block in the review file, or
the "your own ratings" step). The two are shown side by side, never
averaged, and your ratings are bound into the review's digest.

Use --print to see the record (and its need codes) without reviewing it.`,
		Example: `  reflect review alex-cpd.json
  reflect review alex-cpd.json --sign -o alex-cpd-reviewed.json
  reflect review alex-cpd.json --accessible
  reflect review alex-cpd.json --file review.yaml --sign
  reflect review alex-cpd.json --confirm --name "Sam Patel" --role "Clinical supervisor" \
      --plan agree --comment "A thoughtful reflection." --need "ADU.3.2.1=Practise in supervision"
  reflect review alex-cpd.json --print`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			return run(deps, opts, tui, cmd)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "where to write the reviewed record (default: NAME-reviewed.json)")
	f.BoolVar(&opts.Force, "force", false, "replace the output file if it exists (never the record being reviewed)")
	f.StringArrayVar(&opts.To, "to", nil, "encrypt the reviewed copy to this public key file (or age1… recipient); repeat for several")
	f.BoolVar(&opts.Plaintext, "plaintext", false, "write the reviewed copy of an encrypted record unencrypted")
	f.StringVar(&opts.File, "file", "", "take the review from a YAML file instead of asking")
	f.StringVar(&opts.Name, "name", "", "your name")
	f.StringVar(&opts.Role, "role", "", "your role, e.g. Clinical supervisor")
	f.StringVar(&opts.Profession, "profession", "", "your profession")
	f.StringVar(&opts.Reg, "registration", "", "your registration number, e.g. NMC 12A3456B")
	f.StringVar(&opts.Date, "date", "", "date of the review, YYYY-MM-DD (default today)")
	f.StringVar(&opts.Comment, "comment", "", "overall comments")
	f.StringArrayVar(&opts.Needs, "need", nil, "a comment on a need, as CODE=TEXT; repeat for several")
	f.StringArrayVar(&opts.Rates, "rate", nil, "your own rating of a competence, beside the practitioner's, as CODE=RATING; repeat for several")
	f.StringVar(&opts.Plan, "plan", "", "the plan: agree or not-agreed (amend with --file or interactively)")
	f.BoolVar(&opts.Confirm, "confirm", false, "confirm the review statement and review without prompts")
	f.BoolVar(&opts.Sign, "sign", false, "sign the review with your key (make one with 'reflect keys generate')")
	f.BoolVar(&opts.Accessible, "accessible", false, "ask the questions line by line (for screen readers)")
	f.BoolVar(&opts.Print, "print", false, "print the record as a reviewer sees it, and stop")
	f.StringArrayVar(&opts.Frameworks, "framework", nil, "a framework YAML file the record was made with that is not built in (repeatable)")
	f.BoolVar(&opts.ConfirmAnonymised, "confirm-anonymised", false, "with --confirm or --file: confirm that your words identify nobody, after the identifier check lists what it found")
	f.BoolVar(&opts.NoDraft, "no-draft", false, "start afresh, leaving aside a draft kept from an earlier try")
	_ = cmd.RegisterFlagCompletionFunc("plan", cobra.FixedCompletions([]string{record.PlanAgree, record.PlanNotAgreed}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func run(deps *cmdutil.Deps, opts *Options, tui Interactive, cmd *cobra.Command) error {
	set, err := supervise.Frameworks(deps, opts.Frameworks)
	if err != nil {
		return err
	}
	l, err := supervise.Open(deps, opts.Input, set)
	if err != nil {
		return err
	}
	r := l.Record
	trusted, err := supervise.Trusted(deps, nil)
	if err != nil {
		return err
	}
	ver, err := record.Verify(r, record.VerifyOptions{Trusted: trusted})
	if err != nil {
		return err
	}
	view := reviewflow.View{Width: 78, Set: set, Verification: &ver}
	if opts.Print {
		l.Notes(deps.IO.Err)
		return reviewflow.Summary(deps.IO.Out, r, view)
	}
	if w := r.Withheld(); len(w) > 0 {
		return fmt.Errorf("%s is a shared copy with %s withheld; a review covers the whole record, so review the practitioner's full record instead", opts.Input, strings.Join(w, ", "))
	}
	// Encrypted in, encrypted out: a record that came encrypted goes
	// back encrypted to the practitioner (named in the file by the
	// reflect that sent it, or with --to).
	to := opts.To
	if len(to) == 0 && l.Encrypted && !opts.Plaintext {
		if l.ReplyTo == "" {
			return cmdutil.Usagef("%s came encrypted, so the reviewed copy is written encrypted too, but the file does not say who sent it: give the practitioner's public key file with --to FILE.pub (or write it unencrypted with --plaintext)", opts.Input)
		}
		to = []string{l.ReplyTo}
	}
	if opts.Plaintext && len(opts.To) > 0 {
		return cmdutil.Usagef("--plaintext and --to contradict each other; give one")
	}
	rs, names, err := supervise.Recipients(to)
	if err != nil {
		return err
	}
	out := opts.Output
	if out == "" {
		out = supervise.ReviewedName(opts.Input)
		if len(rs) == 0 && strings.EqualFold(filepath.Ext(out), ".age") {
			out = strings.TrimSuffix(out, filepath.Ext(out)) + ".json"
		}
		if len(rs) > 0 && !strings.EqualFold(filepath.Ext(out), ".age") {
			out = strings.TrimSuffix(out, filepath.Ext(out)) + ".age"
		}
	}
	if len(rs) == 0 && strings.EqualFold(filepath.Ext(out), ".age") {
		return cmdutil.Usagef("-o %s ends in .age, but the reviewed copy would not be encrypted: add --to the practitioner's public key file", out)
	}
	if supervise.SameFile(opts.Input, out) {
		return cmdutil.Usagef("-o %s is the record you are reviewing; reflect never writes over it. Write the review to a new file, e.g. -o %s, and replace the original yourself afterwards if you want to", out, supervise.ReviewedName(opts.Input))
	}
	if !opts.Force {
		if err := supervise.MustNotExist(out); err != nil {
			return err
		}
	}

	// Load the key first, so a missing key is found before any typing.
	var key *keystore.Key
	if opts.Sign {
		dir, err := keystore.Dir(deps.Getenv)
		if err != nil {
			return err
		}
		if key, err = deps.Keyring().Signing(); err != nil {
			if errors.Is(err, keystore.ErrNoKey) {
				return fmt.Errorf("--sign needs your signing key, and there is none in %s yet; make one with 'reflect keys generate', or review without --sign", dir)
			}
			return err
		}
	}

	now := deps.Now()
	today := now.Format("2006-01-02")
	tuiDeps := deps
	deps = plainTextDeps(deps)
	l.Notes(deps.IO.Err)
	warnings(deps, r, ver)

	defaults, err := flagReview(opts)
	if err != nil {
		return err
	}
	if defaults.Reviewer.Name == "" && key != nil {
		defaults.Reviewer.Name = key.Comment
	}
	flagsUsed := cmd.Flags().Changed("name") || cmd.Flags().Changed("comment") || cmd.Flags().Changed("need") ||
		cmd.Flags().Changed("plan") || cmd.Flags().Changed("role") || cmd.Flags().Changed("profession") || cmd.Flags().Changed("registration")

	// Values given with flags are checked before any question is asked,
	// so that nothing typed is lost to a mistake on the command line.
	if opts.File == "" && !opts.Confirm {
		if err := checkFlagValues(r, defaults, now, set); err != nil {
			return err
		}
	}

	drafts := newDrafts(deps, r)
	var in record.Review
	scripted := false
	confirmAnon := opts.ConfirmAnonymised
	var fileInfo *record.ReviewFileInfo
	switch {
	case opts.File != "":
		if flagsUsed {
			return cmdutil.Usagef("--file holds the whole review; leave out --name, --role, --profession, --registration, --comment, --need, --rate and --plan, or leave out --file")
		}
		data, err := supervise.ReadLimited(opts.File, record.MaxReviewFileSize, "review")
		if err != nil {
			return err
		}
		rev, info, err := record.ParseReviewFile(opts.File, data)
		if err != nil {
			return err
		}
		if !info.Confirm && !opts.Confirm {
			return fmt.Errorf("%s: the review file must say confirm: true, to confirm that you reviewed the record and discussed it with the practitioner (this does not certify competence)", opts.File)
		}
		if opts.Date != "" {
			rev.Date = opts.Date
		}
		confirmAnon = confirmAnon || info.ConfirmAnonymised
		fileInfo = &info
		in, scripted = rev, true
	case opts.Confirm:
		if defaults.Reviewer.Name == "" {
			return cmdutil.Usagef("--confirm reviews without prompts and needs --name (and --plan agree or not-agreed)")
		}
		if opts.Plan == "" {
			return cmdutil.Usagef("--confirm needs --plan agree or --plan not-agreed; to amend the plan use --file or review interactively")
		}
		in, scripted = defaults, true
	default:
		if d, ok := drafts.offer(deps, opts.NoDraft, flagsUsed); ok {
			defaults = d
		}
		if tui != nil && tuiDeps.ChooseScreen(opts.Accessible).Full {
			rev, err := tui(tuiDeps, r, defaults, today, opts.Plan, view)
			if errors.Is(err, reviewflow.ErrCancelled) {
				fmt.Fprintln(deps.IO.Err, "You left before confirming the review, so nothing was written.")
				if typedAnything(rev) {
					if where, err := drafts.save(rev); err != nil {
						fmt.Fprintf(deps.IO.Err, "What you typed could not be kept as a draft: %v\n", err)
					} else {
						args := resumeArgs(opts)
						args = slices.DeleteFunc(args, func(a string) bool { return a == "--accessible" })
						fmt.Fprintf(deps.IO.Err, "What you typed is kept as a draft in %s. To carry on, run:\n  reflect %s\n", where, strings.Join(args, " "))
					}
				}
				return cmdutil.Silent(cmdutil.ExitFailure)
			}
			if err != nil {
				return err
			}
			in = rev
			break
		}
		lines := deps.IO.Err
		if tui != nil {
			lines = tuiDeps.ChooseScreen(opts.Accessible).Explained(tuiDeps.LinesTo(false))
		}
		// Ctrl+C, SIGTERM and a closed terminal keep what was written as
		// a draft and stop with exit status 130, as in assess line mode.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		rev, err := reviewflow.Lines(deps.IO.In, lines, r, reviewflow.Options{Width: 78, Today: today, Now: now, Defaults: defaults, Plan: opts.Plan,
			View: view, SaveDraft: drafts.save, Resume: "reflect " + strings.Join(resumeArgs(opts), " "), Context: ctx})
		stop()
		if errors.Is(err, reviewflow.ErrInterrupted) {
			fmt.Fprintln(deps.IO.Err, "Stopped before the review was confirmed, so nothing was written.")
			return cmdutil.Silent(cmdutil.ExitInterrupted)
		}
		if errors.Is(err, reviewflow.ErrCancelled) {
			fmt.Fprintln(deps.IO.Err, "The review was not confirmed, so nothing was written.")
			return cmdutil.Silent(cmdutil.ExitFailure)
		}
		if err != nil {
			return err
		}
		in = rev
	}

	// The same checks for every way of reviewing, with the frameworks: an
	// amended plan's codes and resources, the date, the names.
	if checked, probs := r.CheckReview(in, now, set); len(probs) > 0 {
		if fileInfo != nil {
			return fileInfo.Locate(probs)
		}
		return &record.ReviewError{Problems: probs}
	} else {
		in = checked
	}
	// The reviewer's own words through the same identifier check as the
	// practitioner's. Scripted reviews list what it finds and stop unless
	// confirmed; the prompts have asked already.
	if scripted {
		findings := reviewflow.Findings(r, in)
		if len(findings) > 0 && !confirmAnon {
			w := deps.IO.Err
			fmt.Fprintf(w, "reflect's local check found %d thing(s) in your words that could identify someone:\n%s", len(findings), reviewflow.FindingsText(findings))
			how := "--confirm-anonymised"
			if fileInfo != nil {
				how = "confirm_anonymised: true in " + fileInfo.File + " (or --confirm-anonymised)"
			}
			fmt.Fprintf(w, "Nothing was written. Change them, or if, read in context, they identify no patient, service user, family member or colleague, confirm that with %s.\n", how)
			return cmdutil.Silent(cmdutil.ExitFailure)
		}
		in.Anonymisation = &record.Anonymisation{Checked: true, Findings: len(findings), Confirmed: true, At: now.UTC().Truncate(time.Second)}
	}

	rev, err := r.NewReview(in, now)
	if err != nil {
		return err
	}
	if key != nil {
		if err := record.Sign(&rev, key.Private); err != nil {
			return err
		}
	}
	r.AppendReview(rev, now, record.Tool{Name: "reflect", Version: deps.Version})
	data, err := record.Marshal(r)
	if err != nil {
		return err
	}
	if err := supervise.Deliver(deps, out, data, opts.Force, rs, opts.Input); err != nil {
		return err
	}
	drafts.remove()
	fp, err := rev.Fingerprint()
	if err != nil {
		return err
	}
	w := deps.IO.Err
	fmt.Fprintf(w, "Review by %s added and written to %s.\n", rev.Reviewer.Name, out)
	if len(rs) > 0 {
		fmt.Fprintf(w, "  Encrypted so that only %s can open it.\n", strings.Join(names, ", "))
	}
	fmt.Fprintf(w, "  Review fingerprint: %s\n", record.ShortFingerprint(fp))
	fmt.Fprintf(w, "    Keep it: 'reflect verify FILE --review %q' finds out later if this review was removed from a copy.\n", record.ShortFingerprint(fp))
	fmt.Fprintf(w, "  Digest of the reviewed content: %s\n", rev.Digest)
	if rev.Signature != nil {
		fmt.Fprintf(w, "  Signed with your key %s. Others trust it once with 'reflect keys trust %s' (after checking the fingerprint with you), then check with:\n    reflect verify %s\n", record.Fingerprint(key.Public), keystore.PublicName, out)
	} else {
		fmt.Fprintf(w, "  Not signed, so anyone could have written it: verify will say so (exit 7). Sign reviews with --sign (see 'reflect keys').\n")
	}
	fmt.Fprintf(w, "  %s is unchanged. Send the reviewed copy back to the practitioner.\n", opts.Input)
	return nil
}

// typedAnything reports whether a review left part way holds anything
// worth keeping as a draft.
func typedAnything(rev record.Review) bool {
	return rev.Comments != "" || len(rev.NeedComments) > 0 || len(rev.Ratings) > 0 || len(rev.AgreedPlan) > 0 ||
		rev.Reviewer.Role != "" || rev.Reviewer.Profession != "" || rev.Reviewer.Registration != ""
}

// checkFlagValues runs the review's checks on what the flags give (a
// comment on a code the record does not answer, a rating off the scale, a
// date in the future), before the prompts, and refuses them as a command
// line problem.
func checkFlagValues(r *record.Record, given record.Review, now time.Time, set *framework.Set) error {
	if given.Reviewer.Name == "" {
		given.Reviewer.Name = "-" // asked for later
	}
	_, probs := r.CheckReview(given, now, set)
	if len(probs) == 0 {
		return nil
	}
	flags := map[string]string{"date": "--date", "comments": "--comment", "ratings": "--rate", "reviewer.name": "--name",
		"reviewer.role": "--role", "reviewer.profession": "--profession", "reviewer.registration": "--registration"}
	var lines []string
	for _, p := range probs {
		flag := flags[p.Field]
		if strings.HasPrefix(p.Field, "needs[") {
			flag = "--need"
		}
		if flag != "" {
			flag += ": "
		}
		lines = append(lines, "\n  "+flag+p.String())
	}
	return cmdutil.Usagef("nothing was asked yet, because a value given on the command line will not do:%s\nCorrect it and run again", strings.Join(lines, ""))
}

// flagReview builds a review from the flags (used as the review with
// --confirm, or as defaults for the prompts).
func flagReview(opts *Options) (record.Review, error) {
	rev := record.Review{
		Reviewer: record.Reviewer{Name: opts.Name, Role: opts.Role, Profession: opts.Profession, Registration: opts.Reg},
		Date:     opts.Date,
		Comments: opts.Comment,
	}
	switch opts.Plan {
	case "", record.PlanNotAgreed:
	case record.PlanAgree:
		rev.PlanAgreed = true
	case record.PlanAmend:
		return rev, cmdutil.Usagef("--plan amend needs the amended plan: give it in a review file (--file) or review interactively")
	default:
		return rev, cmdutil.Usagef("--plan %q: use agree or not-agreed", opts.Plan)
	}
	for _, rt := range opts.Rates {
		code, v, ok := strings.Cut(rt, "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || strings.TrimSpace(code) == "" || err != nil {
			return rev, cmdutil.Usagef("--rate %q: write it as CODE=RATING, e.g. --rate ADU.3.2.1=2", rt)
		}
		rev.Ratings = append(rev.Ratings, record.Rating{Code: strings.TrimSpace(code), Rating: n})
	}
	for _, n := range opts.Needs {
		code, text, ok := strings.Cut(n, "=")
		if !ok || strings.TrimSpace(code) == "" {
			return rev, cmdutil.Usagef("--need %q: write it as CODE=TEXT, e.g. --need \"ADU.3.2.1=Practise in supervision\"", n)
		}
		rev.NeedComments = append(rev.NeedComments, record.NeedComment{Code: strings.TrimSpace(code), Comment: text})
	}
	return rev, nil
}

func warnings(deps *cmdutil.Deps, r *record.Record, v record.Verification) {
	w := deps.IO.Err
	if p := cpd.ProgressOf(r); !p.Complete() {
		fmt.Fprintf(w, "Note: this record is not complete yet (%s); the practitioner may still be working on it.\n", p)
	}
	for _, c := range v.Checks {
		switch {
		case !c.Intact:
			fmt.Fprintf(w, "Note: the record changed after review %d (%s, %s); your review will cover this version.\n", c.Index+1, c.Review.Reviewer.Name, c.Review.Date)
		case c.Chain != "":
			fmt.Fprintf(w, "Note: review %d (%s, %s): %s.\n", c.Index+1, c.Review.Reviewer.Name, c.Review.Date, c.Chain)
		}
	}
}

// plainTextDeps returns deps whose standard error, when it is a terminal,
// shows the record's text with control characters made harmless: the
// record comes from someone else, and the line-by-line review prints it.
// (The full-screen view draws with escape sequences of its own and keeps
// the real stream.)
func plainTextDeps(deps *cmdutil.Deps) *cmdutil.Deps {
	f, ok := deps.IO.Err.(*os.File)
	if !ok || !deps.IO.ErrIsTerminal() {
		return deps
	}
	d, streams := *deps, *deps.IO
	streams.Err = textutil.TerminalSafe(f)
	d.IO = &streams
	return &d
}
