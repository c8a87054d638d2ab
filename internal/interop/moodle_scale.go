package interop

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
)

// moodleScale reads the framework's scale: its items in order become
// levels 1…n. Moodle scales have no descriptors, so each level's
// descriptor repeats its label.
func moodleScale(src *Source, values, config string) *framework.Scale {
	var labels []string
	for _, v := range strings.Split(values, ",") {
		if v = collapse(v); v != "" {
			labels = append(labels, v)
		}
	}
	if len(labels) == 0 {
		return nil
	}
	if len(labels) < 2 || len(labels) > 9 {
		src.notef(CatDropped, "the Moodle scale (%s) has %d items; reflect scales have 2 to 9 levels, so the default scale is used", strings.Join(labels, ", "), len(labels))
		return nil
	}
	s := &framework.Scale{ID: "moodle"}
	seen := map[string]bool{}
	for i, l := range labels {
		if seen[strings.ToLower(l)] {
			src.notef(CatDropped, "the Moodle scale repeats the item %q; the default scale is used", l)
			return nil
		}
		seen[strings.ToLower(l)] = true
		s.Levels = append(s.Levels, &framework.Level{Value: i + 1, Label: l, Descriptor: l})
	}
	src.notef(CatDefault, "the Moodle scale became the rating scale (%s); Moodle scales have no descriptors, so each level's descriptor repeats its label", strings.Join(labels, ", "))
	var cfg []map[string]any
	if json.Unmarshal([]byte(config), &cfg) == nil {
		var prof, def []string
		for _, c := range cfg {
			id, ok := jsonInt(c["id"])
			if !ok || id < 1 || id > len(labels) {
				continue
			}
			if v, _ := jsonInt(c["proficient"]); v == 1 {
				prof = append(prof, labels[id-1])
			}
			if v, _ := jsonInt(c["scaledefault"]); v == 1 {
				def = append(def, labels[id-1])
			}
		}
		if len(prof) > 0 || len(def) > 0 {
			src.notef(CatInfo, "Moodle's scale configuration (proficient: %s; default: %s) has no place in reflect (profiles set targets instead); it is kept for export to Moodle",
				orNone(prof), orNone(def))
		}
	}
	return s
}

func orNone(v []string) string {
	if len(v) == 0 {
		return "none"
	}
	return strings.Join(v, ", ")
}

func jsonInt(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), x == float64(int(x))
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(x))
		return i, err == nil
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// moodleTaxonomy reads the taxonomy: "competency,competency,…" (one term
// per level, current Moodle) or {"1":"domain","2":"competency"} (2016).
func moodleTaxonomy(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "{") {
		var m map[string]string
		if json.Unmarshal([]byte(s), &m) != nil {
			return nil
		}
		type kv struct {
			k int
			v string
		}
		var list []kv
		for k, v := range m {
			if i, err := strconv.Atoi(k); err == nil && i >= 1 && i <= 100 {
				list = append(list, kv{i, v})
			}
		}
		sort.Slice(list, func(a, b int) bool { return list[a].k < list[b].k })
		var out []string
		for i, e := range list {
			if e.k != i+1 {
				break
			}
			out = append(out, e.v)
		}
		return out
	}
	var out []string
	for _, t := range strings.Split(s, ",") {
		out = append(out, strings.TrimSpace(t))
	}
	return out
}

// applyTaxonomyKinds sets the kind of entries whose level Moodle's
// taxonomy calls "skill" — the one Moodle term that is also a reflect kind.
func applyTaxonomyKinds(nodes []*Node, taxonomy []string) { applyTaxonomyKindsAt(nodes, taxonomy, 0) }

func applyTaxonomyKindsAt(nodes []*Node, taxonomy []string, depth int) {
	for _, n := range nodes {
		if depth < len(taxonomy) && strings.EqualFold(taxonomy[depth], framework.KindSkill) {
			n.Kind = framework.KindSkill
		}
		applyTaxonomyKindsAt(n.Children, taxonomy, depth+1)
	}
}
