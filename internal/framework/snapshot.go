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

// A snapshot is two gob values: the index (what the files were and what
// `frameworks list` shows of them), then the frameworks. The index alone
// decodes in microseconds, so listing and the freshness check need not
// decode the frameworks.
type snapshotIndex struct {
	Version   int
	Digests   []string // of each framework's YAML file, in file-name order
	Summaries []Summary
}

type snapshot struct {
	Frameworks []*Framework
}

const snapshotVersion = 2

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
	idx := snapshotIndex{Version: snapshotVersion}
	for _, f := range fws {
		idx.Digests = append(idx.Digests, f.Digest)
		idx.Summaries = append(idx.Summaries, f.Summary())
	}
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	if err := enc.Encode(idx); err != nil {
		return nil, err
	}
	if err := enc.Encode(snapshot{Frameworks: fws}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeIndex decodes a snapshot's index, leaving dec at the frameworks.
func decodeIndex(dec *gob.Decoder) (idx snapshotIndex, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("snapshot: %v", r)
		}
	}()
	if err := dec.Decode(&idx); err != nil {
		return idx, err
	}
	if idx.Version != snapshotVersion {
		return idx, fmt.Errorf("snapshot version %d, want %d", idx.Version, snapshotVersion)
	}
	if len(idx.Summaries) != len(idx.Digests) {
		return idx, fmt.Errorf("snapshot index has %d digests and %d summaries", len(idx.Digests), len(idx.Summaries))
	}
	return idx, nil
}

// DecodeSnapshot decodes a snapshot made by EncodeSnapshot.
func DecodeSnapshot(data []byte) (fws []*Framework, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("snapshot: %v", r)
		}
	}()
	dec := gob.NewDecoder(bytes.NewReader(data))
	idx, err := decodeIndex(dec)
	if err != nil {
		return nil, err
	}
	var s snapshot
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	if len(s.Frameworks) != len(idx.Digests) {
		return nil, fmt.Errorf("snapshot holds %d frameworks and an index of %d", len(s.Frameworks), len(idx.Digests))
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
