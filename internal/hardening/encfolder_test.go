//go:build unix

package hardening

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/reflect-cpd/reflect/internal/vault"
)

// folderFiles sorts the files of a data folder into encrypted and plain
// ones, leaving out locks and the folder's encryption setting (which holds
// only the public recipient).
func folderFiles(t *testing.T, data string) (enc, plain []string) {
	t.Helper()
	filepath.Walk(data, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || strings.HasSuffix(p, ".lock") || filepath.Base(p) == "encryption" {
			return nil
		}
		rel, _ := filepath.Rel(data, p)
		if strings.HasSuffix(p, ".journal") {
			// The session journal is sealed a line at a time.
			if journalSealed(mustRead(t, p)) {
				enc = append(enc, rel)
			} else {
				plain = append(plain, rel)
			}
			return nil
		}
		if vault.IsEncrypted(mustRead(t, p)) {
			enc = append(enc, rel)
		} else {
			plain = append(plain, rel)
		}
		return nil
	})
	return enc, plain
}

// journalSealed reports whether every line of a journal is "age:" and the
// base64 of age ciphertext (store.SealLine), with none of the record's
// words readable.
func journalSealed(data []byte) bool {
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	for _, l := range lines {
		rest, ok := bytes.CutPrefix(l, []byte("age:"))
		if !ok {
			return false
		}
		raw, err := base64.StdEncoding.DecodeString(string(rest))
		if err != nil || !vault.IsEncrypted(raw) {
			return false
		}
	}
	return len(data) > 0
}

// TestEncryptedFolderHoldsNoPlaintext: with the data folder encrypted,
// every file reflect keeps there — records, backups, the CPD log and its
// backup, whatever a new feature adds (the session journal) — is age
// ciphertext, so this fails for any writer that bypasses the store's seam
// (internal/store/seal.go). list, resume, export by id and the log work as
// before; turning it off converts everything back and leaves no ciphertext
// and no setting.
func TestEncryptedFolderHoldsNoPlaintext(t *testing.T) {
	base := t.TempDir()
	me := newPerson(t, base, "me")
	me.must("keys", "generate", "--name", "Me", "--no-passphrase")
	mini := root("testdata/frameworks/mini.yaml")
	me.must("assess", "--answers", root("testdata/answers-example.yaml"), "--framework", mini)
	me.must("log", "settings", "--regulator", "nmc")
	me.must("log", "add", "activity", "--title", "Safety planning study day", "--start", "2026-03-05", "--type", "course", "--hours", "6:30")
	me.must("log", "add", "activity", "--title", "Reading", "--start", "2026-03-06", "--type", "reading", "--hours", "1")
	// A stray temporary copy from a killed run, which must not survive.
	stray := filepath.Join(me.data, "assessments", ".r-0000000000000001.json.tmp-1-2")
	os.WriteFile(stray, []byte(`{"format":"reflect-record","practitioner":{"name":"Siân"}}`), 0o600)

	if got := me.must("config", "set", "encrypt", "true"); !strings.Contains(got, "is now encrypted") || !strings.Contains(got, "temporary copy") {
		t.Errorf("config set encrypt true says:\n%s", got)
	}
	check := func(when string, wants ...string) {
		t.Helper()
		enc, plain := folderFiles(t, me.data)
		if len(plain) > 0 {
			t.Errorf("%s: plaintext files in the encrypted folder: %v", when, plain)
		}
		kinds := strings.Join(enc, " ")
		for _, want := range append([]string{"assessments/r-", "log/cpd-log.jsonl", "log/cpd-log.jsonl.bak"}, wants...) {
			if !strings.Contains(kinds, want) {
				t.Errorf("%s: no encrypted %s among %v", when, want, enc)
			}
		}
	}
	check("after turning it on")
	if out, _, _ := me.run("", "config", "get", "encrypt"); strings.TrimSpace(out) != "true" {
		t.Errorf("config get encrypt = %q", out)
	}
	list, _, code := me.run("", "list")
	if code != 0 || !strings.Contains(list, "reflected, 1 unanswered") {
		t.Fatalf("list in an encrypted folder: exit %d\n%s", code, list)
	}
	id := idRE.FindString(list)
	me.must("assess", "--resume", id, "--framework", mini, "--accessible")
	if got := me.must("export", id, "--framework", mini, "--format", "md"); !strings.Contains(got, "Competent") && !strings.Contains(got, "MINI") {
		t.Errorf("export by id:\n%s", got)
	}
	me.must("log", "add", "activity", "--title", "Another", "--start", "2026-03-07", "--type", "reading", "--hours", "1")
	if got := me.must("log", "list"); !strings.Contains(got, "Another") || !strings.Contains(got, "Safety planning") {
		t.Errorf("log list:\n%s", got)
	}
	check("after resuming and logging in the encrypted folder", ".json.bak")

	if !testing.Short() { // a terminal and a kill (-short leaves them out)
		// The full screen journals each answer; killed, it leaves the
		// journal behind, sealed a line at a time, and reflect reads it.
		scr := newScreen(t, []string{"REFLECT_DATA_DIR=" + me.data, "HOME=" + me.data, "REFLECT_CONFIG_DIR=" + me.keys}, "assess", "--framework", mini, "--profile", "specialist")
		scr.waitFor("the content note", func(v string) bool { return strings.Contains(v, "116 123") })
		scr.send("Enter")
		scr.waitFor("the first statement", func(v string) bool { return strings.Contains(v, "Item 1 of 5") })
		scr.send("3")
		scr.waitFor("the answer saved", func(v string) bool { return strings.Contains(v, "1 answered · saved") })
		scr.send("f")
		scr.waitFor("the flag saved", func(v string) bool {
			return strings.Contains(v, "Flagged") && strings.Contains(v, "1 answered · saved")
		})
		syscall.Kill(scr.pid(), syscall.SIGKILL)
		journals, _ := filepath.Glob(filepath.Join(me.data, "assessments", "*.journal"))
		if len(journals) != 1 {
			t.Fatalf("no journal after killing the full screen: %v", journals)
		}
		check("with a killed session's journal", ".journal")
		jid := strings.TrimSuffix(filepath.Base(journals[0]), ".journal")
		if got := me.must("list"); !strings.Contains(got, jid) || !strings.Contains(got, "4 unanswered") {
			t.Errorf("list does not read the encrypted journal:\n%s", got)
		}
		if out, stderr, code := me.run("quit\n", "assess", "--resume", jid, "--framework", mini, "--accessible"); code != 0 || !strings.Contains(stderr, "reflect stopped without closing this assessment; the ") {
			t.Errorf("resume over an encrypted journal: exit %d\n%s%s", code, out, stderr)
		}
		if _, err := os.Stat(journals[0]); err == nil {
			t.Error("the journal is left after resuming")
		}
		check("after resuming the killed session")
	}

	// Someone else's key cannot read it: a clear error, exit 8.
	other := newPerson(t, base, "other")
	other.must("keys", "generate", "--no-passphrase")
	other.data = me.data
	if _, stderr, code := other.run("", "export", id, "--framework", mini); code != 8 || !strings.Contains(stderr, "not for your key") {
		t.Errorf("another key: exit %d\n%s", code, stderr)
	}

	me.must("config", "set", "encrypt", "false")
	enc, plain := folderFiles(t, me.data)
	if len(enc) > 0 {
		t.Errorf("encrypted files left after turning it off: %v", enc)
	}
	if len(plain) == 0 {
		t.Error("no files after turning it off")
	}
	if _, err := os.Stat(filepath.Join(me.data, "encryption")); err == nil {
		t.Error("the setting is still there")
	}
	if got := me.must("log", "list"); !strings.Contains(got, "Another") {
		t.Errorf("log list after turning it off:\n%s", got)
	}

	// The environment variable turns it on at the first use.
	env := newPerson(t, base, "env")
	env.must("keys", "generate", "--no-passphrase")
	env.must("assess", "--answers", root("testdata/answers-example.yaml"), "--framework", mini)
	stdout, stderr, code := env.runEnv([]string{"REFLECT_ENCRYPT=true"}, "list")
	if code != 0 || !strings.Contains(stderr, "Encrypted your data folder") || !strings.Contains(stdout, "reflected, 1 unanswered") {
		t.Errorf("REFLECT_ENCRYPT=true: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, plain := folderFiles(t, env.data); len(plain) > 0 {
		t.Errorf("REFLECT_ENCRYPT=true left plaintext: %v", plain)
	}
}
