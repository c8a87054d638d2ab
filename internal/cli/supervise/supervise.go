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

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/vault"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// ReadRecord reads and strictly decodes a record file (decrypting it with
// the person's identity when it is encrypted, see ReadRecordFile).
func ReadRecord(deps *cmdutil.Deps, path string) (*record.Record, error) {
	data, err := ReadRecordFile(deps, path)
	if err != nil {
		return nil, err
	}
	return record.Decode(path, data)
}

// ReadRecordFile reads a record file given on the command line. This is
// the one place such files are opened: one encrypted with age (by 'reflect
// share --to', 'export --to', a review sent back, or the age tool) is
// decrypted in memory with the person's identity, asking for its
// passphrase once per command; every command that reads records gets that
// by reading them here (or through the store, for saved assessments).
func ReadRecordFile(deps *cmdutil.Deps, path string) ([]byte, error) {
	data, _, err := readRecordFile(deps, path)
	return data, err
}

// sealed says how a record file came: encrypted or not, and to whom an
// answer may go.
type sealed struct {
	encrypted bool
	replyTo   string
}

func readRecordFile(deps *cmdutil.Deps, path string) ([]byte, sealed, error) {
	data, err := ReadLimited(path, record.MaxSize+record.MaxSize/64+4096, "record")
	if err != nil {
		return nil, sealed{}, err
	}
	if !vault.IsEncrypted(data) {
		if len(data) > record.MaxSize {
			return nil, sealed{}, yamlx.Problems{{File: path, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d KiB limit for a record file", len(data), record.MaxSize>>10), Hint: "check that this is the right file"}}
		}
		return data, sealed{}, nil
	}
	info := sealed{encrypted: true, replyTo: vault.ReplyTo(data)}
	plain, err := vault.Decrypt(path, data, deps.Keyring(), record.MaxSize)
	return plain, info, err
}

// Recipients reads the --to arguments: public key files or age recipients.
func Recipients(to []string) ([]age.Recipient, []string, error) {
	var rs []age.Recipient
	var names []string
	for _, t := range to {
		r, name, err := keystore.ReadRecipient(t)
		if err != nil {
			return nil, nil, cmdutil.Usagef("%v", err)
		}
		rs = append(rs, r)
		names = append(names, name)
	}
	return rs, names, nil
}

// Deliver writes data to out as WriteOutput does, encrypted to rs first
// when there are any: the plaintext stays in memory and only ciphertext
// reaches the disk. The file names the person's own recipient (when they
// have one) as the one to answer to, so a reviewed copy can come back
// encrypted to them.
func Deliver(deps *cmdutil.Deps, out string, data []byte, force bool, rs []age.Recipient, inputs ...string) error {
	if len(rs) > 0 {
		own, _ := deps.Keyring().Recipient()
		enc, err := vault.EncryptReply(data, own, rs...)
		if err != nil {
			return err
		}
		data = enc
	}
	return WriteOutput(out, data, force, inputs...)
}

// WasEncrypted reports whether the file at path is encrypted (age).
func WasEncrypted(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	return vault.IsEncrypted(head[:n])
}

// ReadLimited reads a regular file of at most max bytes. A file reflect
// may not read is reported as such (*fsutil.PermissionError), never as a
// damaged file.
func ReadLimited(path string, max int64, what string) (data []byte, err error) {
	defer func() { err = fsutil.ExplainRead(path, err) }()
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
// No temporary copy outlives the command, even when a signal stops it
// (fsutil.WriteOutput).
func WriteOutput(name string, data []byte, force bool, inputs ...string) error {
	for _, in := range inputs {
		if SameFile(in, name) {
			return fmt.Errorf("%s is also an input; reflect never writes over an input. Choose another name with -o", name)
		}
	}
	return fsutil.WriteOutput(name, data, fsutil.FileMode, force)
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
// than a saved assessment: it has a path separator or ends in .json or
// .age, or a file of that name exists.
func IsRecordPath(s string) bool {
	if l := strings.ToLower(s); strings.ContainsAny(s, `/\`) || strings.HasSuffix(l, ".json") || strings.HasSuffix(l, ".age") {
		return true
	}
	fi, err := os.Stat(s)
	return err == nil && !fi.IsDir()
}

// LoadRecordArg reads a RECORD|ID argument: a record file, or a saved
// assessment in the data folder by id (a unique prefix is enough).
func LoadRecordArg(deps *cmdutil.Deps, arg string) (*record.Record, error) {
	if IsRecordPath(arg) {
		return ReadRecord(deps, arg)
	}
	st, err := deps.Store()
	if err != nil {
		return nil, err
	}
	id, err := st.Resolve(arg)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("%w; to use a record file, give its path (e.g. ./%s.json)", err, arg)
		}
		return nil, err
	}
	return st.Load(id)
}

// Frameworks returns the frameworks built into reflect, with any files
// given with --framework standing in for or added to them.
func Frameworks(deps *cmdutil.Deps, files []string) (*framework.Set, error) {
	if len(files) > 0 {
		set, _, err := cmdutil.ResolveFrameworks(deps, files)
		return set, err
	}
	if deps.Embedded == nil {
		return nil, nil
	}
	set, err := deps.Embedded()
	if err != nil {
		return nil, fmt.Errorf("the frameworks built into reflect did not load: %w", err)
	}
	return set, nil
}

// Trusted returns the keys a signed review is trusted by: those in the
// person's trusted keys file and any given with --key for this run.
func Trusted(deps *cmdutil.Deps, keys []string) ([]record.TrustedKey, error) {
	var out []record.TrustedKey
	for _, k := range keys {
		pub, name, err := keystore.ReadPublicKeyFile(k)
		if err != nil {
			return nil, cmdutil.Usagef("%v", err)
		}
		out = append(out, record.TrustedKey{Name: name, Key: pub, Source: "given with --key"})
	}
	dir, err := keystore.Dir(deps.Getenv)
	if err != nil {
		if len(out) > 0 {
			return out, nil
		}
		return nil, nil
	}
	file, err := keystore.LoadTrusted(dir)
	if err != nil {
		return nil, err
	}
	return append(out, file...), nil
}

// Loaded is a record as read, with its figures worked out again from its
// answers and put in place of the stored ones (record.Recompute).
type Loaded struct {
	Path    string // the file, or the saved assessment's file
	Record  *record.Record
	Derived *record.Derived
	// Stored is the first stored figure that was wrong (nil when the
	// file's figures were right).
	Stored *record.FigureDifference
	// Encrypted is true when the file was encrypted (age); ReplyTo is the
	// sender's age recipient named in it, or "".
	Encrypted bool
	ReplyTo   string
	// Raw is the record file's bytes as read (decrypted), for passing
	// the record on unchanged.
	Raw []byte
}

// Open reads a record file, checks it against its frameworks and works
// out its figures again.
func Open(deps *cmdutil.Deps, path string, set *framework.Set) (*Loaded, error) {
	data, info, err := readRecordFile(deps, path)
	if err != nil {
		return nil, err
	}
	r, d, err := record.Read(path, data, set)
	if err != nil {
		return nil, err
	}
	l := loaded(path, r, d)
	l.Encrypted, l.ReplyTo, l.Raw = info.encrypted, info.replyTo, data
	return l, nil
}

func loaded(path string, r *record.Record, d *record.Derived) *Loaded {
	l := &Loaded{Path: path, Record: r, Derived: d, Stored: r.CompareFigures(d)}
	r.UseDerived(d)
	return l
}

// OpenArg is Open for a RECORD|ID argument: a record file, or a saved
// assessment by id.
func OpenArg(deps *cmdutil.Deps, arg string, set *framework.Set) (*Loaded, error) {
	if IsRecordPath(arg) {
		return Open(deps, arg, set)
	}
	st, err := deps.Store()
	if err != nil {
		return nil, err
	}
	id, err := st.Resolve(arg)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, fmt.Errorf("%w; to use a record file, give its path (e.g. ./%s.json)", err, arg)
		}
		return nil, err
	}
	r, err := st.Load(id)
	if err != nil {
		return nil, err
	}
	d, err := record.Recompute(r, set)
	if err != nil {
		data, rerr := st.ReadFile(st.Path(id), record.MaxSize)
		if rerr == nil {
			err = record.Locate(st.Path(id), data, err)
		}
		return nil, err
	}
	return loaded(st.Path(id), r, d), nil
}

// Notes writes, one line each, what a reader should know about how the
// record was read: that its stored figures were wrong, that a framework
// changed since it was made, and answers no longer counted.
func (l *Loaded) Notes(w io.Writer) {
	switch {
	case l.Stored != nil && len(l.Derived.Mismatch) > 0:
		fmt.Fprintf(w, "Note: the figures stored in %s differ from those worked out with the frameworks loaded now (%s), as framework %q changed since the record was made; reflect shows the figures worked out now.\n", l.Path, l.Stored, l.Derived.Mismatch[0].ID)
	case l.Stored != nil:
		fmt.Fprintf(w, "Note: the figures stored in %s were wrong (%s); reflect shows the figures worked out from the answers.\n", l.Path, l.Stored)
	}
	if n := len(l.Derived.Unknown); n > 0 {
		fmt.Fprintf(w, "Note: %d answer(s) in %s are for competences the frameworks loaded no longer hold (e.g. %s), so they are not counted.\n", n, l.Path, l.Derived.Unknown[0].Code)
	}
}
