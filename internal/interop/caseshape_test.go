package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// The fields CASE 1.1 (1EdTech, CFPackage JSON binding) allows and requires
// on each entity; strict CASE servers such as OpenSALT refuse anything
// else. Written from the specification's field lists.
var caseEntities = map[string]struct{ allowed, required []string }{
	"package":     {[]string{"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics", "extensions"}, []string{"CFDocument"}},
	"document":    {[]string{"identifier", "uri", "frameworkType", "caseVersion", "creator", "title", "lastChangeDateTime", "officialSourceURL", "publisher", "description", "subject", "subjectURI", "language", "version", "adoptionStatus", "statusStartDate", "statusEndDate", "licenseURI", "notes", "extensions"}, []string{"identifier", "uri", "creator", "title", "lastChangeDateTime"}},
	"item":        {[]string{"identifier", "fullStatement", "alternativeLabel", "CFItemType", "uri", "humanCodingScheme", "listEnumeration", "abbreviatedStatement", "conceptKeywords", "conceptKeywordsURI", "notes", "subject", "subjectURI", "language", "educationLevel", "CFItemTypeURI", "licenseURI", "statusStartDate", "statusEndDate", "lastChangeDateTime", "extensions"}, []string{"identifier", "fullStatement", "uri", "lastChangeDateTime"}},
	"association": {[]string{"identifier", "associationType", "sequenceNumber", "uri", "originNodeURI", "destinationNodeURI", "CFAssociationGroupingURI", "lastChangeDateTime", "notes", "extensions"}, []string{"identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI", "lastChangeDateTime"}},
	"definitions": {[]string{"CFConcepts", "CFSubjects", "CFLicenses", "CFItemTypes", "CFAssociationGroupings", "extensions"}, nil},
	"itemType":    {[]string{"identifier", "uri", "title", "description", "hierarchyCode", "typeCode", "lastChangeDateTime", "extensions"}, []string{"identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"}},
	"license":     {[]string{"identifier", "uri", "title", "description", "licenseText", "lastChangeDateTime", "extensions"}, []string{"identifier", "uri", "title", "licenseText", "lastChangeDateTime"}},
	"rubric":      {[]string{"identifier", "uri", "title", "description", "lastChangeDateTime", "CFRubricCriteria", "extensions"}, []string{"identifier", "uri", "lastChangeDateTime"}},
	"criterion":   {[]string{"identifier", "uri", "category", "description", "CFItemURI", "weight", "position", "rubricId", "lastChangeDateTime", "CFRubricCriterionLevels", "extensions"}, []string{"identifier", "uri", "lastChangeDateTime"}},
	"level":       {[]string{"identifier", "uri", "description", "quality", "score", "feedback", "position", "rubricCriterionId", "lastChangeDateTime", "extensions"}, []string{"identifier", "uri", "lastChangeDateTime"}},
	"grouping":    {[]string{"identifier", "uri", "title", "description", "lastChangeDateTime", "extensions"}, []string{"identifier", "uri", "title", "lastChangeDateTime"}},
	"linkURI":     {[]string{"title", "identifier", "uri"}, []string{"title", "identifier", "uri"}},
	"linkGenURI":  {[]string{"title", "identifier", "uri", "targetType"}, []string{"title", "identifier", "uri"}},
}

var (
	caseUUID     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[8-9a-b][0-9a-f]{3}-[0-9a-f]{12}$`)
	caseTypes    = map[string]bool{"isChildOf": true, "isPeerOf": true, "isPartOf": true, "exactMatchOf": true, "precedes": true, "isRelatedTo": true, "replacedBy": true, "exemplar": true, "hasSkillLevel": true, "isTranslationOf": true}
	uuidFields   = map[string]bool{"identifier": true, "rubricId": true, "rubricCriterionId": true}
	dateTimeKeys = map[string]bool{"lastChangeDateTime": true}
)

type caseChecker struct{ problems []string }

func (c *caseChecker) bad(path, format string, args ...any) {
	c.problems = append(c.problems, path+": "+fmt.Sprintf(format, args...))
}

func (c *caseChecker) object(kind, path string, v any) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		c.bad(path, "not an object")
		return nil
	}
	spec := caseEntities[kind]
	allowed := map[string]bool{}
	for _, k := range spec.allowed {
		allowed[k] = true
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !allowed[k] {
			c.bad(path, "%s is not a %s field", k, kind)
		}
		s, isStr := m[k].(string)
		switch {
		case uuidFields[k] && kind != "linkGenURI" && (!isStr || !caseUUID.MatchString(s)):
			c.bad(path, "%s %v is not a lower-case UUID", k, m[k])
		case dateTimeKeys[k]:
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				c.bad(path, "%s %q is not a date-time", k, s)
			}
		case k == "uri" || k == "officialSourceURL":
			if u, err := url.Parse(s); err != nil || u.Scheme == "" {
				c.bad(path, "%s %q is not a URI", k, s)
			}
		}
	}
	for _, k := range spec.required {
		if _, ok := m[k]; !ok {
			c.bad(path, "missing required %s", k)
		}
	}
	return m
}

func (c *caseChecker) list(kind, path string, v any) {
	l, ok := v.([]any)
	if !ok && v != nil {
		c.bad(path, "not an array")
	}
	for i, x := range l {
		p := fmt.Sprintf("%s[%d]", path, i)
		m := c.object(kind, p, x)
		switch kind {
		case "item":
			if m["CFItemTypeURI"] != nil {
				c.object("linkURI", p+".CFItemTypeURI", m["CFItemTypeURI"])
			}
		case "association":
			c.object("linkGenURI", p+".originNodeURI", m["originNodeURI"])
			c.object("linkGenURI", p+".destinationNodeURI", m["destinationNodeURI"])
			if m["CFAssociationGroupingURI"] != nil {
				c.object("linkURI", p+".CFAssociationGroupingURI", m["CFAssociationGroupingURI"])
			}
			if t, _ := m["associationType"].(string); !caseTypes[t] {
				c.bad(p, "association type %q", t)
			}
			if s, ok := m["sequenceNumber"]; ok {
				if f, isNum := s.(float64); !isNum || f != float64(int32(f)) {
					c.bad(p, "sequenceNumber %v is not an integer", s)
				}
			}
		case "rubric":
			c.list("criterion", p+".CFRubricCriteria", m["CFRubricCriteria"])
		case "criterion":
			c.list("level", p+".CFRubricCriterionLevels", m["CFRubricCriterionLevels"])
		}
	}
}

// Every export must pass a strict CASE 1.1 reader: only the fields the
// specification defines, the required ones present, identifiers as UUIDs.
func TestCASEExportShape(t *testing.T) {
	set, fws := allFrameworks(t)
	licensed := *set.Get("mini")
	licensed.Provenance.Licence = "CC BY 4.0"
	fws = append(fws, &licensed)
	related := map[*framework.Framework]int{}
	for _, f := range fws {
		var buf bytes.Buffer
		if _, err := WriteCASE(&buf, f, ExportOptions{Set: set, Time: exportTime, BaseURI: "https://case.example.org/ims/case/v1p0/"}); err != nil {
			t.Fatal(err)
		}
		var pkg any
		if err := json.Unmarshal(buf.Bytes(), &pkg); err != nil {
			t.Fatal(err)
		}
		c := &caseChecker{}
		m := c.object("package", "package", pkg)
		doc := c.object("document", "CFDocument", m["CFDocument"])
		if doc["licenseURI"] != nil {
			c.object("linkURI", "CFDocument.licenseURI", doc["licenseURI"])
		}
		c.list("item", "CFItems", m["CFItems"])
		c.list("association", "CFAssociations", m["CFAssociations"])
		defs := c.object("definitions", "CFDefinitions", m["CFDefinitions"])
		c.list("itemType", "CFDefinitions.CFItemTypes", defs["CFItemTypes"])
		c.list("license", "CFDefinitions.CFLicenses", defs["CFLicenses"])
		c.list("grouping", "CFDefinitions.CFAssociationGroupings", defs["CFAssociationGroupings"])
		c.list("rubric", "CFRubrics", m["CFRubrics"])
		for _, p := range c.problems {
			t.Errorf("%s: %s", f.ID, p)
		}
		// Every isRelatedTo names a grouping the definitions hold.
		groupings := map[string]bool{}
		for _, g := range asList(defs["CFAssociationGroupings"]) {
			groupings[fmt.Sprint(g.(map[string]any)["identifier"])] = true
		}
		for _, a := range asList(m["CFAssociations"]) {
			as := a.(map[string]any)
			if as["associationType"] != "isRelatedTo" {
				continue
			}
			related[f]++
			if g, _ := as["CFAssociationGroupingURI"].(map[string]any); g == nil || !groupings[fmt.Sprint(g["identifier"])] {
				t.Errorf("%s: isRelatedTo %v names no grouping of the package", f.ID, as["identifier"])
			}
		}
	}
	// The shipped frameworks have close and related links; they must be there.
	for _, f := range fws {
		if n := len(f.Competences()); n > 0 {
			want := 0
			for _, c := range f.Competences() {
				for _, l := range c.Links() {
					if l.Type != framework.LinkExact && set.Owner(l.Code) != nil {
						want++
					}
				}
			}
			if related[f] != want {
				t.Errorf("%s: %d isRelatedTo associations, want %d (its close and related links)", f.ID, related[f], want)
			}
		}
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
