package cpd

import (
	"fmt"
	"strings"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
)

// NeedWhy says in words why a competence is a need: "rated 2 Developing;
// target 3, 1 below; flagged by you". The scale may be nil.
func NeedWhy(n assessment.Need, scale *framework.Scale) string {
	var parts []string
	if n.Rating > 0 {
		label := ""
		if scale != nil {
			if l := scale.Level(n.Rating); l != nil {
				label = " " + l.Label
			}
		}
		parts = append(parts, fmt.Sprintf("rated %d%s", n.Rating, label))
	}
	if n.Gap > 0 {
		parts = append(parts, fmt.Sprintf("target %d, %d below", n.Target, n.Gap))
	}
	if n.Flagged {
		parts = append(parts, "flagged by you")
	}
	return strings.Join(parts, "; ")
}
