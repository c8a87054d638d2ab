package cpdlog

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/reflect-cpd/reflect/internal/store"
)

// Read reads the log from the data folder without locking it. A log that
// was never written is empty.
func Read(st *store.Store) (*Log, error) {
	data, err := st.ReadLogFile(store.LogFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &Log{File: st.LogPath(store.LogFile), byID: map[string]*Entry{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(st.LogPath(store.LogFile), data)
}

// ReadRaw returns the log file's bytes (nil when there is none).
func ReadRaw(st *store.Store) ([]byte, error) {
	data, err := st.ReadLogFile(store.LogFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// Change is one change to make: what Update's function returns.
type Change struct {
	Op     string
	ID     string
	Item   *Item
	Reason string
}

// Update takes the log's lock, reads the log as it is now (another reflect
// may have written it since it was shown), lets fn decide the change, and
// saves the log with the new line appended, atomically, keeping the
// previous copy as the backup.
func Update(st *store.Store, at time.Time, tool string, fn func(l *Log) (Change, error)) (Event, error) {
	lock, err := st.LockLog()
	if err != nil {
		return Event{}, err
	}
	defer lock.Release()
	l, err := Read(st)
	if err != nil {
		return Event{}, err
	}
	c, err := fn(l)
	if err != nil {
		return Event{}, err
	}
	data, ev, err := l.Append(c.Op, c.ID, c.Item, c.Reason, at, tool)
	if err != nil {
		return Event{}, err
	}
	if err := st.WriteLogFile(store.LogFile, data, true); err != nil {
		return Event{}, err
	}
	return ev, nil
}

// NewID returns a fresh id for an entry of kind, unused in the log.
func (l *Log) NewID(kind string) string {
	prefix := "x"
	if k := Kind(kind); k != nil && k.Prefix != "" {
		prefix = k.Prefix
	}
	for {
		var b [4]byte
		_, _ = rand.Read(b[:])
		id := prefix + "-" + hex.EncodeToString(b[:])
		if l.byID[id] == nil {
			return id
		}
	}
}

// Draft is an entry being typed, kept so that nothing typed is lost when
// the prompts are left before the entry is saved.
type Draft struct {
	Kind  string    `json:"kind"`
	ID    string    `json:"id,omitempty"` // the entry being edited, or ""
	Item  Item      `json:"item"`
	Saved time.Time `json:"saved"`
}

func draftName(kind string) string { return "draft-" + kind + ".json" }

// SaveDraft keeps the entry being typed (private, atomic).
func SaveDraft(st *store.Store, d *Draft) error {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	return st.WriteLogFile(draftName(d.Kind), data, false)
}

// LoadDraft returns the draft of kind, or nil when there is none or it
// cannot be read (an unreadable draft is left where it is).
func LoadDraft(st *store.Store, kind string) (*Draft, error) {
	data, err := st.ReadLogFile(draftName(kind))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var d Draft
	if err := json.Unmarshal(data, &d); err != nil || d.Kind != kind {
		return nil, fmt.Errorf("the unfinished entry %s cannot be read; it is left as it is", st.LogPath(draftName(kind)))
	}
	d.Item.Kind = kind
	return &d, nil
}

// RemoveDraft removes the draft of kind once its entry is saved.
func RemoveDraft(st *store.Store, kind string) error { return st.RemoveLogFile(draftName(kind)) }
