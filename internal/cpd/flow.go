package cpd

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/record"
)

// Options configure a Flow.
type Options struct {
	// Now stamps the confirmation and drafts; nil means time.Now.
	Now func() time.Time
	// NewGoalID makes the id of a new goal; nil means NewGoalID.
	NewGoalID func() string
	// OnUnconfirm is called when a change to the text withdraws the
	// person's confirmation that the record identifies nobody (it was
	// about the old text), so a front end can say so.
	OnUnconfirm func()
}

// Flow is the reflection and plan of one record: every change to them
// goes through Apply (or the methods that wrap it), which validates it
// and refuses it whole when it is wrong. It also keeps the record's
// status up to date (see Progress).
type Flow struct {
	r    *record.Record
	s    *assessment.Session
	opts Options
}

// New starts the flow over a record and the session of its answers. The
// session may be nil for a record whose frameworks are not loaded; then
// codes are not checked and needs are those stored in the record.
func New(r *record.Record, s *assessment.Session, opts Options) *Flow {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.NewGoalID == nil {
		opts.NewGoalID = NewGoalID
	}
	f := &Flow{r: r, s: s, opts: opts}
	f.settle()
	return f
}

// Record is the record the flow changes.
func (f *Flow) Record() *record.Record { return f.r }

// Session is the session of the record's answers (nil when not loaded).
func (f *Flow) Session() *assessment.Session { return f.s }

// Now is the flow's clock.
func (f *Flow) Now() time.Time { return f.opts.Now() }

// NewGoalID returns a new random goal id: "g-" and 16 hex digits, unique
// across records (goal ids used to be g1, g2… in every record, so two
// different goals in two records shared an id).
func NewGoalID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return "g-" + hex.EncodeToString(b[:])
}

var legacyGoalID = lazy.MustCompile(`^[gG][0-9]+$`)

// LegacyGoalID reports whether a goal id is one of the old per-record ids
// (g1, g2, …), which do not identify a goal across records.
func LegacyGoalID(id string) bool { return legacyGoalID.MatchString(id) }

// Op is the kind of a Change.
type Op string

// Operations.
const (
	OpSet        Op = "set"         // Key: field address; Value
	OpSetList    Op = "set-list"    // Key: field address; List
	OpAddGoal    Op = "add-goal"    // Key: the new goal's id
	OpDeleteGoal Op = "delete-goal" // Key: goal id
	OpAddEvid    Op = "add-evidence"
	OpRemoveEvid Op = "remove-evidence" // Key: the evidence number, from 1
	OpCheck      Op = "check"           // run the anonymisation check
	OpConfirm    Op = "confirm"         // At: when
	OpDraft      Op = "draft"           // Key: field address; Value: the text so far; At
	OpDropDraft  Op = "drop-draft"
)

// Change is one change to the reflection and plan, as a small value that
// can be written to a journal and applied again.
type Change struct {
	Op       Op               `json:"op"`
	Key      string           `json:"key,omitempty"`
	Value    string           `json:"value,omitempty"`
	List     []string         `json:"list,omitempty"`
	Evidence *record.Evidence `json:"evidence,omitempty"`
	At       time.Time        `json:"at,omitzero"`
}

// Apply makes one change. A refused change leaves the record as it was
// and returns a *Problem saying why.
func (f *Flow) Apply(c Change) error {
	var err error
	switch c.Op {
	case OpSet:
		err = f.set(c.Key, c.Value)
	case OpSetList:
		err = f.setList(c.Key, c.List)
	case OpAddGoal:
		err = f.addGoal(c.Key)
	case OpDeleteGoal:
		err = f.deleteGoal(c.Key)
	case OpAddEvid:
		err = f.addEvidence(c.Evidence)
	case OpRemoveEvid:
		err = f.removeEvidence(c.Key)
	case OpCheck:
		f.check()
	case OpConfirm:
		f.confirm(c.At)
	case OpDraft:
		if c.Value == "" {
			f.r.Draft = nil
		} else {
			f.r.Draft = &record.Draft{Field: c.Key, Text: c.Value, At: c.At.UTC()}
		}
	case OpDropDraft:
		f.r.Draft = nil
	default:
		err = problem("", "", "unknown change %q", c.Op)
	}
	if err != nil {
		return err
	}
	f.settle()
	return nil
}

// Set stores one value at a field address.
func (f *Flow) Set(addr, value string) error {
	return f.Apply(Change{Op: OpSet, Key: addr, Value: value})
}

// SetList stores a list (focus codes, standards, a goal's competences,
// activities or resources) at a field address.
func (f *Flow) SetList(addr string, list []string) error {
	return f.Apply(Change{Op: OpSetList, Key: addr, List: list})
}

// AddGoal adds an empty goal and returns its id. A new goal starts with
// no competences ticked and the status planned.
func (f *Flow) AddGoal() (string, error) {
	id := f.opts.NewGoalID()
	return id, f.Apply(Change{Op: OpAddGoal, Key: id})
}

// DeleteGoal removes a goal.
func (f *Flow) DeleteGoal(id string) error { return f.Apply(Change{Op: OpDeleteGoal, Key: id}) }

// AddEvidence adds a piece of evidence: a file (recorded by name and
// SHA-256) and/or a description.
func (f *Flow) AddEvidence(e record.Evidence) error {
	return f.Apply(Change{Op: OpAddEvid, Evidence: &e})
}

// RemoveEvidence removes evidence number n (from 1).
func (f *Flow) RemoveEvidence(n int) error {
	return f.Apply(Change{Op: OpRemoveEvid, Key: strconv.Itoa(n)})
}

// Check runs the anonymisation check over every free-text field and
// records how many things it flagged. It returns the findings.
func (f *Flow) Check() []Finding {
	f.Apply(Change{Op: OpCheck})
	return Check(f.r)
}

// syncAnswers copies the session's answers (their notes are checked)
// into the record, as saving does.
func (f *Flow) syncAnswers() {
	if f.s != nil {
		f.r.Answers = f.s.Answers()
		if f.r.Answers == nil {
			f.r.Answers = []assessment.Answer{}
		}
	}
}

// Confirm records the person's confirmation that the record identifies
// nobody (after the check). With every competence answered and the
// reflection written, the record is then complete.
func (f *Flow) Confirm() error {
	return f.Apply(Change{Op: OpConfirm, At: f.opts.Now().UTC().Truncate(time.Second)})
}

// SetDraft keeps the text being typed in a field, so that it survives the
// program stopping; "" drops it.
func (f *Flow) SetDraft(addr, text string) error {
	if strings.TrimSpace(text) == "" {
		text = ""
	}
	return f.Apply(Change{Op: OpDraft, Key: addr, Value: text, At: f.opts.Now().UTC().Truncate(time.Second)})
}

// DropDraft forgets the draft (its text was stored, or given up).
func (f *Flow) DropDraft() error { return f.Apply(Change{Op: OpDropDraft}) }

// Draft returns the text kept for a field address, if any.
func (f *Flow) Draft(addr string) (string, bool) {
	if d := f.r.Draft; d != nil && d.Field == addr {
		return d.Text, true
	}
	return "", false
}

// Model is the record's reflective model (the default when none is set).
func (f *Flow) Model() *Model {
	if f.r.Reflection.Model == "" {
		return LookupModel(DefaultModel(f.r.Practitioner.Regulator))
	}
	return modelOf(f.r.Reflection.Model)
}

// Needs are the development needs, most pressing first.
func (f *Flow) Needs() []assessment.Need {
	if f.s != nil {
		return f.s.Score().Needs
	}
	if f.r.Scores != nil {
		return f.r.Scores.Needs
	}
	return nil
}

// DefaultFocus is the focus offered when none is chosen: the three most
// pressing needs.
func (f *Flow) DefaultFocus() []string {
	var out []string
	for i, n := range f.Needs() {
		if i == 3 {
			break
		}
		out = append(out, n.Code)
	}
	return out
}

// textChanged withdraws the confirmation when free text changed: it was
// given about the old text.
func (f *Flow) textChanged(old, new string) {
	if old == new || strings.TrimSpace(new) == "" {
		return
	}
	an := &f.r.Anonymisation
	if !an.Confirmed {
		return
	}
	an.Confirmed = false
	an.At = time.Time{}
	if f.opts.OnUnconfirm != nil {
		f.opts.OnUnconfirm()
	}
}

func (f *Flow) check() {
	f.syncAnswers()
	findings := Check(f.r)
	f.r.Anonymisation.Checked = true
	f.r.Anonymisation.Findings = len(findings)
}

func (f *Flow) confirm(at time.Time) {
	f.syncAnswers()
	findings := Check(f.r)
	f.r.Anonymisation = record.Anonymisation{Checked: true, Findings: len(findings), Confirmed: true, At: at.UTC()}
}

// settle keeps the stored status in step with the rule for complete.
func (f *Flow) settle() { f.r.Status = f.Progress().Status() }

// Progress says how far the record is from complete.
func (f *Flow) Progress() Progress {
	p := ProgressOf(f.r)
	if f.s != nil {
		a, t := f.s.Progress()
		p.Scored, p.Total, p.Unanswered = true, t, t-a
	}
	return p
}

// codeOK checks a competence code against the assessment: it must be one
// the assessment asks (or one the crosswalk links to one it asks).
func (f *Flow) codeOK(field, code string) (string, error) {
	code = strings.TrimSpace(code)
	if f.s == nil {
		return code, nil
	}
	if f.s.Plan.Index(code) < 0 {
		if up := strings.ToUpper(code); f.s.Plan.Index(up) >= 0 {
			return up, nil
		}
		if f.s.Plan.Set.Competence(code) != nil {
			return "", problem(field, "link goals to the competences you assessed", "%s is not part of this assessment", code)
		}
		return "", problem(field, "check the code; the summary lists them", "%s is not a competence code", code)
	}
	return code, nil
}

func (f *Flow) goal(field, id string) (*record.Goal, error) {
	for i := range f.r.Plan {
		if f.r.Plan[i].ID == id {
			return &f.r.Plan[i], nil
		}
	}
	return nil, problem(field, "", "there is no goal %q", id)
}

func (f *Flow) addGoal(id string) error {
	if strings.TrimSpace(id) == "" {
		return problem("goal", "", "a goal needs an id")
	}
	if _, err := f.goal("goal", id); err == nil {
		return problem("goal", "give each goal its own id", "there is already a goal %q", id)
	}
	f.r.Plan = append(f.r.Plan, record.Goal{ID: id, Status: record.GoalPlanned})
	return nil
}

func (f *Flow) deleteGoal(id string) error {
	for i := range f.r.Plan {
		if f.r.Plan[i].ID == id {
			f.r.Plan = append(f.r.Plan[:i:i], f.r.Plan[i+1:]...)
			return nil
		}
	}
	return problem("goal", "", "there is no goal %q", id)
}

// BlankGoal reports whether nothing has been written in a goal: no
// objective, competences, activities, resources, target date or success
// measure, and the status as new.
func BlankGoal(g record.Goal) bool {
	return strings.TrimSpace(g.Objective) == "" && len(g.Competences) == 0 && len(g.Activities) == 0 && len(g.Resources) == 0 &&
		g.TargetDate == "" && strings.TrimSpace(g.SuccessMeasure) == "" && (g.Status == "" || g.Status == record.GoalPlanned)
}

func (f *Flow) addEvidence(e *record.Evidence) error {
	if e == nil || (strings.TrimSpace(e.Description) == "" && e.File == "") {
		return problem("evidence", "give a file or say in a few words what the evidence is", "an evidence entry needs a file or a description")
	}
	ev := *e
	ev.Description = oneLine(ev.Description)
	f.r.Activity.Evidence = append(f.r.Activity.Evidence, ev)
	f.textChanged("", ev.Description+ev.File)
	return nil
}

func (f *Flow) removeEvidence(key string) error {
	n, err := strconv.Atoi(key)
	ev := f.r.Activity.Evidence
	if err != nil || n < 1 || n > len(ev) {
		return problem("evidence", "", "there is no evidence %s", key)
	}
	f.r.Activity.Evidence = append(ev[:n-1:n-1], ev[n:]...)
	return nil
}

// GoalStatuses are the statuses a goal can have, in order.
var GoalStatuses = []string{record.GoalPlanned, record.GoalInProgress, record.GoalAchieved, record.GoalDropped}

// GoalStatusLabel is how a status reads.
func GoalStatusLabel(s string) string {
	switch s {
	case record.GoalPlanned:
		return "planned"
	case record.GoalInProgress:
		return "in progress"
	case record.GoalAchieved:
		return "achieved"
	case record.GoalDropped:
		return "dropped"
	}
	return s
}

func quoted(xs []string) string {
	var out []string
	for _, x := range xs {
		out = append(out, fmt.Sprintf("%q", x))
	}
	return strings.Join(out, ", ")
}
