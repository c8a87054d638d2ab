package rules

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// ShippedDir is the folder of frameworks/ that holds the regulators' rules.
const ShippedDir = "regulators"

var shipped = sync.OnceValues(func() (*Set, error) {
	return LoadFS(frameworks.FS(), ShippedDir)
})

// Shipped returns the rules built into reflect (loaded once).
func Shipped() (*Set, error) { return shipped() }

// ShippedIDs lists the regulators built into reflect.
func ShippedIDs() []string {
	s, err := Shipped()
	if err != nil || s == nil {
		return nil
	}
	return s.IDs()
}

// LoadFS reads every .yaml file in dir of fsys.
func LoadFS(fsys fs.FS, dir string) (*Set, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var all []*Rules
	var probs yamlx.Problems
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		r, p := Parse(name, data)
		probs = append(probs, p...)
		if r != nil && len(p) == 0 {
			if want := strings.TrimSuffix(e.Name(), ".yaml"); r.ID != want {
				probs = append(probs, yamlx.Problem{File: name, Line: r.Pos.Line, Col: r.Pos.Col, Msg: "the id " + r.ID + " differs from the file name", Hint: "name the file " + r.ID + ".yaml"})
				continue
			}
			all = append(all, r)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return NewSet(all...), nil
}

func sortStrings(s []string) { sort.Strings(s) }
