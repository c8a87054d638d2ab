package interop

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// seeds adds every fixture of the kind to the corpus, beside the corpus
// files Go keeps in testdata/fuzz/<FuzzName>/.
func seeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(f), "testdata", "interop", pattern))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// checkImported is the property every import must have: when it succeeds,
// the YAML it writes parses and validates as a framework.
func checkImported(t *testing.T, fw *framework.Framework, rep *Report) {
	y, err := MarshalYAML(fw, rep.Lines())
	if err != nil {
		t.Fatalf("MarshalYAML: %v", err)
	}
	g, probs := framework.Parse("fuzz.yaml", y)
	if len(probs) == 0 {
		probs = framework.Validate(g)
	}
	if len(probs) > 0 {
		t.Fatalf("an import produced an invalid framework:\n%v\n%s", probs, y)
	}
	// And it goes back to its own format, and that file reads again.
	if g.Origin != nil {
		var buf bytes.Buffer
		var err error
		if g.Origin.Format == FormatCASEJSON {
			_, err = WriteCASE(&buf, g, ExportOptions{})
		} else {
			_, err = WriteMoodleCSV(&buf, g, ExportOptions{})
		}
		if err != nil {
			t.Fatalf("export to %s: %v", g.Origin.Format, err)
		}
		if _, _, err := Import(g.Origin.Format, "again", buf.Bytes(), Options{}); err != nil {
			t.Fatalf("the export of an import does not import again: %v\n%s", err, buf.Bytes())
		}
	}
}

// checkRead is the property of a reader: when it reads the input and the
// result fits, the import is a valid framework.
func checkRead(t *testing.T, src *Source, err error) {
	if err != nil {
		return
	}
	fw, rep, err := Fit(src, Options{})
	if err != nil {
		return
	}
	checkImported(t, fw, rep)
}

func FuzzReadMoodleCSV(f *testing.F) {
	seeds(f, "*.csv")
	f.Add([]byte("Parent ID number,ID number,Short name,Is framework\n,F,Frame,1\n,a,A,\na,b,B,\n"))
	f.Add([]byte("Parent ID number;ID number;Short name;Description;Is framework\n;F;F;;1\n;x;X;\"<ul><li>a<ul><li>b\";\n"))
	// Deep and wide files, a header by position and shape, a cut-off file.
	f.Add(chain(FormatMoodleCSV, MaxDepth+2))
	f.Add(wide(FormatMoodleCSV, 30))
	f.Add([]byte(strings.Repeat("x,", 13) + "y\n,F,F,,1,\"a,b\",\"[]\",,,,,,1,\n,c,C,<p>c</p>,1,,,,0,null,,,,\n"))
	f.Add([]byte("Parent ID number,ID number,Short name,Description,Is framework\n,F,F,,1\n,a,A,\"<p>cut"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := ReadMoodleCSV("fuzz.csv", data)
		checkRead(t, src, err)
	})
}

func FuzzReadCASE(f *testing.F) {
	seeds(f, "*.json")
	f.Add([]byte(`{"CFDocument":{"identifier":"d"},"CFItems":[{"identifier":"a","fullStatement":"x"}],"CFAssociations":[{"associationType":"isChildOf","originNodeURI":"a","destinationNodeURI":"a"}]}`))
	f.Add([]byte(`{"CFDocument":{"identifier":"d"},"CFItems":[{"identifier":"a","fullStatement":"- a\n- b"},{"identifier":"b","fullStatement":"y","humanCodingScheme":"a"}],"CFAssociations":[{"associationType":"isChildOf","originNodeURI":{"identifier":"b"},"destinationNodeURI":{"identifier":"a"},"sequenceNumber":"1e9"}],"CFRubrics":[{"CFRubricCriteria":[{"CFRubricCriterionLevels":[{"score":2,"quality":"x"},{"score":1,"quality":"y"}]}]}]}`))
	f.Add(chain(FormatCASEJSON, MaxDepth+2))
	f.Add(wide(FormatCASEJSON, 30))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := ReadCASE("fuzz.json", data, func(code string) bool { return code == "MINI.1.1.1" })
		checkRead(t, src, err)
	})
}

func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{"<p>a<br>b</p>", "<ul><li>x<ul><li>y</ul></ul>", "<!-- x", "<script>", "a < b", "&amp;&#x1F600;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := htmlText(s)
		var check func([]*framework.Item)
		check = func(items []*framework.Item) {
			for _, it := range items {
				if it.Text == "" {
					t.Fatalf("empty item from %q", s)
				}
				check(it.Items)
			}
		}
		check(r.Items)
		m := markdownText(s)
		check(m.Items)
	})
}
