package portfolio

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/record"
)

func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := frameworks.Schema("portfolio.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("portfolio.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("portfolio.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func asJSON(t *testing.T, p *Portfolio) any {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Every regulator's portfolio, empty and full, validates against the
// published schema, which pins the requirement ids the issue lists.
func TestPortfolioJSONMatchesSchema(t *testing.T) {
	s := schema(t)
	full := logOf(t,
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Study day", Start: "2025-03-01", Type: "course", Hours: 6.5, ParticipatoryHours: 6.5},
		cpdlog.Item{Kind: cpdlog.KindPractice, Start: "2024-01-01", End: "2024-12-31", Organisation: "Trust", Scope: "clinical", Hours: 366},
		cpdlog.Item{Kind: cpdlog.KindFeedback, Date: "2026-02-01", Source: "patient", Description: "d", Learning: "l"},
		cpdlog.Item{Kind: cpdlog.KindAccount, Date: "2026-02-02", Title: "t", Description: "d", Learning: "l", Impact: "i", Themes: []string{"preserve-safety"}},
		cpdlog.Item{Kind: cpdlog.KindDiscussion, Date: "2026-11-01", PartnerName: "Sam", PartnerPIN: "12A3456E", PartnerEmail: "s@x.org", PartnerAddress: "a", PartnerPostcode: "NG7 2UH"},
		cpdlog.Item{Kind: cpdlog.KindPeer, Date: "2026-03-01", Peer: "colleague", Activities: []string{"x"}, Learning: "l"},
		cpdlog.Item{Kind: cpdlog.KindQI, Title: "Audit", Start: "2025-05-01", Description: "d"},
		cpdlog.Item{Kind: cpdlog.KindGap, Start: "2025-06-01", End: "2025-12-01", Explanation: "leave"},
		cpdlog.Item{Kind: cpdlog.KindProfile, Date: "2026-06-01", Summary: "s", Statement: "t", Chosen: []string{"r-0001"}},
	)
	empty, _ := cpdlog.Parse("log", nil)
	for _, id := range []string{"nmc", "hcpc", "swe", "gmc"} {
		for name, l := range map[string]*cpdlog.Log{"empty": empty, "full": full} {
			p, err := Build(Input{Rules: shipped(t, id), Log: l, Records: []*record.Record{record1()}, Renewal: "2026-11-30", Today: today})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(asJSON(t, p)); err != nil {
				t.Errorf("%s, %s log: %v", id, name, err)
			}
		}
	}
	// The schema has teeth: a renamed requirement id is refused.
	p, _ := Build(Input{Rules: shipped(t, "nmc"), Log: full, Renewal: "2026-11-30", Today: today})
	p.Requirements[0].ID = "practise-hours"
	if err := s.Validate(asJSON(t, p)); err == nil || !strings.Contains(err.Error(), "practice-hours") {
		t.Errorf("a wrong id passes: %v", err)
	}
}
