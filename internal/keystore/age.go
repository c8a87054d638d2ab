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
	"strings"
	"sync"

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// IdentityPath returns the age identity file's path in dir.
func IdentityPath(dir string) string { return filepath.Join(dir, IdentityName) }

// ErrNoIdentity is returned when the key folder has no age identity: it
// was made by a reflect from before encryption, or not at all.
var ErrNoIdentity = fmt.Errorf("%w: you have no encryption key yet; make one with 'reflect keys generate' (a signing key you already have is kept)", vault.ErrNoIdentity)

// Passphrase returns the passphrase for the private keys (asking the
// person, or reading a file). It is called at most once per Keyring.
type Passphrase func() (string, error)

// identityFile is an identity in age-keygen's format.
func identityFile(id *age.X25519Identity) []byte {
	return []byte("# reflect encryption key (age identity): it opens the records encrypted to you.\n" +
		"# Keep a copy somewhere safe: without it those records cannot be opened by anyone.\n" +
		"# public key: " + id.Recipient().String() + "\n" +
		id.String() + "\n")
}

// protect encrypts a private key file with a passphrase (age's scrypt
// recipient), armored so that the file stays text.
func protect(data []byte, passphrase string, workFactor int) ([]byte, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	if workFactor > 0 {
		r.SetWorkFactor(workFactor)
	}
	enc, err := vault.Encrypt(data, r)
	if err != nil {
		return nil, err
	}
	return vault.Armor(enc)
}

// Protected reports whether a private key file is protected by a passphrase.
func Protected(data []byte) bool { return vault.IsEncrypted(data) }

// unprotect returns a private key file's content, asking pass for the
// passphrase when it is protected.
func unprotect(path string, data []byte, pass Passphrase) ([]byte, error) {
	if !Protected(data) {
		return data, nil
	}
	if pass == nil {
		return nil, fmt.Errorf("%s: %w", path, ErrProtected)
	}
	pw, err := pass()
	if err != nil {
		return nil, err
	}
	if pw == "" {
		return nil, fmt.Errorf("%s is protected by a passphrase, and none was given", path)
	}
	id, err := age.NewScryptIdentity(pw)
	if err != nil {
		return nil, err
	}
	out, err := vault.DecryptWith(path, data, 1<<20, id)
	if err != nil {
		var ve *vault.Error
		if errors.As(err, &ve) && ve.Kind == vault.WrongPassphrase {
			return nil, wrongPassphrase{path}
		}
		return nil, err
	}
	return out, nil
}

// wrongPassphrase is a wrong passphrase for a key file; it is
// vault.ErrWrongPassphrase, said once.
type wrongPassphrase struct{ path string }

func (e wrongPassphrase) Error() string { return "the passphrase for " + e.path + " is wrong" }

func (e wrongPassphrase) Is(target error) bool { return target == vault.ErrWrongPassphrase }

// LoadIdentity reads the age identity from dir, asking pass for the
// passphrase when it is protected.
func LoadIdentity(dir string, pass Passphrase) (*age.X25519Identity, error) {
	p := IdentityPath(dir)
	data, err := readPrivate(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrNoIdentity
		}
		return nil, err
	}
	if data, err = unprotect(p, data, pass); err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "AGE-SECRET-KEY-") {
			id, err := age.ParseX25519Identity(line)
			if err != nil {
				return nil, fmt.Errorf("%s: the key cannot be read: %v", p, err)
			}
			return id, nil
		}
	}
	return nil, fmt.Errorf("%s holds no age identity (a line starting AGE-SECRET-KEY-)", p)
}

// PublicFile is what a person's public key file says: the key that checks
// their signed reviews, the age recipient that records are encrypted to
// for them, and their name. A file from before reflect encrypted files has
// no recipient.
type PublicFile struct {
	Signing   ed25519.PublicKey
	Recipient string
	Name      string
}

// Marshal writes the file: the signing key line, as before
// ("reflect-ed25519 <base64> NAME"), then the age recipient on a line of
// its own, which the age tool reads too (age -R FILE skips the first line
// only if told; give it the second line).
func (p PublicFile) Marshal() []byte {
	line := record.FormatPublicKey(p.Signing)
	if p.Name != "" {
		line += " " + p.Name
	}
	out := line + "\n"
	if p.Recipient != "" {
		out += p.Recipient + "\n"
	}
	return []byte(out)
}

// signingLine is the part of a public key file that holds the signing key:
// the first line starting with the prefix, or all of it.
func signingLine(data []byte) []byte {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); strings.HasPrefix(l, record.PublicKeyPrefix+" ") {
			return []byte(l)
		}
	}
	return data
}

// ParsePublicFile reads a public key file's content.
func ParsePublicFile(data []byte) (PublicFile, error) {
	var pf PublicFile
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		f := strings.Fields(l)
		switch {
		case len(f) == 0 || strings.HasPrefix(l, "#"):
		case f[0] == record.PublicKeyPrefix && pf.Signing == nil:
			k, err := record.ParsePublicKey([]byte(l))
			if err != nil {
				return pf, err
			}
			pf.Signing = k
			pf.Name = strings.Join(f[2:], " ")
		case strings.HasPrefix(f[0], "age1") && pf.Recipient == "":
			if _, err := vault.ParseRecipient(f[0]); err != nil {
				return pf, fmt.Errorf("the age recipient %q cannot be read: %v", short(f[0]), err)
			}
			pf.Recipient = f[0]
		}
	}
	if pf.Signing == nil && pf.Recipient == "" {
		return pf, errors.New("this holds neither a reflect public key nor an age recipient")
	}
	return pf, nil
}

func readPublicFile(path string) (PublicFile, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return PublicFile{}, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > 64<<10 {
		return PublicFile{}, fmt.Errorf("%s is not a public key file", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return PublicFile{}, fsutil.ExplainRead(path, err)
	}
	pf, err := ParsePublicFile(data)
	if err != nil {
		return pf, fmt.Errorf("%s: %w", path, err)
	}
	return pf, nil
}

// ReadRecipient reads who to encrypt to from what was given with --to: a
// public key file (reflect's, with its age line, or an age recipients
// file) or an age recipient itself ("age1…"). It returns the recipient
// and a name for messages.
func ReadRecipient(arg string) (age.Recipient, string, error) {
	if strings.HasPrefix(arg, "age1") && !strings.ContainsAny(arg, `/\`) {
		if _, err := os.Stat(arg); err != nil {
			r, err := vault.ParseRecipient(arg)
			if err != nil {
				return nil, "", fmt.Errorf("--to %q is not an age recipient: %v", short(arg), err)
			}
			return r, short(arg), nil
		}
	}
	pf, err := readPublicFile(arg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("--to %s: no such file; give the public key file the reader sent you (their review-key.pub) or their age recipient (age1…)", arg)
		}
		return nil, "", fmt.Errorf("--to %v", err)
	}
	if pf.Recipient == "" {
		return nil, "", fmt.Errorf("--to %s holds a signing key but no encryption key: it was made by a reflect from before encryption. Ask its owner to run 'reflect keys generate' (their signing key is kept) and send you the new %s", arg, PublicName)
	}
	r, err := vault.ParseRecipient(pf.Recipient)
	if err != nil {
		return nil, "", err
	}
	name := pf.Name
	if name == "" {
		name = filepath.Base(arg)
	}
	return r, name, nil
}

// OwnRecipient returns the person's own age recipient, from the public key
// file (no passphrase needed), else from the identity.
func OwnRecipient(dir string, pass Passphrase) (string, error) {
	if pf, err := readPublicFile(PublicPath(dir)); err == nil && pf.Recipient != "" {
		return pf.Recipient, nil
	}
	id, err := LoadIdentity(dir, pass)
	if err != nil {
		return "", err
	}
	return id.Recipient().String(), nil
}

// SetPassphrase protects the private keys in dir with a new passphrase
// ("" removes the protection), after opening them with the old one. Each
// file is replaced atomically; if the two are ever out of step (a crash
// between them), the next command asks for the passphrase of each.
func SetPassphrase(dir string, old Passphrase, newPass string, workFactor int) error {
	type file struct {
		path string
		data []byte
	}
	var files []file
	for _, p := range []string{IdentityPath(dir), PrivatePath(dir)} {
		data, err := readPrivate(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if data, err = unprotect(p, data, old); err != nil {
			return err
		}
		files = append(files, file{p, data})
	}
	if len(files) == 0 {
		return ErrNoKey
	}
	for _, f := range files {
		data := f.data
		if newPass != "" {
			var err error
			if data, err = protect(data, newPass, workFactor); err != nil {
				return err
			}
		}
		if err := fsutil.WriteFileAtomic(f.path, data, fsutil.FileMode, false); err != nil {
			return err
		}
	}
	return nil
}

// Keyring opens the person's keys for one command: the passphrase is
// asked at most once, and each key is read at most once.
type Keyring struct {
	// Dir returns the key folder.
	Dir func() (string, error)
	// Ask asks for the passphrase (nil: it cannot be asked).
	Ask Passphrase

	mu       sync.Mutex // commands such as team read files in parallel
	asked    bool
	pass     string
	passErr  error
	identity *age.X25519Identity
	signing  *Key
}

// Passphrase returns the passphrase, asking at most once per Keyring.
func (k *Keyring) Passphrase() (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.passphrase()
}

// passphrase asks once and remembers the answer (or the failure).
func (k *Keyring) passphrase() (string, error) {
	if !k.asked {
		k.asked = true
		if k.Ask == nil {
			k.passErr = ErrProtected
		} else {
			k.pass, k.passErr = k.Ask()
		}
	}
	return k.pass, k.passErr
}

// Identities returns the age identity (vault.Keys).
func (k *Keyring) Identities() ([]age.Identity, error) {
	id, err := k.Identity()
	if err != nil {
		return nil, err
	}
	return []age.Identity{id}, nil
}

// Identity returns the age identity, asking for the passphrase if needed.
func (k *Keyring) Identity() (*age.X25519Identity, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.identity != nil {
		return k.identity, nil
	}
	dir, err := k.Dir()
	if err != nil {
		return nil, err
	}
	id, err := LoadIdentity(dir, k.passphrase)
	if err != nil {
		k.asked = false // a wrong passphrase may be typed again
		return nil, err
	}
	k.identity = id
	return id, nil
}

// Signing returns the signing key, asking for the passphrase if needed.
func (k *Keyring) Signing() (*Key, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.signing != nil {
		return k.signing, nil
	}
	dir, err := k.Dir()
	if err != nil {
		return nil, err
	}
	key, err := LoadWith(dir, k.passphrase)
	if err != nil {
		k.asked = false
		return nil, err
	}
	k.signing = key
	return key, nil
}

// Recipient returns the person's own age recipient (no passphrase needed
// when the public key file has it).
func (k *Keyring) Recipient() (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	dir, err := k.Dir()
	if err != nil {
		return "", err
	}
	return OwnRecipient(dir, k.passphrase)
}

// LoadPublic returns the person's public keys without opening the private
// ones: from the public key file, else (no passphrase asked) from an
// unprotected private key.
func LoadPublic(dir string) (*Key, error) {
	pf, err := readPublicFile(PublicPath(dir))
	if err == nil && pf.Signing != nil {
		return &Key{Public: pf.Signing, Dir: dir, Comment: pf.Name, Recipient: pf.Recipient}, nil
	}
	k, lerr := Load(dir)
	if lerr != nil {
		if errors.Is(lerr, ErrProtected) && err != nil {
			return nil, fmt.Errorf("%s cannot be read (%v), and the private key is protected by a passphrase", PublicPath(dir), err)
		}
		return nil, lerr
	}
	return k, nil
}
