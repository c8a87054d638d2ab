package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// CASE association types reflect reads.
const (
	assocChildOf    = "ischildof"
	assocExactMatch = "exactmatchof"
)

type caseItem struct {
	o    obj
	key  string
	node *Node
	idx  int
}

type childRef struct {
	item *caseItem
	seq  int
	has  bool
	idx  int
}

// ReadCASE reads a 1EdTech CASE 1.0 or 1.1 CFPackage (CFDocument, CFItems,
// CFAssociations, CFDefinitions, CFRubrics), as a CASE server's
// /CFPackages endpoint or OpenSALT's export gives it. The hierarchy comes
// from isChildOf associations, ordered by sequenceNumber and then by their
// order in the file. known, when not nil, says which codes name
// competences in other loaded frameworks, so exactMatchOf links to them
// become same_as links.
func ReadCASE(file string, data []byte, known func(string) bool) (*Source, error) {
	if len(data) > MaxInputSize {
		return nil, yamlx.Problems{{File: file, Msg: fmt.Sprintf("the file is larger than the %d MiB this tool reads", MaxInputSize>>20)}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return nil, jsonSyntaxProblem(file, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, yamlx.Problems{{File: file, Msg: "the file holds more than one JSON value", Hint: "a CASE package is one JSON object"}}
	}
	pkg := asObj(top)
	if inner := asObj(pkg["CFPackage"]); inner != nil {
		pkg = inner
	}
	doc := asObj(pkg["CFDocument"])
	if pkg == nil || doc == nil {
		p := yamlx.Problem{File: file, Msg: "this is not a CASE package: it has no CFDocument",
			Hint: "export the whole package (CFPackages/{id} on a CASE server, or \"Export CASE JSON\" in OpenSALT)"}
		if pkg != nil && (pkg["categories"] != nil || pkg["skills"] != nil) {
			p.Msg = "this JSON is not a CASE package (it has no CFDocument)"
		}
		return nil, yamlx.Problems{p}
	}
	src := &Source{Format: FormatCASEJSON, File: file}
	r := &caseReader{src: src, doc: doc, pkg: pkg, known: known, byKey: map[string]*caseItem{}, byURI: map[string]*caseItem{}}
	r.document()
	r.items()
	r.hierarchy()
	r.scale()
	return src, nil
}

type caseReader struct {
	src    *Source
	pkg    obj
	doc    obj
	known  func(string) bool
	docID  string
	docURI string
	list   []*caseItem
	byKey  map[string]*caseItem
	byURI  map[string]*caseItem
}

func (r *caseReader) document() {
	doc, src := r.doc, r.src
	r.docID = strings.ToLower(doc.str("identifier"))
	r.docURI = doc.str("uri")
	src.Title = doc.str("title")
	src.Creator = doc.str("creator")
	src.Publisher = doc.str("publisher")
	src.Version = doc.str("version")
	src.URL = doc.str("officialSourceURL")
	if v := doc.str("caseVersion"); v != "" {
		src.notef(CatInfo, "CASE version %s", v)
	}
	var paras []string
	paras = append(paras, paragraphs(doc.str("description"))...)
	vals, notes := splitMeta(paragraphs(doc.str("notes")))
	src.applyMeta(vals)
	paras = append(paras, notes...)
	src.Description = strings.Join(paras, "\n\n")
	if l, ok := doc.link("licenseURI"); ok {
		src.Licence = r.licence(l)
	}
	if subj := doc.strs("subject"); len(subj) > 0 {
		src.notef(CatInfo, "subject: %s", strings.Join(subj, ", "))
	}
}

// licence names a licence from CFDefinitions.CFLicenses, or from the link.
func (r *caseReader) licence(l link) string {
	defs := asObj(r.pkg["CFDefinitions"])
	for _, v := range defs.list("CFLicenses") {
		lic := asObj(v)
		if lic != nil && strings.EqualFold(lic.str("identifier"), l.Identifier) && l.Identifier != "" {
			parts := []string{lic.str("title")}
			if t := collapse(lic.str("licenseText")); t != "" && len(t) < 300 {
				parts = append(parts, t)
			}
			return strings.Join(nonEmpty(parts), ": ")
		}
	}
	return strings.Join(nonEmpty([]string{l.Title, l.URI}), " ")
}

func nonEmpty(in []string) []string {
	var out []string
	for _, s := range in {
		if s = collapse(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var kindWords = map[string]string{
	"knowledge": framework.KindKnowledge, "skill": framework.KindSkill, "skills": framework.KindSkill,
	"attitude": framework.KindAttitude, "attitudes": framework.KindAttitude,
	"judgement": framework.KindJudgement, "judgment": framework.KindJudgement,
}

func (r *caseReader) items() {
	src := r.src
	var noID, dupID []string
	types := map[string]int{}
	var typeOrder []string
	tagged := 0
	for i, v := range r.pkg.list("CFItems") {
		o := asObj(v)
		if o == nil {
			src.notef(CatDropped, "CFItems[%d] is not an object and was skipped", i)
			continue
		}
		key := strings.ToLower(o.str("identifier"))
		where := fmt.Sprintf("CFItems[%d]", i)
		if key == "" {
			if l := (link{URI: o.str("uri")}); l.URI != "" {
				key = l.key()
			}
		}
		if key == "" {
			key = fmt.Sprintf("item-%d", i)
			noID = append(noID, where)
		}
		if _, dup := r.byKey[key]; dup {
			dupID = append(dupID, fmt.Sprintf("%s (%s)", o.str("identifier"), where))
			continue
		}
		rt := markdownText(o.str("fullStatement"))
		notes := paragraphs(o.str("notes"))
		expect, notes := splitExpect(notes)
		n := &Node{ID: o.str("identifier"), Code: o.str("humanCodingScheme"), Title: collapse(o.str("abbreviatedStatement")),
			Text: strings.Join(rt.Paras, "\n\n"), Items: rt.Items, Notes: strings.Join(notes, "\n\n"), Expect: expect, Where: where}
		if n.ID == "" {
			n.ID = key
		}
		typ := o.str("CFItemType")
		if l, ok := o.link("CFItemTypeURI"); ok && typ == "" {
			typ = l.Title
		}
		if typ != "" {
			if types[typ] == 0 {
				typeOrder = append(typeOrder, typ)
			}
			types[typ]++
			n.Kind = kindWords[strings.ToLower(strings.TrimSpace(typ))]
		}
		for _, kw := range o.strs("conceptKeywords") {
			if k, ok := kindWords[strings.ToLower(kw)]; ok && n.Kind == "" {
				n.Kind = k
				continue
			} else if ok && k == n.Kind {
				continue
			}
			if t := Slug(kw, 60); framework.ValidID(t) && !contains(n.Tags, t) {
				n.Tags = append(n.Tags, t)
				tagged++
			}
		}
		ci := &caseItem{o: o, key: key, node: n, idx: i}
		r.list = append(r.list, ci)
		r.byKey[key] = ci
		if u := o.str("uri"); u != "" {
			r.byURI[u] = ci
		}
	}
	src.Count = len(r.list)
	if len(typeOrder) > 0 {
		var parts []string
		for _, t := range typeOrder {
			parts = append(parts, fmt.Sprintf("%s %d", t, types[t]))
		}
		src.notef(CatInfo, "item types: %s", strings.Join(parts, ", "))
	}
	if len(noID) > 0 {
		src.notef(CatDefault, "%s no identifier; %s given one from %s position: %s", plural(len(noID), "item has", "items have"),
			itThey(len(noID)), itsTheir(len(noID)), listSome(noID, 5))
	}
	if len(dupID) > 0 {
		src.notef(CatDropped, "%s an identifier already used by an earlier item and %s left out: %s", plural(len(dupID), "item repeats", "items repeat"),
			wasWere(len(dupID)), listSome(dupID, 5))
	}
	if tagged > 0 {
		src.notef(CatDefault, "%s became tags (lower-case, hyphenated)", plural(tagged, "concept keyword", "concept keywords"))
	}
}

func itsTheir(n int) string {
	if n == 1 {
		return "its"
	}
	return "their"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

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

func (r *caseReader) hierarchy() {
	src := r.src
	var rootKids []childRef
	kids := map[*caseItem][]childRef{}
	parent := map[*caseItem]*caseItem{}
	placed := map[*caseItem]bool{}
	hasAssoc := map[*caseItem]bool{}
	outsideOnly := map[*caseItem]string{}
	var originOutside, multi, sameFramework, unknownMatch []string
	var sameAs int
	other := map[string]int{}
	var otherOrder []string
	for i, v := range r.pkg.list("CFAssociations") {
		a := asObj(v)
		if a == nil {
			continue
		}
		typ := strings.ToLower(strings.TrimSpace(a.str("associationType")))
		from, okFrom := a.link("originNodeURI")
		to, okTo := a.link("destinationNodeURI")
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
			if isDoc {
				rootKids = append(rootKids, ref)
			} else {
				kids[par] = append(kids[par], ref)
				parent[child] = par
			}
		case assocExactMatch:
			child, _ := r.resolve(from)
			if child == nil {
				continue
			}
			target, isDoc := r.resolve(to)
			code := strings.TrimSpace(to.Title)
			switch {
			case target != nil || isDoc:
				sameFramework = append(sameFramework, child.node.label0())
			case code != "" && r.known != nil && r.known(code):
				if !contains(child.node.SameAs, code) {
					child.node.SameAs = append(child.node.SameAs, code)
					sameAs++
				}
			default:
				unknownMatch = append(unknownMatch, describeLink(to))
			}
		default:
			name := a.str("associationType")
			if name == "" {
				name = "(no type)"
			}
			if other[name] == 0 {
				otherOrder = append(otherOrder, name)
			}
			other[name]++
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
	reached := map[*Node]bool{}
	var mark func(n *Node)
	mark = func(n *Node) {
		if reached[n] {
			return
		}
		reached[n] = true
		for _, c := range n.Children {
			mark(c)
		}
	}
	for _, n := range roots {
		mark(n)
	}
	var outside, orphans, loops []string
	for _, it := range r.list {
		if reached[it.node] {
			continue
		}
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
		roots = append(roots, it.node)
		mark(it.node)
	}
	src.Roots = roots
	if len(outside) > 0 {
		src.notef(CatStructure, "%s a child of something outside this package, so %s placed at the top level: %s",
			plural(len(outside), "item is", "items are"), itThey(len(outside)), listSome(outside, 5))
	}
	if len(orphans) > 0 {
		src.notef(CatStructure, "%s no isChildOf association, so %s placed at the top level, after the rest: %s",
			plural(len(orphans), "item has", "items have"), itThey(len(orphans)), listSome(orphans, 5))
	}
	if len(loops) > 0 {
		src.notef(CatStructure, "the isChildOf associations of %s form a loop; each loop was broken at the top level: %s",
			plural(len(loops), "item", "items"), listSome(loops, 5))
	}
	if len(originOutside) > 0 {
		src.notef(CatDropped, "%s a child that is not in this package: %s",
			plural(len(originOutside), "isChildOf association names", "isChildOf associations name"), listSome(originOutside, 5))
	}
	if len(multi) > 0 {
		src.notef(CatDropped, "%s more than one parent; reflect keeps each under its first parent only, so these links were left out: %s",
			plural(len(multi), "item has", "items have"), listSome(multi, 5))
	}
	if sameAs > 0 {
		src.notef(CatInfo, "%s to competences of loaded frameworks became same_as links", plural(sameAs, "exactMatchOf association", "exactMatchOf associations"))
	}
	if len(sameFramework) > 0 {
		src.notef(CatDropped, "%s between items of this package: reflect links only equivalent competences in different frameworks",
			plural(len(sameFramework), "exactMatchOf association", "exactMatchOf associations"))
	}
	if len(unknownMatch) > 0 {
		src.notef(CatDropped, "%s to things outside this package that are not competences of a loaded framework: %s",
			plural(len(unknownMatch), "exactMatchOf association points", "exactMatchOf associations point"), listSome(unknownMatch, 5))
	}
	if len(otherOrder) > 0 {
		var parts []string
		for _, t := range otherOrder {
			parts = append(parts, fmt.Sprintf("%s %d", t, other[t]))
		}
		src.notef(CatDropped, "associations of types reflect has no place for: %s", strings.Join(parts, ", "))
	}
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

var rubricScaleRE = regexp.MustCompile(`^Rating scale(?: \((.+)\))?$`)

// scale reads a rating scale from a rubric with one criterion that is tied
// to no item and has 2 to 9 levels with whole-number scores, which is how
// reflect exports its scale. Other rubrics are reported.
func (r *caseReader) scale() {
	rubrics := r.pkg.list("CFRubrics")
	var other int
	for _, v := range rubrics {
		rb := asObj(v)
		if rb == nil {
			continue
		}
		crits := rb.list("CFRubricCriteria")
		if r.src.Scale != nil || len(crits) != 1 {
			other++
			continue
		}
		c := asObj(crits[0])
		if c == nil || c["CFItemURI"] != nil {
			other++
			continue
		}
		s := rubricScale(rb, c)
		if s == nil {
			other++
			continue
		}
		r.src.Scale = s
		r.src.notef(CatInfo, "the rubric %q became the rating scale", rb.str("title"))
	}
	if other > 0 {
		r.src.notef(CatDropped, "%s not carried over (reflect reads one framework-wide rating scale)", plural(other, "rubric was", "rubrics were"))
	}
}

func rubricScale(rb, c obj) *framework.Scale {
	type lvl struct {
		pos, score  int
		label, desc string
	}
	var lv []lvl
	for i, v := range c.list("CFRubricCriterionLevels") {
		o := asObj(v)
		if o == nil {
			return nil
		}
		score, ok := o.num("score")
		if !ok || score < 1 || score > 9 {
			return nil
		}
		pos, ok := o.num("position")
		if !ok {
			pos = i
		}
		label := collapse(o.str("quality"))
		desc := collapse(o.str("description"))
		if label == "" {
			label = desc
		}
		if desc == "" {
			desc = label
		}
		if label == "" {
			return nil
		}
		lv = append(lv, lvl{pos, score, label, desc})
	}
	if len(lv) < 2 || len(lv) > 9 {
		return nil
	}
	sort.SliceStable(lv, func(i, j int) bool { return lv[i].pos < lv[j].pos })
	s := &framework.Scale{}
	if m := rubricScaleRE.FindStringSubmatch(strings.TrimSpace(rb.str("title"))); m != nil {
		s.ID = m[1]
	}
	for i, l := range lv {
		if i > 0 && l.score <= lv[i-1].score {
			return nil
		}
		s.Levels = append(s.Levels, &framework.Level{Value: l.score, Label: l.label, Descriptor: l.desc})
	}
	return s
}

func jsonSyntaxProblem(file string, data []byte, err error) error {
	p := yamlx.Problem{File: file, Msg: "the file is not valid JSON: " + err.Error(), Hint: "check that this is a CASE JSON package"}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		p.Line, p.Col = offsetLineCol(data, se.Offset)
	case errors.As(err, &te):
		p.Line, p.Col = offsetLineCol(data, te.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		p.Msg = "the file is empty or ends too early to be JSON"
	}
	return yamlx.Problems{p}
}

func offsetLineCol(data []byte, off int64) (int, int) {
	line, col := 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
