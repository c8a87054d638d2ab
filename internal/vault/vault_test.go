package vault_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/vault"
)

// secret is the kind of text a record holds; it must never be readable in
// an encrypted file, nor come back from a failed decryption.
var secret = []byte(`{"format":"reflect-record","reflection":"SECRET-REFLECTION: I was unsure how to ask about suicide directly."}`)

func newID(t *testing.T) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

type keys struct {
	ids []age.Identity
	err error
	n   int
}

func (k *keys) Identities() ([]age.Identity, error) { k.n++; return k.ids, k.err }

// kindOf returns the failure's kind and checks that nothing came back.
func kindOf(t *testing.T, out []byte, err error) vault.Kind {
	t.Helper()
	if out != nil {
		t.Fatalf("a failed decryption returned %d bytes", len(out))
	}
	var ve *vault.Error
	if !errors.As(err, &ve) {
		t.Fatalf("want a *vault.Error, got %T %v", err, err)
	}
	return ve.Kind
}

// tmpScan points the temporary folder at a new one and returns a check
// that nothing was left in it.
func tmpScan(t *testing.T) func() {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return func() {
		t.Helper()
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			t.Errorf("a file was left in the temporary folder: %s", e.Name())
		}
	}
}

func TestRoundTripToEveryRecipient(t *testing.T) {
	defer tmpScan(t)()
	a, b, c := newID(t), newID(t), newID(t)
	enc, err := vault.Encrypt(secret, a.Recipient(), b.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	if !vault.IsEncrypted(enc) || !bytes.HasPrefix(enc, []byte(vault.Magic)) {
		t.Fatalf("not an age file: %q", enc[:min(40, len(enc))])
	}
	if bytes.Contains(enc, []byte("SECRET-REFLECTION")) || bytes.Contains(enc, []byte("reflect-record")) {
		t.Fatal("the plaintext can be read in the encrypted file")
	}
	for name, id := range map[string]*age.X25519Identity{"first": a, "second": b} {
		out, err := vault.Decrypt("r.json.age", enc, &keys{ids: []age.Identity{id}}, 1<<20)
		if err != nil || !bytes.Equal(out, secret) {
			t.Errorf("the %s reader: %v %q", name, err, out)
		}
	}
	// Someone else's key: not for you, and the message says what to do.
	out, err := vault.Decrypt("r.json.age", enc, &keys{ids: []age.Identity{c}}, 1<<20)
	if k := kindOf(t, out, err); k != vault.NotForYou {
		t.Fatalf("another key: kind %v (%v)", k, err)
	}
	if msg := err.Error(); !strings.Contains(msg, "r.json.age is encrypted, but not for your key") || !strings.Contains(msg, "Nothing was written") {
		t.Errorf("message %q", msg)
	}
	// Encrypting twice gives different files (a new file key each time).
	enc2, _ := vault.Encrypt(secret, a.Recipient())
	if bytes.Equal(enc, enc2) {
		t.Error("two encryptions are identical")
	}
	if _, err := vault.Encrypt(secret); err == nil {
		t.Error("encrypting to no one succeeded")
	}
	// An empty file round-trips too.
	e0, err := vault.Encrypt(nil, a.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	if out, err := vault.DecryptWith("e", e0, 10, a); err != nil || len(out) != 0 {
		t.Errorf("empty: %v %q", err, out)
	}
}

func TestArmoredFilesAreRead(t *testing.T) {
	id := newID(t)
	enc, err := vault.Encrypt(secret, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	arm, err := vault.Armor(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(arm, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) || bytes.Contains(arm, []byte("SECRET")) {
		t.Fatalf("armor: %q", arm[:40])
	}
	// Pasted with blank lines and Windows line ends before it.
	pasted := append([]byte("\r\n  \n"), arm...)
	if !vault.IsEncrypted(pasted) {
		t.Error("an armored file after blank lines is not seen as encrypted")
	}
	out, err := vault.DecryptWith("pasted.age", pasted, 1<<20, id)
	if err != nil || !bytes.Equal(out, secret) {
		t.Fatalf("armored: %v", err)
	}
	for _, plain := range [][]byte{secret, []byte(""), []byte("age-encryption.org/v2\n"), []byte("  {\"age-encryption.org/v1\": 1}")} {
		if vault.IsEncrypted(plain) {
			t.Errorf("%q is seen as encrypted", plain)
		}
	}
}

// Every way of cutting a file short is refused as damaged, and nothing of
// the plaintext comes back, not even the part before the cut.
func TestTruncatedFilesAreDamaged(t *testing.T) {
	defer tmpScan(t)()
	id := newID(t)
	// Over one 64 KiB chunk, so that a cut at the chunk boundary is tried.
	big := bytes.Repeat(secret, 70<<10/len(secret)+1)
	for _, plain := range [][]byte{secret, big} {
		enc, err := vault.Encrypt(plain, id.Recipient())
		if err != nil {
			t.Fatal(err)
		}
		hdr := bytes.Index(enc, []byte("\n--- ")) // the header's MAC line
		cuts := map[int]bool{0: true, 1: true, len(vault.Magic): true, hdr: true, hdr + 5: true, len(enc) - 1: true, len(enc) - 16: true, len(enc) - 17: true}
		for n := 0; n < len(enc); n += max(1, len(enc)/97) {
			cuts[n] = true
		}
		// The end of the first chunk: the header, the 16-byte nonce, then
		// 64 KiB of text and a 16-byte tag.
		if len(plain) > 64<<10 {
			body := bytes.IndexByte(enc[hdr+1:], '\n') + hdr + 2
			cuts[body+16+64<<10+16] = true
		}
		for n := range cuts {
			if n < 0 || n >= len(enc) {
				continue
			}
			out, err := vault.DecryptWith("cut.age", enc[:n], int64(len(plain))+1, id)
			if k := kindOf(t, out, err); k != vault.Damaged {
				t.Errorf("cut at %d of %d: kind %v (%v)", n, len(enc), k, err)
			}
		}
		out, err := vault.DecryptWith("cut.age", enc[:len(enc)-1], 1<<30, id)
		kindOf(t, out, err)
		if msg := err.Error(); !strings.Contains(msg, "cut short or altered") || !strings.Contains(msg, "Nothing was written") {
			t.Errorf("message %q", msg)
		}
	}
}

// Changing any byte of the file, in the header or the body, is caught:
// never a success, never plaintext.
func TestAlteredFilesAreRefused(t *testing.T) {
	id := newID(t)
	enc, err := vault.Encrypt(secret, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	for i := range enc {
		alt := bytes.Clone(enc)
		alt[i] ^= 0x01
		out, err := vault.DecryptWith("alt.age", alt, 1<<20, id)
		if err == nil {
			t.Fatalf("a change at byte %d of %d was not noticed", i, len(enc))
		}
		// A change to the wrapped file key reads as not for this key;
		// every other change as damaged.
		if k := kindOf(t, out, err); k != vault.Damaged && k != vault.NotForYou {
			t.Fatalf("byte %d: kind %v (%v)", i, k, err)
		}
	}
	// A change in the body is said to be an alteration.
	alt := bytes.Clone(enc)
	alt[len(alt)-3] ^= 0x80
	_, err = vault.DecryptWith("alt.age", alt, 1<<20, id)
	if err == nil || !strings.Contains(err.Error(), "does not match its authentication code") {
		t.Errorf("body change: %v", err)
	}
	// Something that is not an age file at all.
	out, err := vault.DecryptWith("x.age", []byte("hello"), 10, id)
	if k := kindOf(t, out, err); k != vault.Damaged {
		t.Errorf("not age: %v", k)
	}
}

func TestPassphraseFiles(t *testing.T) {
	r, err := age.NewScryptRecipient("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(10)
	enc, err := vault.Encrypt(secret, r)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := age.NewScryptIdentity("correct horse battery staple")
	if out, err := vault.DecryptWith("k", enc, 1<<20, good); err != nil || !bytes.Equal(out, secret) {
		t.Fatalf("right passphrase: %v", err)
	}
	bad, _ := age.NewScryptIdentity("correct horse battery stapler")
	out, err := vault.DecryptWith("k", enc, 1<<20, bad)
	if k := kindOf(t, out, err); k != vault.WrongPassphrase {
		t.Fatalf("wrong passphrase: kind %v (%v)", k, err)
	}
	if !strings.Contains(err.Error(), "the passphrase is wrong") {
		t.Errorf("message %q", err)
	}
}

// The person's keys decide the kind of failure: none given, none made yet
// or a wrong passphrase; and they are asked for only once.
func TestMissingIdentityAndWrongPassphraseFromKeys(t *testing.T) {
	id := newID(t)
	enc, _ := vault.Encrypt(secret, id.Recipient())
	out, err := vault.Decrypt("r.age", enc, nil, 1<<20)
	if k := kindOf(t, out, err); k != vault.NoIdentity || !strings.Contains(err.Error(), "you have no key to open it with") {
		t.Errorf("no keys: %v %v", k, err)
	}
	for _, tt := range []struct {
		err  error
		want vault.Kind
		say  string
	}{
		{fmt.Errorf("%w: make one with 'reflect keys generate'", vault.ErrNoIdentity), vault.NoIdentity, "make one with 'reflect keys generate'"},
		{fmt.Errorf("the passphrase for key.age is wrong (%w)", vault.ErrWrongPassphrase), vault.WrongPassphrase, "the passphrase for key.age is wrong"},
		{errors.New("the key folder cannot be read: permission denied"), vault.NoIdentity, "permission denied"},
	} {
		k := &keys{err: tt.err}
		out, err := vault.Decrypt("r.age", enc, k, 1<<20)
		if got := kindOf(t, out, err); got != tt.want || !strings.Contains(err.Error(), tt.say) || !errors.Is(err, tt.err) {
			t.Errorf("keys failing with %v: kind %v, %v", tt.err, got, err)
		}
		if k.n != 1 {
			t.Errorf("the keys were asked %d times", k.n)
		}
	}
	// A *vault.Error from the keys (their own file damaged) is passed on as it is.
	inner := &vault.Error{File: "identity.age", Kind: vault.Damaged, Err: errors.New("it ends too early")}
	_, err = vault.Decrypt("r.age", enc, &keys{err: inner}, 1<<20)
	if !errors.Is(err, inner) || !strings.HasPrefix(err.Error(), "identity.age") {
		t.Errorf("the key file's own failure: %v", err)
	}
}

func TestSizeLimit(t *testing.T) {
	id := newID(t)
	enc, _ := vault.Encrypt(secret, id.Recipient())
	if out, err := vault.DecryptWith("r", enc, int64(len(secret)), id); err != nil || !bytes.Equal(out, secret) {
		t.Errorf("exactly at the limit: %v", err)
	}
	out, err := vault.DecryptWith("r", enc, int64(len(secret))-1, id)
	if k := kindOf(t, out, err); k != vault.TooLarge {
		t.Errorf("over the limit: %v %v", k, err)
	}
}

func TestReplyStanza(t *testing.T) {
	sender, reader := newID(t), newID(t)
	to := sender.Recipient().String()
	enc, err := vault.EncryptReply(secret, to, reader.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	if got := vault.ReplyTo(enc); got != to {
		t.Fatalf("ReplyTo = %q, want %q", got, to)
	}
	// The reader opens it; the sender, named only for the reply, cannot.
	if out, err := vault.DecryptWith("r", enc, 1<<20, reader); err != nil || !bytes.Equal(out, secret) {
		t.Fatalf("reader: %v", err)
	}
	if _, err := vault.DecryptWith("r", enc, 1<<20, sender); err == nil {
		t.Fatal("the reply recipient could open the file")
	}
	arm, _ := vault.Armor(enc)
	if vault.ReplyTo(arm) != to {
		t.Error("the reply stanza is not read from an armored file")
	}
	// Swapping the reply recipient for someone else's breaks the header's
	// authentication code: the file no longer opens.
	other := newID(t).Recipient().String()
	swapped := bytes.Replace(enc, []byte(to), []byte(other), 1)
	if vault.ReplyTo(swapped) != other {
		t.Fatal("the swap did not take")
	}
	if out, err := vault.DecryptWith("r", swapped, 1<<20, reader); err == nil {
		t.Fatalf("a swapped reply recipient was accepted: %q", out)
	}
	if vault.ReplyTo(secret) != "" {
		t.Error("a plain file names a reply recipient")
	}
	if _, err := vault.EncryptReply(secret, "age1nonsense", reader.Recipient()); err == nil {
		t.Error("a bad reply recipient was accepted")
	}
	plainEnc, _ := vault.EncryptReply(secret, "", reader.Recipient())
	if vault.ReplyTo(plainEnc) != "" {
		t.Error("no reply recipient asked for, one given")
	}
}

func TestParseRecipient(t *testing.T) {
	id := newID(t)
	if r, err := vault.ParseRecipient(id.Recipient().String()); err != nil || r.(*age.X25519Recipient).String() != id.Recipient().String() {
		t.Errorf("one recipient: %v", err)
	}
	two := id.Recipient().String() + "\n" + newID(t).Recipient().String()
	for _, bad := range []string{"", "age1", "AGE-SECRET-KEY-1" + strings.Repeat("Q", 58), two} {
		if _, err := vault.ParseRecipient(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
