package interop

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// Formats this package reads and writes.
const (
	FormatMoodleCSV = "moodle-csv"
	FormatCASEJSON  = "case-json"
)

// Formats lists the supported formats.
var Formats = []string{FormatMoodleCSV, FormatCASEJSON}

// FormatName is a format's name for people.
func FormatName(format string) string {
	switch format {
	case FormatMoodleCSV:
		return "Moodle competency framework CSV"
	case FormatCASEJSON:
		return "CASE CFPackage JSON"
	}
	return format
}

// Node is one entry of an imported hierarchy: a Moodle competency or a
// CASE CFItem, before it is fitted to reflect's levels.
type Node struct {
	ID     string // the source's identifier (Moodle id number, CASE identifier)
	Code   string // the human-readable code as the source writes it
	Title  string // a short label (Moodle short name, CASE abbreviatedStatement)
	Text   string // the full statement, as plain text
	Items  []*framework.Item
	Notes  string
	Expect string   // a "what you can expect" line, when the source has one
	Kind   string   // a reflect kind, when the source names one
	Tags   []string // valid reflect tags
	// Links are crosswalk links to competences of other frameworks (a CASE
	// exactMatchOf or isRelatedTo to a loaded framework's code).
	Links []*framework.Link
	// GuideTitle is a domain's plain title for the guide (reflect's own
	// exports only).
	GuideTitle string
	// rationale is the rationale of each crosswalk link from this item, by
	// target code, from reflect's lines in a CASE item's notes.
	rationale map[string]string
	Where     string // where the node is in the source, for messages ("line 12")
	// Entry is the node's record in the framework's origin: the source's
	// identifier and fields, verbatim.
	Entry *framework.OriginEntry

	Children []*Node
}

// label is the node's short name for titles.
func (n *Node) label() string {
	if t := collapse(n.Title); t != "" {
		return t
	}
	if t := collapse(n.Text); t != "" {
		return t
	}
	return n.Code
}

// statement is the node's full text for a competence statement.
func (n *Node) statement() string {
	if t := strings.TrimSpace(n.Text); t != "" {
		return t
	}
	return collapse(n.Title)
}

// description is what a domain or area built from the node says beyond
// its title: the full text when it differs from the title, then the notes.
func (n *Node) description() string {
	var parts []string
	if t := strings.TrimSpace(n.Text); t != "" && normalise(t) != normalise(n.label()) {
		parts = append(parts, t)
	}
	if t := strings.TrimSpace(n.Notes); t != "" {
		parts = append(parts, t)
	}
	return strings.Join(parts, "\n\n")
}

// Source is a whole imported file as a tree, with the framework-level
// facts it states.
type Source struct {
	Format      string
	File        string // the name shown in messages and in the provenance notice
	ID          string // a framework id, when the file carries reflect's own
	IDHint      string // the source's own id for the framework (Moodle id number), to make an id from
	Title       string
	ShortTitle  string
	Version     string
	Creator     string
	Publisher   string
	Description string
	Population  string
	Commission  string
	Published   string
	URL         string // the publisher's page for the framework
	Licence     string
	Scale       *framework.Scale
	Provenance  *framework.Provenance // when the file was written by reflect
	Review      *framework.Review     // when the file was written by reflect
	Guide       *framework.Guide      // when the file was written by reflect
	Roots       []*Node
	// Origin is the file's record for the framework's origin: its layout,
	// the document and every entry in file order (the readers fill it;
	// Fit adds the codes, the levels it made and the digests).
	Origin *framework.Origin
	// How says in one line how the file was read ("a Moodle competency
	// framework CSV, 14 columns, header in French").
	How string

	// Notes are what the reader noticed, assumed or could not carry over.
	Notes []Note
	// Count is the number of competencies or items the file holds (not
	// counting the framework row or the document).
	Count int
}

func (s *Source) notef(cat Category, format string, args ...any) {
	s.Notes = append(s.Notes, Note{Cat: cat, Text: clean(fmt.Sprintf(format, args...))})
}

// Category groups report notes.
type Category int

// Report note categories, in the order they are shown.
const (
	CatStructure Category = iota // how the hierarchy was fitted
	CatDefault                   // values that had to be assumed: review them
	CatCodes                     // every id that had to change to become a code
	CatDropped                   // what could not be carried over
	CatInfo                      // other things worth knowing
)

// Heading is the category's heading in a report.
func (c Category) Heading() string {
	switch c {
	case CatStructure:
		return "How the levels were fitted"
	case CatDefault:
		return "Assumed — review these"
	case CatCodes:
		return "Ids changed to fit reflect's codes (letters, digits, dots, hyphens, underscores; at most 40 characters) — the file's own ids are kept for export"
	case CatDropped:
		return "Not carried over"
	}
	return "Also noted"
}

// Note is one line of an import or export report.
type Note struct {
	Cat  Category
	Text string
}

// normalise lower-cases text and collapses its white space, for comparing.
func normalise(s string) string { return strings.ToLower(collapse(s)) }

// liftUnreached returns roots followed by the node of every entry (in the
// entries' order) that cannot be reached from roots, so that no entry is
// lost: its parent is outside the file, or its parents form a loop. lifted
// is called for an entry before its node is added, to detach it from its
// parent and note why; the nodes under it are then reached through it, so
// each loop is broken once. The Moodle and CASE readers share it.
func liftUnreached[E any](roots []*Node, entries []E, node func(E) *Node, lifted func(E)) []*Node {
	reached := map[*Node]bool{}
	var stack []*Node
	mark := func(n *Node) { // iterative: a file may be a chain thousands deep
		stack = append(stack[:0], n)
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if reached[n] {
				continue
			}
			reached[n] = true
			stack = append(stack, n.Children...)
		}
	}
	for _, n := range roots {
		mark(n)
	}
	for _, e := range entries {
		n := node(e)
		if reached[n] {
			continue
		}
		lifted(e)
		roots = append(roots, n)
		mark(n)
	}
	return roots
}

// MaxDepth is the deepest hierarchy an import reads: the levels under the
// document, the competences included. Real frameworks have two to seven;
// a deeper file is refused, naming its entries beyond the limit, rather
// than folded into domain titles nobody could read.
const MaxDepth = 64

// checkDepth refuses a tree deeper than MaxDepth, naming the first entries
// (in file order) one level beyond it. It walks the tree without
// recursion, once.
func checkDepth(file string, roots []*Node, inFileOrder func(yield func(*Node))) error {
	depth := map[*Node]int{}
	type item struct {
		n *Node
		d int
	}
	var stack []item
	for _, r := range roots {
		stack = append(stack, item{r, 1})
	}
	deepest := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, seen := depth[it.n]; seen {
			continue
		}
		depth[it.n] = it.d
		deepest = max(deepest, it.d)
		for _, c := range it.n.Children {
			stack = append(stack, item{c, it.d + 1})
		}
	}
	if deepest <= MaxDepth {
		return nil
	}
	var beyond []string
	first := 0
	inFileOrder(func(n *Node) {
		if depth[n] == MaxDepth+1 {
			if len(beyond) == 0 {
				first = lineOf(n.Where)
			}
			beyond = append(beyond, n.Where+" ("+clean(n.label0())+")")
		}
	})
	return depthProblem(file, deepest, first, beyond)
}

// precheckDepth refuses a file deeper than MaxDepth before the work of
// reading its text: parents[i] is the index of entry i's parent, or -1 at
// the top (or when the parent is not in the file). Entries whose parents
// form a loop are left to the full check after the loop is broken. It
// walks each chain once, without recursion.
func precheckDepth(file string, parents []int, where func(i int) (place, label string)) error {
	depth := make([]int32, len(parents)) // 0: not yet; -1: on the current walk; -2: in or under a loop
	deepest := int32(0)
	var walk []int
	for i := range parents {
		walk = walk[:0]
		j := i
		for j >= 0 && depth[j] == 0 {
			depth[j] = -1
			walk = append(walk, j)
			j = parents[j]
		}
		d := int32(0) // the depth above the walk
		switch {
		case j >= 0 && depth[j] > 0:
			d = depth[j]
		case j >= 0: // a loop, or under one
			d = -2
		}
		for k := len(walk) - 1; k >= 0; k-- {
			if d == -2 {
				depth[walk[k]] = -2
				continue
			}
			d++
			depth[walk[k]] = d
			deepest = max(deepest, d)
		}
	}
	if deepest <= MaxDepth {
		return nil
	}
	var beyond []string
	first := 0
	for i, d := range depth {
		if d == MaxDepth+1 {
			place, label := where(i)
			if len(beyond) == 0 {
				first = lineOf(place)
			}
			beyond = append(beyond, place+" ("+clean(label)+")")
		}
	}
	return depthProblem(file, int(deepest), first, beyond)
}

func depthProblem(file string, deepest, line int, beyond []string) error {
	return yamlx.Problems{{File: file, Line: line,
		Msg: fmt.Sprintf("the hierarchy is %d levels deep; reflect reads frameworks up to %d levels deep, and %s at level %d: %s",
			deepest, MaxDepth, plural(len(beyond), "entry is", "entries are"), MaxDepth+1, listSome(beyond, 5)),
		Hint: "check the parent of each entry: a file this deep is usually a chain made by mistake (each row naming the one before as its parent)"}}
}

// lineOf reads the line number out of a "line 12" place; 0 otherwise.
func lineOf(where string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(where, "line "))
	return n
}

// removeNode returns list without n, in a new slice.
func removeNode(list []*Node, n *Node) []*Node {
	out := list[:0:0]
	for _, x := range list {
		if x != n {
			out = append(out, x)
		}
	}
	return out
}
