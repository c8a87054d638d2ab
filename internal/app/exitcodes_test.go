package app_test

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// The README's exit-code table lists exactly the codes the program uses:
// the Exit constants of internal/cli/cmdutil. (The verify codes are each
// produced by a row of the tamper table, in internal/cli/verify.)
func TestExitCodeTableMatchesTheProgram(t *testing.T) {
	root := recordtest.Root(t)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(root, "internal", "cli", "cmdutil", "errors.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	program := map[int]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 || !strings.HasPrefix(vs.Names[0].Name, "Exit") {
			return true
		}
		if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.INT {
			n, _ := strconv.Atoi(lit.Value)
			program[n] = vs.Names[0].Name
		}
		return true
	})
	if len(program) < 5 {
		t.Fatalf("found only %v in cmdutil/errors.go", program)
	}

	fh, err := os.Open(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	readme := map[int]string{}
	sc := bufio.NewScanner(fh)
	in := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "## Exit codes":
			in = true
		case in && strings.HasPrefix(line, "## "):
			in = false
		case in && strings.HasPrefix(line, "| "):
			cells := strings.Split(strings.Trim(line, "|"), "|")
			code, err := strconv.Atoi(strings.TrimSpace(cells[0]))
			if err != nil {
				continue // the header
			}
			if _, dup := readme[code]; dup {
				t.Errorf("README lists exit %d twice", code)
			}
			readme[code] = strings.TrimSpace(cells[1])
		}
	}
	var codes []int
	for c := range program {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		if _, ok := readme[c]; !ok {
			t.Errorf("exit %d (%s) is not in the README's exit-code table", c, program[c])
		}
	}
	for c, meaning := range readme {
		if _, ok := program[c]; !ok {
			t.Errorf("the README lists exit %d (%s), which the program never uses", c, meaning)
		}
	}
}
