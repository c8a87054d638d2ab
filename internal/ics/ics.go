// Package ics writes an iCalendar file (RFC 5545) of all-day events, for
// `reflect due --ics`: written locally, read by any calendar program, no
// calendar account or server involved.
package ics

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is an all-day event.
type Event struct {
	UID         string // stable across exports, so re-importing updates rather than duplicates
	Date        time.Time
	Summary     string
	Description string
	Categories  []string
	// AlarmDays, when above 0, adds a reminder that many days before.
	AlarmDays int
}

// Calendar is a calendar to write.
type Calendar struct {
	Name   string
	Stamp  time.Time // DTSTAMP of every event: when the file was made
	Events []Event
}

// Marshal writes the calendar: CRLF line ends, lines folded at 75 octets
// without splitting a character, text escaped as RFC 5545 §3.3.11 says.
func (c *Calendar) Marshal() []byte {
	var b bytes.Buffer
	line := func(s string) { fold(&b, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//reflect//reflect due//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME:" + Escape(c.Name))
	}
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		line("BEGIN:VEVENT")
		line("UID:" + Escape(e.UID))
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + e.Date.Format("20060102"))
		line("DTEND;VALUE=DATE:" + e.Date.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + Escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + Escape(e.Description))
		}
		if len(e.Categories) > 0 {
			cs := make([]string, len(e.Categories))
			for i, x := range e.Categories {
				cs[i] = Escape(x)
			}
			line("CATEGORIES:" + strings.Join(cs, ","))
		}
		line("TRANSP:TRANSPARENT")
		if e.AlarmDays > 0 {
			line("BEGIN:VALARM")
			line("ACTION:DISPLAY")
			line("DESCRIPTION:" + Escape(e.Summary))
			line(fmt.Sprintf("TRIGGER:-P%dD", e.AlarmDays))
			line("END:VALARM")
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

// Escape escapes text for a TEXT value: backslash, semicolon, comma and
// line breaks; other control characters (which calendars refuse) are
// dropped.
func Escape(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold writes one content line, folded so that no line is longer than 75
// octets (continuation lines start with a space, which counts).
func fold(b *bytes.Buffer, s string) {
	n := 0
	limit := 75
	for len(s) > 0 {
		_, size := utf8.DecodeRuneInString(s)
		if n+size > limit {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(s[:size])
		n += size
		s = s[size:]
	}
	b.WriteString("\r\n")
}

// Unfold undoes folding and splits the file into content lines (for tests
// and for reading back).
func Unfold(data []byte) []string {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(out) > 0 {
				out[len(out)-1] += l[1:]
				continue
			}
		}
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Unescape reverses Escape.
func Unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
