// Making text safe for the PDF's embedded Go font: NFC composition,
// control characters, and glyphs the font lacks shown as "?".

package render

import (
	"reflect"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// fontCovers is a bitmap of the Basic Multilingual Plane runes the Go
// font has glyphs for.
var fontCovers = sync.OnceValue(func() []uint64 {
	bits := make([]uint64, 0x10000/64)
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		return bits
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			bits[r/64] |= 1 << (r % 64)
		}
	}
	return bits
})

// pdfString makes text safe for the PDF's font: composed (NFC) so that
// "Siân" typed with a combining accent still finds its glyph, tabs as
// spaces, other control characters dropped, and characters the font has
// no glyph for (emoji, CJK, anything beyond the Basic Multilingual Plane,
// which the PDF library cannot encode) shown as "?".
func pdfString(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	cov := fontCovers()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		case r < 0x10000 && cov[r/64]&(1<<(r%64)) != 0:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// A combining mark with no glyph of its own: leave it out.
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// pdfSafe applies pdfString to every string in the document, in place.
func pdfSafe(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(pdfString(v.String()))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			pdfSafe(v.Field(i))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			pdfSafe(v.Index(i))
		}
	case reflect.Pointer:
		// The record itself is not touched; only its id is printed, and
		// that goes through pdfString where it is used.
	}
}
