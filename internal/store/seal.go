// The storage seam: every file reflect keeps in the data folder is read
// with ReadFile and written with WriteFile (or, for a journal kept a line
// at a time, SealLine and UnsealLine). In an encrypted data folder they
// encrypt what is written to the person's own age recipient and decrypt
// what is read with their identity, so no code above the store handles
// ciphertext or decides whether to encrypt — and none can write plaintext
// into an encrypted folder by forgetting to.
//
// Anything new that keeps a file in the data folder (the session journal,
// drafts, caches) must go through these functions; internal/hardening's
// TestEncryptedFolderHoldsNoPlaintext fails when any file in an encrypted
// folder, other than locks and the folder's own settings, is readable as
// plaintext.

package store

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/fsutil"
	"github.com/reflect-cpd/reflect/internal/vault"
)

// EncryptionFile names the data folder's encryption setting: present when
// the folder is encrypted, it lists the age recipients its files are
// encrypted to (the person's own public key; nothing secret).
const EncryptionFile = "encryption"

// EncryptionPath is the encryption setting's file.
func (s *Store) EncryptionPath() string { return filepath.Join(s.Root, EncryptionFile) }

// Recipients returns who the folder's files are encrypted to; none when
// the folder is not encrypted.
func (s *Store) Recipients() ([]age.Recipient, []string, error) {
	data, err := os.ReadFile(s.EncryptionPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the data folder's encryption setting: %w", fsutil.ExplainRead(s.EncryptionPath(), err))
	}
	var rs []age.Recipient
	var names []string
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := vault.ParseRecipient(line)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: this is not an age recipient (%v); the file says who the data folder is encrypted to and is written by 'reflect config set encrypt true'", s.EncryptionPath(), n+1, err)
		}
		rs = append(rs, r)
		names = append(names, line)
	}
	if len(rs) == 0 {
		return nil, nil, fmt.Errorf("%s names no age recipient, so reflect cannot tell who to encrypt to; run 'reflect config set encrypt true' again", s.EncryptionPath())
	}
	return rs, names, nil
}

// Encrypted reports whether the data folder is encrypted.
func (s *Store) Encrypted() bool {
	_, err := os.Lstat(s.EncryptionPath())
	return err == nil
}

// seal is what goes on disk for data: data itself, or encrypted to the
// folder's recipients when the folder is encrypted.
func (s *Store) seal(data []byte) ([]byte, error) {
	rs, _, err := s.Recipients()
	if err != nil || rs == nil {
		return data, err
	}
	return vault.Encrypt(data, rs...)
}

// unseal is seal's inverse: a file that is encrypted (whatever the
// setting) is decrypted with the person's identity.
func (s *Store) unseal(path string, data []byte, max int64) ([]byte, error) {
	if !vault.IsEncrypted(data) {
		return data, nil
	}
	return vault.Decrypt(path, data, s.Keys, max)
}

// ReadFile reads a file of the data folder (at most max bytes once
// decrypted). A symbolic link or anything but a regular file is refused:
// a save replaces the file, which would leave the linked one behind.
func (s *Store) ReadFile(path string, max int64) (data []byte, err error) {
	defer func() { err = fsutil.ExplainRead(path, err) }()
	// Ciphertext is a little larger than its plaintext; unseal holds the
	// plaintext to max.
	data, err = s.readRaw(path, max+max/64+4096)
	if err != nil {
		return nil, err
	}
	return s.unseal(path, data, max)
}

// WriteFile writes a file of the data folder atomically, mode 0600,
// encrypted when the folder is, keeping the previous copy as PATH.bak when
// backup is true.
func (s *Store) WriteFile(path string, data []byte, backup bool) error {
	sealed, err := s.seal(data)
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(path, sealed, fsutil.FileMode, backup)
}

// linePrefix starts a journal line that holds an encrypted entry.
const linePrefix = "age:"

// SealLine turns one journal entry (no line break in it) into the line to
// append: the entry itself, or in an encrypted folder "age:" and the
// entry's age encryption in base64. Each line stands alone, so a journal
// cut short by a crash loses at most its last line.
func (s *Store) SealLine(entry []byte) ([]byte, error) {
	if bytes.ContainsAny(entry, "\r\n") {
		return nil, errors.New("a journal entry cannot hold a line break")
	}
	rs, _, err := s.Recipients()
	if err != nil {
		return nil, err
	}
	if rs == nil {
		return append(append([]byte{}, entry...), '\n'), nil
	}
	enc, err := vault.Encrypt(entry, rs...)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(linePrefix)+base64.StdEncoding.EncodedLen(len(enc))+1)
	out = append(out, linePrefix...)
	out = base64.StdEncoding.AppendEncode(out, enc)
	return append(out, '\n'), nil
}

// UnsealLine is SealLine's inverse for one line (without its line break).
func (s *Store) UnsealLine(path string, line []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(line, []byte(linePrefix))
	if !ok {
		return line, nil
	}
	enc, err := base64.StdEncoding.AppendDecode(nil, rest)
	if err != nil {
		return nil, &vault.Error{File: path, Kind: vault.Damaged, Err: errors.New("a line of it is not valid base64")}
	}
	return vault.Decrypt(path, enc, s.Keys, int64(len(enc)))
}
