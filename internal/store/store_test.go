package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/yamlx"
)

var t0 = time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)

func miniRecord(t testing.TB, id string) (*record.Record, *assessment.Session) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/frameworks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, probs := framework.Parse("mini.yaml", data)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	set, probs := framework.NewSet(f)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "mini", Profile: "specialist"}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := assessment.NewSession(plan)
	if err != nil {
		t.Fatal(err)
	}
	r := record.New(id, t0, record.Tool{Name: "reflect", Version: "test"}, plan)
	r.Sync(s, t0)
	return r, s
}

func TestDataDir(t *testing.T) {
	tests := []struct {
		name string
		goos string
		env  map[string]string
		want string
		err  bool
	}{
		{"override wins", "linux", map[string]string{EnvDataDir: "/srv/r", "XDG_DATA_HOME": "/x", "HOME": "/h"}, "/srv/r", false},
		{"xdg", "linux", map[string]string{"XDG_DATA_HOME": "/x", "HOME": "/h"}, "/x/reflect", false},
		{"relative xdg ignored", "linux", map[string]string{"XDG_DATA_HOME": "rel", "HOME": "/h"}, "/h/.local/share/reflect", false},
		{"home fallback", "freebsd", map[string]string{"HOME": "/h"}, "/h/.local/share/reflect", false},
		{"no home", "linux", map[string]string{}, "", true},
		{"macOS", "darwin", map[string]string{"HOME": "/Users/a", "XDG_DATA_HOME": "/x"}, "/Users/a/Library/Application Support/reflect", false},
		{"windows", "windows", map[string]string{"LocalAppData": `/C/Users/a/AppData/Local`}, filepath.Join(`/C/Users/a/AppData/Local`, "reflect"), false},
		{"windows no env", "windows", map[string]string{}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dataDir(func(k string) string { return tt.env[k] }, tt.goos)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestSaveAtomicKeepsPreviousCopy(t *testing.T) {
	s := New(t.TempDir())
	r, sess := miniRecord(t, "r-0000000000000002")
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	if err := sess.Rate("MINI.1.1.1", 3); err != nil {
		t.Fatal(err)
	}
	r.Sync(sess, t0.Add(time.Minute))
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	cur, err := s.Load(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cur.Answers) != 1 || cur.Answers[0].Rating != 3 {
		t.Errorf("current copy has answers %+v, want the rating", cur.Answers)
	}
	bak, err := s.readRecord(s.BackupPath(r.ID))
	if err != nil {
		t.Fatal(err)
	}
	if len(bak.Answers) != 0 {
		t.Errorf("backup has answers %+v, want the copy before the rating", bak.Answers)
	}
}

func TestLoadCorruptOffersBackupAndChangesNothing(t *testing.T) {
	tests := []struct {
		name       string
		content    string
		withBackup bool
		wantWhere  string
	}{
		{"truncated, backup", `{"format": "reflect-record", "schema_version": 1, "id": "r-1`, true, ":1:"},
		{"bad type, backup", "{\n  \"format\": \"reflect-record\",\n  \"schema_version\": 1,\n  \"id\": 7\n}\n", true, ":4:"},
		{"garbage, no backup", "not json at all", false, ":1:"},
		{"empty", "", true, "r-0000000000000003.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(t.TempDir())
			r, _ := miniRecord(t, "r-0000000000000003")
			if err := s.Save(r); err != nil {
				t.Fatal(err)
			}
			if tt.withBackup {
				if err := s.Save(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(s.Path(r.ID), []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.Load(r.ID)
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a CorruptError", err)
			}
			var probs yamlx.Problems
			if !errors.As(err, &probs) || !strings.Contains(probs.Error(), tt.wantWhere) {
				t.Errorf("problems %v do not say where (%q)", err, tt.wantWhere)
			}
			if tt.withBackup != (ce.Backup != "") {
				t.Errorf("backup offered = %q, want offered %v", ce.Backup, tt.withBackup)
			}
			if tt.withBackup && !strings.Contains(err.Error(), "--from-backup") {
				t.Errorf("message does not say how to use the backup: %v", err)
			}
			got, _ := os.ReadFile(s.Path(r.ID))
			if string(got) != tt.content {
				t.Errorf("the corrupt file was changed")
			}
			if !tt.withBackup {
				return
			}
			restored, aside, err := s.RestoreBackup(r.ID, t0)
			if err != nil {
				t.Fatal(err)
			}
			if restored.ID != r.ID {
				t.Errorf("restored %q", restored.ID)
			}
			kept, err := os.ReadFile(aside)
			if err != nil || string(kept) != tt.content {
				t.Errorf("the unreadable file was not kept aside (%v)", err)
			}
			if _, err := s.Load(r.ID); err != nil {
				t.Errorf("after restore: %v", err)
			}
		})
	}
}

func TestLockRefusesSecondHolder(t *testing.T) {
	s := New(t.TempDir())
	l, err := s.Lock("r-0000000000000004")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Lock("r-0000000000000004")
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("second lock: err = %v, want BusyError", err)
	}
	if busy.PID != os.Getpid() {
		t.Errorf("busy pid = %d, want %d", busy.PID, os.Getpid())
	}
	if !strings.Contains(err.Error(), "open in another reflect (pid ") {
		t.Errorf("message: %v", err)
	}
	// Another assessment is not affected.
	other, err := s.Lock("r-0000000000000005")
	if err != nil {
		t.Fatalf("other assessment: %v", err)
	}
	other.Release()
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := s.Lock("r-0000000000000004")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}

func TestIDsCannotEscapeTheStore(t *testing.T) {
	s := New(t.TempDir())
	for _, id := range []string{"../x", "a/b", ".hidden", "", "x.json", strings.Repeat("a", 65), "a\x00b"} {
		if _, err := s.Load(id); err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("Load(%q) = %v, want an invalid-id error", id, err)
		}
		if _, err := s.Lock(id); err == nil {
			t.Errorf("Lock(%q) succeeded", id)
		}
	}
}

func TestListLatestResolve(t *testing.T) {
	s := New(t.TempDir())
	if list, err := s.List(); err != nil || len(list) != 0 {
		t.Fatalf("empty store: %v %v", list, err)
	}
	if _, err := s.Latest(); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest on empty store: %v", err)
	}
	a, sa := miniRecord(t, "r-aaaa000000000001")
	b, _ := miniRecord(t, "r-bbbb000000000002")
	c, _ := miniRecord(t, "r-bbbb000000000003")
	sa.Rate("MINI.1.1.1", 2)
	sa.SetNA("MINI.1.2.1", "not-my-role")
	a.Sync(sa, t0.Add(3*time.Hour))
	b.Updated = t0.Add(time.Hour)
	c.Updated = t0.Add(2 * time.Hour)
	for _, r := range []*record.Record{a, b, c} {
		if err := s.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(s.Dir(), "r-cccc000000000004.json"), []byte("{"), 0o600)
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range list {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, " "); got != "r-aaaa000000000001 r-bbbb000000000003 r-bbbb000000000002 r-cccc000000000004" {
		t.Errorf("order: %s", got)
	}
	if e := list[0]; e.Answered != 2 || e.Total != 5 || e.Percent() != 40 || e.Frameworks[0] != "mini" || e.Profiles[0] != "specialist" || e.Status != record.StatusInProgress {
		t.Errorf("entry: %+v", e)
	}
	if list[3].Err == nil {
		t.Errorf("unreadable file listed without error")
	}
	latest, err := s.Latest()
	if err != nil || latest.ID != a.ID {
		t.Errorf("latest = %v, %v", latest.ID, err)
	}
	for arg, want := range map[string]string{"r-aaaa000000000001": a.ID, "aaaa": a.ID, "r-aa": a.ID, "bbbb": "more than one", "zzzz": "no such assessment", "../etc": "not an assessment id"} {
		got, err := s.Resolve(arg)
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, want) {
			t.Errorf("Resolve(%q) = %q, want %q", arg, got, want)
		}
	}
}
