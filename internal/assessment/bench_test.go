package assessment_test

import (
	"testing"

	"github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

// largestSession is the largest session a person could score: every
// competence of every shipped framework at once (the test framework while
// none ships), rated through the whole scale, one in seven N/A.
func largestSession(b *testing.B) *assessment.Session {
	b.Helper()
	set, err := framework.LoadFS(frameworks.FS(), "embedded")
	if err != nil || len(set.Frameworks()) == 0 {
		if set, err = testfixture.MiniSet(); err != nil {
			b.Fatal(err)
		}
	}
	var scopes []assessment.Scope
	for _, f := range set.Frameworks() {
		scopes = append(scopes, assessment.Scope{Framework: f.ID})
	}
	plan, err := assessment.NewPlan(set, scopes)
	if err != nil {
		b.Fatal(err)
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		b.Fatal(err)
	}
	scale := plan.Scale()
	for i, it := range plan.Items {
		if i%7 == 3 {
			err = s.SetNA(it.Code(), scale.NAReasons()[0].ID)
		} else {
			err = s.Rate(it.Code(), scale.Levels[i%len(scale.Levels)].Value)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkScore scores the largest session: areas, domains, overall,
// ranked needs and strengths. record.Sync scores the session on every
// save, and assess saves after every answer, so scoring has to fit in a
// keystroke's budget (1 ms) with room to spare.
func BenchmarkScore(b *testing.B) {
	s := largestSession(b)
	b.ReportMetric(float64(s.Len()), "items")
	b.ReportAllocs()
	for b.Loop() {
		sc := s.Score()
		if len(sc.Areas) == 0 {
			b.Fatal("no areas scored")
		}
	}
}
