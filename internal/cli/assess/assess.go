// Package assess implements `reflect assess`: the self-assessment in one
// of three modes (the interactive questionnaire, the accessible line mode,
// or scripted from an answers file), with autosave to the data directory,
// a lock per assessment, and resume.
package assess

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/linemode"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/session"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/tui"
)

// Options are the command line of `reflect assess`.
type Options struct {
	Frameworks  []string
	Profiles    []string
	Areas       []string
	Accessible  bool
	AnswersFile string
	Out         string
	Force       bool
	Resume      bool
	ResumeID    string
	FromBackup  bool
	// AcceptChanged continues a resumed assessment whose framework has
	// changed since it was started, without asking.
	AcceptChanged bool
	NoColor       bool
	ASCII         bool

	Practitioner record.Practitioner

	// NewID makes record ids and NewGoalID goal ids; tests replace them
	// (nil NewGoalID means random ids).
	NewID     func() string
	NewGoalID func() string
	// Signals are the signals that save and stop; tests may narrow them.
	Signals []os.Signal
}

// NewCmd returns the assess command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &Options{NewID: record.NewID, Signals: []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}}
	cmd := &cobra.Command{
		Use:   "assess [--resume [ID]]",
		Short: "Assess yourself against a competence framework, then reflect and plan",
		Long: `Assess yourself against the self-harm and suicide prevention competences, one
statement at a time, then see your summary, reflect on it and plan your
learning. It takes about twenty minutes; you can stop at any time.

Modes:
  interactive  the full-screen questionnaire, in a terminal
  line mode    numbered text prompts and typed commands, for screen readers
               and pipes: --accessible, or automatic when standard input or
               standard error (where the full screen draws) is not a
               terminal, or TERM=dumb
  scripted     --answers FILE: the answers come from a YAML file (see
               testdata/answers-example.yaml); nothing is asked

Every change is saved at once in your data folder (see 'reflect list'), so
closing the terminal loses nothing. Ctrl+C, a hang-up or kill save and stop
with exit status 130. Continue with 'reflect assess --resume' (the latest)
or 'reflect assess --resume ID'.

Your data folder is $REFLECT_DATA_DIR, or $XDG_DATA_HOME/reflect, or
~/.local/share/reflect (on macOS ~/Library/Application Support/reflect).

If this work is weighing on you, Samaritans are there day and night on
116 123 (free), or text SHOUT to 85258.`,
		Example: `  reflect assess
  reflect assess --framework adults --profile any-staff
  reflect assess --framework adults --framework cyp      # shared competences asked once
  reflect assess --accessible
  reflect assess --resume
  reflect assess --answers my-answers.yaml --out record.json
  reflect assess --framework ./my-framework.yaml --areas MY.1.1,MY.2.3`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if !opts.Resume {
					return cmdutil.Usagef("unexpected argument %q; to continue an assessment use --resume %s", args[0], args[0])
				}
				opts.ResumeID = args[0]
			}
			return Run(cmd.Context(), deps, opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Frameworks, "framework", "f", nil, "framework id or YAML file; repeat for several (shared competences are asked once)")
	f.StringArrayVarP(&opts.Profiles, "profile", "p", nil, "role profile id, or FRAMEWORK=PROFILE when assessing several")
	f.StringSliceVar(&opts.Areas, "areas", nil, "assess only these areas (codes, comma-separated) instead of a profile")
	f.BoolVar(&opts.Accessible, "accessible", false, "use line mode: numbered prompts and typed commands, no redraws")
	f.StringVar(&opts.AnswersFile, "answers", "", "scripted mode: take the answers from this YAML file")
	f.StringVarP(&opts.Out, "out", "o", "", "also write the record to this JSON file at the end (- for standard output)")
	f.BoolVar(&opts.Force, "force", false, "with --out, replace an existing file")
	f.BoolVar(&opts.Resume, "resume", false, "continue a saved assessment: the latest, or the ID given")
	f.BoolVar(&opts.FromBackup, "from-backup", false, "with --resume, continue from the backup when the saved file cannot be read")
	f.BoolVar(&opts.AcceptChanged, "accept-changed-framework", false, "with --resume, continue without asking when a framework has changed since the assessment was started (a copy of the record is kept)")
	f.BoolVar(&opts.NoColor, "no-color", false, "no colour (also when NO_COLOR is set)")
	f.BoolVar(&opts.ASCII, "ascii", false, "draw with ASCII characters only")
	f.StringVar(&opts.Practitioner.Name, "name", "", "your name, for the record (optional)")
	f.StringVar(&opts.Practitioner.Profession, "profession", "", "your profession (optional)")
	f.StringVar(&opts.Practitioner.Role, "role", "", "your role (optional)")
	f.StringVar(&opts.Practitioner.Setting, "setting", "", "where you work, such as emergency department (optional)")
	f.StringVar(&opts.Practitioner.Regulator, "regulator", "", "your regulator, such as NMC, GMC, HCPC (optional)")
	f.StringVar(&opts.Practitioner.Registration, "registration", "", "your registration number (optional)")
	return cmd
}

// Run runs the assess command.
func Run(ctx context.Context, deps *cmdutil.Deps, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.NewID == nil {
		opts.NewID = record.NewID
	}
	if opts.FromBackup && !opts.Resume {
		return cmdutil.Usagef("--from-backup goes with --resume")
	}
	if opts.AcceptChanged && !opts.Resume {
		return cmdutil.Usagef("--accept-changed-framework goes with --resume")
	}
	if opts.Force && opts.Out == "" {
		return cmdutil.Usagef("--force goes with --out")
	}
	if opts.AnswersFile != "" && opts.Resume {
		return cmdutil.Usagef("--answers starts a new assessment, so it cannot be combined with --resume")
	}
	if opts.Resume && (len(opts.Profiles) > 0 || len(opts.Areas) > 0) {
		return cmdutil.Usagef("--profile and --areas choose what a new assessment covers; a resumed one keeps its own")
	}
	if err := opts.checkOut(); err != nil {
		return err
	}
	st, err := deps.Store()
	if err != nil {
		return err
	}
	if opts.AnswersFile != "" {
		return runScripted(deps, opts, st)
	}
	return runInteractive(ctx, deps, opts, st)
}

func (o *Options) checkOut() error {
	if o.Out == "" || o.Out == "-" || o.Force {
		return nil
	}
	if _, err := os.Lstat(o.Out); err == nil {
		return cmdutil.Usagef("%s already exists; choose another name or add --force to replace it", o.Out)
	}
	return nil
}

// tool names this program in records.
func tool(deps *cmdutil.Deps) record.Tool { return record.Tool{Name: "reflect", Version: deps.Version} }

// scopesFromFlags turns --framework, --profile and --areas into scopes.
func scopesFromFlags(fws []*framework.Framework, profiles, areas []string) ([]assessment.Scope, error) {
	scopes := make([]assessment.Scope, len(fws))
	for i, f := range fws {
		scopes[i].Framework = f.ID
	}
	for _, p := range profiles {
		fwID, prof, ok := strings.Cut(p, "=")
		if !ok {
			if len(fws) != 1 {
				return nil, cmdutil.Usagef("with several frameworks, write --profile FRAMEWORK=PROFILE (got %q)", p)
			}
			fwID, prof = fws[0].ID, p
		}
		found := false
		for i := range scopes {
			if scopes[i].Framework == fwID {
				if fws[i].Profile(prof) == nil {
					var ids []string
					for _, pr := range fws[i].Profiles {
						ids = append(ids, pr.ID)
					}
					return nil, cmdutil.Usagef("framework %s has no profile %q (profiles: %s)", fwID, prof, strings.Join(ids, ", "))
				}
				scopes[i].Profile = prof
				found = true
			}
		}
		if !found {
			return nil, cmdutil.Usagef("--profile %s: framework %q is not chosen with --framework", p, fwID)
		}
	}
	for _, a := range areas {
		a = strings.TrimSpace(a)
		found := false
		for i, f := range fws {
			if f.Area(a) != nil {
				if scopes[i].Profile != "" {
					return nil, cmdutil.Usagef("give --profile or --areas for framework %s, not both", f.ID)
				}
				scopes[i].Areas = append(scopes[i].Areas, a)
				found = true
			}
		}
		if !found {
			return nil, cmdutil.Usagef("no chosen framework has an area %q; run 'reflect frameworks show ID' for the codes", a)
		}
	}
	return scopes, nil
}

func runInteractive(ctx context.Context, deps *cmdutil.Deps, opts *Options, st *store.Store) error {
	var fwArgs []string
	fwArgs = append(fwArgs, opts.Frameworks...)
	set, fws, err := cmdutil.ResolveFrameworks(deps, fwArgs)
	if err != nil {
		return err
	}
	screen := deps.ChooseScreen(opts.Accessible)
	// The full screen journals each change and rewrites the record now and
	// then; line mode, where a person types a line at a time, rewrites it
	// at every change (see internal/session).
	every := 0
	if !screen.Full {
		every = 1
	}
	h := &held{}
	defer h.close()

	var scopes []assessment.Scope
	resumed := false
	if opts.Resume {
		if h.s, err = resume(deps, opts, st, set, every); err != nil {
			return err
		}
		resumed = true
	} else if len(fws) > 0 {
		if scopes, err = scopesFromFlags(fws, opts.Profiles, opts.Areas); err != nil {
			return err
		}
	} else if len(opts.Profiles) > 0 || len(opts.Areas) > 0 {
		return cmdutil.Usagef("--profile and --areas need --framework")
	}
	if !resumed && len(set.Frameworks()) == 0 {
		return errors.New("no frameworks are built into this reflect; pass one with --framework FILE")
	}
	if !resumed && len(scopes) > 0 {
		// Check the scopes now, so that a mistake is a usage error before
		// anything is drawn.
		if _, err := assessment.NewPlan(set, scopes); err != nil {
			return cmdutil.Usagef("%v", err)
		}
	}
	start := func(sc []assessment.Scope) (*assessment.Session, *record.Record, error) {
		s, err := session.Start(sessionOptions(deps, st, every), set, sc, opts.NewID(), opts.Practitioner)
		if err != nil {
			return nil, nil, busy(err)
		}
		h.s = s
		return s.Sess, s.Rec, nil
	}
	save := func() error {
		if h.s == nil {
			return nil
		}
		return h.s.Save()
	}

	signals := opts.Signals
	if screen.Full {
		// Bubble Tea handles SIGINT and SIGTERM itself (restoring the
		// terminal, and tui.Run reports ErrInterrupted); cancelling its
		// context on the same signal can deadlock its shutdown. Only the
		// hang-up is left to the context.
		signals = nil
		for _, sig := range opts.Signals {
			if sig != os.Interrupt && sig != syscall.SIGTERM {
				signals = append(signals, sig)
			}
		}
	}
	ctx, stop := signal.NotifyContext(ctx, signals...)
	defer stop()

	var finished bool
	if !screen.Full {
		lo := linemode.Options{In: deps.IO.In, Out: screen.Explained(deps.LinesTo(opts.Out == "-")), Save: save, Context: ctx, Now: deps.Now, Resumed: resumed, Set: set, Scopes: scopes, Start: start, NewGoalID: opts.NewGoalID}
		if resumed {
			lo.Session, lo.Record = h.s.Sess, h.s.Rec
		}
		res, err := linemode.Run(lo)
		if errors.Is(err, linemode.ErrInterrupted) {
			if cerr := h.close(); cerr != nil {
				return cerr
			}
			return cmdutil.Silent(cmdutil.ExitInterrupted)
		}
		if err != nil {
			return err
		}
		finished = res.Finished
	} else {
		to := tui.Options{Set: set, Scopes: scopes, Start: start, In: deps.IO.In, Out: deps.IO.Err, NoColor: opts.NoColor || deps.Getenv("NO_COLOR") != "", ASCII: opts.ASCII, Now: deps.Now,
			HashFile: linemode.HashFile, NewGoalID: opts.NewGoalID,
			Save: func(*assessment.Session, *record.Record) error { return save() },
			// Each change is journalled off the keystroke path; the
			// screen says saved once the journal has it.
			Stage: func(*assessment.Session, *record.Record) func() error {
				if h.s == nil {
					return nil
				}
				return h.s.Stage()
			}}
		if resumed {
			to.Session, to.Record = h.s.Sess, h.s.Rec
		}
		// Cancelling the context (a signal) ends the questionnaire and
		// restores the terminal; every change was saved as it was made.
		to.Context = ctx
		res, err := tui.Run(to)
		if ctx.Err() != nil || errors.Is(err, tui.ErrInterrupted) {
			if cerr := h.close(); cerr != nil {
				return cerr
			}
			return cmdutil.Silent(cmdutil.ExitInterrupted)
		}
		if err != nil {
			return err
		}
		finished = res.Finished
	}
	if h.s == nil {
		return nil
	}
	rec := h.s.Rec
	// Leaving rewrites the record with everything (no journal is left).
	if err := h.close(); err != nil {
		return err
	}
	if finished || opts.Out != "" {
		return writeOut(deps, opts, rec)
	}
	return nil
}
