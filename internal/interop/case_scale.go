package interop

import (
	"sort"
	"strings"

	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/lazy"
)

var rubricScaleRE = lazy.MustCompile(`^Rating scale(?: \((.+)\))?$`)

// scale reads a rating scale from a rubric with one criterion that is tied
// to no item and has 2 to 9 levels with whole-number scores, which is how
// reflect exports its scale. Other rubrics are reported.
func (r *caseReader) scale() {
	rubrics := r.pkg.list("CFRubrics")
	var other int
	for _, v := range rubrics {
		rb := asObj(v)
		if rb == nil {
			continue
		}
		crits := rb.list("CFRubricCriteria")
		if r.src.Scale != nil || len(crits) != 1 {
			other++
			continue
		}
		c := asObj(crits[0])
		if c == nil || c["CFItemURI"] != nil {
			other++
			continue
		}
		s := rubricScale(rb, c)
		if s == nil {
			other++
			continue
		}
		r.src.Scale = s
		r.src.notef(CatInfo, "the rubric %q became the rating scale", rb.str("title"))
	}
	if other > 0 {
		r.src.notef(CatInfo, "%s no place in reflect, which reads one framework-wide rating scale; kept for export to CASE", plural(other, "rubric has", "rubrics have"))
	}
}

func rubricScale(rb, c obj) *framework.Scale {
	type lvl struct {
		pos, score  int
		label, desc string
	}
	var lv []lvl
	for i, v := range c.list("CFRubricCriterionLevels") {
		o := asObj(v)
		if o == nil {
			return nil
		}
		score, ok := o.num("score")
		if !ok || score < 1 || score > 9 {
			return nil
		}
		pos, ok := o.num("position")
		if !ok {
			pos = i
		}
		label := collapse(o.str("quality"))
		desc := collapse(o.str("description"))
		if label == "" {
			label = desc
		}
		if desc == "" {
			desc = label
		}
		if label == "" {
			return nil
		}
		lv = append(lv, lvl{pos, score, label, desc})
	}
	if len(lv) < 2 || len(lv) > 9 {
		return nil
	}
	sort.SliceStable(lv, func(i, j int) bool { return lv[i].pos < lv[j].pos })
	s := &framework.Scale{}
	if m := rubricScaleRE.FindStringSubmatch(strings.TrimSpace(rb.str("title"))); m != nil {
		s.ID = m[1]
	}
	for i, l := range lv {
		if i > 0 && l.score <= lv[i-1].score {
			return nil
		}
		s.Levels = append(s.Levels, &framework.Level{Value: l.score, Label: l.label, Descriptor: l.desc})
	}
	return s
}
