package cpdlog

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/rules"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// FieldError is a problem with one field, said so a person can fix it.
type FieldError struct {
	Key  string // the field's key (its flag name)
	Msg  string
	Hint string
}

func (e FieldError) Error() string {
	s := "--" + e.Key + ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// FieldErrors is a list of field problems that is itself an error.
type FieldErrors []FieldError

func (es FieldErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Context is what checking an entry needs besides the entry.
type Context struct {
	Today time.Time
	// Rules are the rules of the person's regulator; activity types are
	// checked against them. Nil when no regulator is set.
	Rules *rules.Rules
	// Regulators are the known regulator ids (for settings).
	Regulators []string
	// CycleStart is the first day of the current cycle ("" when no renewal
	// date is set); a date before it is refused unless OutsideCycle.
	CycleStart   string
	OutsideCycle bool
	// Known reports whether an id names a log entry or a record; nil
	// skips the check.
	Known func(id string) bool
	// KindOf says what an id names: a log entry's kind, KindRecord for a
	// record, "" when unknown; nil skips the check. It lets a field that
	// lists reflective accounts refuse a CPD activity, and so on.
	KindOf func(id string) string
}

// KindRecord is what Context.KindOf says of a reflect record's id.
const KindRecord = "record"

// listKinds are the kinds of entry each list of ids may name.
var listKinds = map[string][]string{
	"accounts": {KindAccount, KindRecord},
	"chosen":   {KindActivity, KindRecord},
	"records":  {KindRecord},
}

// listKindWhat names what a list of ids holds.
var listKindWhat = map[string]string{
	"accounts": "a reflective account",
	"chosen":   "a CPD activity",
	"records":  "a reflect record",
}

// listKindHint says what a list of ids may name.
var listKindHint = map[string]string{
	"accounts": "give the ids of your reflective accounts, ra-… in 'reflect log list', or of records with a reflection, in 'reflect list'",
	"chosen":   "give the ids of CPD activities, a-… in 'reflect log list', or of records, in 'reflect list'",
	"records":  "give the ids of your reflect assessments, in 'reflect list'",
}

var (
	emailRE    = lazy.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	postcodeRE = lazy.MustCompile(`^(?i)(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$`)
	idListRE   = lazy.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
)

// ValidateField checks one field of the item and returns its problems.
func ValidateField(f *Field, it *Item, ctx Context) []FieldError {
	var out []FieldError
	bad := func(msg, hint string, args ...any) {
		out = append(out, FieldError{Key: f.Key, Msg: fmt.Sprintf(msg, args...), Hint: hint})
	}
	if f.IsEmpty(it) {
		if f.Required {
			bad("%s is needed", f.Help, strings.TrimSuffix(f.Label, "?"))
		}
		return out
	}
	today := ctx.Today.Format(DateLayout)
	switch f.Kind {
	case FieldDate:
		v := *f.S(it)
		if _, err := time.Parse(DateLayout, v); err != nil {
			bad("%q is not a date", "write it as YYYY-MM-DD", v)
			return out
		}
		if it.Kind == KindSettings {
			break // renewal and appraisal dates are in the future
		}
		if v > today {
			bad("%s is after today (%s)", "log it once it has happened; reflect keeps a record of what was done", v, today)
		}
		if ctx.CycleStart != "" && v < ctx.CycleStart && !ctx.OutsideCycle {
			bad("%s is before your current cycle, which starts on %s", "it would not count towards this renewal; check the date, or keep it anyway with --outside-cycle", v, ctx.CycleStart)
		}
		if f.Key == "end" && it.Start != "" && v < it.Start {
			bad("the last day (%s) is before the first (%s)", "swap them, or correct one", v, it.Start)
		}
	case FieldHours:
		v := *f.F(it)
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			bad("%v is not a number of hours", "write e.g. 6.5")
		case v < 0:
			bad("%s is negative", "hours are 0 or more", FormatHours(v))
		case v > MaxHours:
			bad("%s hours is more than reflect takes in one entry", "split it into periods", FormatHours(v))
		default:
			first, last := it.Days()
			if n := days(first, last); first != "" && v > 24*float64(n) {
				span := "one day"
				if n > 1 {
					span = fmt.Sprintf("%d days", n)
				}
				bad("%s hours in %s is more than 24 hours a day", "check the hours and the dates", FormatHours(v), span)
			}
			if f.Key == "participatory-hours" && v > it.Hours+1e-9 {
				bad("%s participatory hours is more than the %s hours in all", "participatory hours are part of the hours, so at most the same", FormatHours(v), FormatHours(it.Hours))
			}
		}
	case FieldChoice:
		v := *f.S(it)
		if !hasChoice(f.Choices, v) {
			bad("%q is not one of the choices", "use one of "+choiceIDs(f.Choices), v)
		}
	case FieldChoices:
		for _, v := range *f.L(it) {
			if !hasChoice(f.Choices, v) {
				bad("%q is not one of the choices", "use one of "+choiceIDs(f.Choices), v)
			}
		}
	case FieldEmail:
		if v := *f.S(it); !emailRE.MatchString(v) {
			bad("%q is not an e-mail address", "write it as name@example.org", v)
		}
	case FieldPostcode:
		if v := *f.S(it); !postcodeRE.MatchString(strings.TrimSpace(v)) {
			bad("%q is not a UK postcode", "write it as e.g. NG7 2UH", v)
		}
	case FieldRegulator:
		v := *f.S(it)
		if !contains(ctx.Regulators, v) {
			hint := "use one of " + strings.Join(ctx.Regulators, ", ")
			if s := yamlx.Suggest(v, ctx.Regulators); s != "" {
				hint = fmt.Sprintf("did you mean %s? Otherwise %s", s, hint)
			}
			bad("there are no rules for the regulator %q", hint, v)
		}
	case FieldType:
		v := *f.S(it)
		switch {
		case ctx.Rules == nil:
			bad("reflect does not know your regulator, so it cannot check the activity type %q", "set it first with 'reflect log settings --regulator nmc' (or hcpc, swe, gmc), or add --regulator", v)
		case ctx.Rules.Type(v) == nil:
			hint := "use one of " + strings.Join(ctx.Rules.TypeIDs(), ", ")
			if s := yamlx.Suggest(v, ctx.Rules.TypeIDs()); s != "" {
				hint = fmt.Sprintf("did you mean %s? Otherwise %s", s, hint)
			}
			bad("%q is not an activity type of the %s", hint, v, ctx.Rules.Short)
		}
	case FieldList:
		for _, v := range *f.L(it) {
			if !idListRE.MatchString(v) {
				bad("%q is not an id or code", "list ids or codes separated by commas", v)
				continue
			}
			if f.Key != "competences" && ctx.Known != nil && !ctx.Known(v) {
				bad("there is no log entry or record %q", "see 'reflect log list' and 'reflect list' for the ids", v)
				continue
			}
			if want, ok := listKinds[f.Key]; ok && ctx.KindOf != nil {
				if k := ctx.KindOf(v); k != "" && !slices.Contains(want, k) {
					what := "a reflect record"
					if ki := Kind(k); ki != nil {
						what = "a log entry (" + ki.Title + ")"
					}
					bad("%s is %s, not %s", listKindHint[f.Key], v, what, listKindWhat[f.Key])
				}
			}
		}
	case FieldEvidence:
		for _, ev := range *f.E(it) {
			if ev.File != "" && (len(ev.SHA256) != 64 || ev.Size < 0) {
				bad("the evidence %q has no valid digest", "give the file again so reflect can record its SHA-256", ev.File)
			}
		}
	case FieldLine, FieldText:
		v := *f.S(it)
		if strings.TrimSpace(v) == "" && f.Required {
			bad("%s is needed", f.Help, strings.TrimSuffix(f.Label, "?"))
		}
		if r, at := firstControl(v); at >= 0 {
			bad("the text holds the control character %U", "remove it", r)
		}
	}
	return out
}

// Validate checks every field of an item of its kind. Fields that do not
// belong to the kind must be empty.
func Validate(it *Item, ctx Context) FieldErrors {
	fields := Fields(it.Kind)
	if fields == nil {
		return FieldErrors{{Key: "kind", Msg: fmt.Sprintf("%q is not a kind of log entry", it.Kind), Hint: "use one of " + strings.Join(KindNames(), ", ")}}
	}
	var out FieldErrors
	for i := range fields {
		out = append(out, ValidateField(&fields[i], it, ctx)...)
	}
	own := map[string]bool{}
	for _, f := range fields {
		own[f.Key] = true
	}
	for _, f := range AllFieldKeys() {
		if !own[f.Key] && !f.IsEmpty(it) {
			out = append(out, FieldError{Key: f.Key, Msg: fmt.Sprintf("does not apply to a %s", Kind(it.Kind).Title), Hint: "leave it out"})
		}
	}
	return out
}

// IdentifierFields returns the free text of the item that the identifier
// check reads, named by field label.
func IdentifierFields(it *Item) []anonymise.Field {
	var out []anonymise.Field
	for _, f := range Fields(it.Kind) {
		if f.Identify && f.S != nil && *f.S(it) != "" {
			out = append(out, anonymise.Field{Name: f.Key, Text: *f.S(it)})
		}
	}
	for i, ev := range it.Evidence {
		if ev.Description != "" {
			out = append(out, anonymise.Field{Name: fmt.Sprintf("evidence %d description", i+1), Text: ev.Description})
		}
		if ev.File != "" {
			out = append(out, anonymise.Field{Name: fmt.Sprintf("evidence %d file name", i+1), Text: ev.File})
		}
	}
	return out
}

// Findings runs the identifier check over the item's free text.
func Findings(it *Item) []anonymise.Finding { return anonymise.Check(IdentifierFields(it)) }

func hasChoice(cs []Choice, id string) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}

func choiceIDs(cs []Choice) string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstControl(s string) (rune, int) {
	for i, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return r, i
		}
	}
	return 0, -1
}
