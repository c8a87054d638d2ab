package yamlx

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/lazy"
)

// Limits bound what Parse accepts.
type Limits struct {
	MaxBytes int64 // refuse larger input
	MaxNodes int   // refuse documents whose alias-expanded tree is larger
}

// DefaultLimits suit hand-written data files: frameworks, answers, curricula.
var DefaultLimits = Limits{MaxBytes: 8 << 20, MaxNodes: 1_000_000}

var yamlLineRE = lazy.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// Parse checks data against the limits and returns its root node (the
// document's content, not the document node). It never panics.
func Parse(file string, data []byte, lim Limits) (root *yaml.Node, probs Problems) {
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return nil, Problems{{File: file, Msg: fmt.Sprintf("the file is %s, larger than the %s this tool reads", humanBytes(int64(len(data))), humanBytes(lim.MaxBytes)),
			Hint: "check that this is the right file; data files of this kind are far smaller"}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Problems{{File: file, Msg: "the file is empty", Hint: "it should hold a YAML document"}}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		l, c := lineCol(data, i)
		return nil, Problems{{File: file, Line: l, Col: c, Msg: "the file contains a NUL byte, so it is not a text file", Hint: "save it as UTF-8 text"}}
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		l, c := lineCol(data, i)
		return nil, Problems{{File: file, Line: l, Col: c, Msg: "the file is not valid UTF-8", Hint: "save it with UTF-8 encoding"}}
	}
	var doc yaml.Node
	err := safeUnmarshal(data, &doc)
	if err != nil {
		return nil, Problems{syntaxProblem(file, err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, Problems{{File: file, Msg: "the file holds no YAML content", Hint: "it should hold a YAML mapping"}}
	}
	root = doc.Content[0]
	if deep := tooDeep(root, 0); deep != nil {
		return nil, Problems{{File: file, Line: deep.Line, Col: deep.Column,
			Msg:  fmt.Sprintf("the document is too deeply nested here (more than %d levels)", maxDepth),
			Hint: "data files of this kind need only a few levels; check the indentation and brackets"}}
	}
	if lim.MaxNodes > 0 {
		n := 0
		if !countNodes(root, &n, lim.MaxNodes, 0) {
			return nil, Problems{{File: file, Line: root.Line, Col: root.Column,
				Msg:  fmt.Sprintf("the document expands to more than %d nodes (too many aliases)", lim.MaxNodes),
				Hint: "remove the YAML anchors and aliases (& and *); write the content out instead"}}
		}
	}
	return root, nil
}

func safeUnmarshal(data []byte, doc *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, doc)
}

const maxDepth = 200

// countNodes counts the nodes of the alias-expanded tree, stopping at max.
// Depth is left to tooDeep, unless aliases make the expansion deeper than
// any written document could be.
func countNodes(n *yaml.Node, count *int, max, depth int) bool {
	*count++
	if *count > max || depth > 10*maxDepth {
		return false
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return countNodes(n.Alias, count, max, depth+1)
	}
	for _, c := range n.Content {
		if !countNodes(c, count, max, depth+1) {
			return false
		}
	}
	return true
}

// tooDeep returns the first node, as written (aliases are not followed),
// that is nested more than maxDepth levels deep, or nil.
func tooDeep(n *yaml.Node, depth int) *yaml.Node {
	if depth > maxDepth {
		return n
	}
	for _, c := range n.Content {
		if d := tooDeep(c, depth+1); d != nil {
			return d
		}
	}
	return nil
}

func syntaxProblem(file string, err error) Problem {
	msg := err.Error()
	p := Problem{File: file, Msg: "YAML syntax error: " + msg, Hint: "check indentation, colons and quotes around this line"}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			p.Line, _ = strconv.Atoi(m[1])
		}
		p.Msg = "YAML syntax error: " + m[2]
	}
	return p
}

func lineCol(data []byte, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off && i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// LineCol is the line and column (from 1, in characters) of byte offset
// off in data: for reporting problems in other formats (JSON) the same
// way.
func LineCol(data []byte, off int) (int, int) { return lineCol(data, off) }
