package framework

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// MaxFileSize is the largest framework file the loader reads. The shipped
// frameworks are a few hundred kilobytes.
const MaxFileSize = 8 << 20

// UnmarshalYAMLX lets a sub-item be written as a plain string or as a
// mapping with text and nested items.
func (it *Item) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		if yamlx.IsNull(n) || n.Value == "" {
			d.Add(n, "remove the empty item", "a sub-item must not be empty")
		}
		it.Pos = yamlx.Pos{Line: n.Line, Col: n.Column}
		it.Text = n.Value
		return
	}
	type plain Item // no methods: decode as a struct
	var p plain
	d.Decode(n, &p)
	*it = Item(p)
}

// Parse decodes one framework file's bytes. It checks the syntax and the
// shape of the file (unknown fields, types, required fields) but not the
// cross-cutting rules; call Validate or use a Set for those.
func Parse(file string, data []byte) (*Framework, yamlx.Problems) {
	root, probs := yamlx.Parse(file, data, yamlx.Limits{MaxBytes: MaxFileSize, MaxNodes: yamlx.DefaultLimits.MaxNodes})
	if len(probs) > 0 {
		return nil, probs
	}
	f := &Framework{}
	probs = yamlx.Decode(file, root, f)
	f.File = file
	sum := sha256.Sum256(data)
	f.Digest = hex.EncodeToString(sum[:])
	f.link()
	return f, probs
}

// ReadFile reads a framework file from disk, refusing oversized files and
// anything that is not a regular file before reading it.
func ReadFile(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, yamlx.Problems{{File: name, Msg: "no such file", Hint: "check the path, or run 'reflect frameworks list' for the shipped frameworks"}}
		}
		return nil, err
	}
	if fi.IsDir() {
		return nil, yamlx.Problems{{File: name, Msg: "this is a folder, not a framework file"}}
	}
	if !fi.Mode().IsRegular() {
		return nil, yamlx.Problems{{File: name, Msg: "this is not a regular file"}}
	}
	if fi.Size() > MaxFileSize {
		return nil, yamlx.Problems{{File: name, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d MiB limit for framework files", fi.Size(), MaxFileSize>>20),
			Hint: "check that this is the right file"}}
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
}

// LoadFS loads and validates every *.yaml file at the top of fsys as one set.
func LoadFS(fsys fs.FS, label string) (*Set, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	// Parse the files in parallel: YAML parsing dominates start-up.
	type parsed struct {
		f     *Framework
		probs yamlx.Problems
		err   error
	}
	results := make([]parsed, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				results[i].err = err
				return
			}
			results[i].f, results[i].probs = Parse(path.Join(label, name), data)
		}()
	}
	wg.Wait()
	var fws []*Framework
	var probs yamlx.Problems
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		probs = append(probs, r.probs...)
		if r.f != nil {
			fws = append(fws, r.f)
		}
	}
	set, p := NewSet(fws...)
	probs = append(probs, p...)
	if len(probs) > 0 {
		probs.Sort()
		return set, probs
	}
	return set, nil
}
