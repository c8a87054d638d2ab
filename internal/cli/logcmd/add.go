package logcmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/store"
)

func newAdd(e *env) *cobra.Command {
	var ff *fieldFlags
	cmd := &cobra.Command{
		Use:   "add [KIND] [--FIELD VALUE]...",
		Short: "Add an entry to your CPD log (a CPD activity unless you name another kind)",
		Long: `Add an entry to your CPD log. KIND is one of ` + strings.Join(cpdlog.KindNames(), ", ") + `
(default: activity).

Without field flags, reflect asks for each field in turn, as plain prompts
on standard error: Enter keeps what is shown in brackets, - clears it, and
at any prompt help explains the field, back goes to the one before, skip
leaves an optional field empty and quit stops. What you typed is kept, and
offered again the next time you add an entry of that kind.

With field flags (for scripts), nothing is asked: the entry is checked and
saved, or refused with every problem listed and nothing saved.

Dates are YYYY-MM-DD (or today, yesterday); hours are 6.5, 6:30 or 6h30m.
The activity type comes from your regulator's list (set your regulator with
'reflect log settings --regulator'); participatory hours are at most the
hours. Evidence files are recorded by name, size and SHA-256, never copied.`,
		Example: `  reflect log add
  reflect log add feedback
  reflect log add activity --title "Safety planning study day" --start 2026-03-05 --type course --hours 6.5 --participatory-hours 6.5 --evidence certificate.pdf
  reflect log add practice --start 2025-04-01 --end 2026-03-31 --organisation "City Hospital" --scope "direct clinical care" --hours 1350
  reflect log add discussion --date 2026-11-20 --partner-name "Sam Patel" --partner-pin 98B7654C --partner-email sam.patel@example.org --partner-address "1 Hospital Road, Nottingham" --partner-postcode "NG7 2UH" --accounts ra-1a2b3c4d,r-0123456789abcdef`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := cpdlog.KindActivity
			if len(args) == 1 {
				k, err := parseKind(args[0])
				if err != nil {
					return err
				}
				kind = k
			}
			return runAdd(e, cmd, ff, kind)
		},
	}
	cmd.ValidArgs = cpdlog.KindNames()
	ff = addFieldFlags(cmd, cpdlog.KindNames()...)
	return cmd
}

func runAdd(e *env, cmd *cobra.Command, ff *fieldFlags, kind string) error {
	if err := e.open(); err != nil {
		return err
	}
	l, err := cpdlog.Read(e.st)
	if err != nil {
		return err
	}
	it := &cpdlog.Item{Kind: kind}
	now := e.deps.Now()
	var parseErrs cpdlog.FieldErrors
	if err := ff.apply(cmd, it, now); err != nil && !errors.As(err, &parseErrs) {
		return err
	}
	scripted := len(ff.given(cmd)) > 0 || ff.noInput
	ctx, err := e.context(l, ff.outside)
	if err != nil {
		return err
	}
	if scripted {
		if it.Kind == cpdlog.KindActivity && it.Type != "" && ctx.Rules != nil && !cmd.Flags().Changed("participatory-hours") {
			if t := ctx.Rules.Type(it.Type); t != nil && t.Participatory {
				it.ParticipatoryHours = it.Hours
			}
		}
		if ctx.Rules != nil && it.Type != "" {
			it.TypeScheme = ctx.Rules.ID
		}
		if es := merge(parseErrs, cpdlog.Validate(it, ctx)); len(es) > 0 {
			return refuse(es)
		}
		if err := refuseRecordActivity(e, it); err != nil {
			return err
		}
		if err := checkIdentifiers(e.deps.IO.Err, it, ff.confirm); err != nil {
			return err
		}
		return save(e, cpdlog.OpAdd, "", it, "")
	}
	p := newPrompter(e.deps.IO.In, e.deps.IO.Err)
	info := cpdlog.Kind(kind)
	p.printf("Adding %s to your CPD log: %s.\n", article(info.Title), info.Help)
	p.printf("%s\n", cpd.PrivacyNote)
	p.printf("At any prompt: help, back, skip (an optional field), quit. What you type is kept if you stop.\n")
	if d, err := cpdlog.LoadDraft(e.st, kind); err != nil {
		p.printf("Note: %v\n", err)
	} else if d != nil {
		p.printf("\nYou started %s on %s and did not finish it.\n", article(info.Title), d.Saved.Local().Format("2 Jan 2006 at 15:04"))
		yes, err := p.yesNo("Carry on with it?", true)
		if errors.Is(err, errQuit) {
			return cmdutil.Silent(cmdutil.ExitOK)
		}
		if yes {
			*it = d.Item
			it.Kind = kind
		}
	}
	if kind == cpdlog.KindActivity && ctx.Rules == nil {
		if err := askRegulator(e, p, l, &ctx); err != nil {
			return quitOr(p, err)
		}
	}
	if err := fill(e, p, it, ctx, func() error {
		return cpdlog.SaveDraft(e.st, &cpdlog.Draft{Kind: kind, Item: *it, Saved: e.deps.Now()})
	}); err != nil {
		return quitOr(p, err)
	}
	if ctx.Rules != nil && it.Type != "" {
		it.TypeScheme = ctx.Rules.ID
	}
	if err := refuseRecordActivity(e, it); err != nil {
		return err
	}
	ok, err := confirmSave(p, it)
	if err != nil {
		return quitOr(p, err)
	}
	if !ok {
		p.printf("Not saved. What you typed is kept: run 'reflect log add %s' to carry on.\n", kind)
		return nil
	}
	if err := save(e, cpdlog.OpAdd, "", it, ""); err != nil {
		return err
	}
	_ = cpdlog.RemoveDraft(e.st, kind)
	return nil
}

// merge adds to the parse errors the checks' errors of other fields (a
// field that did not parse is reported once).
func merge(parse, checks cpdlog.FieldErrors) cpdlog.FieldErrors {
	bad := map[string]bool{}
	for _, e := range parse {
		bad[e.Key] = true
	}
	out := append(cpdlog.FieldErrors{}, parse...)
	for _, e := range checks {
		if !bad[e.Key] {
			out = append(out, e)
		}
	}
	return out
}

func quitOr(p *prompter, err error) error {
	if errors.Is(err, errQuit) {
		p.printf("Stopped. What you typed is kept; run the same command to carry on.\n")
		return cmdutil.Silent(cmdutil.ExitOK)
	}
	return err
}

func article(s string) string {
	switch {
	case strings.HasPrefix(s, "practice"):
		return s
	case strings.HasPrefix(s, "HCPC") || strings.ContainsRune("aeiou", rune(s[0])):
		return "an " + s
	}
	return "a " + s
}

// askRegulator asks whose list of activity types to use and keeps the
// answer in the settings.
func askRegulator(e *env, p *prompter, l *cpdlog.Log, ctx *cpdlog.Context) error {
	f := cpdlog.FieldByKey(cpdlog.KindSettings, "regulator")
	set := l.Settings()
	for {
		p.printf("\nWhich regulator are you registered with? (%s) Activity types come from its list; reflect keeps your answer.\n> ", strings.Join(ctx.Regulators, ", "))
		s, err := p.line()
		if err != nil {
			return err
		}
		if handled, err := p.command(s, f, false); handled {
			if err != nil {
				return err
			}
			continue
		}
		set.Regulator = strings.ToLower(strings.TrimSpace(s))
		if es := cpdlog.ValidateField(f, &set, *ctx); len(es) > 0 {
			p.printf("%v\n", cpdlog.FieldErrors(es))
			continue
		}
		break
	}
	if err := save(e, cpdlog.OpEdit, cpdlog.SettingsID, &set, ""); err != nil {
		return err
	}
	e.regulator = set.Regulator
	nctx, err := e.context(l, ctx.OutsideCycle)
	if err != nil {
		return err
	}
	*ctx = nctx
	return nil
}

// fill asks every field of the item's kind in turn; back goes to the one
// before. Each answer is checked at once against the rest of the entry.
func fill(e *env, p *prompter, it *cpdlog.Item, ctx cpdlog.Context, keep func() error) error {
	fields := cpdlog.Fields(it.Kind)
	for i := 0; i < len(fields); i++ {
		f := &fields[i]
		if f.Kind == cpdlog.FieldType && ctx.Rules != nil {
			f.Choices = nil
			for _, t := range ctx.Rules.Types {
				title := t.Title
				if t.Participatory {
					title += " [participatory]"
				}
				f.Choices = append(f.Choices, cpdlog.Choice{ID: t.ID, Title: title})
			}
		}
		def := ""
		if f.Key == "participatory-hours" && it.Hours > 0 && ctx.Rules != nil {
			if t := ctx.Rules.Type(it.Type); t != nil && t.Participatory {
				def = cpdlog.FormatHours(it.Hours)
			} else {
				def = "0"
			}
		}
		err := p.askField(i+1, len(fields), f, it, def, func(s string) error {
			before := *it
			if err := f.Set(it, s, e.deps.Now()); err != nil {
				return err
			}
			if es := cpdlog.ValidateField(f, it, ctx); len(es) > 0 {
				*it = before
				return cpdlog.FieldErrors(es)
			}
			if f.Identify && f.S != nil {
				if fs := anonymise.Check([]anonymise.Field{{Name: f.Key, Text: *f.S(it)}}); len(fs) > 0 {
					for _, x := range fs {
						p.printf("Note: %q looks like %s. Keep entries about your learning, not about a person.\n", x.Excerpt, describeKind(x.Kind))
					}
				}
			}
			return nil
		})
		if errors.Is(err, errBack) {
			i -= 2
			if i < -1 {
				i = -1
			}
			continue
		}
		if err != nil {
			_ = keep()
			return err
		}
		if err := keep(); err != nil {
			p.printf("Note: what you typed could not be kept as a draft: %v\n", err)
		}
	}
	// A change to one field can make another wrong (the hours after the
	// dates changed): check the whole entry, and ask again where needed.
	for round := 0; round < 5; round++ {
		es := cpdlog.Validate(it, ctx)
		if len(es) == 0 {
			return nil
		}
		p.printf("\nSomething needs another look:\n%v\n", es)
		f := cpdlog.FieldByKey(it.Kind, es[0].Key)
		if f == nil {
			return es
		}
		if err := p.askField(1, 1, f, it, "", func(s string) error { return f.Set(it, s, e.deps.Now()) }); err != nil {
			return err
		}
		_ = keep()
	}
	return cpdlog.Validate(it, ctx)
}

func describeKind(k string) string { return anonymise.Describe(k) }

// confirmSave shows the entry, what the identifier check flags, and asks.
func confirmSave(p *prompter, it *cpdlog.Item) (bool, error) {
	p.printf("\n%s\n", strings.Repeat("-", 40))
	writeItem(p.out, it, "")
	if fs := cpdlog.Findings(it); len(fs) > 0 {
		p.printf("\nThe identifier check flags:\n")
		for _, f := range fs {
			p.printf("  %s: %q looks like %s\n", f.Field, f.Excerpt, describeKind(f.Kind))
		}
		ok, err := p.yesNo("Do you confirm that this identifies no patient, service user, family member or colleague?", false)
		if err != nil || !ok {
			if err == nil {
				p.printf("Then please change it first: run the command again to carry on where you were.\n")
			}
			return false, err
		}
		it.Anonymised = true
	}
	return p.yesNo("Save this entry?", true)
}

// refuseRecordActivity stops a record's own activity being entered twice.
func refuseRecordActivity(e *env, it *cpdlog.Item) error {
	if it.Kind != cpdlog.KindActivity {
		return nil
	}
	list, err := e.st.List()
	if err != nil {
		return nil
	}
	for _, en := range list {
		if en.Err != nil {
			continue
		}
		r, err := e.st.Load(en.ID)
		if err != nil {
			continue
		}
		a := r.Activity
		if a.StartDate != "" && a.StartDate == it.Start && strings.EqualFold(strings.TrimSpace(a.Title), strings.TrimSpace(it.Title)) {
			return fmt.Errorf("this is the activity of your assessment %s (%q, %s), which already counts in your portfolio; there is no need to enter it again. Nothing was saved. (To link a log entry to the record, use --records %s.)", r.ID, a.Title, a.StartDate, r.ID)
		}
	}
	return nil
}

// save appends the change and says what was done.
func save(e *env, op, id string, it *cpdlog.Item, reason string) error {
	ev, err := cpdlog.Update(e.st, e.deps.Now(), "reflect "+e.deps.Version, func(l *cpdlog.Log) (cpdlog.Change, error) {
		if op == cpdlog.OpAdd {
			id = l.NewID(it.Kind)
		}
		return cpdlog.Change{Op: op, ID: id, Item: it, Reason: reason}, nil
	})
	var busy *store.BusyError
	if errors.As(err, &busy) {
		return cmdutil.Exit(cmdutil.ExitBusy, fmt.Errorf("%w. Nothing was saved; run the command again once it is closed", err))
	}
	if err != nil {
		return err
	}
	w := e.deps.IO.Err
	switch op {
	case cpdlog.OpAdd:
		fmt.Fprintf(w, "Added %s (%s: %s).\n", ev.ID, cpdlog.Kind(it.Kind).Title, oneLine(titleOf(it)))
		fmt.Fprintln(e.deps.IO.Out, ev.ID)
	case cpdlog.OpEdit:
		if id == cpdlog.SettingsID {
			fmt.Fprintf(w, "Saved your settings.\n")
		} else {
			fmt.Fprintf(w, "Saved the change to %s; the entry as it was is kept in the log's history ('reflect log show %s').\n", id, id)
		}
	case cpdlog.OpRemove:
		fmt.Fprintf(w, "Removed %s. It no longer counts; the entry and why it was removed stay in the log's history.\n", id)
	}
	fmt.Fprintf(w, "The log has %d change%s; its latest digest is %s.\n", ev.Seq, map[bool]string{true: "", false: "s"}[ev.Seq == 1], shortDigest(e))
	return nil
}

func shortDigest(e *env) string {
	l, err := cpdlog.Read(e.st)
	if err != nil {
		return "?"
	}
	_, h := l.Head()
	return h
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func titleOf(it *cpdlog.Item) string {
	for _, s := range []string{it.Title, it.Organisation, it.PartnerName, it.Peer, it.Description, it.Explanation, it.Summary} {
		if s != "" {
			if r := []rune(oneLine(s)); len(r) > 60 {
				return string(r[:57]) + "…"
			}
			return s
		}
	}
	return it.When()
}
