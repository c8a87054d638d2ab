package cpdlog

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// MaxHours bounds any one number of hours (practice over three years is
// below 5,000 even full time).
const MaxHours = 20000

// ParseHours reads a number of hours as people write it: 6, 6.5, 6:30,
// 6h30, 6h 30m, 90m, 1 hour 15 minutes. It refuses negative numbers, NaN,
// infinities and anything else that is not a time, saying what to write.
func ParseHours(s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, errors.New("no hours given (write a number, e.g. 6.5 or 6:30)")
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("%q is negative: hours are 0 or more", s)
	}
	if h, m, ok := strings.Cut(t, ":"); ok {
		hv, err1 := strconv.ParseUint(strings.TrimSpace(h), 10, 32)
		mv, err2 := strconv.ParseUint(strings.TrimSpace(m), 10, 32)
		if err1 != nil || err2 != nil || len(strings.TrimSpace(m)) != 2 || mv >= 60 {
			return 0, fmt.Errorf("%q is not a time: write hours and minutes as H:MM, e.g. 6:30", s)
		}
		return checkHours(s, float64(hv)+float64(mv)/60)
	}
	if v, err := strconv.ParseFloat(t, 64); err == nil {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("%q is not a number of hours (write e.g. 6.5)", s)
		}
		return checkHours(s, v)
	}
	// Units: a sequence of NUMBER UNIT, where UNIT is h/hr/hour(s) or m/min/minute(s).
	rest := strings.ReplaceAll(t, " and ", " ")
	total, parts := 0.0, 0
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("%q is not a number of hours: write e.g. 6.5, 6:30 or 6h30m", s)
		}
		num, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number of hours: write e.g. 6.5, 6:30 or 6h30m", s)
		}
		rest = strings.TrimLeft(rest[i:], " ")
		j := 0
		for j < len(rest) && unicode.IsLetter(rune(rest[j])) {
			j++
		}
		unit := rest[:j]
		rest = rest[j:]
		switch unit {
		case "h", "hr", "hrs", "hour", "hours":
			total += num
		case "m", "min", "mins", "minute", "minutes":
			total += num / 60
		case "":
			// "6h30": minutes after hours need no unit.
			if parts == 1 && strings.TrimSpace(rest) == "" && num < 60 {
				total += num / 60
				break
			}
			return 0, fmt.Errorf("%q: say whether %s is hours or minutes (e.g. 6h 30m)", s, strconv.FormatFloat(num, 'f', -1, 64))
		default:
			return 0, fmt.Errorf("%q: %q is not a unit reflect knows; use hours (h) and minutes (m)", s, unit)
		}
		parts++
		if parts > 4 {
			return 0, fmt.Errorf("%q is not a number of hours: write e.g. 6.5, 6:30 or 6h30m", s)
		}
	}
	return checkHours(s, total)
}

func checkHours(s string, v float64) (float64, error) {
	if v < 0 {
		return 0, fmt.Errorf("%q is negative: hours are 0 or more", s)
	}
	if v > MaxHours {
		return 0, fmt.Errorf("%q is more hours than reflect takes in one entry (%d); split it into periods", s, MaxHours)
	}
	// Keep hours to the minute, so sums read as people added them.
	return math.Round(v*60) / 60, nil
}

// FormatHours writes hours as people read them: 6.5, 35, 0.25.
func FormatHours(v float64) string {
	v = math.Round(v*100) / 100
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// DateLayout is how dates are written in the log.
const DateLayout = "2006-01-02"

// ParseDate reads a date as YYYY-MM-DD, or today or yesterday relative to
// today, and returns it as YYYY-MM-DD. UK dates written 5/3/2026 are
// refused with a hint, since 5/3 and 3/5 are both read somewhere.
func ParseDate(s string, today time.Time) (string, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "":
		return "", errors.New("no date given (write it as YYYY-MM-DD)")
	case "today":
		return today.Format(DateLayout), nil
	case "yesterday":
		return today.AddDate(0, 0, -1).Format(DateLayout), nil
	}
	d, err := time.Parse(DateLayout, t)
	if err != nil {
		if strings.ContainsAny(t, "/.") {
			return "", fmt.Errorf("%q: write the date as YYYY-MM-DD, e.g. 2026-03-05 for 5 March 2026", s)
		}
		return "", fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, e.g. 2026-03-05", s)
	}
	if d.Year() < 1950 || d.Year() > 2200 {
		return "", fmt.Errorf("%q is not a date reflect takes (the year must be from 1950 to 2200)", s)
	}
	return d.Format(DateLayout), nil
}

// ParseList splits a comma- or space-separated list, dropping empties and
// repeats, keeping order.
func ParseList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// days is the number of days from first to last, inclusive (1 for one day).
func days(first, last string) int {
	a, err1 := time.Parse(DateLayout, first)
	b, err2 := time.Parse(DateLayout, last)
	if err1 != nil || err2 != nil || b.Before(a) {
		return 1
	}
	return int(b.Sub(a).Hours()/24+0.5) + 1
}

// CountWords counts words as a word processor does: runs of letters or
// digits, with apostrophes and hyphens inside a word.
func CountWords(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-')
	}) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
