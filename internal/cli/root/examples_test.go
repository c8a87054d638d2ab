package root

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
)

// Every example in every command's help names a command that exists, uses
// only its flags and gives it as many arguments as it takes: people copy
// them.
func TestHelpExamplesParse(t *testing.T) {
	deps := &cmdutil.Deps{IO: &cmdutil.IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, Version: "test"}
	root := NewCmd(deps)
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		for _, line := range strings.Split(strings.ReplaceAll(c.Example, "\\\n", " "), "\n") {
			line = strings.TrimSpace(line)
			if i := strings.Index(line, "#"); i >= 0 {
				line = strings.TrimSpace(line[:i])
			}
			for _, cut := range []string{" > ", " | ", " < "} {
				if i := strings.Index(line, cut); i >= 0 {
					line = line[:i]
				}
			}
			words := splitShell(line)
			if len(words) == 0 || words[0] != "reflect" {
				continue
			}
			n++
			fresh := NewCmd(deps) // flags keep their values: parse each example afresh
			cmd, rest, err := fresh.Find(words[1:])
			if err != nil {
				t.Errorf("%s: example %q: %v", c.CommandPath(), line, err)
				continue
			}
			if err := cmd.ParseFlags(rest); err != nil {
				t.Errorf("%s: example %q: %v", c.CommandPath(), line, err)
				continue
			}
			if cmd.Args != nil {
				if err := cmd.Args(cmd, cmd.Flags().Args()); err != nil {
					t.Errorf("%s: example %q: %v", c.CommandPath(), line, err)
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if n < 10 {
		t.Fatalf("only %d examples found", n)
	}
}

// splitShell splits a command line into words, honouring single and double
// quotes (enough for the examples).
func splitShell(s string) []string {
	var out []string
	var b strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			b.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, b.String())
				b.Reset()
				in = false
			}
		default:
			b.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, b.String())
	}
	return out
}
