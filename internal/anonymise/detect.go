package anonymise

import (
	"strconv"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/lazy"
)

// ---- e-mail ----

var emailRE = lazy.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)

func findEmails(text string, add addFunc) {
	for _, m := range emailRE.FindAllStringIndex(text, -1) {
		s, e := m[0], m[1]
		// A trailing dot belongs to the sentence, not the address.
		for e > s && text[e-1] == '.' {
			e--
		}
		add(KindEmail, s, e, "it looks like an e-mail address")
	}
}

// ---- digit groups (NHS numbers and phone numbers) ----

// group is a run of ASCII digits.
type group struct{ s, e int }

func (g group) n() int { return g.e - g.s }

// chains returns runs of digit groups joined by short separators (a space,
// a hyphen, brackets); a dot or comma ends a chain, so codes such as
// ADU.3.2.1 and decimals are never joined. Groups glued to letters are left
// out.
func chains(text string) [][]group {
	var out [][]group
	var cur []group
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	i := 0
	for i < len(text) {
		if !isDigit(text[i]) {
			i++
			continue
		}
		s := i
		for i < len(text) && isDigit(text[i]) {
			i++
		}
		g := group{s, i}
		glued := !boundaryBefore(text, s) || !boundaryAfter(text, i) ||
			(s >= 2 && (text[s-1] == '.' || text[s-1] == ',' || text[s-1] == '/') && isDigit(text[s-2])) ||
			(i+1 < len(text) && (text[i] == '.' || text[i] == ',' || text[i] == '/') && isDigit(text[i+1]))
		if glued {
			flush()
			continue
		}
		if len(cur) > 0 && !joinable(text[cur[len(cur)-1].e:s]) {
			flush()
		}
		cur = append(cur, g)
	}
	flush()
	return out
}

// joinable reports whether the text between two digit groups may join them
// into one number: one to three characters of spaces, hyphens and brackets.
func joinable(gap string) bool {
	if gap == "" || len(gap) > 3 {
		return false
	}
	for _, r := range gap {
		switch r {
		case ' ', '-', '(', ')', '\u00a0':
		default:
			return false
		}
	}
	return true
}

func digitsOf(text string, gs []group) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(text[g.s:g.e])
	}
	return b.String()
}

// ValidNHSNumber reports whether ten digits pass the NHS number modulus 11
// check: weights 10 down to 2 on the first nine digits; 11 minus the
// remainder of the sum divided by 11 is the check digit (11 counts as 0,
// 10 means the number is not valid).
func ValidNHSNumber(digits string) bool {
	if len(digits) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := digits[i]
		if !isDigit(c) {
			return false
		}
		sum += int(c-'0') * (10 - i)
	}
	if !isDigit(digits[9]) {
		return false
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	if check == 10 {
		return false
	}
	return check == int(digits[9]-'0')
}

func findNHSNumbers(text string, add addFunc) {
	for _, ch := range chains(text) {
		for i := range ch {
			// Ten digits together, or spaced 3-3-4.
			if ch[i].n() == 10 && (i == 0 || !sameSep(text, ch[i-1], ch[i])) {
				if d := text[ch[i].s:ch[i].e]; ValidNHSNumber(d) {
					add(KindNHSNumber, ch[i].s, ch[i].e, "ten digits with a valid NHS number check digit")
				}
			}
			if i+2 < len(ch) && ch[i].n() == 3 && ch[i+1].n() == 3 && ch[i+2].n() == 4 &&
				text[ch[i].e:ch[i+1].s] == text[ch[i+1].e:ch[i+2].s] && (i+3 == len(ch) || !sameSep(text, ch[i+2], ch[i+3])) {
				if ValidNHSNumber(digitsOf(text, ch[i:i+3])) {
					add(KindNHSNumber, ch[i].s, ch[i+2].e, "ten digits with a valid NHS number check digit")
				}
			}
		}
	}
}

// sameSep reports whether two adjacent groups are joined by a single space
// or hyphen, i.e. look like parts of one longer number.
func sameSep(text string, a, b group) bool {
	gap := text[a.e:b.s]
	return gap == " " || gap == "-"
}

// findPhones flags UK geographic (01, 02), non-geographic 03 and mobile
// (07) numbers, written with a leading 0 or +44. Freephone and service
// numbers (08xx), short codes and helplines (116 123, 111, 999, 85258)
// identify nobody and are not flagged.
func findPhones(text string, add addFunc) {
	for _, ch := range chains(text) {
		for i := 0; i < len(ch); i++ {
			g := ch[i]
			start := g.s
			var nsn string // national significant number, no leading 0
			var end int
			if text[g.s:g.e] == "44" && g.s > 0 && text[g.s-1] == '+' {
				start = g.s - 1
				j := i + 1
				// Skip "(0)".
				if j < len(ch) && text[ch[j].s:ch[j].e] == "0" {
					j++
				}
				nsn, end = collect(text, ch[j:], 9, 10)
			} else if text[g.s] == '0' {
				var d string
				d, end = collect(text, ch[i:], 10, 11)
				if d != "" {
					nsn = d[1:]
				}
				if g.s > 0 && text[g.s-1] == '(' {
					start = g.s - 1
				}
			} else if g.n() > 2 && strings.HasPrefix(text[g.s:g.e], "44") && g.s > 0 && text[g.s-1] == '+' {
				start = g.s - 1
				var d string
				d, end = collect(text, ch[i:], 11, 12)
				if d != "" {
					nsn = strings.TrimPrefix(d[2:], "0")
					if len(nsn) < 9 {
						nsn = ""
					}
				}
			}
			if nsn == "" {
				continue
			}
			switch nsn[0] {
			case '1', '2', '3', '7':
				add(KindPhone, start, end, "it looks like a UK phone number")
			}
		}
	}
}

// collect joins groups from the start of gs until their digits number
// exactly lo or hi at the end of a group (preferring hi), and returns the
// digits and the byte offset of their end.
func collect(text string, gs []group, lo, hi int) (string, int) {
	n := 0
	best, bestEnd := "", 0
	for k, g := range gs {
		n += g.n()
		if n == lo || n == hi {
			best, bestEnd = digitsOf(text, gs[:k+1]), g.e
		}
		if n >= hi {
			break
		}
	}
	return best, bestEnd
}

// ---- postcodes ----

var postcodeRE = lazy.MustCompile(`(?i)\b(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})\b`)

func findPostcodes(text string, add addFunc) {
	for _, m := range postcodeRE.FindAllStringIndex(text, -1) {
		s, e := m[0], m[1]
		if !boundaryBefore(text, s) || !boundaryAfter(text, e) {
			continue
		}
		pc := text[s:e]
		// Lower-case "b12 1st" is an ordinal in a sentence, not a postcode.
		if pc != strings.ToUpper(pc) {
			switch strings.ToLower(pc[len(pc)-2:]) {
			case "st", "nd", "rd", "th":
				continue
			}
		}
		add(KindPostcode, s, e, "it looks like a full UK postcode")
	}
}

// ---- dates ----

const monthNames = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

var (
	numDateRE     = lazy.MustCompile(`\b(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{4}|\d{2})\b`)
	dayMonthRE    = lazy.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+(` + monthNames + `)\.?,?[\s\-]+(\d{4})\b`)
	monthDayRE    = lazy.MustCompile(`(?i)\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	isoDateRE     = lazy.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	monthYearRE   = lazy.MustCompile(`(?i)\b(` + monthNames + `)\.?,?\s+(\d{4})\b`)
	birthCueRE    = lazy.MustCompile(`(?i)\b(?:d\.?\s?o\.?\s?b\b\.?|date of birth|birth\s?date|born|birthday)`)
	cueAfterSpan  = 30 // bytes between the end of a cue and the start of a date
	cueBeforeSpan = 12 // bytes between the end of a date and a cue after it ("12/03/1990 (DOB)")
)

func monthNumber(name string) int {
	name = strings.ToLower(name)
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(name, m) {
			return i + 1
		}
	}
	return 0
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Year() == y && int(t.Month()) == m && t.Day() == d
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// findDates flags full dates (day, month and year) written as dd/mm/yyyy
// (also with - or .) or in words ("3 March 1990", "March 3rd, 1990"),
// because any of them could be a date of birth; the reason says so, so a
// course date can be left as it is. Next to a cue such as "DOB" or "born",
// two-digit years, ISO dates and month-and-year are flagged too.
func findDates(text string, add addFunc) {
	cues := birthCueRE.FindAllStringIndex(text, -1)
	near := func(s, e int) string {
		for _, c := range cues {
			if (s >= c[1] && s-c[1] <= cueAfterSpan) || (c[0] >= e && c[0]-e <= cueBeforeSpan) {
				return strings.TrimSpace(text[c[0]:c[1]])
			}
		}
		return ""
	}
	flag := func(s, e int, full bool) {
		if cue := near(s, e); cue != "" {
			add(KindDateOfBirth, s, e, `a date next to "`+cue+`"`)
		} else if full {
			add(KindDateOfBirth, s, e, "a full date could be someone's date of birth; if it is, say, the date of a course, you can leave it")
		}
	}
	for _, m := range numDateRE.FindAllStringSubmatchIndex(text, -1) {
		s, e := m[0], m[1]
		if text[m[4]:m[5]] != text[m[8]:m[9]] {
			continue // mixed separators
		}
		if s > 0 && (text[s-1] == '.' || text[s-1] == '/' || text[s-1] == '-') {
			continue // part of a longer code
		}
		if e < len(text) && (text[e] == '/' || text[e] == '-') || (e+1 < len(text) && text[e] == '.' && isDigit(text[e+1])) {
			continue
		}
		a, b, ys := atoi(text[m[2]:m[3]]), atoi(text[m[6]:m[7]]), text[m[10]:m[11]]
		y := atoi(ys)
		if len(ys) == 2 {
			y += 1900 // only the day and month matter for validity (29 Feb aside)
			if !validDate(2000, b, a) && !validDate(2000, a, b) {
				continue
			}
			flag(s, e, false)
			continue
		}
		if y < 1900 || y > 2099 || (!validDate(y, b, a) && !validDate(y, a, b)) {
			continue
		}
		flag(s, e, true)
	}
	for _, m := range dayMonthRE.FindAllStringSubmatchIndex(text, -1) {
		d, mo, y := atoi(text[m[2]:m[3]]), monthNumber(text[m[4]:m[5]]), atoi(text[m[6]:m[7]])
		if y >= 1900 && y <= 2099 && validDate(y, mo, d) {
			flag(m[0], m[1], true)
		}
	}
	for _, m := range monthDayRE.FindAllStringSubmatchIndex(text, -1) {
		mo, d, y := monthNumber(text[m[2]:m[3]]), atoi(text[m[4]:m[5]]), atoi(text[m[6]:m[7]])
		if y >= 1900 && y <= 2099 && validDate(y, mo, d) {
			flag(m[0], m[1], true)
		}
	}
	for _, m := range isoDateRE.FindAllStringSubmatchIndex(text, -1) {
		y, mo, d := atoi(text[m[2]:m[3]]), atoi(text[m[4]:m[5]]), atoi(text[m[6]:m[7]])
		if validDate(y, mo, d) {
			flag(m[0], m[1], false)
		}
	}
	for _, m := range monthYearRE.FindAllStringSubmatchIndex(text, -1) {
		if y := atoi(text[m[4]:m[5]]); y >= 1900 && y <= 2099 {
			flag(m[0], m[1], false)
		}
	}
}

// ---- titled names ----

var titledNameRE = lazy.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?[ \t\x{a0}]+(?:\p{Lu}\.?[ \t\x{a0}]+)?\p{Lu}[\p{L}'’\-]+(?:[ \t\x{a0}]+\p{Lu}[\p{L}'’\-]+)?`)

func findTitledNames(text string, add addFunc) {
	for _, m := range titledNameRE.FindAllStringIndex(text, -1) {
		if !boundaryAfter(text, m[1]) {
			continue
		}
		add(KindTitledName, m[0], m[1], "a title followed by a name")
	}
}

// ---- wards, bays, beds, rooms ----

var (
	bedRE       = lazy.MustCompile(`\b(?i:bed(?:\s+space)?|bay|cubicle|side\s?room|seclusion\s+room)[ \t\x{a0}]*(?:(?i:no\.?|number)[ \t\x{a0}]*)?(?:\d{1,3}[A-Za-z]?|[A-Z])\b`)
	wardNumRE   = lazy.MustCompile(`\b(?i:ward)[ \t\x{a0}]*(?:\d{1,3}[A-Za-z]?|[A-Z]\d?)\b`)
	namedWardRE = lazy.MustCompile(`(\p{Lu}[\p{L}'’\-]+)[ \t\x{a0}]+Ward\b`)
	roomRE      = lazy.MustCompile(`\b(?i:room)[ \t\x{a0}]*(?:\d{1,3}[A-Za-z]?)\b`)
	clinicalRE  = lazy.MustCompile(`(?i)\b(?:wards?|beds?|bays?|patients?|admitted|admission|unit|a&e|resus|cubicle|triage|seclusion|hospital|discharged?|observations?|obs)\b`)
	notWardName = map[string]bool{"The": true, "A": true, "An": true, "This": true, "That": true, "Each": true, "Every": true, "Any": true,
		"Our": true, "My": true, "Your": true, "His": true, "Her": true, "Their": true, "On": true, "In": true, "Same": true, "Other": true, "Which": true, "What": true}
)

func findWardBed(text string, add addFunc) {
	for _, m := range bedRE.FindAllStringIndex(text, -1) {
		add(KindWardBed, m[0], m[1], "a bed, bay or room reference")
	}
	for _, m := range wardNumRE.FindAllStringIndex(text, -1) {
		add(KindWardBed, m[0], m[1], "a ward reference")
	}
	for _, m := range namedWardRE.FindAllStringSubmatchIndex(text, -1) {
		if !boundaryBefore(text, m[0]) || notWardName[text[m[2]:m[3]]] {
			continue
		}
		add(KindWardBed, m[0], m[1], "a named ward")
	}
	for _, m := range roomRE.FindAllStringIndex(text, -1) {
		lo, hi := max(0, m[0]-80), min(len(text), m[1]+80)
		if clinicalRE.MatchString(text[lo:hi]) {
			add(KindWardBed, m[0], m[1], "a room number near a clinical word")
		}
	}
}
