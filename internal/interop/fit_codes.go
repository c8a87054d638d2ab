package interop

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/lazy"
)

// assignCodes gives every node a unique code, in document order, before
// any level is made, so that the source's own codes win over made ones.
// Every id that does not become its code unchanged is listed, with why.
func (ft *fitter) assignCodes(nodes []*Node, parentCode string) {
	prefix := SanitiseCode(ft.opt.Prefix)
	for i, n := range nodes {
		raw := n.Code
		trimmed := strings.TrimSpace(raw)
		var c string
		var why []string
		if trimmed != "" {
			if trimmed != raw {
				why = append(why, "spaces trimmed")
			}
			c = SanitiseCode(trimmed)
			if c != "" {
				cleaned := strings.TrimRight(strings.TrimLeft(badCodeRun.ReplaceAllString(trimmed, "-"), "._-"), "-")
				if cleaned != trimmed {
					why = append(why, "characters other than letters, digits, dots, hyphens and underscores replaced")
				}
				if len(cleaned) > maxCode {
					why = append(why, "shortened to 40 characters, with a hash to keep it unique")
				}
			}
			if prefix != "" && c != "" && !strings.HasPrefix(c, prefix+".") {
				c = fitCode(prefix + "." + c)
				why = append(why, "--prefix "+prefix)
			}
		}
		if c == "" {
			c = fitCode(fmt.Sprintf("%s.%d", parentCode, i+1))
		}
		final := ft.unique(c)
		if final != c {
			why = append(why, "made unique")
		}
		ft.code[n] = final
		switch {
		case trimmed == "" || SanitiseCode(trimmed) == "":
			ft.generated = append(ft.generated, final)
		case final != raw:
			ft.codeChanges = append(ft.codeChanges, fmt.Sprintf("%s → %s (%s)", strconv.Quote(raw), final, strings.Join(why, "; ")))
		}
		ft.assignCodes(n.Children, final)
	}
}

// unique returns c, or c-2, c-3 … when c is taken, and marks it taken.
func (ft *fitter) unique(c string) string {
	if !ft.used[c] {
		ft.used[c] = true
		return c
	}
	for k := 2; ; k++ {
		suffix := fmt.Sprintf("-%d", k)
		cand := c
		if len(cand)+len(suffix) > maxCode {
			cand = cand[:maxCode-len(suffix)]
		}
		cand += suffix
		if !ft.used[cand] {
			ft.used[cand] = true
			return cand
		}
	}
}

// maxCode is the longest code reflect accepts.
const maxCode = 40

var badCodeRun = lazy.MustCompile(`[^A-Za-z0-9._-]+`)

// SanitiseCode makes s fit reflect's code rule: runs of other characters
// become a hyphen, leading punctuation goes, and codes longer than 40
// characters are shortened with a hash of the whole so they stay unique.
// It returns "" when nothing usable is left.
func SanitiseCode(s string) string {
	c := badCodeRun.ReplaceAllString(strings.TrimSpace(s), "-")
	c = strings.TrimLeft(c, "._-")
	c = strings.TrimRight(c, "-")
	if c == "" {
		return ""
	}
	return fitCode(c)
}

// fitCode shortens a code to 40 characters, keeping it unique with a hash.
func fitCode(c string) string {
	if len(c) <= maxCode {
		return c
	}
	sum := sha1.Sum([]byte(c))
	return c[:maxCode-9] + "-" + hex.EncodeToString(sum[:4])
}

// Slug makes a lower-case id of letters, digits and hyphens from s.
func Slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= max {
			break
		}
	}
	out := b.String()
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}
