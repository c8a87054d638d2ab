//go:build unix

package hardening

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	rframeworks "github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/binarytest"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/store"
)

// screen is reflect's full screen in a tmux pane of its own tmux server.
type screen struct {
	t    *testing.T
	tmux string
	sock string
}

func newScreen(t *testing.T, env []string, args ...string) *screen {
	t.Helper()
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	s := &screen{t: t, tmux: tmux, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	cmd := "exec env " + quoteWords(append(append(env, "NO_COLOR=1", "TERM=xterm-256color", binary), args...))
	if out, err := exec.Command(tmux, "-S", s.sock, "-f", "/dev/null", "new-session", "-d", "-s", "k", "-x", "100", "-y", "30", cmd).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command(tmux, "-S", s.sock, "kill-server").Run() })
	return s
}

// quoteWords quotes each word for sh.
func quoteWords(words []string) string {
	var q []string
	for _, w := range words {
		q = append(q, "'"+strings.ReplaceAll(w, "'", `'\''`)+"'")
	}
	return strings.Join(q, " ")
}

func (s *screen) tm(args ...string) string {
	out, _ := exec.Command(s.tmux, append([]string{"-S", s.sock}, args...)...).Output()
	return string(out)
}

func (s *screen) capture() string { return s.tm("capture-pane", "-p", "-t", "k") }

func (s *screen) send(keys ...string) { s.tm(append([]string{"send-keys", "-t", "k"}, keys...)...) }

func (s *screen) pid() int {
	pid, err := strconv.Atoi(strings.TrimSpace(s.tm("display", "-p", "-t", "k", "#{pane_pid}")))
	if err != nil {
		s.t.Fatalf("no pane pid: %v", err)
	}
	return pid
}

// waitFor polls the screen until ok holds (10 s at most).
func (s *screen) waitFor(what string, ok func(string) bool) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := s.capture()
		if ok(v) {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %s:\n%s", what, v)
		}
		time.Sleep(3 * time.Millisecond)
	}
}

// TestKillFullScreenKeepsEveryAcknowledgedAnswer drives the full screen
// in a real terminal (tmux) with random keys — ratings, going back, flags
// — waiting after each for the screen to say "saved" (which it says only
// once the journal has the change on disk), then sends a burst of
// ratings and SIGKILLs reflect a random moment later: before, during or
// after their journal writes or a rewrite of the record. 24 times, a seed
// each. Afterwards every acknowledged answer and flag is in what the
// store reads (record and journal), the burst's answers are there as a
// prefix (never a later one without an earlier), a damaged journal is at
// most a last line cut short, and resuming takes the journal in, says so
// if it replayed anything, and leaves no journal behind.
func TestKillFullScreenKeepsEveryAcknowledgedAnswer(t *testing.T) {
	binarytest.SkipIfShort(t, "kill test")
	set, err := framework.LoadFS(rframeworks.FS(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "adults", Profile: "any-staff"}})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, it := range plan.Items {
		codes = append(codes, it.Code())
	}
	total := len(codes)
	for seed := uint64(1); seed <= 24; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			// Two at a time (go test's -parallel): most of a run is waiting.
			t.Parallel()
			rnd := rand.New(rand.NewPCG(seed, 0x10ca1))
			data := t.TempDir()
			s := newScreen(t, []string{"REFLECT_DATA_DIR=" + data, "HOME=" + data}, "assess", "--framework", "adults", "--profile", "any-staff")
			s.waitFor("the content note", func(v string) bool { return strings.Contains(v, "116 123") })
			s.send("Enter")
			s.waitFor("the first statement", func(v string) bool { return strings.Contains(v, fmt.Sprintf("Item 1 of %d", total)) })

			ratings, flags := map[string]int{}, map[string]bool{}
			cursor := 0
			progress := func() string {
				return fmt.Sprintf("Item %d of %d ", cursor+1, total)
			}
			saved := func(status string) func(string) bool {
				return func(v string) bool {
					for _, l := range strings.Split(v, "\n") {
						if strings.HasPrefix(l, progress()) && strings.HasSuffix(strings.TrimSpace(l), fmt.Sprintf(" %d answered · saved", len(ratings))) {
							return status == "" || strings.Contains(v, status)
						}
					}
					return false
				}
			}
			for i, n := 0, 2+rnd.IntN(7); i < n; i++ {
				switch k := rnd.IntN(10); {
				case k < 7:
					v := 1 + rnd.IntN(4)
					ratings[codes[cursor]] = v
					cursor++
					s.send(fmt.Sprint(v))
					s.waitFor(fmt.Sprintf("%d saved at item %d", v, cursor+1), saved(""))
				case k < 8 && cursor > 0:
					cursor--
					s.send("Left")
					s.waitFor("back, saved", saved(""))
				default:
					c := codes[cursor]
					flags[c] = !flags[c]
					want := "Flagged as a development priority."
					if !flags[c] {
						want = "Flag removed."
					}
					s.send("f")
					s.waitFor(want+" and saved", saved(want))
				}
			}
			// What the screen said was saved.
			ackRatings, ackFlags := map[string]int{}, map[string]bool{}
			for c, v := range ratings {
				ackRatings[c] = v
			}
			for c, v := range flags {
				ackFlags[c] = v
			}

			// A burst of ratings, and SIGKILL somewhere among their writes.
			var burst []string
			var burstV []int
			keys := ""
			for i, n := 0, 1+rnd.IntN(6); i < n; i++ {
				v := 1 + rnd.IntN(4)
				burst, burstV = append(burst, codes[cursor+i]), append(burstV, v)
				keys += fmt.Sprint(v)
			}
			pid := s.pid()
			s.send("-l", keys)
			time.Sleep(time.Duration(rnd.IntN(12000)) * time.Microsecond)
			if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			for i := 0; syscall.Kill(pid, 0) == nil && i < 1000; i++ {
				time.Sleep(2 * time.Millisecond)
			}

			st := store.New(data)
			files, _ := filepath.Glob(filepath.Join(data, "assessments", "*.json"))
			if len(files) != 1 {
				t.Fatalf("records %v", files)
			}
			id := strings.TrimSuffix(filepath.Base(files[0]), ".json")
			_, dmg, err := st.ReadJournal(id)
			if err != nil || (dmg != nil && !dmg.Torn) {
				t.Fatalf("the journal after the kill: %v %v", err, dmg)
			}
			r, err := st.Load(id)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]assessment.Answer{}
			for _, a := range r.Answers {
				got[a.Code] = a
			}
			inBurst := map[string]bool{}
			for _, c := range burst {
				inBurst[c] = true
			}
			for c, v := range ackRatings {
				if !inBurst[c] && got[c].Rating != v {
					t.Errorf("acknowledged rating %s=%d is %d after the kill", c, v, got[c].Rating)
				}
			}
			for c, on := range ackFlags {
				if got[c].Flag != on {
					t.Errorf("acknowledged flag on %s (%v) is %v after the kill", c, on, got[c].Flag)
				}
			}
			// The burst reached the disk in order: its first k ratings and
			// none after them.
			landed := -1
			for k := len(burst); k >= 0 && landed < 0; k-- {
				ok := true
				for i, c := range burst {
					want := ackRatings[c]
					if i < k {
						want = burstV[i]
					}
					ok = ok && got[c].Rating == want
				}
				if ok {
					landed = k
				}
			}
			if landed < 0 {
				t.Errorf("the burst %v = %v is not on disk as a prefix: %v", burst, burstV, got)
			}
			t.Logf("%d acknowledged ratings, %d flags; burst of %d, %d on disk; torn line: %v", len(ackRatings), len(ackFlags), len(burst), landed, dmg != nil)

			// Resuming takes the journal in and leaves none.
			_, stderr, code := run(t, data, "quit\n", "assess", "--resume", id, "--accessible")
			if code != 0 {
				t.Fatalf("resume: exit %d\n%s", code, stderr)
			}
			if _, err := os.Stat(st.JournalPath(id)); err == nil {
				t.Errorf("a journal is left after resuming")
			}
			after := decodeFile(t, files[0])
			if d := diff(answers(r), answers(after)); len(d) > 0 {
				t.Errorf("resuming changed answers %v", d)
			}
		})
	}
}
