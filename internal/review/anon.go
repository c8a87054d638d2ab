package review

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Findings runs the identifier check on a reviewer's words (the comments,
// the comment on each need and the agreed plan): the same check and the
// same list of fields (cpd.ReviewTextFields, part of cpd.TextFields) as for
// everything the practitioner wrote. Every way of reviewing lists them
// before the reviewer confirms.
func Findings(r *record.Record, rev record.Review) []anonymise.Finding {
	var fields []anonymise.Field
	for _, f := range cpd.ReviewTextFields(rev, len(r.Reviews)+1) {
		fields = append(fields, anonymise.Field{Name: f.Name, Text: f.Text})
	}
	return anonymise.Check(fields)
}

// FindingField is the record.ReviewProblem field a finding is in, so that
// a front end can take the reviewer back to it.
func FindingField(f anonymise.Finding) string {
	_, rest, ok := strings.Cut(f.Field, "review ")
	if !ok {
		return ""
	}
	if _, rest, ok = strings.Cut(rest, " "); !ok {
		return ""
	}
	switch {
	case rest == "comments":
		return "comments"
	case strings.HasPrefix(rest, "comment on "):
		return "needs[" + strings.TrimPrefix(rest, "comment on ") + "]"
	case strings.HasPrefix(rest, "agreed goal "):
		num, field, _ := strings.Cut(strings.TrimPrefix(rest, "agreed goal "), " ")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 {
			return "plan"
		}
		name := "objective"
		switch {
		case strings.HasPrefix(field, "activity"):
			name = "activities"
		case strings.HasPrefix(field, "resource"):
			name = "resources"
		case strings.HasPrefix(field, "success"):
			name = "success_measure"
		}
		return fmt.Sprintf("amended_plan[%d].%s", n-1, name)
	}
	return ""
}

// FindingsText lists findings one a line, for standard error.
func FindingsText(findings []anonymise.Finding) string {
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "  %s: %q (%s)\n", f.Field, f.Excerpt, anonymise.Describe(f.Kind))
	}
	return b.String()
}
