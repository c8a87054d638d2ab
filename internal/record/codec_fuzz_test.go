package record_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// FuzzDecode feeds arbitrary bytes to the strict record decoder, the
// parser behind every command that reads a record (assess --resume, list,
// export, review, verify, compare, curriculum match). It must never panic;
// a record it accepts must encode and decode again to the same bytes, and
// everything done with a decoded record (digest, verification, reopening
// the assessment) must not panic either. Seeds: the fixture records in
// testdata/records and the corpus in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "records", "*.json"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format":"reflect-record","schema_version":1,"id":"r-1"}`))
	f.Add([]byte("\xef\xbb\xbf{\"format\":\"reflect-record\",\"schema_version\":1,\"id\":\"r-1\",\"id\":\"r-2\"}"))
	f.Add([]byte(`{"format":"reflect-record","schema_version":3,"id":"r-1"}`))
	f.Add([]byte(`{"format":"reflect-record","schema_version":2,"id":"r-1","status":"complete","frameworks":[{"id":"mini"}],"answers":[{"code":"MINI.1.1.1","na":true,"na_reason":"nope"}],"disclosure":{"salts":{"notes":"x"},"withheld":["notes","ratings"]}}`))
	f.Add([]byte(`{"format":"reflect-record","schema_version":1,"id":"r-1","answers":[{"code":"MINI.1.1.1","rating":9}],"frameworks":[{"id":"mini"}]}`))
	f.Add([]byte(`{"format":"reflect-record","schema_version":1,"id":"r-1","reviews":[{"digest":"sha256:00","signature":{"key":"x","value":"y"}}]}`))
	set := fuzzMiniSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := record.Decode("fuzz.json", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		out, err := record.Marshal(r)
		if err != nil {
			t.Fatalf("a decoded record does not encode: %v", err)
		}
		again, err := record.Decode("again.json", out)
		if err != nil {
			t.Fatalf("a record reflect wrote does not decode: %v\n%s", err, out)
		}
		out2, err := record.Marshal(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("encode → decode → encode is not stable (%v)", err)
		}
		_, _ = r.ContentDigest()
		_, _ = record.Verify(r, record.VerifyOptions{})
		_, _, _, _ = record.Open(r, set)
		if _, d, err := record.Read("fuzz.json", data, set); err == nil {
			_ = r.CompareFigures(d)
		} else if err.Error() == "" {
			t.Fatal("empty error from Read")
		}
		if cp, err := record.Withhold(r, []string{record.SectionNotes, record.SectionReflection}); err == nil {
			_, _ = record.Verify(cp, record.VerifyOptions{})
		}
	})
}

// FuzzParseKey feeds arbitrary bytes to the key parsers behind
// 'reflect verify --key' and the private key file 'reflect review --sign' reads.
func FuzzParseKey(f *testing.F) {
	f.Add([]byte("reflect-ed25519 /AmTRfqnY4QTMzmf08E8m+21GuVzIJjN5BQWoqZ7K2Y= Sam Patel"))
	f.Add([]byte("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA/AmTRfqnY4QTMzmf08E8m+21GuVzIJjN5BQWoqZ7K2Y=\n-----END PUBLIC KEY-----\n"))
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIKk2I6tMDd9rKmBDS+UHnQ2f4R+qE6wmUxd6tnBU7MU2\n-----END PRIVATE KEY-----\n"))
	f.Add([]byte("/AmTRfqnY4QTMzmf08E8m+21GuVzIJjN5BQWoqZ7K2Y="))
	f.Fuzz(func(t *testing.T, data []byte) {
		if pub, err := record.ParsePublicKey(data); err == nil {
			if len(pub) != 32 {
				t.Fatalf("accepted a public key of %d bytes", len(pub))
			}
			_ = record.Fingerprint(pub)
		}
		if priv, err := record.ParsePrivateKey(data); err == nil && len(priv) != 64 {
			t.Fatalf("accepted a private key of %d bytes", len(priv))
		}
	})
}

func fuzzMiniSet(tb testing.TB) *framework.Set {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "frameworks", "mini.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	fw, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		tb.Fatal(probs)
	}
	set, probs := framework.NewSet(fw)
	if len(probs) > 0 {
		tb.Fatal(probs)
	}
	return set
}

// TestFuzzKeySeedsParse keeps FuzzParseKey's seeds meaningful: the real
// key seeds must parse, so the fuzzer starts from the accepting paths.
func TestFuzzKeySeedsParse(t *testing.T) {
	for _, s := range []string{
		"reflect-ed25519 /AmTRfqnY4QTMzmf08E8m+21GuVzIJjN5BQWoqZ7K2Y= Sam Patel",
		"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA/AmTRfqnY4QTMzmf08E8m+21GuVzIJjN5BQWoqZ7K2Y=\n-----END PUBLIC KEY-----\n",
	} {
		if _, err := record.ParsePublicKey([]byte(s)); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := record.ParsePrivateKey([]byte("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIKk2I6tMDd9rKmBDS+UHnQ2f4R+qE6wmUxd6tnBU7MU2\n-----END PRIVATE KEY-----\n")); err != nil {
		t.Error(err)
	}
}
