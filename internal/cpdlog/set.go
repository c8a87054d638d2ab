package cpdlog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
)

// Set parses s, as typed at a prompt or given as a flag, into the field.
// It refuses what cannot be parsed (a date that is not a date, hours that
// are not hours) and leaves the checks against the rest of the entry to
// ValidateField.
func (f *Field) Set(it *Item, s string, today time.Time) error {
	s = strings.TrimSpace(s)
	switch f.Kind {
	case FieldDate:
		d, err := ParseDate(s, today)
		if err != nil {
			return err
		}
		*f.S(it) = d
	case FieldHours:
		v, err := ParseHours(s)
		if err != nil {
			return err
		}
		*f.F(it) = v
	case FieldList, FieldChoices:
		*f.L(it) = ParseList(s)
	case FieldEvidence:
		var evs []record.Evidence
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			ev, err := HashFile(p)
			if err != nil {
				return err
			}
			evs = append(evs, ev)
		}
		*f.E(it) = evs
	case FieldChoice, FieldRegulator, FieldType:
		*f.S(it) = strings.ToLower(s)
	case FieldPostcode:
		*f.S(it) = strings.ToUpper(s)
	default:
		*f.S(it) = s
	}
	return nil
}

// HashFile records an evidence file by its name, size and SHA-256. The
// file is read, never copied.
func HashFile(path string) (record.Evidence, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return record.Evidence{}, fmt.Errorf("there is no file %s (give the path of the evidence file; it is recorded by its SHA-256 and never copied)", path)
		}
		return record.Evidence{}, err
	}
	if !fi.Mode().IsRegular() {
		return record.Evidence{}, fmt.Errorf("%s is not a file (give the certificate or notes file itself)", path)
	}
	fh, err := os.Open(path)
	if err != nil {
		return record.Evidence{}, err
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return record.Evidence{}, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return record.Evidence{File: filepath.Base(path), Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
