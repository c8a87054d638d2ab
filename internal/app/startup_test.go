package app_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoEagerCompiles keeps start-up fast: every command links every
// package, so a package-level regexp.MustCompile, regexp.Compile or
// template.Must runs for `reflect --version` too. Declare them with
// internal/lazy (lazy.MustCompile, lazy.HTML) instead: compiled on first
// use. Inside functions (including lazy.HTML's) they are fine.
func TestNoEagerCompiles(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	for _, top := range []string{"internal", "cmd/reflect", "frameworks"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			checked++
			for _, decl := range file.Decls {
				gen, ok := decl.(*ast.GenDecl)
				if !ok || gen.Tok != token.VAR {
					continue
				}
				for _, spec := range gen.Specs {
					for _, v := range spec.(*ast.ValueSpec).Values {
						ast.Inspect(v, func(n ast.Node) bool {
							if _, ok := n.(*ast.FuncLit); ok {
								return false // runs when called, not at init
							}
							call, ok := n.(*ast.CallExpr)
							if !ok {
								return true
							}
							sel, ok := call.Fun.(*ast.SelectorExpr)
							if !ok {
								return true
							}
							pkg, ok := sel.X.(*ast.Ident)
							if !ok {
								return true
							}
							switch pkg.Name + "." + sel.Sel.Name {
							case "regexp.MustCompile", "regexp.Compile", "regexp.MustCompilePOSIX", "template.Must":
								t.Errorf("%s: %s.%s in a package-level var runs at start-up for every command; use lazy.MustCompile or lazy.HTML (internal/lazy)",
									fset.Position(call.Pos()), pkg.Name, sel.Sel.Name)
							}
							return true
						})
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 50 {
		t.Fatalf("checked only %d files: walked the wrong folder?", checked)
	}
}
