// Package list implements `reflect list`: the assessments saved in the
// data directory.
package list

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/store"
)

// NewCmd returns the list command.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List your saved assessments",
		Long: `List the assessments saved in your data folder, most recent first: id,
framework(s), profile, when started and last changed, how much is answered and
whether it is complete, or what is left: a record is complete when every
competence is answered (rated or N/A), the reflection is written and you have
confirmed the anonymisation check.

Continue one with 'reflect assess --resume ID' (an id prefix is enough), or
the latest with 'reflect assess --resume'.

Your data folder is $REFLECT_DATA_DIR, or $XDG_DATA_HOME/reflect, or
~/.local/share/reflect (on macOS ~/Library/Application Support/reflect).`,
		Example: `  reflect list
  reflect list --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := deps.Store()
			if err != nil {
				return err
			}
			if deps.Embedded != nil {
				if st.Frameworks, err = deps.Embedded(); err != nil {
					return fmt.Errorf("the frameworks built into reflect did not load: %w", err)
				}
			}
			entries, err := st.List()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(deps, entries)
			}
			if len(entries) == 0 {
				fmt.Fprintf(deps.IO.Err, "No saved assessments in %s yet. Start one with: reflect assess\n", st.Dir())
				return nil
			}
			tw := tabwriter.NewWriter(deps.IO.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tFRAMEWORK\tPROFILE\tSTARTED\tUPDATED\tDONE\tSTATUS")
			for _, e := range entries {
				if e.Err != nil {
					fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\tunreadable\n", e.ID)
					continue
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d%%\t%s\n", e.ID, strings.Join(e.Frameworks, "+"), profiles(e), day(e.Started), day(e.Updated), e.Percent(), e.Progress)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			for _, e := range entries {
				if e.Err != nil {
					fmt.Fprintf(deps.IO.Err, "\n%s cannot be read: %v\nTry: reflect assess --resume %s (it will offer the backup)\n", e.ID, e.Err, e.ID)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	return cmd
}

func profiles(e store.Entry) string {
	var out []string
	for _, p := range e.Profiles {
		if p == "" {
			p = "(areas)"
		}
		out = append(out, p)
	}
	return strings.Join(out, "+")
}

func day(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

type jsonEntry struct {
	ID         string    `json:"id"`
	Path       string    `json:"path"`
	Frameworks []string  `json:"frameworks"`
	Profiles   []string  `json:"profiles"`
	Started    time.Time `json:"started"`
	Updated    time.Time `json:"updated"`
	Answered   int       `json:"answered"`
	Total      int       `json:"total"`
	Percent    int       `json:"percent"`
	Status     string    `json:"status"`             // complete or in-progress
	Progress   string    `json:"progress,omitempty"` // what is left, such as "reflected, 211 unanswered"
	Error      string    `json:"error,omitempty"`
}

func writeJSON(deps *cmdutil.Deps, entries []store.Entry) error {
	out := []jsonEntry{}
	for _, e := range entries {
		j := jsonEntry{ID: e.ID, Path: e.Path, Frameworks: e.Frameworks, Profiles: e.Profiles, Started: e.Started, Updated: e.Updated,
			Answered: e.Answered, Total: e.Total, Percent: e.Percent(), Status: e.Status, Progress: e.Progress}
		if e.Err != nil {
			j.Status, j.Error = "unreadable", e.Err.Error()
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(deps.IO.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
