package render

import "github.com/reflect-cpd/reflect/internal/framework"

type jFramework struct {
	Schema       int         `json:"schema"`
	ID           string      `json:"id"`
	Title        string      `json:"title"`
	ShortTitle   string      `json:"short_title"`
	Version      string      `json:"version"`
	Digest       string      `json:"digest"`
	Population   string      `json:"population"`
	Publisher    string      `json:"publisher"`
	Commissioner string      `json:"commissioner,omitempty"`
	Published    string      `json:"published,omitempty"`
	SourceURL    string      `json:"source_url,omitempty"`
	Provenance   jProvenance `json:"provenance"`
	Review       *jReview    `json:"review,omitempty"`
	Scale        jScale      `json:"scale"`
	Domains      []jDomain   `json:"domains"`
	Profiles     []jProfile  `json:"profiles,omitempty"`
	Resources    []jResource `json:"resources,omitempty"`
}

type jProvenance struct {
	BasedOn     string `json:"based_on"`
	Wording     string `json:"wording"`
	Notice      string `json:"notice"`
	OfficialURL string `json:"official_url,omitempty"`
	Licence     string `json:"licence,omitempty"`
}

type jReview struct {
	LastReviewed string `json:"last_reviewed"`
	Covered      string `json:"covered"`
	NextDue      string `json:"next_due"`
	Overdue      bool   `json:"overdue,omitempty"`
}

type jLink struct {
	Code      string `json:"code"`
	Type      string `json:"type"`
	Rationale string `json:"rationale,omitempty"`
}

type jScale struct {
	Levels  []jLevel  `json:"levels"`
	Reasons []jReason `json:"not_applicable_reasons"`
}

type jLevel struct {
	Value      int    `json:"value"`
	Label      string `json:"label"`
	Descriptor string `json:"descriptor"`
}

type jReason struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

type jDomain struct {
	Code       string  `json:"code"`
	Title      string  `json:"title"`
	GuideTitle string  `json:"guide_title,omitempty"`
	Areas      []jArea `json:"areas"`
}

type jArea struct {
	Code        string        `json:"code"`
	Title       string        `json:"title"`
	Expect      string        `json:"expect"`
	Competences []jCompetence `json:"competences"`
}

type jCompetence struct {
	Code      string   `json:"code"`
	Title     string   `json:"title,omitempty"`
	Kind      string   `json:"kind"`
	Statement string   `json:"statement"`
	Items     []jItem  `json:"items,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	// SameAs lists the competences that share this one's answer; Crosswalk
	// every link of every type, each with its rationale where one is written.
	SameAs    []string `json:"same_as,omitempty"`
	Crosswalk []jLink  `json:"crosswalk,omitempty"`
}

type jItem struct {
	Text  string  `json:"text"`
	Items []jItem `json:"items,omitempty"`
}

type jProfile struct {
	ID      string         `json:"id"`
	Title   string         `json:"title"`
	Source  string         `json:"source"`
	Targets map[string]int `json:"targets"`
}

type jResource struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Provider    string   `json:"provider"`
	URL         string   `json:"url,omitempty"`
	Kind        string   `json:"kind"`
	Cost        string   `json:"cost"`
	Population  string   `json:"population,omitempty"`
	Areas       []string `json:"areas,omitempty"`
	Competences []string `json:"competences,omitempty"`
}

func jsonItems(items []*framework.Item) []jItem {
	var out []jItem
	for _, it := range items {
		out = append(out, jItem{Text: it.Text, Items: jsonItems(it.Items)})
	}
	return out
}

func jsonFramework(f *framework.Framework, opt FrameworkOptions) jFramework {
	area := opt.Area
	s := f.EffectiveScale()
	out := jFramework{Schema: framework.SchemaVersion, ID: f.ID, Title: f.Title, ShortTitle: f.ShortTitle, Version: f.Version, Digest: f.Digest,
		Population: f.Population, Publisher: f.Publisher, Commissioner: f.Commissioner, Published: f.Published, SourceURL: f.SourceURL,
		Provenance: jProvenance{BasedOn: f.Provenance.BasedOn, Wording: f.Provenance.Wording, Notice: f.Provenance.Notice, OfficialURL: f.Provenance.OfficialURL, Licence: f.Provenance.Licence},
		Domains:    []jDomain{}}
	if r := f.Review; r != nil {
		out.Review = &jReview{LastReviewed: r.LastReviewed, Covered: r.Covered, NextDue: r.NextDue, Overdue: Overdue(r, opt.Today)}
	}
	for _, l := range s.Levels {
		out.Scale.Levels = append(out.Scale.Levels, jLevel{l.Value, l.Label, l.Descriptor})
	}
	for _, r := range s.NAReasons() {
		out.Scale.Reasons = append(out.Scale.Reasons, jReason{r.ID, r.Label})
	}
	for _, d := range f.Domains {
		jd := jDomain{Code: d.Code, Title: d.Title, GuideTitle: d.GuideTitle}
		for _, a := range d.Areas {
			if area != "" && a.Code != area {
				continue
			}
			ja := jArea{Code: a.Code, Title: a.Title, Expect: a.Expect}
			for _, c := range a.Competences {
				lv := opt.links(c)
				jc := jCompetence{Code: c.Code, Title: c.Title, Kind: c.Kind, Statement: c.Statement, Items: jsonItems(c.Items), Tags: c.Tags, SameAs: lv.Exact}
				for _, e := range lv.Exact {
					jl := jLink{Code: e, Type: framework.LinkExact}
					if opt.Set != nil {
						if l, ok := opt.Set.Link(c.Code, e); ok {
							jl.Rationale = l.Rationale
						}
					}
					jc.Crosswalk = append(jc.Crosswalk, jl)
				}
				for _, l := range append(lv.Close, lv.Related...) {
					jc.Crosswalk = append(jc.Crosswalk, jLink{Code: l.Code, Type: l.Type, Rationale: l.Rationale})
				}
				ja.Competences = append(ja.Competences, jc)
			}
			jd.Areas = append(jd.Areas, ja)
		}
		if len(jd.Areas) > 0 {
			out.Domains = append(out.Domains, jd)
		}
	}
	if area == "" {
		for _, p := range f.Profiles {
			out.Profiles = append(out.Profiles, jProfile{ID: p.ID, Title: p.Title, Source: p.Source, Targets: p.Targets.Values})
		}
		for _, r := range f.Resources {
			out.Resources = append(out.Resources, jResource{ID: r.ID, Title: r.Title, Provider: r.Provider, URL: r.URL, Kind: r.Kind, Cost: r.Cost, Population: r.Population, Areas: r.Areas, Competences: r.Competences})
		}
	}
	return out
}
