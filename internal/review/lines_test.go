package review_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/review"
)

var today = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func lines(t *testing.T, input string, opt review.Options) (record.Review, string, error) {
	t.Helper()
	r := fullRecord(t)
	if opt.Width == 0 {
		opt.Width = 60
	}
	opt.Today, opt.Now = "2026-03-10", today
	if opt.View.Set == nil {
		opt.View.Set = recordtest.Mini(t)
	}
	var out strings.Builder
	rev, err := review.Lines(strings.NewReader(input), &out, r, opt)
	return rev, out.String(), err
}

// Arrow keys pressed at a prompt put escape sequences into the typed line;
// they must not end up in the signed review.
func TestLinesDropTypedEscapeSequences(t *testing.T) {
	input := "Good\x1b[D\n.\n\nOverall\x1b[A fine\n.\n\na\nSam\x1b[D\x1b[C Patel\nSupervisor\nNurse\n\n\ny\n"
	rev, out, err := lines(t, input, review.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rev.Reviewer.Name != "Sam Patel" || rev.Comments != "Overall fine" {
		t.Errorf("name %q, comments %q: want the typed words without escape sequences", rev.Reviewer.Name, rev.Comments)
	}
	if len(rev.NeedComments) == 0 || rev.NeedComments[0].Comment != "Good" {
		t.Errorf("need comments %+v", rev.NeedComments)
	}
}

// The reviewer's own ratings, line by line: "list" shows the
// competences, a bad code or a rating off the scale is explained and asked
// again, and CODE=- takes a rating back.
func TestLinesAskForTheReviewersRatings(t *testing.T) {
	r := fullRecord(t)
	set := fixtureSet(t)
	input := "\n\n\n" + "list\nMINI.9.9.9=2\nMINI.2.1.1=7\nMINI.2.1.1=2, MINI.1.1.1=3\nMINI.1.1.1=-\n\n" + "a\nSam Patel\n\n\n\n\nyes\n"
	var out strings.Builder
	rev, err := review.Lines(strings.NewReader(input), &out, r, review.Options{Width: 200, Today: "2026-03-10", View: review.View{Set: set}})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(rev.Ratings) != 1 || rev.Ratings[0] != (record.Rating{Code: "MINI.2.1.1", Rating: 2}) {
		t.Errorf("ratings %+v\n%s", rev.Ratings, out.String())
	}
	for _, want := range []string{"YOUR OWN RATINGS (optional)", "never averaged",
		"MINI.2.1.1 An ability to ask directly and calmly about thoughts of suicide — practitioner: 1 Not yet",
		"MINI.9.9.9 is not a competence this record answers", "MINI.2.1.1=7: the rating must be a level of the scale (1 to 3)",
		"So far: MINI.2.1.1=2, MINI.1.1.1=3.", "Your ratings: MINI.2.1.1=2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("want %q in\n%s", want, out.String())
		}
	}
	// Defaults from flags come through when the reviewer just presses Enter.
	input = "\n\n\n\n" + "a\nSam Patel\n\n\n\n\nyes\n"
	rev, err = review.Lines(strings.NewReader(input), io.Discard, r, review.Options{Width: 80, Today: "2026-03-10", View: review.View{Set: set},
		Defaults: record.Review{Ratings: []record.Rating{{Code: "MINI.1.1.1", Rating: 1}}}})
	if err != nil || len(rev.Ratings) != 1 || rev.Ratings[0].Rating != 1 {
		t.Errorf("defaults: %+v %v", rev.Ratings, err)
	}
}

// help, back and skip at the prompts: help is never saved as an answer,
// back goes to the question before with its answer kept, skip leaves an
// optional answer empty; the overall comment is several lines ending with
// a full stop alone.
func TestLinesHelpBackSkipAndMultiLineText(t *testing.T) {
	input := strings.Join([]string{
		"help",                    // need 1: help, not a comment
		"First need comment", ".", // need 1
		"back",                    // need 2: back to need 1
		"",                        // need 1: Enter keeps its comment
		"skip",                    // need 2: skipped
		"Line one of my comment.", // overall, first line
		"",                        // a blank line inside the text
		"Line three.", ".",        // end of the overall comment
		"",                                  // no ratings of your own
		"a",                                 // plan agreed
		"Sam Patel", "skip", "skip", "skip", // name, role, profession, registration
		"", // date: today
		"y",
	}, "\n") + "\n"
	rev, out, err := lines(t, input, review.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rev.NeedComments) != 1 || rev.NeedComments[0].Comment != "First need comment" {
		t.Errorf("need comments %+v", rev.NeedComments)
	}
	if rev.Comments != "Line one of my comment.\n\nLine three." {
		t.Errorf("overall comment %q", rev.Comments)
	}
	if !rev.PlanAgreed || rev.Reviewer.Role != "" || rev.Date != "2026-03-10" {
		t.Errorf("review %+v", rev)
	}
	for _, want := range []string{"Say what you discussed or agreed about this need", "back (the question before)", "The practitioner's note: +44 is how a number starts"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("the prompts lack %q", want)
		}
	}
	if rev.Anonymisation == nil || !rev.Anonymisation.Checked || !rev.Anonymisation.Confirmed {
		t.Errorf("the identifier check of the reviewer's words is not recorded: %+v", rev.Anonymisation)
	}
}

// A date in the future is refused at its prompt, which asks again.
func TestLinesRefuseAFutureDateAtItsPrompt(t *testing.T) {
	input := "\n\n\n\na\nSam\n\n\n\n2026-04-01\n2026-03-09\ny\n"
	rev, out, err := lines(t, input, review.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rev.Date != "2026-03-09" || !strings.Contains(out, "The date 2026-04-01 is in the future") {
		t.Errorf("date %q\n%s", rev.Date, out)
	}
}

// quit keeps what was written as a draft and says how to carry on; so does
// the input ending part way through a comment.
func TestLinesQuitKeepsADraft(t *testing.T) {
	for name, input := range map[string]string{
		"quit":      "Keep this comment\n.\n\nquit\n",
		"input end": "Keep this comment\n.\n\nHalf an overall comm",
	} {
		t.Run(name, func(t *testing.T) {
			var draft record.Review
			saved := false
			_, out, err := lines(t, input, review.Options{Resume: "reflect review alex.json --accessible",
				SaveDraft: func(rev record.Review) (string, error) { draft, saved = rev, true; return "/drafts/x.yaml", nil }})
			if err != review.ErrCancelled {
				t.Fatalf("err = %v", err)
			}
			if !saved || len(draft.NeedComments) != 1 || draft.NeedComments[0].Comment != "Keep this comment" {
				t.Fatalf("draft %+v (saved %v)", draft, saved)
			}
			if name == "input end" && draft.Comments != "Half an overall comm" {
				t.Errorf("the half-typed comment is not kept: %q", draft.Comments)
			}
			if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, "kept as a draft in /drafts/x.yaml. To carry on, run: reflect review alex.json --accessible") {
				t.Errorf("no word on the draft:\n%s", out)
			}
		})
	}
}

// Amending the plan offers every field of a goal, each checked at its own
// prompt: unknown competence codes and resource ids are refused with "did
// you mean", and the reviewer types them again.
func TestLinesAmendEveryGoalField(t *testing.T) {
	input := strings.Join([]string{
		"", "", "", "", // needs, overall, ratings
		"m",                // amend
		"e",                // goal 1: edit
		"",                 // objective kept
		"MINI.2.1.9; NOPE", // competences: refused
		"MINI.2.1.1; MINI.1.1.1",
		"Role-play; Shadow a colleague", // activities
		"mini-readin",                   // resources: refused
		"mini-reading; Team teaching",   // resources
		"2026-13-01",                    // target date: refused
		"2026-08-31",
		"Asked directly three times", // success measure
		"done",                       // status: refused
		"in-progress",
		"d",                                              // goal 2: drop
		"y",                                              // add a goal
		"Shadow a liaison nurse", "", "", "", "", "", "", // its fields: objective, then Enter through the rest
		"n",                   // no more goals
		"Sam", "", "", "", "", // sign-off
		"y",
	}, "\n") + "\n"
	rev, out, err := lines(t, input, review.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rev.PlanDecision() != record.PlanAmend || len(rev.AgreedPlan) != 2 {
		t.Fatalf("plan %+v\n%s", rev.AgreedPlan, out)
	}
	g := rev.AgreedPlan[0]
	if strings.Join(g.Competences, ",") != "MINI.2.1.1,MINI.1.1.1" || strings.Join(g.Activities, ",") != "Role-play,Shadow a colleague" ||
		strings.Join(g.Resources, ",") != "mini-reading,Team teaching" || g.TargetDate != "2026-08-31" || g.SuccessMeasure != "Asked directly three times" || g.Status != "in-progress" || g.ID != "G1" {
		t.Errorf("edited goal %+v", g)
	}
	if n := rev.AgreedPlan[1]; n.Objective != "Shadow a liaison nurse" || n.Status != record.GoalPlanned {
		t.Errorf("new goal %+v", n)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"MINI.2.1.9 is not a competence of the frameworks this record assessed (did you mean MINI.2.1.1?)",
		"NOPE is not a competence", `"mini-readin" is not a resource of the frameworks this record assessed (did you mean mini-reading?`,
		`The target date "2026-13-01" is not a date`, `The status "done" is not one of planned`} {
		if !strings.Contains(flat, want) {
			t.Errorf("the prompts do not say %q", want)
		}
	}
}

// The reviewer's words go through the practitioner's identifier check:
// findings are listed before the confirmation, "c" goes back to the comment
// at fault with everything else kept.
func TestLinesCheckTheReviewersWords(t *testing.T) {
	input := strings.Join([]string{
		"Discussed Mrs Ó Briain in bed 12, call 07700 900123", ".", // need 1
		"", "A good record.", ".", "", "a", "Sam", "", "", "", "",
		"c",                                 // change: back to need 1
		"-",                                 // clear the comment
		"", "", "", "a", "", "", "", "", "", // Enter through the rest, keeping everything
		"y",
	}, "\n") + "\n"
	rev, out, err := lines(t, input, review.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"found 3 thing(s) in your words that could identify someone", `"Mrs Ó Briain" looks like a name with a title`, `"bed 12"`, `"07700 900123"`} {
		if !strings.Contains(flat, want) {
			t.Errorf("the check does not say %q:\n%s", want, out)
		}
	}
	if len(rev.NeedComments) != 0 || rev.Comments != "A good record." || rev.Reviewer.Name != "Sam" {
		t.Errorf("after changing: %+v", rev)
	}
	if rev.Anonymisation == nil || rev.Anonymisation.Findings != 0 {
		t.Errorf("anonymisation %+v", rev.Anonymisation)
	}
}

// A finished review that fails the last check is never thrown away: the
// reviewer goes back to the field, with everything else kept.
func TestLinesLastCheckGoesBackToTheField(t *testing.T) {
	long := strings.Repeat("x", 20001)
	input := strings.Join([]string{
		long, ".", "Second need.", ".", "Overall.", ".", "", "a", "Sam", "", "", "", "", "y",
		"Shorter now.", ".", // back at need 1
		"", "", "", "", "", "", "", "", "", "y",
	}, "\n") + "\n"
	rev, out, err := lines(t, input, review.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, "The review cannot be added yet") || !strings.Contains(flat, "- the comment on MINI.2.1.1 is longer than 20000 characters") {
		t.Errorf("no word on the problem:\n%s", out[len(out)-2000:])
	}
	if len(rev.NeedComments) != 2 || rev.NeedComments[0].Comment != "Shorter now." || rev.NeedComments[1].Comment != "Second need." || rev.Comments != "Overall." {
		t.Errorf("review after going back: %+v", rev)
	}
}

func TestLinesDeclinedStatementWritesNothing(t *testing.T) {
	_, _, err := lines(t, "\n\n\n\na\nSam\n\n\n\n\nn\n", review.Options{})
	if err != review.ErrCancelled {
		t.Fatalf("err = %v", err)
	}
	_ = io.Discard
}

// A comment given beforehand (a flag, a draft) on a competence that is not
// a development need is asked like a need's, after them, so it is seen and
// can be changed; one on a code the record does not answer is shown with
// what is wrong and can be cleared. Neither is dropped unseen, and the
// review is then accepted.
func TestLinesAskCommentsGivenBeforehandOnOtherCompetences(t *testing.T) {
	given := []record.NeedComment{
		{Code: "MINI.2.1.2", Comment: "Talk about when to involve a colleague."},
		{Code: "MINI.9.9.9", Comment: "Typed under a code that does not exist."},
	}
	input := strings.Join([]string{
		"", "", // the two needs
		"",     // MINI.2.1.2: Enter keeps it
		"skip", // MINI.9.9.9: cleared
		"", "", // overall, ratings
		"a", "Sam", "", "", "", "", "y",
	}, "\n") + "\n"
	rev, out, err := lines(t, input, review.Options{Width: 200, Defaults: record.Review{NeedComments: given}})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rev.NeedComments) != 1 || rev.NeedComments[0] != given[0] {
		t.Errorf("need comments %+v", rev.NeedComments)
	}
	for _, want := range []string{
		"Another competence, 1 of 2: MINI.2.1.2 An ability to judge when to involve a colleague or another service (rated 3, not a development need)",
		"Another competence, 2 of 2: MINI.9.9.9: not a competence this record answers, so a comment on it cannot be added",
		"Typed under a code that does not exist.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "The review cannot be added yet") {
		t.Errorf("the last check failed:\n%s", out)
	}

	// Kept, the comment on the unknown code fails the last check, which
	// goes back to that very question with everything kept.
	input = strings.Join([]string{
		"First need.", ".", "", "", "", // needs and the two others: Enter keeps them
		"", "", "a", "Sam", "", "", "", "", "y",
		"-",                                      // back at MINI.9.9.9: cleared
		"", "", "a", "", "", "", "", "", "", "y", // Enter through the rest
	}, "\n") + "\n"
	rev, out, err = lines(t, input, review.Options{Width: 200, Defaults: record.Review{NeedComments: given}})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "MINI.9.9.9 is not a development need or an answered competence in this record") {
		t.Errorf("the last check did not name the code:\n%s", out)
	}
	tail := out[strings.Index(out, "The review cannot be added yet"):]
	if !strings.Contains(tail[:600], "Another competence, 2 of 2: MINI.9.9.9") {
		t.Errorf("the last check did not go back to the comment on MINI.9.9.9:\n%s", tail)
	}
	if len(rev.NeedComments) != 2 || rev.NeedComments[0].Comment != "First need." || rev.NeedComments[1] != given[0] || rev.Reviewer.Name != "Sam" {
		t.Errorf("after going back: %+v", rev)
	}
}

// A date after today is refused, however soon: tomorrow too.
func TestLinesRefuseTomorrow(t *testing.T) {
	input := "\n\n\n\na\nSam\n\n\n\n2026-03-11\n2026-03-10\ny\n"
	rev, out, err := lines(t, input, review.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rev.Date != "2026-03-10" || !strings.Contains(out, "The date 2026-03-11 is in the future") {
		t.Errorf("date %q\n%s", rev.Date, out)
	}
}

// A signal (the context cancelled) while the review waits for input stops
// it at once: what was written so far, the half-typed comment too, is
// kept as a draft, and Lines returns ErrInterrupted.
func TestLinesInterruptedKeepsADraft(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var draft record.Review
	saved := make(chan struct{})
	done := make(chan error, 1)
	var out strings.Builder
	go func() {
		_, err := review.Lines(pr, &out, fullRecord(t), review.Options{Width: 60, Today: "2026-03-10", Now: today, View: review.View{Set: recordtest.Mini(t)}, Context: ctx,
			SaveDraft: func(rev record.Review) (string, error) { draft = rev; close(saved); return "/drafts/x.yaml", nil }})
		done <- err
	}()
	io.WriteString(pw, "First need.\n.\nHalf of the second\n")
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != review.ErrInterrupted {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Lines did not stop when the context was cancelled")
	}
	<-saved
	if len(draft.NeedComments) != 2 || draft.NeedComments[0].Comment != "First need." || draft.NeedComments[1].Comment != "Half of the second" {
		t.Errorf("draft %+v", draft.NeedComments)
	}
}
