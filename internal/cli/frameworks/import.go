package frameworks

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/interop"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

type importOptions struct {
	from   string
	out    string
	id     string
	prefix string
	kind   string
	force  bool
	quiet  bool
}

func newImportCmd(deps *cmdutil.Deps) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE [--from moodle-csv|case-json] [-o OUT.yaml]",
		Short: "Turn a Moodle competency framework CSV or a CASE package into a framework file",
		Long: `Turn a competence framework exported from a learning platform into reflect's
framework YAML, which can then be validated, shown, assessed against and
used for curriculum mapping like any framework.

Two formats are read:

  moodle-csv  a Moodle competency framework CSV (Site administration ›
              Competencies › Export competency framework), in any language:
              the current 14-column layout and the early 12-column one,
              columns found by their header text (English, French, German,
              Spanish, Italian, Dutch, Portuguese) or else by position and
              shape, rows in any order, HTML descriptions turned into text
              (lists become sub-items), short names kept as titles, the
              framework's scale.
  case-json   a 1EdTech CASE 1.0 or 1.1 package (CFDocument, CFItems,
              CFAssociations): the hierarchy from isChildOf associations in
              sequenceNumber order, LinkURI objects or plain URIs.

Without --from the format is recognised from the content.

reflect frameworks have three levels: domains, areas and competences. Any
depth is fitted to them: entries without children become competences, their
parents areas and the areas' parents domains; higher levels are folded into
the domain titles. Nothing is silently invented or dropped: a report on
standard error (and at the top of the YAML) says how the levels were fitted,
what was assumed — competence kinds, the plain-language "what you can expect"
line each area needs, the version — and what has no place in reflect.
Review those lines before using the framework.

The imported statements are the publisher's text: the file's provenance says
wording: publisher — the text is the publisher's and nobody has checked that
its licence allows the use (official would say it is used with permission;
set that yourself once you have it) — and names the source.

The file's origin block keeps what the framework format has no place for
(Moodle id numbers, short names, rules, scales and cross-references; CASE
identifiers, item types and associations), so that 'reflect frameworks
export' to the same format gives the source back.`,
		Example: `  reflect frameworks import oecd.csv -o oecd.yaml
  reflect frameworks import standards.json --from case-json --prefix STD -o standards.yaml
  reflect frameworks import framework.csv --id my-service --kind skill > my-service.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return importRun(deps, opts, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.from, "from", "", "the file's format: moodle-csv or case-json (default: recognised from the content)")
	f.StringVarP(&opts.out, "output", "o", "", "write the framework YAML to OUT.yaml instead of standard output")
	f.StringVar(&opts.id, "id", "", "the framework id to give the result (default: from the file)")
	f.StringVar(&opts.prefix, "prefix", "", "put PREFIX. before every code, e.g. to keep codes apart from another framework's")
	f.StringVar(&opts.kind, "kind", framework.KindKnowledge, "the kind for competences whose file names none: knowledge, skill, attitude or judgement")
	f.BoolVar(&opts.force, "force", false, "replace OUT.yaml if it exists")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "do not print the import report on standard error (it stays at the top of the YAML)")
	_ = cmd.RegisterFlagCompletionFunc("from", cobra.FixedCompletions(interop.Formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(framework.Kinds, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func importRun(deps *cmdutil.Deps, opts *importOptions, file string) error {
	if opts.from != "" && !oneOf(opts.from, interop.Formats) {
		return cmdutil.Usagef("--from %q: use %s", opts.from, strings.Join(interop.Formats, " or "))
	}
	if !oneOf(opts.kind, framework.Kinds) {
		return cmdutil.Usagef("--kind %q: use %s", opts.kind, strings.Join(framework.Kinds, ", "))
	}
	if opts.id != "" && !framework.ValidID(opts.id) {
		return cmdutil.Usagef("--id %q: use lower-case letters, digits and hyphens, e.g. my-service", opts.id)
	}
	if opts.prefix != "" && interop.SanitiseCode(opts.prefix) != opts.prefix {
		return cmdutil.Usagef("--prefix %q: use letters, digits, dots, hyphens and underscores, e.g. OECD", opts.prefix)
	}
	toStdout := opts.out == "" || opts.out == "-"
	if !toStdout && !opts.force {
		if _, err := os.Lstat(opts.out); err == nil {
			return fmt.Errorf("%s already exists; choose another name or pass --force to replace it", opts.out)
		}
	}
	embedded, err := deps.Embedded()
	if err != nil {
		return fmt.Errorf("the frameworks built into reflect did not load: %w", err)
	}
	data, err := readInput(file)
	if err != nil {
		return err
	}
	fw, rep, err := interop.Import(opts.from, file, data, interop.Options{
		ID: opts.id, Prefix: opts.prefix, DefaultKind: opts.kind,
		Known: func(code string) bool { return embedded.Competence(code) != nil },
	})
	if err != nil {
		return err
	}
	out, err := interop.MarshalYAML(fw, rep.Lines())
	if err != nil {
		return err
	}
	if len(out) > framework.MaxFileSize {
		return fmt.Errorf("%s: the framework made from it would be %d MiB, larger than the %d MiB reflect reads as a framework file; import a smaller framework, or split it in Moodle or your CASE server first",
			file, (len(out)+1<<20-1)>>20, framework.MaxFileSize>>20)
	}
	// Check the result exactly as 'frameworks validate' would, beside the
	// shipped frameworks, so that what is written can be used at once.
	name := opts.out
	if toStdout {
		name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) + ".yaml"
	}
	parsed, probs := framework.Parse(name, out)
	if len(probs) == 0 {
		_, setProbs := embedded.With(parsed)
		for _, p := range setProbs {
			if p.File == name {
				probs = append(probs, p)
			}
		}
	}
	if len(probs) > 0 {
		return importProblems(probs, embedded, parsed)
	}
	if !opts.quiet {
		for _, l := range rep.Lines() {
			fmt.Fprintln(deps.IO.Err, l)
		}
		if embedded.Get(parsed.ID) != nil {
			fmt.Fprintf(deps.IO.Err, "Note: the id %q is a built-in framework's; wherever this file is given it stands in for that framework. Use --id to choose another.\n", parsed.ID)
		}
	}
	if toStdout {
		_, err := deps.IO.Out.Write(out)
		return err
	}
	if err := fsutil.WriteFileAtomic(opts.out, out, 0o644, false); err != nil {
		return err
	}
	d, a, c := parsed.Count()
	fmt.Fprintf(deps.IO.Err, "Wrote %s: framework %q with %s, %s and %s.\n", opts.out, parsed.ID,
		interop.Plural(d, "domain", "domains"), interop.Plural(a, "area", "areas"), interop.Plural(c, "competence", "competences"))
	fmt.Fprintf(deps.IO.Err, "Check it with 'reflect frameworks validate %s' and give its path wherever a framework is asked for.\n", opts.out)
	return nil
}

// importProblems explains why an imported framework does not fit beside
// the built-in ones, which is almost always a clash of codes.
func importProblems(probs yamlx.Problems, embedded *framework.Set, fw *framework.Framework) error {
	clash := false
	for _, p := range probs {
		if strings.Contains(p.Msg, "is already used in framework") {
			clash = true
		}
	}
	if clash {
		return fmt.Errorf("the imported codes clash with a built-in framework's (%s); import again with --prefix to keep them apart, e.g. --prefix %s",
			probs[0].Msg, strings.ToUpper(interop.Slug(fw.ID, 8)))
	}
	probs.Sort()
	return fmt.Errorf("the imported framework is not valid, which is a fault in reflect's importer; please report it:\n%w", probs)
}

// readInput reads an input file, refusing folders, devices and files over
// the import limit before reading them.
func readInput(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, yamlx.Problems{{File: name, Msg: "no such file", Hint: "check the path"}}
		}
		return nil, err
	}
	if fi.IsDir() {
		return nil, yamlx.Problems{{File: name, Msg: "this is a folder, not a file"}}
	}
	if !fi.Mode().IsRegular() {
		return nil, yamlx.Problems{{File: name, Msg: "this is not a regular file"}}
	}
	if fi.Size() > interop.MaxInputSize {
		return nil, yamlx.Problems{{File: name, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d MiB this tool imports", fi.Size(), interop.MaxInputSize>>20)}}
	}
	return os.ReadFile(name)
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
