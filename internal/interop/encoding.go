package interop

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText returns data as a string, decoding UTF-16 (with a BOM) and,
// when the bytes are not UTF-8, Windows-1252; enc names the encoding used
// when it was not UTF-8.
func decodeText(data []byte) (text, enc string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		le := data[0] == 0xff
		data = data[2:]
		u := make([]uint16, len(data)/2)
		for i := range u {
			if le {
				u[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
			} else {
				u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			}
		}
		return string(utf16.Decode(u)), "UTF-16"
	}
	if utf8.Valid(data) {
		return string(data), ""
	}
	var b strings.Builder
	for _, c := range data {
		if c >= 0x80 && c < 0xa0 {
			b.WriteRune(cp1252[c-0x80])
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.String(), "Windows-1252"
}

// cp1252 maps bytes 0x80–0x9F of Windows-1252 to Unicode.
var cp1252 = [32]rune{
	'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
}

// sniffDelimiter picks the separator Moodle's importer allows (comma,
// semicolon, tab, colon) that occurs most often, outside quotes, in the
// first line.
func sniffDelimiter(text string) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, r := range text {
		if r == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if r == '\n' {
			break
		}
		switch r {
		case ',', ';', '\t', ':':
			counts[r]++
		}
	}
	best, bestN := ',', counts[',']
	for _, r := range []rune{';', '\t', ':'} {
		if counts[r] > bestN {
			best, bestN = r, counts[r]
		}
	}
	return best
}
