package review

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/textutil"
)

// ErrCancelled is returned when the reviewer declines the statement or
// the input ends before the review is finished. Nothing is written.
var ErrCancelled = errors.New("the review was not finished, so nothing was written")

// Options configure the line-based flow.
type Options struct {
	Width    int
	Today    string        // YYYY-MM-DD, the default date
	Defaults record.Review // prefilled answers (from flags or the key's name)
	NoRecord bool          // do not print the record first (already shown)
	Plan     string        // the plan decision offered first: agree, amend or not-agreed
	// Set holds the record's frameworks, for the statements and the scale
	// of the reviewer's own ratings; nil shows codes and accepts any
	// rating from 1.
	Set *framework.Set
}

// Lines runs the review as plain prompts on out, reading answers line by
// line from in. It returns what the reviewer wrote; the caller completes
// it with record.NewReview.
func Lines(in io.Reader, out io.Writer, r *record.Record, opt Options) (record.Review, error) {
	if opt.Width <= 0 {
		opt.Width = 78
	}
	p := &prompter{in: bufio.NewReader(in), out: out, width: opt.Width}
	rev := opt.Defaults
	if !opt.NoRecord {
		if err := Summary(out, r, opt.Width); err != nil {
			return rev, err
		}
	}
	p.say("\nREVIEW\nAnswer each question and press Enter. Press Enter on its own to skip a comment.")

	// Comments on needs.
	needs := Needs(r)
	existing := map[string]string{}
	for _, nc := range rev.NeedComments {
		existing[nc.Code] = nc.Comment
	}
	rev.NeedComments = nil
	for i, n := range needs {
		p.say(textutil.Wrap(NeedLine(n), opt.Width, fmt.Sprintf("\nNeed %d of %d: ", i+1, len(needs)), "  "))
		c, err := p.ask("Your comment", existing[n.Code])
		if err != nil {
			return rev, err
		}
		if c != "" {
			rev.NeedComments = append(rev.NeedComments, record.NeedComment{Code: n.Code, Comment: c})
		}
	}
	c, err := p.ask("\nOverall comments", rev.Comments)
	if err != nil {
		return rev, err
	}
	rev.Comments = c

	// The reviewer's own ratings.
	if rev.Ratings, err = p.ratings(r, rev.Ratings, opt.Set); err != nil {
		return rev, err
	}

	// The plan.
	if err := p.plan(r, &rev, opt.Plan); err != nil {
		return rev, err
	}

	// Sign-off.
	p.say("\nSIGN-OFF")
	for {
		v, err := p.ask("Your name", rev.Reviewer.Name)
		if err != nil {
			return rev, err
		}
		if v != "" {
			rev.Reviewer.Name = v
			break
		}
		p.say("  A name is needed to sign off.")
	}
	for _, f := range []struct {
		label string
		v     *string
	}{{"Your role", &rev.Reviewer.Role}, {"Your profession", &rev.Reviewer.Profession}, {"Your registration number (if any)", &rev.Reviewer.Registration}} {
		v, err := p.ask(f.label, *f.v)
		if err != nil {
			return rev, err
		}
		*f.v = v
	}
	if rev.Date == "" {
		rev.Date = opt.Today
	}
	for {
		v, err := p.choose("Date of the review (YYYY-MM-DD)", rev.Date)
		if err != nil {
			return rev, err
		}
		if _, perr := time.Parse("2006-01-02", v); perr == nil {
			rev.Date = v
			break
		}
		p.say("  Write the date as YYYY-MM-DD, for example " + opt.Today + ".")
	}
	p.say("\n" + textutil.Wrap(record.ReviewStatement, opt.Width, "  ", "  "))
	ok, err := p.yesNo("Do you confirm this statement?")
	if err != nil {
		return rev, err
	}
	if !ok {
		return rev, ErrCancelled
	}
	return rev, nil
}

// ratings asks for the reviewer's own ratings, as CODE=RATING, until an
// empty line; "list" shows every competence with the practitioner's
// answer.
func (p *prompter) ratings(r *record.Record, current []record.Rating, set *framework.Set) ([]record.Rating, error) {
	rows := RatingRows(r, set)
	if len(rows) == 0 {
		return current, nil
	}
	sc := Scale(r, set)
	p.say("\nYOUR OWN RATINGS (optional)")
	p.say(textutil.Wrap(RatingsIntro, p.width, "", ""))
	p.say(textutil.Wrap(fmt.Sprintf("Type CODE=RATING (e.g. %s=2; several separated by commas; CODE=- removes one), list to see every competence with the practitioner's rating, or press Enter to go on.", rows[0].Code), p.width, "", ""))
	out := current
	for {
		line, err := p.ask("Your ratings", "")
		if err != nil {
			return out, err
		}
		switch strings.ToLower(line) {
		case "":
			if len(out) > 0 {
				p.say(textutil.Wrap("Your ratings: "+RatingsText(out), p.width, "  ", "    "))
			}
			return out, nil
		case "list", "l", "?":
			for _, row := range rows {
				mine := ""
				for _, rt := range out {
					if rt.Code == row.Code {
						mine = "; yours: " + LevelText(sc, rt.Rating)
					}
				}
				p.say(textutil.Wrap(fmt.Sprintf("%s %s — practitioner: %s%s", row.Code, row.Statement, row.Self, mine), p.width, "  ", "    "))
			}
			continue
		}
		next, err := ParseRatings(line, rows, sc, out)
		if err != nil {
			p.say(textutil.Wrap(err.Error(), p.width, "  ", "  "))
			continue
		}
		out = next
		p.say(textutil.Wrap("So far: "+RatingsText(out)+". More, or Enter to go on.", p.width, "  ", "    "))
	}
}

func (p *prompter) plan(r *record.Record, rev *record.Review, planDefault string) error {
	p.say("\nTHE DEVELOPMENT PLAN")
	if len(r.Plan) == 0 {
		p.say("The record has no development plan. You can write the goals you agreed together.")
		goals, err := p.newGoals()
		if err != nil {
			return err
		}
		rev.PlanAgreed, rev.AgreedPlan = len(goals) > 0, goals
		return nil
	}
	for i, g := range r.Plan {
		GoalText(p.out, i+1, g, p.width)
	}
	def := map[string]string{record.PlanAgree: "a", record.PlanAmend: "m", record.PlanNotAgreed: "n"}[planDefault]
	if def == "" {
		def = "a"
	}
	for {
		v, err := p.choose("Agree the plan as written (a), amend it (m), or not agreed (n)", def)
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "a", "agree":
			rev.PlanAgreed, rev.AgreedPlan = true, nil
			return nil
		case "n", "not agreed", "not-agreed":
			rev.PlanAgreed, rev.AgreedPlan = false, nil
			return nil
		case "m", "amend":
			goals, err := p.amend(r.Plan)
			if err != nil {
				return err
			}
			rev.PlanAgreed, rev.AgreedPlan = true, goals
			return nil
		}
		p.say("  Type a, m or n.")
	}
}

func (p *prompter) amend(plan []record.Goal) ([]record.Goal, error) {
	var out []record.Goal
	for i, g := range plan {
		p.say(textutil.Wrap(g.Objective, p.width, fmt.Sprintf("\nGoal %d: ", i+1), "  "))
		for {
			v, err := p.choose("Keep (k), edit (e) or drop (d)", "k")
			if err != nil {
				return nil, err
			}
			switch strings.ToLower(v) {
			case "k", "keep":
				out = append(out, g)
			case "d", "drop":
			case "e", "edit":
				eg, err := p.editGoal(g)
				if err != nil {
					return nil, err
				}
				out = append(out, eg)
			default:
				p.say("  Type k, e or d.")
				continue
			}
			break
		}
	}
	more, err := p.newGoals()
	return append(out, more...), err
}

func (p *prompter) editGoal(g record.Goal) (record.Goal, error) {
	v, err := p.ask("Objective", g.Objective)
	if err != nil {
		return g, err
	}
	if v != "" {
		g.Objective = v
	}
	if g.TargetDate, err = p.date("Target date (YYYY-MM-DD)", g.TargetDate); err != nil {
		return g, err
	}
	for {
		v, err := p.ask("Status (planned, in-progress, achieved, dropped)", g.Status)
		if err != nil {
			return g, err
		}
		switch v {
		case "", record.GoalPlanned, record.GoalInProgress, record.GoalAchieved, record.GoalDropped:
			g.Status = v
			return g, nil
		}
		p.say("  Type planned, in-progress, achieved or dropped.")
	}
}

func (p *prompter) newGoals() ([]record.Goal, error) {
	var out []record.Goal
	for {
		obj, err := p.ask("\nAdd a goal: its objective (Enter when there are no more)", "")
		if err != nil {
			return nil, err
		}
		if obj == "" {
			return out, nil
		}
		g := record.Goal{Objective: obj, Status: record.GoalPlanned}
		if g.TargetDate, err = p.date("Target date (YYYY-MM-DD, Enter for none)", ""); err != nil {
			return nil, err
		}
		if g.SuccessMeasure, err = p.ask("How you will both know it is done (Enter to skip)", ""); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
}

func (p *prompter) date(label, def string) (string, error) {
	for {
		v, err := p.ask(label, def)
		if err != nil {
			return "", err
		}
		if v == "" {
			return "", nil
		}
		if _, perr := time.Parse("2006-01-02", v); perr == nil {
			return v, nil
		}
		p.say("  Write the date as YYYY-MM-DD.")
	}
}

type prompter struct {
	in    *bufio.Reader
	out   io.Writer
	width int
}

func (p *prompter) say(s string) { fmt.Fprintln(p.out, s) }

// ask prints a prompt (with the default in brackets) and reads one line.
// An empty answer keeps the default; "-" clears it.
func (p *prompter) ask(label, def string) (string, error) {
	return p.read(label, def, true)
}

// choose is ask for an answer that cannot be left empty (a choice, the
// review's date): Enter keeps the default, and "- to clear" is not offered.
func (p *prompter) choose(label, def string) (string, error) {
	return p.read(label, def, false)
}

func (p *prompter) read(label, def string, clearable bool) (string, error) {
	switch {
	case def != "" && clearable:
		fmt.Fprintf(p.out, "%s [%s] (- to clear): ", label, textutil.Truncate(oneLine(def), 40, "…"))
	case def != "":
		fmt.Fprintf(p.out, "%s [%s]: ", label, textutil.Truncate(oneLine(def), 40, "…"))
	default:
		fmt.Fprintf(p.out, "%s: ", label)
	}
	line, err := p.in.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		if errors.Is(err, io.EOF) {
			fmt.Fprintln(p.out)
			return "", ErrCancelled
		}
		return "", err
	}
	// Arrow and function keys pressed at the prompt are not words.
	line = strings.TrimSpace(textutil.StripTyped(line))
	switch {
	case line == "":
		return def, nil
	case line == "-" && clearable:
		return "", nil
	}
	return line, nil
}

func (p *prompter) yesNo(label string) (bool, error) {
	for {
		v, err := p.ask(label+" (y/n)", "")
		if err != nil {
			return false, err
		}
		switch strings.ToLower(v) {
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		p.say("  Type y or n.")
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
