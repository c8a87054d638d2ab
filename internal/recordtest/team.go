package recordtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
)

// A generated team for the team report's tests and benchmarks: people of
// several professions and settings, records over two years, and a
// reviewer's own ratings on every third record. Everything in it is
// invented.

// TeamPeople are the practitioner details the generated records cycle
// through (typed as people type them: workforce reads them into classes).
var TeamPeople = []record.Practitioner{
	{Name: "Generated Person", Profession: "RMN", Role: "Staff nurse", Setting: "Emergency department"},
	{Name: "Generated Person", Profession: "Nurse", Role: "Senior staff nurse", Setting: "A&E"},
	{Name: "Generated Person", Profession: "Healthcare assistant", Role: "Support worker", Setting: "Acute medical ward"},
	{Name: "Generated Person", Profession: "Doctor", Role: "Registrar", Setting: "Liaison psychiatry"},
	{Name: "Generated Person", Profession: "Social worker", Role: "Practitioner", Setting: "Community mental health team"},
	{Name: "Generated Person", Profession: "Paramedic", Role: "Paramedic", Setting: "Ambulance service"},
	{Name: "Generated Person", Profession: "Staff nurse", Role: "Ward manager", Setting: "Inpatient ward"},
}

// TeamVariants is how many distinct records WriteTeam makes before it
// repeats them (with new ids).
const TeamVariants = 42

// TeamRecords builds the distinct records of a generated team.
func TeamRecords(set *framework.Set, scopes []assessment.Scope) ([]*record.Record, error) {
	start := time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)
	top := set.Get(scopes[0].Framework).EffectiveScale().Max()
	var out []*record.Record
	for v := 0; v < TeamVariants; v++ {
		when := start.AddDate(0, 3*(v%8), v%28)
		r, err := BuildErr(set, Spec{
			ID: fmt.Sprintf("r-%016x", v), Now: when, Scopes: scopes,
			Rate: func(j int, _ string) int {
				x := (v*31 + j*17) % 11
				switch {
				case x == 0:
					return -1
				case x < 3:
					return 1
				case x < 6:
					return 2
				case x < 9:
					return min(3, top)
				}
				return min(4, top)
			},
			Practitioner: TeamPeople[v%len(TeamPeople)],
			Reflection:   []string{"What I noticed.", "Why it matters.", "What I will do."},
			Complete:     true,
		})
		if err != nil {
			return nil, err
		}
		r.Activity.StartDate = when.AddDate(0, 0, -7).Format("2006-01-02")
		r.Activity.EndDate = when.Format("2006-01-02")
		if v%3 == 0 {
			var rs []record.Rating
			for j, a := range r.Answers {
				if a.Rating > 0 && j%2 == 0 {
					rs = append(rs, record.Rating{Code: a.Code, Rating: max(1, min(top, a.Rating-(v+j)%3+1))})
				}
			}
			rev, err := r.NewReview(record.Review{Reviewer: record.Reviewer{Name: "Generated Reviewer"}, Date: when.Format("2006-01-02"), PlanAgreed: true, Ratings: rs}, when.Add(time.Hour))
			if err != nil {
				return nil, err
			}
			r.AppendReview(rev, when.Add(time.Hour), record.Tool{Name: "reflect", Version: "test"})
		}
		out = append(out, r)
	}
	return out, nil
}

// WriteTeam writes n records of a generated team into dir, 100 to a
// subfolder, each with its own id. It returns the bytes written.
func WriteTeam(dir string, set *framework.Set, scopes []assessment.Scope, n int) (int64, error) {
	recs, err := TeamRecords(set, scopes)
	if err != nil {
		return 0, err
	}
	var tmpl [][]byte
	for i, r := range recs {
		b, err := record.Marshal(r)
		if err != nil {
			return 0, err
		}
		id := fmt.Appendf(nil, `"id": "r-%016x"`, i)
		if !bytes.Contains(b, id) {
			return 0, fmt.Errorf("generated record has no id field to replace")
		}
		tmpl = append(tmpl, b)
	}
	var total int64
	for i := 0; i < n; i++ {
		v := i % len(tmpl)
		b := bytes.Replace(tmpl[v], fmt.Appendf(nil, `"id": "r-%016x"`, v), fmt.Appendf(nil, `"id": "r-t%015x"`, i), 1)
		p := filepath.Join(dir, fmt.Sprintf("%02d", i%100), fmt.Sprintf("rec-%07d.json", i))
		if i < 100 {
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				return 0, err
			}
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			return 0, err
		}
		total += int64(len(b))
	}
	return total, nil
}
