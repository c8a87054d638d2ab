//go:build unix

package hardening

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/binarytest"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// person is someone with their own keys folder and data folder.
type person struct {
	t    *testing.T
	keys string
	data string
}

func newPerson(t *testing.T, base, name string) *person {
	p := &person{t: t, keys: filepath.Join(base, name, "keys"), data: filepath.Join(base, name, "data")}
	return p
}

func (p *person) run(stdin string, args ...string) (string, string, int) {
	p.t.Helper()
	env := binarytest.Env(p.data, "REFLECT_CONFIG_DIR="+p.keys)
	return binarytest.Run(p.t, binarytest.Command(binary, env, args...), stdin)
}

func (p *person) runEnv(more []string, args ...string) (string, string, int) {
	p.t.Helper()
	env := binarytest.Env(p.data, append([]string{"REFLECT_CONFIG_DIR=" + p.keys}, more...)...)
	return binarytest.Run(p.t, binarytest.Command(binary, env, args...), "")
}

func (p *person) must(args ...string) string {
	p.t.Helper()
	out, stderr, code := p.run("", args...)
	if code != 0 {
		p.t.Fatalf("reflect %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return out + stderr
}

func (p *person) pub() string { return filepath.Join(p.keys, "review-key.pub") }

// plaintextMarkers are strings of the test record that must never be
// found in a file on disk once it is meant to be encrypted.
var plaintextMarkers = [][]byte{[]byte("Siân"), []byte("reflect-record"), []byte("Aled Jones")}

// noPlaintextIn fails when any file under dir (other than those allowed)
// holds a plaintext marker, and lists the files found.
func noPlaintextIn(t *testing.T, dir string, allowed ...string) []string {
	t.Helper()
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	var files []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		files = append(files, filepath.Base(p))
		if ok[p] {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range plaintextMarkers {
			if bytes.Contains(b, m) {
				t.Errorf("%s holds plaintext (%q)", p, m)
			}
		}
		return nil
	})
	return files
}

// TestEncryptedSharingRoundTrip: a practitioner shares a record encrypted
// to a supervisor; every supervisor command opens it; the review goes back
// encrypted to the practitioner, whom alone it opens for. Wrong key,
// truncated and altered files, and no key fail with exit 8 and write
// nothing; no plaintext is on disk at any point.
func TestEncryptedSharingRoundTrip(t *testing.T) {
	base := t.TempDir()
	alex, sam, eve := newPerson(t, base, "alex"), newPerson(t, base, "sam"), newPerson(t, base, "eve")
	for _, p := range []*person{alex, sam, eve} {
		p.must("keys", "generate", "--name", filepath.Base(filepath.Dir(p.keys)))
	}
	pubText := string(mustRead(t, sam.pub()))
	if lines := strings.Split(strings.TrimSpace(pubText), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "reflect-ed25519 ") || !strings.HasPrefix(lines[1], "age1") {
		t.Fatalf("the public key file does not carry both keys:\n%s", pubText)
	}
	out := filepath.Join(base, "mail")
	os.Mkdir(out, 0o700)
	rec := root("testdata/records/full.json")
	mini := root("testdata/frameworks/mini.yaml")
	shared := filepath.Join(out, "for-sam.age")
	msg := alex.must("share", rec, "--framework", mini, "--to", sam.pub(), "-o", shared)
	if !strings.Contains(msg, "encrypted so that only sam can open it") {
		t.Errorf("share says:\n%s", msg)
	}
	data := mustRead(t, shared)
	if !vault.IsEncrypted(data) {
		t.Fatalf("%s is not an age file", shared)
	}
	noPlaintextIn(t, out)

	// Sam opens it with every command, without being asked anything.
	exp, _, code := sam.run("", "export", shared, "--framework", mini, "--format", "md")
	if code != 0 || !strings.Contains(exp, "Siân") {
		t.Fatalf("sam's export: exit %d\n%s", code, exp)
	}
	for _, args := range [][]string{
		{"verify", shared, "--framework", mini},
		{"compare", shared, rec, "--framework", mini},
		{"team", out, "--framework", mini, "--min-group", "1"},
		{"review", shared, "--framework", mini, "--print"},
	} {
		_, stderr, code := sam.run("", args...)
		if code == 8 || strings.Contains(stderr, "encrypted") && strings.Contains(stderr, "cannot") {
			t.Errorf("sam %v: exit %d\n%s", args, code, stderr)
		}
	}
	// Sam's review goes back encrypted to Alex (named in the file).
	reviewed := filepath.Join(out, "for-sam-reviewed.age")
	msg = sam.must("review", shared, "--framework", mini, "--name", "Sam Patel", "--plan", "agree", "--confirm")
	if !vault.IsEncrypted(mustRead(t, reviewed)) || !strings.Contains(msg, "Encrypted so that only") {
		t.Fatalf("the reviewed copy is not encrypted:\n%s", msg)
	}
	noPlaintextIn(t, out)
	if got := alex.must("export", reviewed, "--framework", mini, "--format", "md"); !strings.Contains(got, "Sam Patel") {
		t.Errorf("alex cannot read the review:\n%s", got)
	}

	// Failures: exit 8, a clear reason, nothing written, no plaintext.
	cut := filepath.Join(out, "cut.age")
	os.WriteFile(cut, data[:len(data)-40], 0o600)
	altered := filepath.Join(out, "altered.age")
	alt := append([]byte{}, data...)
	alt[len(alt)-100] ^= 1
	os.WriteFile(altered, alt, 0o600)
	nobody := newPerson(t, base, "nobody")
	cases := []struct {
		who  *person
		file string
		want string
	}{
		{eve, shared, "is encrypted, but not for your key"},
		{sam, reviewed, "is encrypted, but not for your key"},
		{sam, cut, "cut short or altered"},
		{sam, altered, "cut short or altered"},
		{nobody, shared, "you have no key to open it with"},
	}
	for _, c := range cases {
		for _, args := range [][]string{
			{"export", c.file, "--framework", mini, "-o", filepath.Join(out, "x.md")},
			{"review", c.file, "--framework", mini, "--name", "E", "--plan", "agree", "--confirm", "-o", filepath.Join(out, "x.json")},
			{"verify", c.file, "--framework", mini},
		} {
			_, stderr, code := c.who.run("", args...)
			if code != 8 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "Nothing was written") {
				t.Errorf("%s %v: exit %d, want 8 and %q:\n%s", filepath.Base(filepath.Dir(c.who.keys)), args[0], code, c.want, stderr)
			}
		}
	}
	files := noPlaintextIn(t, out)
	if got := strings.Join(files, " "); got != "altered.age cut.age for-sam-reviewed.age for-sam.age" {
		t.Errorf("the folder holds %s", got)
	}
	// team skips a file it cannot open, saying why, and counts the rest.
	_, stderr, _ := eve.run("", "team", out, "--framework", mini, "--min-group", "1")
	if !strings.Contains(stderr, "not for your key") {
		t.Errorf("team does not say why it skipped the files:\n%s", stderr)
	}
	// Export --to: encrypted output of any format, the format from the name.
	alex.must("export", rec, "--framework", mini, "--to", sam.pub(), "-o", filepath.Join(out, "cpd.html.age"))
	if b := mustRead(t, filepath.Join(out, "cpd.html.age")); !vault.IsEncrypted(b) {
		t.Error("export --to wrote plaintext")
	}
	noPlaintextIn(t, out)
	if _, stderr, code := alex.run("", "export", rec, "--framework", mini, "-o", filepath.Join(out, "plain.md.age")); code != 2 || !strings.Contains(stderr, "add --to") {
		t.Errorf("-o FILE.age without --to: exit %d\n%s", code, stderr)
	}
}

// TestPassphraseProtectedKeys: keys made with a passphrase are encrypted
// on disk (age scrypt); a command reads the passphrase once from
// --passphrase-file; a wrong one is exit 8 and writes nothing; with no
// terminal and no file the error says how to give it; 'keys passphrase'
// changes it, after which only the new one works.
func TestPassphraseProtectedKeys(t *testing.T) {
	// Each passphrase step is a real scrypt at age's work factor (about a
	// second here); internal/keystore tests the same logic at a low factor.
	binarytest.SkipIfShort(t, "passphrases at the real scrypt cost")
	base := t.TempDir()
	sam, alex := newPerson(t, base, "sam"), newPerson(t, base, "alex")
	pass := filepath.Join(base, "pass")
	os.WriteFile(pass, []byte("correct horse battery staple\n"), 0o600)
	wrong := filepath.Join(base, "wrong")
	os.WriteFile(wrong, []byte("incorrect horse\n"), 0o600)
	newPass := filepath.Join(base, "new")
	os.WriteFile(newPass, []byte("a new passphrase of several words\n"), 0o600)

	if got := sam.must("keys", "generate", "--name", "Sam", "--new-passphrase-file", pass); !strings.Contains(got, "Protected by your passphrase") {
		t.Errorf("generate says:\n%s", got)
	}
	for _, f := range []string{"review-key.pem", "age-identity.txt"} {
		b := mustRead(t, filepath.Join(sam.keys, f))
		if !bytes.HasPrefix(b, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) || bytes.Contains(b, []byte("AGE-SECRET-KEY")) || bytes.Contains(b, []byte("PRIVATE KEY")) {
			t.Errorf("%s is not protected:\n%s", f, b)
		}
	}
	alex.must("keys", "generate", "--no-passphrase")
	out := filepath.Join(base, "out")
	os.Mkdir(out, 0o700)
	mini := root("testdata/frameworks/mini.yaml")
	shared := filepath.Join(out, "s.age")
	alex.must("share", root("testdata/records/full.json"), "--framework", mini, "--to", sam.pub(), "-o", shared)

	x := filepath.Join(out, "x.md")
	if _, stderr, code := sam.run("", "export", shared, "--framework", mini, "-o", x, "--passphrase-file", wrong); code != 8 || !strings.Contains(stderr, "passphrase") || !strings.Contains(stderr, "wrong") {
		t.Errorf("wrong passphrase: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := sam.run("", "export", shared, "--framework", mini, "-o", x); code == 0 || !strings.Contains(stderr, "--passphrase-file") {
		t.Errorf("no terminal, no file: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(x); err == nil {
		t.Fatal("a failed command wrote its output")
	}
	noPlaintextIn(t, out)
	// Signing and decrypting in one command: the passphrase is read once.
	sam.must("review", shared, "--framework", mini, "--name", "Sam", "--plan", "agree", "--confirm", "--sign", "--passphrase-file", pass, "-o", filepath.Join(out, "r.age"))
	noPlaintextIn(t, out)

	sam.must("keys", "passphrase", "--passphrase-file", pass, "--new-passphrase-file", newPass)
	if _, stderr, code := sam.run("", "export", shared, "--framework", mini, "--passphrase-file", pass); code != 8 {
		t.Errorf("the old passphrase still works: exit %d\n%s", code, stderr)
	}
	if got := sam.must("export", shared, "--framework", mini, "--format", "md", "--passphrase-file", newPass); !strings.Contains(got, "Siân") {
		t.Errorf("the new passphrase does not open the record:\n%s", got)
	}
}

// TestOlderKeyFolderKeepsWorking: a key folder from before encryption
// (a signing key only, its public key file one line) still signs and
// verifies; 'keys generate' adds an encryption key and keeps the signing
// key; the old public key file given to --to says what to do.
func TestOlderKeyFolderKeepsWorking(t *testing.T) {
	base := t.TempDir()
	sam := newPerson(t, base, "sam")
	sam.must("keys", "generate", "--name", "Sam", "--no-passphrase")
	// Make it an older folder: no identity, a one-line public key file.
	os.Remove(filepath.Join(sam.keys, "age-identity.txt"))
	first := strings.SplitN(string(mustRead(t, sam.pub())), "\n", 2)[0] + "\n"
	os.WriteFile(sam.pub(), []byte(first), 0o644)
	signing := mustRead(t, filepath.Join(sam.keys, "review-key.pem"))

	alex := newPerson(t, base, "alex")
	alex.must("keys", "generate", "--no-passphrase")
	if _, stderr, code := alex.run("", "share", root("testdata/records/full.json"), "--to", sam.pub(), "-o", filepath.Join(base, "x.age")); code != 2 || !strings.Contains(stderr, "no encryption key") {
		t.Errorf("share --to an older public key file: exit %d\n%s", code, stderr)
	}
	if got := sam.must("keys", "show"); !strings.Contains(got, "no encryption key yet") {
		t.Errorf("keys show:\n%s", got)
	}
	if got := sam.must("keys", "generate", "--no-passphrase"); !strings.Contains(got, "Added an encryption key") {
		t.Errorf("generate on an older folder:\n%s", got)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(sam.keys, "review-key.pem")), signing) {
		t.Error("the signing key was replaced")
	}
	if lines := strings.Split(strings.TrimSpace(string(mustRead(t, sam.pub()))), "\n"); len(lines) != 2 || lines[0]+"\n" != first {
		t.Errorf("the public key file: %q", lines)
	}
	alex.must("share", root("testdata/records/full.json"), "--framework", root("testdata/frameworks/mini.yaml"), "--to", sam.pub(), "-o", filepath.Join(base, "x.age"))
	sam.must("export", filepath.Join(base, "x.age"), "--framework", root("testdata/frameworks/mini.yaml"), "--format", "md")
}

// TestGenerateTakesThePassphraseFile: new keys have no passphrase yet, so
// 'keys generate --passphrase-file FILE' protects them with FILE's, as
// --new-passphrase-file does (it once made them unprotected, with only a
// warning), and the same file opens them afterwards.
func TestGenerateTakesThePassphraseFile(t *testing.T) {
	// Each passphrase step is a real scrypt at age's work factor (about a
	// second here); internal/keystore tests the same logic at a low factor.
	binarytest.SkipIfShort(t, "passphrases at the real scrypt cost")
	base := t.TempDir()
	pass := filepath.Join(base, "pass.txt")
	os.WriteFile(pass, []byte("a passphrase for the new keys\n"), 0o600)
	sam := newPerson(t, base, "sam")
	if got := sam.must("keys", "generate", "--name", "Sam", "--passphrase-file", pass); !strings.Contains(got, "Protected by your passphrase") {
		t.Fatalf("generate --passphrase-file:\n%s", got)
	}
	for _, f := range []string{"age-identity.txt", "review-key.pem"} {
		b, err := os.ReadFile(filepath.Join(sam.keys, f))
		if err != nil || !bytes.HasPrefix(b, []byte("-----BEGIN AGE ENCRYPTED FILE-----")) {
			t.Errorf("%s is not protected: %v %q", f, err, b[:min(len(b), 40)])
		}
	}
	wrong := filepath.Join(base, "wrong.txt")
	os.WriteFile(wrong, []byte("not it\n"), 0o600)
	if _, stderr, code := sam.run("", "keys", "passphrase", "--passphrase-file", wrong, "--remove"); code != 8 || !strings.Contains(stderr, "nothing was changed") {
		t.Errorf("a wrong passphrase: exit %d\n%s", code, stderr)
	}
	sam.must("keys", "passphrase", "--passphrase-file", pass, "--remove")
}
