package cpd

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/lazy"
)

// MaxHours is the most hours one activity can take.
const MaxHours = 10000

var hoursRE = lazy.MustCompile(`^(\d+(\.\d*)?|\.\d+)$`)

// ParseHours reads a number of hours as a person types it: "1.5", "2",
// "1.5h", "2 hours". "" is no hours (0). It refuses anything that is not a
// plain, finite, non-negative number ("NaN", "Inf", "-1", "1e3" and "0x10"
// are all refused), so that a saved record is always valid JSON.
func ParseHours(field, s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, suf := range []string{"hours", "hour", "hrs", "hr", "h"} {
		if strings.HasSuffix(t, suf) {
			t = strings.TrimSpace(strings.TrimSuffix(t, suf))
			break
		}
	}
	if t == "" {
		if strings.TrimSpace(s) == "" {
			return 0, nil
		}
		return 0, problem(field, "write a number, such as 1.5 for an hour and a half", "%q is not a number of hours", s)
	}
	if strings.HasPrefix(t, "-") {
		return 0, problem(field, "write a number of hours, such as 1.5, or leave it empty", "hours cannot be negative (%s)", s)
	}
	if strings.Contains(t, ",") {
		return 0, problem(field, "use a full stop for the decimal point, such as 1.5", "%q is not a number of hours", s)
	}
	if !hoursRE.MatchString(t) {
		return 0, problem(field, "write a number, such as 1.5 for an hour and a half", "%q is not a number of hours", s)
	}
	h, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(h) || math.IsInf(h, 0) {
		return 0, problem(field, "write a number, such as 1.5 for an hour and a half", "%q is not a number of hours", s)
	}
	return CheckHours(field, h)
}

// CheckHours checks a number of hours given as a number (from a file).
func CheckHours(field string, h float64) (float64, error) {
	switch {
	case math.IsNaN(h) || math.IsInf(h, 0):
		return 0, problem(field, "write a number, such as 1.5", "the hours are not a number")
	case h < 0:
		return 0, problem(field, "write a number of hours, such as 1.5, or leave it out", "hours cannot be negative (%s)", FormatHours(h))
	case h > MaxHours:
		return 0, problem(field, "check the number: one activity is counted in hours, such as 1.5", "%s hours is more than one activity can take (at most %d)", FormatHours(h), MaxHours)
	}
	return h, nil
}

// FormatHours writes hours without trailing zeros: 1.5, 2. Zero is "".
func FormatHours(h float64) string {
	if h == 0 {
		return ""
	}
	return strconv.FormatFloat(h, 'f', -1, 64)
}

// DateLayout is how dates are written: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// ParseDate checks a date written as YYYY-MM-DD. "" is no date.
func ParseDate(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return "", problem(field, "write it as year-month-day, such as 2026-03-05", "%q is not a date", s)
	}
	if y := t.Year(); y < 1950 || y > 2100 {
		return "", problem(field, "check the year", "%s is not a likely date for this record", s)
	}
	return s, nil
}

// Day writes a YYYY-MM-DD date for people: "5 March 2026".
func Day(s string) string {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// oneLine joins the lines of s with spaces and trims it.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// trimText trims a piece of writing: spaces and blank lines at the ends,
// and Windows line ends.
func trimText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}
