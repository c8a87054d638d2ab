// Package due implements `reflect due`: what falls due and when, as text
// and as an iCalendar file written locally.
package due

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cli/logcmd"
	"github.com/reflect-cpd/reflect/internal/cli/supervise"
	"github.com/reflect-cpd/reflect/internal/cpdlog"
	dd "github.com/reflect-cpd/reflect/internal/due"
	"github.com/reflect-cpd/reflect/internal/ics"
	pf "github.com/reflect-cpd/reflect/internal/portfolio"
	"github.com/reflect-cpd/reflect/internal/rules"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

type options struct {
	icsFile   string
	force     bool
	asJSON    bool
	regulator string
	rules     string
	within    int
	review    int
	reassess  int
	fws       []string
}

// NewCmd returns the due command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "due [--ics FILE]",
		Short: "What falls due and when: renewal, goals, reviews, reassessment (and a calendar file)",
		Long: `List what falls due, overdue first: your renewal or revalidation date (from
'reflect log settings') with your regulator's reminders before it, your next
appraisal, the target dates of the goals in your development plans (as your
supervisor agreed them, when they amended the plan), a supervisor's review of
each finished assessment not yet reviewed, and when to assess yourself again
against each framework.

Reviews (within 28 days of finishing) and reassessment (12 months after)
are reflect's suggestions, not regulators' rules: change them with
--review-within and --reassess-after.

--ics FILE also writes the same as an iCalendar file (RFC 5545), privately
(mode 0600), that any calendar program imports: no calendar account, nothing
sent anywhere. Each item keeps its id from one export to the next, so
importing a newer file updates the events rather than doubling them.`,
		Example: `  reflect due
  reflect due --ics ~/reflect-due.ics --force
  reflect due --within 90`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return run(deps, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.icsFile, "ics", "", "also write an iCalendar file (mode 0600)")
	f.BoolVar(&o.force, "force", false, "replace the --ics file if it exists")
	f.BoolVar(&o.asJSON, "json", false, "as JSON")
	f.StringVar(&o.regulator, "regulator", "", "nmc, hcpc, swe or gmc (default: your log settings)")
	f.StringVar(&o.rules, "rules", "", "a rules file of your own (YAML)")
	f.IntVar(&o.within, "within", 0, "only what falls due within this many days (and everything overdue)")
	f.IntVar(&o.review, "review-within", 28, "days after finishing an assessment by which to have it reviewed")
	f.IntVar(&o.reassess, "reassess-after", 12, "months after an assessment to assess yourself again")
	f.StringArrayVar(&o.fws, "framework", nil, "a framework file a record was made with (for records of your own frameworks); repeat for several")
	return cmd
}

func run(deps *cmdutil.Deps, o *options) error {
	if o.review < 1 || o.review > 3650 {
		return cmdutil.Usagef("--review-within %d: give a number of days from 1 to 3650", o.review)
	}
	if o.reassess < 1 || o.reassess > 120 {
		return cmdutil.Usagef("--reassess-after %d: give a number of months from 1 to 120", o.reassess)
	}
	if o.within < 0 {
		return cmdutil.Usagef("--within %d: give a number of days, 0 or more", o.within)
	}
	if o.icsFile != "" && !o.force {
		if err := supervise.MustNotExist(o.icsFile); err != nil {
			return err
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
	var r *rules.Rules
	if reg != "" {
		if r, err = set.Lookup(reg); err != nil {
			return cmdutil.Usagef("--regulator: %v", err)
		}
	}
	recs, err := logcmd.LoadRecords(deps, st, o.fws, nil)
	if err != nil {
		return err
	}
	now := deps.Now()
	met := map[string]bool{}
	if r != nil {
		// What is already met this cycle (a reminder to do it is then left out).
		if p, err := pf.Build(pf.Input{Rules: r, Log: l, Records: recs, Today: now}); err == nil {
			for _, q := range p.Requirements {
				met[q.ID] = q.Met
			}
		}
	}
	items := dd.Build(dd.Input{Rules: r, Settings: l.Settings(), Records: recs, Today: now, ReviewWithin: time.Duration(o.review) * 24 * time.Hour, ReassessAfter: o.reassess, Met: met})
	if o.within > 0 {
		var kept []dd.Item
		for _, it := range items {
			if it.Days <= o.within {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	if o.icsFile != "" {
		cal := &ics.Calendar{Name: "reflect: what falls due", Stamp: now}
		for _, it := range items {
			d, _ := time.Parse(cpdlog.DateLayout, it.Date)
			ev := ics.Event{UID: it.UID, Date: d, Summary: it.Title, Description: it.Detail, Categories: []string{"reflect", it.Kind}}
			switch it.Kind {
			case dd.KindRenewal, dd.KindGoal, dd.KindAppraisal:
				ev.AlarmDays = 7
			}
			cal.Events = append(cal.Events, ev)
		}
		if err := supervise.WriteOutput(o.icsFile, cal.Marshal(), o.force); err != nil {
			return err
		}
		fmt.Fprintf(deps.IO.Err, "Wrote %s: %d event%s, to import into your calendar.\n", o.icsFile, len(items), plural(len(items)))
	}
	if o.asJSON {
		if items == nil {
			items = []dd.Item{}
		}
		return printJSON(deps, items)
	}
	w := deps.IO.Out
	if len(items) == 0 {
		fmt.Fprintln(w, "Nothing falls due that reflect knows of.")
		if l.Settings().Renewal == "" {
			fmt.Fprintln(w, "Keep your renewal date with 'reflect log settings --renewal YYYY-MM-DD' (and --regulator) to see it here.")
		}
		return nil
	}
	groups := []struct {
		title string
		keep  func(dd.Item) bool
	}{
		{"Overdue", func(i dd.Item) bool { return i.Overdue }},
		{"In the next 90 days", func(i dd.Item) bool { return !i.Overdue && i.Days <= 90 }},
		{"Later", func(i dd.Item) bool { return i.Days > 90 }},
	}
	for _, g := range groups {
		var in []dd.Item
		for _, it := range items {
			if g.keep(it) {
				in = append(in, it)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s\n", g.title)
		for _, it := range in {
			fmt.Fprintf(w, "  %s  %-14s %s\n", it.Date, when(it.Days), it.Title)
			if it.Detail != "" {
				fmt.Fprintf(w, "%s\n", textutil.Wrap(it.Detail, 78, strings.Repeat(" ", 30), strings.Repeat(" ", 30)))
			}
		}
		fmt.Fprintln(w)
	}
	if l.Settings().Renewal == "" && r != nil && r.Cycle.Kind != rules.CycleRegistrationYear {
		fmt.Fprintln(w, "Your renewal date is not set: keep it with 'reflect log settings --renewal YYYY-MM-DD'.")
	}
	return nil
}

func when(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days == -1:
		return "1 day ago"
	case days < 0:
		return fmt.Sprintf("%d days ago", -days)
	}
	return fmt.Sprintf("in %d days", days)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func printJSON(deps *cmdutil.Deps, v any) error {
	return logcmd.PrintJSON(deps.IO.Out, v)
}
