package review

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// The reviewer's own ratings (calibration): the one description of what
// may be rated and how a typed rating reads, drawn by the line-by-line
// flow and the full screen alike.

// RatingsIntro explains the step to the reviewer.
const RatingsIntro = "You may rate any competence yourself, beside the practitioner's own rating. The two are shown side by side in the record and its exports, never averaged; where they differ is worth talking about. This is optional."

// RatingRow is one competence the reviewer may rate.
type RatingRow struct {
	Code, Statement string
	Self            string // the practitioner's answer: "2 Developing", "N/A", "not answered"
	SelfValue       int    // 0 unless rated
}

// RatingRows lists the competences the record answers, in its order,
// with the practitioner's answer. Statements and labels come from set
// when it is given.
func RatingRows(r *record.Record, set *framework.Set) []RatingRow {
	sc := Scale(r, set)
	var out []RatingRow
	for _, a := range r.Answers {
		row := RatingRow{Code: a.Code, Self: "not answered"}
		if set != nil {
			if c := set.Competence(a.Code); c != nil {
				row.Statement = c.Statement
			}
		}
		switch {
		case a.Rating > 0:
			row.Self, row.SelfValue = LevelText(sc, a.Rating), a.Rating
		case a.NA:
			row.Self = "N/A"
		}
		out = append(out, row)
	}
	return out
}

// Scale is the scale the record was assessed on, or nil when its
// framework is not loaded.
func Scale(r *record.Record, set *framework.Set) *framework.Scale {
	if set == nil || len(r.Frameworks) == 0 {
		return nil
	}
	if f := set.Get(r.Frameworks[0].ID); f != nil {
		return f.EffectiveScale()
	}
	return nil
}

// LevelText is "2 Developing", or "2" without the scale.
func LevelText(sc *framework.Scale, v int) string {
	if sc != nil {
		if l := sc.Level(v); l != nil {
			return fmt.Sprintf("%d %s", v, l.Label)
		}
	}
	return strconv.Itoa(v)
}

// RatingsText writes ratings as they are typed: "MINI.1.1.1=3, MINI.2.1.1=2".
func RatingsText(rs []record.Rating) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s=%d", r.Code, r.Rating))
	}
	return strings.Join(parts, ", ")
}

// ParseRatings reads typed ratings, "CODE=N" separated by commas or
// spaces, into current (a later rating of a code replaces an earlier one;
// "CODE=-" removes it). Codes must be among rows and ratings on sc when
// it is known.
func ParseRatings(text string, rows []RatingRow, sc *framework.Scale, current []record.Rating) ([]record.Rating, error) {
	known := map[string]bool{}
	for _, r := range rows {
		known[r.Code] = true
	}
	out := append([]record.Rating(nil), current...)
	var bad []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\t' }) {
		code, val, ok := strings.Cut(f, "=")
		code = strings.TrimSpace(code)
		if !ok {
			bad = append(bad, fmt.Sprintf("%q: write CODE=RATING, e.g. %s=2", f, firstCode(rows)))
			continue
		}
		if !known[code] {
			bad = append(bad, fmt.Sprintf("%s is not a competence this record answers", code))
			continue
		}
		if strings.TrimSpace(val) == "-" {
			out = SetRating(out, code, 0)
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil || n < 1 || (sc != nil && sc.Level(n) == nil) {
			bad = append(bad, fmt.Sprintf("%s=%s: the rating must be a level of the scale%s", code, val, scaleRange(sc)))
			continue
		}
		out = SetRating(out, code, n)
	}
	if len(bad) > 0 {
		return current, fmt.Errorf("%s", strings.Join(bad, "; "))
	}
	return out, nil
}

// SetRating sets (v > 0) or removes (v == 0) the rating of code.
func SetRating(rs []record.Rating, code string, v int) []record.Rating {
	for i := range rs {
		if rs[i].Code == code {
			if v == 0 {
				return append(rs[:i:i], rs[i+1:]...)
			}
			rs[i].Rating = v
			return rs
		}
	}
	if v == 0 {
		return rs
	}
	return append(rs, record.Rating{Code: code, Rating: v})
}

func scaleRange(sc *framework.Scale) string {
	if sc == nil {
		return ""
	}
	return fmt.Sprintf(" (%d to %d)", sc.Min(), sc.Max())
}

func firstCode(rows []RatingRow) string {
	if len(rows) == 0 {
		return "CODE"
	}
	return rows[0].Code
}
