package interop

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// Options steer an import.
type Options struct {
	// ID is the framework id to give the result; when empty it is taken
	// from the file (reflect's own exports) or made from the title.
	ID string
	// Prefix, when set, is put before every code ("OECD" makes
	// "analytical-thinking" into "OECD.analytical-thinking"), and starts
	// the codes made for entries that have none.
	Prefix string
	// DefaultKind is the kind given to competences whose source names
	// none: knowledge unless set.
	DefaultKind string
	// Known reports whether a code names a competence in a framework
	// loaded beside the import, so that equivalence links to it can become
	// same_as links. Nil means none is known.
	Known func(code string) bool
}

// Placement records where one source entry went.
type Placement struct {
	Source string // the source's identifier; empty for a level made by the import
	Code   string // the code in the result; empty when folded
	Role   string // RoleDomain, RoleArea, RoleCompetence or RoleFolded
	Parent string // the code of the domain or area it belongs to
}

// Roles in a Placement.
const (
	RoleDomain     = "domain"
	RoleArea       = "area"
	RoleCompetence = "competence"
	RoleFolded     = "folded"
)

// Report says what an import did.
type Report struct {
	Format      string
	File        string
	SourceCount int // competencies or items in the file
	Domains     int
	Areas       int
	Competences int
	Placements  []Placement
	Notes       []Note
}

func (r *Report) notef(cat Category, format string, args ...any) {
	r.Notes = append(r.Notes, Note{Cat: cat, Text: clean(fmt.Sprintf(format, args...))})
}

// Summary is the report's first line.
func (r *Report) Summary() string {
	return fmt.Sprintf("%s (%s): %s became %s, %s and %s.", clean(r.File), FormatName(r.Format),
		plural(r.SourceCount, "entry", "entries"), plural(r.Domains, "domain", "domains"),
		plural(r.Areas, "area", "areas"), plural(r.Competences, "competence", "competences"))
}

// Lines renders the report for people, grouped by category.
func (r *Report) Lines() []string {
	out := []string{r.Summary()}
	for cat := CatStructure; cat <= CatInfo; cat++ {
		first := true
		for _, n := range r.Notes {
			if n.Cat != cat {
				continue
			}
			if first {
				out = append(out, cat.Heading()+":")
				first = false
			}
			out = append(out, "  - "+n.Text)
		}
	}
	return out
}

// ErrEmpty is returned when a file holds no competencies at all.
var ErrEmpty = errors.New("the file holds no competencies or items to import")

// Fit turns an imported tree into a framework with reflect's three levels
// and reports what it did. The result is not yet validated against other
// frameworks; the caller does that with framework.NewSet or Set.With.
func Fit(src *Source, opt Options) (*framework.Framework, *Report, error) {
	if len(src.Roots) == 0 {
		return nil, nil, ErrEmpty
	}
	ft := &fitter{src: src, opt: opt, height: map[*Node]int{}, code: map[*Node]string{}, used: map[string]bool{},
		described: map[*Node]bool{}, own: map[*Node]bool{}, rep: &Report{Format: src.Format, File: src.File, SourceCount: src.Count}}
	if ft.opt.DefaultKind == "" {
		ft.opt.DefaultKind = framework.KindKnowledge
	}
	ft.rep.Notes = append(ft.rep.Notes, src.Notes...)
	ft.f = ft.meta()
	ft.rootCode = ft.prefixRoot()
	ft.assignCodes(src.Roots, ft.rootCode)
	ft.folder(nil, src.Roots, nil)
	ft.finish()
	return ft.f, ft.rep, nil
}

type fitter struct {
	src       *Source
	opt       Options
	f         *framework.Framework
	rep       *Report
	height    map[*Node]int
	code      map[*Node]string
	used      map[string]bool
	described map[*Node]bool
	own       map[*Node]bool
	rootCode  string

	sanitised                      []string
	generated                      []string
	folded                         []string
	synthDomains, synthAreas       []string
	kindDefaulted, kindFromSource  int
	expectDefaulted                int
	dupStatements, emptyStatements []string
}

// label is n's short name, or its code when it has no text at all.
func (ft *fitter) label(n *Node) string {
	if l := n.label(); l != "" {
		return l
	}
	return ft.code[n]
}

func (ft *fitter) h(n *Node) int {
	if v, ok := ft.height[n]; ok {
		return v
	}
	ft.height[n] = 0 // guards against cycles; readers break them first
	max := -1
	for _, c := range n.Children {
		if v := ft.h(c); v > max {
			max = v
		}
	}
	ft.height[n] = max + 1
	return max + 1
}

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
		ft.rep.notef(CatDefault, "framework id %q was made from the file's own id %q (choose another with --id)", f.ID, src.IDHint)
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
	}
	f.Description = strings.TrimSpace(src.Description)
	f.Scale = src.Scale
	if src.Provenance != nil {
		f.Provenance = *src.Provenance
		ft.rep.notef(CatInfo, "the file was written by reflect; its provenance (wording: %s) was carried over", f.Provenance.Wording)
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
			Wording: framework.WordingOfficial,
			Notice: fmt.Sprintf("The statements in this file were imported from %s (%s) and are the publisher's text, not reflect's. "+
				"Their licence is the publisher's: check that you may use and share them.", clean(filepath.Base(src.File)), FormatName(src.Format)),
			Licence: collapse(src.Licence),
		}
		if isWebURL(src.URL) {
			f.Provenance.OfficialURL = src.URL
		}
		ft.rep.notef(CatInfo, "provenance: wording \"official\" (the text is the publisher's), based on %q; the notice says it was imported and that its licence is the publisher's", based)
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

// assignCodes gives every node a unique code, in document order, before
// any level is made, so that the source's own codes win over made ones.
func (ft *fitter) assignCodes(nodes []*Node, parentCode string) {
	for i, n := range nodes {
		var c string
		if raw := strings.TrimSpace(n.Code); raw != "" {
			c = SanitiseCode(raw)
			if c != raw {
				ft.sanitised = append(ft.sanitised, fmt.Sprintf("%q → %s", raw, c))
			}
			if p := SanitiseCode(ft.opt.Prefix); p != "" && c != "" && !strings.HasPrefix(c, p+".") {
				c = fitCode(p + "." + c)
			}
		}
		if c == "" {
			c = fitCode(fmt.Sprintf("%s.%d", parentCode, i+1))
		}
		ft.code[n] = ft.unique(c)
		if strings.TrimSpace(n.Code) == "" || SanitiseCode(n.Code) == "" {
			ft.generated = append(ft.generated, ft.code[n])
		}
		ft.assignCodes(n.Children, ft.code[n])
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

// folder handles the children of an entry (or of the document) that sits
// above the domain level.
func (ft *fitter) folder(owner *Node, children []*Node, path []*Node) {
	for i := 0; i < len(children); {
		c := children[i]
		switch hc := ft.h(c); {
		case hc >= 3:
			ft.folded = append(ft.folded, ft.code[c])
			ft.rep.Placements = append(ft.rep.Placements, Placement{Source: c.ID, Role: RoleFolded})
			ft.folder(c, c.Children, append(path[:len(path):len(path)], c))
			i++
		case hc == 2:
			ft.domain(c, path)
			i++
		default:
			j := i
			for j < len(children) && ft.h(children[j]) <= 1 {
				j++
			}
			ft.madeDomain(owner, path, children[i:j])
			i = j
		}
	}
}

func (ft *fitter) pathTitle(path []*Node, last string) string {
	var parts []string
	for _, p := range path {
		parts = append(parts, ft.label(p))
	}
	if last != "" {
		parts = append(parts, last)
	}
	return strings.Join(parts, " › ")
}

// pathDescription describes the folded levels above a domain the first
// time a domain is made under them.
func (ft *fitter) pathDescription(path []*Node) []string {
	var out []string
	for _, p := range path {
		if ft.described[p] {
			continue
		}
		ft.described[p] = true
		if d := p.description(); d != "" {
			out = append(out, ft.label(p)+": "+d)
		}
	}
	return out
}

func (ft *fitter) domain(n *Node, path []*Node) {
	d := &framework.Domain{Code: ft.takeOwn(n), Title: ft.pathTitle(path, ft.label(n))}
	desc := ft.pathDescription(path)
	if own := n.description(); own != "" {
		desc = append(desc, own)
	}
	d.Description = strings.Join(desc, "\n\n")
	ft.f.Domains = append(ft.f.Domains, d)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Source: n.ID, Code: d.Code, Role: RoleDomain})
	ft.areas(d, n, n.Children)
}

// madeDomain makes a domain for a run of entries that sit directly under
// an entry above the domain level (or under the document).
func (ft *fitter) madeDomain(owner *Node, path []*Node, run []*Node) {
	d := &framework.Domain{}
	if owner == nil {
		d.Code = ft.unique(ft.rootCode)
		d.Title = ft.f.ShortTitle
	} else {
		d.Code = ft.takeOwn(owner)
		d.Title = ft.pathTitle(path, "")
	}
	d.Description = strings.Join(ft.pathDescription(path), "\n\n")
	ft.synthDomains = append(ft.synthDomains, d.Code)
	ft.f.Domains = append(ft.f.Domains, d)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Code: d.Code, Role: RoleDomain})
	ft.areas(d, owner, run)
}

// takeOwn returns n's code the first time a level is made from n and a
// fresh code made from it afterwards.
func (ft *fitter) takeOwn(n *Node) string {
	if !ft.own[n] {
		ft.own[n] = true
		return ft.code[n]
	}
	return ft.unique(ft.code[n])
}

// areas fills a domain from the entries under it: entries with children
// become areas; runs of entries without children are gathered into an
// area named after owner.
func (ft *fitter) areas(d *framework.Domain, owner *Node, children []*Node) {
	for i := 0; i < len(children); {
		c := children[i]
		if ft.h(c) == 1 {
			ft.area(d, c)
			i++
			continue
		}
		j := i
		for j < len(children) && ft.h(children[j]) == 0 {
			j++
		}
		ft.madeArea(d, owner, children[i:j])
		i = j
	}
}

func (ft *fitter) area(d *framework.Domain, n *Node) {
	a := &framework.Area{Code: ft.takeOwn(n), Title: ft.label(n), Description: n.description(), Expect: ft.expect(n, ft.label(n)), Domain: d}
	d.Areas = append(d.Areas, a)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Source: n.ID, Code: a.Code, Role: RoleArea, Parent: d.Code})
	for _, c := range n.Children {
		ft.competence(a, c)
	}
}

func (ft *fitter) madeArea(d *framework.Domain, owner *Node, leaves []*Node) {
	a := &framework.Area{Domain: d}
	if owner == nil {
		a.Code = ft.unique(ft.rootCode)
		a.Title = ft.f.ShortTitle
	} else {
		a.Code = ft.takeOwn(owner)
		a.Title = ft.label(owner)
	}
	a.Expect = ft.expect(nil, a.Title)
	ft.synthAreas = append(ft.synthAreas, a.Code)
	d.Areas = append(d.Areas, a)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Code: a.Code, Role: RoleArea, Parent: d.Code})
	for _, c := range leaves {
		ft.competence(a, c)
	}
}

func (ft *fitter) expect(n *Node, title string) string {
	if n != nil && strings.TrimSpace(n.Expect) != "" {
		return collapse(n.Expect)
	}
	ft.expectDefaulted++
	return "This area covers: " + strings.TrimRight(title, ".") + "."
}

func (ft *fitter) competence(a *framework.Area, n *Node) {
	c := &framework.Competence{Code: ft.takeOwn(n), Statement: n.statement(), Items: n.Items, Tags: n.Tags, SameAs: n.SameAs, Area: a}
	if c.Statement == "" {
		c.Statement = c.Code
		ft.emptyStatements = append(ft.emptyStatements, c.Code)
	}
	if isKind(n.Kind) {
		c.Kind = n.Kind
		ft.kindFromSource++
	} else {
		c.Kind = ft.opt.DefaultKind
		ft.kindDefaulted++
	}
	a.Competences = append(a.Competences, c)
	ft.rep.Placements = append(ft.rep.Placements, Placement{Source: n.ID, Code: c.Code, Role: RoleCompetence, Parent: a.Code})
}

func isKind(k string) bool {
	for _, x := range framework.Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// finish makes statements unique, counts and writes the fitting notes.
func (ft *fitter) finish() {
	seen := map[string]string{}
	for _, c := range ft.f.Competences() {
		key := normalise(c.Statement)
		if prev, dup := seen[key]; dup {
			c.Statement += " (" + c.Code + ")"
			ft.dupStatements = append(ft.dupStatements, fmt.Sprintf("%s repeats %s", c.Code, prev))
			continue
		}
		seen[key] = c.Code
	}
	d, a, c := ft.f.Count()
	ft.rep.Domains, ft.rep.Areas, ft.rep.Competences = d, a, c
	r := ft.rep
	r.notef(CatStructure, "entries without children became competences; their parents became areas, and the areas' parents domains")
	if len(ft.folded) > 0 {
		r.notef(CatStructure, "%s above the domain level %s folded into the domain titles (joined with ›) and descriptions: %s",
			plural(len(ft.folded), "entry", "entries"), wasWere(len(ft.folded)), listSome(ft.folded, 8))
	}
	if len(ft.synthDomains) > 0 {
		r.notef(CatStructure, "%s made to hold areas or competences that sit directly under a higher level: %s",
			plural(len(ft.synthDomains), "domain was", "domains were"), listSome(ft.synthDomains, 8))
	}
	if len(ft.synthAreas) > 0 {
		r.notef(CatStructure, "%s made to hold competences that sit directly under a domain or higher: %s",
			plural(len(ft.synthAreas), "area was", "areas were"), listSome(ft.synthAreas, 8))
	}
	if ft.kindDefaulted > 0 {
		r.notef(CatDefault, "kind defaulted to %s for %s (the file does not say); set each to knowledge, skill, attitude or judgement",
			ft.opt.DefaultKind, plural(ft.kindDefaulted, "competence", "competences"))
	}
	if ft.expectDefaulted > 0 {
		r.notef(CatDefault, "%s no plain-language \"what you can expect\" line; each says \"This area covers: <title>.\" — add expect lines written for service users and carers",
			plural(ft.expectDefaulted, "area has", "areas have"))
	}
	if ft.f.Scale == nil {
		r.notef(CatDefault, "the file has no usable rating scale; reflect's default four-level scale applies")
	}
	if len(ft.sanitised) > 0 {
		r.notef(CatDefault, "%s changed to fit reflect's code rule (letters, digits, dots, hyphens, underscores; at most 40): %s",
			plural(len(ft.sanitised), "code was", "codes were"), listSome(ft.sanitised, 5))
	}
	if len(ft.generated) > 0 {
		r.notef(CatDefault, "%s no code; codes were made from their position under their parent: %s",
			plural(len(ft.generated), "entry has", "entries have"), listSome(ft.generated, 5))
	}
	if len(ft.emptyStatements) > 0 {
		r.notef(CatDefault, "%s no text; the code stands in as the statement: %s",
			plural(len(ft.emptyStatements), "competence has", "competences have"), listSome(ft.emptyStatements, 8))
	}
	if len(ft.dupStatements) > 0 {
		r.notef(CatDefault, "%s the statement of another, which reflect does not allow; the code was added in brackets: %s",
			plural(len(ft.dupStatements), "competence repeats", "competences repeat"), listSome(ft.dupStatements, 5))
	}
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// maxCode is the longest code reflect accepts.
const maxCode = 40

var badCodeRun = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

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

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
