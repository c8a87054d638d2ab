package ics

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestFoldAndEscape(t *testing.T) {
	long := strings.Repeat("Siân Ó Briain; reflection, ", 10)
	c := &Calendar{Name: "reflect", Stamp: time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC), Events: []Event{{UID: "a@reflect", Date: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), Summary: long, Description: "line one\nline two\\", AlarmDays: 7}}}
	data := c.Marshal()
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i+1, l)
		}
	}
	if strings.Contains(strings.ReplaceAll(string(data), "\r\n", ""), "\n") {
		t.Error("a bare line feed")
	}
	var summary, desc string
	for _, l := range Unfold(data) {
		if v, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
			summary = Unescape(v)
		}
		if v, ok := strings.CutPrefix(l, "DESCRIPTION:"); ok && desc == "" {
			desc = Unescape(v)
		}
	}
	if summary != long || desc != "line one\nline two\\" {
		t.Errorf("round trip: %q / %q", summary, desc)
	}
	if !strings.Contains(string(data), "DTSTART;VALUE=DATE:20270331\r\n") || !strings.Contains(string(data), "DTEND;VALUE=DATE:20270401\r\n") || !strings.Contains(string(data), "TRIGGER:-P7D") {
		t.Errorf("dates or alarm missing:\n%s", data)
	}
}

func FuzzMarshal(f *testing.F) {
	f.Add("Renewal", "Apply by 31 March; bring your portfolio, and PIN\\n", "uid@reflect")
	f.Add(strings.Repeat("é", 100), "\x00\x1b[2J\r\n", "")
	f.Fuzz(func(t *testing.T, summary, desc, uid string) {
		if !utf8.ValidString(summary) || !utf8.ValidString(desc) || !utf8.ValidString(uid) {
			return
		}
		c := &Calendar{Stamp: time.Unix(0, 0), Events: []Event{{UID: uid, Date: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Summary: summary, Description: desc}}}
		data := c.Marshal()
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("bad line %q", l)
			}
			for _, r := range l {
				if r < 0x20 && r != '\t' {
					t.Fatalf("control character in %q", l)
				}
			}
		}
		var got string
		for _, l := range Unfold(data) {
			if v, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
				got = Unescape(v)
			}
		}
		if want := Unescape(Escape(summary)); got != want {
			t.Fatalf("summary %q came back as %q", want, got)
		}
	})
}
