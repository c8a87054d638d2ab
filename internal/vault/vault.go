// Package vault is reflect's one use of age (filippo.io/age) for files:
// telling an encrypted file from a plain one, encrypting to recipients and
// decrypting with the person's identities, with failures sorted into the
// few things a person can act on (not for your key, damaged, wrong
// passphrase, no key). Files are in age's binary format; armored ones
// ("-----BEGIN AGE ENCRYPTED FILE-----") are read too.
//
// Encryption and decryption happen in memory: plaintext is never written
// to a temporary file on the way.
package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// Magic starts every age file in the binary format.
const Magic = "age-encryption.org/v1\n"

// IsEncrypted reports whether data is an age file (binary or armored).
func IsEncrypted(data []byte) bool {
	d := bytes.TrimLeft(data, " \t\r\n")
	return bytes.HasPrefix(data, []byte(Magic)) || bytes.HasPrefix(d, []byte(armor.Header))
}

// Keys gives the identities that open files encrypted to the person.
// Identities may ask for a passphrase; it is called only when an encrypted
// file is actually read.
type Keys interface {
	Identities() ([]age.Identity, error)
}

// Kind sorts decryption failures by what the person can do about them.
type Kind int

// The kinds of failure.
const (
	// NotForYou: the file was encrypted for other people's keys.
	NotForYou Kind = iota + 1
	// Damaged: cut short, altered or not an age file at all.
	Damaged
	// NoIdentity: the person has no key to open encrypted files with.
	NoIdentity
	// WrongPassphrase: the passphrase for the person's key was wrong.
	WrongPassphrase
	// TooLarge: the plaintext is larger than the reader accepts.
	TooLarge
)

// Error is a file that could not be decrypted.
type Error struct {
	File string
	Kind Kind
	Err  error
}

func (e *Error) Error() string {
	file := e.File
	if file == "" {
		file = "the file"
	}
	switch e.Kind {
	case NotForYou:
		return fmt.Sprintf("%s is encrypted, but not for your key: ask whoever sent it to encrypt it again with your public key (the file 'reflect keys show' names). Nothing was written.", file)
	case Damaged:
		return fmt.Sprintf("%s is encrypted but cannot be decrypted: it has been cut short or altered since it was made (%v). Ask for a new copy. Nothing was written.", file, e.Err)
	case NoIdentity:
		return fmt.Sprintf("%s is encrypted, and you have no key to open it with: %v. Nothing was written.", file, e.Err)
	case WrongPassphrase:
		return fmt.Sprintf("%s: %v. Nothing was written.", file, e.Err)
	case TooLarge:
		return fmt.Sprintf("%s: %v", file, e.Err)
	}
	return fmt.Sprintf("%s: %v", file, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNoIdentity and ErrWrongPassphrase are wrapped by a Keys
// implementation's errors so that Decrypt can sort them.
var (
	ErrNoIdentity      = errors.New("no identity")
	ErrWrongPassphrase = errors.New("wrong passphrase")
)

// Encrypt returns data encrypted to the recipients, in age's binary format.
func Encrypt(data []byte, recipients ...age.Recipient) ([]byte, error) {
	if len(recipients) == 0 {
		return nil, errors.New("no one to encrypt to")
	}
	var buf bytes.Buffer
	buf.Grow(len(data) + 512)
	w, err := age.Encrypt(&buf, recipients...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Decrypt opens an age file (binary or armored) with keys and returns at
// most max bytes of plaintext. Every failure is an *Error.
func Decrypt(file string, data []byte, keys Keys, max int64) ([]byte, error) {
	if keys == nil {
		return nil, &Error{File: file, Kind: NoIdentity, Err: errors.New("this command was given no key")}
	}
	ids, err := keys.Identities()
	if err != nil {
		kind := NoIdentity
		if errors.Is(err, ErrWrongPassphrase) {
			kind = WrongPassphrase
		}
		var ve *Error
		if errors.As(err, &ve) {
			return nil, err
		}
		return nil, &Error{File: file, Kind: kind, Err: err}
	}
	return DecryptWith(file, data, max, ids...)
}

// DecryptWith is Decrypt with the identities at hand.
func DecryptWith(file string, data []byte, max int64, ids ...age.Identity) ([]byte, error) {
	var src io.Reader = bytes.NewReader(data)
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); bytes.HasPrefix(trimmed, []byte(armor.Header)) {
		src = armor.NewReader(bytes.NewReader(trimmed))
	}
	r, err := age.Decrypt(src, ids...)
	if err != nil {
		return nil, classify(file, err)
	}
	out, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, classify(file, err)
	}
	if int64(len(out)) > max {
		return nil, &Error{File: file, Kind: TooLarge, Err: fmt.Errorf("decrypted, it is larger than the %d MiB reflect reads", max>>20)}
	}
	return out, nil
}

func classify(file string, err error) error {
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) {
		for _, t := range nm.StanzaTypes {
			if t == "scrypt" {
				return &Error{File: file, Kind: WrongPassphrase, Err: errors.New("the passphrase is wrong")}
			}
		}
		return &Error{File: file, Kind: NotForYou, Err: err}
	}
	msg := err.Error()
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), strings.Contains(msg, "unexpected EOF"):
		msg = "it ends too early"
	case strings.Contains(msg, "authenticate"), strings.Contains(msg, "bad header MAC"):
		msg = "its content does not match its authentication code"
	case strings.Contains(msg, "failed to read header"):
		msg = "its header is not a valid age header"
	}
	return &Error{File: file, Kind: Damaged, Err: errors.New(msg)}
}

// ParseRecipient reads one age recipient ("age1…", or a post-quantum
// "age1pq1…").
func ParseRecipient(s string) (age.Recipient, error) {
	rs, err := age.ParseRecipients(strings.NewReader(s))
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("expected one age recipient, found %d", len(rs))
	}
	return rs[0], nil
}

// Armor returns an age file in the armored (text) form, which survives
// being pasted into a text file.
func Armor(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := armor.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReplyStanza is the type of the header stanza in which reflect says who
// a file may be answered to: the sender's own age recipient. Readers that
// do not know it (the age tool) skip it, as the age format says. It is
// covered by the header's authentication code, so once the file decrypts
// nobody without the file key can have put it there; it does show the
// sender's public key to anyone who sees the file.
const ReplyStanza = "reflect-reply-to"

// replyRecipient writes the reply stanza; it wraps no file key.
type replyRecipient struct{ to string }

func (r replyRecipient) Wrap([]byte) ([]*age.Stanza, error) {
	return []*age.Stanza{{Type: ReplyStanza, Args: []string{r.to}, Body: []byte{}}}, nil
}

// EncryptReply is Encrypt with replyTo (an age recipient string, or "")
// named in the header as the one to send an answer to.
func EncryptReply(data []byte, replyTo string, recipients ...age.Recipient) ([]byte, error) {
	if replyTo == "" {
		return Encrypt(data, recipients...)
	}
	if _, err := ParseRecipient(replyTo); err != nil {
		return nil, err
	}
	out, err := Encrypt(data, append(append([]age.Recipient{}, recipients...), replyRecipient{replyTo})...)
	if err != nil {
		// Post-quantum recipients do not mix with unlabelled stanzas.
		return Encrypt(data, recipients...)
	}
	return out, nil
}

// ReplyTo returns the reply recipient named in an age file's header, or "".
func ReplyTo(data []byte) string {
	src := io.Reader(bytes.NewReader(data))
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); bytes.HasPrefix(trimmed, []byte(armor.Header)) {
		src = armor.NewReader(bytes.NewReader(trimmed))
	}
	hdr, err := age.ExtractHeader(src)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(hdr), "\n") {
		if rest, ok := strings.CutPrefix(line, "-> "+ReplyStanza+" "); ok {
			if _, err := ParseRecipient(rest); err == nil {
				return rest
			}
		}
	}
	return ""
}
