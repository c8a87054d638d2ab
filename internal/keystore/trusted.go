package keystore

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
)

// The trusted keys file lists the reviewers' public keys whose signed
// reviews 'reflect verify' trusts, as git's allowed signers file or
// minisign's trusted keys do: one key a line, "reflect-ed25519 <base64>
// <name>". Lines starting with # are comments. It lives beside the
// signing key (0600, in a 0700 folder), and reflect refuses to use it if
// others can write to it: whoever can add a line can make any review look
// trusted.

// TrustedName is the trusted keys file's name inside the folder.
const TrustedName = "trusted-keys"

// TrustedPath returns the trusted keys file's path in dir.
func TrustedPath(dir string) string { return filepath.Join(dir, TrustedName) }

// TrustedSource is how a key from the file is described.
const TrustedSource = "in your trusted keys"

// maxTrustedFile bounds the file: thousands of keys fit.
const maxTrustedFile = 1 << 20

const trustedHeader = "# reflect trusted keys: the reviewers whose signed reviews 'reflect verify' trusts.\n" +
	"# One key a line: reflect-ed25519 <base64 key> <name>. Add keys with 'reflect keys trust FILE.pub'.\n"

// LoadTrusted reads the trusted keys in dir. A missing file is no keys.
func LoadTrusted(dir string) ([]record.TrustedKey, error) {
	p := TrustedPath(dir)
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o022 != 0 {
		return nil, fmt.Errorf("%s can be changed by other people (permissions %04o), so the keys in it cannot be trusted; make it private with 'chmod 600 %s' and check every key in it with 'reflect keys trusted'", p, fi.Mode().Perm(), p)
	}
	if fi.Size() > maxTrustedFile {
		return nil, fmt.Errorf("%s is larger than %d KiB; it should hold one line per trusted key", p, maxTrustedFile>>10)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return parseTrusted(p, data)
}

func parseTrusted(p string, data []byte) ([]record.TrustedKey, error) {
	var out []record.TrustedKey
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxTrustedFile)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != record.PublicKeyPrefix {
			return nil, fmt.Errorf("%s:%d: this line is not a trusted key (it should read %s <base64 key> <name>); correct it or remove it", p, n, record.PublicKeyPrefix)
		}
		pub, err := record.ParsePublicKey([]byte(f[0] + " " + f[1]))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", p, n, err)
		}
		out = append(out, record.TrustedKey{Name: strings.Join(f[2:], " "), Key: pub, Source: TrustedSource})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return out, nil
}

// Trust adds a key under name. A key already trusted is left as it is
// and returned with its name (added is false).
func Trust(dir string, pub ed25519.PublicKey, name string) (existing record.TrustedKey, added bool, err error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return record.TrustedKey{}, false, errors.New("a trusted key needs a name, so that verify can say whose it is; give one with --name")
	}
	keys, err := LoadTrusted(dir)
	if err != nil {
		return record.TrustedKey{}, false, err
	}
	for _, k := range keys {
		if k.Key.Equal(pub) {
			return k, false, nil
		}
	}
	keys = append(keys, record.TrustedKey{Name: name, Key: pub})
	return record.TrustedKey{Name: name, Key: pub, Source: TrustedSource}, true, writeTrusted(dir, keys)
}

// Untrust removes the keys whose fingerprint (KeyID, spaces ignored, at
// least 8 hex digits) or name matches what; it returns those removed.
func Untrust(dir, what string) ([]record.TrustedKey, error) {
	keys, err := LoadTrusted(dir)
	if err != nil {
		return nil, err
	}
	id := strings.ToLower(strings.Join(strings.Fields(what), ""))
	var keep, gone []record.TrustedKey
	for _, k := range keys {
		kid := record.KeyID(k.Key)
		if (len(id) >= 8 && strings.HasPrefix(kid, id)) || strings.EqualFold(strings.Join(strings.Fields(k.Name), " "), strings.Join(strings.Fields(what), " ")) {
			gone = append(gone, k)
			continue
		}
		keep = append(keep, k)
	}
	if len(gone) == 0 {
		return nil, fmt.Errorf("no trusted key has the fingerprint or name %q; 'reflect keys trusted' lists them", what)
	}
	return gone, writeTrusted(dir, keep)
}

func writeTrusted(dir string, keys []record.TrustedKey) error {
	var b strings.Builder
	b.WriteString(trustedHeader)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %s\n", record.FormatPublicKey(k.Key), k.Name)
	}
	if err := fsutil.MkdirPrivate(dir); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	return fsutil.WriteFileAtomic(TrustedPath(dir), []byte(b.String()), fsutil.FileMode, false)
}

// ReadPublicKeyFile reads a .pub file (or a key line) and the name written
// after the key, if any.
func ReadPublicKeyFile(arg string) (ed25519.PublicKey, string, error) {
	pub, err := ReadPublicKey(arg)
	if err != nil {
		return nil, "", err
	}
	var text string
	if fi, err := os.Stat(arg); err == nil && fi.Mode().IsRegular() {
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, "", err
		}
		text = string(signingLine(data))
	} else {
		text = arg
	}
	if f := strings.Fields(text); len(f) > 2 && f[0] == record.PublicKeyPrefix {
		return pub, strings.Join(f[2:], " "), nil
	}
	return pub, "", nil
}
