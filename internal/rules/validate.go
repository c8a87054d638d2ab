package rules

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

var (
	idRE        = lazy.MustCompile(`^[a-z0-9][a-z0-9-]{0,40}$`)
	publishedRE = lazy.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	monthDayRE  = lazy.MustCompile(`^(\d{2})-(\d{2})$`)
)

type validator struct {
	r     *Rules
	probs yamlx.Problems
}

func (v *validator) add(pos yamlx.Pos, hint, format string, args ...any) {
	v.probs = append(v.probs, yamlx.Problem{File: v.r.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Validate checks what spans a rules file: ids, sources cited, the cycle,
// activity types and requirements. Decoding has already checked types and
// required fields.
func Validate(r *Rules) yamlx.Problems {
	v := &validator{r: r}
	if r.Schema > SchemaVersion {
		v.add(r.Pos, "update reflect to read it", "this file uses rules schema %d, but this version of reflect reads schema %d", r.Schema, SchemaVersion)
	} else if r.Schema < 0 {
		v.add(r.Pos, "", "schema must be %d", SchemaVersion)
	}
	if r.ID != "" && !idRE.MatchString(r.ID) {
		v.add(r.Pos, "use lower-case letters, digits and hyphens, e.g. nmc or my-trust", "rules id %q is not valid", r.ID)
	}
	if r.Checked != "" {
		if _, err := time.Parse("2006-01-02", r.Checked); err != nil {
			v.add(r.Pos, "write the date as YYYY-MM-DD", "checked %q is not a date", r.Checked)
		}
	}
	sources := map[string]bool{}
	for _, s := range r.Sources {
		if s.ID == "" {
			continue
		}
		if sources[s.ID] {
			v.add(s.Pos, "give each source its own id", "the source id %q is used twice", s.ID)
		}
		sources[s.ID] = true
		if !idRE.MatchString(s.ID) {
			v.add(s.Pos, "use lower-case letters, digits and hyphens", "source id %q is not valid", s.ID)
		}
		if s.URL != "" {
			if u, err := url.Parse(s.URL); err != nil || u.Scheme != "https" || u.Host == "" {
				v.add(s.Pos, "give the https:// address of the published document", "source %s: %q is not an https address", s.ID, s.URL)
			}
		}
		if s.Published != "" && !publishedRE.MatchString(s.Published) {
			v.add(s.Pos, "write it as YYYY, YYYY-MM or YYYY-MM-DD", "source %s: published %q is not a date", s.ID, s.Published)
		}
	}
	cite := func(pos yamlx.Pos, what, id string) {
		if id != "" && !sources[id] {
			hint := "cite one of the sources listed under sources: " + strings.Join(keys(sources), ", ")
			if s := yamlx.Suggest(id, keys(sources)); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			v.add(pos, hint, "%s cites the source %q, which is not listed", what, id)
		}
	}
	c := r.Cycle
	switch c.Kind {
	case CycleYearsBeforeRenewal:
		if c.Years < 1 || c.Years > 10 {
			v.add(c.Pos, "give the number of years, from 1 to 10", "the cycle needs years (1 to 10), found %d", c.Years)
		}
		if c.YearStarts != "" {
			v.add(c.Pos, "year_starts is for registration-year cycles; remove it", "year_starts does not apply to a %s cycle", c.Kind)
		}
	case CycleRegistrationYear:
		m := monthDayRE.FindStringSubmatch(c.YearStarts)
		if m == nil {
			v.add(c.Pos, "write the day the registration year starts as MM-DD, e.g. 12-01 for 1 December", "year_starts %q is not a month and day", c.YearStarts)
		} else if _, err := time.Parse("2006-01-02", "2001-"+c.YearStarts); err != nil {
			v.add(c.Pos, "write a real day of the year (not 02-29), e.g. 12-01", "year_starts %q is not a day of the year", c.YearStarts)
		}
		if c.Years != 0 && c.Years != 1 {
			v.add(c.Pos, "a registration year is one year; remove years", "years must be 1 for a registration-year cycle")
		}
	case "":
	default:
		v.add(c.Pos, "use years-before-renewal or registration-year", "unknown cycle kind %q", c.Kind)
	}
	cite(c.Pos, "the cycle", c.Source)

	types := map[string]bool{}
	for _, t := range r.Types {
		if t.ID == "" {
			continue
		}
		if types[t.ID] {
			v.add(t.Pos, "give each activity type its own id", "the activity type %q is listed twice", t.ID)
		}
		types[t.ID] = true
		if !idRE.MatchString(t.ID) {
			v.add(t.Pos, "use lower-case letters, digits and hyphens", "activity type id %q is not valid", t.ID)
		}
	}
	if r.RecordType != "" && !types[r.RecordType] {
		hint := "use one of " + strings.Join(r.TypeIDs(), ", ")
		if s := yamlx.Suggest(r.RecordType, r.TypeIDs()); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		v.add(r.Pos, hint, "record_activity_type %q is not one of the activity types", r.RecordType)
	}

	reqs := map[string]bool{}
	var measureIDs []string
	for _, m := range Measures {
		measureIDs = append(measureIDs, m.ID)
	}
	for _, q := range r.Requirements {
		if q.ID != "" {
			if reqs[q.ID] {
				v.add(q.Pos, "give each requirement its own id", "the requirement %q is listed twice", q.ID)
			}
			reqs[q.ID] = true
			if !idRE.MatchString(q.ID) {
				v.add(q.Pos, "use lower-case letters, digits and hyphens", "requirement id %q is not valid", q.ID)
			}
		}
		if q.Measure != "" && MeasureUnit(q.Measure) == "" {
			hint := "use one of " + strings.Join(measureIDs, ", ")
			if s := yamlx.Suggest(q.Measure, measureIDs); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			v.add(q.Pos, hint, "requirement %s: unknown measure %q", q.ID, q.Measure)
		}
		if q.Required < 0 || math.IsNaN(q.Required) || q.Required > 1e6 {
			v.add(q.Pos, "give a number from 0 upwards", "requirement %s: required %v is not a usable threshold", q.ID, q.Required)
		}
		switch q.Compare {
		case "", AtLeast, AtMost:
		default:
			v.add(q.Pos, "use at-least or at-most", "requirement %s: unknown compare %q", q.ID, q.Compare)
		}
		if q.Measure == MeasureGaps {
			if q.GapMonths < 1 || q.GapMonths > 24 {
				v.add(q.Pos, "say how long a gap needs an explanation, in months (1 to 24)", "requirement %s: gaps needs gap_months", q.ID)
			}
			if q.Compare != AtMost {
				v.add(q.Pos, "a gaps requirement counts gaps, so it is compare: at-most", "requirement %s: gaps must be compared at-most", q.ID)
			}
		} else if q.GapMonths != 0 {
			v.add(q.Pos, "gap_months is for the gaps measure; remove it", "requirement %s: gap_months does not apply to %s", q.ID, q.Measure)
		}
		cite(q.Pos, "requirement "+q.ID, q.Source)
	}
	for _, m := range r.Reminders {
		if m.DaysBefore < 0 || m.DaysBefore > 3650 {
			v.add(m.Pos, "give the days before the renewal date, from 0 to 3650", "reminder %q: days_before %d is out of range", m.Title, m.DaysBefore)
		}
		cite(m.Pos, "reminder "+fmt.Sprintf("%q", m.Title), m.Source)
		if m.DoneWhen != "" && !reqs[m.DoneWhen] {
			v.add(m.Pos, "give the id of one of the requirements above", "reminder %q: done_when %q is not a requirement", m.Title, m.DoneWhen)
		}
	}
	return v.probs
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}
