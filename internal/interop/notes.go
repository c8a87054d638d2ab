package interop

import (
	"fmt"
	"strings"
)

// The wording of report notes: counts that agree with their nouns, and
// lists of the cases a note is about.

// noteCases notes cases when there are any. format's first %s is the
// number of cases with one or many (as plural gives it), args fill the
// rest, and ": " and the first five cases (then "and N more") follow.
func (s *Source) noteCases(cat Category, cases []string, one, many, format string, args ...any) {
	s.Notes = appendCases(s.Notes, cat, cases, 5, one, many, format, args)
}

// noteCases is Source.noteCases for the fitting notes, naming up to max
// cases.
func (r *Report) noteCases(cat Category, cases []string, max int, one, many, format string, args ...any) {
	r.Notes = appendCases(r.Notes, cat, cases, max, one, many, format, args)
}

func appendCases(notes []Note, cat Category, cases []string, max int, one, many, format string, args []any) []Note {
	if len(cases) == 0 {
		return notes
	}
	all := make([]any, 0, len(args)+2)
	all = append(all, plural(len(cases), one, many))
	all = append(all, args...)
	all = append(all, listSome(cases, max))
	return append(notes, Note{Cat: cat, Text: clean(fmt.Sprintf(format+": %s", all...))})
}

// Plural returns "1 thing" or "n things".
func Plural(n int, one, many string) string { return plural(n, one, many) }

// plural returns "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// listSome names up to max values, then "and N more".
func listSome(vals []string, max int) string {
	if len(vals) <= max {
		return strings.Join(vals, ", ")
	}
	return strings.Join(vals[:max], ", ") + fmt.Sprintf(" and %d more", len(vals)-max)
}

func itThey(n int) string {
	if n == 1 {
		return "it was"
	}
	return "they were"
}

func itsTheir(n int) string {
	if n == 1 {
		return "its"
	}
	return "their"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// pick is one when n is 1, else many.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
