package app_test

import (
	"go/build"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/reflect-cpd/reflect/"

// TestImportDirection enforces the architecture: only the command layer
// uses cobra, only the TUI uses Bubble Tea, Bubbles and Lip Gloss (the v2
// line; v1 is not linked at all), and the domain packages know
// nothing of terminals or commands.
func TestImportDirection(t *testing.T) {
	root := filepath.Join("..", "..")
	domain := []string{"internal/yamlx", "internal/framework", "internal/assessment", "internal/record", "internal/fsutil", "internal/textutil", "internal/cpd", "internal/anonymise"}
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || d.Name() == "testdata" {
			if d != nil && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return err
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		for _, imp := range pkg.Imports {
			switch {
			case strings.HasPrefix(imp, "github.com/spf13/cobra") && !strings.HasPrefix(rel, "internal/cli") && rel != "internal/app":
				t.Errorf("%s imports cobra; only internal/cli and internal/app may", rel)
			case strings.HasPrefix(imp, "github.com/charmbracelet/bubbletea") || strings.HasPrefix(imp, "github.com/charmbracelet/bubbles") ||
				strings.HasPrefix(imp, "github.com/charmbracelet/lipgloss") || strings.HasPrefix(imp, "github.com/muesli/termenv"):
				// The v1 line queries the terminal from every command (in
				// a package init); reflect is on v2.
				t.Errorf("%s imports %s; use the v2 line (charm.land/.../v2)", rel, imp)
			case (strings.HasPrefix(imp, "charm.land/bubbletea") || strings.HasPrefix(imp, "charm.land/bubbles") || strings.HasPrefix(imp, "charm.land/lipgloss")) && !strings.HasPrefix(rel, "internal/tui"):
				t.Errorf("%s imports %s; only internal/tui may", rel, imp)
			}
			for _, dom := range domain {
				if (rel == dom || strings.HasPrefix(rel, dom+"/")) && strings.HasPrefix(imp, module) {
					target := strings.TrimPrefix(imp, module)
					if strings.HasPrefix(target, "internal/cli") || strings.HasPrefix(target, "internal/tui") || strings.HasPrefix(target, "internal/linemode") || strings.HasPrefix(target, "internal/app") || strings.HasPrefix(target, "internal/store") {
						t.Errorf("domain package %s imports %s", rel, target)
					}
				}
			}
			if imp == "net/http" || imp == "crypto/tls" || imp == "net/rpc" || imp == "net/smtp" {
				t.Errorf("%s imports %s: reflect makes no network connections", rel, imp)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "framework")); err != nil {
		t.Fatal("walked the wrong folder")
	}
}

// TestNoNetworkPackagesLinked checks the whole program, not only reflect's
// own imports: no package linked into cmd/reflect, from any dependency,
// may be one that talks over a network. ("net" itself is linked, because
// the flag library parses IP addresses; it opens nothing unless asked.)
// internal/hardening also runs the binary without a network and traces
// its system calls.
func TestNoNetworkPackagesLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command(goBin, "list", "-deps", "./cmd/reflect")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 || !contains(deps, module+"internal/app") {
		t.Fatalf("go list gave an unexpected dependency list: %v", deps)
	}
	forbidden := []string{"net/http", "crypto/tls", "net/rpc", "net/smtp", "golang.org/x/net/http", "golang.org/x/net/websocket", "google.golang.org/grpc", "nhooyr.io/websocket", "github.com/gorilla/websocket"}
	for _, d := range deps {
		d = strings.TrimPrefix(d, "vendor/")
		for _, f := range forbidden {
			if d == f || strings.HasPrefix(d, f+"/") {
				t.Errorf("cmd/reflect links %s: reflect makes no network connections", d)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
