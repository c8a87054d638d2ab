package cpdlog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// LogVersion is the log line format this build writes and the newest it reads.
const LogVersion = 1

// Ops: what a line does.
const (
	OpAdd    = "add"
	OpEdit   = "edit"
	OpRemove = "remove"
)

// Event is one change to the log: an entry added, edited (the whole new
// content) or removed (with the reason). Prev is the digest of the line
// before ("" for the first line).
type Event struct {
	V      int       `json:"v"`
	Seq    int       `json:"seq"`
	At     time.Time `json:"at"`
	Op     string    `json:"op"`
	ID     string    `json:"id"`
	Item   *Item     `json:"item,omitempty"`
	Reason string    `json:"reason,omitempty"`
	Tool   string    `json:"tool,omitempty"`
	Prev   string    `json:"prev"`
}

// line is one line of the log file: the event exactly as written, and the
// digest of those bytes.
type line struct {
	Event  json.RawMessage `json:"event"`
	Digest string          `json:"digest"`
}

const digestPrefix = "reflect-cpd-log-v1\n"

// digestOf is the digest of an event's bytes as written in its line.
func digestOf(event []byte) string {
	h := sha256.New()
	h.Write([]byte(digestPrefix))
	h.Write(event)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// encodeLine writes an event as one line (without the line break).
func encodeLine(e *Event) ([]byte, string, error) {
	ev, err := json.Marshal(e)
	if err != nil {
		return nil, "", err
	}
	d := digestOf(ev)
	var b bytes.Buffer
	b.WriteString(`{"event":`)
	b.Write(ev)
	b.WriteString(`,"digest":`)
	q, _ := json.Marshal(d)
	b.Write(q)
	b.WriteString("}")
	return b.Bytes(), d, nil
}

// LineError is a line of the log that cannot be read at all.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// decodeLine reads one line: its stored digest, the event's raw bytes and
// the event.
func decodeLine(data []byte) (ev Event, raw []byte, digest string, err error) {
	var l line
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return ev, nil, "", fmt.Errorf("not a log line (%v)", shortJSONError(err))
	}
	if dec.More() {
		return ev, nil, "", errors.New("more than one value on the line")
	}
	if len(l.Event) == 0 {
		return ev, nil, "", errors.New("the line has no event")
	}
	var probe struct {
		V int `json:"v"`
	}
	if err := json.Unmarshal(l.Event, &probe); err == nil && probe.V > LogVersion {
		return ev, nil, "", fmt.Errorf("this line was written by a newer reflect (log version %d); update reflect to read it", probe.V)
	}
	d := json.NewDecoder(bytes.NewReader(l.Event))
	d.DisallowUnknownFields()
	if err := d.Decode(&ev); err != nil {
		return ev, nil, "", fmt.Errorf("the event cannot be read (%v)", shortJSONError(err))
	}
	return ev, l.Event, l.Digest, nil
}

func shortJSONError(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "json: ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// Break is a place where the log's chain does not hold.
type Break struct {
	Line    int    // 1-based line of the file
	Seq     int    // the entry's number as written (0 if unreadable)
	ID      string // the entry's id, when readable
	At      time.Time
	Problem string
	Hint    string
}

func (b Break) String() string {
	s := fmt.Sprintf("line %d", b.Line)
	if b.Seq > 0 {
		s += fmt.Sprintf(" (change %d", b.Seq)
		if b.ID != "" {
			s += ", " + b.ID
		}
		if !b.At.IsZero() {
			s += ", written " + b.At.UTC().Format("2006-01-02 15:04 UTC")
		}
		s += ")"
	}
	s += ": " + b.Problem
	if b.Hint != "" {
		s += " " + b.Hint
	}
	return s
}

// Verification is what Verify found.
type Verification struct {
	Lines  int    // lines read
	Head   string // digest of the last line ("" for an empty log)
	First  time.Time
	Last   time.Time
	Breaks []Break
	// Anchor is set when an earlier head was given: whether it is still
	// in the chain, at which line.
	AnchorFound bool
	AnchorLine  int
}

// OK reports whether the chain holds throughout.
func (v *Verification) OK() bool { return len(v.Breaks) == 0 }

// Verify checks the whole log: every line's content against its digest
// (a line edited after it was written), every line's link to the line
// before (a line removed, inserted or moved), the numbering, that each
// change was written no earlier than the one before (back-filling), and
// that edits and removals refer to entries added earlier. It reports every
// break, not just the first. anchor, when not "", is a head digest noted
// earlier (for example in a portfolio handed in): Verify says whether the
// log still contains it.
func Verify(data []byte, anchor string) *Verification {
	v := &Verification{}
	prevDigest := ""
	var prevAt time.Time
	known := map[string]bool{}
	removed := map[string]bool{}
	lines := splitLines(data)
	for i, raw := range lines {
		n := i + 1
		v.Lines = n
		ev, evBytes, stored, err := decodeLine(raw)
		if err != nil {
			v.Breaks = append(v.Breaks, Break{Line: n, Problem: "cannot be read: " + err.Error() + ".", Hint: "The line was damaged or edited by hand; the copy before the last save is cpd-log.jsonl.bak."})
			prevDigest = "" // unknown: the next line's link is reported against nothing
			continue
		}
		b := Break{Line: n, Seq: ev.Seq, ID: ev.ID, At: ev.At}
		add := func(problem, hint string) {
			c := b
			c.Problem, c.Hint = problem, hint
			v.Breaks = append(v.Breaks, c)
		}
		if got := digestOf(evBytes); got != stored {
			add("its content does not match its digest: the entry was changed after it was written.", "Changes are made with 'reflect log edit', which adds a line and keeps the old one.")
		}
		if ev.Seq != n {
			add(fmt.Sprintf("it is numbered %d but is line %d: lines were removed, added or moved before it.", ev.Seq, n), "")
		}
		if i > 0 && prevDigest != "" && ev.Prev != prevDigest {
			add("its link to the line before does not match: a line before it was removed, inserted, moved or changed.", "")
		} else if i == 0 && ev.Prev != "" {
			add("it is the first line but links to an earlier one: the start of the log was removed.", "")
		}
		if !prevAt.IsZero() && ev.At.Before(prevAt) {
			add(fmt.Sprintf("it was written at %s, before the line above it (%s): it was back-filled, or the computer's clock was changed.", ev.At.UTC().Format(time.RFC3339), prevAt.UTC().Format(time.RFC3339)), "")
		}
		switch ev.Op {
		case OpAdd:
			if known[ev.ID] {
				add(fmt.Sprintf("it adds %s, which was already added.", ev.ID), "")
			}
			known[ev.ID] = true
			if ev.Item == nil {
				add("it adds an entry with no content.", "")
			}
		case OpEdit, OpRemove:
			if !known[ev.ID] && ev.ID != settingsID {
				add(fmt.Sprintf("it changes %s, which no earlier line added.", ev.ID), "")
			}
			if removed[ev.ID] {
				add(fmt.Sprintf("it changes %s, which was removed before.", ev.ID), "")
			}
			if ev.Op == OpRemove {
				removed[ev.ID] = true
			} else if ev.Item == nil {
				add("it edits an entry but holds no content.", "")
			}
			known[ev.ID] = true
		default:
			add(fmt.Sprintf("it does %q, which is not a change reflect makes.", ev.Op), "")
		}
		if anchor != "" && stored == anchor {
			v.AnchorFound, v.AnchorLine = true, n
		}
		if v.First.IsZero() {
			v.First = ev.At
		}
		v.Last = ev.At
		prevDigest, prevAt = stored, ev.At
		v.Head = stored
	}
	return v
}

// splitLines splits the file into lines, dropping one final line break.
// A blank line is kept, so that it is reported where it is.
func splitLines(data []byte) [][]byte {
	data = bytes.TrimSuffix(data, []byte("\n"))
	if len(data) == 0 {
		return nil
	}
	ls := bytes.Split(data, []byte("\n"))
	for i := range ls {
		ls[i] = bytes.TrimSuffix(ls[i], []byte("\r"))
	}
	return ls
}
