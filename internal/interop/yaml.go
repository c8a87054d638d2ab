package interop

import (
	"bytes"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// The y* types give the YAML the field order of the framework format, so
// that an imported file reads like a shipped one.
type yFramework struct {
	Schema       int          `yaml:"schema"`
	ID           string       `yaml:"id"`
	Title        string       `yaml:"title"`
	ShortTitle   string       `yaml:"short_title"`
	Version      string       `yaml:"version"`
	Population   string       `yaml:"population"`
	Publisher    string       `yaml:"publisher"`
	Commissioner string       `yaml:"commissioner,omitempty"`
	Published    string       `yaml:"published,omitempty"`
	SourceURL    string       `yaml:"source_url,omitempty"`
	Description  string       `yaml:"description,omitempty"`
	Provenance   yProvenance  `yaml:"provenance"`
	Scale        *yScale      `yaml:"scale,omitempty"`
	Review       *yReview     `yaml:"review,omitempty"`
	Guide        *yGuide      `yaml:"guide,omitempty"`
	Domains      []yDomain    `yaml:"domains"`
	Profiles     []yProfile   `yaml:"profiles,omitempty"`
	Resources    []*yResource `yaml:"resources,omitempty"`
	Origin       *yOrigin     `yaml:"origin,omitempty"`
}

type yOrigin struct {
	Format   string         `yaml:"format"`
	File     string         `yaml:"file,omitempty"`
	Layout   string         `yaml:"layout,omitempty"`
	Header   []string       `yaml:"header,omitempty,flow"`
	Document *yOriginEntry  `yaml:"document,omitempty"`
	Entries  []yOriginEntry `yaml:"entries,omitempty"`
	Links    []yOriginLink  `yaml:"links,omitempty"`
}

type yOriginEntry struct {
	ID      string     `yaml:"id,omitempty"`
	Code    string     `yaml:"code,omitempty"`
	Parent  string     `yaml:"parent,omitempty"`
	Made    bool       `yaml:"made,omitempty"`
	Digest  string     `yaml:"digest,omitempty"`
	Derived []string   `yaml:"derived,omitempty,flow"`
	Fields  *yaml.Node `yaml:"fields,omitempty"`
	JSON    *yaml.Node `yaml:"json,omitempty"`
}

type yOriginLink struct {
	ID     string     `yaml:"id,omitempty"`
	Type   string     `yaml:"type,omitempty"`
	From   string     `yaml:"from,omitempty"`
	To     string     `yaml:"to,omitempty"`
	Fields *yaml.Node `yaml:"fields,omitempty"`
	JSON   *yaml.Node `yaml:"json,omitempty"`
}

// yFields writes origin fields as a mapping in their order; nil when empty.
func yFields(o framework.OriginFields) *yaml.Node {
	if o.Len() == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range o.Keys {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: o.Values[k]})
	}
	return n
}

func yEntry(e *framework.OriginEntry) yOriginEntry {
	return yOriginEntry{ID: e.ID, Code: e.Code, Parent: e.Parent, Made: e.Made, Digest: e.Digest, Derived: e.Derived, Fields: yFields(e.Fields), JSON: yFields(e.JSON)}
}

func yOriginOf(o *framework.Origin) *yOrigin {
	if o == nil {
		return nil
	}
	y := &yOrigin{Format: o.Format, File: o.File, Layout: o.Layout, Header: o.Header}
	if o.Document != nil {
		d := yEntry(o.Document)
		y.Document = &d
	}
	for _, e := range o.Entries {
		y.Entries = append(y.Entries, yEntry(e))
	}
	for _, l := range o.Links {
		y.Links = append(y.Links, yOriginLink{ID: l.ID, Type: l.Type, From: l.From, To: l.To, Fields: yFields(l.Fields), JSON: yFields(l.JSON)})
	}
	return y
}

type yProvenance struct {
	BasedOn     string `yaml:"based_on"`
	Wording     string `yaml:"wording"`
	Notice      string `yaml:"notice"`
	OfficialURL string `yaml:"official_url,omitempty"`
	Licence     string `yaml:"licence,omitempty"`
}

type yReview struct {
	LastReviewed string `yaml:"last_reviewed"`
	Covered      string `yaml:"covered"`
	NextDue      string `yaml:"next_due"`
}

type yGuide struct {
	Intro   string  `yaml:"intro,omitempty"`
	Help    []yHelp `yaml:"help,omitempty"`
	SpeakUp string  `yaml:"speak_up,omitempty"`
	Notice  string  `yaml:"notice,omitempty"`
}

type yHelp struct {
	Name string `yaml:"name"`
	Text string `yaml:"text"`
}

type yScale struct {
	ID            string   `yaml:"id,omitempty"`
	Levels        []yLevel `yaml:"levels"`
	NotApplicable *yNA     `yaml:"not_applicable,omitempty"`
}

type yLevel struct {
	Value      int    `yaml:"value"`
	Label      string `yaml:"label"`
	Descriptor string `yaml:"descriptor"`
}

type yNA struct {
	Label   string    `yaml:"label"`
	Reasons []yReason `yaml:"reasons"`
}

type yReason struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
}

type yDomain struct {
	Code        string  `yaml:"code"`
	Title       string  `yaml:"title"`
	GuideTitle  string  `yaml:"guide_title,omitempty"`
	Description string  `yaml:"description,omitempty"`
	Areas       []yArea `yaml:"areas"`
}

type yArea struct {
	Code        string        `yaml:"code"`
	Title       string        `yaml:"title"`
	Description string        `yaml:"description,omitempty"`
	Expect      string        `yaml:"expect"`
	Competences []yCompetence `yaml:"competences"`
}

type yCompetence struct {
	Code      string   `yaml:"code"`
	Title     string   `yaml:"title,omitempty"`
	Kind      string   `yaml:"kind"`
	Statement string   `yaml:"statement"`
	Items     []any    `yaml:"items,omitempty"`
	Tags      []string `yaml:"tags,omitempty"`
	Crosswalk []yLink  `yaml:"crosswalk,omitempty"`
	SameAs    []string `yaml:"same_as,omitempty"`
}

type yLink struct {
	Code      string `yaml:"code"`
	Type      string `yaml:"type"`
	Rationale string `yaml:"rationale,omitempty"`
}

type yItem struct {
	Text  string `yaml:"text"`
	Items []any  `yaml:"items,omitempty"`
}

type yProfile struct {
	ID          string     `yaml:"id"`
	Title       string     `yaml:"title"`
	Description string     `yaml:"description,omitempty"`
	Source      string     `yaml:"source"`
	Targets     *yaml.Node `yaml:"targets"`
}

type yResource struct {
	ID          string   `yaml:"id"`
	Title       string   `yaml:"title"`
	Provider    string   `yaml:"provider"`
	URL         string   `yaml:"url,omitempty"`
	Kind        string   `yaml:"kind"`
	Cost        string   `yaml:"cost"`
	Population  string   `yaml:"population,omitempty"`
	Description string   `yaml:"description,omitempty"`
	Areas       []string `yaml:"areas,omitempty"`
	Competences []string `yaml:"competences,omitempty"`
}

func yLinks(ls []*framework.Link) []yLink {
	var out []yLink
	for _, l := range ls {
		out = append(out, yLink{l.Code, l.Type, l.Rationale})
	}
	return out
}

func yItems(items []*framework.Item) []any {
	var out []any
	for _, it := range items {
		if len(it.Items) == 0 {
			out = append(out, it.Text)
			continue
		}
		out = append(out, yItem{Text: it.Text, Items: yItems(it.Items)})
	}
	return out
}

// MarshalYAML writes f in the framework format. Each header line becomes
// a comment at the top of the file.
func MarshalYAML(f *framework.Framework, header []string) ([]byte, error) {
	out := yFramework{Schema: framework.SchemaVersion, ID: f.ID, Title: f.Title, ShortTitle: f.ShortTitle, Version: f.Version,
		Population: f.Population, Publisher: f.Publisher, Commissioner: f.Commissioner, Published: f.Published,
		SourceURL: f.SourceURL, Description: f.Description,
		Provenance: yProvenance{f.Provenance.BasedOn, f.Provenance.Wording, f.Provenance.Notice, f.Provenance.OfficialURL, f.Provenance.Licence}}
	if s := f.Scale; s != nil {
		ys := &yScale{ID: s.ID}
		for _, l := range s.Levels {
			ys.Levels = append(ys.Levels, yLevel{l.Value, l.Label, l.Descriptor})
		}
		if na := s.NotApplicable; na != nil {
			yn := &yNA{Label: na.Label}
			for _, r := range na.Reasons {
				yn.Reasons = append(yn.Reasons, yReason{r.ID, r.Label})
			}
			ys.NotApplicable = yn
		}
		out.Scale = ys
	}
	if r := f.Review; r != nil {
		out.Review = &yReview{r.LastReviewed, r.Covered, r.NextDue}
	}
	if g := f.Guide; g != nil {
		yg := &yGuide{Intro: g.Intro, SpeakUp: g.SpeakUp, Notice: g.Notice}
		for _, h := range g.Help {
			if h != nil {
				yg.Help = append(yg.Help, yHelp{h.Name, h.Text})
			}
		}
		out.Guide = yg
	}
	for _, d := range f.Domains {
		yd := yDomain{Code: d.Code, Title: d.Title, GuideTitle: d.GuideTitle, Description: d.Description}
		for _, a := range d.Areas {
			ya := yArea{Code: a.Code, Title: a.Title, Description: a.Description, Expect: a.Expect}
			for _, c := range a.Competences {
				ya.Competences = append(ya.Competences, yCompetence{Code: c.Code, Title: c.Title, Kind: c.Kind, Statement: c.Statement,
					Items: yItems(c.Items), Tags: c.Tags, Crosswalk: yLinks(c.Crosswalk), SameAs: c.SameAs})
			}
			yd.Areas = append(yd.Areas, ya)
		}
		out.Domains = append(out.Domains, yd)
	}
	for _, p := range f.Profiles {
		t := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range p.Targets.Keys {
			t.Content = append(t.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k},
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(p.Targets.Values[k])})
		}
		out.Profiles = append(out.Profiles, yProfile{ID: p.ID, Title: p.Title, Description: p.Description, Source: p.Source, Targets: t})
	}
	for _, r := range f.Resources {
		out.Resources = append(out.Resources, &yResource{r.ID, r.Title, r.Provider, r.URL, r.Kind, r.Cost, r.Population, r.Description, r.Areas, r.Competences})
	}
	out.Origin = yOriginOf(f.Origin)
	var buf bytes.Buffer
	for _, h := range header {
		for _, l := range strings.Split(h, "\n") {
			// A note may quote the source file (an id with a carriage
			// return in it); any other line break would end the comment.
			l = commentBreaks.Replace(l)
			buf.WriteString(strings.TrimRight("# "+l, " "))
			buf.WriteByte('\n')
		}
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// commentBreaks turns the characters YAML reads as line breaks (other than
// the line feeds the header is split at) into spaces.
var commentBreaks = strings.NewReplacer("\r", " ", "\u0085", " ", "\u2028", " ", "\u2029", " ")
