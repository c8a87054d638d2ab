package team

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/workforce"
)

// Breakdowns: the groups a record falls in. People type their profession,
// role and setting as they like ("RMN", "Staff nurse", "A&E"); they are
// read through workforce's classes, so that a group is a class ("nurse"),
// never text someone typed, and the report holds nothing but the
// vocabulary's labels. Periods come from the activity's dates, else from
// when the record was started.

// Breakdown dimensions.
const (
	ByProfession = "profession"
	ByRole       = "role"
	BySetting    = "setting"
	ByFramework  = "framework"
	ByYear       = "year"
	ByQuarter    = "quarter"
)

// Dimensions lists the --by choices; Periods the --period choices.
var (
	Dimensions = []string{ByProfession, ByRole, BySetting, ByFramework}
	Periods    = []string{ByYear, ByQuarter}
)

// IsPeriod reports whether a dimension is a period (shown in time order,
// as a trend).
func IsPeriod(dim string) bool { return dim == ByYear || dim == ByQuarter }

// Group keys that are not classes.
const (
	groupNotStated = workforce.NotStated
	groupOther     = workforce.Other
	// groupSmall holds the groups too small to show on their own.
	groupSmall = "\x00small"
	// groupMore holds groups beyond the number a run keeps.
	groupMore = "\x00more"
)

const maxGroups = 500

// groupOf is the record's group in dimension dim.
func groupOf(dim string, r *extracted) string {
	switch dim {
	case ByProfession:
		return workforce.Professions.Classify(r.profession)
	case ByRole:
		return workforce.Roles.Classify(r.role)
	case BySetting:
		return workforce.Settings.Classify(r.setting)
	case ByFramework:
		ids := make([]string, 0, len(r.frameworks))
		for _, f := range r.frameworks {
			ids = append(ids, f.id)
		}
		sort.Strings(ids)
		return strings.Join(ids, "+")
	case ByYear, ByQuarter:
		d := recordDate(r)
		if len(d) < 7 || d[4] != '-' {
			return groupNotStated
		}
		if dim == ByYear {
			return d[:4]
		}
		var m int
		if _, err := fmt.Sscanf(d[5:7], "%d", &m); err != nil || m < 1 || m > 12 {
			return groupNotStated
		}
		return fmt.Sprintf("%s-Q%d", d[:4], (m-1)/3+1)
	}
	return groupNotStated
}

// recordDate is the date a record belongs to: the end of its activity,
// else its start, else when the record was started.
func recordDate(r *extracted) string {
	for _, d := range []string{r.endDate, r.startDate, r.created} {
		if len(d) >= 10 {
			return d[:10]
		}
	}
	return ""
}

// groupLabel is how a report names a group.
func groupLabel(dim, key string, frameworkTitle func(string) string) string {
	switch key {
	case groupSmall:
		if IsPeriod(dim) {
			return "other periods"
		}
		return "other groups"
	case groupMore:
		return "groups beyond those reflect keeps"
	case groupNotStated:
		if IsPeriod(dim) {
			return "date not stated"
		}
		return "not stated"
	}
	switch dim {
	case ByProfession:
		return workforce.Professions.Label(key)
	case ByRole:
		return workforce.Roles.Label(key)
	case BySetting:
		return workforce.Settings.Label(key)
	case ByFramework:
		var parts []string
		for _, id := range strings.Split(key, "+") {
			parts = append(parts, frameworkTitle(id))
		}
		return strings.Join(parts, " + ")
	}
	return key
}

// groupLess orders groups: periods in time order; other dimensions by
// their vocabulary's order (frameworks by id), with "other" and "not
// stated" last.
func groupLess(dim string, a, b string) bool {
	rank := func(k string) int {
		switch k {
		case groupOther:
			return 1
		case groupNotStated:
			return 2
		case groupSmall:
			return 3
		case groupMore:
			return 4
		}
		return 0
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	var v workforce.Vocabulary
	switch dim {
	case ByProfession:
		v = workforce.Professions
	case ByRole:
		v = workforce.Roles
	case BySetting:
		v = workforce.Settings
	}
	if v != nil {
		ia, ib := indexOf(v, a), indexOf(v, b)
		if ia != ib {
			return ia < ib
		}
	}
	return a < b
}

func indexOf(v workforce.Vocabulary, id string) int {
	for i, c := range v {
		if c.ID == id {
			return i
		}
	}
	return len(v)
}
