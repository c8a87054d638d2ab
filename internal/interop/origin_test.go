package interop

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// The tests in this file check that a framework imported from Moodle or
// CASE goes back as it came: they read the source and the export with
// their own simple parsing (encoding/csv, encoding/json), not with the
// code under test.

// mrow is a Moodle row as the test reads it: by column key.
type mrow map[string]string

// moodleRows reads a Moodle CSV's rows by position (12 or 14 columns).
func moodleRows(t *testing.T, data []byte) (header []string, rows []mrow) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"parentidnumber", "idnumber", "shortname", "description", "descriptionformat", "scalevalues", "scaleconfiguration",
		"ruletype", "ruleoutcome", "ruleconfig", "relatedidnumbers", "exportid", "isframework", "taxonomy"}
	if len(all[0]) == 12 {
		keys = append(keys[:10:10], "isframework", "taxonomy")
	}
	for _, rec := range all[1:] {
		m := mrow{}
		for i, k := range keys {
			if i < len(rec) {
				m[k] = rec[i]
			}
		}
		rows = append(rows, m)
	}
	return all[0], rows
}

// htmlWords is text without markup: tags dropped, entities decoded, white
// space collapsed (what "up to HTML normalisation" means here).
func htmlWords(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(s, " "))), " ")
}

// sameMoodleRows reports the first differences between two files' rows:
// the same rows in the same order, with the same id numbers, parents,
// short names, descriptions (up to HTML normalisation), scales, rules,
// cross-references, exported ids and taxonomy.
func sameMoodleRows(t *testing.T, want, got []mrow) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%d rows, want %d", len(got), len(want))
	}
	n := 0
	for i := 0; i < len(want) && i < len(got) && n < 10; i++ {
		for _, k := range []string{"parentidnumber", "idnumber", "shortname", "description", "scalevalues", "scaleconfiguration",
			"ruletype", "ruleoutcome", "ruleconfig", "relatedidnumbers", "exportid", "isframework", "taxonomy"} {
			w, g := want[i][k], got[i][k]
			if k == "description" {
				w, g = htmlWords(w), htmlWords(g)
			}
			if k == "isframework" {
				w, g = fmt.Sprint(truthy(w)), fmt.Sprint(truthy(g))
			}
			if w != g {
				t.Errorf("row %d (%s) %s:\n  want %q\n  got  %q", i+1, want[i]["idnumber"], k, w, g)
				n++
			}
		}
	}
}

func exportAs(t *testing.T, f *framework.Framework, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	opt := ExportOptions{Time: exportTime, Tool: "reflect test"}
	if format == FormatCASEJSON {
		_, err = WriteCASE(&buf, f, opt)
	} else {
		_, err = WriteMoodleCSV(&buf, f, opt)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reimport writes f as YAML and parses it again, as a person's file would
// be: the origin must survive the framework file.
func reimport(t *testing.T, f *framework.Framework) *framework.Framework {
	t.Helper()
	y, err := MarshalYAML(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	g, probs := framework.Parse("imported.yaml", y)
	if len(probs) == 0 {
		probs = framework.Validate(g)
	}
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return g
}

// casePackage is a CASE file as the test reads it.
type casePkg struct {
	doc, defs, rubrics any
	items, assocs      map[string]map[string]any
	order              []string
}

func readPkg(t *testing.T, data []byte) casePkg {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &top); err != nil {
		t.Fatal(err)
	}
	if inner, ok := top["CFPackage"].(map[string]any); ok {
		top = inner
	}
	p := casePkg{doc: top["CFDocument"], defs: top["CFDefinitions"], rubrics: top["CFRubrics"], items: map[string]map[string]any{}, assocs: map[string]map[string]any{}}
	for _, v := range top["CFItems"].([]any) {
		m := v.(map[string]any)
		id := fmt.Sprint(m["identifier"])
		p.items[id] = m
		p.order = append(p.order, id)
	}
	for i, v := range top["CFAssociations"].([]any) {
		m := v.(map[string]any)
		id, ok := m["identifier"].(string)
		if !ok {
			id = fmt.Sprintf("association %d", i+1) // some files give none
		}
		p.assocs[id] = m
	}
	return p
}

// sameCASE reports how two packages' items and associations differ: every
// item with the same properties, byte for byte but for Windows line
// breaks (a framework file holds no carriage returns, so they come back as
// line feeds), every
// association the same, the document, definitions and rubrics the same.
func sameCASE(t *testing.T, want, got casePkg) {
	t.Helper()
	n := 0
	report := func(format string, args ...any) {
		if n < 10 {
			t.Errorf(format, args...)
		}
		n++
	}
	if !reflect.DeepEqual(want.order, got.order) {
		report("items in another order:\n  want %v\n  got  %v", want.order, got.order)
	}
	for id, w := range want.items {
		g, ok := got.items[id]
		if !ok {
			report("item %s is missing", id)
			continue
		}
		for k := range w {
			wv, gv := w[k], g[k]
			if s, ok := wv.(string); ok {
				wv = strings.ReplaceAll(s, "\r\n", "\n")
			}
			if !reflect.DeepEqual(wv, gv) {
				report("item %s %s:\n  want %v\n  got  %v", id, k, wv, gv)
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				report("item %s has %s, which the source does not", id, k)
			}
		}
	}
	if len(got.items) != len(want.items) {
		report("%d items, want %d", len(got.items), len(want.items))
	}
	for id, w := range want.assocs {
		if g, ok := got.assocs[id]; !ok || !reflect.DeepEqual(w, g) {
			report("association %s:\n  want %v\n  got  %v", id, w, g)
		}
	}
	if len(got.assocs) != len(want.assocs) {
		report("%d associations, want %d", len(got.assocs), len(want.assocs))
	}
	for _, part := range []struct {
		name string
		w, g any
	}{{"CFDocument", want.doc, got.doc}, {"CFDefinitions", want.defs, got.defs}, {"CFRubrics", want.rubrics, got.rubrics}} {
		if !reflect.DeepEqual(part.w, part.g) {
			report("%s:\n  want %v\n  got  %v", part.name, part.w, part.g)
		}
	}
}

// roundTrip imports data, writes the framework file and reads it back,
// and exports it to the same format.
func roundTrip(t *testing.T, format, name string, data []byte) (*framework.Framework, []byte) {
	t.Helper()
	f, _, err := Import(format, name, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f = reimport(t, f)
	return f, exportAs(t, f, format)
}

// Every Moodle CSV and CASE package in ../shared/interop, and the fixtures
// of our own, go back as they came.
func TestOriginRoundTrip(t *testing.T) {
	type file struct{ name, path string }
	var files []file
	for _, n := range []string{"moodle-12col.csv", "moodle-14col.csv", "moodle-semicolon-cp1252.csv", "case-package.json", "case-wrapped.json"} {
		files = append(files, file{n, filepath.Join(repoRoot(t), "testdata", "interop", n)})
	}
	if dir := filepath.Join(filepath.Dir(repoRoot(t)), "shared", "interop"); dirExists(dir) {
		paths, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range paths {
			if n := filepath.Base(p); strings.HasPrefix(n, "moodle-") || strings.HasSuffix(n, ".case.json") {
				files = append(files, file{n, p})
			}
		}
	} else {
		t.Logf("no real interop files at %s; only the fixtures", dir)
	}
	for _, fl := range files {
		t.Run(fl.name, func(t *testing.T) {
			data, err := os.ReadFile(fl.path)
			if err != nil {
				t.Fatal(err)
			}
			format := Detect(fl.name, data)
			f, out := roundTrip(t, format, fl.name, data)
			if format == FormatMoodleCSV {
				text, _ := decodeText(data) // Windows-1252 in one fixture
				if strings.Contains(fl.name, "semicolon") {
					text = strings.ReplaceAll(text, ";", ",")
				}
				_, want := moodleRows(t, []byte(text))
				header, got := moodleRows(t, out)
				if len(header) != 14 {
					t.Errorf("the export has %d columns", len(header))
				}
				if strings.Contains(fl.name, "semicolon") {
					return // the separator changed; the values are checked by its import test
				}
				sameMoodleRows(t, want, got)
				checkTitles(t, want, f)
				return
			}
			sameCASE(t, readPkg(t, data), readPkg(t, out))
			checkCASECodes(t, readPkg(t, data), f)
		})
	}
}

func dirExists(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}

// checkTitles: every Moodle short name that says more than the start of
// its description is the competence's title, verbatim up to white space.
func checkTitles(t *testing.T, rows []mrow, f *framework.Framework) {
	titled := 0
	for _, r := range rows {
		if truthy(r["isframework"]) {
			continue
		}
		c := f.Competence(strings.TrimSpace(r["idnumber"]))
		if c == nil {
			continue
		}
		name, desc := collapse(html.UnescapeString(r["shortname"])), htmlWords(r["description"])
		short := strings.TrimSpace(strings.TrimSuffix(name, "..."))
		if desc == "" || strings.EqualFold(name, desc) || strings.HasSuffix(name, "...") && strings.HasPrefix(strings.ToLower(desc), strings.ToLower(short)) {
			if c.Title != "" {
				t.Errorf("%s has the title %q, which only repeats its description", c.Code, c.Title)
			}
			continue
		}
		titled++
		if c.Title != name {
			t.Errorf("%s: title %q, want the short name %q", c.Code, c.Title, name)
		}
	}
	t.Logf("%d competences titled with their short names", titled)
}

// checkCASECodes: a humanCodingScheme that is a valid code is the code,
// verbatim, and an abbreviatedStatement the competence's title.
func checkCASECodes(t *testing.T, p casePkg, f *framework.Framework) {
	for _, id := range p.order {
		it := p.items[id]
		hcs, _ := it["humanCodingScheme"].(string)
		if !framework.ValidCode(hcs) {
			continue
		}
		c := f.Competence(hcs)
		if c == nil {
			if f.Area(hcs) == nil && f.Domain(hcs) == nil && !folded(f, id) {
				t.Errorf("humanCodingScheme %q is no code of the framework", hcs)
			}
			continue
		}
		if abbr, _ := it["abbreviatedStatement"].(string); abbr != "" && collapse(abbr) != collapse(c.Statement) && c.Title != collapse(abbr) {
			t.Errorf("%s: title %q, want the abbreviated statement %q", c.Code, c.Title, abbr)
		}
	}
}

func folded(f *framework.Framework, id string) bool {
	for _, e := range f.Origin.Entries {
		if e.ID == id && e.Code == "" {
			return true
		}
	}
	return false
}

// An export from the origin writes what was edited since the import from
// the framework, leaves out what was deleted, adds what was added under
// its parent's id, moves what was moved, and keeps everything else as it
// came.
func TestOriginEditsMoodle(t *testing.T) {
	data := fixture(t, "interop/moodle-14col.csv")
	f, _, err := Import(FormatMoodleCSV, "x.csv", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f = reimport(t, f)
	f.Competence("P1.1.1").Statement = "Notices, and says so, when a peer is struggling"
	f.Competence("P2.1.2").Title = "Wellbeing"
	a := f.Area("P2.1")
	a.Competences = append(a.Competences, &framework.Competence{Code: "NEW.1", Kind: "skill", Statement: "Something new"})
	moved := f.Competence("P1.1.2")
	f.Area("P1.1").Competences = f.Area("P1.1").Competences[:1]
	a.Competences = append(a.Competences, moved)
	a.Competences = slicesDelete(a.Competences, "P2.1.1")
	f = reimport(t, f)

	_, want := moodleRows(t, data)
	_, got := moodleRows(t, exportAs(t, f, FormatMoodleCSV))
	byID := map[string]mrow{}
	for _, r := range got {
		byID[r["idnumber"]] = r
	}
	if r := byID["P1.1.1"]; htmlWords(r["description"]) != "Notices, and says so, when a peer is struggling" || r["ruletype"] != `core\competency\competency_rule_all` || r["relatedidnumbers"] != "P2.1.1" {
		t.Errorf("edited statement: %v", r)
	}
	if r := byID["P2.1.2"]; r["shortname"] != "Wellbeing" || htmlWords(r["description"]) != "Looks after own wellbeing" {
		t.Errorf("edited title: %v", r)
	}
	if r := byID["NEW.1"]; r["parentidnumber"] != "P2.1" || htmlWords(r["description"]) != "Something new" {
		t.Errorf("added: %v", r)
	}
	if r := byID["P1.1.2"]; r["parentidnumber"] != "P2.1" || r["scalevalues"] != "Yes,No" {
		t.Errorf("moved: %v", r)
	}
	if _, ok := byID["P2.1.1"]; ok {
		t.Errorf("a deleted competence was written")
	}
	for _, w := range want {
		switch id := w["idnumber"]; id {
		case "P1.1.1", "P2.1.2", "P1.1.2", "P2.1.1":
		default:
			sameMoodleRows(t, []mrow{w}, []mrow{byID[id]})
		}
	}
}

func TestOriginEditsCASE(t *testing.T) {
	data := fixture(t, "interop/case-package.json")
	f, _, err := Import(FormatCASEJSON, "x.json", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f = reimport(t, f)
	f.Competence("S.1.2").Statement = "Talks with a young person, without judging"
	f.Competence("S.1.2").Items = nil
	a := f.Area("S.1")
	a.Competences = append(a.Competences, &framework.Competence{Code: "NEW.1", Kind: "skill", Statement: "Something new"})
	a.Competences = slicesDelete(a.Competences, "S.1.3")
	f = reimport(t, f)
	want, got := readPkg(t, data), readPkg(t, exportAs(t, f, FormatCASEJSON))
	var edited, added map[string]any
	for _, it := range got.items {
		switch it["humanCodingScheme"] {
		case "S.1.2":
			edited = it
		case "NEW.1":
			added = it
		}
	}
	if edited == nil || edited["fullStatement"] != "Talks with a young person, without judging" || edited["uri"] != want.items[fmt.Sprint(edited["identifier"])]["uri"] {
		t.Errorf("edited item: %v", edited)
	}
	if added == nil {
		t.Fatal("the added competence is not in the package")
	}
	var parentOfNew, deletedLinks int
	for _, as := range got.assocs {
		from := linkID(as["originNodeURI"])
		if from == added["identifier"] && as["associationType"] == "isChildOf" {
			if linkID(as["destinationNodeURI"]) == "6f1c3a52-0000-4000-8000-100000000002" {
				parentOfNew++
			}
		}
		if from == "6f1c3a52-0000-4000-8000-100000000005" {
			deletedLinks++
		}
	}
	if parentOfNew != 1 || deletedLinks != 0 {
		t.Errorf("the new item has %d isChildOf links to S.1; the deleted one %d links", parentOfNew, deletedLinks)
	}
	for id, it := range want.items {
		if it["humanCodingScheme"] == "S.1.2" || it["humanCodingScheme"] == "S.1.3" {
			continue
		}
		if !reflect.DeepEqual(it, got.items[id]) {
			t.Errorf("unedited item %s changed:\n  want %v\n  got  %v", id, it, got.items[id])
		}
	}
}

// linkID is a LinkURI's identifier, or a plain URI's last part.
func linkID(v any) string {
	if m, ok := v.(map[string]any); ok {
		return fmt.Sprint(m["identifier"])
	}
	s := fmt.Sprint(v)
	return s[strings.LastIndex(s, "/")+1:]
}

func slicesDelete(cs []*framework.Competence, code string) []*framework.Competence {
	var out []*framework.Competence
	for _, c := range cs {
		if c.Code != code {
			out = append(out, c)
		}
	}
	return out
}

// A close crosswalk link added to an imported CASE framework goes back as
// an isRelatedTo association in reflect's "close" grouping (added to the
// package's definitions), its rationale a line of the item's notes; and an
// import of that package finds the same typed link with its rationale.
func TestOriginCrosswalkAddedCASE(t *testing.T) {
	set, _ := allFrameworks(t)
	known := func(c string) bool { return set.Competence(c) != nil }
	data := fixture(t, "interop/case-package.json")
	f, _, err := Import(FormatCASEJSON, "x.json", data, Options{Known: known})
	if err != nil {
		t.Fatal(err)
	}
	f = reimport(t, f)
	target := set.Frameworks()[0].Competences()[0].Code
	c := f.Competence("S.1.2")
	c.Crosswalk = append(c.Crosswalk, &framework.Link{Code: target, Type: framework.LinkClose, Rationale: "Much the same, for adults"})
	f = reimport(t, f)
	var buf bytes.Buffer
	notes, err := WriteCASE(&buf, f, ExportOptions{Set: set, Time: exportTime})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(notes), "1 crosswalk link added since the import became new associations") {
		t.Errorf("notes: %v", notes)
	}
	got := readPkg(t, buf.Bytes())
	var item map[string]any
	for _, it := range got.items {
		if it["humanCodingScheme"] == "S.1.2" {
			item = it
		}
	}
	if n, _ := item["notes"].(string); !strings.Contains(n, "Crosswalk link to "+target+" (close): Much the same, for adults") {
		t.Errorf("S.1.2 notes: %q", n)
	}
	found := 0
	var checker caseChecker
	for _, as := range got.assocs {
		if as["associationType"] != "isRelatedTo" || linkID(as["originNodeURI"]) != item["identifier"] {
			continue
		}
		found++
		checker.list("association", "the new association", []any{as})
		g, _ := as["CFAssociationGroupingURI"].(map[string]any)
		if g["title"] != "reflect crosswalk: close" {
			t.Errorf("grouping %v", g)
		}
	}
	if found != 1 {
		t.Errorf("%d isRelatedTo associations from S.1.2", found)
	}
	defs, _ := got.defs.(map[string]any)
	if gs, _ := defs["CFAssociationGroupings"].([]any); len(gs) != 1 {
		t.Errorf("groupings: %v", defs["CFAssociationGroupings"])
	}
	for _, p := range checker.problems {
		t.Error(p)
	}
	// Read back: the same typed link, with its rationale.
	g, _, err := Import(FormatCASEJSON, "again.json", buf.Bytes(), Options{Known: known})
	if err != nil {
		t.Fatal(err)
	}
	links := g.Competence("S.1.2").Links()
	if len(links) != 1 || links[0].Code != target || links[0].Type != framework.LinkClose || links[0].Rationale != "Much the same, for adults" {
		t.Errorf("links read back: %+v", links)
	}
}
