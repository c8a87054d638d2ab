package interop

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/recordtest"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// The tests in this file read the real third-party files in
// ../shared/interop (see its SOURCES.md) and derive what to expect from
// them with their own, deliberately simple, parsing: counts of rows and
// CFItems, the parent of each entry and the order of siblings.

// tnode is an entry of a file as the test reads it.
type tnode struct {
	id, title, text string
	parent          *tnode
	kids            []*tnode
}

type ttree struct {
	title string
	roots []*tnode
	all   []*tnode
}

func (t *ttree) leaves() []*tnode {
	var out []*tnode
	var walk func([]*tnode)
	walk = func(ns []*tnode) {
		for _, n := range ns {
			if len(n.kids) == 0 {
				out = append(out, n)
			}
			walk(n.kids)
		}
	}
	walk(t.roots)
	return out
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// alnum keeps only letters and digits, lower-cased: enough to compare text
// across HTML, Markdown and YAML without trusting the code under test.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func itemsText(items []*framework.Item) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.Text + " " + itemsText(it.Items))
	}
	return b.String()
}

func readMoodleTree(t *testing.T, path string) (*ttree, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff")))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 || !strings.EqualFold(strings.TrimSpace(rows[0][0]), "parent id number") {
		return nil, false // not a Moodle competency framework CSV
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		t.Fatalf("%s: no column %q", path, name)
		return -1
	}
	fw, short, desc := col("Is framework"), 2, 3
	tr := &ttree{}
	byID := map[string]*tnode{}
	var parents []string
	for _, row := range rows[1:] {
		if fw < len(row) && row[fw] == "1" {
			tr.title = row[short]
			continue
		}
		text := html.UnescapeString(tagRE.ReplaceAllString(row[desc], " "))
		if strings.TrimSpace(text) == "" {
			text = row[short]
		}
		n := &tnode{id: row[1], title: row[short], text: text}
		tr.all = append(tr.all, n)
		byID[n.id] = n
		parents = append(parents, row[0])
	}
	for i, n := range tr.all {
		if parents[i] == "" {
			tr.roots = append(tr.roots, n)
			continue
		}
		p := byID[parents[i]]
		if p == nil {
			t.Fatalf("%s: %s names a missing parent %q", path, n.id, parents[i])
		}
		n.parent = p
		p.kids = append(p.kids, n)
	}
	return tr, true
}

func readCASETree(t *testing.T, path string) *ttree {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		CFDocument struct {
			Identifier, Title string
		}
		CFItems []struct {
			Identifier, FullStatement, AbbreviatedStatement, HumanCodingScheme string
		}
		CFAssociations []struct {
			AssociationType    string
			SequenceNumber     json.RawMessage // a number, or in some files a string
			OriginNodeURI      struct{ Identifier string }
			DestinationNodeURI struct{ Identifier string }
		}
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tr := &ttree{title: pkg.CFDocument.Title}
	byID := map[string]*tnode{}
	for _, it := range pkg.CFItems {
		n := &tnode{id: it.Identifier, title: it.AbbreviatedStatement, text: it.FullStatement}
		tr.all = append(tr.all, n)
		byID[n.id] = n
	}
	type ref struct {
		n        *tnode
		seq, idx int
		has      bool
	}
	kids := map[string][]ref{}
	for i, a := range pkg.CFAssociations {
		if a.AssociationType != "isChildOf" {
			continue
		}
		r := ref{n: byID[a.OriginNodeURI.Identifier], idx: i}
		if r.n == nil {
			t.Fatalf("%s: association %d names a child outside the package", path, i)
		}
		if raw := strings.Trim(string(a.SequenceNumber), `"`); raw != "" && raw != "null" {
			seq, err := strconv.Atoi(raw)
			if err != nil {
				t.Fatalf("%s: sequenceNumber %s", path, a.SequenceNumber)
			}
			r.seq, r.has = seq, true
		}
		kids[a.DestinationNodeURI.Identifier] = append(kids[a.DestinationNodeURI.Identifier], r)
	}
	sorted := func(id string) []*tnode {
		list := kids[id]
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].has != list[j].has {
				return list[i].has
			}
			if list[i].seq != list[j].seq {
				return list[i].seq < list[j].seq
			}
			return list[i].idx < list[j].idx
		})
		var out []*tnode
		for _, r := range list {
			out = append(out, r.n)
		}
		return out
	}
	for _, n := range tr.all {
		n.kids = sorted(n.id)
		for _, k := range n.kids {
			k.parent = n
		}
	}
	tr.roots = sorted(pkg.CFDocument.Identifier)
	return tr
}

// checkImport asserts that the import kept every entry, the order of the
// leaves, their text, and the hierarchy.
func checkImport(t *testing.T, tr *ttree, f *framework.Framework, rep *Report) {
	t.Helper()
	if rep.SourceCount != len(tr.all) {
		t.Errorf("the report counts %d entries; the file has %d", rep.SourceCount, len(tr.all))
	}
	// Every entry is placed exactly once.
	code := map[string]string{}
	role := map[string]string{}
	for _, p := range rep.Placements {
		if p.Source == "" {
			continue
		}
		if _, dup := role[p.Source]; dup {
			t.Errorf("entry %s placed twice", p.Source)
		}
		code[p.Source], role[p.Source] = p.Code, p.Role
	}
	for _, n := range tr.all {
		if role[n.id] == "" {
			t.Errorf("entry %s (%q) was not placed", n.id, n.title)
		}
	}
	// Leaves are the competences, in document order, with their text.
	leaves := tr.leaves()
	cs := f.Competences()
	if len(cs) != len(leaves) {
		t.Fatalf("%d competences; the file has %d entries without children", len(cs), len(leaves))
	}
	byCode := map[string]*tnode{}
	for _, n := range tr.all {
		byCode[code[n.id]] = n
	}
	for i, leaf := range leaves {
		c := cs[i]
		if code[leaf.id] != c.Code || role[leaf.id] != RoleCompetence {
			t.Errorf("competence %d is %s; the file's entry %d is %s (%s)", i+1, c.Code, i+1, leaf.id, code[leaf.id])
			continue
		}
		if got, want := alnum(c.Statement+" "+itemsText(c.Items)), alnum(leaf.text); !strings.HasPrefix(got, want) {
			t.Errorf("%s: statement %q does not carry the text %q", c.Code, c.Statement, leaf.text)
		}
		// The area is the leaf's parent, or an area made for leaves that
		// sit directly under a domain or higher.
		a := c.Area
		if src := byCode[a.Code]; src != nil && role[src.id] == RoleArea {
			if leaf.parent != src {
				t.Errorf("%s is in area %s, but its parent in the file is %v", c.Code, a.Code, leaf.parent)
			}
		} else if leaf.parent != nil && onlyLeaves(leaf.parent) {
			t.Errorf("%s is in a made area %s, but its parent %s could have been the area", c.Code, a.Code, leaf.parent.id)
		}
	}
	for _, d := range f.Domains {
		for _, a := range d.Areas {
			src := byCode[a.Code]
			if src == nil || role[src.id] != RoleArea {
				continue
			}
			if dsrc := byCode[d.Code]; dsrc != nil && role[dsrc.id] == RoleDomain {
				if src.parent != dsrc {
					t.Errorf("area %s is in domain %s, but its parent in the file is %v", a.Code, d.Code, src.parent)
				}
				if !strings.HasSuffix(d.Title, collapse(labelOf(dsrc))) {
					t.Errorf("domain %s title %q does not end with %q", d.Code, d.Title, labelOf(dsrc))
				}
				for p := dsrc.parent; p != nil; p = p.parent {
					if role[p.id] != RoleFolded {
						t.Errorf("domain %s has an ancestor %s that is a %s", d.Code, p.id, role[p.id])
					} else if !strings.Contains(d.Title, collapse(labelOf(p))) {
						t.Errorf("domain %s title %q does not name the folded level %q", d.Code, d.Title, labelOf(p))
					}
				}
			}
		}
	}
	// Counts: every entry is a competence, an area, a domain or folded.
	var nDomains, nAreas, nFolded int
	for _, n := range tr.all {
		switch role[n.id] {
		case RoleDomain:
			nDomains++
		case RoleArea:
			nAreas++
		case RoleFolded:
			nFolded++
		}
	}
	if nDomains+nAreas+nFolded+len(leaves) != len(tr.all) {
		t.Errorf("%d domains + %d areas + %d folded + %d competences from the file ≠ %d entries", nDomains, nAreas, nFolded, len(leaves), len(tr.all))
	}
}

func onlyLeaves(n *tnode) bool {
	for _, k := range n.kids {
		if len(k.kids) > 0 {
			return false
		}
	}
	return true
}

func labelOf(n *tnode) string {
	if strings.TrimSpace(n.title) != "" {
		return n.title
	}
	return n.text
}

func TestRealFiles(t *testing.T) {
	dir := sharedInterop(t)
	set := recordtest.LoadEmbedded(t)
	known := func(c string) bool { return set.Competence(c) != nil }
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	var moodle, cases int
	for _, path := range files {
		name := filepath.Base(path)
		var tr *ttree
		switch {
		case strings.HasSuffix(name, ".csv"):
			var ok bool
			if tr, ok = readMoodleTree(t, path); !ok {
				continue // e.g. OpenSALT's spreadsheet format, which is not Moodle's
			}
			moodle++
		case strings.HasSuffix(name, ".case.json"):
			tr = readCASETree(t, path)
			cases++
		default:
			continue
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, rep, err := Import("", name, data, Options{Known: known})
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != collapse(tr.title) {
				t.Errorf("title %q, want %q", f.Title, tr.title)
			}
			checkImport(t, tr, f, rep)
			// The YAML written validates beside the shipped frameworks.
			y, err := MarshalYAML(f, rep.Lines())
			if err != nil {
				t.Fatal(err)
			}
			g, probs := framework.Parse(name+".yaml", y)
			if len(probs) == 0 {
				_, probs = set.With(g)
			}
			for _, p := range probs {
				t.Error(p)
			}
			if g != nil {
				d, a, c := g.Count()
				t.Logf("%d entries → %d domains, %d areas, %d competences", len(tr.all), d, a, c)
			}
		})
	}
	if moodle != 2 || cases != 7 {
		t.Errorf("read %d Moodle and %d CASE files; SOURCES.md lists 2 and 7", moodle, cases)
	}
}

// The other real files are formats reflect does not read (DiRECT's YAML,
// JSON and CSV, OpenSALT's spreadsheet): each is refused with a message
// that says what it is not and what to do, never imported as something
// it is not.
func TestRealFilesOtherFormats(t *testing.T) {
	dir := sharedInterop(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	n := 0
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "moodle-") || strings.HasSuffix(name, ".case.json") || name == "SOURCES.md" {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = Import("", name, data, Options{})
			probs, ok := err.(yamlx.Problems)
			if !ok || len(probs) != 1 || probs[0].Hint == "" {
				t.Fatalf("want one problem with a hint, got %v", err)
			}
			t.Log(probs[0].Error())
		})
	}
	if n != 4 {
		t.Errorf("%d other files; SOURCES.md lists 4", n)
	}
}
