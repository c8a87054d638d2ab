package framework

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

var (
	idRE = lazy.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
)

// ValidCode reports whether s is usable as a competence, area or domain
// code: letters, digits, dots, hyphens and underscores, at most 40 long,
// starting with a letter or digit. (The rule is ^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$,
// checked without a regular expression: it runs for every code at start-up.)
func ValidCode(s string) bool {
	if len(s) == 0 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case (c == '.' || c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}

// ValidID reports whether s is usable as a framework, profile or resource id.
func ValidID(s string) bool { return idRE.MatchString(s) }

type validator struct {
	f     *Framework
	probs yamlx.Problems
}

func (v *validator) add(pos yamlx.Pos, hint, format string, args ...any) {
	v.probs = append(v.probs, yamlx.Problem{File: v.f.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Validate checks the rules that span a framework file: codes, kinds, the
// scale, profiles, resources and duplicates. It does not check crosswalk
// links, which need the other frameworks (see NewSet).
func Validate(f *Framework) yamlx.Problems {
	v := &validator{f: f}
	v.meta()
	v.review()
	v.guide()
	v.scale()
	v.structure()
	v.profiles()
	v.resources()
	v.origin()
	return v.probs
}

func (v *validator) meta() {
	f := v.f
	if f.Schema > SchemaVersion {
		v.add(f.Pos, "update reflect to read it", "this file uses framework schema %d, but this version of reflect reads schema %d", f.Schema, SchemaVersion)
	} else if f.Schema < 0 {
		v.add(f.Pos, "", "schema must be %d", SchemaVersion)
	}
	if f.ID != "" && !ValidID(f.ID) {
		v.add(f.Pos, "use lower-case letters, digits and hyphens, e.g. adults or my-service", "framework id %q is not valid", f.ID)
	}
	if w := f.Provenance.Wording; w != "" && !oneOf(w, Wordings) {
		v.add(f.Provenance.Pos, "use tool (the wording is this file's own), publisher (the publisher's text, imported; its licence not checked) or official (the publisher's text, used with permission)", "provenance wording %q is not valid", w)
	}
	v.url(f.Pos, "source_url", f.SourceURL)
	v.url(f.Provenance.Pos, "official_url", f.Provenance.OfficialURL)
}

func (v *validator) review() {
	r := v.f.Review
	if r == nil {
		return
	}
	last, lok := v.date(r.Pos, "review last_reviewed", r.LastReviewed)
	next, nok := v.date(r.Pos, "review next_due", r.NextDue)
	if lok && nok && next <= last {
		v.add(r.Pos, "the next review is due after the last one", "review next_due %s is not after last_reviewed %s", r.NextDue, r.LastReviewed)
	}
}

// date checks a YYYY-MM-DD or YYYY-MM date and returns it in a form that
// sorts in time order.
func (v *validator) date(pos yamlx.Pos, field, s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if validDate(s) {
		if len(s) == 7 {
			return s + "-00", true
		}
		return s, true
	}
	v.add(pos, "write the date as YYYY-MM-DD or YYYY-MM, e.g. 2026-12-01", "%s %q is not a date", field, s)
	return "", false
}

func validDate(s string) bool {
	if len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	month := int(s[5]-'0')*10 + int(s[6]-'0')
	if month < 1 || month > 12 {
		return false
	}
	if len(s) == 10 {
		day := int(s[8]-'0')*10 + int(s[9]-'0')
		if day < 1 || day > 31 {
			return false
		}
	}
	return true
}

func (v *validator) guide() {
	g := v.f.Guide
	if g == nil {
		return
	}
	names := map[string]bool{}
	for _, h := range g.Help {
		if h == nil {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(h.Name))
		if names[key] && key != "" {
			v.add(h.Pos, "list each place to get help once", "guide help %q is listed twice", h.Name)
		}
		names[key] = true
	}
}

func (v *validator) url(pos yamlx.Pos, field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		v.add(pos, "write a full web address starting with https://", "%s %q is not a web address", field, s)
	}
}

func (v *validator) scale() {
	s := v.f.Scale
	if s == nil {
		return
	}
	if len(s.Levels) < 2 {
		v.add(s.Pos, "", "the scale needs at least two levels")
	}
	labels := map[string]bool{}
	for i, l := range s.Levels {
		if l.Value < 1 || l.Value > 9 {
			v.add(l.Pos, "a person rates with one key press, so values run from 1 to 9", "scale level %q has value %d", l.Label, l.Value)
		}
		if i > 0 && l.Value <= s.Levels[i-1].Value {
			v.add(l.Pos, "list levels from lowest to highest, each value once", "scale level values must increase: %d follows %d", l.Value, s.Levels[i-1].Value)
		}
		if labels[strings.ToLower(l.Label)] && l.Label != "" {
			v.add(l.Pos, "", "scale level label %q is used twice", l.Label)
		}
		labels[strings.ToLower(l.Label)] = true
	}
	if na := s.NotApplicable; na != nil {
		ids := map[string]bool{}
		for _, r := range na.Reasons {
			if r.ID != "" && !ValidID(r.ID) {
				v.add(r.Pos, "use lower-case letters, digits and hyphens", "N/A reason id %q is not valid", r.ID)
			}
			if ids[r.ID] {
				v.add(r.Pos, "", "N/A reason id %q is used twice", r.ID)
			}
			ids[r.ID] = true
		}
	}
}

func (v *validator) structure() {
	seen := map[string]yamlx.Pos{}
	code := func(pos yamlx.Pos, what, c string) {
		if c == "" {
			return
		}
		if !ValidCode(c) {
			v.add(pos, "use letters, digits and dots, e.g. ADU.2.3.1", "%s code %q is not valid", what, c)
			return
		}
		if prev, dup := seen[c]; dup {
			v.add(pos, "give each domain, area and competence its own code", "code %q is already used at line %d", c, prev.Line)
			return
		}
		seen[c] = pos
	}
	statements := map[string]string{}
	var key []byte
	for _, d := range v.f.Domains {
		code(d.Pos, "domain", d.Code)
		for _, a := range d.Areas {
			code(a.Pos, "area", a.Code)
			for _, c := range a.Competences {
				code(c.Pos, "competence", c.Code)
				if c.Kind != "" && !oneOf(c.Kind, Kinds) {
					v.add(c.Pos, "use one of: "+strings.Join(Kinds, ", "), "competence %s has kind %q", c.Code, c.Kind)
				}
				if strings.ContainsAny(c.Title, "\n\r") {
					v.add(c.Pos, "write the title on one line", "competence %s has a title of more than one line", c.Code)
				}
				// Two competences may share a statement when their titles
				// tell them apart (an imported framework's short names).
				key = appendNormalised(normalise(key, c.Title), c.Statement)
				if prev, dup := statements[string(key)]; dup && len(c.Statement) > 0 {
					if c.Title != "" {
						v.add(c.Pos, "give one of them another title or statement", "competence %s repeats the title and statement of %s", c.Code, prev)
					} else {
						v.add(c.Pos, "merge the two or make each say something different", "competence %s repeats the statement of %s", c.Code, prev)
					}
				} else {
					statements[string(key)] = c.Code
				}
				for _, t := range c.Tags {
					if !ValidID(t) {
						v.add(c.Pos, "use lower-case words joined by hyphens, e.g. emergency-department", "competence %s has tag %q", c.Code, t)
					}
				}
				v.links(c)
			}
		}
	}
}

// links checks the crosswalk links written under one competence: codes,
// types and repeats. Whether the codes exist is checked by NewSet, which
// knows the other frameworks.
func (v *validator) links(c *Competence) {
	seen := map[string]bool{}
	for _, l := range c.Crosswalk {
		if l == nil {
			continue
		}
		pos := l.Pos
		if pos.IsZero() {
			pos = c.Pos
		}
		switch {
		case l.Code != "" && !ValidCode(l.Code):
			v.add(pos, "use the code of a competence in another framework, e.g. CYP.1.1.2", "competence %s: crosswalk code %q is not valid", c.Code, l.Code)
		case l.Code == c.Code:
			v.add(pos, "crosswalk links join competences in different frameworks", "competence %s is linked to itself", c.Code)
		case seen[l.Code]:
			v.add(pos, "list each linked competence once", "competence %s links to %s twice", c.Code, l.Code)
		}
		seen[l.Code] = true
		if l.Type != "" && !oneOf(l.Type, LinkTypes) {
			hint := "use exact (one answer serves both), close (much the same, at another depth or in another setting) or related (the same theme)"
			if sug := yamlx.Suggest(l.Type, LinkTypes); sug != "" {
				hint = fmt.Sprintf("did you mean %q? %s", sug, hint)
			}
			v.add(pos, hint, "competence %s: crosswalk link to %s has type %q", c.Code, l.Code, l.Type)
		}
	}
	for _, code := range c.SameAs {
		switch {
		case !ValidCode(code):
			v.add(c.Pos, "use the code of a competence in another framework, e.g. CYP.1.1.2", "competence %s: same_as code %q is not valid", c.Code, code)
		case code == c.Code:
			v.add(c.Pos, "crosswalk links join competences in different frameworks", "competence %s is linked to itself", c.Code)
		case seen[code]:
			v.add(c.Pos, "list each linked competence once, in crosswalk (typed) or same_as (read as exact), not both", "competence %s links to %s twice", c.Code, code)
		}
		seen[code] = true
	}
}

// normalise puts s in buf in lower case with runs of white space
// folded to one space, for finding repeated statements. It runs on every
// statement at start-up, so it avoids strings.Fields' allocations.
func normalise(buf []byte, s string) []byte { return appendNormalised(buf[:0], s) }

// appendNormalised appends a NUL and s, normalised as by normalise, to
// buf: the key of a title and a statement together.
func appendNormalised(buf []byte, s string) []byte {
	if len(buf) > 0 {
		buf = append(buf, 0)
	}
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = true
			continue
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			r = unicode.ToLower(r)
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

func (v *validator) profiles() {
	f := v.f
	scale := f.EffectiveScale()
	ids := map[string]bool{}
	for _, p := range f.Profiles {
		if p.ID != "" && !ValidID(p.ID) {
			v.add(p.Pos, "use lower-case letters, digits and hyphens", "profile id %q is not valid", p.ID)
		}
		if ids[p.ID] {
			v.add(p.Pos, "", "profile id %q is used twice", p.ID)
		}
		ids[p.ID] = true
		if p.Source != "" && !oneOf(p.Source, ProfileSources) {
			v.add(p.Pos, "use tool (this file's own suggestion) or official", "profile %s has source %q", p.ID, p.Source)
		}
		for _, k := range p.Targets.Keys {
			pos := p.Targets.Pos[k]
			if f.Area(k) == nil {
				hint := "targets name area codes"
				if s := yamlx.Suggest(k, areaCodes(f)); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				v.add(pos, hint, "profile %s names area %q, which is not in this framework", p.ID, k)
				continue
			}
			if lvl := p.Targets.Values[k]; scale.Level(lvl) == nil {
				v.add(pos, fmt.Sprintf("use a scale value from %d to %d", scale.Min(), scale.Max()), "profile %s sets target %d for %s, which is not on the scale", p.ID, lvl, k)
			}
		}
	}
}

func areaCodes(f *Framework) []string {
	var out []string
	for _, a := range f.Areas() {
		out = append(out, a.Code)
	}
	return out
}

func (v *validator) resources() {
	f := v.f
	ids := map[string]bool{}
	for _, r := range f.Resources {
		if r.ID != "" && !ValidID(r.ID) {
			v.add(r.Pos, "use lower-case letters, digits and hyphens", "resource id %q is not valid", r.ID)
		}
		if ids[r.ID] {
			v.add(r.Pos, "", "resource id %q is used twice", r.ID)
		}
		ids[r.ID] = true
		if r.Kind != "" && !oneOf(r.Kind, ResourceKinds) {
			v.add(r.Pos, "use one of: "+strings.Join(ResourceKinds, ", "), "resource %s has kind %q", r.ID, r.Kind)
		}
		if r.Cost != "" && !oneOf(r.Cost, ResourceCosts) {
			v.add(r.Pos, "use one of: "+strings.Join(ResourceCosts, ", "), "resource %s has cost %q", r.ID, r.Cost)
		}
		v.url(r.Pos, "resource "+r.ID+" url", r.URL)
		if len(r.Areas) == 0 && len(r.Competences) == 0 {
			v.add(r.Pos, "add areas: or competences: so people are pointed to it", "resource %s is not linked to any area or competence", r.ID)
		}
		for _, a := range r.Areas {
			if f.Area(a) == nil {
				v.add(r.Pos, suggestHint(a, areaCodes(f)), "resource %s links to area %q, which is not in this framework", r.ID, a)
			}
		}
		for _, c := range r.Competences {
			if f.Competence(c) == nil {
				v.add(r.Pos, "", "resource %s links to competence %q, which is not in this framework", r.ID, c)
			}
		}
	}
}

func suggestHint(s string, cands []string) string {
	if sug := yamlx.Suggest(s, cands); sug != "" {
		return fmt.Sprintf("did you mean %q?", sug)
	}
	return ""
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

// origin checks an imported framework's record of its source: a format
// reflect writes. Entries whose codes are no longer in the framework are
// allowed (the framework may have been edited since; export leaves them
// out), and so are entries without an id (the source had none).
func (v *validator) origin() {
	o := v.f.Origin
	if o == nil {
		return
	}
	if o.Format != "" && !oneOf(o.Format, OriginFormats) {
		v.add(o.Pos, "use "+strings.Join(OriginFormats, " or "), "origin format %q is not one reflect reads", o.Format)
	}
}
