package cmdutil

import (
	"fmt"
	"os"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// ResolveFrameworks turns framework arguments (a shipped id or a path to a
// YAML file) into frameworks, validated as one set with the shipped ones. A
// file whose id matches a shipped framework stands in for it.
func ResolveFrameworks(deps *Deps, args []string) (*framework.Set, []*framework.Framework, error) {
	embedded, err := deps.Embedded()
	if err != nil {
		return nil, nil, fmt.Errorf("the frameworks built into reflect did not load: %w", err)
	}
	var files []*framework.Framework
	var probs yamlx.Problems
	for _, a := range args {
		if embedded.Get(a) != nil {
			continue
		}
		if !looksLikePath(a) {
			return nil, nil, fmt.Errorf("there is no framework called %q; the shipped ones are %s, or give the path to a framework YAML file", a, strings.Join(embedded.IDs(), ", "))
		}
		data, err := framework.ReadFile(a)
		if err != nil {
			return nil, nil, err
		}
		f, p := framework.Parse(a, data)
		probs = append(probs, p...)
		if f != nil {
			files = append(files, f)
		}
	}
	if len(probs) > 0 {
		probs.Sort()
		return nil, nil, probs
	}
	set := embedded
	if len(files) > 0 {
		var p yamlx.Problems
		set, p = embedded.With(files...)
		if p = onlyFiles(p, files); len(p) > 0 {
			p.Sort()
			return nil, nil, p
		}
	}
	var out []*framework.Framework
	fi := 0
	for _, a := range args {
		if f := embedded.Get(a); f != nil {
			out = append(out, set.Get(a))
			continue
		}
		out = append(out, files[fi])
		fi++
	}
	return set, out, nil
}

// onlyFiles keeps the problems that belong to the given files: a user's
// file is judged on its own faults, not on shipped files it replaces.
func onlyFiles(ps yamlx.Problems, files []*framework.Framework) yamlx.Problems {
	names := map[string]bool{}
	for _, f := range files {
		names[f.File] = true
	}
	var out yamlx.Problems
	for _, p := range ps {
		if names[p.File] {
			out = append(out, p)
		}
	}
	return out
}

func looksLikePath(s string) bool {
	if strings.ContainsAny(s, `/\`) || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml") {
		return true
	}
	_, err := os.Stat(s)
	return err == nil
}
