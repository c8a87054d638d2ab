//go:build unix

package hardening

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reflect-cpd/reflect/internal/binarytest"
)

// strays lists the hidden temporary files in dir (.NAME.tmp-…): each would
// be a full copy of an export or a review under a name nobody expects.
func strays(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		if strings.Contains(de.Name(), ".tmp-") {
			out = append(out, de.Name())
		}
	}
	return out
}

// TestNoStrayCopiesAfterKilledExports kills 'reflect export -o FILE' and
// 'reflect review -o FILE' at random moments, most of them late (while the
// file is being written), with SIGKILL, SIGTERM, SIGINT and SIGHUP. After a
// stopping signal there must be no temporary copy at once; after SIGKILL
// (which nothing can catch) the next write to the same target must remove
// it. At the end the folder holds the outputs and nothing else.
func TestNoStrayCopiesAfterKilledExports(t *testing.T) {
	binarytest.SkipIfShort(t, "150 kills")
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	rec := filepath.Join(dir, "record.json")
	if _, stderr, code := run(t, data, "", "assess", "--answers", root("testdata/answers-adults.yaml"), "--out", rec); code != 0 {
		t.Fatalf("making the record: exit %d\n%s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	commands := map[string][]string{
		"export": {"export", rec, "-o", filepath.Join(out, "cpd.html"), "--force"},
		"review": {"review", rec, "--name", "Sam Patel", "--plan", "agree", "--confirm", "-o", filepath.Join(out, "reviewed.json"), "--force"},
	}
	took := map[string]time.Duration{}
	for name, args := range commands {
		start := time.Now()
		if _, stderr, code := run(t, data, "", args...); code != 0 {
			t.Fatalf("%s: exit %d\n%s", name, code, stderr)
		}
		took[name] = time.Since(start)
	}
	signals := []syscall.Signal{syscall.SIGKILL, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP}
	rnd := rand.New(rand.NewPCG(19, 0x57a7))
	killedWithStray := 0
	const kills = 150
	for i := 0; i < kills; i++ {
		name := []string{"export", "review"}[i%2]
		sig := signals[rnd.IntN(len(signals))]
		p := binarytest.Start(t, binarytest.Command(binary, binarytest.Env(data), commands[name]...))
		// Mostly late: the write is the last few per cent of the run.
		at := time.Duration(float64(took[name]) * (0.6 + 0.5*rnd.Float64()))
		time.Sleep(at)
		p.Cmd.Process.Signal(sig)
		p.ExitCode(t)
		left := strays(t, out)
		if sig != syscall.SIGKILL && len(left) > 0 {
			t.Errorf("%s stopped by %v after %v left %v", name, sig, at, left)
		}
		if len(left) > 0 {
			killedWithStray++
			// The next write to the same target removes it.
			if _, stderr, code := run(t, data, "", commands[name]...); code != 0 {
				t.Fatalf("%s after a kill: exit %d\n%s", name, code, stderr)
			}
			if left := strays(t, out); len(left) > 0 {
				t.Errorf("the %s after a SIGKILL left the killed run's copies %v", name, left)
			}
		}
	}
	t.Logf("%d of %d kills left a temporary copy, each removed by the next write", killedWithStray, kills)
	for name, args := range commands {
		if _, stderr, code := run(t, data, "", args...); code != 0 {
			t.Fatalf("%s: exit %d\n%s", name, code, stderr)
		}
	}
	des, _ := os.ReadDir(out)
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	if got := strings.Join(names, " "); got != "cpd.html reviewed.json" {
		t.Errorf("the output folder holds %s, want only cpd.html and reviewed.json", got)
	}
}

// TestChosenDataFolderNotChanged: a data folder the person chose
// (REFLECT_DATA_DIR on an existing 0755 folder) keeps its permissions;
// reflect warns, once, with the command that makes it private, and the
// folders it makes inside are 0700.
func TestChosenDataFolderNotChanged(t *testing.T) {
	base := t.TempDir()
	os.Chmod(base, 0o755) // t.TempDir's folders are private; a shared drive is not
	os.Chmod(filepath.Dir(base), 0o755)
	data := filepath.Join(base, "shared-drive")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(data, 0o755)
	_, stderr, code := run(t, data, "", "assess", "--answers", root("testdata/answers-example.yaml"), "--framework", root("testdata/frameworks/mini.yaml"))
	if code != 0 {
		t.Fatalf("assess: exit %d\n%s", code, stderr)
	}
	if fi, _ := os.Stat(data); fi.Mode().Perm() != 0o755 {
		t.Errorf("the chosen folder is now %o; reflect changed it", fi.Mode().Perm())
	}
	want := fmt.Sprintf("Warning: your data folder %s can be opened by everyone on this computer (permissions 0755). reflect has not changed it. To make it private to you, run:\n  chmod 700 %s\n", data, data)
	if strings.Count(stderr, want) != 1 {
		t.Errorf("stderr does not warn once with the chmod command:\n%s", stderr)
	}
	if fi, _ := os.Stat(filepath.Join(data, "assessments")); fi.Mode().Perm() != 0o700 {
		t.Errorf("the assessments folder reflect made is %o", fi.Mode().Perm())
	}
	_, stderr, _ = run(t, data, "", "list")
	if !strings.Contains(stderr, "chmod 700 "+data) {
		t.Errorf("list does not warn:\n%s", stderr)
	}
	os.Chmod(data, 0o700)
	if _, stderr, _ = run(t, data, "", "list"); strings.Contains(stderr, "Warning") {
		t.Errorf("a private folder is warned about:\n%s", stderr)
	}
}

// TestPermissionDeniedIsNotCorruption: a saved assessment or record file
// reflect may not read is reported as a permission problem with what to
// do — never as a damaged file with advice to correct a hand edit. As root
// (who may read anything) reflect is run as the user nobody.
func TestPermissionDeniedIsNotCorruption(t *testing.T) {
	base, err := os.MkdirTemp("", "reflect-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	os.Chmod(base, 0o755)
	data := filepath.Join(base, "data")
	if _, stderr, code := run(t, data, "", "assess", "--answers", root("testdata/answers-example.yaml"), "--framework", root("testdata/frameworks/mini.yaml"), "--out", filepath.Join(base, "rec.json")); code != 0 {
		t.Fatalf("assess: exit %d\n%s", code, stderr)
	}
	path := recordFiles(t, data)[0]
	id := strings.TrimSuffix(filepath.Base(path), ".json")
	file := filepath.Join(base, "rec.json")
	as := func(args ...string) (string, int) {
		cmd := binarytest.Command(binary, binarytest.Env(data), args...)
		if os.Geteuid() == 0 {
			// Everything readable to nobody except the two files.
			filepath.Walk(base, func(p string, fi os.FileInfo, err error) error {
				if err == nil && fi.IsDir() {
					os.Chmod(p, 0o777)
				}
				return nil
			})
			os.Chmod(filepath.Dir(binary), 0o755)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		_, stderr, code := binarytest.Run(t, cmd, "")
		return stderr, code
	}
	for _, p := range []string{path, path + ".bak", file} {
		os.Chmod(p, 0o000)
	}
	for _, args := range [][]string{{"export", id}, {"export", file}, {"verify", file}, {"assess", "--resume", id, "--framework", root("testdata/frameworks/mini.yaml")}} {
		stderr, code := as(args...)
		if code == 0 {
			t.Errorf("%v: exit 0", args)
			continue
		}
		if !strings.Contains(stderr, "you do not have permission to") {
			t.Errorf("%v does not name the permission problem:\n%s", args, stderr)
		}
		for _, bad := range []string{"cannot be read:", "edited the file by hand", "corrupt", "damaged or cut short"} {
			if strings.Contains(stderr, bad) {
				t.Errorf("%v speaks of damage (%q):\n%s", args, bad, stderr)
			}
		}
	}
}
