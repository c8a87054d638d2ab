package frameworks_test

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/framework"
)

func load(t testing.TB) *framework.Set {
	t.Helper()
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatalf("shipped frameworks are invalid:\n%v", err)
	}
	return set
}

// The three NCCMH frameworks, by the ids and code prefixes reflect uses.
var shipped = map[string]string{"cyp": "CYP.", "adults": "ADU.", "community": "CPH."}

func TestShippedFrameworksAreCompleteAndHonest(t *testing.T) {
	set := load(t)
	for _, f := range set.Frameworks() {
		t.Run(f.ID, func(t *testing.T) {
			prefix, ok := shipped[f.ID]
			if !ok {
				t.Fatalf("unexpected framework %q in frameworks/", f.ID)
			}
			d, a, c := f.Count()
			if d < 6 || a < 30 || c < 180 {
				t.Errorf("%d domains, %d areas, %d competences; want at least 6, 30, 180", d, a, c)
			}
			if f.Provenance.Wording != framework.WordingTool {
				t.Errorf("wording = %q: the shipped statements are reflect's own", f.Provenance.Wording)
			}
			n := strings.ToLower(f.Provenance.Notice)
			if !strings.Contains(n, "not") || !strings.Contains(n, "official") {
				t.Errorf("the provenance notice must say the wording is not the official text: %q", f.Provenance.Notice)
			}
			if !strings.Contains(f.Provenance.BasedOn, "National Collaborating Centre for Mental Health") || !strings.Contains(f.Provenance.BasedOn, "2018") {
				t.Errorf("based_on must name the NCCMH document: %q", f.Provenance.BasedOn)
			}
			if f.Provenance.OfficialURL == "" {
				t.Error("provenance must say where the official documents are")
			}
			kinds := map[string]int{}
			for _, dom := range f.Domains {
				if !strings.HasPrefix(dom.Code, prefix) {
					t.Errorf("domain %s lacks the %s prefix", dom.Code, prefix)
				}
				for _, area := range dom.Areas {
					if len(area.Competences) < 3 {
						t.Errorf("area %s has %d statements; want at least 3", area.Code, len(area.Competences))
					}
					if !strings.Contains(strings.ToLower(area.Expect), "you can expect") {
						t.Errorf("area %s: the expect line should speak to the reader (\"You can expect …\"): %q", area.Code, area.Expect)
					}
					for _, comp := range area.Competences {
						kinds[comp.Kind]++
						if !strings.HasPrefix(comp.Statement, "An ability") && !strings.HasPrefix(comp.Statement, "A capacity") && !strings.HasPrefix(comp.Statement, "Capacity to") {
							t.Errorf("%s: statement should read \"An ability to …\": %q", comp.Code, comp.Statement)
						}
						if !strings.HasPrefix(comp.Code, area.Code+".") {
							t.Errorf("%s is not numbered under its area %s", comp.Code, area.Code)
						}
					}
				}
			}
			for _, k := range framework.Kinds {
				if kinds[k] == 0 {
					t.Errorf("no competence of kind %s", k)
				}
			}
			if len(f.Profiles) < 3 {
				t.Errorf("%d role profiles; want at least 3", len(f.Profiles))
			}
			for _, p := range f.Profiles {
				if p.Source != framework.WordingTool {
					t.Errorf("profile %s must be labelled as the tool's own (source: tool)", p.ID)
				}
			}
			if len(f.Resources) == 0 {
				t.Error("no learning resources")
			}
		})
	}
}

var careless = regexp.MustCompile(`(?i)committed suicide|commit suicide|successful suicide|failed (suicide )?attempt|suicide victim|CG16\b|CG133\b`)

func TestShippedWordingIsCareful(t *testing.T) {
	set := load(t)
	for _, f := range set.Frameworks() {
		check := func(where, s string) {
			for _, loc := range careless.FindAllStringIndex(s, -1) {
				// Quoted, it is an example of what not to say.
				if loc[0] > 0 && strings.ContainsAny(s[loc[0]-1:loc[0]], "'\"‘“") {
					continue
				}
				m := s[loc[0]:loc[1]]
				t.Errorf("%s %s: %q — use person-first, current wording (died by suicide; NICE NG225)", f.ID, where, m)
			}
		}
		check("notice", f.Provenance.Notice)
		for _, a := range f.Areas() {
			check(a.Code, a.Title+" "+a.Expect)
			for _, c := range a.Competences {
				check(c.Code, c.Statement)
				var walk func([]*framework.Item)
				walk = func(items []*framework.Item) {
					for _, it := range items {
						check(c.Code, it.Text)
						walk(it.Items)
					}
				}
				walk(c.Items)
			}
		}
	}
}

func TestCrosswalkResolvesBothWays(t *testing.T) {
	set := load(t)
	links := 0
	for _, f := range set.Frameworks() {
		for _, c := range f.Competences() {
			for _, other := range set.SameAs(c.Code) {
				links++
				if set.Owner(other) == f {
					t.Errorf("%s is linked to %s in the same framework", c.Code, other)
				}
				found := false
				for _, back := range set.SameAs(other) {
					found = found || back == c.Code
				}
				if !found {
					t.Errorf("crosswalk %s → %s has no way back", c.Code, other)
				}
			}
		}
	}
	if len(set.Frameworks()) > 1 && links == 0 {
		t.Error("several frameworks ship but no crosswalk links them")
	}
}

func TestSchemasAreEmbedded(t *testing.T) {
	for _, name := range []string{"framework.schema.json"} {
		if data, err := frameworks.Schema(name); err != nil || len(data) == 0 {
			t.Errorf("%s is not embedded: %v", name, err)
		}
	}
}

// BenchmarkLoadAll measures loading and validating every shipped framework
// from the embedded files (target: under 5 ms).
func BenchmarkLoadAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := framework.LoadFS(frameworks.FS(), "embedded"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadmeCountsMatch pins the published counts: the README's table of
// frameworks must state each framework's real size.
func TestReadmeCountsMatch(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	set := load(t)
	for _, f := range set.Frameworks() {
		d, a, c := f.Count()
		row := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(f.ID) + "` \\|.*\\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|$").FindStringSubmatch(string(readme))
		if row == nil {
			t.Errorf("README has no row for %s in the frameworks table", f.ID)
			continue
		}
		want := []string{strconv.Itoa(d), strconv.Itoa(a), strconv.Itoa(c), strconv.Itoa(len(f.Profiles))}
		if !reflect.DeepEqual(row[1:], want) {
			t.Errorf("README says %s has %v domains/areas/statements/profiles; the file has %v", f.ID, row[1:], want)
		}
	}
}

var update = flag.Bool("update", false, "rewrite snapshot.gob from the YAML files")

// TestSnapshotFresh checks that snapshot.gob, the start-up cache of the
// parsed frameworks, was made from the current YAML files and decodes to
// exactly what parsing them gives. Regenerate it with
//
//	go test ./frameworks -run TestSnapshotFresh -update
func TestSnapshotFresh(t *testing.T) {
	parsed, probs, err := framework.ParseFS(frameworks.FS(), "embedded")
	if err != nil || len(probs) > 0 {
		t.Fatalf("parse: %v %v", err, probs)
	}
	if *update {
		data, err := framework.EncodeSnapshot(parsed)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(framework.SnapshotName, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := fs.ReadFile(frameworks.FS(), framework.SnapshotName)
	if err != nil {
		t.Fatalf("no snapshot: run go test ./frameworks -run TestSnapshotFresh -update")
	}
	snap, err := framework.DecodeSnapshot(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap) != len(parsed) {
		t.Fatalf("snapshot holds %d frameworks, the folder %d: run go test ./frameworks -run TestSnapshotFresh -update", len(snap), len(parsed))
	}
	for i := range parsed {
		snap[i].File = parsed[i].File
		if !reflect.DeepEqual(snap[i], parsed[i]) {
			t.Errorf("snapshot of %s is stale: run go test ./frameworks -run TestSnapshotFresh -update", parsed[i].ID)
		}
	}
}

func TestStaleSnapshotIsIgnored(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, _ := fs.ReadDir(frameworks.FS(), ".")
	for _, e := range entries {
		data, _ := fs.ReadFile(frameworks.FS(), e.Name())
		fsys[e.Name()] = &fstest.MapFile{Data: data}
	}
	// Change one framework's title without remaking the snapshot.
	f := fsys["adults.yaml"]
	f.Data = []byte(strings.Replace(string(f.Data), "\ntitle: ", "\ntitle: CHANGED ", 1))
	set, err := framework.LoadFS(fsys, "x")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(set.Get("adults").Title, "CHANGED") {
		t.Error("a stale snapshot was used instead of the changed YAML")
	}
}

// TestListFromTheSnapshot: `frameworks list` reads the summaries from the
// snapshot's index; they are what loading the frameworks gives, and a
// changed YAML file (a stale snapshot) is listed as it now is.
func TestListFromTheSnapshot(t *testing.T) {
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	var want []framework.Summary
	for _, f := range set.Frameworks() {
		want = append(want, f.Summary())
	}
	got, err := framework.ListFS(frameworks.FS(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(got) == 0 {
		t.Errorf("ListFS = %+v\nloading gives %+v", got, want)
	}
	fsys := fstest.MapFS{}
	entries, _ := fs.ReadDir(frameworks.FS(), ".")
	for _, e := range entries {
		data, _ := fs.ReadFile(frameworks.FS(), e.Name())
		fsys[e.Name()] = &fstest.MapFile{Data: data}
	}
	f := fsys["adults.yaml"]
	f.Data = []byte(strings.Replace(string(f.Data), "\nshort_title: ", "\nshort_title: CHANGED ", 1))
	got, err = framework.ListFS(fsys, "x")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range got {
		if s.ID == "adults" && strings.HasPrefix(s.ShortTitle, "CHANGED") {
			found = true
		}
	}
	if !found {
		t.Errorf("a stale snapshot was listed instead of the changed YAML: %+v", got)
	}
}
