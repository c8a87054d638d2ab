package review

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/anonymise"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// ErrCancelled is returned when the reviewer quits, declines the statement
// or the input ends before the review is finished. Nothing is written (a
// draft may be kept; see Options.SaveDraft).
var ErrCancelled = errors.New("the review was not finished, so nothing was written")

// Options configure the line-based flow.
type Options struct {
	Width    int
	Today    string        // YYYY-MM-DD, the default date
	Now      time.Time     // for the checks (a review date cannot be in the future); zero: the end of Today
	Defaults record.Review // prefilled answers (from flags, the key's name or a draft)
	NoRecord bool          // do not print the record first (already shown)
	Plan     string        // the plan decision offered first: agree, amend or not-agreed
	View     View          // how the record is shown (its frameworks, the verdicts of earlier reviews)
	// SaveDraft keeps what the reviewer has written when they quit, decline
	// the statement or the input ends, and says where it was kept; nil
	// keeps nothing.
	SaveDraft func(record.Review) (string, error)
	// Resume is the command that carries on from a draft, said after quit.
	Resume string
	// Context, when cancelled (Ctrl+C, SIGTERM, a closed terminal), stops
	// the review at once, even while it waits for input: the draft is kept
	// and Lines returns ErrInterrupted.
	Context context.Context
}

// ErrInterrupted is returned when Options.Context is cancelled (a
// signal) while the review is being written: what was written so far is
// kept as a draft first (Options.SaveDraft).
var ErrInterrupted = errors.New("the review was interrupted, so nothing was written")

// Control words every prompt understands.
var (
	errBack        = errors.New("back")
	errQuit        = errors.New("quit")
	errInterrupted = errors.New("interrupted")
)

const commandsHelp = "At any question: help (this), back (the question before), skip (leave an optional answer empty), quit (stop; what you wrote is kept as a draft). Enter keeps what is shown in [brackets]; a hyphen (-) alone clears it."

// Lines runs the review as plain prompts on out, reading answers line by
// line from in, as assess line mode does: help, back, skip and quit at
// every prompt, text of several lines ending with a line holding just a
// full stop, every goal field, each value checked at its own prompt. A
// finished review is checked again as a whole (the same checks as every
// other way of reviewing: record.CheckReview with the frameworks, and the
// identifier check of the reviewer's words); anything wrong takes the
// reviewer back to that question with everything else kept. It returns
// what the reviewer wrote; the caller completes it with record.NewReview.
func Lines(in io.Reader, out io.Writer, r *record.Record, opt Options) (record.Review, error) {
	if opt.Width <= 0 {
		opt.Width = 78
	}
	if opt.Now.IsZero() {
		if t, err := time.Parse("2006-01-02", opt.Today); err == nil {
			opt.Now = t.Add(12 * time.Hour)
		} else {
			opt.Now = time.Now()
		}
	}
	f := newFlow(r, opt)
	f.p = &prompter{in: bufio.NewReader(in), out: out, width: opt.Width, ctx: opt.Context}
	if !opt.NoRecord {
		v := opt.View
		v.Width = opt.Width
		if err := Summary(out, r, v); err != nil {
			return record.Review{}, err
		}
	}
	f.p.say("\nREVIEW")
	f.p.para("Answer each question and press Enter. " + commandsHelp)
	rev, err := f.run()
	switch {
	case errors.Is(err, errQuit):
		f.keepDraft()
		return rev, ErrCancelled
	case errors.Is(err, errInterrupted):
		f.p.say("")
		f.keepDraft()
		return rev, ErrInterrupted
	}
	return rev, err
}

// step is one question of the review. field is the record.ReviewProblem
// field it answers, so that a problem found later leads back to it.
type step struct {
	field string
	run   func() error
}

// flow is the state of a line-by-line review.
type flow struct {
	r     *record.Record
	opt   Options
	p     *prompter
	needs []NeedView
	notes map[string]string

	rev      record.Review // name, role, date, comments, need comments
	comments map[string]string
	decision string // record.PlanAgree, PlanAmend, PlanNotAgreed
	plan     planState
	// anonConfirmed is the findings the reviewer confirmed identify nobody
	// (their count); -1 until asked.
	anonFindings  int
	anonConfirmed bool
	confirmed     bool
}

func newFlow(r *record.Record, opt Options) *flow {
	f := &flow{r: r, opt: opt, needs: CommentTargets(r, opt.View.Set, opt.Defaults.NeedComments), notes: map[string]string{}, comments: map[string]string{}, rev: opt.Defaults, anonFindings: -1}
	for _, a := range r.Answers {
		f.notes[a.Code] = a.Note
	}
	for _, nc := range opt.Defaults.NeedComments {
		f.comments[nc.Code] = nc.Comment
	}
	if f.rev.Date == "" {
		f.rev.Date = opt.Today
	}
	f.decision = opt.Plan
	if f.decision == "" {
		switch {
		case len(opt.Defaults.AgreedPlan) > 0:
			f.decision = record.PlanAmend
		case len(r.Plan) == 0:
			f.decision = record.PlanNotAgreed
		default:
			f.decision = record.PlanAgree
		}
	}
	base := r.Plan
	if len(opt.Defaults.AgreedPlan) > 0 {
		base = opt.Defaults.AgreedPlan
	}
	f.plan = newPlanState(base)
	return f
}

// review assembles what has been written so far.
func (f *flow) review() record.Review {
	rev := f.rev
	rev.NeedComments = nil
	for _, n := range f.needs {
		if c := f.comments[n.Code]; c != "" {
			rev.NeedComments = append(rev.NeedComments, record.NeedComment{Code: n.Code, Comment: c})
		}
	}
	switch f.decision {
	case record.PlanAgree:
		rev.PlanAgreed, rev.AgreedPlan = true, nil
	case record.PlanAmend:
		rev.AgreedPlan = f.plan.goals()
		rev.PlanAgreed = len(rev.AgreedPlan) > 0
	default:
		rev.PlanAgreed, rev.AgreedPlan = false, nil
	}
	if f.anonFindings >= 0 {
		rev.Anonymisation = &record.Anonymisation{Checked: true, Findings: f.anonFindings, Confirmed: f.anonConfirmed, At: f.opt.Now.UTC().Truncate(time.Second)}
	}
	return rev
}

// steps lists the questions as they stand: the plan's depend on what was
// chosen.
func (f *flow) steps() []step {
	var out []step
	for i, n := range f.needs {
		out = append(out, step{"needs[" + n.Code + "]", f.needStep(i, n)})
	}
	out = append(out, step{"comments", f.overallStep})
	if len(RatingRows(f.r, f.opt.View.Set)) > 0 {
		out = append(out, step{"ratings", f.ratingsStep})
	}
	out = append(out, step{"plan", f.planStep})
	if f.decision == record.PlanAmend {
		out = append(out, f.plan.steps(f)...)
	}
	out = append(out,
		step{"reviewer.name", f.lineStep("Your name", "The name you sign off with. It is needed.", &f.rev.Reviewer.Name, true)},
		step{"reviewer.role", f.lineStep("Your role (optional)", "For example: Clinical supervisor.", &f.rev.Reviewer.Role, false)},
		step{"reviewer.profession", f.lineStep("Your profession (optional)", "For example: Mental health nurse.", &f.rev.Reviewer.Profession, false)},
		step{"reviewer.registration", f.lineStep("Your registration number (optional)", "For example: NMC 12A3456B.", &f.rev.Reviewer.Registration, false)},
		step{"date", f.dateStep},
		step{"anonymisation", f.anonStep},
		step{"statement", f.statementStep},
	)
	return out
}

// run asks the questions in order, going back and forth as the reviewer
// says, then checks the whole review.
func (f *flow) run() (record.Review, error) {
	i := 0
	for {
		steps := f.steps()
		if i >= len(steps) {
			rev := f.review()
			_, probs := f.r.CheckReview(rev, f.opt.Now, f.opt.View.Set)
			if len(probs) == 0 {
				return rev, nil
			}
			f.p.say("\nThe review cannot be added yet:")
			for _, pr := range probs {
				f.p.say(textutil.Wrap(pr.String(), f.opt.Width, "  - ", "    "))
			}
			f.p.para("Everything else you wrote is kept. Taking you back to the question to change.")
			i = f.find(probs[0].Field)
			f.confirmed = false
			continue
		}
		if i < 0 {
			i = 0
		}
		err := steps[i].run()
		var j *jump
		switch {
		case errors.As(err, &j):
			i = f.find(j.field)
		case errors.Is(err, errBack):
			if i == 0 {
				f.p.say("  This is the first question.")
				continue
			}
			i--
		case err != nil:
			return f.review(), err
		default:
			i++
		}
	}
}

// find returns the index of the first step answering field (or the field
// it belongs to).
func (f *flow) find(field string) int {
	steps := f.steps()
	best := -1
	for i, s := range steps {
		if s.field == field {
			return i
		}
		if best < 0 && s.field != "" && strings.HasPrefix(field, s.field) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	// A field with no question of its own (e.g. a whole goal list): the
	// plan question.
	for i, s := range steps {
		if s.field == "plan" {
			return i
		}
	}
	return 0
}

func (f *flow) keepDraft() {
	if f.opt.SaveDraft == nil {
		return
	}
	where, err := f.opt.SaveDraft(f.review())
	if err != nil {
		f.p.para(fmt.Sprintf("Your draft could not be kept: %v", err))
		return
	}
	msg := "What you wrote is kept as a draft in " + where + "."
	if f.opt.Resume != "" {
		msg += " To carry on, run:"
	}
	f.p.para(msg)
	if f.opt.Resume != "" {
		// On a line of its own and never wrapped, so that it can be
		// copied and run as it is.
		f.p.say("  " + f.opt.Resume)
	}
}

func (f *flow) needStep(i int, n NeedView) func() error {
	return func() error {
		f.p.say(textutil.Wrap(NeedLine(n), f.opt.Width, "\n"+Heading(f.needs, i)+": ", "  "))
		if note := f.notes[n.Code]; note != "" {
			f.p.say(textutil.Wrap("The practitioner's note: "+oneLine(note), f.opt.Width, "  ", "  "))
		}
		label := "Your comment on this need (optional)"
		if n.Other {
			label = "Your comment on this competence (optional)"
		}
		v, err := f.p.text(label, "Say what you discussed or agreed about this need. It is part of the signed review, so keep it anonymous.", f.comments[n.Code])
		if kept(v, err) {
			f.comments[n.Code] = v
		}
		return err
	}
}

func (f *flow) overallStep() error {
	v, err := f.p.text("\nOverall comments (optional)", "Your comments on the record as a whole. They are part of the signed review, so keep them anonymous.", f.rev.Comments)
	if kept(v, err) {
		f.rev.Comments = v
	}
	return err
}

// ratingsStep asks for the reviewer's own ratings (calibration), as
// CODE=RATING, until Enter alone; "list" shows every competence with the
// practitioner's answer.
func (f *flow) ratingsStep() error {
	set := f.opt.View.Set
	rows := RatingRows(f.r, set)
	sc := Scale(f.r, set)
	f.p.say("\nYOUR OWN RATINGS (optional)")
	f.p.para(RatingsIntro)
	f.p.para(fmt.Sprintf("Type CODE=RATING (e.g. %s=2; several separated by commas; CODE=- removes one), list to see every competence with the practitioner's rating, or press Enter to go on.", firstCode(rows)))
	if len(f.rev.Ratings) > 0 {
		f.p.say(textutil.Wrap("So far: "+RatingsText(f.rev.Ratings)+". More, or Enter to keep them and go on.", f.opt.Width, "  ", "    "))
	}
	for {
		v, err := f.p.line("Your ratings", "Your own rating of a competence stands beside the practitioner's and is part of the signed review.", "", false, true)
		if err != nil {
			return err
		}
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "":
			if len(f.rev.Ratings) > 0 {
				f.p.say(textutil.Wrap("Your ratings: "+RatingsText(f.rev.Ratings), f.opt.Width, "  ", "    "))
			}
			return nil
		case "list", "l":
			for _, row := range rows {
				mine := ""
				if n := f.rev.RatingOf(row.Code); n > 0 {
					mine = "; yours: " + LevelText(sc, n)
				}
				f.p.say(textutil.Wrap(fmt.Sprintf("%s %s — practitioner: %s%s", row.Code, row.Statement, row.Self, mine), f.opt.Width, "  ", "    "))
			}
			continue
		}
		next, perr := ParseRatings(v, rows, sc, f.rev.Ratings)
		if perr != nil {
			f.p.say(textutil.Wrap(perr.Error(), f.opt.Width, "  ", "  "))
			continue
		}
		f.rev.Ratings = next
		f.p.say(textutil.Wrap("So far: "+RatingsText(next)+". More, or Enter to go on.", f.opt.Width, "  ", "    "))
	}
}

func (f *flow) planStep() error {
	f.p.say("\nTHE DEVELOPMENT PLAN")
	if len(f.r.Plan) == 0 {
		f.p.para("The record has no development plan. You can write the goals you agreed together.")
		def := map[string]string{record.PlanAmend: "w", record.PlanNotAgreed: "n"}[f.decision]
		if def == "" {
			def = "n"
		}
		for {
			v, err := f.p.line("Write the goals you agreed (w), or no plan agreed (n)", "w: write goals that you and the practitioner agreed; n: record that no plan was agreed.", def, false, false)
			if err != nil {
				return err
			}
			switch strings.ToLower(v) {
			case "w", "write":
				f.decision = record.PlanAmend
				return nil
			case "n", "no", "":
				f.decision = record.PlanNotAgreed
				return nil
			}
			f.p.say("  Type w or n.")
		}
	}
	for i, g := range f.r.Plan {
		GoalText(f.p.out, i+1, g, f.opt.Width)
	}
	def := map[string]string{record.PlanAgree: "a", record.PlanAmend: "m", record.PlanNotAgreed: "n"}[f.decision]
	for {
		v, err := f.p.line("Agree the plan as written (a), amend it (m), or not agreed (n)", "a: the plan as the practitioner wrote it is agreed; m: go through it goal by goal, keeping, editing or dropping each and adding new ones; n: the plan is not agreed.", def, false, false)
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "a", "agree":
			f.decision = record.PlanAgree
			return nil
		case "n", "not agreed", "not-agreed":
			f.decision = record.PlanNotAgreed
			return nil
		case "m", "amend":
			f.decision = record.PlanAmend
			return nil
		}
		f.p.say("  Type a, m or n.")
	}
}

func (f *flow) lineStep(label, help string, v *string, required bool) func() error {
	return func() error {
		if label == "Your name" {
			f.p.say("\nSIGN-OFF")
		}
		for {
			s, err := f.p.line(label, help, *v, true, !required)
			if err != nil {
				return err
			}
			if required && strings.TrimSpace(s) == "" {
				f.p.say("  This one is needed to sign off.")
				continue
			}
			if len([]rune(s)) > 200 {
				f.p.say("  That is longer than 200 characters; please shorten it.")
				continue
			}
			*v = s
			return nil
		}
	}
}

func (f *flow) dateStep() error {
	for {
		v, err := f.p.line("Date of the review (YYYY-MM-DD)", "The day the review and discussion took place: today or earlier.", f.rev.Date, false, false)
		if err != nil {
			return err
		}
		if msg := record.CheckReviewDate(v, f.opt.Now); msg != "" {
			f.p.say("  " + capitalise(msg) + ". Write it as YYYY-MM-DD, for example " + f.opt.Today + ".")
			continue
		}
		f.rev.Date = v
		return nil
	}
}

// anonStep lists what the identifier check finds in the reviewer's words
// (the same check and field list as the practitioner's) before the
// reviewer confirms; "c" goes back to the first field at fault.
func (f *flow) anonStep() error {
	rev := f.review()
	findings := Findings(f.r, rev)
	f.p.say("\nYOUR WORDS")
	if len(findings) == 0 {
		f.p.para("reflect's local check found nothing in your comments or the agreed plan that looks like a name with a title, an NHS number, a date of birth, a postcode, a phone number, an e-mail address or a ward or bed. It cannot catch everything, so read them through.")
		f.anonFindings, f.anonConfirmed = 0, true
		return nil
	}
	f.p.para(fmt.Sprintf("reflect's local check found %d thing(s) in your words that could identify someone:", len(findings)))
	for _, fd := range findings {
		f.p.say(textutil.Wrap(fmt.Sprintf("- in %s: %q looks like %s", fd.Field, fd.Excerpt, anonymise.Describe(fd.Kind)), f.opt.Width, "  ", "    "))
	}
	for {
		v, err := f.p.line("Change your words (c), or confirm that they identify no patient, service user, family member or colleague (y)", "c takes you back to the first comment the check flagged, with everything else kept; y confirms that, read in context, none of these identifies anyone.", "", false, false)
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "y", "yes":
			f.anonFindings, f.anonConfirmed = len(findings), true
			return nil
		case "c", "change":
			return &jump{field: FindingField(findings[0])}
		}
		f.p.say("  Type c or y.")
	}
}

func (f *flow) statementStep() error {
	f.p.say("\n" + textutil.Wrap(record.ReviewStatement, f.opt.Width, "  ", "  "))
	for {
		v, err := f.p.line("Do you confirm this statement? (y/n)", "y signs off the review with this statement; n stops without writing the review (what you wrote is kept as a draft).", "", false, false)
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "y", "yes":
			f.confirmed = true
			return nil
		case "n", "no":
			return errQuit
		}
		f.p.say("  Type y or n.")
	}
}

// jump is returned by a step that sends the reviewer to another question.
type jump struct{ field string }

func (j *jump) Error() string { return "go to " + j.field }

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
