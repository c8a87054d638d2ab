package interop

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// resolve finds the item a link points at, or reports that it points at
// the document.
func (r *caseReader) resolve(l link) (item *caseItem, isDoc bool) {
	if l.Identifier != "" {
		k := strings.ToLower(l.Identifier)
		if k == r.docID {
			return nil, true
		}
		if it := r.byKey[k]; it != nil {
			return it, false
		}
		return nil, false
	}
	if l.URI != "" {
		if l.URI == r.docURI {
			return nil, true
		}
		if it := r.byURI[l.URI]; it != nil {
			return it, false
		}
	}
	k := l.key()
	if k != "" && k == r.docID {
		return nil, true
	}
	return r.byKey[k], false
}

func (r *caseReader) hierarchy() error {
	src := r.src
	var rootKids []childRef
	kids := map[*caseItem][]childRef{}
	parent := map[*caseItem]*caseItem{}
	placed := map[*caseItem]bool{}
	hasAssoc := map[*caseItem]bool{}
	outsideOnly := map[*caseItem]string{}
	var originOutside, multi, sameFramework, unknownMatch []string
	var sameAs int
	var typed tally // isRelatedTo links that became close or related crosswalk links
	var unknownRelated []string
	var other tally
	for i, v := range r.pkg.list("CFAssociations") {
		a := asObj(v)
		if a == nil {
			continue
		}
		typ := strings.ToLower(strings.TrimSpace(a.str("associationType")))
		from, okFrom := a.link("originNodeURI")
		to, okTo := a.link("destinationNodeURI")
		src.Origin.Links = append(src.Origin.Links, caseLink(a, from, to))
		switch typ {
		case assocChildOf:
			child, _ := r.resolve(from)
			if !okFrom || child == nil {
				originOutside = append(originOutside, describeLink(from))
				continue
			}
			hasAssoc[child] = true
			par, isDoc := r.resolve(to)
			if !okTo || (!isDoc && par == nil) {
				if _, seen := outsideOnly[child]; !seen {
					outsideOnly[child] = describeLink(to)
				}
				continue
			}
			if placed[child] {
				multi = append(multi, fmt.Sprintf("%s under %s", child.node.label0(), describeLink(to)))
				continue
			}
			seq, has := a.num("sequenceNumber")
			ref := childRef{item: child, seq: seq, has: has, idx: i}
			placed[child] = true
			delete(outsideOnly, child)
			if child.node.Entry != nil {
				child.node.Entry.Parent = originText(to.Identifier)
				if child.node.Entry.Parent == "" {
					child.node.Entry.Parent = originText(to.URI)
				}
			}
			if isDoc {
				rootKids = append(rootKids, ref)
			} else {
				kids[par] = append(kids[par], ref)
				parent[child] = par
			}
		case assocExactMatch, assocRelated:
			child, _ := r.resolve(from)
			if child == nil {
				if typ == assocRelated {
					other.add(a.str("associationType"))
				}
				continue
			}
			target, isDoc := r.resolve(to)
			code := strings.TrimSpace(to.Title)
			linkType := framework.LinkExact
			if typ == assocRelated {
				linkType = r.relatedType(a)
			}
			switch {
			case target != nil || isDoc:
				if typ == assocRelated {
					other.add(a.str("associationType"))
				} else {
					sameFramework = append(sameFramework, child.node.label0())
				}
			case code != "" && r.known != nil && r.known(code):
				if !slices.ContainsFunc(child.node.Links, func(l *framework.Link) bool { return l.Code == code }) {
					child.node.Links = append(child.node.Links, &framework.Link{Code: code, Type: linkType, Rationale: child.node.rationale[code]})
					if typ == assocRelated {
						typed.add(linkType)
					} else {
						sameAs++
					}
				}
			case typ == assocRelated:
				unknownRelated = append(unknownRelated, describeLink(to))
			default:
				unknownMatch = append(unknownMatch, describeLink(to))
			}
		default:
			name := a.str("associationType")
			if name == "" {
				name = "(no type)"
			}
			other.add(name)
		}
	}
	order := func(list []childRef) []*Node {
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if a.has != b.has {
				return a.has
			}
			if a.has && a.seq != b.seq {
				return a.seq < b.seq
			}
			return a.idx < b.idx
		})
		out := make([]*Node, len(list))
		for i, c := range list {
			out[i] = c.item.node
		}
		return out
	}
	for par, list := range kids {
		par.node.Children = order(list)
	}
	roots := order(rootKids)

	// Items not reachable from the document: their parents are outside the
	// package, they have no isChildOf at all, or their parents form a loop.
	var outside, orphans, loops []string
	roots = liftUnreached(roots, r.list, func(it *caseItem) *Node { return it.node }, func(it *caseItem) {
		switch {
		case !hasAssoc[it]:
			orphans = append(orphans, it.node.label0())
		case !placed[it]:
			outside = append(outside, fmt.Sprintf("%s (parent %s)", it.node.label0(), outsideOnly[it]))
		default:
			loops = append(loops, it.node.label0())
			if p := parent[it]; p != nil {
				p.node.Children = removeNode(p.node.Children, it.node)
			}
		}
	})
	if err := checkDepth(src.File, roots, func(yield func(*Node)) {
		for _, it := range r.list {
			yield(it.node)
		}
	}); err != nil {
		return err
	}
	src.Roots = roots
	src.noteCases(CatStructure, outside, "item is", "items are",
		"%s a child of something outside this package, so %s placed at the top level", itThey(len(outside)))
	src.noteCases(CatStructure, orphans, "item has", "items have",
		"%s no isChildOf association, so %s placed at the top level, after the rest", itThey(len(orphans)))
	src.noteCases(CatStructure, loops, "item", "items",
		"the isChildOf associations of %s form a loop; each loop was broken at the top level")
	src.noteCases(CatInfo, originOutside, "isChildOf association names", "isChildOf associations name",
		"%s a child that is not in this package; kept for export to CASE")
	src.noteCases(CatInfo, multi, "item has", "items have",
		"%s more than one parent; reflect places each under its first parent only, and keeps the other links for export to CASE")
	if sameAs > 0 {
		src.notef(CatInfo, "%s to competences of loaded frameworks became exact crosswalk links", plural(sameAs, "exactMatchOf association", "exactMatchOf associations"))
	}
	if len(sameFramework) > 0 {
		src.notef(CatInfo, "%s between items of this package have no place in reflect (it links only competences in different frameworks); kept for export to CASE",
			plural(len(sameFramework), "exactMatchOf association", "exactMatchOf associations"))
	}
	src.noteCases(CatInfo, unknownMatch, "exactMatchOf association points", "exactMatchOf associations point",
		"%s to things outside this package that are not competences of a loaded framework; kept for export to CASE")
	if len(typed.order) > 0 {
		src.notef(CatInfo, "isRelatedTo associations to competences of loaded frameworks became crosswalk links (%s)", typed)
	}
	src.noteCases(CatInfo, unknownRelated, "isRelatedTo association points", "isRelatedTo associations point",
		"%s to things outside this package that are not competences of a loaded framework; kept for export to CASE")
	if len(other.order) > 0 {
		src.notef(CatInfo, "associations of types reflect has no place for (%s) are kept for export to CASE", other)
	}
	return nil
}

// relatedType is the crosswalk link type of an isRelatedTo association:
// close when its CFAssociationGrouping is reflect's "close" one, related
// otherwise.
func (r *caseReader) relatedType(a obj) string {
	g, ok := a.link("CFAssociationGroupingURI")
	if !ok {
		return framework.LinkRelated
	}
	if r.groupings == nil { // the definitions' titles, once: a file may have many of both
		r.groupings = map[string]string{}
		for _, v := range asObj(r.pkg["CFDefinitions"]).list("CFAssociationGroupings") {
			if d := asObj(v); d != nil && d.str("identifier") != "" {
				r.groupings[strings.ToLower(d.str("identifier"))] = d.str("title")
			}
		}
	}
	title := g.Title
	if t, ok := r.groupings[strings.ToLower(g.Identifier)]; ok && g.Identifier != "" {
		title = t
	}
	if strings.EqualFold(strings.TrimSpace(title), caseLinkTypes[framework.LinkClose].grouping) {
		return framework.LinkClose
	}
	return framework.LinkRelated
}

// caseLink is an association's origin record.
func caseLink(a obj, from, to link) *framework.OriginLink {
	e := caseEntry(a)
	l := &framework.OriginLink{ID: e.ID, Type: originText(rawStr(a["associationType"])), From: originText(from.Identifier), To: originText(to.Identifier),
		Fields: e.Fields, JSON: e.JSON}
	if l.From == "" {
		l.From = originText(from.URI)
	}
	if l.To == "" {
		l.To = originText(to.URI)
	}
	l.Fields.Delete("associationType")
	return l
}

// label0 names a node in messages: its code, or the start of its text.
func (n *Node) label0() string {
	if n.Code != "" {
		return n.Code
	}
	t := n.label()
	if r := []rune(t); len(r) > 40 {
		t = string(r[:37]) + "..."
	}
	return fmt.Sprintf("%q", t)
}

func describeLink(l link) string {
	switch {
	case l.Title != "" && l.Identifier != "":
		return fmt.Sprintf("%q (%s)", l.Title, l.Identifier)
	case l.Title != "":
		return fmt.Sprintf("%q", l.Title)
	case l.Identifier != "":
		return l.Identifier
	case l.URI != "":
		return l.URI
	}
	return "(nothing)"
}
