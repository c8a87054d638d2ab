package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// A framework imported from a CASE package goes back to CASE from its
// origin: the items and associations of the package, with their
// identifiers, URIs, types and every other property as they were.

// caseLevelFields makes the text properties of the domain, area or
// competence code from the framework, as the plain CASE writer does.
func caseLevelFields(f *framework.Framework, code string) (map[string]string, bool) {
	if c := f.Competence(code); c != nil {
		m := map[string]string{"fullStatement": caseStatement(c), "humanCodingScheme": c.Code}
		if c.Title != "" {
			m["abbreviatedStatement"] = c.Title
		}
		return m, true
	}
	if a := f.Area(code); a != nil {
		return map[string]string{"fullStatement": a.Title, "humanCodingScheme": a.Code, "notes": areaNotes(a)}, true
	}
	if d := f.Domain(code); d != nil {
		m := map[string]string{"fullStatement": d.Title, "humanCodingScheme": d.Code}
		if s := strings.TrimSpace(d.Description); s != "" {
			m["notes"] = s
		}
		if t := collapse(d.GuideTitle); t != "" {
			m["alternativeLabel"] = t
		}
		return m, true
	}
	return nil, false
}

// caseDerivable are the item properties the framework holds.
var caseDerivable = []string{"fullStatement", "humanCodingScheme", "abbreviatedStatement", "notes", "alternativeLabel"}

// pruneCASEOrigin moves the text properties that an export makes again
// byte for byte from the items' fields to the derived ones. A property the
// framework holds in other bytes (Windows line breaks, a trailing space,
// other Markdown) stays verbatim, so that an unchanged item goes back to
// its CASE server exactly as it came and the server sees no edit.
func pruneCASEOrigin(f *framework.Framework) {
	for _, e := range f.Origin.Entries {
		if e.Code == "" || e.Made {
			continue
		}
		regen, ok := caseLevelFields(f, e.Code)
		if !ok {
			continue
		}
		for _, k := range caseDerivable {
			v, has := e.Fields.Get(k)
			r, gen := regen[k]
			if has && gen && v == r {
				derive(e, k)
			}
		}
	}
}

// jsonObject is a JSON object written with its keys in a chosen order.
type jsonObject struct {
	keys []string
	vals map[string]json.RawMessage
}

func (o *jsonObject) set(k string, v json.RawMessage) {
	if o.vals == nil {
		o.vals = map[string]json.RawMessage{}
	}
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func (o *jsonObject) setString(k, v string) { o.set(k, jsonString(v)) }

func jsonString(s string) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimRight(b.Bytes(), "\n")
}

// order puts the keys in the order CASE lists them, the rest after in
// name order.
func (o *jsonObject) order(first []string) {
	rank := map[string]int{}
	for i, k := range first {
		rank[k] = i + 1
	}
	sort.SliceStable(o.keys, func(i, j int) bool {
		ri, rj := rank[o.keys[i]], rank[o.keys[j]]
		switch {
		case ri != 0 && rj != 0:
			return ri < rj
		case ri != 0 || rj != 0:
			return ri != 0
		}
		return o.keys[i] < o.keys[j]
	})
}

func (o *jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonString(k))
		b.WriteByte(':')
		b.Write(o.vals[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var (
	caseDocumentOrder    = []string{"identifier", "uri", "creator", "title", "lastChangeDateTime", "officialSourceURL", "publisher", "description", "subject", "subjectURI", "language", "version", "adoptionStatus", "statusStartDate", "statusEndDate", "licenseURI", "notes", "CFPackageURI", "caseVersion"}
	caseItemOrder        = []string{"identifier", "uri", "CFDocumentURI", "fullStatement", "alternativeLabel", "CFItemType", "humanCodingScheme", "listEnumeration", "abbreviatedStatement", "conceptKeywords", "conceptKeywordsURI", "notes", "subject", "subjectURI", "language", "educationLevel", "CFItemTypeURI", "licenseURI", "statusStartDate", "statusEndDate", "lastChangeDateTime"}
	caseAssociationOrder = []string{"identifier", "associationType", "sequenceNumber", "uri", "originNodeURI", "destinationNodeURI", "CFAssociationGroupingURI", "lastChangeDateTime", "CFDocumentURI"}
)

// objectOf is an origin entry as a JSON object: identifier, fields, JSON.
func objectOf(id string, fields, js framework.OriginFields, skip func(string) bool) *jsonObject {
	o := &jsonObject{}
	if id != "" {
		o.setString("identifier", id)
	}
	for _, k := range fields.Keys {
		if !skip(k) {
			o.setString(k, fields.Values[k])
		}
	}
	for _, k := range js.Keys {
		if !skip(k) && json.Valid([]byte(js.Values[k])) {
			o.set(k, json.RawMessage(js.Values[k]))
		}
	}
	return o
}

func noSkip(string) bool { return false }

// writeCASEOrigin writes an imported framework back as the package it came
// from.
func writeCASEOrigin(out io.Writer, f *framework.Framework, opt ExportOptions) ([]Note, error) {
	o := f.Origin
	w := &caseWriter{f: f, opt: opt, when: opt.Time.UTC().Format("2006-01-02T15:04:05+00:00")}
	var notes []Note
	docID := o.Document.ID

	// The document.
	doc := objectOf(docID, o.Document.Fields, o.Document.JSON, func(k string) bool { return strings.HasPrefix(k, casePackage) })
	if o.Document.Digest != documentDigest(f) {
		doc.setString("title", f.Title)
		for k, v := range map[string]string{"description": f.Description, "version": f.Version, "publisher": f.Publisher, "officialSourceURL": officialSource(f)} {
			if v != "" {
				doc.setString(k, v)
			}
		}
		doc.setString("lastChangeDateTime", w.when)
		notes = append(notes, Note{CatInfo, "the framework's own fields were edited since the import; the CFDocument was written from them"})
	}
	doc.order(caseDocumentOrder)

	byCode := map[string]*framework.OriginEntry{}
	for _, e := range o.Entries {
		if e.Code != "" {
			byCode[e.Code] = e
		}
	}
	// identity is the identifier that stands for a level: its item's; a
	// level the import made stands for what it was made under ("" is the
	// document); a level added since gets reflect's identifier.
	identity := func(code string) string {
		if e := byCode[code]; e != nil {
			if e.Made {
				return e.Parent
			}
			return e.ID
		}
		return w.id(code)
	}
	// parentOf is the identifier of a level's parent in the framework now,
	// and whether that parent is a real item (not a level the import made,
	// nor the document for a domain): a level under a made one keeps the
	// isChildOf links the package gave it.
	parentOf := func(code string) (parent string, real, ok bool) {
		var up string
		if c := f.Competence(code); c != nil {
			up = c.Area.Code
		} else if a := f.Area(code); a != nil {
			up = a.Domain.Code
		} else if f.Domain(code) != nil {
			if e := byCode[code]; e != nil {
				return e.Parent, false, true
			}
			return "", false, true
		} else {
			return "", false, false
		}
		e := byCode[up]
		return identity(up), e == nil || !e.Made, true
	}
	exists := map[string]bool{} // item identifiers still in the package, lower case
	var items []*jsonObject
	var asImported, edited, deleted, added int
	for _, e := range o.Entries {
		if e.Made {
			continue
		}
		if e.Code != "" {
			if _, _, ok := parentOf(e.Code); !ok {
				deleted++
				continue
			}
		}
		exists[strings.ToLower(e.ID)] = true
		it := objectOf(e.ID, e.Fields, e.JSON, noSkip)
		if e.Code == "" {
			asImported++ // a folded level
		} else {
			regen, _ := caseLevelFields(f, e.Code)
			if unchanged(f, e) {
				asImported++
				for _, k := range e.Derived {
					if v, ok := regen[k]; ok {
						it.setString(k, v)
					}
				}
			} else {
				edited++
				for _, k := range caseDerivable {
					if v, ok := regen[k]; ok && (k != "humanCodingScheme" || derived(e, k)) {
						it.setString(k, v)
					}
				}
				if _, ok := regen["abbreviatedStatement"]; !ok && f.Competence(e.Code) != nil {
					delete(it.vals, "abbreviatedStatement")
					it.keys = slices.DeleteFunc(it.keys, func(k string) bool { return k == "abbreviatedStatement" })
				}
				it.setString("lastChangeDateTime", w.when)
			}
			if c := f.Competence(e.Code); c != nil {
				// The crosswalk rationales are lines of the notes, made from
				// the framework now; the rest of the notes as they came.
				orig := rawField(e, "notes")
				if n := mergeCrosswalkNotes(orig, crosswalkNotes(c)); n != orig {
					if n == "" {
						delete(it.vals, "notes")
						it.keys = slices.DeleteFunc(it.keys, func(k string) bool { return k == "notes" })
					} else {
						it.setString("notes", n)
					}
				}
			}
		}
		it.order(caseItemOrder)
		items = append(items, it)
	}
	docLink := cLink{Title: f.Title, Identifier: docID, URI: rawField(o.Document, "uri")}
	if docLink.URI == "" {
		docLink.URI = w.uri("CFDocuments", docID)
	}
	linkTo := func(id string) cLink {
		if id == "" || strings.EqualFold(id, docID) {
			return docLink
		}
		return cLink{Title: id, Identifier: id, URI: w.uri("CFItems", id)}
	}
	var newLinks []cAssociation
	newItem := func(code, parent string, seq int) {
		regen, _ := caseLevelFields(f, code)
		it := &jsonObject{}
		id := w.id(code)
		it.setString("identifier", id)
		it.setString("uri", w.uri("CFItems", id))
		for _, k := range caseDerivable {
			if v, ok := regen[k]; ok {
				it.setString(k, v)
			}
		}
		if c := f.Competence(code); c != nil {
			kw, _ := json.Marshal(append([]string{c.Kind}, c.Tags...))
			it.set("conceptKeywords", kw)
		}
		it.setString("lastChangeDateTime", w.when)
		it.order(caseItemOrder)
		items = append(items, it)
		exists[strings.ToLower(id)] = true
		aid := w.id("isChildOf", code)
		newLinks = append(newLinks, cAssociation{Identifier: aid, AssociationType: "isChildOf", SequenceNumber: seq, URI: w.uri("CFAssociations", aid),
			OriginNodeURI: cLink{Title: code, Identifier: id, URI: w.uri("CFItems", id)}, DestinationNodeURI: linkTo(parent), LastChangeDateTime: w.when})
		added++
	}
	for di, d := range f.Domains {
		if byCode[d.Code] == nil {
			newItem(d.Code, "", di+1)
		}
		for ai, a := range d.Areas {
			if byCode[a.Code] == nil {
				newItem(a.Code, identity(d.Code), ai+1)
			}
			for ci, c := range a.Competences {
				if byCode[c.Code] == nil {
					newItem(c.Code, identity(a.Code), ci+1)
				}
			}
		}
	}

	// The associations, in their order; a child moved since the import
	// gets a new isChildOf to its new parent.
	codeOf := map[string]string{} // item identifier, lower case → code
	for _, e := range o.Entries {
		if e.Code != "" && !e.Made {
			codeOf[strings.ToLower(e.ID)] = e.Code
		}
	}
	inPackage := map[string]bool{}
	for _, e := range o.Entries {
		inPackage[strings.ToLower(e.ID)] = true
	}
	var assocs []any
	placed := map[string]bool{}
	matched := map[string]bool{} // "code→target" exact matches already in the package
	moved := 0
	for _, l := range o.Links {
		from, to := strings.ToLower(l.From), strings.ToLower(l.To)
		if inPackage[from] && !exists[from] || inPackage[to] && !exists[to] {
			continue // an end was deleted
		}
		code := codeOf[from]
		if strings.EqualFold(l.Type, "isChildOf") && code != "" && !placed[code] {
			placed[code] = true
			if parent, real, _ := parentOf(code); real && !strings.EqualFold(parent, l.To) {
				aid := w.id("isChildOf", code)
				assocs = append(assocs, cAssociation{Identifier: aid, AssociationType: "isChildOf", SequenceNumber: position(f, code), URI: w.uri("CFAssociations", aid),
					OriginNodeURI: cLink{Title: code, Identifier: l.From, URI: w.uri("CFItems", l.From)}, DestinationNodeURI: linkTo(parent), LastChangeDateTime: w.when})
				moved++
				continue
			}
		}
		if (strings.EqualFold(l.Type, "exactMatchOf") || strings.EqualFold(l.Type, "isRelatedTo")) && code != "" {
			var dest struct{ Title string }
			if v, ok := l.JSON.Get("destinationNodeURI"); ok {
				_ = json.Unmarshal([]byte(v), &dest)
			}
			matched[code+"→"+strings.TrimSpace(dest.Title)] = true
		}
		a := objectOf(l.ID, l.Fields, l.JSON, noSkip)
		a.setString("associationType", l.Type)
		a.order(caseAssociationOrder)
		assocs = append(assocs, a)
	}
	for _, a := range newLinks {
		assocs = append(assocs, a)
	}
	var noTarget []string
	typed := map[string]int{}
	for _, c := range f.Competences() {
		for _, l := range c.Links() {
			if matched[c.Code+"→"+l.Code] {
				continue
			}
			from := identity(c.Code)
			a, ok := w.crosswalkAssociation(cLink{Title: c.Code, Identifier: from, URI: w.uri("CFItems", from)}, c.Code, l)
			if !ok {
				noTarget = append(noTarget, c.Code+"→"+l.Code)
				continue
			}
			assocs = append(assocs, a)
			typed[l.Type]++
		}
	}

	pkg := &jsonObject{}
	put := func(k string, v any) {
		b, _ := marshalNoEscape(v)
		pkg.set(k, b)
	}
	put("CFDocument", doc)
	put("CFItems", items)
	put("CFAssociations", assocs)
	for _, k := range []string{"CFDefinitions", "CFRubrics"} {
		if v, ok := o.Document.JSON.Get(casePackage + k); ok && json.Valid([]byte(v)) {
			if k == "CFDefinitions" && len(w.groupings) > 0 {
				v = withGroupings(v, w.groupings)
			}
			pkg.set(k, json.RawMessage(v))
		} else if k == "CFDefinitions" && len(w.groupings) > 0 {
			b, _ := marshalNoEscape(map[string]any{"CFAssociationGroupings": w.groupings})
			pkg.set(k, b)
		}
	}
	var top any = pkg
	if v, _ := o.Document.Fields.Get(caseWrapped); v == "true" {
		wrap := &jsonObject{}
		b, _ := marshalNoEscape(pkg)
		wrap.set("CFPackage", b)
		top = wrap
	}
	b, err := marshalNoEscape(top)
	if err != nil {
		return nil, err
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, b, "", "  "); err != nil {
		return nil, err
	}
	pretty.WriteByte('\n')
	if _, err := out.Write(pretty.Bytes()); err != nil {
		return nil, err
	}

	n := Note{CatInfo, fmt.Sprintf("written back from the package it was imported from (%s): %s as imported", o.File, plural(asImported, "item", "items"))}
	if edited > 0 {
		n.Text += fmt.Sprintf(", %s edited since and written from the framework", plural(edited, "item", "items"))
	}
	if added > 0 {
		n.Text += fmt.Sprintf(", %s added since", plural(added, "item", "items"))
	}
	if deleted > 0 {
		n.Text += fmt.Sprintf(", %s left out because the framework no longer has them", plural(deleted, "item", "items"))
	}
	if moved > 0 {
		n.Text += fmt.Sprintf(", %s moved to another parent", plural(moved, "item", "items"))
	}
	notes = append(notes, n)
	if n := typed[framework.LinkExact] + typed[framework.LinkClose] + typed[framework.LinkRelated]; n > 0 {
		notes = append(notes, Note{CatInfo, fmt.Sprintf("%s added since the import became new associations (exactMatchOf for an exact link, isRelatedTo in reflect's close or related grouping for the others)",
			plural(n, "crosswalk link", "crosswalk links"))})
	}
	notes = append(notes, crosswalkExportNotes(nil, noTarget)...)
	notes = append(notes, commonExportNotes(f)...)
	return notes, nil
}

// withGroupings adds the groupings that definitions (CFDefinitions as
// JSON) lacks to its CFAssociationGroupings.
func withGroupings(definitions string, gs []cGrouping) string {
	var defs map[string]any
	if json.Unmarshal([]byte(definitions), &defs) != nil || defs == nil {
		return definitions
	}
	list, _ := defs["CFAssociationGroupings"].([]any)
	have := map[string]bool{}
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			have[strings.ToLower(fmt.Sprint(m["identifier"]))] = true
		}
	}
	for _, g := range gs {
		if !have[strings.ToLower(g.Identifier)] {
			list = append(list, g)
		}
	}
	defs["CFAssociationGroupings"] = list
	b, err := marshalNoEscape(defs)
	if err != nil {
		return definitions
	}
	return string(b)
}

// mergeCrosswalkNotes is an item's notes with its crosswalk lines
// replaced by lines (the framework's rationales now).
func mergeCrosswalkNotes(notes, lines string) string {
	_, rest := splitCrosswalkNotes(notes)
	switch {
	case rest == "":
		return lines
	case lines == "":
		return rest
	}
	return rest + "\n" + lines
}

// rawField is an entry's text field, or "".
func rawField(e *framework.OriginEntry, k string) string {
	v, _ := e.Fields.Get(k)
	return v
}

// position is a level's place among its siblings, from 1.
func position(f *framework.Framework, code string) int {
	if c := f.Competence(code); c != nil {
		return slices.Index(c.Area.Competences, c) + 1
	}
	if a := f.Area(code); a != nil {
		return slices.Index(a.Domain.Areas, a) + 1
	}
	if d := f.Domain(code); d != nil {
		return slices.Index(f.Domains, d) + 1
	}
	return 0
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
