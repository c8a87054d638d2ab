// Package anonymise is a local check of free text for things that could
// identify a person the practitioner supported: NHS numbers, dates of
// birth, postcodes, phone numbers, e-mail addresses, titled names and
// ward or bed references. It never sends text anywhere.
//
// The check is a prompt, not a guarantee: it flags likely identifiers so
// the person can look again and confirm before export. It leans towards
// flagging (a false alarm costs a glance; a missed identifier costs more),
// but it deliberately leaves alone things that identify nobody:
//
//   - support line numbers the tool itself signposts (Samaritans 116 123,
//     Shout 85258, NHS 111, 999) and non-geographic 08xx service numbers;
//   - competence codes and references such as ADU.3.2.1 or "NG225";
//   - a postcode district on its own ("NG7"): only a full postcode, with
//     its inward part ("NG7 2UH"), narrows down to a handful of homes;
//   - ten-digit numbers that fail the NHS number check digit;
//   - ISO dates (2024-03-05) and month-and-year dates, unless they sit next
//     to a word like "DOB" or "born".
//
// Offsets are byte offsets into the field's text; Excerpt is the flagged
// text itself, Text[Start:End].
package anonymise

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of finding.
const (
	KindNHSNumber   = "nhs-number"
	KindDateOfBirth = "date-of-birth"
	KindPostcode    = "postcode"
	KindPhone       = "phone"
	KindEmail       = "email"
	KindTitledName  = "titled-name"
	KindWardBed     = "ward-bed"
)

// Kinds lists every kind in the order findings of equal position are
// reported, with plain-words descriptions for people.
var Kinds = []struct{ Kind, Description string }{
	{KindEmail, "an e-mail address"},
	{KindNHSNumber, "an NHS number (the check digit is valid)"},
	{KindPhone, "a UK phone number"},
	{KindPostcode, "a full UK postcode"},
	{KindDateOfBirth, "a date that could be a date of birth"},
	{KindTitledName, "a name with a title, such as Mr or Dr"},
	{KindWardBed, "a ward, bay, bed or room"},
}

// Describe returns the plain-words description of a kind.
func Describe(kind string) string {
	for _, k := range Kinds {
		if k.Kind == kind {
			return k.Description
		}
	}
	return kind
}

// Field is one piece of free text to check. Name says to a person where it
// is, e.g. "note on ADU.1.2" or "reflection: So what?".
type Field struct {
	Name string
	Text string
}

// Finding is one likely identifier.
type Finding struct {
	Field   string // the Field's Name
	Kind    string // one of the Kind constants
	Excerpt string // Text[Start:End]
	Start   int    // byte offset in the field's text
	End     int    // byte offset, exclusive
	Reason  string // why it was flagged, in plain words
}

// Check looks at every field and returns the findings in field order, then
// by position. A span flagged as one kind is not flagged again as another
// kind inside it (the digits of an e-mail address are not a phone number).
func Check(fields []Field) []Finding {
	var out []Finding
	for _, f := range fields {
		out = append(out, checkText(f)...)
	}
	return out
}

// Count returns the number of findings in the fields.
func Count(fields []Field) int { return len(Check(fields)) }

func checkText(f Field) []Finding {
	text := f.Text
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var all []Finding
	add := func(kind string, start, end int, reason string) {
		if start < 0 || end > len(text) || start >= end {
			return
		}
		all = append(all, Finding{Field: f.Name, Kind: kind, Excerpt: text[start:end], Start: start, End: end, Reason: reason})
	}
	findEmails(text, add)
	findNHSNumbers(text, add)
	findPhones(text, add)
	findPostcodes(text, add)
	findDates(text, add)
	findTitledNames(text, add)
	findWardBed(text, add)

	// Drop a finding wholly inside an earlier-found (higher-priority) one.
	var kept []Finding
	for _, c := range all {
		inside := false
		for _, k := range kept {
			if c.Start >= k.Start && c.End <= k.End {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, c)
		}
	}
	rank := map[string]int{}
	for i, k := range Kinds {
		rank[k.Kind] = i
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Start != kept[j].Start {
			return kept[i].Start < kept[j].Start
		}
		return rank[kept[i].Kind] < rank[kept[j].Kind]
	})
	return kept
}

type addFunc func(kind string, start, end int, reason string)

// isWordRune reports whether r continues a word or number.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// boundaryBefore reports whether text[:i] does not end in a letter or digit.
func boundaryBefore(text string, i int) bool {
	if i <= 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !isWordRune(r)
}

// boundaryAfter reports whether text[i:] does not start with a letter or digit.
func boundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !isWordRune(r)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
