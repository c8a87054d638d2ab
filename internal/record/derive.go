package record

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// The answers are the only source of truth. A record stores its scores,
// levels, gaps, needs and status, but they are a cache: every command that
// reads a record works them out again here, from the answers and the
// frameworks, and uses what it works out. Recompute is the one place that
// does it; CompareFigures says where a file's stored figures differ.

// Derived is what Recompute works out from a record.
type Derived struct {
	Scores assessment.Scores
	// Complete reports whether the record meets what "complete" means
	// (Completion); Incomplete says why not.
	Complete   bool
	Incomplete string
	// Mismatch lists the frameworks whose content changed since the record
	// was made: the figures are worked out with the frameworks as they are
	// now, so they may differ from the stored ones for that reason alone.
	Mismatch []DigestMismatch
	// Unknown holds answers for competences the current frameworks no
	// longer ask (only when a framework changed; otherwise such an answer
	// is an error). They are not counted.
	Unknown []assessment.Answer
}

// NotLoadedError is returned when a record's framework is not loaded.
type NotLoadedError struct{ ID string }

func (e *NotLoadedError) Error() string {
	return fmt.Sprintf("this record was made with framework %q, which is not loaded, so its figures cannot be worked out from its answers; pass the framework file with --framework FILE", e.ID)
}

// FieldProblem is something wrong with one value of a record, found when
// checking it against its frameworks. Path leads to the value: member
// names and array indexes from the top of the record.
type FieldProblem struct {
	Path []any
	Msg  string
	Hint string
}

// CheckError lists the values of a record that do not fit its frameworks
// (a rating off the scale, an unknown N/A reason or competence). Locate
// turns it into problems at file:line:col.
type CheckError struct{ Problems []FieldProblem }

func (e *CheckError) Error() string {
	var parts []string
	for _, p := range e.Problems {
		parts = append(parts, pathString(p.Path)+": "+p.Msg)
	}
	return "the record does not fit its frameworks: " + strings.Join(parts, "; ")
}

// Locate turns a *CheckError into yamlx.Problems with the line and column
// of each value in data (the file the record was read from). Other errors
// are returned as they are.
func Locate(file string, data []byte, err error) error {
	var ce *CheckError
	if !errors.As(err, &ce) {
		return err
	}
	var out yamlx.Problems
	for _, p := range ce.Problems {
		prob := yamlx.Problem{File: file, Msg: p.Msg, Hint: p.Hint}
		if off, ok := pathOffset(data, p.Path); ok {
			prob.Line, prob.Col = lineCol(data, off)
		}
		out = append(out, prob)
	}
	return out
}

// Completion says whether a record is complete, with the scores worked
// out from its answers, and when it is not, what is left. The rule itself
// lives with the reflection, in internal/cpd (cpd.Progress: every
// competence in scope answered, every section of the reflective model
// written and the anonymisation check confirmed), which hands it to this
// package when it starts (SetCompletionRule): a record does not know its
// reflective model's sections. Every command links internal/cpd; without
// it no record counts as complete.
func Completion(r *Record, sc *assessment.Scores) (bool, string) {
	if completionRule == nil {
		return false, "the rule for complete is not loaded (internal/cpd)"
	}
	return completionRule(r, sc)
}

// completionRule is set once, by internal/cpd's init, and never changed.
var completionRule func(r *Record, sc *assessment.Scores) (bool, string)

// SetCompletionRule installs the rule for complete. internal/cpd calls it
// as it starts; nothing else should.
func SetCompletionRule(rule func(r *Record, sc *assessment.Scores) (bool, string)) {
	completionRule = rule
}

// Recompute works out the record's scores and completion from its answers
// and the frameworks in set. It checks each answer against the scale and
// the competences assessed: a rating off the scale, N/A without a known
// reason, both at once, or the same competence twice is a *CheckError (as
// is a competence the frameworks do not hold, unless the framework changed
// since the record was made). A framework that is not loaded is a
// *NotLoadedError.
func Recompute(r *Record, set *framework.Set) (*Derived, error) {
	sc, err := NewScorer(set, r.Frameworks)
	if err != nil {
		return nil, err
	}
	scores, unknown, probs := sc.Score(r.Answers)
	if len(probs) > 0 {
		return nil, &CheckError{Problems: probs}
	}
	d := &Derived{Scores: scores, Mismatch: sc.Mismatch, Unknown: unknown}
	d.Complete, d.Incomplete = Completion(r, &d.Scores)
	return d, nil
}

// Scorer works out the figures of records assessed against one list of
// frameworks and scopes (as a record's "frameworks" names them). Building
// one does the work that does not depend on the answers, so a reader of
// many records (reflect team) builds one per kind of record and reuses
// it. It is safe for concurrent use.
type Scorer struct {
	plan    *assessment.Plan
	changed bool
	// Mismatch lists the frameworks whose content changed since records
	// naming these refs were made.
	Mismatch []DigestMismatch
}

// NewScorer prepares the scoring of records whose frameworks are refs.
func NewScorer(set *framework.Set, refs []FrameworkRef) (*Scorer, error) {
	if len(refs) == 0 {
		return nil, &CheckError{Problems: []FieldProblem{{Path: []any{"frameworks"}, Msg: "the record names no framework", Hint: "records are written by reflect; use the copy it wrote"}}}
	}
	if set == nil {
		return nil, &NotLoadedError{ID: refs[0].ID}
	}
	sc := &Scorer{}
	scopes := make([]assessment.Scope, 0, len(refs))
	for _, ref := range refs {
		f := set.Get(ref.ID)
		if f == nil {
			return nil, &NotLoadedError{ID: ref.ID}
		}
		if f.Digest != ref.Digest {
			sc.changed = true
			sc.Mismatch = append(sc.Mismatch, DigestMismatch{ID: ref.ID, RecordVersion: ref.Version, CurrentVersion: f.Version,
				RecordDigest: ref.Digest, CurrentDigest: f.Digest, Title: f.Title})
		}
		scopes = append(scopes, assessment.Scope{Framework: ref.ID, Profile: ref.Profile, Areas: ref.Areas})
	}
	plan, err := assessment.NewPlan(set, scopes)
	if err != nil {
		return nil, &CheckError{Problems: []FieldProblem{{Path: []any{"frameworks"}, Msg: err.Error()}}}
	}
	if _, err := assessment.NewSession(plan); err != nil {
		return nil, &CheckError{Problems: []FieldProblem{{Path: []any{"frameworks"}, Msg: err.Error()}}}
	}
	sc.plan = plan
	return sc, nil
}

// Score checks answers against the plan's scale and competences and works
// out the scores. It returns the answers for competences the frameworks
// no longer hold (only when a framework changed; they are not counted) and
// the problems with the others, by path from the top of the record.
func (sc *Scorer) Score(answers []assessment.Answer) (assessment.Scores, []assessment.Answer, []FieldProblem) {
	plan := sc.plan
	scale := plan.Scale()
	var probs []FieldProblem
	var unknown []assessment.Answer
	first := make([]int32, len(plan.Items)) // the answer to each item, +1
	for i, a := range answers {
		at := func(field string) []any { return []any{"answers", i, field} }
		item := plan.Index(a.Code)
		if item < 0 {
			if sc.changed {
				unknown = append(unknown, a)
				continue
			}
			hint := "records are written by reflect; if you edited this one, use the copy it wrote"
			if sg := suggestCode(plan, a.Code); sg != "" {
				hint = "did you mean " + sg + "? " + hint
			}
			probs = append(probs, FieldProblem{Path: at("code"), Msg: fmt.Sprintf("%q is not a competence assessed in this record", a.Code), Hint: hint})
			continue
		}
		if j := first[item]; j > 0 {
			probs = append(probs, FieldProblem{Path: at("code"), Msg: fmt.Sprintf("%s is answered twice (also answers[%d])", a.Code, j-1), Hint: "keep one answer for each competence"})
			continue
		}
		first[item] = int32(i + 1)
		if a.Rating != 0 && scale.Level(a.Rating) == nil {
			probs = append(probs, FieldProblem{Path: at("rating"), Msg: fmt.Sprintf("the rating %d of %s is not on the scale (%s)", a.Rating, a.Code, scaleText(scale)), Hint: "a rating is one of the scale's values; use N/A with a reason for not applicable"})
		}
		if a.NA && a.Rating != 0 {
			probs = append(probs, FieldProblem{Path: at("na"), Msg: fmt.Sprintf("%s has both a rating and N/A", a.Code), Hint: "keep one of them"})
		}
		if a.NA && scale.NAReason(a.NAReason) == nil {
			probs = append(probs, FieldProblem{Path: naPath(i, a), Msg: fmt.Sprintf("the N/A reason %q of %s is not one of the scale's (%s)", a.NAReason, a.Code, naText(scale)), Hint: "use one of the reasons listed"})
		}
		if !a.NA && a.NAReason != "" {
			probs = append(probs, FieldProblem{Path: at("na_reason"), Msg: fmt.Sprintf("%s has an N/A reason %q but is not marked N/A", a.Code, a.NAReason), Hint: "add \"na\": true, or remove the reason"})
		}
	}
	if len(probs) > 0 {
		return assessment.Scores{}, nil, probs
	}
	// Every answer left is to a competence the plan asks, once, on the
	// scale; unknown ones (a framework changed) are not counted.
	return plan.ScoreAnswers(answers), unknown, nil
}

func naPath(i int, a assessment.Answer) []any {
	if a.NAReason == "" {
		return []any{"answers", i, "na"}
	}
	return []any{"answers", i, "na_reason"}
}

func scaleText(sc *framework.Scale) string {
	var parts []string
	for _, l := range sc.Levels {
		parts = append(parts, fmt.Sprintf("%d %s", l.Value, l.Label))
	}
	return strings.Join(parts, ", ")
}

func naText(sc *framework.Scale) string {
	var ids []string
	for _, r := range sc.NAReasons() {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ", ")
}

func suggestCode(p *assessment.Plan, code string) string {
	var codes []string
	for _, it := range p.Items {
		codes = append(codes, it.Code())
	}
	return yamlx.Suggest(code, codes)
}

// UseDerived puts the figures Recompute worked out in place of the stored
// ones, so that everything shown or written from r uses them. A record
// stored as complete that does not meet Completion is treated as in
// progress.
func (r *Record) UseDerived(d *Derived) {
	sc := d.Scores
	r.Scores = &sc
	if r.Status == StatusComplete && !d.Complete {
		r.Status = StatusInProgress
	}
}

// FigureDifference is a figure stored in a record that is not what its
// answers give.
type FigureDifference struct {
	Path     string // e.g. "scores.overall.mean" or "scores.areas[MINI.1.1].level"
	Stored   string
	Computed string
}

func (f FigureDifference) String() string {
	return fmt.Sprintf("%s: the file says %s, the answers give %s", f.Path, f.Stored, f.Computed)
}

// CompareFigures returns the first figure stored in r (its scores and its
// status) that differs from what d worked out, or nil when they agree. A
// record with no stored scores has nothing to differ.
//
// A record of schema 1 was marked complete under the rule of its time
// (the anonymisation check confirmed), so its stored status is not called
// wrong for meeting that rule alone; UseDerived still shows it in
// progress when it falls short of the rule now.
func (r *Record) CompareFigures(d *Derived) *FigureDifference {
	if r.Status == StatusComplete && !d.Complete && (r.SchemaVersion >= 2 || !r.Anonymisation.Confirmed) {
		return &FigureDifference{Path: "status", Stored: strconv.Quote(r.Status), Computed: strconv.Quote(StatusInProgress) + " (" + d.Incomplete + ")"}
	}
	if r.Scores == nil {
		return nil
	}
	return firstDiff("scores", reflect.ValueOf(*r.Scores), reflect.ValueOf(d.Scores))
}

// firstDiff walks two values of the same type in field order and returns
// the first difference, naming it by JSON field names; slice elements with
// a code are named by it.
func firstDiff(path string, a, b reflect.Value) *FigureDifference {
	switch a.Kind() {
	case reflect.Struct:
		t := a.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			p := path
			if !f.Anonymous {
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "-" {
					continue
				}
				if name == "" {
					name = f.Name
				}
				p = path + "." + name
			}
			if d := firstDiff(p, a.Field(i), b.Field(i)); d != nil {
				return d
			}
		}
		return nil
	case reflect.Slice:
		n := min(a.Len(), b.Len())
		for i := 0; i < n; i++ {
			if d := firstDiff(path+"["+elemName(a.Index(i), b.Index(i), i)+"]", a.Index(i), b.Index(i)); d != nil {
				return d
			}
		}
		if a.Len() != b.Len() {
			return &FigureDifference{Path: path, Stored: listText(a), Computed: listText(b)}
		}
		return nil
	case reflect.Float64, reflect.Float32:
		if math.Abs(a.Float()-b.Float()) > 1e-9 {
			return &FigureDifference{Path: path, Stored: strconv.FormatFloat(a.Float(), 'f', -1, 64), Computed: strconv.FormatFloat(b.Float(), 'f', -1, 64)}
		}
		return nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		if a.Int() != b.Int() {
			return &FigureDifference{Path: path, Stored: strconv.FormatInt(a.Int(), 10), Computed: strconv.FormatInt(b.Int(), 10)}
		}
		return nil
	case reflect.String:
		if a.String() != b.String() {
			return &FigureDifference{Path: path, Stored: strconv.Quote(a.String()), Computed: strconv.Quote(b.String())}
		}
		return nil
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return &FigureDifference{Path: path, Stored: strconv.FormatBool(a.Bool()), Computed: strconv.FormatBool(b.Bool())}
		}
		return nil
	}
	return nil
}

// elemName names a slice element by its code when it has one (and both
// sides agree on it), else by its index.
func elemName(a, b reflect.Value, i int) string {
	code := func(v reflect.Value) string {
		switch v.Kind() {
		case reflect.String:
			return ""
		case reflect.Struct:
			if f := v.FieldByName("Code"); f.IsValid() && f.Kind() == reflect.String {
				return f.String()
			}
		}
		return ""
	}
	if ca := code(a); ca != "" && ca == code(b) {
		return ca
	}
	return strconv.Itoa(i)
}

func listText(v reflect.Value) string {
	if v.Len() == 0 {
		return "none"
	}
	var parts []string
	for i := 0; i < v.Len() && i < 5; i++ {
		e := v.Index(i)
		switch {
		case e.Kind() == reflect.String:
			parts = append(parts, e.String())
		case e.Kind() == reflect.Struct && e.FieldByName("Code").IsValid():
			parts = append(parts, e.FieldByName("Code").String())
		}
	}
	s := fmt.Sprintf("%d", v.Len())
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ")
		if v.Len() > len(parts) {
			s += ", …"
		}
		s += ")"
	}
	return s
}

func pathString(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch x := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", x)
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(x)
		}
	}
	return b.String()
}
