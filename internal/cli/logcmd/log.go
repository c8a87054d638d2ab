// Package logcmd implements `reflect log`: the CPD log kept beside the
// assessments (add, list, show, edit, remove, verify, settings).
package logcmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/portfolio"
	"github.com/reflect-cpd/reflect/internal/rules"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// env is what the log's commands share.
type env struct {
	deps      *cmdutil.Deps
	st        *store.Store
	rulesFile string
	regulator string
}

func (e *env) open() error {
	if e.st != nil {
		return nil
	}
	st, err := e.deps.Store()
	if err != nil {
		return err
	}
	e.st = st
	return nil
}

// RulesSet returns the shipped rules, with the rules file given (if any)
// replacing the shipped ones of the same id.
func RulesSet(file string) (*rules.Set, *rules.Rules, error) {
	s, err := rules.Shipped()
	if err != nil {
		return nil, nil, fmt.Errorf("the regulators' rules built into reflect did not load: %w", err)
	}
	if file == "" {
		return s, nil, nil
	}
	own, err := rules.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	all := []*rules.Rules{own}
	for _, id := range s.IDs() {
		if id != own.ID {
			all = append(all, s.Get(id))
		}
	}
	return rules.NewSet(all...), own, nil
}

// context builds what checking an entry needs: the regulator's rules (from
// --regulator, --rules or the settings), the cycle's start and the ids
// that entries may link to.
func (e *env) context(l *cpdlog.Log, outside bool) (cpdlog.Context, error) {
	set, own, err := RulesSet(e.rulesFile)
	if err != nil {
		return cpdlog.Context{}, err
	}
	ctx := cpdlog.Context{Today: e.deps.Now(), Regulators: set.IDs(), OutsideCycle: outside}
	reg := e.regulator
	if reg == "" && own != nil {
		reg = own.ID
	}
	if reg == "" {
		reg = l.Settings().Regulator
	}
	if reg != "" {
		r, err := set.Lookup(reg)
		if err != nil {
			return ctx, cmdutil.Usagef("%v", err)
		}
		ctx.Rules = r
		if ren := l.Settings().Renewal; ren != "" {
			if s, _, err := portfolio.CycleFor(r, ren); err == nil {
				ctx.CycleStart = s.Format(cpdlog.DateLayout)
			}
		}
	}
	ids := map[string]string{}
	for _, en := range l.Entries(true) {
		ids[en.ID] = en.Item.Kind
	}
	if list, err := e.st.List(); err == nil {
		for _, r := range list {
			ids[r.ID] = cpdlog.KindRecord
		}
	}
	ctx.Known = func(id string) bool { _, ok := ids[id]; return ok }
	ctx.KindOf = func(id string) string { return ids[id] }
	return ctx, nil
}

// NewCmd returns the log command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	e := &env{deps: deps}
	var kinds []string
	for _, k := range cpdlog.Kinds {
		if k.Kind != cpdlog.KindSettings {
			kinds = append(kinds, fmt.Sprintf("  %-20s %s", k.Kind, k.Help))
		}
	}
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Keep your CPD log: activities, practice hours, feedback, reflective accounts and discussions",
		Long: `Keep a CPD log beside your assessments, for your regulator's cycle: the
activities that are not reflect self-assessments (courses, study days,
reading, supervision) and the other things a cycle counts.

Kinds of entry:
` + strings.Join(kinds, "\n") + `

A reflect assessment's own activity already counts (see 'reflect
portfolio'): there is no need to enter it again.

The log lives in your data folder (` + "`log/cpd-log.jsonl`" + `), private to you,
saved atomically with the previous copy kept. It is tamper-evident: every
change is a new line that carries the digest of the line before, so
'reflect log verify' can show it was neither back-filled nor edited after
the fact. Editing or removing an entry adds a line; nothing is lost.

Keep what you write anonymous: reflect checks free text for things that
could identify someone, as it does in records. Written reflections are not
legally privileged.`,
		Example: `  reflect log settings --regulator nmc --renewal 2027-03-31 --name "Alex Morgan" --registration 12A3456E
  reflect log add                     # a CPD activity, question by question
  reflect log add activity --title "Safety planning study day" --start 2026-03-05 --type course --hours 6.5 --participatory-hours 6.5
  reflect log add feedback --date 2026-02-01 --source patient --description "…" --learning "…"
  reflect log list
  reflect log verify`,
	}
	pf := cmd.PersistentFlags()
	pf.StringVar(&e.rulesFile, "rules", "", "a rules file of your own (YAML, as frameworks/regulators/*.yaml) for its activity types")
	pf.StringVar(&e.regulator, "regulator", "", "whose list of activity types to use: nmc, hcpc, swe or gmc (default: your settings)")
	cmd.AddCommand(newAdd(e), newEdit(e), newList(e), newShow(e), newRemove(e), newVerify(e), newSettings(e))
	return cmd
}

// fieldFlags registers a flag for every field of every kind.
type fieldFlags struct {
	vals    map[string]*string
	outside bool
	confirm bool
	noInput bool
}

func addFieldFlags(cmd *cobra.Command, kinds ...string) *fieldFlags {
	ff := &fieldFlags{vals: map[string]*string{}}
	seen := map[string]bool{}
	for _, k := range kinds {
		for _, f := range cpdlog.Fields(k) {
			if seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			v := new(string)
			ff.vals[f.Key] = v
			cmd.Flags().StringVar(v, f.Key, "", f.Help)
		}
	}
	cmd.Flags().BoolVar(&ff.outside, "outside-cycle", false, "keep dates before your current cycle (they will not count towards this renewal)")
	cmd.Flags().BoolVar(&ff.confirm, "confirm-anonymised", false, "you have read what the identifier check flags and confirm it identifies nobody")
	cmd.Flags().BoolVar(&ff.noInput, "no-input", false, "never ask: refuse if something needed is missing")
	return ff
}

// given returns the field flags set on the command line.
func (ff *fieldFlags) given(cmd *cobra.Command) []string {
	var out []string
	for key := range ff.vals {
		if cmd.Flags().Changed(key) {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}

// apply sets the flags given on the item; a flag of another kind is a usage error.
func (ff *fieldFlags) apply(cmd *cobra.Command, it *cpdlog.Item, today time.Time) error {
	var errs cpdlog.FieldErrors
	for _, key := range ff.given(cmd) {
		f := cpdlog.FieldByKey(it.Kind, key)
		if f == nil {
			return cmdutil.Usagef("--%s does not apply to a %s (its fields: %s)", key, cpdlog.Kind(it.Kind).Title, fieldKeys(it.Kind))
		}
		if err := f.Set(it, *ff.vals[key], today); err != nil {
			errs = append(errs, cpdlog.FieldError{Key: key, Msg: err.Error()})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func fieldKeys(kind string) string {
	var ks []string
	for _, f := range cpdlog.Fields(kind) {
		ks = append(ks, "--"+f.Key)
	}
	return strings.Join(ks, ", ")
}

// refuse turns field problems into the error shown, saying nothing was saved.
func refuse(es cpdlog.FieldErrors) error {
	return fmt.Errorf("%v\nNothing was saved: correct what is listed and run the command again", es)
}

// checkIdentifiers refuses text that the identifier check flags, unless
// the person confirms; it reports what was found.
func checkIdentifiers(w io.Writer, it *cpdlog.Item, confirmed bool) error {
	fs := cpdlog.Findings(it)
	if len(fs) == 0 {
		it.Anonymised = false
		return nil
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  --%s: %q looks like %s\n", f.Field, f.Excerpt, describeKind(f.Kind))
	}
	if confirmed {
		fmt.Fprintf(w, "The identifier check flagged:\n%sYou confirmed with --confirm-anonymised that none of it identifies anyone.\n", b.String())
		it.Anonymised = true
		return nil
	}
	return fmt.Errorf("the identifier check flagged what could identify someone you supported:\n%sNothing was saved. Take it out (keep entries about your learning, not about a person), or if it identifies nobody (your own team's postcode, a course's date), add --confirm-anonymised", b.String())
}

func parseKind(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "peer" {
		s = cpdlog.KindPeer
	}
	if k := cpdlog.Kind(s); k != nil && k.Kind != cpdlog.KindSettings {
		return s, nil
	}
	hint := "use one of " + strings.Join(cpdlog.KindNames(), ", ")
	if sug := yamlx.Suggest(s, cpdlog.KindNames()); sug != "" {
		hint = fmt.Sprintf("did you mean %s? (%s)", sug, hint)
	}
	return "", cmdutil.Usagef("%q is not a kind of log entry; %s", s, hint)
}

// PrintJSON writes v as indented JSON.
func PrintJSON(w io.Writer, v any) error { return printJSON(w, v) }

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

var errNothing = errors.New("nothing to do")
