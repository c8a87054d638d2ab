package framework

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
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
		d.Decode(n, &it.Text) // as text: control characters are refused
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
	names, err := yamlNames(fsys)
	if err != nil {
		return nil, err
	}
	if fws, ok := fromSnapshot(fsys, names, label); ok {
		set, probs := NewSet(fws...)
		if len(probs) > 0 {
			probs.Sort()
			return set, probs
		}
		return set, nil
	}
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

// fromSnapshot returns the frameworks from the snapshot in fsys when there
// is one and it was made from exactly these files (same names, same
// digests).
func fromSnapshot(fsys fs.FS, names []string, label string) ([]*Framework, bool) {
	idx, data, ok := freshSnapshot(fsys, names)
	if !ok {
		return nil, false
	}
	fws, err := DecodeSnapshot(data)
	if err != nil || len(fws) != len(names) {
		return nil, false
	}
	for i, name := range names {
		if fws[i].Digest != idx.Digests[i] {
			return nil, false
		}
		fws[i].File = path.Join(label, name)
	}
	return fws, true
}

// freshSnapshot returns the snapshot in fsys when its index was made from
// exactly these files (same number, same digests, in file-name order).
func freshSnapshot(fsys fs.FS, names []string) (snapshotIndex, []byte, bool) {
	idx, data, ok := readIndex(fsys)
	if !ok || len(idx.Digests) != len(names) {
		return idx, nil, false
	}
	for i, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return idx, nil, false
		}
		sum := sha256.Sum256(raw)
		if idx.Digests[i] != hex.EncodeToString(sum[:]) {
			return idx, nil, false
		}
	}
	return idx, data, true
}

func readIndex(fsys fs.FS) (snapshotIndex, []byte, bool) {
	data, err := fs.ReadFile(fsys, SnapshotName)
	if err != nil {
		return snapshotIndex{}, nil, false
	}
	idx, err := decodeIndex(gob.NewDecoder(bytes.NewReader(data)))
	if err != nil {
		return snapshotIndex{}, nil, false
	}
	return idx, data, true
}

// yamlNames lists the *.yaml files at the top of fsys, sorted.
func yamlNames(fsys fs.FS) ([]string, error) {
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
	return names, nil
}

// ListFS returns a summary of each framework LoadFS would load from fsys,
// in the same order. When the snapshot is fresh the summaries come from
// its index, without decoding or checking the frameworks (the snapshot was
// made from frameworks that load without problems, and its digests match
// the files); otherwise the frameworks are loaded (and any problem is
// returned, as LoadFS returns it).
func ListFS(fsys fs.FS, label string) ([]Summary, error) {
	names, err := yamlNames(fsys)
	if err != nil {
		return nil, err
	}
	if idx, _, ok := freshSnapshot(fsys, names); ok {
		return idx.Summaries, nil
	}
	set, err := LoadFS(fsys, label)
	if err != nil {
		return nil, err
	}
	var out []Summary
	for _, f := range set.Frameworks() {
		out = append(out, f.Summary())
	}
	return out, nil
}

// ParseFS parses every *.yaml file at the top of fsys, without the snapshot,
// and returns the frameworks in file-name order (used to make snapshots).
func ParseFS(fsys fs.FS, label string) ([]*Framework, yamlx.Problems, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, err
	}
	var fws []*Framework
	var probs yamlx.Problems
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, nil, err
		}
		f, p := Parse(path.Join(label, e.Name()), data)
		probs = append(probs, p...)
		if f != nil {
			fws = append(fws, f)
		}
	}
	return fws, probs, nil
}
