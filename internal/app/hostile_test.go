//go:build unix

package app_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
)

// The hostile-input table: every input format reflect reads, given broken
// or malicious content, through the whole program (app.Run, as the binary
// runs it). Each case pins the exact standard error — what is wrong, at
// file:line:col, and what to do — and the exit code, and checks that
// nothing was written that should not be. $DIR stands for the case's
// temporary folder; the data folder is $DIR/data.
//
// Decisions the table records:
//   - BOMs and CRLF line ends are accepted everywhere.
//   - Files over a format's cap are refused before they are parsed, with
//     their real size.
//   - Anything that is not a regular file (a named pipe, a device) is
//     refused before it is opened, so reflect never waits on it.
//   - Ids given to --resume, export and the data folder's file names must
//     be plain ids, so "../../etc/passwd" never reaches outside the data
//     folder. An export argument that contains a slash or ends in .json
//     is a record file chosen by the person, read where it is.
//   - Symbolic links are not followed inside the data folder (a record or
//     lock that is a link is refused). A link at an output path counts as
//     an existing file: refused without --force; with --force the link
//     itself is replaced and the file it pointed to is left alone.
//   - Evidence files named in an answers file are read only to record
//     their base name, size and SHA-256; nothing is ever written under a
//     name taken from an input file.

type hostileCase struct {
	name   string
	files  map[string][]byte // written into $DIR before the run
	setup  func(t *testing.T, dir string)
	args   []string // "$DIR" is replaced
	stdin  string
	code   int
	stderr string // exact, after $DIR substitution (and random record ids as r-ID)
	prefix bool   // stderr need only start with the text (long line-mode sessions)
	stdout string // substring; "" means stdout must be empty when code != 0
	check  func(t *testing.T, dir string)
}

func hostileRun(t *testing.T, dir, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	deps := app.NewDeps(&cmdutil.IO{In: strings.NewReader(stdin), Out: &out, Err: &errOut})
	deps.Now = func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }
	deps.Version = "test"
	env := map[string]string{"REFLECT_DATA_DIR": filepath.Join(dir, "data"), "REFLECT_CONFIG_DIR": filepath.Join(dir, "config"), "HOME": dir}
	deps.Getenv = func(k string) string { return env[k] }
	code = app.Run(deps, args)
	return code, out.String(), errOut.String()
}

func testdata(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func replace(b []byte, old, new string) []byte {
	if !bytes.Contains(b, []byte(old)) {
		panic("fixture lacks " + old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// aliasBomb is the billion laughs in YAML: ten levels of ten aliases.
func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		b.WriteString(n + ": &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", ") + "]\n")
		prev = n
	}
	return []byte(b.String())
}

func deepYAML() []byte {
	return []byte("id: x\nitems: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n")
}

// bigFile makes name a sparse file of size bytes starting with head: the
// caps are checked on the file's size before anything is read, so the
// test need not write megabytes.
// moodleChain is a Moodle CSV whose entries each name the one before as
// their parent, depth deep.
func moodleChain(depth int) []byte {
	var b strings.Builder
	b.WriteString("Parent ID number,ID number,Short name,Description,Is framework\n,F,Frame,,1\n")
	for i := 1; i <= depth; i++ {
		parent := ""
		if i > 1 {
			parent = fmt.Sprintf("c%d", i-1)
		}
		fmt.Fprintf(&b, "%s,c%d,Level %d,,\n", parent, i, i)
	}
	return []byte(b.String())
}

// caseChain is a CASE package whose items are each the child of the one
// before, depth deep.
func caseChain(depth int) []byte {
	var b strings.Builder
	b.WriteString(`{"CFDocument":{"identifier":"doc","title":"A chain"},"CFItems":[`)
	for i := 1; i <= depth; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"identifier":"i%d","fullStatement":"Level %d","humanCodingScheme":"c%d"}`, i, i, i)
	}
	b.WriteString(`],"CFAssociations":[`)
	for i := 1; i <= depth; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		parent := "doc"
		if i > 1 {
			parent = fmt.Sprintf("i%d", i-1)
		}
		fmt.Fprintf(&b, `{"identifier":"a%d","associationType":"isChildOf","originNodeURI":{"identifier":"i%d"},"destinationNodeURI":{"identifier":"%s"}}`, i, i, parent)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

func bigFile(name string, size int64, head string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(head), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
	}
}

const recordID = "r-00000000000000f1" // the id inside testdata/records/full.json

// randomID matches record ids; new assessments get random ones.
var randomID = regexp.MustCompile(`r-[0-9a-f]{16}`)

func keepFixtureID(id string) string {
	if id == recordID || id == "r-0123456789abcdef" {
		return id
	}
	return "r-ID"
}

func storeRecord(t *testing.T, dir string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, "data", "assessments", recordID+".json")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func fileIs(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s changed (%v)", path, err)
	}
}

func noFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); err == nil {
		t.Errorf("%s was created", path)
	}
}

func TestHostileInputs(t *testing.T) {
	mini := testdata(t, "frameworks/mini.yaml")
	full := testdata(t, "records/full.json")
	review := testdata(t, "review-example.yaml")
	curriculum, err := os.ReadFile(filepath.Join("..", "curriculum", "testdata", "mini-course.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile(filepath.Join("..", "curriculum", "testdata", "other.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	answers := []byte("frameworks:\n  - id: mini\n    file: mini.yaml\n    profile: specialist\nanswers:\n  MINI.1.1.1: 3\n")
	// mini2.yaml: the same framework, one statement reworded, so its
	// content digest differs from the one full.json was made with.
	mini2 := replace(mini, "An ability to ask directly", "An ability to ask plainly")
	crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	bom := func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }
	withNUL := func(b []byte, at int) []byte {
		return append(append(append([]byte{}, b[:at]...), 0), b[at:]...)
	}
	withFF := func(b []byte, at int) []byte {
		return append(append(append([]byte{}, b[:at]...), 0xff), b[at:]...)
	}
	fifo := func(name string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, name), 0o600); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
		}
	}

	tests := []hostileCase{
		// ---- framework YAML: reflect frameworks validate FILE ----
		{name: "framework alias bomb", files: map[string][]byte{"f.yaml": aliasBomb()},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:1:1: the document expands to more than 1000000 nodes (too many aliases) (remove the YAML anchors and aliases (& and *); write the content out instead)\n1 problem found.\n"},
		{name: "framework deep nesting", files: map[string][]byte{"f.yaml": deepYAML()},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:2:208: the document is too deeply nested here (more than 200 levels) (data files of this kind need only a few levels; check the indentation and brackets)\n1 problem found.\n"},
		{name: "framework over 8 MiB", setup: bigFile("f.yaml", 8<<20+1, "id: x\n"),
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml: the file is 8388609 bytes, larger than the 8 MiB limit for framework files (check that this is the right file)\n1 problem found.\n"},
		{name: "framework invalid UTF-8", files: map[string][]byte{"f.yaml": withFF(mini, bytes.Index(mini, []byte("Mini")))},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:7:14: the file is not valid UTF-8 (save it with UTF-8 encoding)\n1 problem found.\n"},
		{name: "framework NUL byte", files: map[string][]byte{"f.yaml": withNUL(mini, bytes.Index(mini, []byte("Mini")))},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:7:14: the file contains a NUL byte, so it is not a text file (save it as UTF-8 text)\n1 problem found.\n"},
		{name: "framework with BOM and CRLF is accepted", files: map[string][]byte{"f.yaml": bom(crlf(mini))},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 0, stderr: "",
			stdout: "f.yaml: valid — framework \"mini\", 2 domains, 3 areas, 5 competences"},
		{name: "framework duplicate key", files: map[string][]byte{"f.yaml": replace(mini, "short_title: Mini\n", "short_title: Mini\nshort_title: Mini again\n")},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:8:1: the field \"short_title\" appears twice (remove one of them)\n1 problem found.\n"},
		{name: "framework wrong type", files: map[string][]byte{"f.yaml": replace(mini, "short_title: Mini\n", "short_title: [Mini]\n")},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:7:14: expected text for \"short_title\", found a list (write it as text on one line, or use | for several lines)\n1 problem found.\n"},
		{name: "framework escape sequence in a statement", files: map[string][]byte{"f.yaml": replace(mini, "short_title: Mini\n", "short_title: \"Mini\\e]52;c;eA==\\a\"\n")},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:7:14: text for \"short_title\" contains the control character U+001B (remove it; text may hold tabs and line breaks but no other control characters)\n1 problem found.\n"},
		{name: "framework newer schema", files: map[string][]byte{"f.yaml": replace(mini, "schema: 1", "schema: 2")},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml:4:1: this file uses framework schema 2, but this version of reflect reads schema 1 (update reflect to read it)\n1 problem found.\n"},
		{name: "framework named pipe", setup: fifo("f.yaml"),
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml: this is not a regular file\n1 problem found.\n"},
		{name: "framework empty", files: map[string][]byte{"f.yaml": []byte("\n \n")},
			args: []string{"frameworks", "validate", "$DIR/f.yaml"}, code: 1,
			stderr: "$DIR/f.yaml: the file is empty (it should hold a YAML document)\n1 problem found.\n"},

		// ---- answers file: reflect assess --answers FILE ----
		{name: "answers alias bomb", files: map[string][]byte{"a.yaml": aliasBomb(), "mini.yaml": mini},
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml:1:1: the document expands to more than 1000000 nodes (too many aliases) (remove the YAML anchors and aliases (& and *); write the content out instead)\n",
			check:  func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "data")) }},
		{name: "answers over 4 MiB", setup: bigFile("a.yaml", 4<<20+1, "answers:\n"),
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml: the file is 4194305 bytes, larger than the 4 MiB limit for answers files (check that this is the right file)\n"},
		{name: "answers NUL byte", files: map[string][]byte{"a.yaml": withNUL(answers, 5), "mini.yaml": mini},
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml:1:6: the file contains a NUL byte, so it is not a text file (save it as UTF-8 text)\n"},
		{name: "answers invalid UTF-8", files: map[string][]byte{"a.yaml": withFF(answers, 5), "mini.yaml": mini},
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml:1:6: the file is not valid UTF-8 (save it with UTF-8 encoding)\n"},
		{name: "answers duplicate code", files: map[string][]byte{"a.yaml": append(append([]byte{}, answers...), "  MINI.1.1.1: 2\n"...), "mini.yaml": mini},
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml:7:3: MINI.1.1.1 is answered twice (first at line 6) (remove one of them)\n",
			check:  func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "data", "assessments")) }},
		{name: "answers wrong type", files: map[string][]byte{"a.yaml": replace(answers, "MINI.1.1.1: 3", "MINI.1.1.1: [3]"), "mini.yaml": mini},
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml:6:15: expected an answer for MINI.1.1.1, found a list (write a rating such as 3, or a mapping with rating, na, note and flag)\n"},
		{name: "answers escape sequence in a note", files: map[string][]byte{"a.yaml": replace(answers, "MINI.1.1.1: 3", "MINI.1.1.1: {rating: 3, note: \"ok\\e[2J\"}"), "mini.yaml": mini},
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml:6:33: text for \"note\" contains the control character U+001B (remove it; text may hold tabs and line breaks but no other control characters)\n",
			check:  func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "data", "assessments")) }},
		{name: "answers with BOM and CRLF are accepted", files: map[string][]byte{"a.yaml": bom(crlf(answers)), "mini.yaml": mini},
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 0, stdout: "Your summary",
			stderr: "$DIR/a.yaml: 4 of 5 competences are unanswered: MINI.1.1.2, MINI.1.2.1, MINI.2.1.1, MINI.2.1.2\nThey are listed as unanswered, not counted. Answer them with: reflect assess --resume r-ID\nSaved as r-ID (in progress: 4 unanswered, reflection not written, not confirmed anonymous) in $DIR/data/assessments.\n"},
		{name: "answers named pipe", setup: fifo("a.yaml"),
			args: []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml: this is not a regular file (give the path of a YAML file)\n"},
		{name: "answers naming a framework file outside its folder: read, never written", files: map[string][]byte{"in/a.yaml": replace(answers, "file: mini.yaml", "file: ../outside/notes.txt"), "outside/notes.txt": []byte("private notes\n")},
			args: []string{"assess", "--answers", "$DIR/in/a.yaml"}, code: 1,
			stderr: "$DIR/outside/notes.txt:1:1: expected a mapping of fields (schema, id, title, short_title, version, population, publisher, commissioner, published, source_url, description, provenance, scale, review, guide, domains, profiles, resources, origin), found \"private notes\"\n",
			check: func(t *testing.T, dir string) {
				fileIs(t, filepath.Join(dir, "outside", "notes.txt"), []byte("private notes\n"))
			}},
		{name: "evidence outside the answers folder: hashed, base name only",
			files: map[string][]byte{"in/a.yaml": append(append([]byte{}, answers...), "activity:\n  evidence: [{file: ../outside/cert.pdf}]\n"...), "in/mini.yaml": mini, "outside/cert.pdf": []byte("%PDF-1.4 certificate")},
			args:  []string{"assess", "--answers", "$DIR/in/a.yaml", "--out", "$DIR/out.json"}, code: 0, stdout: "Your summary",
			stderr: "$DIR/in/a.yaml: 4 of 5 competences are unanswered: MINI.1.1.2, MINI.1.2.1, MINI.2.1.1, MINI.2.1.2\nThey are listed as unanswered, not counted. Answer them with: reflect assess --resume r-ID\nSaved as r-ID (in progress: 4 unanswered, reflection not written, not confirmed anonymous) in $DIR/data/assessments.\nWrote the record to $DIR/out.json.\n",
			check: func(t *testing.T, dir string) {
				b, _ := os.ReadFile(filepath.Join(dir, "out.json"))
				if !bytes.Contains(b, []byte(`"file": "cert.pdf"`)) || bytes.Contains(b, []byte("outside")) || bytes.Contains(b, []byte("certificate")) {
					t.Errorf("evidence recorded as:\n%s", b)
				}
			}},
		{name: "evidence that is a named pipe", files: map[string][]byte{"a.yaml": append(append([]byte{}, answers...), "activity:\n  evidence: [{file: pipe.pdf}]\n"...), "mini.yaml": mini},
			setup: fifo("pipe.pdf"),
			args:  []string{"assess", "--answers", "$DIR/a.yaml"}, code: 1,
			stderr: "$DIR/a.yaml:8:14: cannot read the evidence file pipe.pdf: $DIR/pipe.pdf is not a regular file (check the path; it is relative to the answers file's folder)\n"},

		// ---- records: reflect export FILE, and the data folder ----
		{name: "record newer schema", files: map[string][]byte{"r.json": replace(full, `"schema_version": 2`, `"schema_version": 3`), "mini.yaml": mini},
			args: []string{"export", "$DIR/r.json", "--framework", "$DIR/mini.yaml"}, code: 1,
			stderr: "reflect: $DIR/r.json: record from a newer schema version: it uses record schema 3 and this reflect reads up to 2; update reflect to open it\n"},
		{name: "record duplicate key", files: map[string][]byte{"r.json": replace(full, `"status": "complete"`, `"status": "in-progress", "status": "complete"`)},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:5:28: the field \"status\" appears twice (remove one of them; records are written by reflect, so check any hand edits)\n"},
		{name: "record duplicate key differing in case", files: map[string][]byte{"r.json": replace(full, `"status": "complete"`, `"status": "in-progress", "Status": "complete"`)},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:5:28: the field \"Status\" appears twice (also written \"status\"; names are matched regardless of case) (remove one of them; records are written by reflect, so check any hand edits)\n"},
		{name: "record wrong type", files: map[string][]byte{"r.json": replace(full, `"status": "complete"`, `"status": 3`)},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:5:13: status should be string, not JSON number (records are written by reflect; if you edited this file by hand, check it, or use the backup)\n"},
		{name: "record NUL byte", files: map[string][]byte{"r.json": withNUL(full, bytes.Index(full, []byte("complete")))},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:5:15: JSON syntax error: invalid character '\\x00' in string literal (records are written by reflect; if you edited this file by hand, check it, or use the backup)\n"},
		{name: "record invalid UTF-8", files: map[string][]byte{"r.json": withFF(full, bytes.Index(full, []byte("complete")))},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:5:14: the file is not valid UTF-8 (a record is a JSON file written by reflect)\n"},
		{name: "record deep nesting", files: map[string][]byte{"r.json": []byte(`{"format":"reflect-record","schema_version":1,"id":"r-1","x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}")},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:1:10062: the JSON is nested too deeply here (more than 10000 levels) (records are written by reflect; if you edited this file by hand, check it, or use the backup)\n"},
		{name: "record over 16 MiB", setup: bigFile("r.json", 16<<20+1, "{"),
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json: the file is 16777217 bytes, larger than the 16384 KiB limit for a record file (check that this is the right file)\n"},
		{name: "record cut short", files: map[string][]byte{"r.json": full[:bytes.Index(full, []byte(`"answers"`))]},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:36:3: JSON syntax error: unexpected end of JSON input (records are written by reflect; if you edited this file by hand, check it, or use the backup)\n"},
		{name: "record with BOM and CRLF is accepted", files: map[string][]byte{"r.json": bom(crlf(full)), "mini.yaml": mini},
			args: []string{"export", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--format", "json"}, code: 0, stderr: "", stdout: `"id": "r-00000000000000f1"`},
		{name: "record not a record", files: map[string][]byte{"r.json": []byte(`{"hello": "world"}`)},
			args: []string{"export", "$DIR/r.json"}, code: 1,
			stderr: "$DIR/r.json:1:1: this is not a reflect record (its \"format\" is not \"reflect-record\") (records are the .json files written by 'reflect assess' or 'reflect export --format json')\n"},
		{name: "export: framework changed since the record was made", files: map[string][]byte{"r.json": full, "mini2.yaml": mini2},
			args: []string{"export", "$DIR/r.json", "--framework", "$DIR/mini2.yaml", "--format", "md"}, code: 0,
			stderr: "Note: framework \"mini\" has changed since this record was made: the record was made with version 0.1.0 (content sha256 29c360446737), and reflect now has version 0.1.0 (content sha256 6a2fe0a7e7d3). The statements shown are the current ones and may read differently from those answered; the export says so. For the statements as they were, pass the framework file the record was made with: --framework FILE.\nNote: the figures stored in $DIR/r.json differ from those worked out with the frameworks loaded now (scores.needs[MINI.2.1.1].statement: the file says \"An ability to ask directly and calmly about thoughts of suicide\", the answers give \"An ability to ask plainly and calmly about thoughts of suicide\"), as framework \"mini\" changed since the record was made; reflect shows the figures worked out now.\n",
			stdout: "Note: The statements shown come from version 0.1.0 of this framework, whose content differs from the version 0.1.0 this record was made with."},
		{name: "resume: framework changed, declined", files: map[string][]byte{"mini2.yaml": mini2},
			setup: func(t *testing.T, dir string) { storeRecord(t, dir, full) },
			args:  []string{"assess", "--resume", recordID, "--framework", "$DIR/mini2.yaml"}, stdin: "no\nquit\n", code: 1,
			stderr: "The framework mini (Placeholder framework for tests) has changed since this assessment was started.\n  You started with version 0.1.0 (content sha256 29c360446737); reflect now has version 0.1.0 (content sha256 6a2fe0a7e7d3).\nStatements may now read differently from the ones you answered, and some may have been added or taken out.\nYour answers stay with their competence codes. If you continue, the record will refer to the framework as it\nis now, and a copy of the record as it was is kept as r-00000000000000f1.json.before-20261121T090000Z.\nContinue with the framework as it is now? Type yes or no [no]: \nNothing was changed. To continue later without this question, run:\n  reflect assess --resume r-00000000000000f1 --framework $DIR/mini2.yaml --accept-changed-framework\n",
			check: func(t *testing.T, dir string) {
				fileIs(t, filepath.Join(dir, "data", "assessments", recordID+".json"), full)
				if m, _ := filepath.Glob(filepath.Join(dir, "data", "assessments", "*.before-*")); len(m) > 0 {
					t.Errorf("a copy was made although nothing changed: %v", m)
				}
			}},
		{name: "resume: framework changed, input ends at the question", files: map[string][]byte{"mini2.yaml": mini2},
			setup: func(t *testing.T, dir string) { storeRecord(t, dir, full) },
			args:  []string{"assess", "--resume", recordID, "--framework", "$DIR/mini2.yaml"}, stdin: "", code: 1,
			stderr: "The framework mini (Placeholder framework for tests) has changed since this assessment was started.\n  You started with version 0.1.0 (content sha256 29c360446737); reflect now has version 0.1.0 (content sha256 6a2fe0a7e7d3).\nStatements may now read differently from the ones you answered, and some may have been added or taken out.\nYour answers stay with their competence codes. If you continue, the record will refer to the framework as it\nis now, and a copy of the record as it was is kept as r-00000000000000f1.json.before-20261121T090000Z.\nContinue with the framework as it is now? Type yes or no [no]: \nNothing was changed. To continue later without this question, run:\n  reflect assess --resume r-00000000000000f1 --framework $DIR/mini2.yaml --accept-changed-framework\n",
			check: func(t *testing.T, dir string) {
				fileIs(t, filepath.Join(dir, "data", "assessments", recordID+".json"), full)
			}},
		{name: "resume: framework changed, accepted with the flag", files: map[string][]byte{"mini2.yaml": mini2},
			setup: func(t *testing.T, dir string) { storeRecord(t, dir, full) },
			args:  []string{"assess", "--resume", recordID, "--framework", "$DIR/mini2.yaml", "--accept-changed-framework"}, stdin: "quit\n", code: 0, prefix: true,
			stderr: "The framework mini (Placeholder framework for tests) has changed since this assessment was started.\n  You started with version 0.1.0 (content sha256 29c360446737); reflect now has version 0.1.0 (content sha256 6a2fe0a7e7d3).\nStatements may now read differently from the ones you answered, and some may have been added or taken out.\nYour answers stay with their competence codes. If you continue, the record will refer to the framework as it\nis now, and a copy of the record as it was is kept as r-00000000000000f1.json.before-20261121T090000Z.\nContinuing with the framework as it is now. The record as it was is kept in $DIR/data/assessments/r-00000000000000f1.json.before-20261121T090000Z.\nUsing line mode because standard input is not a terminal.\nreflect: self-assessment (line mode)\n\nWelcome back. You have answered 5 of 5. You are at item 5.\n",
			check: func(t *testing.T, dir string) {
				fileIs(t, filepath.Join(dir, "data", "assessments", recordID+".json.before-20261121T090000Z"), full)
			}},
		{name: "resume: a record from a newer reflect in the data folder", files: map[string][]byte{"mini.yaml": mini},
			setup: func(t *testing.T, dir string) {
				storeRecord(t, dir, replace(full, `"schema_version": 2`, `"schema_version": 3`))
			},
			args: []string{"assess", "--resume", recordID, "--framework", "$DIR/mini.yaml"}, stdin: "quit\n", code: 1,
			stderr: "reflect: $DIR/data/assessments/r-00000000000000f1.json: record from a newer schema version: it uses record schema 3 and this reflect reads up to 2; update reflect to open it\n",
			check: func(t *testing.T, dir string) {
				fileIs(t, filepath.Join(dir, "data", "assessments", recordID+".json"), replace(full, `"schema_version": 2`, `"schema_version": 3`))
			}},
		{name: "resume: the record in the data folder is a symbolic link",
			setup: func(t *testing.T, dir string) {
				p := storeRecord(t, dir, full)
				os.Rename(p, filepath.Join(dir, "elsewhere.json"))
				os.Symlink(filepath.Join(dir, "elsewhere.json"), p)
			},
			args: []string{"assess", "--resume", recordID, "--framework", "$DIR/mini.yaml"}, files: map[string][]byte{"mini.yaml": mini}, stdin: "quit\n", code: 1,
			stderr: "reflect: the saved assessment r-00000000000000f1 cannot be read:\n$DIR/data/assessments/r-00000000000000f1.json is a symbolic link; reflect opens only real files in its data folder, so that saving never leaves a copy behind. Move the file itself there in place of the link.\nThere is no usable backup. Nothing has been changed; if you edited the file by hand, correct it and try again.\n",
			check:  func(t *testing.T, dir string) { fileIs(t, filepath.Join(dir, "elsewhere.json"), full) }},
		{name: "export ID: the record is a symbolic link",
			setup: func(t *testing.T, dir string) {
				p := storeRecord(t, dir, full)
				os.Rename(p, filepath.Join(dir, "elsewhere.json"))
				os.Symlink(filepath.Join(dir, "elsewhere.json"), p)
			},
			args: []string{"export", recordID}, code: 1,
			stderr: "reflect: the saved assessment r-00000000000000f1 cannot be read:\n$DIR/data/assessments/r-00000000000000f1.json is a symbolic link; reflect opens only real files in its data folder, so that saving never leaves a copy behind. Move the file itself there in place of the link.\nThere is no usable backup. Nothing has been changed; if you edited the file by hand, correct it and try again.\n"},
		{name: "resume: the lock file is a symbolic link", files: map[string][]byte{"victim.txt": []byte("keep me"), "mini.yaml": mini},
			setup: func(t *testing.T, dir string) {
				p := storeRecord(t, dir, full)
				os.Symlink(filepath.Join(dir, "victim.txt"), strings.TrimSuffix(p, ".json")+".lock")
			},
			args: []string{"assess", "--resume", recordID, "--framework", "$DIR/mini.yaml"}, stdin: "quit\n", code: 1,
			stderr: "reflect: the lock file $DIR/data/assessments/r-00000000000000f1.lock is a symbolic link, which reflect does not follow; remove the link (no reflect is using it) and try again\n",
			check:  func(t *testing.T, dir string) { fileIs(t, filepath.Join(dir, "victim.txt"), []byte("keep me")) }},
		{name: "a record in the data folder whose id is a path",
			setup: func(t *testing.T, dir string) {
				storeRecord(t, dir, replace(full, `"id": "r-00000000000000f1"`, `"id": "../../../etc/passwd"`))
			},
			args: []string{"list"}, code: 0, stdout: "r-00000000000000f1  -          -        -        -        -     unreadable",
			stderr: "\nr-00000000000000f1 cannot be read: $DIR/data/assessments/r-00000000000000f1.json: the record inside has id \"../../../etc/passwd\", not \"r-00000000000000f1\"\nTry: reflect assess --resume r-00000000000000f1 (it will offer the backup)\n"},

		// ---- ids and paths that try to leave the data folder ----
		{name: "resume id with ../", args: []string{"assess", "--resume", "../../etc/passwd", "--framework", "$DIR/mini.yaml"}, files: map[string][]byte{"mini.yaml": mini}, code: 1,
			stderr: "reflect: \"../../etc/passwd\" is not an assessment id (ids look like r-0123456789abcdef; run 'reflect list' to see yours)\n"},
		{name: "resume id ..", args: []string{"assess", "--resume", "..", "--framework", "$DIR/mini.yaml"}, files: map[string][]byte{"mini.yaml": mini}, code: 1,
			stderr: "reflect: \"..\" is not an assessment id (ids look like r-0123456789abcdef; run 'reflect list' to see yours)\n"},
		{name: "export id ..", args: []string{"export", ".."}, code: 1,
			stderr: "reflect: \"..\" is not an assessment id (ids look like r-0123456789abcdef; run 'reflect list' to see yours)\n"},
		{name: "export ../../x is a path, not an id", args: []string{"export", "../../no-such-folder/" + recordID}, code: 1,
			stderr: "../../no-such-folder/r-00000000000000f1: no such file (check the path)\n"},
		{name: "export -o onto a symbolic link is refused", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "victim.txt": []byte("keep me")},
			setup: func(t *testing.T, dir string) {
				os.Symlink(filepath.Join(dir, "victim.txt"), filepath.Join(dir, "out.md"))
			},
			args: []string{"export", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "-o", "$DIR/out.md"}, code: 1,
			stderr: "reflect: $DIR/out.md already exists; choose another name or pass --force to replace it\n",
			check:  func(t *testing.T, dir string) { fileIs(t, filepath.Join(dir, "victim.txt"), []byte("keep me")) }},
		{name: "export -o --force replaces the link, not its target", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "victim.txt": []byte("keep me")},
			setup: func(t *testing.T, dir string) {
				os.Symlink(filepath.Join(dir, "victim.txt"), filepath.Join(dir, "out.md"))
			},
			args: []string{"export", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "-o", "$DIR/out.md", "--force"}, code: 0,
			stderr: "Wrote $DIR/out.md (md, 7.5 KiB).\n",
			check: func(t *testing.T, dir string) {
				fileIs(t, filepath.Join(dir, "victim.txt"), []byte("keep me"))
				if fi, err := os.Lstat(filepath.Join(dir, "out.md")); err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
					t.Errorf("out.md: %v %v, want a regular 0600 file", fi.Mode(), err)
				}
			}},
		{name: "review -o onto a link to the record under review", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "review.yaml": review},
			setup: func(t *testing.T, dir string) {
				os.Symlink(filepath.Join(dir, "r.json"), filepath.Join(dir, "out.json"))
			},
			args: []string{"review", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--file", "$DIR/review.yaml", "-o", "$DIR/out.json", "--force"}, code: 2,
			stderr: "reflect: -o $DIR/out.json is the record you are reviewing; reflect never writes over it. Write the review to a new file, e.g. -o $DIR/r-reviewed.json, and replace the original yourself afterwards if you want to\nRun 'reflect --help' or add --help to the command for how to use it.\n",
			check:  func(t *testing.T, dir string) { fileIs(t, filepath.Join(dir, "r.json"), full) }},

		// ---- review file: reflect review RECORD --file FILE ----
		{name: "review file alias bomb", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "review.yaml": aliasBomb()},
			args: []string{"review", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--file", "$DIR/review.yaml"}, code: 1,
			stderr: "$DIR/review.yaml:1:1: the document expands to more than 100000 nodes (too many aliases) (remove the YAML anchors and aliases (& and *); write the content out instead)\n",
			check:  func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "r-reviewed.json")) }},
		{name: "review file duplicate key", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "review.yaml": replace(review, "date: 2026-03-14\n", "date: 2026-03-14\ndate: 2026-03-15\n")},
			args: []string{"review", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--file", "$DIR/review.yaml"}, code: 1,
			stderr: "$DIR/review.yaml:15:1: the field \"date\" appears twice (remove one of them)\n"},
		{name: "review file wrong type", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "review.yaml": replace(review, "confirm: true", "confirm: [true]")},
			args: []string{"review", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--file", "$DIR/review.yaml"}, code: 1,
			stderr: "$DIR/review.yaml:18:10: expected true or false for \"confirm\", found a list (use true or false)\n"},
		{name: "review file invalid UTF-8", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "review.yaml": withFF(review, bytes.Index(review, []byte("Sam")))},
			args: []string{"review", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--file", "$DIR/review.yaml"}, code: 1,
			stderr: "$DIR/review.yaml:8:9: the file is not valid UTF-8 (save it with UTF-8 encoding)\n"},
		{name: "review file with BOM and CRLF is accepted", files: map[string][]byte{"r.json": full, "mini.yaml": mini, "review.yaml": bom(crlf(review))},
			args: []string{"review", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--file", "$DIR/review.yaml"}, code: 0,
			stderr: "Review by Sam Patel added and written to $DIR/r-reviewed.json.\n  Review fingerprint: c692 e4c7 b16b 3403\n    Keep it: 'reflect verify FILE --review \"c692 e4c7 b16b 3403\"' finds out later if this review was removed from a copy.\n  Digest of the reviewed content: sha256:15345b6b9fe82065b5f6695317e2312535ec2c61f0adc31b4f3403af0b037291\n  Not signed, so anyone could have written it: verify will say so (exit 7). Sign reviews with --sign (see 'reflect keys').\n  $DIR/r.json is unchanged. Send the reviewed copy back to the practitioner.\n"},

		{name: "review file over 1 MiB", files: map[string][]byte{"r.json": full, "mini.yaml": mini}, setup: bigFile("review.yaml", 1<<20+1, "reviewer:\n"),
			args: []string{"review", "$DIR/r.json", "--framework", "$DIR/mini.yaml", "--file", "$DIR/review.yaml"}, code: 1,
			stderr: "$DIR/review.yaml: the file is 1048577 bytes, larger than the 1024 KiB limit for a review file (check that this is the right file)\n"},

		// ---- team: reflect team FOLDER ----
		{name: "team folder with a named pipe, a link and a huge file", files: map[string][]byte{"t/a.json": full, "mini.yaml": mini},
			setup: func(t *testing.T, dir string) {
				fifo("t/pipe.json")(t, dir)
				os.Symlink(filepath.Join(dir, "t", "a.json"), filepath.Join(dir, "t", "link.json"))
				bigFile("t/huge.json", 16<<20+1, "{")(t, dir)
			},
			args: []string{"team", "$DIR/t", "--framework", "$DIR/mini.yaml"}, code: 0, stdout: "TEAM TRAINING NEEDS",
			stderr: "Skipped $DIR/t/huge.json: larger than the 16 MiB limit for records\nSkipped $DIR/t/pipe.json: not a regular file\nRead 4 files: 1 records counted, 1 older copy of a record left out, 2 skipped (listed above).\nFewer than 5 records were counted, so the report shows no figures.\n"},

		// ---- curriculum: reflect curriculum validate FILE ----
		{name: "curriculum deep nesting", files: map[string][]byte{"c.yaml": deepYAML(), "mini.yaml": mini},
			args: []string{"curriculum", "validate", "$DIR/c.yaml", "--framework", "$DIR/mini.yaml"}, code: 1,
			stderr: "$DIR/c.yaml:2:208: the document is too deeply nested here (more than 200 levels) (data files of this kind need only a few levels; check the indentation and brackets)\n1 problem found.\n"},
		{name: "curriculum over 8 MiB", files: map[string][]byte{"mini.yaml": mini}, setup: bigFile("c.yaml", 8<<20+1, "id: x\n"),
			args: []string{"curriculum", "validate", "$DIR/c.yaml", "--framework", "$DIR/mini.yaml"}, code: 1,
			stderr: "$DIR/c.yaml: the file is 8388609 bytes, larger than the 8 MiB limit for curriculum files\n1 problem found.\n"},
		{name: "curriculum duplicate key", files: map[string][]byte{"c.yaml": replace(curriculum, "\ntitle:", "\ntitle: One\ntitle:"), "mini.yaml": mini},
			args: []string{"curriculum", "validate", "$DIR/c.yaml", "--framework", "$DIR/mini.yaml"}, code: 1,
			stderr: "$DIR/c.yaml:6:1: the field \"title\" appears twice (remove one of them)\n1 problem found.\n"},
		{name: "curriculum wrong type", files: map[string][]byte{"c.yaml": replace(curriculum, "\nprovider:", "\nprovider: [x]\nx:"), "mini.yaml": mini},
			args: []string{"curriculum", "validate", "$DIR/c.yaml", "--framework", "$DIR/mini.yaml"}, code: 1,
			stderr: "$DIR/c.yaml:7:11: expected text for \"provider\", found a list (write it as text on one line, or use | for several lines)\n$DIR/c.yaml:8:1: unknown field \"x\" (known fields: schema, id, title, version, provider, audience, description, delivery, url, frameworks, settings, duration, modules)\n2 problems found.\n"},
		{name: "curriculum with BOM and CRLF is accepted", files: map[string][]byte{"c.yaml": bom(crlf(curriculum)), "mini.yaml": mini, "other.yaml": other},
			args: []string{"curriculum", "validate", "$DIR/c.yaml", "--framework", "$DIR/mini.yaml", "--framework", "$DIR/other.yaml"}, code: 0, stderr: ""},

		// ---- Moodle CSV and CASE JSON: reflect frameworks import FILE ----
		// Imported text drops control characters, NUL included (documented in
		// internal/interop): the file comes from another system.
		{name: "moodle csv NUL byte is dropped", files: map[string][]byte{"m.csv": []byte("Parent ID number,ID number,Short name,Is framework\n,F,Fr\x00ame,1\n,a,A,\n")},
			args: []string{"frameworks", "import", "$DIR/m.csv", "-o", "$DIR/out.yaml"}, code: 0, prefix: true,
			stderr: "$DIR/m.csv (Moodle competency framework CSV): 1 entry became 1 domain, 1 area and 1 competence.\n",
			check: func(t *testing.T, dir string) {
				if b, _ := os.ReadFile(filepath.Join(dir, "out.yaml")); !bytes.Contains(b, []byte("\ntitle: Frame\n")) {
					t.Errorf("import:\n%s", b)
				}
			}},
		{name: "moodle csv with BOM and CRLF is accepted", files: map[string][]byte{"m.csv": bom(crlf(testdata(t, "interop/moodle-14col.csv")))},
			args: []string{"frameworks", "import", "$DIR/m.csv", "-o", "$DIR/out.yaml"}, code: 0, prefix: true,
			stderr: "$DIR/m.csv (Moodle competency framework CSV): 8 entries became 2 domains, 2 areas and 4 competences.\n"},
		{name: "case json deep nesting", files: map[string][]byte{"c.json": []byte(`{"CFDocument":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}")},
			args: []string{"frameworks", "import", "$DIR/c.json"}, code: 1,
			stderr: "$DIR/c.json:1:10015: the file is not valid JSON: invalid character '[' exceeded max depth (check that this is a CASE JSON package)\n"},
		// Imports are lenient where other systems' files are concerned: a
		// repeated member is read as JSON tools read it, the last one wins.
		{name: "case json duplicate key", files: map[string][]byte{"c.json": replace(testdata(t, "interop/case-package.json"), `"CFDocument": {`, `"CFDocument": {"title": "Ignored",`)},
			args: []string{"frameworks", "import", "$DIR/c.json", "-o", "$DIR/out.yaml"}, code: 0, prefix: true,
			stderr: "$DIR/c.json (CASE CFPackage JSON): 11 entries became 2 domains, 4 areas and 7 competences.\n",
			check: func(t *testing.T, dir string) {
				if b, _ := os.ReadFile(filepath.Join(dir, "out.yaml")); bytes.Contains(b, []byte("Ignored")) {
					t.Error("the first of two titles was used")
				}
			}},
		// Strict where leniency would lose data: a file cut off inside a
		// quoted field (at the line where that field starts, with CRLF line
		// ends and a line break inside an earlier field too) or before its
		// JSON ends, and a chain deeper than reflect reads (100,000 levels
		// refused as fast as 100: from the ids and parents alone).
		{name: "moodle csv cut off inside a quoted field", files: map[string][]byte{"m.csv": []byte("Parent ID number,ID number,Short name,Description,Is framework\n,F,Frame,,1\n,a,A,\"<p>a description\nthat was cut")},
			args: []string{"frameworks", "import", "$DIR/m.csv", "-o", "$DIR/out.yaml"}, code: 1, check: func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "out.yaml")) },
			stderr: "$DIR/m.csv:3: the file ends inside a quoted field that starts on line 3: it has no closing quote, so the file may have been cut off (export the framework again, or check that the whole file was copied; every quoted field ends with a quote)\n"},
		{name: "moodle csv deeper than 64 levels", files: map[string][]byte{"m.csv": moodleChain(100)},
			args: []string{"frameworks", "import", "$DIR/m.csv", "-o", "$DIR/out.yaml"}, code: 1, check: func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "out.yaml")) },
			stderr: "$DIR/m.csv:67: the hierarchy is 100 levels deep; reflect reads frameworks up to 64 levels deep, and 1 entry is at level 65: line 67 (c65) (check the parent of each entry: a file this deep is usually a chain made by mistake (each row naming the one before as its parent))\n"},
		{name: "moodle csv 100,000 levels deep", files: map[string][]byte{"m.csv": moodleChain(100000)},
			args: []string{"frameworks", "import", "$DIR/m.csv", "-o", "$DIR/out.yaml"}, code: 1, check: func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "out.yaml")) },
			stderr: "$DIR/m.csv:67: the hierarchy is 100000 levels deep; reflect reads frameworks up to 64 levels deep, and 1 entry is at level 65: line 67 (c65) (check the parent of each entry: a file this deep is usually a chain made by mistake (each row naming the one before as its parent))\n"},
		{name: "case json deeper than 64 levels", files: map[string][]byte{"c.json": caseChain(100)},
			args: []string{"frameworks", "import", "$DIR/c.json", "-o", "$DIR/out.yaml"}, code: 1, check: func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "out.yaml")) },
			stderr: "$DIR/c.json:1:4774: the hierarchy is 100 levels deep; reflect reads frameworks up to 64 levels deep, and 1 entry is at level 65: CFItems[64] (c65) (check the parent of each entry: a file this deep is usually a chain made by mistake (each row naming the one before as its parent))\n"},
		{name: "case json 100,000 levels deep", files: map[string][]byte{"c.json": caseChain(100000)},
			args: []string{"frameworks", "import", "$DIR/c.json", "-o", "$DIR/out.yaml"}, code: 1, check: func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "out.yaml")) },
			stderr: "$DIR/c.json:1:4774: the hierarchy is 100000 levels deep; reflect reads frameworks up to 64 levels deep, and 1 entry is at level 65: CFItems[64] (c65) (check the parent of each entry: a file this deep is usually a chain made by mistake (each row naming the one before as its parent))\n"},
		{name: "case json cut off", files: map[string][]byte{"c.json": caseChain(3)[:150]},
			args: []string{"frameworks", "import", "$DIR/c.json", "-o", "$DIR/out.yaml"}, code: 1, check: func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "out.yaml")) },
			stderr: "$DIR/c.json:1:151: the file ends here, before its JSON is complete: it may have been cut off (export the package again, or check that the whole file was copied)\n"},
		{name: "moodle csv cut off inside a quoted field, CRLF", files: map[string][]byte{"m.csv": crlf([]byte("Parent ID number,ID number,Short name,Description,Is framework\n,F,Frame,,1\n,a,A,\"<p>one\n\ntwo</p>\"\n,b,B,\"<p>a description\nthat was cut"))},
			args: []string{"frameworks", "import", "$DIR/m.csv", "-o", "$DIR/out.yaml"}, code: 1, check: func(t *testing.T, dir string) { noFile(t, filepath.Join(dir, "out.yaml")) },
			stderr: "$DIR/m.csv:6: the file ends inside a quoted field that starts on line 6: it has no closing quote, so the file may have been cut off (export the framework again, or check that the whole file was copied; every quoted field ends with a quote)\n"},
		{name: "import over the size limit", setup: bigFile("c.json", 64<<20+1, "{"),
			args: []string{"frameworks", "import", "$DIR/c.json"}, code: 1,
			stderr: "$DIR/c.json: the file is 67108865 bytes, larger than the 64 MiB this tool imports\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tc.files {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "$DIR", dir)
			}
			done := make(chan struct{})
			var code int
			var stdout, stderr string
			go func() {
				defer close(done)
				code, stdout, stderr = hostileRun(t, dir, tc.stdin, args...)
			}()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("reflect did not finish: it waits on its input")
			}
			stderr = randomID.ReplaceAllStringFunc(strings.ReplaceAll(stderr, dir, "$DIR"), keepFixtureID)
			stdout = randomID.ReplaceAllStringFunc(strings.ReplaceAll(stdout, dir, "$DIR"), keepFixtureID)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if stderr != tc.stderr && !(tc.prefix && strings.HasPrefix(stderr, tc.stderr)) {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, tc.stderr)
			}
			if tc.stdout != "" && !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, stdout)
			}
			if tc.code != 0 && tc.stdout == "" && stdout != "" {
				t.Errorf("stdout should be empty on failure:\n%s", stdout)
			}
			if tc.check != nil {
				tc.check(t, dir)
			}
		})
	}
}
