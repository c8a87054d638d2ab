// Package curriculum is the curriculum mapping model: a course described
// as modules, sessions and learning outcomes, each outcome mapped to the
// competences it addresses with a strength (introduces, develops or
// assesses). It parses and validates curriculum files strictly, works out
// what a curriculum covers of one or more frameworks and what it misses,
// and which modules of which curricula address a person's development
// needs. It renders those reports as text, Markdown, CSV, JSON and a
// self-contained HTML page.
package curriculum

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/lazy"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

// SchemaVersion is the curriculum format version this build reads.
const SchemaVersion = 1

// Curriculum is one curriculum file.
type Curriculum struct {
	Pos         yamlx.Pos `yaml:"-"`
	Schema      int       `yaml:"schema"`
	ID          string    `yaml:"id" req:"true"`
	Title       string    `yaml:"title" req:"true"`
	Version     string    `yaml:"version"`
	Provider    string    `yaml:"provider" req:"true"`
	Audience    string    `yaml:"audience" req:"true"`
	Description string    `yaml:"description"`
	Delivery    string    `yaml:"delivery"`
	URL         string    `yaml:"url"`
	Frameworks  []string  `yaml:"frameworks"`
	Settings    []string  `yaml:"settings"`
	Duration    Duration  `yaml:"duration"`
	Modules     []*Module `yaml:"modules" req:"true"`

	// File is where the curriculum was read from.
	File string `yaml:"-"`

	// fieldPos holds where top-level values and the frameworks list's
	// entries are, for precise problem positions.
	fieldPos map[string]yamlx.Pos
	fwPos    []yamlx.Pos
}

// posOf is the position of a top-level field's value, or of the file's
// mapping when the field is absent.
func (c *Curriculum) posOf(field string) yamlx.Pos {
	if p, ok := c.fieldPos[field]; ok {
		return p
	}
	return c.Pos
}

// Delivery modes accepted in a curriculum's delivery field.
var DeliveryModes = []string{"face-to-face", "online-live", "online-self-paced", "blended", "simulation", "workplace"}

// Module is a part of a curriculum, such as a half-day or a unit.
type Module struct {
	Pos         yamlx.Pos  `yaml:"-"`
	ID          string     `yaml:"id"`
	Title       string     `yaml:"title" req:"true"`
	Description string     `yaml:"description"`
	Duration    Duration   `yaml:"duration"`
	Sessions    []*Session `yaml:"sessions" req:"true"`
}

// Session is a teaching session within a module.
type Session struct {
	Pos         yamlx.Pos  `yaml:"-"`
	ID          string     `yaml:"id"`
	Title       string     `yaml:"title" req:"true"`
	Description string     `yaml:"description"`
	Method      string     `yaml:"method"`
	Duration    Duration   `yaml:"duration"`
	Outcomes    []*Outcome `yaml:"outcomes" req:"true"`
}

// Outcome is a learning outcome and the competences it maps to.
type Outcome struct {
	Pos  yamlx.Pos `yaml:"-"`
	ID   string    `yaml:"id"`
	Text string    `yaml:"text" req:"true"`
	Maps Maps      `yaml:"maps"`
}

// Strength says how far an outcome takes a competence.
type Strength int

// Strengths, weakest first. None means not addressed.
const (
	None Strength = iota
	Introduces
	Develops
	Assesses
)

// Strengths lists the strengths an outcome can name, weakest first.
var Strengths = []Strength{Introduces, Develops, Assesses}

var strengthNames = []string{"", "introduces", "develops", "assesses"}

func (s Strength) String() string {
	if s < None || s > Assesses {
		return "unknown"
	}
	return strengthNames[s]
}

// Letter is the strength's one-letter mark in matrices: I, D or A.
func (s Strength) Letter() string {
	switch s {
	case Introduces:
		return "I"
	case Develops:
		return "D"
	case Assesses:
		return "A"
	}
	return ""
}

// ParseStrength reads a strength name.
func ParseStrength(s string) (Strength, bool) {
	for i, n := range strengthNames {
		if i > 0 && n == s {
			return Strength(i), true
		}
	}
	return None, false
}

// Maps is an outcome's mapping of competence codes to strengths, in the
// order written.
type Maps struct {
	Keys     []string
	Strength map[string]Strength
	Pos      map[string]yamlx.Pos
}

// UnmarshalYAMLX reads "CODE: strength" lines.
func (m *Maps) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if yamlx.IsNull(n) {
		return
	}
	hint := "write one competence a line, as CODE: introduces, CODE: develops or CODE: assesses"
	if n.Kind != yaml.MappingNode {
		d.Add(n, hint, "maps should be a mapping of competence codes to strengths")
		return
	}
	m.Strength = map[string]Strength{}
	m.Pos = map[string]yamlx.Pos{}
	names := strengthNames[1:]
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		for v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if _, dup := m.Strength[k.Value]; dup {
			d.Add(k, "keep one line per competence, with the strongest strength", "the competence %s appears twice in this outcome", k.Value)
			continue
		}
		pos := yamlx.Pos{Line: k.Line, Col: k.Column}
		if v.Kind != yaml.ScalarNode || yamlx.IsNull(v) {
			d.Add(k, hint, "competence %s has no strength", k.Value)
			continue
		}
		st, ok := ParseStrength(strings.ToLower(strings.TrimSpace(v.Value)))
		if !ok {
			h := "use introduces, develops or assesses"
			if s := yamlx.Suggest(v.Value, names); s != "" {
				h = fmt.Sprintf("did you mean %q?", s)
			}
			d.Add(v, h, "%q is not a strength", v.Value)
			continue
		}
		m.Keys = append(m.Keys, k.Value)
		m.Strength[k.Value] = st
		m.Pos[k.Value] = pos
	}
}

// Duration is a length of time in whole minutes. In YAML it is written
// "90m", "1h30m", "1.5h", "45 minutes", "2 hours", or a number of minutes.
type Duration struct {
	Minutes int
	Pos     yamlx.Pos
	Set     bool
}

var durationPart = lazy.MustCompile(`^(\d{1,6}(?:\.\d{1,3})?)\s*(hours|hour|hrs|hr|h|minutes|minute|mins|min|m)`)

// ParseDuration reads a duration written as text.
func ParseDuration(s string) (int, error) {
	rest := strings.ToLower(strings.TrimSpace(s))
	if rest == "" {
		return 0, fmt.Errorf("empty duration")
	}
	if strings.Contains(rest, "day") || strings.Contains(rest, "week") {
		return 0, fmt.Errorf("%q is not a duration reflect can count: write hours and minutes, e.g. 6h30m for a day's teaching", s)
	}
	if n, err := strconv.Atoi(rest); err == nil {
		if n <= 0 {
			return 0, fmt.Errorf("%q: a duration must be more than zero", s)
		}
		return n, nil
	}
	total := 0.0
	for rest != "" {
		m := durationPart.FindStringSubmatch(rest)
		if m == nil || len(rest) > len(m[0]) && isLetter(rest[len(m[0])]) {
			return 0, fmt.Errorf("%q is not a duration: write e.g. 45m, 1h30m or 2 hours", s)
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		if strings.HasPrefix(m[2], "h") {
			v *= 60
		}
		total += v
		rest = strings.TrimLeft(rest[len(m[0]):], " ,")
		rest = strings.TrimSpace(strings.TrimPrefix(rest, "and "))
	}
	if total > 100000 {
		return 0, fmt.Errorf("%q is longer than any course", s)
	}
	mins := int(math.Round(total))
	if mins <= 0 {
		return 0, fmt.Errorf("%q: a duration must be at least a minute", s)
	}
	return mins, nil
}

// UnmarshalYAMLX reads a duration.
func (du *Duration) UnmarshalYAMLX(d *yamlx.Decoder, n *yaml.Node) {
	if yamlx.IsNull(n) {
		return
	}
	du.Pos = yamlx.Pos{Line: n.Line, Col: n.Column}
	if n.Kind != yaml.ScalarNode {
		d.Add(n, "write e.g. 45m, 1h30m or 2 hours", "a duration should be one value")
		return
	}
	mins, err := ParseDuration(n.Value)
	if err != nil {
		d.Add(n, "", "%s", err.Error())
		return
	}
	du.Minutes, du.Set = mins, true
}

// FormatMinutes writes minutes as "1h 30m", "45m" or "2h".
func FormatMinutes(m int) string {
	switch {
	case m <= 0:
		return "–"
	case m < 60:
		return fmt.Sprintf("%dm", m)
	case m%60 == 0:
		return fmt.Sprintf("%dh", m/60)
	}
	return fmt.Sprintf("%dh %02dm", m/60, m%60)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
