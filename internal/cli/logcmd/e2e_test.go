package logcmd_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/app"
	"github.com/reflect-cpd/reflect/internal/cli/cmdutil"
	"github.com/reflect-cpd/reflect/internal/cpdlog"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/store"
	"github.com/reflect-cpd/reflect/internal/testfixture"
)

var now = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

type env struct {
	t              *testing.T
	dir, data      string
	stdout, stderr bytes.Buffer
	clock          time.Time
}

func newEnv(t *testing.T) *env {
	dir := t.TempDir()
	return &env{t: t, dir: dir, data: filepath.Join(dir, "data"), clock: now}
}

// run runs reflect with the input given, as a pipe.
func (e *env) run(in string, args ...string) int {
	e.stdout.Reset()
	e.stderr.Reset()
	e.clock = e.clock.Add(time.Minute)
	deps := &cmdutil.Deps{
		IO:      &cmdutil.IO{In: strings.NewReader(in), Out: &e.stdout, Err: &e.stderr},
		Version: "9.9.9-test",
		Now:     func() time.Time { return e.clock },
		Getenv: func(k string) string {
			if k == store.EnvDataDir {
				return e.data
			}
			return ""
		},
		Embedded: func() (*framework.Set, error) { return testfixture.MiniSet() },
	}
	return app.Run(deps, args)
}

func (e *env) must(in string, args ...string) string {
	e.t.Helper()
	if code := e.run(in, args...); code != 0 {
		e.t.Fatalf("reflect %s: exit %d\n%s%s", strings.Join(args, " "), code, e.stdout.String(), e.stderr.String())
	}
	return e.stdout.String()
}

func (e *env) logFile() string { return filepath.Join(e.data, "log", store.LogFile) }

func (e *env) logBytes() []byte {
	b, _ := os.ReadFile(e.logFile())
	return b
}

func (e *env) settings() {
	e.must("", "log", "settings", "--regulator", "nmc", "--renewal", "2027-03-31", "--name", "Siân Ó Briain", "--registration", "12A3456E")
}

func TestScriptedAddEditRemoveKeepHistory(t *testing.T) {
	e := newEnv(t)
	e.settings()
	id := strings.TrimSpace(e.must("", "log", "add", "activity", "--title", "Safety planning study day", "--start", "2026-03-05", "--type", "course", "--hours", "6:30"))
	if !strings.HasPrefix(id, "a-") {
		t.Fatalf("id %q", id)
	}
	var list []struct {
		ID   string      `json:"id"`
		Item cpdlog.Item `json:"item"`
	}
	json.Unmarshal([]byte(e.must("", "log", "list", "--json")), &list)
	// A course is participatory: its hours count as participatory unless said otherwise.
	if len(list) != 1 || list[0].Item.Hours != 6.5 || list[0].Item.ParticipatoryHours != 6.5 || list[0].Item.TypeScheme != "nmc" {
		t.Fatalf("list %+v", list)
	}
	e.must("", "log", "edit", id[:5], "--hours", "7", "--participatory-hours", "5")
	out := e.must("", "log", "show", id)
	if !strings.Contains(out, "Hours: 7") || !strings.Contains(out, "changed (change 3): hours, participatory-hours") {
		t.Errorf("show:\n%s", out)
	}
	e.must("", "log", "remove", id, "--reason", "entered twice", "--yes")
	if out := e.must("", "log", "list"); strings.Contains(out, id) {
		t.Errorf("a removed entry is listed:\n%s", out)
	}
	if out := e.must("", "log", "list", "--all"); !strings.Contains(out, "[removed]") {
		t.Errorf("--all:\n%s", out)
	}
	// Four changes, every one kept and chained.
	if out := e.must("", "log", "verify"); !strings.Contains(out, "chain holds: 4 changes") {
		t.Errorf("verify:\n%s", out)
	}
	// Private files and folders.
	for _, p := range []string{e.logFile(), e.logFile() + ".bak"} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", p, fi.Mode(), err)
		}
	}
	if fi, _ := os.Stat(filepath.Dir(e.logFile())); fi.Mode().Perm() != 0o700 {
		t.Errorf("log folder %v", fi.Mode())
	}
}

func TestBadInputIsRefusedAndNothingSaved(t *testing.T) {
	e := newEnv(t)
	e.settings()
	e.must("", "log", "add", "activity", "--title", "ok", "--start", "2026-03-05", "--type", "reading", "--hours", "1")
	before := e.logBytes()
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"activity", "--title", "x", "--start", "2026-03-05", "--type", "reading", "--hours", "NaN"}, []string{`--hours: "NaN" is not a number of hours`}},
		{[]string{"activity", "--title", "x", "--start", "2026-03-05", "--type", "reading", "--hours", "-2"}, []string{`--hours: "-2" is negative`}},
		{[]string{"activity", "--title", "x", "--start", "2026-03-05", "--type", "reading", "--hours", "25"}, []string{"more than 24 hours a day"}},
		{[]string{"activity", "--title", "x", "--start", "2026-03-05", "--type", "course", "--hours", "2", "--participatory-hours", "3"}, []string{"3 participatory hours is more than the 2 hours"}},
		{[]string{"activity", "--title", "x", "--start", "2026-03-05", "--type", "lecture", "--hours", "2"}, []string{`"lecture" is not an activity type of the NMC`}},
		{[]string{"activity", "--title", "x", "--start", "2024-01-05", "--type", "reading", "--hours", "2"}, []string{"before your current cycle, which starts on 2024-04-01", "--outside-cycle"}},
		{[]string{"activity", "--title", "x", "--start", "2027-01-05", "--type", "reading", "--hours", "2"}, []string{"after today"}},
		{[]string{"activity", "--title", "x", "--start", "5/3/2026", "--type", "reading", "--hours", "2"}, []string{"write the date as YYYY-MM-DD"}},
		{[]string{"feedback", "--date", "2026-02-01", "--source", "patient", "--description", "Mr Smith on Willow Ward thanked me", "--learning", "l"}, []string{"identifier check flagged", `"Mr Smith"`, "Willow Ward", "--confirm-anonymised"}},
		{[]string{"discussion", "--date", "2026-02-01", "--partner-name", "Sam", "--partner-pin", "1", "--partner-email", "no", "--partner-address", "a", "--partner-postcode", "NG7"}, []string{"--partner-email", "--partner-postcode"}},
		{[]string{"activity", "--title", "x", "--start", "2026-03-05", "--type", "reading", "--hours", "2", "--evidence", filepath.Join(e.dir, "missing.pdf")}, []string{"there is no file"}},
	}
	for _, c := range cases {
		code := e.run("", append([]string{"log", "add"}, c.args...)...)
		msg := e.stderr.String()
		if code == 0 {
			t.Errorf("%v was accepted", c.args)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%v: want %q in:\n%s", c.args, w, msg)
			}
		}
		if !bytes.Equal(e.logBytes(), before) {
			t.Fatalf("%v changed the log", c.args)
		}
	}
	// An unknown regulator and kind are usage errors (exit 2).
	if code := e.run("", "log", "settings", "--regulator", "ncm"); code != 1 || !strings.Contains(e.stderr.String(), "did you mean nmc") {
		t.Errorf("regulator: %d %s", code, e.stderr.String())
	}
	if code := e.run("", "log", "add", "feedbak"); code != 2 || !strings.Contains(e.stderr.String(), "did you mean feedback") {
		t.Errorf("kind: %d %s", code, e.stderr.String())
	}
	// Evidence is hashed, not copied.
	cert := filepath.Join(e.dir, "certificate.pdf")
	os.WriteFile(cert, []byte("certificate"), 0o600)
	e.must("", "log", "add", "activity", "--title", "With evidence", "--start", "2026-03-06", "--type", "reading", "--hours", "1", "--evidence", cert)
	if !bytes.Contains(e.logBytes(), []byte(`"sha256":"`)) || bytes.Contains(e.logBytes(), []byte(`"certificate"`)) {
		t.Error("evidence is not recorded by its digest")
	}
	entries, _ := os.ReadDir(filepath.Dir(e.logFile()))
	for _, en := range entries {
		if strings.Contains(en.Name(), "certificate") {
			t.Errorf("evidence was copied: %s", en.Name())
		}
	}
}

func TestPromptsHelpBackSkipQuitAndDraft(t *testing.T) {
	e := newEnv(t)
	e.settings()
	// Title, back to fix it, ... then quit halfway.
	in := strings.Join([]string{"First title", "back", "Safety planning study day", "2026-03-05", "", "help", "skip", "", "quit"}, "\n") + "\n"
	if code := e.run(in, "log", "add"); code != 0 {
		t.Fatalf("exit %d: %s", code, e.stderr.String())
	}
	if !strings.Contains(e.stderr.String(), "the organisation or person who provided it") || !strings.Contains(e.stderr.String(), "What you typed is kept") {
		t.Errorf("help or quit not shown:\n%s", e.stderr.String())
	}
	if len(e.logBytes()) != 0 && bytes.Count(e.logBytes(), []byte("\n")) != 1 {
		t.Fatalf("an unfinished entry was saved")
	}
	// Carry on: the draft is offered; the title typed is kept (Enter keeps it).
	in = strings.Join([]string{"y", "", "", "", "", "", "1", "6.5", "", "", "", "", "1,3", "", "", "", "y"}, "\n") + "\n"
	if code := e.run(in, "log", "add"); code != 0 {
		t.Fatalf("exit %d: %s", code, e.stderr.String())
	}
	if !strings.Contains(e.stderr.String(), "did not finish it") {
		t.Errorf("the draft was not offered:\n%s", e.stderr.String())
	}
	var list []struct {
		Item cpdlog.Item `json:"item"`
	}
	json.Unmarshal([]byte(e.must("", "log", "list", "--json")), &list)
	if len(list) != 1 || list[0].Item.Title != "Safety planning study day" || list[0].Item.Type != "course" || list[0].Item.ParticipatoryHours != 6.5 || strings.Join(list[0].Item.Themes, ",") != "prioritise-people,preserve-safety" {
		t.Fatalf("saved %+v\n%s", list, e.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(e.data, "log", "draft-activity.json")); !os.IsNotExist(err) {
		t.Error("the draft was left behind")
	}
	// A wrong answer is refused at the field and asked again.
	in = strings.Join([]string{"2026-02-30", "2026-02-01", "7", "2", "", "A student said my teaching was practical", ".", "Role play builds confidence", ".", "", "", "", "y"}, "\n") + "\n"
	if code := e.run(in, "log", "add", "feedback"); code != 0 {
		t.Fatalf("exit %d: %s", code, e.stderr.String())
	}
	fbErr := e.stderr.String()
	if !strings.Contains(fbErr, `"2026-02-30" is not a date`) {
		t.Errorf("bad date not refused at the field:\n%s", e.stderr.String())
	}
	if out := e.must("", "log", "list", "--kind", "feedback"); !strings.Contains(out, "2026-02-01") {
		t.Errorf("feedback not saved:\n%s\n%s", out, fbErr)
	}
}

func TestVerifySaysWhereTheChainBreaks(t *testing.T) {
	e := newEnv(t)
	e.settings()
	for _, d := range []string{"2026-03-01", "2026-03-02", "2026-03-03"} {
		e.must("", "log", "add", "activity", "--title", "Reading "+d, "--start", d, "--type", "reading", "--hours", "1")
	}
	head := strings.TrimPrefix(strings.TrimSpace(strings.Split(e.must("", "log", "verify"), "\n")[1]), "Latest digest: ")
	data := e.logBytes()
	// Someone changes the hours of the second activity (line 3) by hand.
	changed := bytes.Replace(data, []byte(`"title":"Reading 2026-03-02","start":"2026-03-02","type":"reading","type_scheme":"nmc","hours":1`), []byte(`"title":"Reading 2026-03-02","start":"2026-03-02","type":"reading","type_scheme":"nmc","hours":9`), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("the test did not change the log")
	}
	os.WriteFile(e.logFile(), changed, 0o600)
	code := e.run("", "log", "verify", "--head", head)
	out := e.stdout.String()
	if code != cmdutil.ExitChanged || !strings.Contains(out, "line 3 (change 3") || !strings.Contains(out, "changed after it was written") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	// The portfolio says the chain is broken.
	e.must("", "portfolio", "--format", "json")
	if !strings.Contains(e.stdout.String(), `"verified": false`) {
		t.Error("the portfolio does not say the chain is broken")
	}
	os.WriteFile(e.logFile(), data, 0o600)
	if code := e.run("", "log", "verify", "--head", head); code != 0 || !strings.Contains(e.stdout.String(), "at line 4") {
		t.Errorf("restored: %d %s", code, e.stdout.String())
	}
}

func TestARecordCountsOnceWithoutEnteringIt(t *testing.T) {
	e := newEnv(t)
	e.settings()
	set, _ := testfixture.MiniSet()
	r, err := testfixture.Full(set)
	if err != nil {
		t.Fatal(err)
	}
	r.Activity.Type = "supervision" // the activity type step's answer: counted as that type
	if err := store.New(e.data).Save(r); err != nil {
		t.Fatal(err)
	}
	// A copy whose file says complete but which is not (the anonymisation
	// was never confirmed) is not counted: completion comes from the record.
	fake, _ := testfixture.Full(set)
	fake.ID, fake.Anonymisation.Confirmed = "r-fa4efa4efa4efa4e", false
	fake.Activity.Title = "Not finished"
	if err := store.New(e.data).Save(fake); err != nil {
		t.Fatal(err)
	}
	// Entering the record's own activity again is refused.
	code := e.run("", "log", "add", "activity", "--title", r.Activity.Title, "--start", r.Activity.StartDate, "--type", "self-assessment", "--hours", "3.5")
	if code == 0 || !strings.Contains(e.stderr.String(), "already counts") {
		t.Fatalf("exit %d: %s", code, e.stderr.String())
	}
	var p struct {
		Requirements []struct {
			ID     string   `json:"id"`
			Have   float64  `json:"have"`
			Counts []string `json:"counts"`
		} `json:"requirements"`
		Entries []struct {
			ID   string `json:"id"`
			From string `json:"from"`
			Type string `json:"type"`
		} `json:"entries"`
	}
	if err := json.Unmarshal([]byte(e.must("", "portfolio", "--format", "json")), &p); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, en := range p.Entries {
		if en.ID == r.ID && en.From == "record" {
			n++
			if en.Type != "supervision" {
				t.Errorf("the record counts as type %q, not its own (supervision)", en.Type)
			}
		}
	}
	if n != 1 || p.Requirements[1].ID != "cpd-hours" || p.Requirements[1].Have != 3.5 {
		t.Errorf("the record counts %d times; %+v", n, p.Requirements)
	}
	if !strings.Contains(e.stdout.String(), "1 assessment still in progress is not counted") {
		t.Errorf("the unfinished record is not noted:\n%s", e.stdout.String())
	}
}

func TestSecondWriterStopsWithExit3(t *testing.T) {
	e := newEnv(t)
	e.settings()
	lock, err := store.New(e.data).LockLog()
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	before := e.logBytes()
	code := e.run("", "log", "add", "activity", "--title", "x", "--start", "2026-03-05", "--type", "reading", "--hours", "1")
	if code != cmdutil.ExitBusy || !strings.Contains(e.stderr.String(), "your CPD log is open in another reflect") || !strings.Contains(e.stderr.String(), "Nothing was saved") {
		t.Errorf("exit %d: %s", code, e.stderr.String())
	}
	if !bytes.Equal(before, e.logBytes()) {
		t.Error("the log changed")
	}
}
