package framework_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// renamed is mini.yaml with its id and code prefix changed, and each edit
// applied in turn (an edit that does not apply fails the test).
func renamed(t *testing.T, id, prefix string, edits ...[2]string) *framework.Framework {
	t.Helper()
	f, probs := renamedP(t, id, prefix, edits...)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return f
}

// renamedP is renamed, returning the parse problems rather than failing.
func renamedP(t *testing.T, id, prefix string, edits ...[2]string) (*framework.Framework, yamlx.Problems) {
	t.Helper()
	data := bytes.ReplaceAll(readMini(t), []byte("MINI."), []byte(prefix+"."))
	data = bytes.Replace(data, []byte("id: mini"), []byte("id: "+id), 1)
	for _, e := range edits {
		if !bytes.Contains(data, []byte(e[0])) {
			t.Fatalf("%s: fixture does not contain %q", id, e[0])
		}
		data = bytes.Replace(data, []byte(e[0]), []byte(e[1]), 1)
	}
	return framework.Parse(id+".yaml", data)
}

// under adds YAML lines to a competence, after its statement line.
func under(statement, lines string) [2]string {
	return [2]string{statement, statement + "\n" + lines}
}

const (
	stmtAsk   = "            statement: An ability to ask directly and calmly about thoughts of suicide"
	stmtForms = "            statement: An ability to draw on knowledge of the many forms distress can take"
	stmtJudge = "            statement: An ability to judge when to involve a colleague or another service"
)

func link(code, typ, why string) string {
	return "            crosswalk:\n              - code: " + code + "\n                type: " + typ + "\n                rationale: " + why
}

func crosswalkSet(t *testing.T, fws ...*framework.Framework) (*framework.Set, yamlx.Problems) {
	t.Helper()
	return framework.NewSet(fws...)
}

func TestTypedCrosswalk(t *testing.T) {
	b := renamed(t, "b", "B", under(stmtAsk, link("A.2.1.1", "exact", "Both are asking directly about suicide.")),
		under(stmtJudge, link("A.2.1.2", "close", "The same judgement, for staff without clinical training.")))
	c := renamed(t, "c", "C", under(stmtAsk, link("B.2.1.1", "exact", "Asking directly, as in B.")),
		under(stmtForms, link("A.1.1.1", "related", "Both are about what distress looks like.")))
	a := renamed(t, "a", "A")
	set, probs := crosswalkSet(t, a, b, c)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	// Exact links make one group: A–B written in b, B–C written in c.
	want := []string{"A.2.1.1", "B.2.1.1", "C.2.1.1"}
	for _, code := range want {
		if got := set.ExactGroup(code); !reflect.DeepEqual(got, want) {
			t.Errorf("ExactGroup(%s) = %v, want %v", code, got, want)
		}
	}
	if got := set.SameAs("A.2.1.1"); !reflect.DeepEqual(got, []string{"B.2.1.1", "C.2.1.1"}) {
		t.Errorf("SameAs(A.2.1.1) = %v: the group is transitive", got)
	}
	// Close and related links never share an answer and show both ways.
	if got := set.SameAs("A.2.1.2"); got != nil {
		t.Errorf("a close link shares an answer: SameAs(A.2.1.2) = %v", got)
	}
	if got := set.Related("A.2.1.2"); len(got) != 1 || got[0].Code != "B.2.1.2" || got[0].Type != framework.LinkClose || !strings.Contains(got[0].Rationale, "without clinical training") {
		t.Errorf("Related(A.2.1.2) = %+v", got)
	}
	if got := set.Related("A.1.1.1"); len(got) != 1 || got[0].Code != "C.1.1.1" || got[0].Type != framework.LinkRelated {
		t.Errorf("Related(A.1.1.1) = %+v", got)
	}
	// Each link is listed once, with where it was written.
	links := set.Crosswalk()
	if len(links) != 4 {
		t.Fatalf("Crosswalk() has %d links, want 4: %+v", len(links), links)
	}
	l, ok := set.Link("A.2.1.1", "B.2.1.1")
	if !ok || l.From != "B.2.1.1" || l.To != "A.2.1.1" || l.Type != "exact" || l.File != "b.yaml" || l.Pos.Line == 0 || l.Legacy {
		t.Errorf("Link(A.2.1.1, B.2.1.1) = %+v, %v", l, ok)
	}
	if len(set.ExactGroups()) != 1 {
		t.Errorf("ExactGroups() = %v", set.ExactGroups())
	}
}

func TestLegacySameAsIsExact(t *testing.T) {
	a := renamed(t, "a", "A")
	b := renamed(t, "b", "B", under(stmtAsk, "            same_as: [A.2.1.1]"))
	set, probs := crosswalkSet(t, a, b)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := set.SameAs("A.2.1.1"); !reflect.DeepEqual(got, []string{"B.2.1.1"}) {
		t.Errorf("SameAs(A.2.1.1) = %v", got)
	}
	if l, ok := set.Link("B.2.1.1", "A.2.1.1"); !ok || !l.Legacy || l.Type != framework.LinkExact {
		t.Errorf("legacy link = %+v, %v", l, ok)
	}
	if got := b.Competence("B.2.1.1").ExactCodes(); !reflect.DeepEqual(got, []string{"A.2.1.1"}) {
		t.Errorf("ExactCodes = %v", got)
	}
}

func TestCrosswalkProblems(t *testing.T) {
	tests := []struct {
		name string
		fws  func(t *testing.T) []*framework.Framework
		want []string
	}{
		{"unknown type", func(t *testing.T) []*framework.Framework {
			return []*framework.Framework{renamed(t, "a", "A"), renamed(t, "b", "B", under(stmtAsk, link("A.2.1.1", "exakt", "x")))}
		}, []string{`b.yaml:`, `crosswalk link to A.2.1.1 has type "exakt"`, `did you mean "exact"?`}},
		{"unknown code", func(t *testing.T) []*framework.Framework {
			return []*framework.Framework{renamed(t, "a", "A"), renamed(t, "b", "B", under(stmtAsk, link("A.2.1.9", "close", "x")))}
		}, []string{`crosswalk refers to "A.2.1.9"`, `did you mean "A.2.1.1"?`}},
		{"same framework", func(t *testing.T) []*framework.Framework {
			return []*framework.Framework{renamed(t, "a", "A", under(stmtAsk, link("A.2.1.2", "related", "x")))}
		}, []string{`crosswalk refers to "A.2.1.2" in the same framework`}},
		{"linked twice", func(t *testing.T) []*framework.Framework {
			return []*framework.Framework{renamed(t, "a", "A"), renamed(t, "b", "B", under(stmtAsk, link("A.2.1.1", "close", "x")+"\n              - code: A.2.1.1\n                type: related"))}
		}, []string{"links to A.2.1.1 twice"}},
		{"both forms", func(t *testing.T) []*framework.Framework {
			return []*framework.Framework{renamed(t, "a", "A"), renamed(t, "b", "B", under(stmtAsk, link("A.2.1.1", "exact", "x")+"\n            same_as: [A.2.1.1]"))}
		}, []string{"links to A.2.1.1 twice", "not both"}},
		{"types disagree", func(t *testing.T) []*framework.Framework {
			return []*framework.Framework{
				renamed(t, "a", "A", under(stmtAsk, link("B.2.1.1", "close", "x"))),
				renamed(t, "b", "B", under(stmtAsk, link("A.2.1.1", "exact", "y")))}
		}, []string{"b.yaml:", "the link to A.2.1.1 is typed exact here, but close at a.yaml:"}},
		{"two of one framework in an exact group", func(t *testing.T) []*framework.Framework {
			// B.2.1.1 = A.2.1.1 and B.2.1.2 = A.2.1.1: A.2.1.1 would answer for two of B's.
			return []*framework.Framework{renamed(t, "a", "A"),
				renamed(t, "b", "B", under(stmtAsk, link("A.2.1.1", "exact", "x")), under(stmtJudge, link("A.2.1.1", "exact", "y")))}
		}, []string{`the exact link to A.2.1.1 would make B.2.1.2 and B.2.1.1, both in framework "b", share one answer (B.2.1.2 = A.2.1.1 = B.2.1.1)`, "make one of these links close or related"}},
		{"a longer chain", func(t *testing.T) []*framework.Framework {
			// A.1.1.1 = B.1.1.1 = C.1.1.1 = A.2.1.1 closes a ring through three files.
			return []*framework.Framework{renamed(t, "a", "A", under(stmtForms, link("B.1.1.1", "exact", "x"))),
				renamed(t, "b", "B", under(stmtForms, link("C.1.1.1", "exact", "y"))),
				renamed(t, "c", "C", under(stmtForms, link("A.2.1.1", "exact", "z")))}
		}, []string{"c.yaml:", "would make A.1.1.1 and A.2.1.1", "A.1.1.1 = B.1.1.1 = C.1.1.1 = A.2.1.1"}},
		{"close inside an exact group", func(t *testing.T) []*framework.Framework {
			return []*framework.Framework{renamed(t, "a", "A", under(stmtAsk, link("B.2.1.1", "exact", "x"))),
				renamed(t, "b", "B", under(stmtAsk, link("C.2.1.1", "exact", "y"))),
				renamed(t, "c", "C", under(stmtAsk, link("A.2.1.1", "close", "z")))}
		}, []string{"the close link to A.2.1.1 contradicts the exact links that already make them share one answer (A.2.1.1 = B.2.1.1 = C.2.1.1)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fws []*framework.Framework
			var probs yamlx.Problems
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic: %v", r)
					}
				}()
				fws = tt.fws(t)
			}()
			_, probs = crosswalkSet(t, fws...)
			if len(probs) == 0 {
				t.Fatal("no problems reported")
			}
			all := probs.Error()
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems do not mention %q:\n%s", w, all)
				}
			}
			for _, p := range probs {
				if p.Line == 0 {
					t.Errorf("problem without a position: %v", p)
				}
			}
		})
	}
}

func TestCrosswalkLinkNeedsAType(t *testing.T) {
	_, probs := renamedP(t, "b", "B", under(stmtAsk, "            crosswalk:\n              - code: A.2.1.1"))
	if !strings.Contains(probs.Error(), `missing required field "type"`) {
		t.Errorf("a link without a type is accepted: %v", probs)
	}
}

func TestReviewAndGuideChecked(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string
	}{
		{"review date", "scale:\n", "review:\n  last_reviewed: 2026-13-01\n  covered: everything\n  next_due: 2027-12\nscale:\n", `review last_reviewed "2026-13-01" is not a date`},
		{"review order", "scale:\n", "review:\n  last_reviewed: 2026-12-01\n  covered: everything\n  next_due: 2026-11\n", "is not after last_reviewed"},
		{"review missing", "scale:\n", "review:\n  last_reviewed: 2026-12-01\n  next_due: 2027-12\nscale:\n", `missing required field "covered"`},
		{"guide help twice", "scale:\n", "guide:\n  help:\n    - name: Samaritans\n      text: Call 116 123.\n    - name: samaritans\n      text: Again.\nscale:\n", `guide help "samaritans" is listed twice`},
		{"help without text", "scale:\n", "guide:\n  help:\n    - name: Samaritans\nscale:\n", `missing required field "text"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all := problemsFor(t, mutate(t, tt.old, tt.new)).Error()
			if !strings.Contains(all, tt.want) {
				t.Errorf("problems do not mention %q:\n%s", tt.want, all)
			}
		})
	}
	// A complete review and guide are accepted.
	ok := mutate(t, "scale:\n", "review:\n  last_reviewed: 2026-12-01\n  covered: the law\n  next_due: 2027-12\nguide:\n  intro: Hello.\n  help:\n    - name: Samaritans\n      text: Call 116 123.\n  speak_up: Tell us.\n  notice: Written for tests.\nscale:\n")
	if probs := problemsFor(t, ok); len(probs) > 0 {
		t.Errorf("a valid review and guide are refused: %v", probs)
	}
}
