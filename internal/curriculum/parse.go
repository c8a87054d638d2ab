package curriculum

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// MaxFileSize is the largest curriculum file read.
const MaxFileSize = 8 << 20

// Parse decodes a curriculum file strictly: unknown fields, wrong types,
// duplicate keys and missing required fields are all reported with
// file:line:col. Modules, sessions and outcomes without an id are given
// one from their position (M1, M1.S2, M1.S2.3).
func Parse(file string, data []byte) (*Curriculum, yamlx.Problems) {
	root, probs := yamlx.Parse(file, data, yamlx.Limits{MaxBytes: MaxFileSize, MaxNodes: yamlx.DefaultLimits.MaxNodes})
	if len(probs) > 0 {
		return nil, probs
	}
	c := &Curriculum{}
	probs = yamlx.Decode(file, root, c)
	c.File = file
	c.fieldPos = map[string]yamlx.Pos{}
	if root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			c.fieldPos[k.Value] = yamlx.Pos{Line: v.Line, Col: v.Column}
			if k.Value == "frameworks" && v.Kind == yaml.SequenceNode {
				for _, e := range v.Content {
					c.fwPos = append(c.fwPos, yamlx.Pos{Line: e.Line, Col: e.Column})
				}
			}
		}
	}
	empty := func(pos yamlx.Pos, what string) {
		probs = append(probs, yamlx.Problem{File: file, Line: pos.Line, Col: pos.Col, Msg: "an empty entry in " + what, Hint: "remove the lone \"-\" or fill it in"})
	}
	c.Modules = compact(c.Modules, func() { empty(c.Pos, "modules") })
	for _, m := range c.Modules {
		m.Sessions = compact(m.Sessions, func() { empty(m.Pos, "sessions") })
		for _, s := range m.Sessions {
			s.Outcomes = compact(s.Outcomes, func() { empty(s.Pos, "outcomes") })
		}
	}
	for i, m := range c.Modules {
		if m.ID == "" {
			m.ID = fmt.Sprintf("M%d", i+1)
		}
		for j, s := range m.Sessions {
			if s.ID == "" {
				s.ID = fmt.Sprintf("%s.S%d", m.ID, j+1)
			}
			for k, o := range s.Outcomes {
				if o.ID == "" {
					o.ID = fmt.Sprintf("%s.%d", s.ID, k+1)
				}
			}
		}
	}
	return c, probs
}

// compact drops nil entries (a lone "-" in YAML), calling report for each.
func compact[T any](list []*T, report func()) []*T {
	out := list[:0]
	for _, x := range list {
		if x == nil {
			report()
			continue
		}
		out = append(out, x)
	}
	return out
}

// ReadFile reads a curriculum file from disk, refusing folders, devices
// and oversized files before reading them.
func ReadFile(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, yamlx.Problems{{File: name, Msg: "no such file", Hint: "check the path; testdata/curriculum-*.yaml are examples"}}
		}
		return nil, err
	}
	if fi.IsDir() {
		return nil, yamlx.Problems{{File: name, Msg: "this is a folder, not a curriculum file"}}
	}
	if !fi.Mode().IsRegular() {
		return nil, yamlx.Problems{{File: name, Msg: "this is not a regular file"}}
	}
	if fi.Size() > MaxFileSize {
		return nil, yamlx.Problems{{File: name, Msg: fmt.Sprintf("the file is %d bytes, larger than the %d MiB limit for curriculum files", fi.Size(), MaxFileSize>>20)}}
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
}

// Load reads, parses and validates curriculum files against a set of
// frameworks, returning every problem in every file at once.
func Load(set *framework.Set, files ...string) ([]*Curriculum, error) {
	var out []*Curriculum
	var probs yamlx.Problems
	ids := map[string]string{}
	for _, name := range files {
		data, err := ReadFile(name)
		if err != nil {
			var p yamlx.Problems
			if errors.As(err, &p) {
				probs = append(probs, p...)
				continue
			}
			return nil, err
		}
		c, p := Parse(name, data)
		probs = append(probs, p...)
		if c == nil {
			continue
		}
		if len(p) == 0 {
			probs = append(probs, Validate(c, set)...)
		}
		if prev, dup := ids[c.ID]; dup && c.ID != "" {
			probs = append(probs, yamlx.Problem{File: name, Line: c.Pos.Line, Col: c.Pos.Col,
				Msg: fmt.Sprintf("curriculum id %q is also used by %s", c.ID, prev), Hint: "give each curriculum its own id"})
		}
		ids[c.ID] = name
		out = append(out, c)
	}
	if len(probs) > 0 {
		probs.Sort()
		return nil, probs
	}
	return out, nil
}

var partIDRE = lazy.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

type checker struct {
	c     *Curriculum
	set   *framework.Set
	probs yamlx.Problems
}

func (v *checker) add(pos yamlx.Pos, hint, format string, args ...any) {
	v.probs = append(v.probs, yamlx.Problem{File: v.c.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Validate checks what the decoder cannot: ids, durations, the frameworks
// named, and every competence code an outcome maps to, which must name a
// competence of a framework in set. An unknown code is reported at its
// line with the nearest known code.
func Validate(c *Curriculum, set *framework.Set) yamlx.Problems {
	v := &checker{c: c, set: set}
	if c.Schema > SchemaVersion {
		v.add(c.posOf("schema"), "update reflect to read it", "this file uses curriculum schema %d, but this version of reflect reads schema %d", c.Schema, SchemaVersion)
	} else if c.Schema < 0 {
		v.add(c.posOf("schema"), "", "schema must be %d", SchemaVersion)
	}
	if c.ID != "" && !framework.ValidID(c.ID) {
		v.add(c.posOf("id"), "use lower-case letters, digits and hyphens, e.g. ed-safety-planning", "curriculum id %q is not valid", c.ID)
	}
	if c.Delivery != "" && !contains(DeliveryModes, c.Delivery) {
		hint := "use one of: " + strings.Join(DeliveryModes, ", ")
		if s := yamlx.Suggest(c.Delivery, DeliveryModes); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		v.add(c.posOf("delivery"), hint, "delivery %q is not one reflect knows", c.Delivery)
	}
	if c.URL != "" {
		if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.add(c.posOf("url"), "write a full web address starting with https://", "url %q is not a web address", c.URL)
		}
	}
	for i, id := range c.Frameworks {
		pos := c.posOf("frameworks")
		if i < len(c.fwPos) {
			pos = c.fwPos[i]
		}
		if set.Get(id) == nil {
			hint := "the loaded frameworks are " + strings.Join(set.IDs(), ", ") + "; give a framework file with --framework"
			if s := yamlx.Suggest(id, set.IDs()); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			v.add(pos, hint, "frameworks names %q, which is not a loaded framework", id)
		}
	}
	for _, id := range c.Settings {
		if SettingByID(id) == nil {
			hint := "use one of: " + strings.Join(SettingIDs(), ", ")
			if s := yamlx.Suggest(id, SettingIDs()); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			v.add(c.posOf("settings"), hint, "settings names %q, which is not a setting reflect knows", id)
		}
	}
	v.structure()
	return v.probs
}

func (v *checker) structure() {
	c := v.c
	ids := map[string]yamlx.Pos{}
	id := func(pos yamlx.Pos, what, s string) {
		if !partIDRE.MatchString(s) {
			v.add(pos, "use letters, digits, dots, hyphens and underscores, e.g. day1 or M2", "%s id %q is not valid", what, s)
			return
		}
		if prev, dup := ids[s]; dup {
			v.add(pos, "give each module and session its own id", "id %q is already used at line %d", s, prev.Line)
			return
		}
		ids[s] = pos
	}
	total := 0
	for _, m := range c.Modules {
		id(m.Pos, "module", m.ID)
		sum := 0
		for _, s := range m.Sessions {
			id(s.Pos, "session", s.ID)
			sum += s.Duration.Minutes
			for _, o := range s.Outcomes {
				v.outcome(o)
			}
		}
		if m.Duration.Set && sum > m.Duration.Minutes {
			v.add(m.Duration.Pos, "make the module longer or its sessions shorter", "the sessions of module %s add up to %s, more than its duration %s",
				m.ID, FormatMinutes(sum), FormatMinutes(m.Duration.Minutes))
		}
		total += m.Minutes()
	}
	if c.Duration.Set && total > c.Duration.Minutes {
		v.add(c.Duration.Pos, "make the curriculum's duration the whole of its modules, or leave it out", "the modules add up to %s, more than the curriculum's duration %s",
			FormatMinutes(total), FormatMinutes(c.Duration.Minutes))
	}
}

func (v *checker) outcome(o *Outcome) {
	for _, code := range o.Maps.Keys {
		pos := o.Maps.Pos[code]
		if comp := v.set.Competence(code); comp != nil {
			if owner := v.set.Owner(code); len(v.c.Frameworks) > 0 && owner != nil && !contains(v.c.Frameworks, owner.ID) {
				v.add(pos, fmt.Sprintf("add %s to the curriculum's frameworks list, or map to a competence of %s", owner.ID, strings.Join(v.c.Frameworks, ", ")),
					"%s belongs to framework %s, which this curriculum does not list under frameworks", code, owner.ID)
			}
			continue
		}
		if owner := v.set.Owner(code); owner != nil {
			if a := owner.Area(code); a != nil {
				v.add(pos, "map the outcome to the competences it addresses: "+competenceList(a.Competences), "%s is an area of %s, not a competence", code, owner.ID)
			} else {
				v.add(pos, "map the outcome to the competences it addresses", "%s is a domain of %s, not a competence", code, owner.ID)
			}
			continue
		}
		hint := "check the code with 'reflect frameworks show ID'"
		if s := yamlx.Suggest(code, v.set.CompetenceCodes()); s != "" {
			hint = fmt.Sprintf("did you mean %s?", s)
		} else if len(v.c.Frameworks) == 0 {
			hint += ", or give the framework it belongs to with --framework FILE"
		}
		v.add(pos, hint, "unknown competence code %s", code)
	}
}

func competenceList(cs []*framework.Competence) string {
	var codes []string
	for _, c := range cs {
		codes = append(codes, c.Code)
	}
	if len(codes) > 6 {
		return strings.Join(codes[:3], ", ") + " … " + codes[len(codes)-1]
	}
	return strings.Join(codes, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Minutes is the module's duration: as written, or the sum of its sessions.
func (m *Module) Minutes() int {
	if m.Duration.Set {
		return m.Duration.Minutes
	}
	sum := 0
	for _, s := range m.Sessions {
		sum += s.Duration.Minutes
	}
	return sum
}

// Minutes is the curriculum's duration: as written, or the sum of its modules.
func (c *Curriculum) Minutes() int {
	if c.Duration.Set {
		return c.Duration.Minutes
	}
	sum := 0
	for _, m := range c.Modules {
		sum += m.Minutes()
	}
	return sum
}

// Codes returns every competence code the curriculum maps to, sorted.
func (c *Curriculum) Codes() []string {
	seen := map[string]bool{}
	for _, m := range c.Modules {
		for _, s := range m.Sessions {
			for _, o := range s.Outcomes {
				for _, k := range o.Maps.Keys {
					seen[k] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
