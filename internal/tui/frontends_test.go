package tui

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/answers"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/cpd"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/linemode"
	"github.com/reflect-cpd/reflect/internal/record"
)

// The same answers, given through the three front ends of the one
// reflection flow (internal/cpd): the full screen (this model, driven by
// keys), line mode (typed lines) and an answers file. The records they
// make must be the same, timestamps aside: one set of steps, one set of
// checks, one list of fields.

func frontendPlan(t *testing.T) (*framework.Set, *assessment.Session, *record.Record) {
	t.Helper()
	set := newSet(t, loadMini(t, "mini", "MINI"))
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := assessment.NewSession(plan)
	r := record.New("r-00000000000000ab", fixedNow, record.Tool{Name: "reflect", Version: "test"}, plan)
	return set, s, r
}

func fakeHash(path string) (record.Evidence, error) {
	return record.Evidence{File: filepath.Base(path), SHA256: strings.Repeat("ab", 32), Size: 1234}, nil
}

func goalIDs() func() string {
	n := 0
	return func() string { n++; return "g-frontend" + itoa(n) }
}

const (
	feNote      = "Asked with a colleague present"
	feNature    = "A self-assessment against the competences, in a quiet week in the emergency department."
	feLearned   = "That asking directly and calmly opens the conversation."
	feChanged   = "I now ask at every assessment where distress is present."
	feCode      = "It keeps people safe and puts them first."
	feBenefit   = "People are asked calmly and feel heard."
	feObjective = "Ask directly about suicide with confidence"
	feSuccess   = "My supervisor observes two conversations"
)

const feAnswers = `frameworks: [{id: mini, profile: specialist}]
practitioner: {name: Sam Patel, profession: Emergency department nurse, setting: Emergency department, regulator: NMC, registration: 12A3456E}
answers:
  MINI.1.1.1: 2
  MINI.1.1.2: 3
  MINI.1.2.1: {na: not-my-role}
  MINI.2.1.1: {rating: 1, flag: true, note: "` + feNote + `"}
  MINI.2.1.2: 3
reflection:
  focus: [FOCUS]
  sections:
    nature: "` + feNature + `"
    learned: "` + feLearned + `"
    changed: "` + feChanged + `"
    code: "` + feCode + `"
benefit: "` + feBenefit + `"
standards: {nmc: [prioritise-people, preserve-safety]}
plan:
  - {objective: "` + feObjective + `", competences: [MINI.2.1.1], activities: [Role-play in supervision, Read NG225],
     resources: [mini-reading], target_date: "2026-09-30", success_measure: "` + feSuccess + `", status: in-progress}
activity:
  title: "TITLE"
  start_date: "2026-03-02"
  end_date: "2026-03-03"
  hours: 2
  participatory_hours: 1
  type: supervision
  evidence: [{file: cert.pdf, description: Certificate}, {description: Supervision notes}]
confirm_anonymised: true
`

func TestTheThreeFrontEndsMakeTheSameRecord(t *testing.T) {
	// 1. The full screen.
	set, s1, r1 := frontendPlan(t)
	hs := newHarness(t, set, 100, 40, func(o *Options) {
		o.Session, o.Record, o.Start, o.HashFile, o.NewGoalID = s1, r1, nil, fakeHash, goalIDs()
	})
	hs.keys("enter")                              // the welcome
	hs.keys("2", "3", "n", "enter")               // 1.1.1, 1.1.2, N/A for 1.2.1 (not my role)
	hs.keys("f", "e", "type:"+feNote, "tab", "1") // 2.1.1: flag, note, rating
	hs.keys("3")                                  // 2.1.2: the last; the summary opens
	hs.keys("r")
	hs.keys("type:Sam Patel", "tab", "type:Emergency department nurse", "tab", "tab", "type:Emergency department", "tab", "type:NMC", "tab", "type:12A3456E", "tab")
	hs.keys("enter", "enter") // model: the suggested NMC reflective account; focus: the suggestion
	hs.keys("type:"+feNature, "tab", "type:"+feLearned, "tab", "type:"+feChanged, "tab", "type:"+feCode, "tab")
	hs.keys("type:"+feBenefit, "tab")
	hs.keys("space", "down", "down", "space", "enter") // standards
	hs.keys("enter", "type:"+feObjective, "tab", "enter", "space", "enter", "tab",
		"type:Role-play in supervision\nRead NG225", "tab", "enter", "space", "enter", "tab",
		"type:2026-09-30", "tab", "type:"+feSuccess, "tab", "right", "esc")
	hs.keys("down", "down", "enter")                                                             // plan: Continue
	hs.keys("tab", "tab", "tab", "backspace", "type:3", "tab", "type:2", "tab", "type:1", "tab") // activity
	hs.keys("down", "down", "down", "down", "down", "down", "enter")                             // type: clinical supervision
	hs.keys("enter", "type:cert.pdf", "tab", "type:Certificate", "tab")                          // a file
	hs.keys("up", "enter", "type:Supervision notes", "tab", "enter")                             // a description; Continue
	hs.keys("y")
	if !hs.m.finished {
		t.Fatalf("the full screen did not finish:\n%s", hs.view())
	}
	r1.Sync(s1, fixedNow)

	// 2. Line mode.
	_, s2, r2 := frontendPlan(t)
	var out bytes.Buffer
	in := strings.Join([]string{
		"2", "3", "n", "1", "flag", "note " + feNote, "1", "3", "done", "yes",
		"Sam Patel", "Emergency department nurse", "", "Emergency department", "NMC", "12A3456E",
		"", "", // model, focus
		feNature, ".", feLearned, ".", feChanged, ".", feCode, ".", feBenefit, ".",
		"1 3",
		feObjective, "1", "Role-play in supervision", "Read NG225", ".", "1", "2026-09-30", feSuccess, "2", "no",
		"", "", "", "2026-03-03", "2", "1",
		"7", // type: clinical supervision
		"cert.pdf", "Certificate", "Supervision notes", "",
		"yes"}, "\n") + "\n"
	res, err := linemode.Run(linemode.Options{In: strings.NewReader(in), Out: &out, Session: s2, Record: r2,
		Now: func() time.Time { return fixedNow }, HashFile: fakeHash, NewGoalID: goalIDs(),
		Save: func() error { r2.Sync(s2, fixedNow); return nil }})
	if err != nil || !res.Finished {
		t.Fatalf("line mode: %+v %v\n%s", res, err, out.String())
	}

	// 3. The answers file.
	_, s3, r3 := frontendPlan(t)
	focus := strings.Join(r1.Reflection.Focus, ", ")
	src := strings.NewReplacer("FOCUS", focus, "TITLE", r1.Activity.Title).Replace(feAnswers)
	af, probs := answers.Parse("a.yaml", []byte(src))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if _, probs := af.Apply(s3, r3, answers.Env{Now: func() time.Time { return fixedNow }, HashFile: fakeHash, NewGoalID: goalIDs()}); len(probs) > 0 {
		t.Fatal(probs)
	}
	r3.Sync(s3, fixedNow)
	cpd.Settle(r3)

	want := comparable(t, r3)
	for name, r := range map[string]*record.Record{"full screen": r1, "line mode": r2} {
		if got := comparable(t, r); got != want {
			t.Errorf("the %s made a different record from the answers file:\n%s", name, diffLines(got, want))
		}
	}
	if r3.Status != record.StatusComplete || len(r3.Plan) != 1 || len(r3.Activity.Evidence) != 2 || r3.Practitioner.Registration != "12A3456E" || r3.Activity.Type != "supervision" {
		t.Errorf("the record is not the full one the answers describe: %+v", r3)
	}
}

// comparable is the record as JSON with what may differ between runs
// (times, the resume position) taken out.
func comparable(t *testing.T, r *record.Record) string {
	t.Helper()
	c := *r
	c.Created, c.Updated, c.Position = time.Time{}, time.Time{}, ""
	c.Anonymisation.At = time.Time{}
	b, err := json.MarshalIndent(&c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			out = append(out, "  got:  "+a, "  want: "+b)
		}
	}
	return strings.Join(out, "\n")
}
