package cpdlog

import (
	"bytes"
	"fmt"
	"sort"
	"time"
)

// Entry is the current state of one log entry.
type Entry struct {
	ID        string
	Item      Item
	Added     time.Time
	Updated   time.Time
	Revisions int // edits since it was added
	Removed   bool
	Reason    string // why it was removed
	Seq       int    // the line that added it
}

// Log is the log as read: its events in order and the state they build.
type Log struct {
	File   string
	data   []byte
	Events []Event
	head   string
	byID   map[string]*Entry
	order  []string
}

// Parse reads a log file. A line that cannot be read stops it with a
// *LineError naming the line: nothing is guessed. (Verify reports every
// problem; Parse needs every line.)
func Parse(file string, data []byte) (*Log, error) {
	l := &Log{File: file, data: data, byID: map[string]*Entry{}}
	for i, raw := range splitLines(data) {
		ev, _, digest, err := decodeLine(raw)
		if err != nil {
			return nil, &LineError{File: file, Line: i + 1, Msg: err.Error() + "; nothing has been changed. Run 'reflect log verify' to see the whole log's state; the copy before the last save is " + file + ".bak"}
		}
		l.apply(ev)
		l.head = digest
	}
	return l, nil
}

func (l *Log) apply(ev Event) {
	l.Events = append(l.Events, ev)
	e := l.byID[ev.ID]
	switch ev.Op {
	case OpAdd:
		if e != nil || ev.Item == nil {
			return
		}
		e = &Entry{ID: ev.ID, Item: *ev.Item, Added: ev.At, Updated: ev.At, Seq: ev.Seq}
		l.byID[ev.ID] = e
		l.order = append(l.order, ev.ID)
	case OpEdit:
		if ev.Item == nil {
			return
		}
		if e == nil {
			if ev.ID != settingsID {
				return
			}
			e = &Entry{ID: ev.ID, Added: ev.At, Seq: ev.Seq}
			l.byID[ev.ID] = e
			l.order = append(l.order, ev.ID)
		}
		e.Item = *ev.Item
		e.Updated = ev.At
		e.Revisions++
	case OpRemove:
		if e == nil {
			return
		}
		e.Removed, e.Reason, e.Updated = true, ev.Reason, ev.At
	}
}

// Head is the digest of the last line, and the number of lines.
func (l *Log) Head() (int, string) { return len(l.Events), l.head }

// Get returns the entry with the id (removed ones too), or nil.
func (l *Log) Get(id string) *Entry { return l.byID[id] }

// Entries returns the current entries, removed ones only when all is
// true, by the date they count on, then in the order they were added.
// Settings are not an entry.
func (l *Log) Entries(all bool) []*Entry {
	var out []*Entry
	for _, id := range l.order {
		e := l.byID[id]
		if e.Item.Kind == KindSettings || (e.Removed && !all) {
			continue
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Item.When(), out[j].Item.When()
		if a != b {
			return a < b
		}
		return out[i].Seq < out[j].Seq
	})
	return out
}

// Settings returns the person's settings (empty when never set).
func (l *Log) Settings() Item {
	if e := l.byID[settingsID]; e != nil {
		return e.Item
	}
	return Item{Kind: KindSettings}
}

// History returns every event about the entry, oldest first.
func (l *Log) History(id string) []Event {
	var out []Event
	for _, ev := range l.Events {
		if ev.ID == id {
			out = append(out, ev)
		}
	}
	return out
}

// Append adds one change at the end of the log and returns the file's new
// content: the old bytes exactly, then the new line. Lines already written
// are never rewritten.
func (l *Log) Append(op, id string, item *Item, reason string, at time.Time, tool string) ([]byte, Event, error) {
	switch op {
	case OpAdd:
		if l.byID[id] != nil {
			return nil, Event{}, fmt.Errorf("the log already has an entry %s", id)
		}
	case OpEdit, OpRemove:
		e := l.byID[id]
		if (e == nil && id != settingsID) || (op == OpRemove && e == nil) {
			return nil, Event{}, fmt.Errorf("there is no entry %s in your log (see 'reflect log list')", id)
		}
		if e != nil && e.Removed {
			return nil, Event{}, fmt.Errorf("%s was removed on %s; it cannot be changed", id, e.Updated.Local().Format("2 Jan 2006"))
		}
	default:
		return nil, Event{}, fmt.Errorf("unknown change %q", op)
	}
	// A change is never recorded before the one above it, even when the
	// clock has gone back: the order of the lines is the truth.
	if n := len(l.Events); n > 0 && at.Before(l.Events[n-1].At) {
		at = l.Events[n-1].At
	}
	ev := Event{V: LogVersion, Seq: len(l.Events) + 1, At: at.UTC().Truncate(time.Second), Op: op, ID: id, Item: item, Reason: reason, Tool: tool, Prev: l.head}
	ln, digest, err := encodeLine(&ev)
	if err != nil {
		return nil, Event{}, err
	}
	if len(l.Events) == 0 {
		l.data = nil // a file of nothing but line breaks
	}
	var b bytes.Buffer
	b.Grow(len(l.data) + len(ln) + 1)
	b.Write(l.data)
	if len(l.data) > 0 && l.data[len(l.data)-1] != '\n' {
		b.WriteByte('\n')
	}
	b.Write(ln)
	b.WriteByte('\n')
	out := b.Bytes()
	l.data = out
	l.apply(ev)
	l.head = digest
	return out, ev, nil
}

// SettingsID is the id the settings are kept under.
const SettingsID = settingsID
