package interop

import (
	"slices"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// folder handles the children of an entry (or of the document) that sits
// above the domain level.
func (ft *fitter) folder(owner *Node, children []*Node, path []*Node) {
	for i := 0; i < len(children); {
		c := children[i]
		switch hc := ft.h(c); {
		case hc >= 3:
			ft.folded = append(ft.folded, ft.code[c])
			ft.rep.Placements = append(ft.rep.Placements, Placement{Source: c.ID, Role: RoleFolded})
			ft.folder(c, c.Children, append(path[:len(path):len(path)], c))
			i++
		case hc == 2:
			ft.domain(c, path)
			i++
		default:
			j := i
			for j < len(children) && ft.h(children[j]) <= 1 {
				j++
			}
			ft.madeDomain(owner, path, children[i:j])
			i = j
		}
	}
}

func (ft *fitter) pathTitle(path []*Node, last string) string {
	var parts []string
	for _, p := range path {
		parts = append(parts, ft.label(p))
	}
	if last != "" {
		parts = append(parts, last)
	}
	return strings.Join(parts, " › ")
}

// pathDescription describes the folded levels above a domain the first
// time a domain is made under them.
func (ft *fitter) pathDescription(path []*Node) []string {
	var out []string
	for _, p := range path {
		if ft.described[p] {
			continue
		}
		ft.described[p] = true
		if d := p.description(); d != "" {
			out = append(out, ft.label(p)+": "+d)
		}
	}
	return out
}

func (ft *fitter) domain(n *Node, path []*Node) {
	d := &framework.Domain{Code: ft.takeOwn(n), Title: ft.pathTitle(path, ft.label(n)), GuideTitle: n.GuideTitle}
	ft.placed(n, d.Code)
	desc := ft.pathDescription(path)
	if own := n.description(); own != "" {
		desc = append(desc, own)
	}
	d.Description = strings.Join(desc, "\n\n")
	ft.f.Domains = append(ft.f.Domains, d)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Source: n.ID, Code: d.Code, Role: RoleDomain})
	ft.areas(d, n, n.Children)
}

// madeDomain makes a domain for a run of entries that sit directly under
// an entry above the domain level (or under the document).
func (ft *fitter) madeDomain(owner *Node, path []*Node, run []*Node) {
	d := &framework.Domain{}
	if owner == nil {
		d.Code = ft.unique(ft.rootCode)
		d.Title = ft.f.ShortTitle
	} else {
		d.Code = ft.takeOwn(owner)
		d.Title = ft.pathTitle(path, "")
	}
	d.Description = strings.Join(ft.pathDescription(path), "\n\n")
	ft.madeLevel(owner, d.Code)
	ft.synthDomains = append(ft.synthDomains, d.Code)
	ft.f.Domains = append(ft.f.Domains, d)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Code: d.Code, Role: RoleDomain})
	ft.areas(d, owner, run)
}

// takeOwn returns n's code the first time a level is made from n and a
// fresh code made from it afterwards.
func (ft *fitter) takeOwn(n *Node) string {
	if !ft.own[n] {
		ft.own[n] = true
		return ft.code[n]
	}
	return ft.unique(ft.code[n])
}

// areas fills a domain from the entries under it: entries with children
// become areas; runs of entries without children are gathered into an
// area named after owner.
func (ft *fitter) areas(d *framework.Domain, owner *Node, children []*Node) {
	for i := 0; i < len(children); {
		c := children[i]
		if ft.h(c) == 1 {
			ft.area(d, c)
			i++
			continue
		}
		j := i
		for j < len(children) && ft.h(children[j]) == 0 {
			j++
		}
		ft.madeArea(d, owner, children[i:j])
		i = j
	}
}

func (ft *fitter) area(d *framework.Domain, n *Node) {
	a := &framework.Area{Code: ft.takeOwn(n), Title: ft.label(n), Description: n.description(), Expect: ft.expect(n, ft.label(n)), Domain: d}
	ft.placed(n, a.Code)
	d.Areas = append(d.Areas, a)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Source: n.ID, Code: a.Code, Role: RoleArea, Parent: d.Code})
	for _, c := range n.Children {
		ft.competence(a, c)
	}
}

func (ft *fitter) madeArea(d *framework.Domain, owner *Node, leaves []*Node) {
	a := &framework.Area{Domain: d}
	if owner == nil {
		a.Code = ft.unique(ft.rootCode)
		a.Title = ft.f.ShortTitle
	} else {
		a.Code = ft.takeOwn(owner)
		a.Title = ft.label(owner)
	}
	a.Expect = ft.expect(nil, a.Title)
	ft.madeLevel(owner, a.Code)
	ft.synthAreas = append(ft.synthAreas, a.Code)
	d.Areas = append(d.Areas, a)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Code: a.Code, Role: RoleArea, Parent: d.Code})
	for _, c := range leaves {
		ft.competence(a, c)
	}
}

func (ft *fitter) expect(n *Node, title string) string {
	if n != nil && strings.TrimSpace(n.Expect) != "" {
		return collapse(n.Expect)
	}
	ft.expectDefaulted++
	return "This area covers: " + strings.TrimRight(title, ".") + "."
}

func (ft *fitter) competence(a *framework.Area, n *Node) {
	c := &framework.Competence{Code: ft.takeOwn(n), Statement: n.statement(), Items: n.Items, Tags: n.Tags, Area: a}
	c.Crosswalk = append(c.Crosswalk, n.Links...)
	if c.Statement == "" {
		c.Statement = c.Code
		ft.emptyStatements = append(ft.emptyStatements, c.Code)
	}
	// The source's short name (Moodle) or abbreviated statement (CASE)
	// becomes the title, unless it only repeats the statement or is the
	// statement cut off.
	if t := collapse(n.Title); t != "" && !isTruncationOf(t, c.Statement) {
		c.Title = t
	}
	ft.placed(n, c.Code)
	if slices.Contains(framework.Kinds, n.Kind) {
		c.Kind = n.Kind
		ft.kindFromSource++
	} else {
		c.Kind = ft.opt.DefaultKind
		ft.kindDefaulted++
	}
	a.Competences = append(a.Competences, c)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Source: n.ID, Code: c.Code, Role: RoleCompetence, Parent: a.Code})
}

// placed records that n became the domain, area or competence code.
func (ft *fitter) placed(n *Node, code string) {
	if ft.nodeOf == nil {
		ft.nodeOf = map[string]*Node{}
	}
	ft.nodeOf[code] = n
	if n.Entry != nil {
		n.Entry.Code = code
	}
}

// madeLevel records a domain or area the import made under owner (nil:
// the document), for the origin: export leaves it out and writes what it
// holds under owner.
func (ft *fitter) madeLevel(owner *Node, code string) {
	e := &framework.OriginEntry{Code: code, Made: true}
	if owner != nil && owner.Entry != nil {
		e.Parent = owner.Entry.ID
	}
	ft.made = append(ft.made, e)
}
