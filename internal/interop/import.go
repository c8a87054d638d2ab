package interop

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// MaxInputSize bounds the files import reads.
const MaxInputSize = 64 << 20

// checkSize refuses a file larger than MaxInputSize.
func checkSize(file string, data []byte) error {
	if len(data) > MaxInputSize {
		return yamlx.Problems{{File: file, Msg: fmt.Sprintf("the file is larger than the %d MiB this tool reads", MaxInputSize>>20)}}
	}
	return nil
}

// Read reads a file in the given format (or the detected one, when format
// is empty) into a Source.
func Read(format, file string, data []byte, opt Options) (*Source, error) {
	if format == "" {
		format = Detect(file, data)
		if format == "" {
			return nil, yamlx.Problems{{File: file, Msg: "cannot tell what format this file is in",
				Hint: "say which with --from " + strings.Join(Formats, " or ")}}
		}
	}
	switch format {
	case FormatMoodleCSV:
		return ReadMoodleCSV(file, data)
	case FormatCASEJSON:
		return ReadCASE(file, data, opt.Known)
	}
	return nil, fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats, " or "))
}

// Import reads a file and fits it to reflect's framework format.
func Import(format, file string, data []byte, opt Options) (*framework.Framework, *Report, error) {
	src, err := Read(format, file, data, opt)
	if err != nil {
		return nil, nil, err
	}
	f, rep, err := Fit(src, opt)
	if err != nil {
		return nil, nil, yamlx.Problems{{File: file, Msg: err.Error()}}
	}
	return f, rep, nil
}

// Detect guesses a file's format from its content, then its name: a JSON
// object is CASE; text whose first line names Moodle's columns, in any
// language reflect knows, is Moodle CSV. It returns ""
// when it cannot tell.
func Detect(file string, data []byte) string {
	head := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(head) > 4096 {
		head = head[:4096]
	}
	if bytes.HasPrefix(head, []byte("{")) {
		return FormatCASEJSON
	}
	if looksLikeMoodleHeader(head) {
		return FormatMoodleCSV
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		return FormatCASEJSON
	case ".csv":
		return FormatMoodleCSV
	}
	return ""
}

// looksLikeMoodleHeader reports whether the first line of head names at
// least two of Moodle's columns, one of them the parent or "is framework"
// column (which no other format has).
func looksLikeMoodleHeader(head []byte) bool {
	text, _ := decodeText(head)
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		text = text[:i]
	}
	recs, err := readCSV("", text, sniffDelimiter(text))
	if err != nil || len(recs) == 0 {
		return false
	}
	seen := map[int]bool{}
	for _, h := range recs[0].fields {
		if m := moodleHeaderStrings[headerNorm(h)]; len(m) > 0 {
			seen[m[0].col] = true
		}
	}
	return len(seen) >= 2 && (seen[colParent] || seen[colIsFramework])
}
