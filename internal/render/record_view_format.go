package render

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

type lookup struct {
	set *framework.Set
}

func (l lookup) competence(code string) *framework.Competence {
	if l.set == nil {
		return nil
	}
	return l.set.Competence(code)
}

func (l lookup) statement(code string) string {
	if c := l.competence(code); c != nil {
		return c.Statement
	}
	return ""
}

func (l lookup) area(code string) *framework.Area {
	if l.set == nil {
		return nil
	}
	for _, f := range l.set.Frameworks() {
		if a := f.Area(code); a != nil {
			return a
		}
	}
	return nil
}

func (l lookup) resource(id string) string {
	if l.set == nil {
		return id
	}
	for _, f := range l.set.Frameworks() {
		if r := f.Resource(id); r != nil {
			s := r.Title + " (" + r.Provider
			if r.URL != "" {
				s += ", " + r.URL
			}
			return s + ")"
		}
	}
	return id
}

func (l lookup) scale(r *record.Record) *framework.Scale {
	if l.set == nil {
		return nil
	}
	for _, ref := range r.Frameworks {
		if f := l.set.Get(ref.ID); f != nil {
			return f.EffectiveScale()
		}
	}
	return nil
}

func num(f float64) string {
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func pct(f float64) string { return num(math.Round(f*100)/100) + "%" }

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 January 2006, 15:04 UTC")
}

func dayOf(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

func levelText(sc *framework.Scale, value int, label string) string {
	if value == 0 {
		return ""
	}
	if label == "" && sc != nil {
		if l := sc.Level(value); l != nil {
			label = l.Label
		}
	}
	if label == "" {
		return strconv.Itoa(value)
	}
	return strconv.Itoa(value) + " " + label
}

func scoreOf(sc *framework.Scale, fw, code, title string, s assessment.Score, target float64, gap float64, area bool) scoreView {
	v := scoreView{Framework: fw, Code: code, Title: title, HasMean: s.HasMean(), Rated: s.Rated, NA: s.NA, Unanswered: s.Unanswered, Total: s.Total,
		Coverage: pct(s.Coverage * 100), TargetValue: target}
	v.Counts = fmt.Sprintf("%d rated, %d N/A, %d unanswered, of %d", s.Rated, s.NA, s.Unanswered, s.Total)
	if target > 0 {
		v.Target = num(target)
	}
	if !s.HasMean() {
		v.Mean, v.Percent, v.Level = "–", "–", "not rated"
		if area {
			v.Gap = "not rated"
		}
		return v
	}
	v.MeanValue = s.Mean
	v.Mean = strconv.FormatFloat(s.Mean, 'f', 2, 64)
	// A whole percentage, as the line mode and the screen give it (the
	// tables read 63.5%, 72.75% and 62% side by side); coverage keeps its
	// decimals, so that 99.6% never reads as everything answered.
	v.Percent = strconv.Itoa(int(math.Round(s.Percent))) + "%"
	v.Level = levelText(sc, s.Level, s.LevelLabel)
	if target > 0 {
		v.Below = s.Mean < target
	}
	if area && target > 0 {
		switch {
		case gap > 0:
			v.Gap = num(gap) + " below target"
		case gap < 0:
			v.Gap = num(-gap) + " above target"
		default:
			v.Gap = "at target"
		}
	}
	return v
}

func (l lookup) codeView(code, detail string) codeView {
	return codeView{Code: code, Statement: l.statement(code), Detail: detail}
}

func goalOf(l lookup, g record.Goal) goalView {
	v := goalView{ID: g.ID, Objective: g.Objective, TargetDate: dayOf(g.TargetDate), SuccessMeasure: g.SuccessMeasure, Status: goalStatus(g.Status), Activities: g.Activities}
	for _, c := range g.Competences {
		if st := l.statement(c); st != "" {
			c += " " + st
		}
		v.Competences = append(v.Competences, c)
	}
	for _, r := range g.Resources {
		v.Resources = append(v.Resources, l.resource(r))
	}
	return v
}

func goalStatus(s string) string {
	switch s {
	case record.GoalPlanned:
		return "Planned"
	case record.GoalInProgress:
		return "In progress"
	case record.GoalAchieved:
		return "Achieved"
	case record.GoalDropped:
		return "Dropped"
	}
	return s
}

func sizeOf(n int64) string {
	switch {
	case n <= 0:
		return ""
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KiB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1024*1024))
}
