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
	Identifier         string `json:"identifier"`
	AssociationType    string `json:"associationType"`
	SequenceNumber     int    `json:"sequenceNumber,omitempty"`
	URI                string `json:"uri"`
	OriginNodeURI      cLink  `json:"originNodeURI"`
	DestinationNodeURI cLink  `json:"destinationNodeURI"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type cDefinitions struct {
	CFConcepts             []any       `json:"CFConcepts"`
	CFSubjects             []any       `json:"CFSubjects"`
	CFLicenses             []cLicense  `json:"CFLicenses"`
	CFItemTypes            []cItemType `json:"CFItemTypes"`
	CFAssociationGroupings []any       `json:"CFAssociationGroupings"`
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
	f    *framework.Framework
	opt  ExportOptions
	when string
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
		CFDefinitions:  cDefinitions{CFConcepts: []any{}, CFSubjects: []any{}, CFLicenses: []cLicense{}, CFAssociationGroupings: []any{}},
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
			ListEnumeration: strconv.Itoa(pos), ConceptKeywords: keywords, Notes: notes, Language: "en-GB",
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
				cl := item(c.Code, caseTypeCompetence, caseStatement(c), c.Title, "", kw, ci+1)
				childOf(cl, al, ci+1)
				// Only exact links: close and related ones are not the same competence (CASE's exactMatchOf).
				for _, target := range c.ExactCodes() {
					var owner *framework.Framework
					if opt.Set != nil {
						owner = opt.Set.Owner(target)
					}
					if owner == nil {
						noTarget = append(noTarget, c.Code+"→"+target)
						continue
					}
					tid := ID("framework/" + owner.ID + "/" + target)
					aid := w.id("exactMatchOf", c.Code, target)
					pkg.CFAssociations = append(pkg.CFAssociations, cAssociation{Identifier: aid, AssociationType: "exactMatchOf",
						URI: w.uri("CFAssociations", aid), OriginNodeURI: cl,
						DestinationNodeURI: cLink{Title: target, Identifier: tid, URI: w.uri("CFItems", tid)}, LastChangeDateTime: w.when})
				}
			}
		}
	}
	pkg.CFRubrics = []cRubric{w.rubric(f.EffectiveScale())}
	if len(noTarget) > 0 {
		notes = append(notes, Note{CatDropped, fmt.Sprintf("%s to frameworks that are not loaded were left out: %s",
			plural(len(noTarget), "same_as link points", "same_as links point"), listSome(noTarget, 5))})
	}
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
