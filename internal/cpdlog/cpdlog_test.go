package cpdlog

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/rules"
)

var t0 = time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)

func TestParseHours(t *testing.T) {
	good := map[string]float64{
		"6": 6, "6.5": 6.5, "6:30": 6.5, "0:15": 0.25, "6h30": 6.5, "6h 30m": 6.5, "90m": 1.5,
		"1 hour 15 minutes": 1.25, "2 hours": 2, "1h and 30m": 1.5, "0": 0, " 7.25 ": 7.25,
	}
	for in, want := range good {
		got, err := ParseHours(in)
		if err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("ParseHours(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "NaN", "nan", "Inf", "+Inf", "1e400", "six", "6:3", "6:75", "6 apples", "20001", "6x", "--"} {
		if v, err := ParseHours(in); err == nil {
			t.Errorf("ParseHours(%q) = %v, want an error", in, v)
		}
	}
}

func TestParseDate(t *testing.T) {
	if d, err := ParseDate("today", t0); err != nil || d != "2026-03-05" {
		t.Errorf("today = %q %v", d, err)
	}
	if d, err := ParseDate("yesterday", t0); err != nil || d != "2026-03-04" {
		t.Errorf("yesterday = %q %v", d, err)
	}
	for _, in := range []string{"5/3/2026", "2026-02-30", "2026-3-5", "1900-01-01", "soon"} {
		if _, err := ParseDate(in, t0); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
	if _, err := ParseDate("5/3/2026", t0); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("a UK date should get the hint: %v", err)
	}
}

func nmc(t *testing.T) *rules.Rules {
	s, err := rules.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	return s.Get("nmc")
}

func activity() *Item {
	return &Item{Kind: KindActivity, Title: "Safety planning study day", Start: "2026-03-01", Type: "course", Hours: 6, ParticipatoryHours: 4}
}

func keys(es FieldErrors) string {
	var ks []string
	for _, e := range es {
		ks = append(ks, e.Key)
	}
	return strings.Join(ks, ",")
}

func TestValidateRefusesBadInput(t *testing.T) {
	ctx := Context{Today: t0, Rules: nmc(t), Regulators: []string{"gmc", "hcpc", "nmc", "swe"}, CycleStart: "2023-06-01"}
	if es := Validate(activity(), ctx); len(es) > 0 {
		t.Fatalf("a good activity is refused: %v", es)
	}
	cases := []struct {
		name string
		edit func(*Item)
		key  string
		msg  string
	}{
		{"negative hours", func(i *Item) { i.Hours = -1 }, "hours", "negative"},
		{"NaN hours", func(i *Item) { i.Hours = math.NaN() }, "hours", "not a number"},
		{"more than 24 a day", func(i *Item) { i.Hours = 25; i.ParticipatoryHours = 0 }, "hours", "24 hours a day"},
		{"participatory above total", func(i *Item) { i.ParticipatoryHours = 7 }, "participatory-hours", "more than the 6 hours"},
		{"unknown type", func(i *Item) { i.Type = "corse" }, "type", "did you mean course"},
		{"in the future", func(i *Item) { i.Start = "2026-04-01" }, "start", "after today"},
		{"before the cycle", func(i *Item) { i.Start = "2023-05-31" }, "start", "before your current cycle"},
		{"end before start", func(i *Item) { i.End = "2026-02-27" }, "end", "before the first"},
		{"missing title", func(i *Item) { i.Title = "" }, "title", "Title (what the activity was) is needed (e.g. Safety planning study day)"},
		{"field of another kind", func(i *Item) { i.PartnerPIN = "12A3456E" }, "partner-pin", "does not apply"},
	}
	for _, c := range cases {
		it := activity()
		c.edit(it)
		es := Validate(it, ctx)
		found := false
		for _, e := range es {
			if e.Key == c.key && strings.Contains(e.Error(), c.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want a problem at --%s saying %q, got %v", c.name, c.key, c.msg, es)
		}
	}
	// Two days allow 48 hours.
	it := activity()
	it.End, it.Hours = "2026-03-02", 30
	if es := Validate(it, ctx); len(es) > 0 {
		t.Errorf("30 hours over two days is refused: %v", es)
	}
	// Before the cycle is allowed when asked for.
	it = activity()
	it.Start = "2020-01-01"
	ctx.OutsideCycle = true
	if es := Validate(it, ctx); len(es) > 0 {
		t.Errorf("--outside-cycle did not allow an older date: %v", es)
	}
	// No regulator: the type cannot be checked, and says how to set it.
	ctx.Rules = nil
	if es := Validate(activity(), ctx); keys(es) != "type" || !strings.Contains(es.Error(), "reflect log settings --regulator") {
		t.Errorf("without a regulator: %v", es)
	}
	// An unknown regulator in the settings.
	es := Validate(&Item{Kind: KindSettings, Regulator: "nmcc"}, ctx)
	if !strings.Contains(es.Error(), "did you mean nmc") {
		t.Errorf("unknown regulator: %v", es)
	}
}

func TestDiscussionChecksEmailAndPostcode(t *testing.T) {
	ctx := Context{Today: t0}
	it := &Item{Kind: KindDiscussion, Date: "2026-03-01", PartnerName: "Sam Patel", PartnerPIN: "12A3456E", PartnerEmail: "sam.example.org", PartnerAddress: "1 Hospital Road", PartnerPostcode: "NG7"}
	es := Validate(it, ctx)
	if keys(es) != "partner-email,partner-postcode" {
		t.Fatalf("got %v", es)
	}
	it.PartnerEmail, it.PartnerPostcode = "sam@example.org", "ng7 2uh"
	if es := Validate(it, ctx); len(es) > 0 {
		t.Fatalf("good discussion refused: %v", es)
	}
}

// A discussion lists reflective accounts, a profile CPD activities and an
// entry's records reflect records: an id of another kind of entry is
// refused at the field, saying what it is and what to give instead.
func TestListsNameTheRightKindOfEntry(t *testing.T) {
	kinds := map[string]string{"ra-1": KindAccount, "a-1": KindActivity, "f-1": KindFeedback, "r-1": KindRecord}
	ctx := Context{Today: t0, Rules: nmc(t), Known: func(id string) bool { return kinds[id] != "" }, KindOf: func(id string) string { return kinds[id] }}
	disc := &Item{Kind: KindDiscussion, Date: "2026-03-01", PartnerName: "Sam Patel", PartnerPIN: "12A3456E", PartnerEmail: "sam@example.org", PartnerAddress: "1 Hospital Road", PartnerPostcode: "NG7 2UH",
		Accounts: []string{"ra-1", "r-1"}}
	if es := Validate(disc, ctx); len(es) > 0 {
		t.Fatalf("an account and a record refused: %v", es)
	}
	disc.Accounts = []string{"ra-1", "a-1", "f-1", "nope"}
	es := Validate(disc, ctx)
	msg := es.Error()
	if keys(es) != "accounts,accounts,accounts" || !strings.Contains(msg, `a-1 is a log entry (CPD activity), not a reflective account`) ||
		!strings.Contains(msg, `f-1 is a log entry (practice-related feedback), not a reflective account`) || !strings.Contains(msg, `there is no log entry or record "nope"`) ||
		!strings.Contains(msg, "ra-…") {
		t.Errorf("accounts: %v", es)
	}
	act := activity()
	act.Records = []string{"r-1", "a-1"}
	if es := Validate(act, ctx); keys(es) != "records" || !strings.Contains(es.Error(), "a-1 is a log entry (CPD activity), not a reflect record") {
		t.Errorf("records: %v", es)
	}
	prof := &Item{Kind: KindProfile, Date: "2026-03-01", Summary: "s", Statement: "s", Chosen: []string{"a-1", "r-1", "ra-1"}}
	if es := Validate(prof, ctx); keys(es) != "chosen" || !strings.Contains(es.Error(), "ra-1 is a log entry (written reflective account), not a CPD activity") {
		t.Errorf("chosen: %v", es)
	}
}

func TestFeedbackIsCheckedForIdentifiers(t *testing.T) {
	it := &Item{Kind: KindFeedback, Date: "2026-03-01", Source: "patient", Description: "Mrs Jones on bed 12 said thank you", Learning: "Listening matters"}
	f := Findings(it)
	if len(f) < 2 {
		t.Fatalf("findings = %v; want the titled name and the bed", f)
	}
	// A discussion partner's details are meant to be there.
	d := &Item{Kind: KindDiscussion, PartnerName: "Dr Sam Patel", PartnerEmail: "sam@example.org", PartnerPostcode: "NG7 2UH"}
	if f := Findings(d); len(f) != 0 {
		t.Errorf("the partner's details were flagged: %v", f)
	}
}

func appendAll(t *testing.T, n int) ([]byte, *Log) {
	t.Helper()
	l, err := Parse("log", nil)
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	for i := 0; i < n; i++ {
		it := activity()
		it.Title = strings.Repeat("x", i+1)
		data, _, err = l.Append(OpAdd, l.NewID(KindActivity), it, "", t0.Add(time.Duration(i)*time.Hour), "test")
		if err != nil {
			t.Fatal(err)
		}
	}
	return data, l
}

func TestChainVerifies(t *testing.T) {
	data, l := appendAll(t, 5)
	v := Verify(data, "")
	if !v.OK() || v.Lines != 5 {
		t.Fatalf("a fresh log does not verify: %+v", v.Breaks)
	}
	_, head := l.Head()
	if v.Head != head {
		t.Errorf("head %s, want %s", v.Head, head)
	}
	// Parse again: the same entries.
	l2, err := Parse("log", data)
	if err != nil || len(l2.Entries(false)) != 5 {
		t.Fatalf("reparse: %v, %d entries", err, len(l2.Entries(false)))
	}
}

func lines(data []byte) [][]byte {
	return bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
}
func join(ls [][]byte) []byte { return append(bytes.Join(ls, []byte("\n")), '\n') }

func TestChainSaysWhereItBreaks(t *testing.T) {
	data, _ := appendAll(t, 5)
	// An entry edited by hand: line 3's content.
	ls := lines(data)
	ls[2] = bytes.Replace(ls[2], []byte(`"hours":6`), []byte(`"hours":9`), 1)
	v := Verify(join(ls), "")
	if len(v.Breaks) != 1 || v.Breaks[0].Line != 3 || !strings.Contains(v.Breaks[0].Problem, "changed after it was written") {
		t.Errorf("edited line: %v", v.Breaks)
	}
	// A line removed: line 3 gone, so the new line 3 is misnumbered and its link fails.
	ls = lines(data)
	ls = append(ls[:2:2], ls[3:]...)
	v = Verify(join(ls), "")
	if len(v.Breaks) == 0 || v.Breaks[0].Line != 3 || !strings.Contains(v.Breaks[0].String(), "numbered 4 but is line 3") {
		t.Errorf("removed line: %v", v.Breaks)
	}
	// Back-filling: a line inserted with an earlier time and re-chained
	// by hand still shows (numbering and time order).
	ls = lines(data)
	ls[1], ls[2] = ls[2], ls[1]
	v = Verify(join(ls), "")
	var got []string
	for _, b := range v.Breaks {
		got = append(got, b.String())
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "line 2") || !strings.Contains(all, "before the line above it") {
		t.Errorf("swapped lines:\n%s", all)
	}
	// A damaged line is reported, and the rest still checked.
	ls = lines(data)
	ls[3] = []byte(`{"event":`)
	v = Verify(join(ls), "")
	if len(v.Breaks) == 0 || v.Breaks[0].Line != 4 || !strings.Contains(v.Breaks[0].Problem, "cannot be read") {
		t.Errorf("damaged line: %v", v.Breaks)
	}
	if _, err := Parse("log", join(ls)); err == nil || !strings.Contains(err.Error(), "log:4:") {
		t.Errorf("Parse of a damaged log: %v", err)
	}
}

func TestAnchor(t *testing.T) {
	data, l := appendAll(t, 3)
	_, head := l.Head()
	more, _, err := l.Append(OpRemove, l.Entries(false)[0].ID, nil, "entered twice", t0.Add(10*time.Hour), "test")
	if err != nil {
		t.Fatal(err)
	}
	v := Verify(more, head)
	if !v.OK() || !v.AnchorFound || v.AnchorLine != 3 {
		t.Errorf("anchor: %+v", v)
	}
	_ = data
	if v := Verify(more, "sha256:00"); v.AnchorFound {
		t.Error("an unknown anchor was found")
	}
}

func TestEditAndRemoveKeepHistory(t *testing.T) {
	_, l := appendAll(t, 1)
	id := l.Entries(false)[0].ID
	it := activity()
	it.Hours = 7
	if _, _, err := l.Append(OpEdit, id, it, "", t0.Add(2*time.Hour), "t"); err != nil {
		t.Fatal(err)
	}
	if e := l.Get(id); e.Item.Hours != 7 || e.Revisions != 1 {
		t.Errorf("after edit: %+v", e)
	}
	if _, _, err := l.Append(OpRemove, id, nil, "duplicate", t0.Add(3*time.Hour), "t"); err != nil {
		t.Fatal(err)
	}
	if len(l.Entries(false)) != 0 || len(l.Entries(true)) != 1 || len(l.History(id)) != 3 {
		t.Errorf("after remove: %d current, %d all, %d events", len(l.Entries(false)), len(l.Entries(true)), len(l.History(id)))
	}
	if _, _, err := l.Append(OpEdit, id, it, "", t0.Add(4*time.Hour), "t"); err == nil {
		t.Error("a removed entry was edited")
	}
	// The clock going back does not break the order.
	_, ev, err := l.Append(OpAdd, "a-clock", activity(), "", t0, "t")
	if err != nil || ev.At.Before(t0.Add(3*time.Hour)) {
		t.Errorf("clock back: %v %v", ev.At, err)
	}
}

func TestCountWords(t *testing.T) {
	if n := CountWords("I work in an emergency department - nights, mostly. It's busy."); n != 10 {
		t.Errorf("CountWords = %d", n)
	}
}
