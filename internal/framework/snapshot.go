package framework

import (
	"bytes"
	"encoding/gob"
	"fmt"
)

// A snapshot is the parsed form of a set of framework files, encoded with
// encoding/gob. Decoding it is about ten times faster than parsing the
// YAML, which is what start-up spends most of its time on. It is only a
// cache: LoadFS uses it only when every file's digest matches, and parses
// the YAML otherwise, so a stale snapshot can slow reflect down but never
// change what it shows.

// SnapshotName is the file name LoadFS looks for beside the YAML files.
const SnapshotName = "snapshot.gob"

type snapshot struct {
	Version    int
	Frameworks []*Framework
}

const snapshotVersion = 1

// EncodeSnapshot encodes parsed frameworks.
func EncodeSnapshot(fws []*Framework) ([]byte, error) {
	// gob cannot encode the back-pointers (they make cycles); drop them
	// for the encoding and rebuild them afterwards.
	for _, f := range fws {
		f.unlink()
	}
	defer func() {
		for _, f := range fws {
			f.link()
		}
	}()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(snapshot{Version: snapshotVersion, Frameworks: fws}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DecodeSnapshot decodes a snapshot made by EncodeSnapshot.
func DecodeSnapshot(data []byte) (fws []*Framework, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("snapshot: %v", r)
		}
	}()
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
		return nil, err
	}
	if s.Version != snapshotVersion {
		return nil, fmt.Errorf("snapshot version %d, want %d", s.Version, snapshotVersion)
	}
	for _, f := range s.Frameworks {
		if f == nil {
			return nil, fmt.Errorf("snapshot holds an empty framework")
		}
		f.link()
	}
	return s.Frameworks, nil
}

func (f *Framework) unlink() {
	for _, d := range f.Domains {
		for _, a := range d.Areas {
			a.Domain = nil
			for _, c := range a.Competences {
				c.Area = nil
			}
		}
	}
}
