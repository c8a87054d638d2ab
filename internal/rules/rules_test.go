package rules

import (
	"strings"
	"testing"
)

func TestShippedRulesLoad(t *testing.T) {
	s, err := Shipped()
	if err != nil {
		t.Fatalf("shipped rules are invalid:\n%v", err)
	}
	if got := strings.Join(s.IDs(), ","); got != "gmc,hcpc,nmc,swe" {
		t.Fatalf("shipped = %s", got)
	}
}
