package yamlx

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	cands := []string{"statement", "kind", "code", "items", "same_as"}
	tests := map[string]string{"statment": "statement", "knid": "kind", "sameas": "same_as", "zzzzzz": "", "cod": "code"}
	for in, want := range tests {
		if got := Suggest(in, cands); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	if d := Distance("Siân", "Sian"); d != 1 {
		t.Errorf("Distance counts runes: got %d", d)
	}
}

type doc struct {
	Pos   Pos
	Name  string   `yaml:"name" req:"true"`
	Count int      `yaml:"count"`
	Hours float64  `yaml:"hours"`
	On    bool     `yaml:"on"`
	Tags  []string `yaml:"tags"`
	Kids  []*doc   `yaml:"kids"`
}

func TestParseAndDecode(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings of the problems; none means valid
	}{
		{"valid with BOM and CRLF", "\ufeffname: x\r\ncount: 2\r\nhours: 1.5\r\non: true\r\n", nil},
		{"wrong types", "name: [x]\ncount: two\nhours: lots\non: maybe\n", []string{"1:7: expected text", "2:8: expected a whole number", "3:8: expected a number", "4:5: expected true or false"}},
		{"required empty", "name: \"\"\n", []string{`"name" must not be empty`}},
		{"required null", "name:\n", []string{`"name" must have a value`}},
		{"empty list entry", "name: x\nkids:\n  -\n  - name: y\n", []string{"3:4: empty entry in the list"}},
		{"deep nesting", "name: x\ntags: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", []string{"too deeply nested"}},
		{"overflow", "name: x\ncount: 99999999999999999999999\n", []string{"2:8: expected a whole number"}},
		{"escape sequence in text", "name: \"a\\e[2Jb\"\ntags: [\"ok\", \"x\\x9b\"]\n", []string{"1:7: text for \"name\" contains the control character U+001B", "2:14: text", "U+009B"}},
		{"carriage return in text", "name: \"one\\rtwo\"\n", []string{"1:7: text for \"name\" contains the control character U+000D"}},
		{"tabs and line breaks are fine", "name: \"a\\tb\\nc\"\ntags:\n  - |\n    two\n    lines\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, probs := Parse("f", []byte(tt.in), DefaultLimits)
			if root != nil {
				var d doc
				probs = append(probs, Decode("f", root, &d)...)
			}
			if len(tt.want) == 0 {
				if len(probs) > 0 {
					t.Fatalf("unexpected problems: %v", probs)
				}
				return
			}
			all := probs.Error()
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems lack %q:\n%s", w, all)
				}
			}
		})
	}
}

func TestPositionsRecorded(t *testing.T) {
	root, _ := Parse("f", []byte("name: a\nkids:\n  - name: b\n    kids:\n      - name: c\n"), DefaultLimits)
	var d doc
	if p := Decode("f", root, &d); len(p) > 0 {
		t.Fatal(p)
	}
	if d.Kids[0].Kids[0].Pos != (Pos{Line: 5, Col: 9}) {
		t.Errorf("nested position = %+v", d.Kids[0].Kids[0].Pos)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("name: x\nkids: [{name: y, tags: [a]}]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, probs := Parse("f", data, Limits{MaxBytes: 1 << 20, MaxNodes: 10000})
		if root == nil {
			if len(probs) == 0 {
				t.Fatal("no root and no problems")
			}
			return
		}
		var d doc
		Decode("f", root, &d)
	})
}
