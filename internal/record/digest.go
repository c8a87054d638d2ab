package record

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// DigestPrefix starts every content digest.
const DigestPrefix = "sha256:"

// Canonical returns the canonical JSON form of v, used for review digests
// and signatures:
//
//   - v is first encoded with encoding/json (HTML characters not escaped);
//   - object members are sorted by key (byte order of the UTF-8 key);
//   - members whose value is empty — null, false, 0, "", [] or {} after
//     this same rule — are left out, so that a later reflect adding an
//     optional field does not change the digest of records that leave it
//     unset (decoding treats a missing member as its zero value, so nothing
//     is lost); array elements are always kept, so positions never shift;
//   - no whitespace between tokens; strings are written as encoding/json
//     writes them; numbers are written as they were encoded.
func Canonical(v any) ([]byte, error) {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&raw)
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := writeCanonical(&out, tree); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func writeCanonical(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(x.String())
	case string:
		s, err := marshalString(x)
		if err != nil {
			return err
		}
		b.Write(s)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeCanonical(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k, e := range x {
			if !isEmptyJSON(e) {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			s, err := marshalString(k)
			if err != nil {
				return err
			}
			b.Write(s)
			b.WriteByte(':')
			if err := writeCanonical(b, x[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("canonical JSON: unexpected %T", v)
	}
	return nil
}

func marshalString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// isEmptyJSON reports whether a decoded JSON value is empty in the sense
// of Canonical: null, false, 0, "", or an array or object with nothing
// left in it.
func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case json.Number:
		f, err := strconv.ParseFloat(x.String(), 64)
		return err == nil && f == 0
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !isEmptyJSON(e) {
				return false
			}
		}
		return true
	}
	return false
}

// ContentDigest is the SHA-256 digest of the canonical JSON of everything
// the practitioner wrote (PractitionerContent), as "sha256:<hex>". A
// review stores it; any later change to that content changes the digest.
func (r *Record) ContentDigest() (string, error) {
	b, err := Canonical(r.PractitionerContent())
	if err != nil {
		return "", fmt.Errorf("cannot compute the record's digest: %w", err)
	}
	sum := sha256.Sum256(b)
	return DigestPrefix + hex.EncodeToString(sum[:]), nil
}

// validDigest reports whether s looks like a digest ContentDigest makes.
func validDigest(s string) bool {
	h, ok := strings.CutPrefix(s, DigestPrefix)
	if !ok || len(h) != 64 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil && strings.ToLower(h) == h
}
