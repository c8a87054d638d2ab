package interop

import (
	"errors"
	"fmt"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Options steer an import.
type Options struct {
	// ID is the framework id to give the result; when empty it is taken
	// from the file (reflect's own exports) or made from the title.
	ID string
	// Prefix, when set, is put before every code ("OECD" makes
	// "analytical-thinking" into "OECD.analytical-thinking"), and starts
	// the codes made for entries that have none.
	Prefix string
	// DefaultKind is the kind given to competences whose source names
	// none: knowledge unless set.
	DefaultKind string
	// Known reports whether a code names a competence in a framework
	// loaded beside the import, so that equivalence links to it can become
	// same_as links. Nil means none is known.
	Known func(code string) bool
}

// Placement records where one source entry went.
type Placement struct {
	Source string // the source's identifier; empty for a level made by the import
	Code   string // the code in the result; empty when folded
	Role   string // RoleDomain, RoleArea, RoleCompetence or RoleFolded
	Parent string // the code of the domain or area it belongs to
}

// Roles in a Placement.
const (
	RoleDomain     = "domain"
	RoleArea       = "area"
	RoleCompetence = "competence"
	RoleFolded     = "folded"
)

// Report says what an import did.
type Report struct {
	Format      string
	File        string
	How         string // how the file was read, in one line
	SourceCount int    // competencies or items in the file
	Domains     int
	Areas       int
	Competences int
	Placements  []Placement
	Notes       []Note
}

func (r *Report) notef(cat Category, format string, args ...any) {
	r.Notes = append(r.Notes, Note{Cat: cat, Text: clean(fmt.Sprintf(format, args...))})
}

// Summary is the report's first line.
func (r *Report) Summary() string {
	return fmt.Sprintf("%s (%s): %s became %s, %s and %s.", clean(r.File), FormatName(r.Format),
		plural(r.SourceCount, "entry", "entries"), plural(r.Domains, "domain", "domains"),
		plural(r.Areas, "area", "areas"), plural(r.Competences, "competence", "competences"))
}

// Lines renders the report for people, grouped by category.
func (r *Report) Lines() []string {
	out := []string{r.Summary()}
	if r.How != "" {
		out = append(out, "Read as "+r.How+".")
	}
	for cat := CatStructure; cat <= CatInfo; cat++ {
		first := true
		for _, n := range r.Notes {
			if n.Cat != cat {
				continue
			}
			if first {
				out = append(out, cat.Heading()+":")
				first = false
			}
			out = append(out, "  - "+n.Text)
		}
	}
	return out
}

// ErrEmpty is returned when a file holds no competencies at all.
var ErrEmpty = errors.New("the file holds no competencies or items to import")

// Fit turns an imported tree into a framework with reflect's three levels
// and reports what it did. The result is not yet validated against other
// frameworks; the caller does that with framework.NewSet or Set.With.
func Fit(src *Source, opt Options) (*framework.Framework, *Report, error) {
	if len(src.Roots) == 0 {
		return nil, nil, ErrEmpty
	}
	// The readers refuse deeper files; this guards the recursion below
	// for any other Source.
	if err := checkDepth(src.File, src.Roots, func(yield func(*Node)) { walkNodes(src.Roots, yield) }); err != nil {
		return nil, nil, err
	}
	ft := &fitter{src: src, opt: opt, height: map[*Node]int{}, code: map[*Node]string{}, used: map[string]bool{},
		described: map[*Node]bool{}, own: map[*Node]bool{}, rep: &Report{Format: src.Format, File: src.File, How: src.How, SourceCount: src.Count}}
	if ft.opt.DefaultKind == "" {
		ft.opt.DefaultKind = framework.KindKnowledge
	}
	ft.rep.Notes = append(ft.rep.Notes, src.Notes...)
	ft.f = ft.meta()
	ft.rootCode = ft.prefixRoot()
	ft.assignCodes(src.Roots, ft.rootCode)
	ft.folder(nil, src.Roots, nil)
	ft.finish()
	ft.origin()
	return ft.f, ft.rep, nil
}

// walkNodes calls yield for every node, in document order, without
// recursion.
func walkNodes(roots []*Node, yield func(*Node)) {
	stack := make([]*Node, 0, len(roots))
	for i := len(roots) - 1; i >= 0; i-- {
		stack = append(stack, roots[i])
	}
	seen := map[*Node]bool{}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		yield(n)
		for i := len(n.Children) - 1; i >= 0; i-- {
			stack = append(stack, n.Children[i])
		}
	}
}

type fitter struct {
	src       *Source
	opt       Options
	f         *framework.Framework
	rep       *Report
	height    map[*Node]int
	code      map[*Node]string
	used      map[string]bool
	described map[*Node]bool
	own       map[*Node]bool
	rootCode  string

	codeChanges                    []string
	generated                      []string
	made                           []*framework.OriginEntry
	nodeOf                         map[string]*Node // code → the node a domain, area or competence was made from
	folded                         []string
	synthDomains, synthAreas       []string
	kindDefaulted, kindFromSource  int
	expectDefaulted                int
	dupStatements, emptyStatements []string
}

// label is n's short name, or its code when it has no text at all.
func (ft *fitter) label(n *Node) string {
	if l := n.label(); l != "" {
		return l
	}
	return ft.code[n]
}

func (ft *fitter) h(n *Node) int {
	if v, ok := ft.height[n]; ok {
		return v
	}
	ft.height[n] = 0 // guards against cycles; readers break them first
	max := -1
	for _, c := range n.Children {
		if v := ft.h(c); v > max {
			max = v
		}
	}
	ft.height[n] = max + 1
	return max + 1
}

// finish makes statements unique, counts and writes the fitting notes.
func (ft *fitter) finish() {
	seen := map[string]string{}
	for _, c := range ft.f.Competences() {
		key := normalise(c.Title) + "\x00" + normalise(c.Statement)
		if prev, dup := seen[key]; dup {
			// Two competences reflect could not tell apart: the later one
			// gets a title naming its code. The statement stays as it is,
			// and the origin keeps the source's own short name.
			t := c.Title
			if t == "" {
				t, _ = moodleName(c.Statement)
			}
			c.Title = t + " (" + c.Code + ")"
			ft.dupStatements = append(ft.dupStatements, fmt.Sprintf("%s repeats %s", c.Code, prev))
			continue
		}
		seen[key] = c.Code
	}
	d, a, c := ft.f.Count()
	ft.rep.Domains, ft.rep.Areas, ft.rep.Competences = d, a, c
	r := ft.rep
	r.notef(CatStructure, "entries without children became competences; their parents became areas, and the areas' parents domains")
	r.noteCases(CatStructure, ft.folded, 8, "entry", "entries",
		"%s above the domain level %s folded into the domain titles (joined with ›) and descriptions", wasWere(len(ft.folded)))
	r.noteCases(CatStructure, ft.synthDomains, 8, "domain was", "domains were",
		"%s made to hold areas or competences that sit directly under a higher level")
	r.noteCases(CatStructure, ft.synthAreas, 8, "area was", "areas were",
		"%s made to hold competences that sit directly under a domain or higher")
	if ft.kindDefaulted > 0 {
		r.notef(CatDefault, "kind defaulted to %s for %s (the file does not say); set each to knowledge, skill, attitude or judgement",
			ft.opt.DefaultKind, plural(ft.kindDefaulted, "competence", "competences"))
	}
	if ft.expectDefaulted > 0 {
		r.notef(CatDefault, "%s no plain-language \"what you can expect\" line; each says \"This area covers: <title>.\" — add expect lines written for service users and carers",
			plural(ft.expectDefaulted, "area has", "areas have"))
	}
	if ft.f.Scale == nil {
		r.notef(CatDefault, "the file has no usable rating scale; reflect's default four-level scale applies")
	}
	for _, c := range ft.codeChanges {
		r.notef(CatCodes, "%s", c)
	}
	r.noteCases(CatDefault, ft.generated, 5, "entry has", "entries have",
		"%s no code; codes were made from their position under their parent")
	r.noteCases(CatDefault, ft.emptyStatements, 8, "competence has", "competences have",
		"%s no text; the code stands in as the statement")
	r.noteCases(CatDefault, ft.dupStatements, 5, "competence repeats", "competences repeat",
		"%s the title and statement of another, so reflect could not tell them apart; the later one's title names its code in brackets (the statement is unchanged, and export to the same format writes the source's own short name)")
}
