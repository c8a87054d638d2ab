package logcmd

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/store"
)

func newEdit(e *env) *cobra.Command {
	var ff *fieldFlags
	cmd := &cobra.Command{
		Use:   "edit ID [--FIELD VALUE]...",
		Short: "Change an entry of your CPD log (the old version stays in its history)",
		Long: `Change an entry. With field flags, those fields are changed and the entry is
checked and saved; without, reflect asks each field with the current value
in brackets (Enter keeps it, - clears it). The change is a new line of the
log: the entry as it was stays in its history ('reflect log show ID').`,
		Example: `  reflect log edit a-1a2b3c4d --hours 7
  reflect log edit f-5e6f7a8b`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.open(); err != nil {
				return err
			}
			l, err := cpdlog.Read(e.st)
			if err != nil {
				return err
			}
			en, err := find(l, args[0])
			if err != nil {
				return err
			}
			if en.Removed {
				return fmt.Errorf("%s was removed (%s); it cannot be changed. Add a new entry instead", en.ID, en.Reason)
			}
			it := en.Item
			it.Anonymised = false
			if err := ff.apply(cmd, &it, e.deps.Now()); err != nil {
				var fe cpdlog.FieldErrors
				if errors.As(err, &fe) {
					return refuse(fe)
				}
				return err
			}
			ctx, err := e.context(l, ff.outside)
			if err != nil {
				return err
			}
			if len(ff.given(cmd)) > 0 || ff.noInput {
				if es := cpdlog.Validate(&it, ctx); len(es) > 0 {
					return refuse(es)
				}
				if err := checkIdentifiers(e.deps.IO.Err, &it, ff.confirm || en.Item.Anonymised); err != nil {
					return err
				}
				return save(e, cpdlog.OpEdit, en.ID, &it, "")
			}
			p := newPrompter(e.deps.IO.In, e.deps.IO.Err)
			p.printf("Changing %s (%s). Enter keeps what is in brackets; - clears it; back, help, quit.\n", en.ID, cpdlog.Kind(it.Kind).Title)
			if err := fill(e, p, &it, ctx, func() error { return nil }); err != nil {
				if errors.Is(err, errQuit) {
					p.printf("Stopped; nothing was changed.\n")
					return cmdutil.Silent(cmdutil.ExitOK)
				}
				return err
			}
			ok, err := confirmSave(p, &it)
			if err != nil || !ok {
				p.printf("Nothing was changed.\n")
				return nil
			}
			return save(e, cpdlog.OpEdit, en.ID, &it, "")
		},
	}
	ff = addFieldFlags(cmd, cpdlog.KindNames()...)
	return cmd
}

// find resolves an id or a unique start of one.
func find(l *cpdlog.Log, id string) (*cpdlog.Entry, error) {
	if en := l.Get(id); en != nil && en.ID != cpdlog.SettingsID {
		return en, nil
	}
	var hits []*cpdlog.Entry
	for _, en := range l.Entries(true) {
		if strings.HasPrefix(en.ID, id) {
			hits = append(hits, en)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return nil, fmt.Errorf("there is no entry %q in your CPD log (run 'reflect log list' to see the ids)", id)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return nil, fmt.Errorf("%q could be any of %s; give more of the id", id, strings.Join(ids, ", "))
}

func newList(e *env) *cobra.Command {
	var kind string
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--kind KIND] [--all] [--json]",
		Short: "List the entries of your CPD log, by date",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if kind != "" {
				k, err := parseKind(kind)
				if err != nil {
					return err
				}
				kind = k
			}
			if err := e.open(); err != nil {
				return err
			}
			l, err := cpdlog.Read(e.st)
			if err != nil {
				return err
			}
			var list []*cpdlog.Entry
			for _, en := range l.Entries(all) {
				if kind == "" || en.Item.Kind == kind {
					list = append(list, en)
				}
			}
			if asJSON {
				out := []jsonEntry{}
				for _, en := range list {
					out = append(out, toJSON(en))
				}
				return printJSON(e.deps.IO.Out, out)
			}
			if len(list) == 0 {
				fmt.Fprintf(e.deps.IO.Err, "Your CPD log has no entries%s yet. Add one with 'reflect log add'.\n", map[bool]string{true: " of that kind", false: ""}[kind != ""])
				return nil
			}
			tw := tabwriter.NewWriter(e.deps.IO.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tDATES\tHOURS\tTITLE")
			for _, en := range list {
				it := en.Item
				first, last := it.Days()
				d := first
				if last != first {
					d += " to " + last
				}
				h := ""
				if it.Hours > 0 {
					h = cpdlog.FormatHours(it.Hours)
					if it.ParticipatoryHours > 0 {
						h += " (" + cpdlog.FormatHours(it.ParticipatoryHours) + " p)"
					}
				}
				title := oneLine(titleOf(&it))
				if en.Removed {
					title = "[removed] " + title
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", en.ID, it.Kind, d, h, title)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "", "only entries of this kind")
	cmd.Flags().BoolVar(&all, "all", false, "also the removed entries")
	cmd.Flags().BoolVar(&asJSON, "json", false, "as JSON")
	return cmd
}

type jsonEntry struct {
	ID        string      `json:"id"`
	Item      cpdlog.Item `json:"item"`
	Added     string      `json:"added"`
	Updated   string      `json:"updated"`
	Revisions int         `json:"revisions"`
	Removed   bool        `json:"removed,omitempty"`
	Reason    string      `json:"removed_reason,omitempty"`
}

func toJSON(en *cpdlog.Entry) jsonEntry {
	return jsonEntry{ID: en.ID, Item: en.Item, Added: en.Added.UTC().Format("2006-01-02T15:04:05Z"), Updated: en.Updated.UTC().Format("2006-01-02T15:04:05Z"), Revisions: en.Revisions, Removed: en.Removed, Reason: en.Reason}
}

// writeItem writes the fields of an entry that have a value, as "Label: value".
func writeItem(w io.Writer, it *cpdlog.Item, indent string) {
	fmt.Fprintf(w, "%s%s\n", indent, strings.ToUpper(cpdlog.Kind(it.Kind).Title[:1])+cpdlog.Kind(it.Kind).Title[1:])
	for _, f := range cpdlog.Fields(it.Kind) {
		v := current(&f, it)
		if f.E != nil {
			var parts []string
			for _, ev := range *f.E(it) {
				parts = append(parts, fmt.Sprintf("%s (%d bytes, SHA-256 %s)", ev.File, ev.Size, ev.SHA256))
			}
			v = strings.Join(parts, "; ")
		}
		if len(f.Choices) > 0 && f.S != nil {
			v = cpdlog.ChoiceTitle(f.Choices, v)
		}
		if v == "" {
			continue
		}
		label := strings.TrimSuffix(f.Label, "?")
		if i := strings.Index(label, " ("); i > 0 {
			label = label[:i]
		}
		if strings.Contains(v, "\n") {
			fmt.Fprintf(w, "%s  %s:\n", indent, label)
			for _, line := range strings.Split(v, "\n") {
				fmt.Fprintf(w, "%s    %s\n", indent, line)
			}
			continue
		}
		fmt.Fprintf(w, "%s  %s: %s\n", indent, label, v)
	}
	if it.Anonymised {
		fmt.Fprintf(w, "%s  (you confirmed that what the identifier check flagged identifies nobody)\n", indent)
	}
}

func newShow(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID [--json]",
		Short: "Show an entry of your CPD log with its history",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.open(); err != nil {
				return err
			}
			l, err := cpdlog.Read(e.st)
			if err != nil {
				return err
			}
			en, err := find(l, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(e.deps.IO.Out, struct {
					jsonEntry
					History []cpdlog.Event `json:"history"`
				}{toJSON(en), l.History(en.ID)})
			}
			w := e.deps.IO.Out
			fmt.Fprintf(w, "%s\n", en.ID)
			writeItem(w, &en.Item, "")
			fmt.Fprintf(w, "\nHistory:\n")
			for _, ev := range l.History(en.ID) {
				when := ev.At.Local().Format("2 Jan 2006 15:04")
				switch ev.Op {
				case cpdlog.OpAdd:
					fmt.Fprintf(w, "  %s  added (change %d)\n", when, ev.Seq)
				case cpdlog.OpEdit:
					fmt.Fprintf(w, "  %s  changed (change %d)%s\n", when, ev.Seq, changedFields(l, en.ID, ev.Seq))
				case cpdlog.OpRemove:
					fmt.Fprintf(w, "  %s  removed (change %d): %s\n", when, ev.Seq, ev.Reason)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "as JSON, with every version")
	return cmd
}

// changedFields names the fields an edit changed.
func changedFields(l *cpdlog.Log, id string, seq int) string {
	var prev *cpdlog.Item
	for _, ev := range l.History(id) {
		if ev.Seq == seq && prev != nil && ev.Item != nil {
			var names []string
			for _, f := range cpdlog.Fields(ev.Item.Kind) {
				if current(&f, prev) != current(&f, ev.Item) {
					names = append(names, f.Key)
				}
			}
			if len(names) == 0 {
				return ""
			}
			return ": " + strings.Join(names, ", ")
		}
		if ev.Item != nil {
			prev = ev.Item
		}
	}
	return ""
}

func newRemove(e *env) *cobra.Command {
	var reason string
	var yes bool
	cmd := &cobra.Command{
		Use:   "remove ID --reason TEXT",
		Short: "Remove an entry from your CPD log (it stays in the history, and no longer counts)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.open(); err != nil {
				return err
			}
			l, err := cpdlog.Read(e.st)
			if err != nil {
				return err
			}
			en, err := find(l, args[0])
			if err != nil {
				return err
			}
			if en.Removed {
				return fmt.Errorf("%s was already removed (%s)", en.ID, en.Reason)
			}
			if strings.TrimSpace(reason) == "" || !yes {
				if !e.deps.IO.InIsTerminal() && strings.TrimSpace(reason) == "" {
					return cmdutil.Usagef("say why with --reason TEXT (e.g. --reason \"entered twice\"); the reason is kept in the log's history")
				}
				p := newPrompter(e.deps.IO.In, e.deps.IO.Err)
				writeItem(p.out, &en.Item, "")
				if strings.TrimSpace(reason) == "" {
					p.printf("Why remove it? (kept in the log's history)\n> ")
					s, err := p.line()
					if err != nil || strings.TrimSpace(s) == "" {
						p.printf("Nothing was removed.\n")
						return nil
					}
					reason = strings.TrimSpace(s)
				}
				if !yes {
					ok, err := p.yesNo("Remove it?", false)
					if err != nil || !ok {
						p.printf("Nothing was removed.\n")
						return nil
					}
				}
			}
			return save(e, cpdlog.OpRemove, en.ID, nil, reason)
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "why it is removed (kept in the history)")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}

func newVerify(e *env) *cobra.Command {
	var head string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify [--head DIGEST]",
		Short: "Check that the CPD log was not back-filled or edited after the fact",
		Long: `Check the whole CPD log: every line against its digest (an entry edited after
it was written), every line's link to the one before (a line removed,
inserted or moved), the numbering, and that each change was written no
earlier than the one before (back-filling). Every break is listed with its
line. The latest digest is printed: note it, or hand it in with your
portfolio (it is on it); later, --head DIGEST shows the log still holds
exactly what it held then.

Exit status: 0 the chain holds (and holds DIGEST, with --head); 4 it is
broken, or does not hold DIGEST; 1 the log cannot be read.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.open(); err != nil {
				return err
			}
			data, err := cpdlog.ReadRaw(e.st)
			if err != nil {
				return err
			}
			v := cpdlog.Verify(data, head)
			if asJSON {
				if err := printJSON(e.deps.IO.Out, v); err != nil {
					return err
				}
			} else {
				w := e.deps.IO.Out
				path := e.st.LogPath(store.LogFile)
				switch {
				case v.Lines == 0:
					fmt.Fprintf(w, "Your CPD log is empty (%s).\n", path)
				case v.OK():
					fmt.Fprintf(w, "The CPD log's chain holds: %d changes, from %s to %s, each linked to the one before.\n", v.Lines, v.First.Local().Format("2 Jan 2006 15:04"), v.Last.Local().Format("2 Jan 2006 15:04"))
					fmt.Fprintf(w, "Latest digest: %s\n", v.Head)
				default:
					fmt.Fprintf(w, "The CPD log's chain is broken (%s):\n", path)
					for _, b := range v.Breaks {
						fmt.Fprintf(w, "  %s\n", b)
					}
					fmt.Fprintf(w, "It cannot show that the log was not changed after the fact. The copy before the last save is %s.bak.\n", path)
				}
				if head != "" {
					if v.AnchorFound {
						fmt.Fprintf(w, "The log holds %s at line %d: everything up to it is as it was then.\n", head, v.AnchorLine)
					} else {
						fmt.Fprintf(w, "The log does not hold %s: it is not the log that digest was taken from, or lines up to it were changed.\n", head)
					}
				}
			}
			if !v.OK() || (head != "" && !v.AnchorFound) {
				return cmdutil.Silent(cmdutil.ExitChanged)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&head, "head", "", "a digest noted earlier: check the log still holds it")
	cmd.Flags().BoolVar(&asJSON, "json", false, "as JSON")
	return cmd
}

func newSettings(e *env) *cobra.Command {
	var ff *fieldFlags
	cmd := &cobra.Command{
		Use:   "settings [--regulator ID] [--renewal YYYY-MM-DD] [--appraisal YYYY-MM-DD] [--name NAME] [--registration PIN] [--profession TEXT]",
		Short: "Show or set your regulator, renewal date and details for the forms",
		Long: `Show your settings, or change those given. The regulator decides which
activity types the log offers and which rules 'reflect portfolio' and
'reflect due' use; the renewal date ends your cycle. Your name and
registration number go on the forms. An empty value (--name "") clears it.`,
		Example: `  reflect log settings
  reflect log settings --regulator nmc --renewal 2027-03-31 --name "Alex Morgan" --registration 12A3456E`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := e.open(); err != nil {
				return err
			}
			l, err := cpdlog.Read(e.st)
			if err != nil {
				return err
			}
			set := l.Settings()
			given := ff.given(cmd)
			if cmd.Flags().Changed("regulator") {
				set.Regulator = strings.ToLower(strings.TrimSpace(e.regulator))
				given = append(given, "regulator")
			}
			if len(given) == 0 {
				writeItem(e.deps.IO.Out, &set, "")
				if set.Regulator == "" {
					fmt.Fprintf(e.deps.IO.Err, "Set your regulator and renewal date with: reflect log settings --regulator nmc --renewal YYYY-MM-DD\n")
				}
				return nil
			}
			if err := ff.apply(cmd, &set, e.deps.Now()); err != nil {
				var fe cpdlog.FieldErrors
				if errors.As(err, &fe) {
					return refuse(fe)
				}
				return err
			}
			e.regulator = ""
			ctx, err := e.context(l, false)
			if err != nil {
				return err
			}
			if es := cpdlog.Validate(&set, ctx); len(es) > 0 {
				return refuse(es)
			}
			return save(e, cpdlog.OpEdit, cpdlog.SettingsID, &set, "")
		},
	}
	// --regulator is the log's persistent flag; the rest are the settings' own.
	ff = &fieldFlags{vals: map[string]*string{}}
	for _, f := range cpdlog.Fields(cpdlog.KindSettings) {
		if f.Key == "regulator" {
			continue
		}
		v := new(string)
		ff.vals[f.Key] = v
		cmd.Flags().StringVar(v, f.Key, "", f.Help)
	}
	return cmd
}
