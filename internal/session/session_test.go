package session

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/record"
	"github.com/reflect-cpd/reflect/internal/store"
)

var t0 = time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)

func miniSet(t testing.TB) *framework.Set {
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
	return set
}

var scopes = []assessment.Scope{{Framework: "mini", Profile: "specialist"}}

func opts(st *store.Store, every int) Options {
	n := 0
	return Options{Store: st, Every: every, Tool: record.Tool{Name: "reflect", Version: "test"},
		Now: func() time.Time { n++; return t0.Add(time.Duration(n) * time.Second) }}
}

// onDisk reads the record file alone, without its journal.
func onDisk(t *testing.T, st *store.Store, id string) *record.Record {
	t.Helper()
	b, err := os.ReadFile(st.Path(id))
	if err != nil {
		t.Fatal(err)
	}
	r, err := record.Decode(st.Path(id), b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func answersOf(r *record.Record) string {
	var out []string
	for _, a := range r.Answers {
		s := a.Code + "="
		switch {
		case a.Rating > 0:
			s += string(rune('0' + a.Rating))
		case a.NA:
			s += "na:" + a.NAReason
		}
		if a.Flag {
			s += "+flag"
		}
		if a.Note != "" {
			s += "+note:" + a.Note
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// crash abandons a session as a killed process does: the lock goes, the
// files stay as they are, nothing more is written.
func crash(s *Session) {
	s.w.stop()
	s.Release()
}

// changes makes a few changes of every kind, saving after each, and
// returns what the record must then hold.
func changes(t *testing.T, s *Session) (answers string) {
	t.Helper()
	ss := s.Sess
	must(t, ss.Rate("MINI.1.1.1", 3))
	must(t, s.Save())
	ss.Next()
	must(t, ss.SetNA("MINI.1.1.2", "not-encountered"))
	must(t, s.Save())
	must(t, ss.SetNote("MINI.1.2.1", "Read the local policy"))
	ss.Next()
	must(t, s.Save())
	_, err := ss.ToggleFlag("MINI.1.2.1")
	must(t, err)
	must(t, s.Save())
	s.Rec.Draft = &record.Draft{Field: "reflection.what", Text: "I noticed that"}
	must(t, s.Save())
	return "MINI.1.1.1=3 MINI.1.1.2=na:not-encountered MINI.1.2.1=+flag+note:Read the local policy"
}

func TestJournalHoldsEveryChangeUntilTheRecordIsRewritten(t *testing.T) {
	st := store.New(t.TempDir())
	s, err := Start(opts(st, 100), miniSet(t), scopes, "r-0000000000000001", record.Practitioner{Name: "Sam"})
	must(t, err)
	first := answersOf(onDisk(t, st, s.Rec.ID))
	want := changes(t, s)
	// The record file is as it was first written; the journal has a line
	// a change.
	if got := answersOf(onDisk(t, st, s.Rec.ID)); got != first {
		t.Errorf("the record file was rewritten on a plain answer: %s", got)
	}
	raw, err := os.ReadFile(st.JournalPath(s.Rec.ID))
	must(t, err)
	if n := bytes.Count(raw, []byte("\n")); n != 5 {
		t.Errorf("journal has %d lines, want 5:\n%s", n, raw)
	}
	if fi, _ := os.Stat(st.JournalPath(s.Rec.ID)); fi.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %o", fi.Mode().Perm())
	}
	crash(s)

	// Every reader sees the journal's changes.
	r, err := st.Load(s.Rec.ID)
	must(t, err)
	if got := answersOf(r); got != want {
		t.Errorf("Load: %s\nwant %s", got, want)
	}
	if r.Draft == nil || r.Draft.Text != "I noticed that" || r.Position != "MINI.1.2.1" {
		t.Errorf("Load: draft %+v position %s", r.Draft, r.Position)
	}
	list, err := st.List()
	must(t, err)
	if len(list) != 1 || list[0].Answered != 0 && list[0].Answered != 2 {
		t.Errorf("list %+v", list)
	}

	// Resuming replays it, says so, and rewrites the record.
	s2, rep, err := Open(opts(st, 100), s.Rec.ID, false)
	must(t, err)
	if rep.Replayed != 5 || rep.Damage != nil || len(rep.Notes()) != 1 || !strings.Contains(rep.Notes()[0], "the 5 changes saved") {
		t.Errorf("report %+v %q", rep, rep.Notes())
	}
	sess, _, _, err := record.Open(s2.Rec, miniSet(t))
	must(t, err)
	must(t, s2.Attach(sess))
	if _, err := os.Stat(st.JournalPath(s.Rec.ID)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the journal is still there after the record took it in: %v", err)
	}
	disk := onDisk(t, st, s.Rec.ID)
	if got := answersOf(disk); got != want {
		t.Errorf("rewritten record: %s", got)
	}
	if disk.Scores == nil || disk.Scores.Overall.Rated != 1 || disk.Scores.Overall.NA != 1 {
		t.Errorf("scores not worked out again: %+v", disk.Scores)
	}
	if sess.Cursor != 2 {
		t.Errorf("resumed at %d", sess.Cursor)
	}
	// Clearing an answer is journalled too.
	must(t, sess.Clear("MINI.1.1.1"))
	must(t, s2.Save())
	crash(s2)
	r, err = st.Load(s.Rec.ID)
	must(t, err)
	if strings.Contains(answersOf(r), "MINI.1.1.1") {
		t.Errorf("a cleared answer came back: %s", answersOf(r))
	}
}

func TestCloseRewritesAndLeavesNoJournal(t *testing.T) {
	st := store.New(t.TempDir())
	s, err := Start(opts(st, 100), miniSet(t), scopes, "r-0000000000000002", record.Practitioner{})
	must(t, err)
	want := changes(t, s)
	must(t, s.Close())
	if got := answersOf(onDisk(t, st, s.Rec.ID)); got != want {
		t.Errorf("after Close: %s", got)
	}
	if _, err := os.Stat(st.JournalPath(s.Rec.ID)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("journal left after Close")
	}
	// The lock is free again.
	l, err := st.Lock(s.Rec.ID)
	must(t, err)
	l.Release()
}

func TestEveryOneRewritesAtEveryChange(t *testing.T) {
	st := store.New(t.TempDir())
	s, err := Start(opts(st, 1), miniSet(t), scopes, "r-0000000000000003", record.Practitioner{})
	must(t, err)
	must(t, s.Sess.Rate("MINI.1.1.1", 2))
	must(t, s.Save())
	if got := answersOf(onDisk(t, st, s.Rec.ID)); got != "MINI.1.1.1=2" {
		t.Errorf("record after one answer: %q", got)
	}
	if _, err := os.Stat(st.JournalPath(s.Rec.ID)); !errors.Is(err, os.ErrNotExist) {
		t.Error("a journal with Every 1")
	}
	if _, err := os.Stat(st.BackupPath(s.Rec.ID)); err != nil {
		t.Error("no backup after the second write")
	}
	must(t, s.Close())
}

func TestRewritesEveryNChangesAndAtSteps(t *testing.T) {
	st := store.New(t.TempDir())
	s, err := Start(opts(st, 3), miniSet(t), scopes, "r-0000000000000004", record.Practitioner{})
	must(t, err)
	id := s.Rec.ID
	for i, v := range []int{1, 2, 3} {
		must(t, s.Sess.Rate(s.Sess.Current().Code(), v))
		s.Sess.Next()
		must(t, s.Save())
		_, jerr := os.Stat(st.JournalPath(id))
		if i < 2 && jerr != nil {
			t.Errorf("change %d: no journal", i+1)
		}
		if i == 2 && jerr == nil {
			t.Errorf("change 3 of 3: the record was not rewritten")
		}
	}
	if got := answersOf(onDisk(t, st, id)); got != "MINI.1.1.1=1 MINI.1.1.2=2 MINI.1.2.1=3" {
		t.Errorf("after 3 changes: %s", got)
	}
	// A step (here the details) rewrites the record at once.
	s.Rec.Practitioner.Name = "Sam Patel"
	must(t, s.Save())
	if onDisk(t, st, id).Practitioner.Name != "Sam Patel" {
		t.Error("a step was only journalled")
	}
	// A draft is not a step.
	s.Rec.Draft = &record.Draft{Field: "benefit", Text: "x"}
	must(t, s.Save())
	if onDisk(t, st, id).Draft != nil {
		t.Error("a draft rewrote the record")
	}
	must(t, s.Close())
}

// journalled makes a record with a three-line journal and abandons it.
func journalled(t *testing.T, st *store.Store, id string) (*Session, []byte) {
	t.Helper()
	s, err := Start(opts(st, 100), miniSet(t), scopes, id, record.Practitioner{})
	must(t, err)
	for _, v := range []int{1, 2, 3} {
		must(t, s.Sess.Rate(s.Sess.Current().Code(), v))
		s.Sess.Next()
		must(t, s.Save())
	}
	crash(s)
	raw, err := os.ReadFile(st.JournalPath(id))
	must(t, err)
	return s, raw
}

func TestTornLastLineLosesOnlyItself(t *testing.T) {
	st := store.New(t.TempDir())
	id := "r-0000000000000005"
	_, raw := journalled(t, st, id)
	// Killed while writing a fourth line: half of it is on disk.
	lines := bytes.SplitAfter(raw, []byte("\n"))
	torn := append(append([]byte{}, raw...), lines[2][:len(lines[2])/2]...)
	must(t, os.WriteFile(st.JournalPath(id), torn, 0o600))

	r, err := st.Load(id)
	must(t, err)
	if got := answersOf(r); got != "MINI.1.1.1=1 MINI.1.1.2=2 MINI.1.2.1=3" {
		t.Errorf("Load with a torn line: %s", got)
	}
	s, rep, err := Open(opts(st, 100), id, false)
	must(t, err)
	if rep.Damage == nil || !rep.Damage.Torn || rep.Damage.Line != 4 || rep.Replayed != 3 || rep.KeptAside != "" {
		t.Fatalf("report %+v", rep)
	}
	notes := strings.Join(rep.Notes(), "\n")
	if !strings.Contains(notes, "had not been shown as saved") || !strings.Contains(notes, "the 3 changes") {
		t.Errorf("notes: %s", notes)
	}
	sess, _, _, err := record.Open(s.Rec, miniSet(t))
	must(t, err)
	must(t, s.Attach(sess))
	// New changes go to a fresh journal, never after the torn line.
	must(t, sess.Rate("MINI.2.1.1", 2))
	must(t, s.Save())
	crash(s)
	r, err = st.Load(id)
	must(t, err)
	if got := answersOf(r); got != "MINI.1.1.1=1 MINI.1.1.2=2 MINI.1.2.1=3 MINI.2.1.1=2" {
		t.Errorf("after resuming past a torn line: %s", got)
	}
	if _, dmg, _ := st.ReadJournal(id); dmg != nil {
		t.Errorf("the new journal is damaged: %v", dmg)
	}
}

func TestDamagedJournalIsKeptAndNeverCostsTheRecord(t *testing.T) {
	for _, tc := range []struct {
		name    string
		damage  func(raw []byte) []byte
		answers string
		line    int
	}{
		{"garbage in the middle", func(raw []byte) []byte {
			l := bytes.SplitAfter(raw, []byte("\n"))
			return bytes.Join([][]byte{l[0], []byte("{\"record\": not json\n"), l[1], l[2]}, nil)
		}, "MINI.1.1.1=1", 2},
		{"another record's change", func(raw []byte) []byte {
			return bytes.Replace(raw, []byte(`"record":"r-0000000000000006","seq":2`), []byte(`"record":"r-0000000000000009","seq":2`), 1)
		}, "MINI.1.1.1=1", 2},
		{"a part this version does not know", func(raw []byte) []byte {
			return bytes.Replace(raw, []byte(`"seq":3,`), []byte(`"seq":3,"set":{"future":1},`), 1)
		}, "MINI.1.1.1=1 MINI.1.1.2=2", 3},
		{"all of it garbage", func([]byte) []byte { return []byte("\x00\x01\x02\nnot a journal\n") }, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := store.New(t.TempDir())
			id := "r-0000000000000006"
			_, raw := journalled(t, st, id)
			bad := tc.damage(raw)
			if bytes.Equal(bad, raw) {
				t.Fatal("the damage changed nothing")
			}
			must(t, os.WriteFile(st.JournalPath(id), bad, 0o600))
			before, err := os.ReadFile(st.Path(id))
			must(t, err)

			s, rep, err := Open(opts(st, 100), id, false)
			must(t, err)
			if rep.Damage == nil || rep.Damage.Torn || rep.Damage.Line != tc.line {
				t.Fatalf("report %+v", rep)
			}
			if got := answersOf(s.Rec); got != tc.answers {
				t.Errorf("opened with %q, want %q", got, tc.answers)
			}
			// The record file is untouched and the journal kept whole.
			if now, _ := os.ReadFile(st.Path(id)); !bytes.Equal(now, before) {
				t.Error("opening changed the record file")
			}
			if kept, err := os.ReadFile(rep.KeptAside); err != nil || !bytes.Equal(kept, bad) {
				t.Errorf("the damaged journal is not kept as it was at %q: %v", rep.KeptAside, err)
			}
			if !strings.HasPrefix(filepath.Base(rep.KeptAside), id+".journal.damaged-") {
				t.Errorf("kept as %s", rep.KeptAside)
			}
			if n := strings.Join(rep.Notes(), " "); !strings.Contains(n, rep.KeptAside) || !strings.Contains(n, ":"+string(rune('0'+tc.line))+":") {
				t.Errorf("notes: %s", n)
			}
			s.Release()
		})
	}
}

func TestFailedWriteIsNeverReportedSaved(t *testing.T) {
	dir := t.TempDir()
	st := store.New(dir)
	s, err := Start(opts(st, 100), miniSet(t), scopes, "r-0000000000000007", record.Practitioner{})
	must(t, err)
	// The journal cannot be made: a folder stands in its place.
	must(t, os.Mkdir(st.JournalPath(s.Rec.ID), 0o700))
	must(t, os.Chmod(st.Dir(), 0o500))
	t.Cleanup(func() { os.Chmod(st.Dir(), 0o700) })
	if os.Getuid() == 0 {
		t.Skip("root writes anywhere")
	}
	must(t, s.Sess.Rate("MINI.1.1.1", 3))
	if err := s.Save(); err == nil {
		t.Fatal("a save that could not be written reported no error")
	}
	// Nothing new, but the earlier change is still not saved.
	if err := s.Save(); err == nil {
		t.Fatal("the second save said saved while nothing was")
	}
	must(t, os.Chmod(st.Dir(), 0o700))
	must(t, os.Remove(st.JournalPath(s.Rec.ID)))
	must(t, s.Save())
	if got := answersOf(onDisk(t, st, s.Rec.ID)); got != "MINI.1.1.1=3" {
		t.Errorf("after the retry the record holds %q", got)
	}
	must(t, s.Close())
}

type keys []age.Identity

func (k keys) Identities() ([]age.Identity, error) { return k, nil }

func TestJournalIsEncryptedInAnEncryptedFolder(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	must(t, err)
	st := store.New(t.TempDir())
	st.Keys = keys{id}
	_, err = st.SetEncryption(true, id.Recipient().String())
	must(t, err)
	_, raw := journalled(t, st, "r-0000000000000008")
	for i, l := range bytes.Split(bytes.TrimSuffix(raw, []byte("\n")), []byte("\n")) {
		if !bytes.HasPrefix(l, []byte("age:")) || bytes.Contains(l, []byte("MINI")) {
			t.Errorf("journal line %d is not sealed: %.60q", i+1, l)
		}
	}
	r, err := st.Load("r-0000000000000008")
	must(t, err)
	if got := answersOf(r); got != "MINI.1.1.1=1 MINI.1.1.2=2 MINI.1.2.1=3" {
		t.Errorf("Load of an encrypted journal: %s", got)
	}
	// Without the key the journal is not read as damage.
	other := store.New(st.Root)
	if _, _, err := other.ReadJournal("r-0000000000000008"); err == nil {
		t.Error("an encrypted journal read without a key")
	}
	// Turning encryption off converts the journal a line at a time, and
	// back on again.
	_, err = st.SetEncryption(false, "")
	must(t, err)
	plain, _ := os.ReadFile(st.JournalPath("r-0000000000000008"))
	if bytes.Contains(plain, []byte("age:")) || !bytes.Contains(plain, []byte(`"MINI.1.2.1"`)) {
		t.Errorf("journal after turning encryption off:\n%s", plain)
	}
	_, err = st.SetEncryption(true, id.Recipient().String())
	must(t, err)
	r, err = st.Load("r-0000000000000008")
	must(t, err)
	if got := answersOf(r); got != "MINI.1.1.1=1 MINI.1.1.2=2 MINI.1.2.1=3" {
		t.Errorf("after converting twice: %s", got)
	}
}

func TestBackupThenJournal(t *testing.T) {
	st := store.New(t.TempDir())
	id := "r-0000000000000010"
	journalled(t, st, id)
	// The record file is damaged; the backup is older still; the journal
	// applies to it.
	must(t, os.WriteFile(st.Path(id), []byte("{"), 0o600))
	must(t, os.WriteFile(st.BackupPath(id), mustRecord(t, id), 0o600))
	if _, _, err := Open(opts(st, 100), id, false); err == nil {
		t.Fatal("a damaged record opened")
	}
	if _, err := os.Stat(st.JournalPath(id)); err != nil {
		t.Fatal("a damaged record cost the journal")
	}
	s, rep, err := Open(opts(st, 100), id, true)
	must(t, err)
	if !rep.FromBackup || rep.Restored == "" {
		t.Errorf("report %+v", rep)
	}
	if got := answersOf(s.Rec); got != "MINI.1.1.1=1 MINI.1.1.2=2 MINI.1.2.1=3" {
		t.Errorf("from the backup and the journal: %s", got)
	}
	s.Release()
}

func mustRecord(t *testing.T, id string) []byte {
	set := miniSet(t)
	plan, err := assessment.NewPlan(set, scopes)
	must(t, err)
	r := record.New(id, t0, record.Tool{Name: "reflect"}, plan)
	b, err := record.Marshal(r)
	must(t, err)
	return b
}
