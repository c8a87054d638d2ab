package due_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	dd "github.com/reflect-cpd/reflect/internal/due"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/ics"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

func run(t *testing.T, data string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(""), Out: &out, Err: &errb},
		Version: "9.9.9-test",
		Now:     func() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string {
			if k == store.EnvDataDir {
				return data
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return testfixture.MiniSet() },
	}
	code := app.Run(deps, args)
	return out.String(), errb.String(), code
}

// setup: an NMC registrant with a reviewed record whose plan has goals.
func setup(t *testing.T) (dir, data string) {
	dir = t.TempDir()
	data = filepath.Join(dir, "data")
	if _, e, code := run(t, data, "log", "settings", "--regulator", "nmc", "--renewal", "2027-03-31", "--appraisal", "2026-09-15"); code != 0 {
		t.Fatal(e)
	}
	set, _ := testfixture.MiniSet()
	r, err := testfixture.Full(set)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.New(data).Save(r); err != nil {
		t.Fatal(err)
	}
	return dir, data
}

func TestDueLists(t *testing.T) {
	_, data := setup(t)
	out, errs, code := run(t, data, "due", "--json")
	if code != 0 {
		t.Fatal(errs)
	}
	var items []dd.Item
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, it := range items {
		kinds[it.Kind]++
	}
	// The renewal and the NMC's two reminders, the appraisal, the plan's goals
	// (the full fixture's review amends none: two goals), reassessment; the
	// record is reviewed, so no review is due.
	want := map[string]int{dd.KindRenewal: 1, dd.KindReminder: 2, dd.KindAppraisal: 1, dd.KindGoal: 2, dd.KindReassessment: 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s: %d items, want %d (%v)", k, kinds[k], n, items)
		}
	}
	if kinds[dd.KindReview] != 0 {
		t.Errorf("a reviewed record is due for review")
	}
	for i := 1; i < len(items); i++ {
		if items[i].Date < items[i-1].Date {
			t.Errorf("not in date order: %v", items)
		}
	}
	text, _, _ := run(t, data, "due")
	if !strings.Contains(text, "2027-01-30  in 304 days") || !strings.Contains(text, "Your NMC revalidation application opens") {
		t.Errorf("text:\n%s", text)
	}
}

// The calendar is read by a real calendar parser: ical.js (Mozilla's, used
// by Thunderbird), installed by .ci/run into .ci/node.
func TestDueCalendarReadsInICalJS(t *testing.T) {
	dir, data := setup(t)
	path := filepath.Join(dir, "due.ics")
	if _, errs, code := run(t, data, "due", "--ics", path); code != 0 {
		t.Fatal(errs)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%v %v", fi, err)
	}
	if _, errs, code := run(t, data, "due", "--ics", path); code == 0 || !strings.Contains(errs, "already exists") {
		t.Errorf("replaced without --force: %s", errs)
	}
	raw, _ := os.ReadFile(path)
	out, _, _ := run(t, data, "due", "--json")
	var items []dd.Item
	json.Unmarshal([]byte(out), &items)
	// Our own reading first: every item is an event with its UID.
	lines := strings.Join(ics.Unfold(raw), "\n")
	for _, it := range items {
		if !strings.Contains(lines, "UID:"+it.UID) {
			t.Errorf("no event for %v", it)
		}
	}
	node, err := exec.LookPath("node")
	script := filepath.Join(testfixture.Root(), ".ci", "node", "parse.mjs")
	if _, serr := os.Stat(filepath.Join(testfixture.Root(), ".ci", "node", "node_modules", "ical.js")); err != nil || serr != nil {
		t.Skip("node or ical.js not installed (.ci/run installs ical.js into .ci/node)")
	}
	cmd := exec.Command(node, script, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	js, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js could not read the calendar: %v\n%s", err, stderr.String())
	}
	var got struct {
		Version string `json:"version"`
		Events  []struct {
			UID, Summary, Description, Start, End string
			IsDate                                bool
			Categories                            []string
			Trigger                               string
		} `json:"events"`
	}
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "2.0" || len(got.Events) != len(items) {
		t.Fatalf("ical.js read %d events (version %q), want %d", len(got.Events), got.Version, len(items))
	}
	for i, ev := range got.Events {
		it := items[i]
		d, _ := time.Parse("2006-01-02", it.Date)
		if ev.UID != it.UID || ev.Summary != it.Title || ev.Description != it.Detail || ev.Start != it.Date || !ev.IsDate || ev.End != d.AddDate(0, 0, 1).Format("2006-01-02") {
			t.Errorf("event %d: ical.js read %+v, want %+v", i, ev, it)
		}
		if it.Kind == dd.KindRenewal && ev.Trigger != "-P7D" {
			t.Errorf("renewal alarm %q", ev.Trigger)
		}
	}
}

// Once the reflective discussion is in the log, the reminder to have it goes.
func TestDoneReminderLeftOut(t *testing.T) {
	_, data := setup(t)
	before, _, _ := run(t, data, "due")
	if !strings.Contains(before, "Have your reflective discussion") {
		t.Fatalf("no reminder:\n%s", before)
	}
	if _, e, code := run(t, data, "log", "add", "discussion", "--date", "2026-03-20", "--partner-name", "Sam Patel", "--partner-pin", "98B7654C",
		"--partner-email", "sam@example.org", "--partner-address", "Hucknall Road", "--partner-postcode", "NG5 1PB"); code != 0 {
		t.Fatal(e)
	}
	after, _, _ := run(t, data, "due")
	if strings.Contains(after, "Have your reflective discussion") || !strings.Contains(after, "Your NMC revalidation application opens") {
		t.Errorf("after the discussion:\n%s", after)
	}
}
