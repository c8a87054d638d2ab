package assess

import (
	"os"
	"strings"
	"testing"

	"github.com/reflect-cpd/reflect/internal/framework"
)

func TestScopesFromFlags(t *testing.T) {
	data, err := os.ReadFile("../../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	fws := []*framework.Framework{f}
	tests := []struct {
		profiles, areas []string
		want            string
	}{
		{nil, nil, "mini::"},
		{[]string{"everyone"}, nil, "mini:everyone:"},
		{[]string{"mini=specialist"}, nil, "mini:specialist:"},
		{nil, []string{"MINI.1.1", " MINI.2.1"}, "mini::MINI.1.1,MINI.2.1"},
		{[]string{"nobody"}, nil, `framework mini has no profile "nobody" (profiles: everyone, specialist)`},
		{[]string{"cyp=any"}, nil, `framework "cyp" is not chosen with --framework`},
		{nil, []string{"MINI.9"}, `no chosen framework has an area "MINI.9"`},
		{[]string{"everyone"}, []string{"MINI.1.1"}, "give --profile or --areas for framework mini, not both"},
	}
	for _, tt := range tests {
		got, err := scopesFromFlags(fws, tt.profiles, tt.areas)
		s := ""
		if err != nil {
			s = err.Error()
		} else {
			s = got[0].Framework + ":" + got[0].Profile + ":" + strings.Join(got[0].Areas, ",")
		}
		if !strings.Contains(s, tt.want) {
			t.Errorf("profiles %v areas %v: %q, want %q", tt.profiles, tt.areas, s, tt.want)
		}
	}
}
