package interop

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// origin completes the framework's origin: the codes each entry became
// (set as the levels were made), the levels the import made, a digest of
// each entry's framework fields as the import left them, and the source
// fields that export can make again from the framework dropped, so that
// only what the framework does not hold is kept.
func (ft *fitter) origin() {
	o := ft.src.Origin
	if o == nil {
		return
	}
	f := ft.f
	o.Entries = append(o.Entries, ft.made...)
	for _, e := range o.Entries {
		if e.Code != "" && !e.Made {
			e.Digest = levelDigest(f, e.Code)
		}
	}
	if o.Document != nil {
		o.Document.Digest = documentDigest(f)
	}
	f.Origin = o
	switch o.Format {
	case FormatMoodleCSV:
		pruneMoodleOrigin(f)
	case FormatCASEJSON:
		pruneCASEOrigin(f)
	}
}

// levelDigest is a digest of a domain's, area's or competence's own
// fields: what an edit since the import would change. "" when the code
// names none.
func levelDigest(f *framework.Framework, code string) string {
	var parts []string
	if c := f.Competence(code); c != nil {
		parts = []string{"competence", c.Title, c.Statement, flatItems(c.Items)}
	} else if a := f.Area(code); a != nil {
		parts = []string{"area", a.Title, a.Description, a.Expect}
	} else if d := f.Domain(code); d != nil {
		parts = []string{"domain", d.Title, d.Description}
	} else {
		return ""
	}
	return digest(parts)
}

// documentDigest is a digest of the framework's own fields that a source
// document (the Moodle framework row, the CASE CFDocument) holds.
func documentDigest(f *framework.Framework) string {
	parts := []string{"document", f.Title, f.ShortTitle, f.Description, f.Version, f.Publisher, f.SourceURL, f.Provenance.Licence}
	if s := f.Scale; s != nil {
		for _, l := range s.Levels {
			parts = append(parts, strconv.Itoa(l.Value), l.Label, l.Descriptor)
		}
	}
	return digest(parts)
}

func digest(parts []string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(strconv.Itoa(len(p))))
		h.Write([]byte{':'})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// flatItems writes sub-items as one string that keeps their nesting.
func flatItems(items []*framework.Item) string {
	var b strings.Builder
	var walk func([]*framework.Item, int)
	walk = func(items []*framework.Item, depth int) {
		for _, it := range items {
			b.WriteString(strings.Repeat(">", depth))
			b.WriteString(it.Text)
			b.WriteByte('\n')
			walk(it.Items, depth+1)
		}
	}
	walk(items, 0)
	return b.String()
}

// unchanged reports whether an entry's domain, area or competence is as
// the import left it.
func unchanged(f *framework.Framework, e *framework.OriginEntry) bool {
	return e.Digest != "" && e.Digest == levelDigest(f, e.Code)
}

// sameText reports whether two pieces of HTML or text read the same: the
// same words, whatever the markup, entities and white space.
func sameText(a, b string) bool { return textKey(a) == textKey(b) }

func textKey(s string) string {
	r := htmlText(s)
	return normalise(r.Text() + " " + flatItems(r.Items))
}
