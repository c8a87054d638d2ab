// Package keystore keeps a person's keys in their configuration folder:
// the Ed25519 key that signs reviews (PKCS#8 PEM), the age identity that
// opens records encrypted to them (age's own identity format, which the
// age tool also reads), both 0600 in a 0700 folder and optionally
// protected by a passphrase (each file then an age file encrypted with
// the passphrase through scrypt), and the public key file people share,
// which carries the signing key and the age recipient.
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

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
)

// File names inside the folder.
const (
	PrivateName  = "review-key.pem"
	PublicName   = "review-key.pub"
	IdentityName = "age-identity.txt"
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
	// Recipient is the person's age recipient from the public key file
	// ("" for a key folder made before reflect encrypted files).
	Recipient string
}

// PrivatePath and PublicPath return the key files' paths in dir.
func PrivatePath(dir string) string { return filepath.Join(dir, PrivateName) }

// PublicPath returns the public key file's path in dir.
func PublicPath(dir string) string { return filepath.Join(dir, PublicName) }

// Generate makes a new key pair from rand and writes it to dir, with a
// new age identity and no passphrase (see GenerateWith).
func Generate(dir string, rand io.Reader, comment string, force bool) (*Key, error) {
	return GenerateWith(dir, GenerateOptions{Rand: rand, Comment: comment, Force: force})
}

// GenerateOptions are what GenerateWith makes keys with.
type GenerateOptions struct {
	Rand    io.Reader // for the signing key
	Comment string    // the person's name, saved beside the public keys
	Force   bool      // replace existing keys (kept as .bak)
	// Passphrase protects the private keys ("" for none).
	Passphrase string
	// WorkFactor is scrypt's log2 cost for the passphrase (0: age's default, 18).
	WorkFactor int
	// KeepSigning keeps an existing signing key and adds only the age
	// identity (for a key folder made by an earlier reflect).
	KeepSigning bool
}

// GenerateWith makes a signing key and an age identity and writes them to
// dir: the private keys (0600, protected by the passphrase when one is
// given) and the public key file, which carries both public keys. An
// existing private key is never replaced unless Force is true; then the
// old files are kept as .bak.
func GenerateWith(dir string, o GenerateOptions) (*Key, error) {
	comment := strings.Join(strings.Fields(o.Comment), " ")
	var priv ed25519.PrivateKey
	if o.KeepSigning {
		old, err := LoadWith(dir, func() (string, error) { return o.Passphrase, nil })
		if err != nil {
			return nil, err
		}
		priv = old.Private
		if comment == "" {
			comment = old.Comment
		}
		if _, err := os.Lstat(IdentityPath(dir)); err == nil {
			return nil, fmt.Errorf("you already have an encryption key in %s", IdentityPath(dir))
		}
	} else {
		if _, err := os.Lstat(PrivatePath(dir)); err == nil && !o.Force {
			return nil, fmt.Errorf("a signing key already exists in %s; reflect will not replace it, because reviews signed with it could no longer be linked to a key you hold, and records encrypted to it could no longer be opened. To replace it anyway, run 'reflect keys generate --force' (the old keys are kept as %s.bak and %s.bak)", dir, PrivateName, IdentityName)
		}
		var err error
		if _, priv, err = ed25519.GenerateKey(o.Rand); err != nil {
			return nil, err
		}
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	pemBytes, err := record.MarshalPrivateKey(priv)
	if err != nil {
		return nil, err
	}
	idBytes := identityFile(id)
	if o.Passphrase != "" {
		if pemBytes, err = protect(pemBytes, o.Passphrase, o.WorkFactor); err != nil {
			return nil, err
		}
		if idBytes, err = protect(idBytes, o.Passphrase, o.WorkFactor); err != nil {
			return nil, err
		}
	}
	if err := fsutil.MkdirPrivate(dir); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", dir, err)
	}
	backup := o.Force && !o.KeepSigning
	if err := fsutil.WriteFileAtomic(IdentityPath(dir), idBytes, fsutil.FileMode, backup); err != nil {
		return nil, err
	}
	if !o.KeepSigning || o.Passphrase != "" {
		if err := fsutil.WriteFileAtomic(PrivatePath(dir), pemBytes, fsutil.FileMode, backup); err != nil {
			return nil, err
		}
	}
	pub := priv.Public().(ed25519.PublicKey)
	pf := PublicFile{Signing: pub, Recipient: id.Recipient().String(), Name: comment}
	if err := fsutil.WriteFileAtomic(PublicPath(dir), pf.Marshal(), 0o644, backup); err != nil {
		return nil, err
	}
	return &Key{Private: priv, Public: pub, Dir: dir, Comment: comment, Recipient: pf.Recipient}, nil
}

// Load reads the signing key from dir when it is not protected by a
// passphrase; a protected key gives ErrProtected (use LoadWith).
func Load(dir string) (*Key, error) {
	return LoadWith(dir, nil)
}

// ErrProtected is returned when a key is protected by a passphrase and
// there is no way to ask for it.
var ErrProtected = errors.New("your private key is protected by a passphrase")

// LoadWith reads the signing key from dir, asking pass for the passphrase
// when the key is protected. The private key file must not be readable by
// others (on systems with Unix permissions).
func LoadWith(dir string, pass Passphrase) (*Key, error) {
	p := PrivatePath(dir)
	data, err := readPrivate(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrNoKey
		}
		return nil, err
	}
	if data, err = unprotect(p, data, pass); err != nil {
		return nil, err
	}
	priv, err := record.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	k := &Key{Private: priv, Public: priv.Public().(ed25519.PublicKey), Dir: dir}
	if pf, err := readPublicFile(PublicPath(dir)); err == nil && pf.Signing.Equal(k.Public) {
		k.Comment, k.Recipient = pf.Name, pf.Recipient
	}
	return k, nil
}

// readPrivate reads a private key file, refusing one others can read.
func readPrivate(p string) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s can be read by other people (permissions %04o); make it private with 'chmod 600 %s' and, if others may have copied it, generate a new key", p, fi.Mode().Perm(), p)
	}
	if fi.Size() > 1<<20 {
		return nil, fmt.Errorf("%s is too large to be a private key", p)
	}
	data, err := os.ReadFile(p)
	return data, fsutil.ExplainRead(p, err)
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
		k, err := record.ParsePublicKey(signingLine(data))
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
