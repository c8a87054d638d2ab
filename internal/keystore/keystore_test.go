package keystore_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/keystore"
	"github.com/reflect-cpd/reflect/internal/record"
)

func TestGenerateLoadAndPermissions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg", "reflect")
	k, err := keystore.Generate(dir, bytes.NewReader(bytes.Repeat([]byte{3}, 64)), "  Sam   Patel ", false)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		for name, want := range map[string]os.FileMode{dir: 0o700, keystore.PrivatePath(dir): 0o600} {
			fi, err := os.Stat(name)
			if err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %04o (%v)", name, fi.Mode().Perm(), want, err)
			}
		}
	}
	got, err := keystore.Load(dir)
	if err != nil || !got.Public.Equal(k.Public) || got.Comment != "Sam Patel" {
		t.Fatalf("Load = %+v, %v", got, err)
	}
	// Never replaced without force.
	if _, err := keystore.Generate(dir, bytes.NewReader(bytes.Repeat([]byte{4}, 64)), "", false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second generate: %v", err)
	}
	again, _ := keystore.Load(dir)
	if !again.Public.Equal(k.Public) {
		t.Fatal("the key changed without --force")
	}
	k2, err := keystore.Generate(dir, bytes.NewReader(bytes.Repeat([]byte{4}, 64)), "", true)
	if err != nil || k2.Public.Equal(k.Public) {
		t.Fatalf("forced generate: %v", err)
	}
	bak, err := os.ReadFile(keystore.PrivatePath(dir) + ".bak")
	if err != nil {
		t.Fatal("no backup of the replaced key")
	}
	if old, _ := record.ParsePrivateKey(bak); !old.Equal(k.Private) {
		t.Error("backup is not the old key")
	}
	if runtime.GOOS != "windows" {
		os.Chmod(keystore.PrivatePath(dir), 0o644)
		if _, err := keystore.Load(dir); err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("loose permissions accepted: %v", err)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	if _, err := keystore.Load(t.TempDir()); err != keystore.ErrNoKey {
		t.Fatalf("err = %v", err)
	}
}

func TestReadPublicKey(t *testing.T) {
	dir := t.TempDir()
	k, err := keystore.Generate(dir, bytes.NewReader(bytes.Repeat([]byte{5}, 64)), "Sam", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{keystore.PublicPath(dir), record.FormatPublicKey(k.Public)} {
		got, err := keystore.ReadPublicKey(arg)
		if err != nil || !got.Equal(k.Public) {
			t.Errorf("ReadPublicKey(%q): %v", arg, err)
		}
	}
	if _, err := keystore.ReadPublicKey(filepath.Join(dir, "nope.pub")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestDir(t *testing.T) {
	d, err := keystore.Dir(func(k string) string {
		if k == keystore.EnvDir {
			return "/x/y"
		}
		return ""
	})
	if err != nil || d != "/x/y" {
		t.Errorf("Dir = %q, %v", d, err)
	}
}
