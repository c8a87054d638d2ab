package record

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// SignatureAlgorithm is the only signature algorithm reflect writes.
const SignatureAlgorithm = "ed25519"

// signingDomain separates reflect review signatures from any other use of
// the same key: the signed message always starts with it. Version 2
// reviews use their own, so that a signature cannot be moved between the
// two formats.
const (
	signingDomain   = "reflect-review-v1\n"
	signingDomainV2 = "reflect-review-v2\n"
)

// PublicKeyPrefix starts the one-line form of a public key that people
// share ("reflect-ed25519 <base64>").
const PublicKeyPrefix = "reflect-ed25519"

// SignedMessage is the exact byte string a review signature covers: the
// domain string ("reflect-review-v2\n", or "reflect-review-v1\n" for a
// review made with record schema 1) followed by the canonical JSON (see
// Canonical) of the review without its signature. The review holds the
// section digests (or the content digest) and the fingerprints of the
// reviews before it, so the signature binds the reviewer's name, date,
// statement, comments and agreed plan to the exact content reviewed and to
// the reviews it followed.
func SignedMessage(rev Review) ([]byte, error) {
	rev.Signature = nil
	c, err := Canonical(rev)
	if err != nil {
		return nil, err
	}
	domain := signingDomain
	if rev.Version >= ReviewVersion {
		domain = signingDomainV2
	}
	return append([]byte(domain), c...), nil
}

// KeyID is a key's short fingerprint: the first 16 hex digits of the
// SHA-256 of the 32-byte public key.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// Fingerprint is KeyID grouped in fours for reading aloud, e.g.
// "3f2a 9c1b 77d0 e4a5".
func Fingerprint(pub ed25519.PublicKey) string {
	id := KeyID(pub)
	var parts []string
	for i := 0; i < len(id); i += 4 {
		parts = append(parts, id[i:i+4])
	}
	return strings.Join(parts, " ")
}

// Sign signs a review (whose Digest is already set) with priv and stores
// the signature in it.
func Sign(rev *Review, priv ed25519.PrivateKey) error {
	if len(priv) != ed25519.PrivateKeySize {
		return errors.New("the signing key is not an Ed25519 private key")
	}
	if !validDigest(rev.Digest) {
		return errors.New("the review has no content digest to sign")
	}
	if rev.Version > ReviewVersion {
		return fmt.Errorf("the review is version %d, newer than this reflect writes", rev.Version)
	}
	msg, err := SignedMessage(*rev)
	if err != nil {
		return err
	}
	pub := priv.Public().(ed25519.PublicKey)
	rev.Signature = &Signature{
		Algorithm: SignatureAlgorithm,
		PublicKey: base64.StdEncoding.EncodeToString(pub),
		KeyID:     KeyID(pub),
		Value:     base64.StdEncoding.EncodeToString(ed25519.Sign(priv, msg)),
	}
	return nil
}

// SignatureState is the outcome of checking one review's signature.
type SignatureState int

// Signature states.
const (
	Unsigned SignatureState = iota
	SignatureValid
	SignatureInvalid
)

func (s SignatureState) String() string {
	switch s {
	case SignatureValid:
		return "valid"
	case SignatureInvalid:
		return "invalid"
	}
	return "unsigned"
}

// CheckSignature verifies a review's signature against the public key the
// signature carries. It returns the key (nil when unsigned or unreadable)
// and a reason when the signature is invalid.
func CheckSignature(rev Review) (SignatureState, ed25519.PublicKey, string) {
	sig := rev.Signature
	if sig == nil {
		return Unsigned, nil, ""
	}
	if sig.Algorithm != SignatureAlgorithm {
		return SignatureInvalid, nil, fmt.Sprintf("the signature uses %q, which reflect does not know (it uses %s)", sig.Algorithm, SignatureAlgorithm)
	}
	pubBytes, err := base64.StdEncoding.DecodeString(sig.PublicKey)
	if err != nil || len(pubBytes) != ed25519.PublicKeySize {
		return SignatureInvalid, nil, "the public key in the signature is damaged"
	}
	pub := ed25519.PublicKey(pubBytes)
	value, err := base64.StdEncoding.DecodeString(sig.Value)
	if err != nil || len(value) != ed25519.SignatureSize {
		return SignatureInvalid, pub, "the signature value is damaged"
	}
	if sig.KeyID != KeyID(pub) {
		return SignatureInvalid, pub, "the key id does not belong to the public key in the signature"
	}
	msg, err := SignedMessage(rev)
	if err != nil {
		return SignatureInvalid, pub, err.Error()
	}
	if !ed25519.Verify(pub, msg, value) {
		return SignatureInvalid, pub, "the signature does not match the review: the review (its comments, date, names or digest) was changed after it was signed"
	}
	return SignatureValid, pub, ""
}

// MarshalPrivateKey encodes a private key as PKCS#8 PEM, which OpenSSL
// and other tools also read.
func MarshalPrivateKey(priv ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// ParsePrivateKey reads a PKCS#8 PEM Ed25519 private key.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("this is not a PEM private key (it should start with -----BEGIN PRIVATE KEY-----)")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("the private key cannot be read: %w", err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, errors.New("the private key is not an Ed25519 key")
	}
	return priv, nil
}

// FormatPublicKey is the one-line form of a public key to share:
// "reflect-ed25519 <base64>".
func FormatPublicKey(pub ed25519.PublicKey) string {
	return PublicKeyPrefix + " " + base64.StdEncoding.EncodeToString(pub)
}

// ParsePublicKey reads a public key in any of the forms people are likely
// to pass: the one-line form ("reflect-ed25519 <base64>", optionally
// followed by a comment), the bare base64 of the 32-byte key, or a PEM
// "PUBLIC KEY" block (as OpenSSL writes).
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	data = bytes.TrimSpace(data)
	if bytes.HasPrefix(data, []byte("-----BEGIN")) {
		block, _ := pem.Decode(data)
		if block == nil || block.Type != "PUBLIC KEY" {
			return nil, errors.New("this PEM block is not a public key (it should start with -----BEGIN PUBLIC KEY-----)")
		}
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the public key cannot be read: %w", err)
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return nil, errors.New("the public key is not an Ed25519 key")
		}
		return pub, nil
	}
	fields := strings.Fields(string(data))
	if len(fields) == 0 {
		return nil, errors.New("the public key is empty")
	}
	b64 := fields[0]
	if fields[0] == PublicKeyPrefix {
		if len(fields) < 2 {
			return nil, errors.New("the public key line has no key after " + PublicKeyPrefix)
		}
		b64 = fields[1]
	} else if len(fields) > 1 {
		return nil, fmt.Errorf("this does not look like a public key; expected %q followed by the key", PublicKeyPrefix)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, errors.New("this is not an Ed25519 public key (expected 32 bytes in base64)")
	}
	return ed25519.PublicKey(raw), nil
}
