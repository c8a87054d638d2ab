package interop

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// meta fills in the framework's own fields from the source.
func (ft *fitter) meta() *framework.Framework {
	src := ft.src
	f := &framework.Framework{Schema: framework.SchemaVersion, File: src.File}
	f.Title = collapse(src.Title)
	if f.Title == "" {
		f.Title = strings.TrimSuffix(filepath.Base(src.File), filepath.Ext(src.File))
		ft.rep.notef(CatDefault, "the file names no title; the title %q was made from the file name", f.Title)
	}
	f.ShortTitle = collapse(src.ShortTitle)
	if f.ShortTitle == "" {
		f.ShortTitle = f.Title
	}
	switch {
	case ft.opt.ID != "":
		f.ID = ft.opt.ID
	case src.ID != "" && framework.ValidID(src.ID):
		f.ID = src.ID
	case Slug(src.IDHint, 40) != "":
		f.ID = Slug(src.IDHint, 40)
		if f.ID != src.IDHint {
			ft.codeChanges = append(ft.codeChanges, fmt.Sprintf("framework id number %s → framework id %s (reflect's framework ids are lower-case letters, digits and hyphens; choose another with --id)",
				strconv.Quote(src.IDHint), f.ID))
		} else {
			ft.rep.notef(CatDefault, "framework id %q is the file's own id number (choose another with --id)", f.ID)
		}
	default:
		f.ID = Slug(f.Title, 40)
		if f.ID == "" {
			f.ID = "imported"
		}
		ft.rep.notef(CatDefault, "framework id %q was made from the title (choose another with --id)", f.ID)
	}
	f.Version = collapse(src.Version)
	if f.Version == "" {
		f.Version = "1.0.0"
		ft.rep.notef(CatDefault, "the file gives no version; version 1.0.0 was assumed")
	}
	f.Population = collapse(src.Population)
	if f.Population == "" {
		f.Population = "Not stated in the imported file"
		ft.rep.notef(CatDefault, "the file does not say who the framework is for; population says \"%s\"", f.Population)
	}
	f.Publisher = collapse(src.Publisher)
	if f.Publisher == "" {
		f.Publisher = collapse(src.Creator)
	}
	if f.Publisher == "" {
		f.Publisher = "Not stated in the imported file"
		ft.rep.notef(CatDefault, "the file names no publisher or creator; publisher says \"%s\"", f.Publisher)
	}
	f.Commissioner = collapse(src.Commission)
	f.Published = collapse(src.Published)
	if isWebURL(src.URL) {
		f.SourceURL = src.URL
	} else if src.URL != "" {
		ft.rep.notef(CatDropped, "the file's address for the framework, %q, is not a web address, so it was left out", src.URL)
	}
	f.Description = strings.TrimSpace(src.Description)
	f.Scale = src.Scale
	if src.Provenance != nil {
		f.Provenance = *src.Provenance
		ft.rep.notef(CatInfo, "the file was written by reflect; its provenance (wording: %s) was carried over", f.Provenance.Wording)
		f.Review, f.Guide = src.Review, src.Guide
		if r := f.Review; r != nil {
			ft.rep.notef(CatInfo, "the review was carried over: last reviewed %s, next due %s", r.LastReviewed, r.NextDue)
		}
		if g := f.Guide; g != nil {
			ft.rep.notef(CatInfo, "the guide's own text for people who receive support was carried over (%s)", plural(len(g.Help), "place to get help", "places to get help"))
		}
	} else {
		by := collapse(src.Publisher)
		if by == "" {
			by = collapse(src.Creator)
		}
		based := f.Title
		if by != "" {
			based += " (" + by + ")"
		}
		f.Provenance = framework.Provenance{
			BasedOn: based,
			Wording: framework.WordingPublisher,
			Notice: fmt.Sprintf("The statements in this file were imported from %s (%s) and are the publisher's text, not reflect's. "+
				"Nobody has checked that their licence allows you to use and share them: check before you do.", clean(filepath.Base(src.File)), FormatName(src.Format)),
			Licence: collapse(src.Licence),
		}
		if isWebURL(src.URL) {
			f.Provenance.OfficialURL = src.URL
		}
		licence := "the file names no licence"
		if f.Provenance.Licence != "" {
			licence = fmt.Sprintf("the file names the licence %q, which reflect cannot check covers your use", f.Provenance.Licence)
		}
		ft.rep.notef(CatInfo, "provenance: wording \"publisher\", because the statements are the publisher's text, imported, and nobody has checked that their licence allows this use (%s); "+
			"\"official\" would say the text is used with the publisher's permission — set it only when you have that. Based on %q; the notice says the same", licence, based)
	}
	return f
}

// prefixRoot is the code stem for levels made by the import and for
// entries without codes: the prefix, or the initials of the title.
func (ft *fitter) prefixRoot() string {
	if p := SanitiseCode(ft.opt.Prefix); p != "" {
		return p
	}
	if p := SanitiseCode(ft.src.IDHint); p != "" {
		return p
	}
	words := strings.FieldsFunc(ft.f.Title, func(r rune) bool { return r >= 128 || !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var b strings.Builder
	if len(words) == 1 {
		w := strings.ToUpper(words[0])
		if len(w) > 6 {
			w = w[:6]
		}
		b.WriteString(w)
	}
	for _, w := range words {
		if len(words) == 1 || b.Len() == 6 {
			break
		}
		b.WriteString(strings.ToUpper(w[:1]))
	}
	if b.Len() < 2 {
		return "IMP"
	}
	return b.String()
}

// isWebURL reports whether s is a web address the framework validator
// accepts: http or https, with a host.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
