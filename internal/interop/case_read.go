package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// CASE association types reflect reads.
const (
	assocChildOf    = "ischildof"
	assocExactMatch = "exactmatchof"
	assocRelated    = "isrelatedto"
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
	if err := checkSize(file, data); err != nil {
		return nil, err
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
	wrapped := false
	if inner := asObj(pkg["CFPackage"]); inner != nil {
		pkg, wrapped = inner, true
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
	src.How = "a CASE CFPackage"
	if v := doc.str("caseVersion"); v != "" {
		src.How += " (CASE " + v + ")"
	}
	if wrapped {
		src.How += `, wrapped in {"CFPackage": …}`
	}
	src.Origin = &framework.Origin{Format: FormatCASEJSON, File: clean(filepath.Base(file)), Layout: src.How, Document: caseEntry(doc)}
	if wrapped {
		src.Origin.Document.Fields.Set(caseWrapped, "true")
	}
	for _, k := range []string{"CFDefinitions", "CFRubrics"} {
		if v, ok := pkg[k]; ok {
			src.Origin.Document.JSON.Set(casePackage+k, jsonText(v))
		}
	}
	if err := precheckCASEDepth(file, data, wrapped, doc, pkg); err != nil {
		return nil, err
	}
	r := &caseReader{src: src, doc: doc, pkg: pkg, known: known, byKey: map[string]*caseItem{}, byURI: map[string]*caseItem{}}
	r.document()
	r.items()
	if err := r.hierarchy(); err != nil {
		return nil, err
	}
	r.scale()
	return src, nil
}

// precheckCASEDepth refuses a package deeper than MaxDepth from its items'
// identifiers and isChildOf associations alone, before any statement is
// read. It resolves links by identifier only, as the reader does first, so
// it never finds a chain the reader would not.
func precheckCASEDepth(file string, data []byte, wrapped bool, doc, pkg obj) error {
	items := pkg.list("CFItems")
	index := map[string]int{}
	for i, v := range items {
		if o := asObj(v); o != nil {
			if k := strings.ToLower(o.str("identifier")); k != "" {
				if _, dup := index[k]; !dup {
					index[k] = i
				}
			}
		}
	}
	docID := strings.ToLower(doc.str("identifier"))
	parents := make([]int, len(items))
	for i := range parents {
		parents[i] = -1
	}
	placed := make([]bool, len(items))
	for _, v := range pkg.list("CFAssociations") {
		a := asObj(v)
		if a == nil || !strings.EqualFold(strings.TrimSpace(a.str("associationType")), assocChildOf) {
			continue
		}
		from, _ := a.link("originNodeURI")
		to, _ := a.link("destinationNodeURI")
		c, ok := index[strings.ToLower(from.Identifier)]
		if !ok || from.Identifier == "" || placed[c] {
			continue
		}
		t := strings.ToLower(to.Identifier)
		if t == docID && t != "" {
			placed[c] = true
			continue
		}
		if p, ok := index[t]; ok && t != "" {
			placed[c] = true
			if p != c {
				parents[c] = p
			}
		}
	}
	first := -1
	err := precheckDepth(file, parents, func(i int) (string, string) {
		if first < 0 {
			first = i
		}
		o := asObj(items[i])
		return fmt.Sprintf("CFItems[%d]", i), firstNonEmpty(o.str("humanCodingScheme"), o.str("identifier"))
	})
	// Say where in the file the first entry beyond the limit starts.
	var probs yamlx.Problems
	if errors.As(err, &probs) && len(probs) == 1 && first >= 0 {
		if off := elementOffset(data, wrapped, "CFItems", first); off >= 0 {
			probs[0].Line, probs[0].Col = offsetLineCol(data, off)
		}
	}
	return err
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// Keys of a CASE origin's document for what is not the CFDocument's own.
const (
	casePackage = "CFPackage."        // CFPackage.CFDefinitions, CFPackage.CFRubrics: the package's other parts
	caseWrapped = "CFPackage.wrapped" // "true" when the file wrapped the package in {"CFPackage": …}
)

// caseEntry is a CASE object's origin record: its identifier, its text
// properties verbatim and the others as JSON, in name order.
func caseEntry(o obj) *framework.OriginEntry {
	e := &framework.OriginEntry{ID: originText(rawStr(o["identifier"]))}
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "identifier" {
			continue
		}
		if s, ok := o[k].(string); ok {
			e.Fields.Set(clean(k), originText(s))
		} else {
			e.JSON.Set(clean(k), jsonText(o[k]))
		}
	}
	return e
}

// rawStr is a JSON value as text when it is a string.
func rawStr(v any) string {
	s, _ := v.(string)
	return s
}

// jsonText encodes a decoded JSON value again (numbers as they were
// written, since the reader keeps them as json.Number).
func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return originText(strings.TrimSuffix(b.String(), "\n"))
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
	// groupings are the CFAssociationGroupings' titles by identifier
	// (lower case), made when first needed.
	groupings map[string]string
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
	var types tally
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
		rationale, rest := splitCrosswalkNotes(o.str("notes"))
		notes := paragraphs(rest)
		expect, notes := splitExpect(notes)
		n := &Node{ID: o.str("identifier"), Code: o.str("humanCodingScheme"), Title: collapse(o.str("abbreviatedStatement")),
			Text: strings.Join(rt.Paras, "\n\n"), Items: rt.Items, Notes: strings.Join(notes, "\n\n"), Expect: expect, Where: where, rationale: rationale}
		if src.Provenance != nil { // reflect writes a domain's plain title for the guide there
			n.GuideTitle = collapse(o.str("alternativeLabel"))
		}
		if n.ID == "" {
			n.ID = key
		}
		typ := o.str("CFItemType")
		if l, ok := o.link("CFItemTypeURI"); ok && typ == "" {
			typ = l.Title
		}
		if typ != "" {
			types.add(typ)
			n.Kind = kindWords[strings.ToLower(strings.TrimSpace(typ))]
		}
		for _, kw := range o.strs("conceptKeywords") {
			if k, ok := kindWords[strings.ToLower(kw)]; ok && n.Kind == "" {
				n.Kind = k
				continue
			} else if ok && k == n.Kind {
				continue
			}
			if t := Slug(kw, 60); framework.ValidID(t) && !slices.Contains(n.Tags, t) {
				n.Tags = append(n.Tags, t)
				tagged++
			}
		}
		n.Entry = caseEntry(o)
		src.Origin.Entries = append(src.Origin.Entries, n.Entry)
		ci := &caseItem{o: o, key: key, node: n, idx: i}
		r.list = append(r.list, ci)
		r.byKey[key] = ci
		if u := o.str("uri"); u != "" {
			r.byURI[u] = ci
		}
	}
	src.Count = len(r.list)
	if len(types.order) > 0 {
		src.notef(CatInfo, "item types: %s", types)
	}
	src.noteCases(CatDefault, noID, "item has", "items have",
		"%s no identifier; %s given one from %s position", itThey(len(noID)), itsTheir(len(noID)))
	src.noteCases(CatDropped, dupID, "item repeats", "items repeat",
		"%s an identifier already used by an earlier item and %s left out", wasWere(len(dupID)))
	if tagged > 0 {
		src.notef(CatDefault, "%s became tags (lower-case, hyphenated)", plural(tagged, "concept keyword", "concept keywords"))
	}
}

// tally counts names in the order they first turn up, for notes such as
// "item types: Standard 12, Cluster 3".
type tally struct {
	order []string
	n     map[string]int
}

func (t *tally) add(name string) {
	if t.n[name] == 0 {
		if t.n == nil {
			t.n = map[string]int{}
		}
		t.order = append(t.order, name)
	}
	t.n[name]++
}

func (t tally) String() string {
	parts := make([]string, len(t.order))
	for i, name := range t.order {
		parts[i] = fmt.Sprintf("%s %d", name, t.n[name])
	}
	return strings.Join(parts, ", ")
}
