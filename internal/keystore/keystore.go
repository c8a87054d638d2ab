// Package keystore keeps a reviewer's Ed25519 signing key in the user's
// configuration folder: the private key as PKCS#8 PEM (0600, folder 0700)
// and the public key in the one-line form people share.
package keystore

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
)

// File names inside the folder.
const (
	PrivateName = "review-key.pem"
	PublicName  = "review-key.pub"
)

// EnvDir overrides the configuration folder (used by tests and by people
// who keep keys elsewhere).
const EnvDir = "REFLECT_CONFIG_DIR"

// Dir returns the folder that holds the key: $REFLECT_CONFIG_DIR, or
// reflect/ in the user's configuration folder (os.UserConfigDir: on Linux
// $XDG_CONFIG_HOME or ~/.config).
func Dir(getenv func(string) string) (string, error) {
	if d := getenv(EnvDir); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your configuration folder (%v); set %s to a folder for reflect's keys", err, EnvDir)
	}
	return filepath.Join(base, "reflect"), nil
}

// ErrNoKey is returned when no key has been generated yet.
var ErrNoKey = errors.New("you have no signing key yet; make one with 'reflect keys generate'")

// Key is a loaded key pair and where it lives.
type Key struct {
	Private ed25519.PrivateKey
	Public  ed25519.PublicKey
	Dir     string
	Comment string // the name given at generation, from the public key line
}

// PrivatePath and PublicPath return the key files' paths in dir.
func PrivatePath(dir string) string { return filepath.Join(dir, PrivateName) }

// PublicPath returns the public key file's path in dir.
func PublicPath(dir string) string { return filepath.Join(dir, PublicName) }

// Generate makes a new key pair from rand and writes it to dir. An
// existing private key is never replaced unless force is true; then the
// old files are kept as .bak.
func Generate(dir string, rand io.Reader, comment string, force bool) (*Key, error) {
	comment = strings.Join(strings.Fields(comment), " ")
	if _, err := os.Lstat(PrivatePath(dir)); err == nil && !force {
		return nil, fmt.Errorf("a signing key already exists in %s; reflect will not replace it, because reviews signed with it could no longer be linked to a key you hold. To replace it anyway, run 'reflect keys generate --force' (the old key is kept as %s.bak)", dir, PrivateName)
	}
	pub, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return nil, err
	}
	pemBytes, err := record.MarshalPrivateKey(priv)
	if err != nil {
		return nil, err
	}
	if err := fsutil.MkdirPrivate(dir); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", dir, err)
	}
	if err := fsutil.WriteFileAtomic(PrivatePath(dir), pemBytes, fsutil.FileMode, force); err != nil {
		return nil, err
	}
	line := record.FormatPublicKey(pub)
	if comment != "" {
		line += " " + comment
	}
	if err := fsutil.WriteFileAtomic(PublicPath(dir), []byte(line+"\n"), 0o644, force); err != nil {
		return nil, err
	}
	return &Key{Private: priv, Public: pub, Dir: dir, Comment: comment}, nil
}

// Load reads the key pair from dir. The private key file must not be
// readable by others (on systems with Unix permissions).
func Load(dir string) (*Key, error) {
	p := PrivatePath(dir)
	fi, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrNoKey
		}
		return nil, err
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s can be read by other people (permissions %04o); make it private with 'chmod 600 %s' and, if others may have copied it, generate a new key", p, fi.Mode().Perm(), p)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	priv, err := record.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	k := &Key{Private: priv, Public: priv.Public().(ed25519.PublicKey), Dir: dir}
	if line, err := os.ReadFile(PublicPath(dir)); err == nil {
		if f := strings.Fields(string(line)); len(f) > 2 && f[0] == record.PublicKeyPrefix {
			k.Comment = strings.Join(f[2:], " ")
		}
	}
	return k, nil
}

// ReadPublicKey reads a public key given on the command line: a path to a
// file holding one, or the key itself ("reflect-ed25519 <base64>" or the
// base64 alone).
func ReadPublicKey(arg string) (ed25519.PublicKey, error) {
	if fi, err := os.Stat(arg); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > 64<<10 {
			return nil, fmt.Errorf("%s is too large to be a public key", arg)
		}
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, err
		}
		k, err := record.ParsePublicKey(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		return k, nil
	}
	k, err := record.ParsePublicKey([]byte(arg))
	if err != nil {
		return nil, fmt.Errorf("--key %q is neither a file nor a public key: %w (pass the file the reviewer shared, or the line 'reflect keys show' printed for them)", short(arg), err)
	}
	return k, nil
}

func short(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
