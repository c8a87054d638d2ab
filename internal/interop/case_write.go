package interop

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// ExportOptions steer an export.
type ExportOptions struct {
	// Set holds the frameworks that same_as links point into, so that a
	// CASE exactMatchOf association can name its target's identifier.
	Set *framework.Set
	// Time is written as every entity's lastChangeDateTime.
	Time time.Time
	// BaseURI, when set, makes CASE uri fields <BaseURI><collection>/<id>
	// (e.g. https://case.example.org/ims/case/v1p0/); otherwise they are
	// urn:uuid: URIs.
	BaseURI string
	// Tool names the program, for the document notes ("reflect 1.2.0").
	Tool string
}

// CASE item types reflect exports.
const (
	caseTypeDomain     = "Domain"
	caseTypeArea       = "Area"
	caseTypeCompetence = "Competence"
)

type cLink struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

type cPackage struct {
	CFDocument     cDocument      `json:"CFDocument"`
	CFItems        []cItem        `json:"CFItems"`
	CFAssociations []cAssociation `json:"CFAssociations"`
	CFDefinitions  cDefinitions   `json:"CFDefinitions"`
	CFRubrics      []cRubric      `json:"CFRubrics,omitempty"`
}

type cDocument struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Creator            string `json:"creator"`
	Title              string `json:"title"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
	OfficialSourceURL  string `json:"officialSourceURL,omitempty"`
	Publisher          string `json:"publisher,omitempty"`
	Description        string `json:"description,omitempty"`
	Language           string `json:"language"`
	Version            string `json:"version,omitempty"`
	LicenseURI         *cLink `json:"licenseURI,omitempty"`
	Notes              string `json:"notes,omitempty"`
}

type cItem struct {
	Identifier           string   `json:"identifier"`
	URI                  string   `json:"uri"`
	FullStatement        string   `json:"fullStatement"`
	AlternativeLabel     string   `json:"alternativeLabel,omitempty"`
	HumanCodingScheme    string   `json:"humanCodingScheme"`
	ListEnumeration      string   `json:"listEnumeration"`
	AbbreviatedStatement string   `json:"abbreviatedStatement,omitempty"`
	ConceptKeywords      []string `json:"conceptKeywords,omitempty"`
	Notes                string   `json:"notes,omitempty"`
	Language             string   `json:"language"`
	CFItemType           string   `json:"CFItemType"`
	CFItemTypeURI        cLink    `json:"CFItemTypeURI"`
	LastChangeDateTime   string   `json:"lastChangeDateTime"`
}

type cAssociation struct {
	Identifier               string `json:"identifier"`
	AssociationType          string `json:"associationType"`
	SequenceNumber           int    `json:"sequenceNumber,omitempty"`
	URI                      string `json:"uri"`
	OriginNodeURI            cLink  `json:"originNodeURI"`
	DestinationNodeURI       cLink  `json:"destinationNodeURI"`
	CFAssociationGroupingURI *cLink `json:"CFAssociationGroupingURI,omitempty"`
	LastChangeDateTime       string `json:"lastChangeDateTime"`
}

// cGrouping is a CFAssociationGrouping: reflect's close and related
// crosswalk links are isRelatedTo associations in a grouping that names
// the type.
type cGrouping struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	Description        string `json:"description"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

// caseLinkTypes are how reflect's crosswalk link types are written in
// CASE: exact links as exactMatchOf; close and related ones, which are
// not the same competence, as isRelatedTo in a grouping named for the
// type ("reflect crosswalk: close").
var caseLinkTypes = map[string]struct{ association, grouping, description string }{
	framework.LinkExact:   {"exactMatchOf", "", ""},
	framework.LinkClose:   {"isRelatedTo", "reflect crosswalk: close", "Much the same ability, but at a different depth, in a different setting or for a different population (a close link in reflect's crosswalk; it does not share an answer)"},
	framework.LinkRelated: {"isRelatedTo", "reflect crosswalk: related", "On the same theme, worth looking at together (a related link in reflect's crosswalk)"},
}

// crosswalkAssociation is the association for the crosswalk link l from
// the item from, or false when l's target is in no loaded framework.
func (w *caseWriter) crosswalkAssociation(from cLink, code string, l *framework.Link) (cAssociation, bool) {
	var owner *framework.Framework
	if w.opt.Set != nil {
		owner = w.opt.Set.Owner(l.Code)
	}
	if owner == nil {
		return cAssociation{}, false
	}
	t := caseLinkTypes[l.Type]
	if t.association == "" {
		t = caseLinkTypes[framework.LinkRelated]
	}
	tid := ID("framework/" + owner.ID + "/" + l.Code)
	aid := w.id(t.association, code, l.Code)
	a := cAssociation{Identifier: aid, AssociationType: t.association, URI: w.uri("CFAssociations", aid), OriginNodeURI: from,
		DestinationNodeURI: cLink{Title: l.Code, Identifier: tid, URI: w.uri("CFItems", tid)}, LastChangeDateTime: w.when}
	if t.grouping != "" {
		g := w.grouping(l.Type)
		a.CFAssociationGroupingURI = &cLink{Title: g.Title, Identifier: g.Identifier, URI: g.URI}
	}
	return a, true
}

// grouping is the CFAssociationGrouping for a crosswalk link type, added
// to w.groupings the first time.
func (w *caseWriter) grouping(typ string) cGrouping {
	for _, g := range w.groupings {
		if g.Title == caseLinkTypes[typ].grouping {
			return g
		}
	}
	id := w.id("grouping", typ)
	g := cGrouping{Identifier: id, URI: w.uri("CFAssociationGroupings", id), Title: caseLinkTypes[typ].grouping,
		Description: caseLinkTypes[typ].description, LastChangeDateTime: w.when}
	w.groupings = append(w.groupings, g)
	return g
}

// crosswalkPrefix starts a line of a competence item's notes that gives a
// crosswalk link's rationale (CASE 1.0 associations have no notes):
// "Crosswalk link to CYP.1.1.2 (exact): why".
const crosswalkPrefix = "Crosswalk link to "

// crosswalkNotes are the rationale lines of c's crosswalk links.
func crosswalkNotes(c *framework.Competence) string {
	var lines []string
	for _, l := range c.Links() {
		if r := collapse(l.Rationale); r != "" {
			lines = append(lines, fmt.Sprintf("%s%s (%s): %s", crosswalkPrefix, l.Code, l.Type, r))
		}
	}
	return strings.Join(lines, "\n")
}

// splitCrosswalkNotes takes the rationale lines out of an item's notes.
func splitCrosswalkNotes(notes string) (map[string]string, string) {
	var rationale map[string]string
	var keep []string
	for _, l := range strings.Split(notes, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), crosswalkPrefix); ok {
			code, why, ok := strings.Cut(rest, "): ")
			if code, typ, ok2 := strings.Cut(code, " ("); ok && ok2 && framework.ValidCode(code) && caseLinkTypes[typ].association != "" {
				if rationale == nil {
					rationale = map[string]string{}
				}
				rationale[code] = collapse(why)
				continue
			}
		}
		keep = append(keep, l)
	}
	return rationale, strings.TrimSpace(strings.Join(keep, "\n"))
}

type cDefinitions struct {
	CFConcepts             []any       `json:"CFConcepts"`
	CFSubjects             []any       `json:"CFSubjects"`
	CFLicenses             []cLicense  `json:"CFLicenses"`
	CFItemTypes            []cItemType `json:"CFItemTypes"`
	CFAssociationGroupings []cGrouping `json:"CFAssociationGroupings"`
}

type cLicense struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	LicenseText        string `json:"licenseText"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type cItemType struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	Description        string `json:"description"`
	HierarchyCode      string `json:"hierarchyCode"`
	TypeCode           string `json:"typeCode"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type cRubric struct {
	Identifier         string       `json:"identifier"`
	URI                string       `json:"uri"`
	Title              string       `json:"title"`
	Description        string       `json:"description"`
	LastChangeDateTime string       `json:"lastChangeDateTime"`
	CFRubricCriteria   []cCriterion `json:"CFRubricCriteria"`
}

type cCriterion struct {
	Identifier              string   `json:"identifier"`
	URI                     string   `json:"uri"`
	Category                string   `json:"category"`
	Description             string   `json:"description"`
	Position                int      `json:"position"`
	RubricID                string   `json:"rubricId"`
	LastChangeDateTime      string   `json:"lastChangeDateTime"`
	CFRubricCriterionLevels []cLevel `json:"CFRubricCriterionLevels"`
}

type cLevel struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Description        string `json:"description"`
	Quality            string `json:"quality"`
	Score              int    `json:"score"`
	Position           int    `json:"position"`
	CriterionID        string `json:"rubricCriterionId"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type caseWriter struct {
	f         *framework.Framework
	opt       ExportOptions
	when      string
	groupings []cGrouping // the CFAssociationGroupings the crosswalk links use
}

func (w *caseWriter) id(parts ...string) string {
	return ID("framework/" + w.f.ID + "/" + strings.Join(parts, "/"))
}

func (w *caseWriter) uri(collection, id string) string {
	if w.opt.BaseURI != "" {
		return strings.TrimRight(w.opt.BaseURI, "/") + "/" + collection + "/" + id
	}
	return "urn:uuid:" + id
}

// CASEIdentifiers returns the identifiers an export gives a framework's
// document and a code, so that other tools can link to them.
func CASEIdentifiers(frameworkID, code string) (document, item string) {
	return ID("framework/" + frameworkID), ID("framework/" + frameworkID + "/" + code)
}

// WriteCASE writes f as a CASE 1.0 CFPackage (which CASE 1.1 readers
// accept). Output is deterministic: identifiers are UUIDv5 values from the
// framework id and the codes, and every date is opt.Time. The notes name
// what CASE has no place for.
//
// A framework imported from a CASE package is written back from its
// origin instead: the same items and associations, with their
// identifiers, and with every domain, area or competence edited since the
// import written from the framework.
func WriteCASE(out io.Writer, f *framework.Framework, opt ExportOptions) ([]Note, error) {
	if o := f.Origin; o != nil && o.Format == FormatCASEJSON && o.Document != nil {
		return writeCASEOrigin(out, f, opt)
	}
	w := &caseWriter{f: f, opt: opt, when: opt.Time.UTC().Format("2006-01-02T15:04:05+00:00")}
	var notes []Note
	docID := ID("framework/" + f.ID)
	docLink := cLink{Title: f.Title, Identifier: docID, URI: w.uri("CFDocuments", docID)}
	pkg := cPackage{
		CFDocument: cDocument{Identifier: docID, URI: docLink.URI, Creator: f.Publisher, Title: f.Title, LastChangeDateTime: w.when,
			OfficialSourceURL: officialSource(f), Publisher: f.Publisher, Description: f.Description, Language: "en-GB", Version: f.Version},
		CFItems:        []cItem{},
		CFAssociations: []cAssociation{},
		CFDefinitions:  cDefinitions{CFConcepts: []any{}, CFSubjects: []any{}, CFLicenses: []cLicense{}, CFAssociationGroupings: []cGrouping{}},
	}
	var lines []string
	lines = append(lines, metaLines(f)...)
	if opt.Tool != "" {
		lines = append(lines, exportedBy(opt.Tool, f))
	}
	pkg.CFDocument.Notes = strings.Join(lines, "\n")
	if lic := collapse(f.Provenance.Licence); lic != "" {
		id := w.id("licence")
		l := cLicense{Identifier: id, URI: w.uri("CFLicenses", id), Title: lic, LicenseText: lic, LastChangeDateTime: w.when}
		pkg.CFDefinitions.CFLicenses = append(pkg.CFDefinitions.CFLicenses, l)
		pkg.CFDocument.LicenseURI = &cLink{Title: lic, Identifier: id, URI: l.URI}
	}
	types := map[string]cLink{}
	for i, t := range []string{caseTypeDomain, caseTypeArea, caseTypeCompetence} {
		id := ID("item-type/" + t)
		it := cItemType{Identifier: id, URI: w.uri("CFItemTypes", id), Title: t, Description: itemTypeDescription(t),
			HierarchyCode: strconv.Itoa(i + 1), TypeCode: t, LastChangeDateTime: w.when}
		pkg.CFDefinitions.CFItemTypes = append(pkg.CFDefinitions.CFItemTypes, it)
		types[t] = cLink{Title: t, Identifier: id, URI: it.URI}
	}
	item := func(code, typ, statement, title, notes string, keywords []string, pos int) cLink {
		id := w.id(code)
		it := cItem{Identifier: id, URI: w.uri("CFItems", id), FullStatement: statement, HumanCodingScheme: code, AbbreviatedStatement: title,
			AlternativeLabel: guideTitle(f, code),
			ListEnumeration:  strconv.Itoa(pos), ConceptKeywords: keywords, Notes: notes, Language: "en-GB",
			CFItemType: typ, CFItemTypeURI: types[typ], LastChangeDateTime: w.when}
		pkg.CFItems = append(pkg.CFItems, it)
		return cLink{Title: code, Identifier: id, URI: it.URI}
	}
	childOf := func(child, parent cLink, seq int) {
		id := w.id("isChildOf", child.Title)
		pkg.CFAssociations = append(pkg.CFAssociations, cAssociation{Identifier: id, AssociationType: "isChildOf", SequenceNumber: seq,
			URI: w.uri("CFAssociations", id), OriginNodeURI: child, DestinationNodeURI: parent, LastChangeDateTime: w.when})
	}
	var noTarget []string
	typed := map[string]int{}
	for di, d := range f.Domains {
		dl := item(d.Code, caseTypeDomain, d.Title, "", strings.TrimSpace(d.Description), nil, di+1)
		childOf(dl, docLink, di+1)
		for ai, a := range d.Areas {
			var an []string
			if s := strings.TrimSpace(a.Description); s != "" {
				an = append(an, s)
			}
			an = append(an, metaExpect+": "+collapse(a.Expect))
			al := item(a.Code, caseTypeArea, a.Title, "", strings.Join(an, "\n\n"), nil, ai+1)
			childOf(al, dl, ai+1)
			for ci, c := range a.Competences {
				kw := append([]string{c.Kind}, c.Tags...)
				cl := item(c.Code, caseTypeCompetence, caseStatement(c), c.Title, crosswalkNotes(c), kw, ci+1)
				childOf(cl, al, ci+1)
				for _, l := range c.Links() {
					a, ok := w.crosswalkAssociation(cl, c.Code, l)
					if !ok {
						noTarget = append(noTarget, c.Code+"→"+l.Code)
						continue
					}
					pkg.CFAssociations = append(pkg.CFAssociations, a)
					typed[l.Type]++
				}
			}
		}
	}
	pkg.CFRubrics = []cRubric{w.rubric(f.EffectiveScale())}
	pkg.CFDefinitions.CFAssociationGroupings = append(pkg.CFDefinitions.CFAssociationGroupings, w.groupings...)
	notes = append(notes, crosswalkExportNotes(typed, noTarget)...)
	notes = append(notes, caseExtrasNotes(f)...)
	notes = append(notes, commonExportNotes(f)...)
	if !defaultNA(f.EffectiveScale()) {
		notes = append(notes, Note{CatDropped, "the scale's N/A reasons have no place in CASE; an import will offer reflect's default reasons"})
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return notes, enc.Encode(pkg)
}

// caseStatement is a competence's fullStatement: the statement, then its
// sub-items as a Markdown list.
func caseStatement(c *framework.Competence) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(c.Statement))
	if len(c.Items) > 0 {
		b.WriteString("\n\n")
		markdownItems(&b, c.Items, "")
	}
	return strings.TrimRight(b.String(), "\n")
}

// areaNotes is an area's CASE notes: its description, then its "what you
// can expect" line.
func areaNotes(a *framework.Area) string {
	var an []string
	if s := strings.TrimSpace(a.Description); s != "" {
		an = append(an, s)
	}
	an = append(an, metaExpect+": "+collapse(a.Expect))
	return strings.Join(an, "\n\n")
}

// officialSource is the document's officialSourceURL: the publisher's page
// for the framework, which is the official source of the text only when
// the text is the publisher's. reflect's own wording has none (the
// official documents' address stays in the notes).
func officialSource(f *framework.Framework) string {
	if f.Provenance.Wording == framework.WordingTool {
		return ""
	}
	return f.SourceURL
}

func itemTypeDescription(t string) string {
	switch t {
	case caseTypeDomain:
		return "A domain of the competence map (a column)"
	case caseTypeArea:
		return "A competence area (a box on the map)"
	}
	return "A competence statement"
}

func (w *caseWriter) rubric(s *framework.Scale) cRubric {
	rid := w.id("scale")
	cid := w.id("scale", "criterion")
	title := "Rating scale"
	if s.ID != "" {
		title += " (" + s.ID + ")"
	}
	r := cRubric{Identifier: rid, URI: w.uri("CFRubrics", rid), Title: title,
		Description: "The scale each competence is rated on, from lowest to highest.", LastChangeDateTime: w.when}
	c := cCriterion{Identifier: cid, URI: w.uri("CFRubricCriteria", cid), Category: "Self-assessment",
		Description: "How well the person can do what the competence describes", Position: 1, RubricID: rid, LastChangeDateTime: w.when}
	for i, l := range s.Levels {
		lid := w.id("scale", "level", strconv.Itoa(l.Value))
		c.CFRubricCriterionLevels = append(c.CFRubricCriterionLevels, cLevel{Identifier: lid, URI: w.uri("CFRubricCriterionLevels", lid),
			Description: l.Descriptor, Quality: l.Label, Score: l.Value, Position: i + 1, CriterionID: cid, LastChangeDateTime: w.when})
	}
	r.CFRubricCriteria = []cCriterion{c}
	return r
}

// crosswalkExportNotes say how the crosswalk links were written to CASE
// and which were left out.
func crosswalkExportNotes(typed map[string]int, noTarget []string) []Note {
	var notes []Note
	if n := typed[framework.LinkExact]; n > 0 {
		notes = append(notes, Note{CatInfo, fmt.Sprintf("%s became exactMatchOf associations", plural(n, "exact crosswalk link", "exact crosswalk links"))})
	}
	if n := typed[framework.LinkClose] + typed[framework.LinkRelated]; n > 0 {
		notes = append(notes, Note{CatInfo, fmt.Sprintf("%d close and %d related crosswalk links became isRelatedTo associations in the groupings \"reflect crosswalk: close\" and \"reflect crosswalk: related\"",
			typed[framework.LinkClose], typed[framework.LinkRelated])})
	}
	if typed[framework.LinkExact]+typed[framework.LinkClose]+typed[framework.LinkRelated] > 0 {
		notes = append(notes, Note{CatInfo, "each link's rationale is a line of its competence's notes (\"Crosswalk link to CODE (type): …\"), as CASE 1.0 associations have no notes"})
	}
	if len(noTarget) > 0 {
		notes = append(notes, Note{CatDropped, fmt.Sprintf("%s to frameworks that are not loaded were left out: %s",
			plural(len(noTarget), "crosswalk link points", "crosswalk links point"), listSome(noTarget, 5))})
	}
	return notes
}

// caseExtrasNotes say where the review, the guide and the domains' plain
// titles went.
func caseExtrasNotes(f *framework.Framework) []Note {
	return extrasNotes(f, "the document's notes", "are their items' alternativeLabel")
}

// extrasNotes say where the review, the guide and the domains' plain
// titles went: in the document's lines (where) and as guideTitles says.
func extrasNotes(f *framework.Framework, where, guideTitles string) []Note {
	var notes []Note
	if f.Review != nil || f.Guide != nil {
		notes = append(notes, Note{CatInfo, "the review and the guide's text for people who receive support are lines of " + where + " (\"Last reviewed: …\", \"Guide help: …\"), which an import reads back"})
	}
	n := 0
	for _, d := range f.Domains {
		if d.GuideTitle != "" {
			n++
		}
	}
	if n > 0 {
		notes = append(notes, Note{CatInfo, fmt.Sprintf("%s plain titles for the guide %s", plural(n, "domain's", "domains'"), guideTitles)})
	}
	return notes
}

// guideTitle is code's plain title for the guide, when it is a domain's.
func guideTitle(f *framework.Framework, code string) string {
	if d := f.Domain(code); d != nil {
		return collapse(d.GuideTitle)
	}
	return ""
}

// commonExportNotes names what neither format carries.
func commonExportNotes(f *framework.Framework) []Note {
	var notes []Note
	if len(f.Profiles) > 0 {
		notes = append(notes, Note{CatDropped, fmt.Sprintf("%s (area targets) have no place in the format and were left out", plural(len(f.Profiles), "role profile", "role profiles"))})
	}
	if len(f.Resources) > 0 {
		notes = append(notes, Note{CatDropped, fmt.Sprintf("%s were left out", plural(len(f.Resources), "learning resource", "learning resources"))})
	}
	return notes
}

func defaultNA(s *framework.Scale) bool {
	def := framework.DefaultScale().NAReasons()
	got := s.NAReasons()
	if len(got) != len(def) {
		return false
	}
	for i := range got {
		if got[i].ID != def[i].ID || got[i].Label != def[i].Label {
			return false
		}
	}
	return true
}
