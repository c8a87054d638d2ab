package keystore_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/vault"
)

const workFactor = 10 // scrypt's cost kept low in tests; reflect uses age's default

func pass(s string) keystore.Passphrase { return func() (string, error) { return s, nil } }

// names lists the files in dir.
func names(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func contents(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range strings.Fields(names(t, dir)) {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

// noSecretsInTheClear fails when a private key can be read in any file of
// the folder.
func noSecretsInTheClear(t *testing.T, dir string) {
	t.Helper()
	for n, b := range contents(t, dir) {
		if bytes.Contains(b, []byte("AGE-SECRET-KEY-")) || bytes.Contains(b, []byte("PRIVATE KEY")) {
			t.Errorf("%s holds a private key in the clear", n)
		}
	}
}

func TestIdentityRoundTripAndPublicFile(t *testing.T) {
	dir := t.TempDir()
	k, err := keystore.GenerateWith(dir, keystore.GenerateOptions{Comment: "Sam Patel"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := keystore.LoadIdentity(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if id.Recipient().String() != k.Recipient || !strings.HasPrefix(k.Recipient, "age1") {
		t.Fatalf("identity %s, key's recipient %s", id.Recipient(), k.Recipient)
	}
	// The public file carries both keys and the name; --to reads it.
	pub, err := os.ReadFile(keystore.PublicPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	pf, err := keystore.ParsePublicFile(pub)
	if err != nil || !pf.Signing.Equal(k.Public) || pf.Recipient != k.Recipient || pf.Name != "Sam Patel" {
		t.Fatalf("public file %+v %v", pf, err)
	}
	if bytes.Contains(pub, []byte("AGE-SECRET-KEY-")) {
		t.Fatal("the public file holds the secret key")
	}
	r, name, err := keystore.ReadRecipient(keystore.PublicPath(dir))
	if err != nil || name != "Sam Patel" {
		t.Fatalf("ReadRecipient: %v %q", err, name)
	}
	enc, err := vault.Encrypt([]byte("a reflection"), r)
	if err != nil {
		t.Fatal(err)
	}
	ring := &keystore.Keyring{Dir: func() (string, error) { return dir, nil }}
	out, err := vault.Decrypt("r.age", enc, ring, 1<<20)
	if err != nil || string(out) != "a reflection" {
		t.Fatalf("decrypt with the keyring: %v", err)
	}
	// A bare age recipient works with --to too; nonsense does not.
	if _, _, err := keystore.ReadRecipient(k.Recipient); err != nil {
		t.Errorf("a bare recipient: %v", err)
	}
	if _, _, err := keystore.ReadRecipient("age1notarecipient"); err == nil {
		t.Error("a bad bare recipient was accepted")
	}
	if _, _, err := keystore.ReadRecipient(filepath.Join(dir, "nobody.pub")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("a missing file: %v", err)
	}
}

// A public key file from before encryption (a signing key only) still
// reads, but cannot be encrypted to, and says why.
func TestOlderPublicFile(t *testing.T) {
	dir := t.TempDir()
	k, err := keystore.GenerateWith(dir, keystore.GenerateOptions{Comment: "Sam"})
	if err != nil {
		t.Fatal(err)
	}
	old := keystore.PublicFile{Signing: k.Public, Name: "Sam"}.Marshal()
	p := filepath.Join(dir, "old.pub")
	if err := os.WriteFile(p, old, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := keystore.ReadPublicKey(p); err != nil || !got.Equal(k.Public) {
		t.Errorf("the signing key of an older file: %v", err)
	}
	if _, _, err := keystore.ReadRecipient(p); err == nil || !strings.Contains(err.Error(), "made by a reflect from before encryption") {
		t.Errorf("encrypting to an older file: %v", err)
	}
}

func TestMissingIdentity(t *testing.T) {
	dir := t.TempDir()
	_, err := keystore.LoadIdentity(dir, nil)
	if !errors.Is(err, keystore.ErrNoIdentity) || !errors.Is(err, vault.ErrNoIdentity) || !strings.Contains(err.Error(), "reflect keys generate") {
		t.Fatalf("no identity: %v", err)
	}
	// Through the keyring, decrypting says there is no key, and what to do.
	id, _ := keystore.GenerateWith(t.TempDir(), keystore.GenerateOptions{})
	r, _, _ := keystore.ReadRecipient(id.Recipient)
	enc, _ := vault.Encrypt([]byte("x"), r)
	ring := &keystore.Keyring{Dir: func() (string, error) { return dir, nil }}
	out, err := vault.Decrypt("r.age", enc, ring, 1<<20)
	var ve *vault.Error
	if out != nil || !errors.As(err, &ve) || ve.Kind != vault.NoIdentity || !strings.Contains(err.Error(), "make one with 'reflect keys generate'") {
		t.Fatalf("decrypt without an identity: %v", err)
	}
	if names(t, dir) != "" {
		t.Errorf("files were made: %s", names(t, dir))
	}
}

func TestPassphraseProtectsBothKeys(t *testing.T) {
	dir := t.TempDir()
	k, err := keystore.GenerateWith(dir, keystore.GenerateOptions{Comment: "Sam", Passphrase: "first pass", WorkFactor: workFactor})
	if err != nil {
		t.Fatal(err)
	}
	noSecretsInTheClear(t, dir)
	for _, p := range []string{keystore.IdentityPath(dir), keystore.PrivatePath(dir)} {
		b, _ := os.ReadFile(p)
		if !keystore.Protected(b) || !bytes.HasPrefix(b, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
			t.Errorf("%s is not protected (armored age)", p)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", p, fi.Mode().Perm())
		}
	}
	// The public half needs no passphrase.
	if pk, err := keystore.LoadPublic(dir); err != nil || !pk.Public.Equal(k.Public) || pk.Recipient != k.Recipient {
		t.Errorf("LoadPublic: %v", err)
	}
	// No way to ask: protected.
	if _, err := keystore.LoadIdentity(dir, nil); !errors.Is(err, keystore.ErrProtected) {
		t.Errorf("no passphrase: %v", err)
	}
	if _, err := keystore.Load(dir); !errors.Is(err, keystore.ErrProtected) {
		t.Errorf("no passphrase for the signing key: %v", err)
	}
	// An empty answer.
	if _, err := keystore.LoadIdentity(dir, pass("")); err == nil || !strings.Contains(err.Error(), "none was given") {
		t.Errorf("empty passphrase: %v", err)
	}
	// Wrong: named as such, for both keys.
	if _, err := keystore.LoadIdentity(dir, pass("wrong")); !errors.Is(err, vault.ErrWrongPassphrase) || !strings.Contains(err.Error(), "is wrong") {
		t.Errorf("wrong passphrase: %v", err)
	}
	if _, err := keystore.LoadWith(dir, pass("wrong")); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Errorf("wrong passphrase for the signing key: %v", err)
	}
	id, err := keystore.LoadIdentity(dir, pass("first pass"))
	if err != nil || id.Recipient().String() != k.Recipient {
		t.Fatalf("right passphrase: %v", err)
	}
	sk, err := keystore.LoadWith(dir, pass("first pass"))
	if err != nil || !sk.Private.Equal(k.Private) {
		t.Fatalf("right passphrase for the signing key: %v", err)
	}

	// A wrong passphrase through the keyring is a decryption failure of
	// its own kind, and nothing is returned.
	r, _, _ := keystore.ReadRecipient(k.Recipient)
	enc, _ := vault.Encrypt([]byte("a reflection"), r)
	ring := &keystore.Keyring{Dir: func() (string, error) { return dir, nil }, Ask: pass("wrong")}
	out, err := vault.Decrypt("r.age", enc, ring, 1<<20)
	var ve *vault.Error
	if out != nil || !errors.As(err, &ve) || ve.Kind != vault.WrongPassphrase {
		t.Fatalf("keyring, wrong passphrase: %v", err)
	}
}

// keys passphrase: change it, remove it, and a wrong old passphrase
// changes nothing and leaves no temporary file.
func TestChangingThePassphrase(t *testing.T) {
	dir := t.TempDir()
	k, err := keystore.GenerateWith(dir, keystore.GenerateOptions{Passphrase: "old pass", WorkFactor: workFactor})
	if err != nil {
		t.Fatal(err)
	}
	before := contents(t, dir)
	if err := keystore.SetPassphrase(dir, pass("not it"), "new pass", workFactor); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("wrong old passphrase: %v", err)
	}
	after := contents(t, dir)
	if len(after) != len(before) {
		t.Errorf("files changed: %s", names(t, dir))
	}
	for n, b := range before {
		if !bytes.Equal(after[n], b) {
			t.Errorf("%s changed after a wrong passphrase", n)
		}
	}
	if err := keystore.SetPassphrase(dir, pass("old pass"), "new pass", workFactor); err != nil {
		t.Fatal(err)
	}
	noSecretsInTheClear(t, dir)
	if _, err := keystore.LoadIdentity(dir, pass("old pass")); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens the identity: %v", err)
	}
	if _, err := keystore.LoadWith(dir, pass("old pass")); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens the signing key: %v", err)
	}
	id, err := keystore.LoadIdentity(dir, pass("new pass"))
	if err != nil || id.Recipient().String() != k.Recipient {
		t.Fatalf("the new passphrase: %v (the key must stay the same)", err)
	}
	// Removing it.
	if err := keystore.SetPassphrase(dir, pass("new pass"), "", workFactor); err != nil {
		t.Fatal(err)
	}
	if got, err := keystore.LoadIdentity(dir, nil); err != nil || got.Recipient().String() != k.Recipient {
		t.Fatalf("after removing the passphrase: %v", err)
	}
	if sk, err := keystore.Load(dir); err != nil || !sk.Private.Equal(k.Private) {
		t.Fatalf("signing key after removing the passphrase: %v", err)
	}
	for _, n := range strings.Fields(names(t, dir)) {
		if strings.Contains(n, "tmp") {
			t.Errorf("a temporary file was left: %s", n)
		}
		if fi, _ := os.Stat(filepath.Join(dir, n)); n != keystore.PublicName && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", n, fi.Mode().Perm())
		}
	}
	if err := keystore.SetPassphrase(t.TempDir(), nil, "x", workFactor); !errors.Is(err, keystore.ErrNoKey) {
		t.Errorf("no keys: %v", err)
	}
}

// The keyring asks for the passphrase once per command, whatever it opens,
// and asks again after a wrong one.
func TestKeyringAsksOnce(t *testing.T) {
	dir := t.TempDir()
	if _, err := keystore.GenerateWith(dir, keystore.GenerateOptions{Passphrase: "pw", WorkFactor: workFactor}); err != nil {
		t.Fatal(err)
	}
	n := 0
	answers := []string{"wrong", "pw", "pw"}
	ring := &keystore.Keyring{Dir: func() (string, error) { return dir, nil }, Ask: func() (string, error) { n++; return answers[n-1], nil }}
	if _, err := ring.Identity(); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("first answer wrong: %v", err)
	}
	if _, err := ring.Identity(); err != nil {
		t.Fatalf("second answer: %v", err)
	}
	if _, err := ring.Signing(); err != nil {
		t.Fatal(err)
	}
	if _, err := ring.Identities(); err != nil {
		t.Fatal(err)
	}
	if _, err := ring.Recipient(); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("asked %d times, want 2 (once wrong, once right)", n)
	}
}
