package framework

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// The crosswalk joins competences of different frameworks. Each link has
// a type:
//
//   - exact links join competences that are the same; they make groups in
//     which one answer serves every member (a person who works across
//     populations answers it once). A group holds at most one competence
//     of each framework, or one answer would stand for two different
//     competences of the same framework.
//   - close and related links are pointers only: shown beside a
//     competence, in curriculum coverage and in compare, never sharing an
//     answer. They are not transitive.
//
// A link is written once, under either of its ends, and counts both ways.
// The older same_as form is read as exact links without a rationale.

// CrosswalkLink is one link between competences of two frameworks.
type CrosswalkLink struct {
	// From is the competence the link is written under; To the other end.
	From, To  string
	Type      string
	Rationale string
	// Legacy is true for a link written in the untyped same_as form.
	Legacy bool
	File   string
	Pos    yamlx.Pos
}

// LinkedTo is a crosswalk link seen from one of its ends.
type LinkedTo struct {
	Code      string
	Type      string
	Rationale string
}

type crosswalk struct {
	links  []CrosswalkLink
	byPair map[[2]string]int   // ordered pair of codes → index in links
	group  map[string][]string // code → its exact group, sorted (shared slice)
	groups [][]string          // every exact group, in order of first link
	near   map[string][]LinkedTo
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func (s *Set) linkCrosswalk() yamlx.Problems {
	// Size the tables up front: this runs at every start-up.
	n := 0
	for _, f := range s.list {
		for _, c := range f.Competences() {
			n += len(c.Crosswalk) + len(c.SameAs)
		}
	}
	cw := crosswalk{links: make([]CrosswalkLink, 0, n), byPair: make(map[[2]string]int, n), group: make(map[string][]string, n), near: make(map[string][]LinkedTo, n)}
	var probs yamlx.Problems
	problem := func(file string, pos yamlx.Pos, hint, format string, args ...any) {
		probs = append(probs, yamlx.Problem{File: file, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	add := func(f *Framework, c *Competence, l *Link, legacy bool) {
		pos := l.Pos
		if pos.IsZero() {
			pos = c.Pos
		}
		field := "crosswalk"
		if legacy {
			field = "same_as"
		}
		target, ok := s.competences[l.Code]
		switch {
		case l.Code == "" || !slices.Contains(LinkTypes, l.Type):
			return // Validate reports these
		case !ok:
			hint := "check the code, or load the framework it belongs to"
			if sug := yamlx.Suggest(l.Code, s.codes()); sug != "" {
				hint = fmt.Sprintf("did you mean %q?", sug)
			}
			problem(f.File, pos, hint, "competence %s: %s refers to %q, which is not a competence in any loaded framework", c.Code, field, l.Code)
			return
		case s.owner[l.Code] == f:
			problem(f.File, pos, "crosswalk links join competences in different frameworks", "competence %s: %s refers to %q in the same framework", c.Code, field, l.Code)
			return
		}
		key := pairKey(c.Code, target.Code)
		if i, dup := cw.byPair[key]; dup {
			prev := cw.links[i]
			if prev.Type != l.Type {
				problem(f.File, pos, "give each pair of competences one link type",
					"competence %s: the link to %s is typed %s here, but %s at %s", c.Code, target.Code, l.Type, prev.Type, where(prev.File, prev.Pos))
			}
			return
		}
		cw.byPair[key] = len(cw.links)
		cw.links = append(cw.links, CrosswalkLink{From: c.Code, To: target.Code, Type: l.Type, Rationale: l.Rationale, Legacy: legacy, File: f.File, Pos: pos})
	}
	for _, f := range s.list {
		for _, c := range f.Competences() {
			for _, l := range c.Crosswalk {
				if l != nil {
					add(f, c, l, false)
				}
			}
			for _, code := range c.SameAs {
				add(f, c, &Link{Code: code, Type: LinkExact}, true)
			}
		}
	}
	probs = append(probs, s.exactGroups(&cw)...)
	for _, l := range cw.links {
		if l.Type == LinkExact {
			continue
		}
		if g := cw.group[l.From]; g != nil && slices.Contains(g, l.To) {
			problem(l.File, l.Pos, "remove this link, or make the exact links that join them close or related",
				"competence %s: the %s link to %s contradicts the exact links that already make them share one answer (%s)", l.From, l.Type, l.To, strings.Join(g, " = "))
			continue
		}
		cw.near[l.From] = append(cw.near[l.From], LinkedTo{Code: l.To, Type: l.Type, Rationale: l.Rationale})
		cw.near[l.To] = append(cw.near[l.To], LinkedTo{Code: l.From, Type: l.Type, Rationale: l.Rationale})
	}
	for k, v := range cw.near {
		sort.Slice(v, func(i, j int) bool {
			if v[i].Type != v[j].Type {
				return typeRank(v[i].Type) < typeRank(v[j].Type)
			}
			return v[i].Code < v[j].Code
		})
		cw.near[k] = v
	}
	s.crosswalk = cw
	return probs
}

func typeRank(t string) int { return slices.Index(LinkTypes, t) }

func where(file string, pos yamlx.Pos) string {
	if pos.IsZero() {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, pos.Line, pos.Col)
}

// exactGroups joins the exact links into groups, refusing any link that
// would put two competences of one framework into the same group.
func (s *Set) exactGroups(cw *crosswalk) yamlx.Problems {
	var probs yamlx.Problems
	parent := make(map[string]string, 2*len(cw.links))
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	members := make(map[string][]string, len(cw.links)) // root → codes
	var accepted []CrosswalkLink                        // for explaining refusals
	var order []string                                  // roots in order of first link
	for _, l := range cw.links {
		if l.Type != LinkExact {
			continue
		}
		ra, rb := find(l.From), find(l.To)
		if ra == rb {
			continue
		}
		for _, r := range []string{ra, rb} {
			if members[r] == nil {
				members[r] = []string{r}
				order = append(order, r)
			}
		}
		if a, b, clash := s.sameFramework(members[ra], members[rb]); clash {
			adj := map[string][]string{}
			for _, x := range accepted {
				adj[x.From] = append(adj[x.From], x.To)
				adj[x.To] = append(adj[x.To], x.From)
			}
			path := linkPath(adj, a, l.From, l.To, b)
			probs = append(probs, yamlx.Problem{File: l.File, Line: l.Pos.Line, Col: l.Pos.Col,
				Msg: fmt.Sprintf("competence %s: the exact link to %s would make %s and %s, both in framework %q, share one answer (%s)",
					l.From, l.To, a, b, s.owner[a].ID, strings.Join(path, " = ")),
				Hint: "an exact group holds one competence of each framework: make one of these links close or related"})
			continue
		}
		accepted = append(accepted, l)
		parent[rb] = ra
		members[ra] = append(members[ra], members[rb]...)
		delete(members, rb)
	}
	for _, r := range order {
		g, ok := members[r]
		if !ok {
			continue
		}
		sort.Strings(g)
		cw.groups = append(cw.groups, g)
		for _, c := range g {
			cw.group[c] = g
		}
	}
	return probs
}

// sameFramework finds a competence in a and one in b from the same framework.
func (s *Set) sameFramework(a, b []string) (string, string, bool) {
	// Groups are small (a competence per framework), so compare pairs.
	for _, x := range a {
		fx := s.owner[x]
		for _, y := range b {
			if s.owner[y] == fx {
				return x, y, true
			}
		}
	}
	return "", "", false
}

// linkPath is the chain of exact links from a to b through the link
// from–to that is being added: a … from = to … b (or the other way round).
func linkPath(adj map[string][]string, a, from, to, b string) []string {
	p1, p2 := bfs(adj, a, from), bfs(adj, to, b)
	if p1 == nil || p2 == nil {
		p1, p2 = bfs(adj, a, to), bfs(adj, from, b)
	}
	if p1 == nil || p2 == nil {
		return []string{a, b}
	}
	return append(p1, p2...)
}

func bfs(adj map[string][]string, from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if x == to {
			var path []string
			for ; x != ""; x = prev[x] {
				path = append(path, x)
			}
			slices.Reverse(path)
			return path
		}
		for _, y := range adj[x] {
			if _, seen := prev[y]; !seen {
				prev[y] = x
				queue = append(queue, y)
			}
		}
	}
	return nil
}

// SameAs returns the competences that share an answer with code: the
// other members of its exact group, sorted. Close and related links are
// not included (see Related).
func (s *Set) SameAs(code string) []string {
	g := s.crosswalk.group[code]
	if len(g) == 0 {
		return nil
	}
	out := make([]string, 0, len(g)-1)
	for _, c := range g {
		if c != code {
			out = append(out, c)
		}
	}
	return out
}

// ExactGroup returns the exact group code belongs to, itself included and
// sorted, or nil when it has no exact link.
func (s *Set) ExactGroup(code string) []string { return s.crosswalk.group[code] }

// ExactGroups returns every exact group, each sorted.
func (s *Set) ExactGroups() [][]string { return s.crosswalk.groups }

// Related returns code's close and related links, in both directions:
// close first, then related, each sorted by code. They never share an
// answer.
func (s *Set) Related(code string) []LinkedTo { return s.crosswalk.near[code] }

// Crosswalk returns every crosswalk link once, in the order the
// frameworks and their competences were given.
func (s *Set) Crosswalk() []CrosswalkLink { return s.crosswalk.links }

// Link returns the link written between a and b, in either direction.
func (s *Set) Link(a, b string) (CrosswalkLink, bool) {
	i, ok := s.crosswalk.byPair[pairKey(a, b)]
	if !ok {
		return CrosswalkLink{}, false
	}
	return s.crosswalk.links[i], true
}
