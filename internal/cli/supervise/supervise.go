// Package supervise holds what the supervisor's commands (review, verify,
// compare, team) share: reading a record file and choosing where output
// goes without ever writing over an input.
package supervise

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// ReadRecord reads and strictly decodes a record file.
func ReadRecord(path string) (*record.Record, error) {
	data, err := ReadLimited(path, record.MaxSize, "record")
	if err != nil {
		return nil, err
	}
	return record.Decode(path, data)
}

// ReadLimited reads a regular file of at most max bytes.
func ReadLimited(path string, max int64, what string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, yamlx.Problems{{File: path, Msg: "no such file", Hint: "check the path"}}
		}
		return nil, err
	}
	if fi.IsDir() {
		return nil, yamlx.Problems{{File: path, Msg: "this is a folder, not a " + what + " file"}}
	}
	if !fi.Mode().IsRegular() {
		return nil, yamlx.Problems{{File: path, Msg: "this is not a regular file"}}
	}
	if fi.Size() > max {
		return nil, yamlx.Problems{{File: path, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d KiB limit for a %s file", fi.Size(), max>>10, what), Hint: "check that this is the right file"}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}

// SameFile reports whether two paths name the same file (either may not
// exist yet).
func SameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, _ := filepath.Abs(a)
	absB, _ := filepath.Abs(b)
	return absA == absB
}

// WriteOutput writes data to name atomically with private permissions.
// An existing file is replaced only with force; inputs are never replaced.
func WriteOutput(name string, data []byte, force bool, inputs ...string) error {
	for _, in := range inputs {
		if SameFile(in, name) {
			return fmt.Errorf("%s is also an input; reflect never writes over an input. Choose another name with -o", name)
		}
	}
	if force {
		return fsutil.WriteFileAtomic(name, data, fsutil.FileMode, false)
	}
	return fsutil.CreateExclusive(name, data, fsutil.FileMode)
}

// ReviewedName suggests an output name for a reviewed copy of path:
// "x.json" → "x-reviewed.json".
func ReviewedName(path string) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	if ext == "" {
		ext = ".json"
	}
	return base + "-reviewed" + ext
}

// MustNotExist returns an error when name exists, saying how to proceed.
func MustNotExist(name string) error {
	if _, err := os.Lstat(name); err == nil {
		return fmt.Errorf("%s already exists; choose another name with -o, or pass --force to replace it", name)
	}
	return nil
}

// IsRecordPath reports whether a RECORD|ID argument names a file rather
// than a saved assessment: it has a path separator or ends in .json, or a
// file of that name exists.
func IsRecordPath(s string) bool {
	if strings.ContainsAny(s, `/\`) || strings.HasSuffix(strings.ToLower(s), ".json") {
		return true
	}
	fi, err := os.Stat(s)
	return err == nil && !fi.IsDir()
}

// LoadRecordArg reads a RECORD|ID argument: a record file, or a saved
// assessment in the data folder by id (a unique prefix is enough).
func LoadRecordArg(getenv func(string) string, arg string) (*record.Record, error) {
	if IsRecordPath(arg) {
		return ReadRecord(arg)
	}
	dir, err := store.DataDir(getenv)
	if err != nil {
		return nil, err
	}
	st := store.New(dir)
	id, err := st.Resolve(arg)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("%w; to use a record file, give its path (e.g. ./%s.json)", err, arg)
		}
		return nil, err
	}
	return st.Load(id)
}
