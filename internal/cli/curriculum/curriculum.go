// Package curriculum implements `reflect curriculum`: map a course to the
// competence frameworks (coverage and gaps), match courses to a person's
// development needs, and check curriculum files.
package curriculum

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/curriculum"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/fsutil"
)

// NewCmd returns the `curriculum` command group.
func NewCmd(deps *cmdutil.Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "curriculum",
		Aliases: []string{"course"},
		Short:   "Map a course to the competences: coverage, gaps and matches to people's needs",
		Long: `For trainers and education leads: describe a course as modules, sessions and
learning outcomes, map each outcome to the competences it addresses
(introduces, develops or assesses), and see what the course covers and
misses. Match courses to the development needs in a person's CPD record.

A curriculum is one YAML file; see the README's "Trainers" section and the
examples testdata/curriculum-*.yaml. Editors check it against
frameworks/curriculum.schema.json.`,
		Example: `  reflect curriculum template --framework cyp -o my-course.yaml
  reflect curriculum validate my-course.yaml
  reflect curriculum map my-course.yaml
  reflect curriculum map my-course.yaml --format html -o coverage.html
  reflect curriculum match my-record.json course-a.yaml course-b.yaml
  reflect curriculum plan --needs team.json course-a.yaml course-b.yaml --hours 7`,
	}
	cmd.AddCommand(newMapCmd(deps), newMatchCmd(deps), newPlanCmd(deps), newValidateCmd(deps), newTemplateCmd(deps))
	return cmd
}

// resolve loads the built-in frameworks and any given as arguments.
func resolve(deps *cmdutil.Deps, args []string) (*framework.Set, []*framework.Framework, error) {
	if len(args) == 0 {
		set, err := deps.Embedded()
		if err != nil {
			return nil, nil, fmt.Errorf("the frameworks built into reflect did not load: %w", err)
		}
		return set, nil, nil
	}
	return cmdutil.ResolveFrameworks(deps, args)
}

var formatExt = map[string]string{".txt": curriculum.FormatText, ".md": curriculum.FormatMD, ".markdown": curriculum.FormatMD,
	".html": curriculum.FormatHTML, ".htm": curriculum.FormatHTML, ".csv": curriculum.FormatCSV, ".json": curriculum.FormatJSON}

func chooseFormat(format, out string, allowed []string) (string, error) {
	if format == "" && out != "" && out != "-" {
		f, ok := formatExt[strings.ToLower(filepath.Ext(out))]
		if !ok {
			return "", cmdutil.Usagef("cannot tell the format from %q: add --format (%s)", out, strings.Join(allowed, ", "))
		}
		format = f
	}
	if format == "" {
		format = curriculum.FormatText
	}
	for _, a := range allowed {
		if a == format {
			return format, nil
		}
	}
	return "", cmdutil.Usagef("there is no %q format here: use %s", format, strings.Join(allowed, ", "))
}

func checkOutput(out string, force bool) error {
	if out == "" || out == "-" || force {
		return nil
	}
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", out)
	}
	return nil
}

func write(deps *cmdutil.Deps, out string, data []byte) error {
	if out == "" || out == "-" {
		_, err := deps.IO.Out.Write(data)
		return err
	}
	return fsutil.WriteFileAtomic(out, data, 0o644, false)
}

func completeFrameworks(deps *cmdutil.Deps) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		set, err := deps.Embedded()
		if err != nil {
			return nil, cobra.ShellCompDirectiveDefault
		}
		var out []string
		for _, f := range set.Frameworks() {
			out = append(out, f.ID+"\t"+f.ShortTitle)
		}
		return out, cobra.ShellCompDirectiveDefault
	}
}
