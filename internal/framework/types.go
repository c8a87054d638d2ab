// Package framework holds the competence framework model (schema version 1),
// its strict YAML loader and its validator.
//
// A framework is a map in the UCL CORE style: domains hold areas, areas hold
// competence statements. Codes are stable, human-typable identifiers such as
// ADU.3.2.4 (framework prefix, domain, area, statement) and are unique across
// every framework the tool ships, so that a record, a curriculum or a
// crosswalk can name a competence without saying which file it came from.
package framework

import "github.com/reflect-cpd/reflect/internal/yamlx"

// SchemaVersion is the framework format version this build reads.
const SchemaVersion = 1

// Kinds of competence, following the four components that the NCCMH
// service-user guide describes.
const (
	KindKnowledge = "knowledge"
	KindSkill     = "skill"
	KindAttitude  = "attitude"
	KindJudgement = "judgement"
)

// Kinds lists the valid competence kinds in display order.
var Kinds = []string{KindKnowledge, KindSkill, KindAttitude, KindJudgement}

// Wording values for Provenance.Wording.
const (
	// WordingTool: the statements are this file's own words.
	WordingTool = "tool"
	// WordingPublisher: the statements are the publisher's text, imported
	// from a file; nobody has checked that its licence allows the use.
	WordingPublisher = "publisher"
	// WordingOfficial: the publisher's text, used with permission.
	WordingOfficial = "official"
)

// Wordings lists the valid provenance wording values.
var Wordings = []string{WordingTool, WordingPublisher, WordingOfficial}

// Framework is one competence framework file.
type Framework struct {
	Pos          yamlx.Pos   `yaml:"-"`
	Schema       int         `yaml:"schema"`
	ID           string      `yaml:"id" req:"true"`
	Title        string      `yaml:"title" req:"true"`
	ShortTitle   string      `yaml:"short_title" req:"true"`
	Version      string      `yaml:"version" req:"true"`
	Population   string      `yaml:"population" req:"true"`
	Publisher    string      `yaml:"publisher" req:"true"`
	Commissioner string      `yaml:"commissioner"`
	Published    string      `yaml:"published"`
	SourceURL    string      `yaml:"source_url"`
	Description  string      `yaml:"description"`
	Provenance   Provenance  `yaml:"provenance" req:"true"`
	Scale        *Scale      `yaml:"scale"`
	Review       *Review     `yaml:"review"`
	Guide        *Guide      `yaml:"guide"`
	Domains      []*Domain   `yaml:"domains" req:"true"`
	Profiles     []*Profile  `yaml:"profiles"`
	Resources    []*Resource `yaml:"resources"`
	// Origin is what an imported framework was in its source format (see
	// origin.go); nil for a framework written by hand.
	Origin *Origin `yaml:"origin"`

	// File is where the framework was loaded from ("embedded:adults.yaml"
	// for shipped files). Digest is the SHA-256 of the file's bytes, hex.
	File   string `yaml:"-"`
	Digest string `yaml:"-"`

	index *index
}

// Provenance says where the framework's content comes from and whose words
// the statements are. Notice is shown wherever the framework is shown.
type Provenance struct {
	Pos         yamlx.Pos `yaml:"-"`
	BasedOn     string    `yaml:"based_on" req:"true"`
	Wording     string    `yaml:"wording" req:"true"`
	Notice      string    `yaml:"notice" req:"true"`
	OfficialURL string    `yaml:"official_url"`
	Licence     string    `yaml:"licence"`
}

// Review records when the file's content was last checked against the
// guidance and law it draws on, what that review covered, and when the
// next is due. Dates are YYYY-MM-DD or YYYY-MM.
type Review struct {
	Pos          yamlx.Pos `yaml:"-"`
	LastReviewed string    `yaml:"last_reviewed" req:"true"`
	Covered      string    `yaml:"covered" req:"true"`
	NextDue      string    `yaml:"next_due" req:"true"`
}

// Guide holds the framework's own text for the plain-language guide for
// people who receive support and their families (reflect expect). Every
// field is optional; the guide falls back to general wording.
type Guide struct {
	Pos yamlx.Pos `yaml:"-"`
	// Intro opens the guide.
	Intro string `yaml:"intro"`
	// Help is where to get help now, in the order readers should see it.
	Help []*HelpContact `yaml:"help"`
	// SpeakUp says what to do when care does not feel like the guide.
	SpeakUp string `yaml:"speak_up"`
	// Notice says who wrote the guide and what it is not, for its readers.
	Notice string `yaml:"notice"`
}

// HelpContact is one place to get help now: a name and how to reach it.
type HelpContact struct {
	Pos  yamlx.Pos `yaml:"-"`
	Name string    `yaml:"name" req:"true"`
	Text string    `yaml:"text" req:"true"`
}

// Scale is the rating scale of a framework. Levels are ordered by value.
type Scale struct {
	Pos           yamlx.Pos      `yaml:"-"`
	ID            string         `yaml:"id"`
	Levels        []*Level       `yaml:"levels" req:"true"`
	NotApplicable *NotApplicable `yaml:"not_applicable"`
}

// Level is one point of a rating scale.
type Level struct {
	Pos        yamlx.Pos `yaml:"-"`
	Value      int       `yaml:"value" req:"true"`
	Label      string    `yaml:"label" req:"true"`
	Descriptor string    `yaml:"descriptor" req:"true"`
}

// NotApplicable describes the N/A option and the reasons a person may give.
type NotApplicable struct {
	Pos     yamlx.Pos   `yaml:"-"`
	Label   string      `yaml:"label" req:"true"`
	Reasons []*NAReason `yaml:"reasons" req:"true"`
}

// NAReason is one reason for answering N/A.
type NAReason struct {
	Pos   yamlx.Pos `yaml:"-"`
	ID    string    `yaml:"id" req:"true"`
	Label string    `yaml:"label" req:"true"`
}

// Domain is a column of the competence map.
type Domain struct {
	Pos   yamlx.Pos `yaml:"-"`
	Code  string    `yaml:"code" req:"true"`
	Title string    `yaml:"title" req:"true"`
	// GuideTitle is the domain's title in plain words, for the guide for
	// people who receive support (reflect expect); Title is used without it.
	GuideTitle  string  `yaml:"guide_title"`
	Description string  `yaml:"description"`
	Areas       []*Area `yaml:"areas" req:"true"`
}

// Area is a box on the competence map: a group of related statements.
type Area struct {
	Pos         yamlx.Pos     `yaml:"-"`
	Code        string        `yaml:"code" req:"true"`
	Title       string        `yaml:"title" req:"true"`
	Description string        `yaml:"description"`
	Expect      string        `yaml:"expect" req:"true"`
	Competences []*Competence `yaml:"competences" req:"true"`

	Domain *Domain `yaml:"-"`
}

// Competence is one competence statement.
type Competence struct {
	Pos  yamlx.Pos `yaml:"-"`
	Code string    `yaml:"code" req:"true"`
	// Title is an optional short name for the competence (an imported
	// framework's Moodle short name or CASE abbreviated statement).
	Title     string   `yaml:"title"`
	Kind      string   `yaml:"kind" req:"true"`
	Statement string   `yaml:"statement" req:"true"`
	Items     []*Item  `yaml:"items"`
	Tags      []string `yaml:"tags"`
	// Crosswalk links this competence to competences of other frameworks,
	// each with a type and a rationale. A link is written once, under
	// either end, and counts in both directions.
	Crosswalk []*Link `yaml:"crosswalk"`
	// SameAs is the older, untyped form of the crosswalk, still read:
	// each code is an exact link without a rationale.
	SameAs []string `yaml:"same_as"`

	Area *Area `yaml:"-"`
}

// Crosswalk link types. Only exact links share an answer; close and
// related links are shown (frameworks show, crosswalk, curriculum
// coverage, compare) and never stand in for one another.
const (
	// LinkExact: the same competence in another framework; one answer
	// serves both.
	LinkExact = "exact"
	// LinkClose: much the same ability, but at a different depth, in a
	// different setting or for a different population.
	LinkClose = "close"
	// LinkRelated: on the same theme, worth looking at together.
	LinkRelated = "related"
)

// LinkTypes lists the crosswalk link types in display order.
var LinkTypes = []string{LinkExact, LinkClose, LinkRelated}

// Link is one crosswalk link as written in a framework file.
type Link struct {
	Pos       yamlx.Pos `yaml:"-"`
	Code      string    `yaml:"code" req:"true"`
	Type      string    `yaml:"type" req:"true"`
	Rationale string    `yaml:"rationale"`
}

// Links returns the crosswalk links written under c, the typed ones
// first and then each same_as code as an exact link, in file order.
func (c *Competence) Links() []*Link {
	out := make([]*Link, 0, len(c.Crosswalk)+len(c.SameAs))
	out = append(out, c.Crosswalk...)
	for _, code := range c.SameAs {
		out = append(out, &Link{Pos: c.Pos, Code: code, Type: LinkExact})
	}
	return out
}

// ExactCodes returns the codes c is written to share an answer with: its
// exact crosswalk links and its same_as codes, in file order.
func (c *Competence) ExactCodes() []string {
	var out []string
	for _, l := range c.Links() {
		if l.Type == LinkExact {
			out = append(out, l.Code)
		}
	}
	return out
}

// Item is a sub-item of a statement. In YAML it is either a plain string or
// a mapping with text and nested items.
type Item struct {
	Pos   yamlx.Pos `yaml:"-"`
	Text  string    `yaml:"text" req:"true"`
	Items []*Item   `yaml:"items"`
}

// Profile is a role profile: which areas apply and the target level for each.
type Profile struct {
	Pos         yamlx.Pos         `yaml:"-"`
	ID          string            `yaml:"id" req:"true"`
	Title       string            `yaml:"title" req:"true"`
	Description string            `yaml:"description"`
	Source      string            `yaml:"source" req:"true"`
	Targets     yamlx.OrderedInts `yaml:"targets" req:"true"`
}

// Resource is a learning resource linked to areas or competences.
type Resource struct {
	Pos      yamlx.Pos `yaml:"-"`
	ID       string    `yaml:"id" req:"true"`
	Title    string    `yaml:"title" req:"true"`
	Provider string    `yaml:"provider" req:"true"`
	URL      string    `yaml:"url"`
	Kind     string    `yaml:"kind" req:"true"`
	Cost     string    `yaml:"cost" req:"true"`
	// Population says who the resource is for, e.g. "children and young
	// people under 19"; it keeps resources for one age group out of
	// another's areas.
	Population  string   `yaml:"population"`
	Description string   `yaml:"description"`
	Areas       []string `yaml:"areas"`
	Competences []string `yaml:"competences"`
}

// Resource kinds and costs accepted by the validator.
var (
	ResourceKinds  = []string{"e-learning", "course", "guideline", "quality-standard", "toolkit", "report", "guide", "organisation", "helpline", "video", "book", "article", "other"}
	ResourceCosts  = []string{"free", "paid", "mixed"}
	ProfileSources = []string{WordingTool, WordingOfficial}
)
