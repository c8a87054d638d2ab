package interop

import (
	"strings"
	"testing"
)

// Seeds in the shape of reflect's own exports: a CASE package with typed
// crosswalk links (an isRelatedTo in reflect's close grouping, rationale
// lines in the notes), a domain's alternativeLabel and the review and
// guide lines; a Moodle file with the same lines and a guide title.
const (
	fuzzOwnCASE = `{"CFDocument":{"identifier":"d","uri":"urn:uuid:d","creator":"c","title":"T","notes":"Based on: X\nWording: tool (own)\nFramework id: t\nLast reviewed: 2026-01-02\nReview covered: all\nNext review due: 2027-01\nGuide introduction: Hello\nGuide help: Samaritans — Call 116 123\nGuide help: Samaritans — twice\nGuide notice: ours"},` +
		`"CFItems":[{"identifier":"a","fullStatement":"Domain","humanCodingScheme":"T.1","alternativeLabel":"Plain"},{"identifier":"b","fullStatement":"Area","humanCodingScheme":"T.1.1"},` +
		`{"identifier":"c","fullStatement":"Can do it","humanCodingScheme":"T.1.1.1","notes":"Crosswalk link to K.1 (close): much the same\nCrosswalk link to K.2 (exact): the same\nother"}],` +
		`"CFAssociations":[{"identifier":"1","associationType":"isChildOf","originNodeURI":{"identifier":"a"},"destinationNodeURI":{"identifier":"d"}},` +
		`{"identifier":"2","associationType":"isChildOf","originNodeURI":{"identifier":"b"},"destinationNodeURI":{"identifier":"a"}},` +
		`{"identifier":"3","associationType":"isChildOf","originNodeURI":{"identifier":"c"},"destinationNodeURI":{"identifier":"b"}},` +
		`{"identifier":"4","associationType":"isRelatedTo","originNodeURI":{"identifier":"c"},"destinationNodeURI":{"title":"K.1","identifier":"k1"},"CFAssociationGroupingURI":{"title":"reflect crosswalk: close","identifier":"g"}},` +
		`{"identifier":"5","associationType":"exactMatchOf","originNodeURI":{"identifier":"c"},"destinationNodeURI":{"title":"K.2","identifier":"k2"}},` +
		`{"identifier":"6","associationType":"isRelatedTo","originNodeURI":{"identifier":"c"},"destinationNodeURI":{"title":"K.3","identifier":"k3"}}],` +
		`"CFDefinitions":{"CFAssociationGroupings":[{"identifier":"g","title":"reflect crosswalk: close"}]}}`
	fuzzOwnMoodle = "Parent ID number,ID number,Short name,Description,Is framework\n" +
		",t,T,\"<p>Based on: X</p><p>Wording: tool</p><p>Last reviewed: 2026-01</p><p>Review covered: all</p><p>Next review due: 2026-01</p><p>Guide help: A — B</p>\",1\n" +
		",T.1,Domain,<p>Title in the guide for people who receive support: Plain</p>,\nT.1,T.1.1,Area,,\nT.1.1,T.1.1.1,Can do it,,\n"
)

// FuzzImport is 'reflect frameworks import' without --from: the format is
// detected from the content, then read and fitted with the options a
// person may give (--id, --prefix, --kind). It must never panic, and an
// import that succeeds must write YAML that parses and validates.
func FuzzImport(f *testing.F) {
	seeds(f, "*.csv")
	seeds(f, "*.json")
	f.Add([]byte("Parent ID number,ID number,Short name,Is framework\n,F,Frame,1\n,a,A,\na,b,B,\n"))
	for _, format := range Formats {
		f.Add(chain(format, MaxDepth+1))
		f.Add(wide(format, 30))
	}
	f.Add([]byte(fuzzOwnCASE))
	f.Add([]byte(fuzzOwnMoodle))
	// Codes starting K. stand for competences of another loaded framework.
	known := func(c string) bool { return strings.HasPrefix(c, "K.") }
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opt := range []Options{{}, {ID: "imported", Prefix: "X", DefaultKind: "skill"}, {Known: known}} {
			fw, rep, err := Import("", "fuzz.dat", data, opt)
			if err != nil {
				continue
			}
			checkImported(t, fw, rep)
		}
	})
}
