package portfolio

import (
	"github.com/reflect-cpd/reflect/internal/cpd"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/rules"
)

var today = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

func shipped(t *testing.T, id string) *rules.Rules {
	t.Helper()
	s, err := rules.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	return s.Get(id)
}

// logOf builds a log from items, one minute apart.
func logOf(t *testing.T, items ...cpdlog.Item) *cpdlog.Log {
	t.Helper()
	l, _ := cpdlog.Parse("log", nil)
	for i, it := range items {
		it := it
		id := it.Title
		if id == "" || strings.Contains(id, " ") {
			id = l.NewID(it.Kind)
		}
		if _, _, err := l.Append(cpdlog.OpAdd, id, &it, "", today.Add(time.Duration(i)*time.Minute), "test"); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

func req(t *testing.T, p *Portfolio, id string) Requirement {
	t.Helper()
	for _, q := range p.Requirements {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("no requirement %s", id)
	return Requirement{}
}

func record1() *record.Record {
	return &record.Record{ID: "r-0001", Status: record.StatusComplete, Updated: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
		Frameworks: []record.FrameworkRef{{ID: "adults", Title: "Adults and older adults"}},
		Activity:   record.Activity{Title: "Self-assessment", StartDate: "2026-04-30", EndDate: "2026-04-30", Hours: 2, ParticipatoryHours: 0},
		Reflection: record.Reflection{Model: cpd.ModelWhatSoWhatNowWhat, Sections: []record.ReflectionSection{{Key: "what", Text: "I noticed…"}, {Key: "so-what", Text: "It matters because…"}, {Key: "now-what", Text: "I will…"}}},
		Standards:  []record.StandardRef{{Scheme: "nmc", ID: "preserve-safety"}},
	}
}

func TestNMCCountsTheCycle(t *testing.T) {
	l := logOf(t,
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Study day", Start: "2025-03-01", Type: "course", Hours: 6.5, ParticipatoryHours: 6.5},
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Old course", Start: "2020-03-01", Type: "course", Hours: 100, ParticipatoryHours: 100},
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Reading", Start: "2026-01-10", Type: "reading", Hours: 4},
		cpdlog.Item{Kind: cpdlog.KindPractice, Start: "2024-01-01", End: "2024-12-31", Organisation: "Trust", Scope: "clinical", Hours: 366},
		cpdlog.Item{Kind: cpdlog.KindFeedback, Date: "2026-02-01", Source: "patient", Description: "d", Learning: "l"},
		cpdlog.Item{Kind: cpdlog.KindDiscussion, Date: "2026-11-01", PartnerName: "Sam", PartnerPIN: "12A3456E", PartnerEmail: "s@x.org", PartnerAddress: "a", PartnerPostcode: "NG7 2UH", Accounts: []string{"r-0001"}},
		cpdlog.Item{Kind: cpdlog.KindSettings, Renewal: "2027-03-31", Name: "Alex"},
	)
	// Settings are kept through an edit of the settings id in the CLI; here the item is added under a random id, so give the renewal.
	p, err := Build(Input{Rules: shipped(t, "nmc"), Log: l, Records: []*record.Record{record1(), {ID: "r-0002", Status: record.StatusInProgress}}, Renewal: "2027-03-31", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if p.Cycle.Start != "2024-04-01" || p.Cycle.End != "2027-03-31" || p.Cycle.DaysLeft != 119 {
		t.Errorf("cycle %+v", p.Cycle)
	}
	// 366 hours in 2024, of which April to December (275 days) fall in the cycle.
	if q := req(t, p, "practice-hours"); q.Have != 275 || q.Met || !strings.Contains(q.Missing, "175 more hours") {
		t.Errorf("practice-hours %+v", q)
	}
	// 6.5 + 4 + the record's 2; the 2020 course is outside the cycle.
	if q := req(t, p, "cpd-hours"); q.Have != 12.5 || q.Met || q.Missing == "" || len(q.Counts) != 3 {
		t.Errorf("cpd-hours %+v", q)
	}
	if q := req(t, p, "participatory-hours"); q.Have != 6.5 || !strings.Contains(q.Missing, "13.5 more participatory hours") {
		t.Errorf("participatory-hours %+v", q)
	}
	if q := req(t, p, "feedback"); q.Have != 1 || !strings.Contains(q.Missing, "4 more pieces") {
		t.Errorf("feedback %+v", q)
	}
	// The record's reflection is one account.
	if q := req(t, p, "reflective-accounts"); q.Have != 1 || q.Counts[0] != "r-0001" {
		t.Errorf("accounts %+v", q)
	}
	if q := req(t, p, "reflective-discussion"); q.Have != 1 || !q.Met {
		t.Errorf("discussion %+v", q)
	}
	if len(p.NMC.Accounts) != 1 || p.NMC.Accounts[0].Nature != "I noticed…" || p.NMC.Accounts[0].Themes[0] != "Preserve safety" {
		t.Errorf("accounts %+v", p.NMC.Accounts)
	}
	if p.NMC.Discussion == nil || p.NMC.Discussion.PartnerPIN != "12A3456E" {
		t.Errorf("discussion %+v", p.NMC.Discussion)
	}
	if len(p.NMC.CPDLog) != 3 || len(p.NMC.PracticeLog) != 1 || p.NMC.PracticeLog[0].Counted != 275 {
		t.Errorf("logs %+v %+v", p.NMC.CPDLog, p.NMC.PracticeLog)
	}
	notes := strings.Join(p.Notes, "\n")
	if !strings.Contains(notes, "1 assessment still in progress is not counted") || !strings.Contains(notes, "1 entry outside the cycle") {
		t.Errorf("notes:\n%s", notes)
	}
	// The record counts once, as an activity, without being in the log.
	n := 0
	for _, e := range p.Entries {
		if e.ID == "r-0001" {
			n++
			if strings.Join(e.Counts, ",") != "cpd-hours,reflective-accounts" {
				t.Errorf("the record counts towards %v", e.Counts)
			}
		}
	}
	if n != 1 {
		t.Errorf("the record is listed %d times", n)
	}
}

func TestRenewalNeededAndChecked(t *testing.T) {
	_, err := Build(Input{Rules: shipped(t, "nmc"), Today: today})
	if err == nil || !strings.Contains(err.Error(), "--renewal") {
		t.Errorf("no renewal: %v", err)
	}
	_, err = Build(Input{Rules: shipped(t, "nmc"), Today: today, Renewal: "2035-01-01"})
	if err == nil || !strings.Contains(err.Error(), "years away") {
		t.Errorf("far renewal: %v", err)
	}
	_, err = Build(Input{Rules: shipped(t, "nmc"), Today: today, Renewal: "2027-02-30"})
	if err == nil || !strings.Contains(err.Error(), "not a date") {
		t.Errorf("bad renewal: %v", err)
	}
}

func TestHCPCGapsAndMix(t *testing.T) {
	l := logOf(t,
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Course", Start: "2025-01-15", Type: "formal-educational", Hours: 6},
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Reading", Start: "2025-09-01", Type: "self-directed-learning", Hours: 1},
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Reading 2", Start: "2026-10-01", Type: "self-directed-learning", Hours: 1},
		cpdlog.Item{Kind: cpdlog.KindGap, Start: "2025-10-01", End: "2026-08-31", Explanation: "Parental leave"},
		cpdlog.Item{Kind: cpdlog.KindProfile, Date: "2026-11-01", Summary: strings.Repeat("word ", 501), Statement: "short", Chosen: []string{"x-none"}},
	)
	p, err := Build(Input{Rules: shipped(t, "hcpc"), Log: l, Renewal: "2026-12-31", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if p.Cycle.Start != "2025-01-01" {
		t.Errorf("cycle %+v", p.Cycle)
	}
	if q := req(t, p, "activity-types"); q.Have != 2 || !q.Met {
		t.Errorf("types %+v", q)
	}
	// Gaps: 2025-01-16..2025-08-31 (7 months, unexplained); 2025-09-02..2026-09-30
	// (explained by the leave, but 2025-09-02..09-30 is under 3 months so fine).
	// The start (2025-01-01..01-14) is too short, and 2026-10-02..2026-12-02 too.
	if len(p.HCPC.Gaps) != 2 || p.HCPC.Gaps[0].Explained || !p.HCPC.Gaps[1].Explained || p.HCPC.Gaps[0].Months != 7 {
		t.Errorf("gaps %+v", p.HCPC.Gaps)
	}
	if q := req(t, p, "gaps"); q.Have != 1 || q.Met || !strings.Contains(q.Missing, "2025-01-16 to 2025-08-31 (7 months)") {
		t.Errorf("gaps req %+v", q)
	}
	pr := p.HCPC.Profile
	if pr == nil || pr.SummaryWords != 501 || len(pr.Problems) != 3 {
		t.Errorf("profile %+v", pr)
	}
}

func TestSWEYearsAndPeerReflection(t *testing.T) {
	l := logOf(t,
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "a-1", Start: "2025-12-05", Type: "course", Hours: 3},
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "a-2", Start: "2026-06-05", Type: "reading", Hours: 1},
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "a-3", Start: "2025-06-05", Type: "reading", Hours: 1},
		cpdlog.Item{Kind: cpdlog.KindPeer, Date: "2026-06-10", Peer: "colleague", Activities: []string{"a-2"}, Learning: "l"},
	)
	p, err := Build(Input{Rules: shipped(t, "swe"), Log: l, Today: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if p.Cycle.Start != "2025-12-01" || p.Cycle.End != "2026-11-30" {
		t.Errorf("cycle %+v", p.Cycle)
	}
	if q := req(t, p, "pieces"); q.Have != 2 || !q.Met {
		t.Errorf("pieces %+v", q)
	}
	if q := req(t, p, "peer-reflection"); q.Have != 1 || !q.Met || q.Counts[0] != "a-2" {
		t.Errorf("peer %+v", q)
	}
	if len(p.SWE.Years) != 2 || !p.SWE.Years[0].Met || p.SWE.Years[1].Met || len(p.SWE.Years[1].Pieces) != 1 {
		t.Errorf("years %+v", p.SWE.Years)
	}
}

func TestGMCSixTypes(t *testing.T) {
	l := logOf(t,
		cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Course", Start: "2024-03-01", Type: "course", Hours: 6},
		cpdlog.Item{Kind: cpdlog.KindQI, Title: "Audit", Start: "2025-03-01", Description: "d"},
		cpdlog.Item{Kind: cpdlog.KindFeedback, Date: "2025-05-01", Source: "colleague", Description: "d", Learning: "l"},
		cpdlog.Item{Kind: cpdlog.KindFeedback, Date: "2025-06-01", Source: "patient", FeedbackType: "complaint", Description: "d", Learning: "l"},
	)
	p, err := Build(Input{Rules: shipped(t, "gmc"), Log: l, Renewal: "2028-06-30", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"cpd": 1, "quality-improvement": 1, "significant-events": 0, "colleague-feedback": 1, "patient-feedback": 1, "compliments-complaints": 1}
	for id, n := range want {
		if q := req(t, p, id); q.Have != n || !q.Met {
			t.Errorf("%s: %+v", id, q)
		}
	}
	if len(p.GMC.Years) != 5 || p.GMC.Years[0].Count["cpd"] != 1 || p.GMC.Years[1].Count["patient-feedback"] != 1 {
		t.Errorf("years %+v", p.GMC.Years)
	}
}

// A record's own activity counts once, as the type the flow recorded for
// it (the activity type step, or activity.type in an answers file); a
// record without one counts as the rules' type for a self-assessment, and
// one with a type this regulator does not list counts as that too, with a
// note saying so.
func TestARecordCountsAsItsOwnType(t *testing.T) {
	entry := func(p *Portfolio, id string) Entry {
		t.Helper()
		for _, e := range p.Entries {
			if e.ID == id {
				return e
			}
		}
		t.Fatalf("no entry %s in %+v", id, p.Entries)
		return Entry{}
	}
	l := logOf(t, cpdlog.Item{Kind: cpdlog.KindActivity, Title: "Reading", Start: "2025-09-01", Type: "self-directed-learning", Hours: 1})

	// HCPC: without a type the record is work-based learning, the rules'
	// record_activity_type; with one it is that, and the mixture grows.
	rec := record1()
	p, err := Build(Input{Rules: shipped(t, "hcpc"), Log: l, Records: []*record.Record{rec}, Renewal: "2026-12-31", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if e := entry(p, "r-0001"); e.Type != "work-based-learning" || !strings.HasPrefix(e.TypeTitle, "Work-based learning") {
		t.Errorf("a record without a type: %q %q", e.Type, e.TypeTitle)
	}
	if q := req(t, p, "activity-types"); q.Have != 2 {
		t.Errorf("types %+v", q)
	}
	rec.Activity.Type = "formal-educational"
	p, err = Build(Input{Rules: shipped(t, "hcpc"), Log: l, Records: []*record.Record{rec}, Renewal: "2026-12-31", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if e := entry(p, "r-0001"); e.Type != "formal-educational" || !strings.HasPrefix(e.TypeTitle, "Formal or educational") {
		t.Errorf("a formal-educational record: %q %q", e.Type, e.TypeTitle)
	}
	if q := req(t, p, "activity-types"); q.Have != 2 || len(q.Counts) != 2 {
		t.Errorf("types %+v", q)
	}
	if len(p.Entries) != 2 {
		t.Errorf("the record is entered twice or not at all: %+v", p.Entries)
	}

	// NMC: supervision is on the list and is what the CPD log shows.
	rec.Activity.Type, rec.Activity.ParticipatoryHours = "supervision", 2
	p, err = Build(Input{Rules: shipped(t, "nmc"), Records: []*record.Record{rec}, Renewal: "2027-03-31", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if e := entry(p, "r-0001"); e.Type != "supervision" || e.TypeTitle != "Clinical supervision, coaching or mentoring" {
		t.Errorf("a supervision record: %q %q", e.Type, e.TypeTitle)
	}
	if q := req(t, p, "participatory-hours"); q.Have != 2 {
		t.Errorf("participatory %+v", q)
	}
	if strings.Contains(strings.Join(p.Notes, "\n"), "not on the") {
		t.Errorf("a type on the list is noted: %v", p.Notes)
	}

	// The same record for the HCPC: supervision is not on its list.
	p, err = Build(Input{Rules: shipped(t, "hcpc"), Records: []*record.Record{rec}, Renewal: "2026-12-31", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if e := entry(p, "r-0001"); e.Type != "work-based-learning" {
		t.Errorf("a type off the list: %q", e.Type)
	}
	if notes := strings.Join(p.Notes, "\n"); !strings.Contains(notes, `gives its activity type as "supervision", which is not on the HCPC's list`) {
		t.Errorf("no note of the type off the list:\n%s", notes)
	}
}
