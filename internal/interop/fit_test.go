package interop

import (
	"fmt"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// parseTree reads "A(B(c d) e) F" into nodes whose code, id and title are
// the name, and whose text is "text of <name>".
func parseTree(s string) []*Node {
	var pos int
	var list func() []*Node
	list = func() []*Node {
		var out []*Node
		for pos < len(s) {
			switch s[pos] {
			case ' ':
				pos++
			case ')':
				pos++
				return out
			default:
				start := pos
				for pos < len(s) && !strings.ContainsRune(" ()", rune(s[pos])) {
					pos++
				}
				name := s[start:pos]
				n := &Node{ID: name, Code: name, Title: name, Text: "text of " + name}
				if pos < len(s) && s[pos] == '(' {
					pos++
					n.Children = list()
				}
				out = append(out, n)
			}
		}
		return out
	}
	return list()
}

// shape renders a framework as one line per domain and area.
func shape(f *framework.Framework) string {
	var b strings.Builder
	for _, d := range f.Domains {
		fmt.Fprintf(&b, "%s %q\n", d.Code, d.Title)
		for _, a := range d.Areas {
			var cs []string
			for _, c := range a.Competences {
				cs = append(cs, c.Code)
			}
			fmt.Fprintf(&b, "  %s %q: %s\n", a.Code, a.Title, strings.Join(cs, " "))
		}
	}
	return b.String()
}

func TestFitShapes(t *testing.T) {
	tests := []struct {
		name, tree, want string
	}{
		{"three levels map one to one", "D(A(c1 c2) B(c3))", `
D "D"
  A "A": c1 c2
  B "B": c3
`},
		{"a single leaf gets a domain and an area made from the document", "x", `
DOC "Doc title"
  DOC-2 "Doc title": x
`},
		{"areas at the top get a domain made from the document", "A(a1 a2) B(b1)", `
DOC "Doc title"
  A "A": a1 a2
  B "B": b1
`},
		{"deeper levels fold into domain titles", "G(P(D(A(c))))", `
D "G › P › D"
  A "A": c
`},
		{"leaves under a domain are gathered into a made area, keeping order", "D(x A(c) y z)", `
D "D"
  D-2 "D": x
  A "A": c
  D-3 "D": y z
`},
		{"mixed depths under a folded level", "F(x D(A(c)) B(b1))", `
F "F"
  F-2 "F": x
D "F › D"
  A "A": c
F-3 "F"
  B "B": b1
`},
		{"top-level mix of everything", "x D(A(c)) y", `
DOC "Doc title"
  DOC-2 "Doc title": x
D "D"
  A "A": c
DOC-3 "Doc title"
  DOC-4 "Doc title": y
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &Source{Format: FormatCASEJSON, File: "t.json", Title: "Doc title", IDHint: "DOC", Roots: parseTree(tt.tree)}
			f, rep, err := Fit(src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := shape(f); got != strings.TrimPrefix(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", got, strings.TrimPrefix(tt.want, "\n"))
			}
			if probs := framework.Validate(f); len(probs) > 0 {
				t.Errorf("not valid: %v", probs)
			}
			// Every source node is placed exactly once.
			seen := map[string]int{}
			for _, p := range rep.Placements {
				if p.Source != "" {
					seen[p.Source]++
				}
			}
			var walk func([]*Node)
			walk = func(ns []*Node) {
				for _, n := range ns {
					if seen[n.ID] != 1 {
						t.Errorf("%s placed %d times", n.ID, seen[n.ID])
					}
					walk(n.Children)
				}
			}
			walk(src.Roots)
		})
	}
}

func TestFitPrefixesGeneratesAndDefaults(t *testing.T) {
	roots := parseTree("D(A(c1 c2))")
	roots[0].Children[0].Children[1].Code = "" // no code: generated from the parent
	roots[0].Children[0].Children[0].Code = "bad code!"
	roots[0].Children[0].Children[0].Kind = framework.KindSkill
	roots[0].Children[0].Expect = "You can expect this."
	src := &Source{Format: FormatMoodleCSV, File: "x.csv", Title: "Some Title Words", Roots: roots}
	f, rep, err := Fit(src, Options{Prefix: "PX", DefaultKind: framework.KindAttitude})
	if err != nil {
		t.Fatal(err)
	}
	cs := f.Competences()
	if cs[0].Code != "PX.bad-code" || cs[1].Code != "PX.A.2" {
		t.Errorf("codes = %s, %s", cs[0].Code, cs[1].Code)
	}
	if cs[0].Kind != framework.KindSkill || cs[1].Kind != framework.KindAttitude {
		t.Errorf("kinds = %s, %s", cs[0].Kind, cs[1].Kind)
	}
	if a := f.Areas()[0]; a.Expect != "You can expect this." {
		t.Errorf("expect = %q", a.Expect)
	}
	if f.ID != "some-title-words" || f.Version != "1.0.0" || f.Provenance.Wording != framework.WordingPublisher {
		t.Errorf("meta: id %q version %q wording %q", f.ID, f.Version, f.Provenance.Wording)
	}
	if !strings.Contains(f.Provenance.Notice, "x.csv") || !strings.Contains(f.Provenance.Notice, "Nobody has checked that their licence allows you to use and share them") {
		t.Errorf("notice = %q", f.Provenance.Notice)
	}
	text := strings.Join(rep.Lines(), "\n")
	for _, want := range []string{"kind defaulted to attitude for 1 competence", `"bad code!" → PX.bad-code (characters other than letters, digits, dots, hyphens and underscores replaced; --prefix PX)`,
		`"D" → PX.D (--prefix PX)`, "1 entry has no code",
		"framework id \"some-title-words\" was made from the title", "version 1.0.0 was assumed",
		`provenance: wording "publisher", because the statements are the publisher's text, imported, and nobody has checked that their licence allows this use`} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "area has no plain-language") {
		t.Errorf("report counts a given expect line as defaulted:\n%s", text)
	}
}

func TestFitDuplicateStatementsAndEmpty(t *testing.T) {
	roots := parseTree("D(A(c1 c2 c3 c4))")
	cs := roots[0].Children[0].Children
	cs[0].Title, cs[1].Title = "", ""
	cs[1].Text = "TEXT OF   c1"                       // same as c1 once normalised, and neither has a title
	cs[3].Text, cs[3].Title = "text of c1", "Another" // the same statement, told apart by its title
	roots[0].Children[0].Children[2].Text, roots[0].Children[0].Children[2].Title = "", ""
	src := &Source{Format: FormatCASEJSON, File: "t.json", Title: "T", Roots: roots}
	f, rep, err := Fit(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := f.Competences()
	if got[1].Statement != "TEXT OF   c1" || got[1].Title != "TEXT OF c1 (c2)" || got[2].Statement != "c3" || got[3].Title != "Another" {
		t.Errorf("competences = %+v %+v %+v", *got[1], *got[2], *got[3])
	}
	if probs := framework.Validate(f); len(probs) > 0 {
		t.Errorf("not valid: %v", probs)
	}
	text := strings.Join(rep.Lines(), "\n")
	if !strings.Contains(text, "1 competence repeats the title and statement of another") || !strings.Contains(text, "c2 repeats c1") ||
		strings.Contains(text, "c4 repeats") || !strings.Contains(text, "the code stands in as the statement: c3") {
		t.Errorf("report:\n%s", text)
	}
}

func TestFitEmpty(t *testing.T) {
	if _, _, err := Fit(&Source{File: "x"}, Options{}); err != ErrEmpty {
		t.Errorf("err = %v, want ErrEmpty", err)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"OECD-CORE": "oecd-core", "  Hello, World!  ": "hello-world", "UTF8 𝑑 Test": "utf8-test", "": ""} {
		if got := Slug(in, 40); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Slug(strings.Repeat("ab ", 30), 10); len(got) > 10 || !framework.ValidID(got) {
		t.Errorf("long slug %q", got)
	}
}
