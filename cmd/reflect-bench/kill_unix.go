//go:build unix

package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	rframeworks "github.com/reflect-cpd/reflect/frameworks"
	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/framework"
	"github.com/reflect-cpd/reflect/internal/store"
)

// killResult is what the kill section found.
type killResult struct {
	runs, acknowledged, lost, outOfOrder, partBursts, torn int
	keyToSaved                                             []float64 // seconds, per acknowledged key
}

// killRuns drives the full screen of bin in tmux runs times: random
// ratings and flags, each waited for until the screen says "saved", then a
// burst of ratings and SIGKILL a random moment later. After each kill it
// reads the store (record and journal) and counts acknowledged answers
// that are missing or different, and bursts not on disk as a prefix. The
// same check as internal/hardening's TestKillFullScreenKeepsEveryAcknowledgedAnswer,
// a hundred times.
func killRuns(work, bin string, runs int, progress io.Writer) (killResult, error) {
	var res killResult
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		return res, errors.New("tmux is not installed (apt-get install tmux)")
	}
	set, err := framework.LoadFS(rframeworks.FS(), "embedded")
	if err != nil {
		return res, err
	}
	plan, err := assessment.NewPlan(set, []assessment.Scope{{Framework: "adults", Profile: "any-staff"}})
	if err != nil {
		return res, err
	}
	var codes []string
	for _, it := range plan.Items {
		codes = append(codes, it.Code())
	}
	total := len(codes)
	for run := 0; run < runs; run++ {
		rnd := rand.New(rand.NewPCG(uint64(run+1), 0xb1e55))
		dir := filepath.Join(work, fmt.Sprintf("kill-%d", run))
		data := filepath.Join(dir, "data")
		if err := os.MkdirAll(data, 0o700); err != nil {
			return res, err
		}
		sock := filepath.Join(dir, "tmux.sock")
		tm := func(args ...string) string {
			out, _ := exec.Command(tmux, append([]string{"-S", sock}, args...)...).Output()
			return string(out)
		}
		q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
		cmd := "exec env REFLECT_DATA_DIR=" + q(data) + " HOME=" + q(data) + " NO_COLOR=1 TERM=xterm-256color " + q(bin) + " assess --framework adults --profile any-staff"
		// A tmux server can fail to start on a busy machine: try again.
		for try := 1; ; try++ {
			out, err := exec.Command(tmux, "-S", sock, "-f", "/dev/null", "new-session", "-d", "-s", "k", "-x", "100", "-y", "30", cmd).CombinedOutput()
			if err == nil {
				break
			}
			if try == 3 {
				return res, fmt.Errorf("run %d: tmux: %v\n%s", run+1, err, out)
			}
			os.Remove(sock)
			time.Sleep(500 * time.Millisecond)
		}
		waitFor := func(what string, ok func(string) bool) error {
			deadline := time.Now().Add(15 * time.Second)
			for {
				v := tm("capture-pane", "-p", "-t", "k")
				if ok(v) {
					return nil
				}
				if time.Now().After(deadline) {
					return fmt.Errorf("run %d: the screen never showed %s:\n%s", run+1, what, v)
				}
				time.Sleep(2 * time.Millisecond)
			}
		}
		fail := func(err error) (killResult, error) {
			tm("kill-server")
			return res, err
		}
		if err := waitFor("the content note", func(v string) bool { return strings.Contains(v, "116 123") }); err != nil {
			return fail(err)
		}
		tm("send-keys", "-t", "k", "Enter")
		if err := waitFor("the first statement", func(v string) bool { return strings.Contains(v, fmt.Sprintf("Item 1 of %d", total)) }); err != nil {
			return fail(err)
		}
		ratings, flags := map[string]int{}, map[string]bool{}
		cursor := 0
		saved := func(status string) func(string) bool {
			return func(v string) bool {
				for _, l := range strings.Split(v, "\n") {
					if strings.HasPrefix(l, fmt.Sprintf("Item %d of %d ", cursor+1, total)) && strings.HasSuffix(strings.TrimSpace(l), fmt.Sprintf(" %d answered · saved", len(ratings))) {
						return status == "" || strings.Contains(v, status)
					}
				}
				return false
			}
		}
		for i, n := 0, 2+rnd.IntN(7); i < n; i++ {
			start := time.Now()
			var err error
			switch k := rnd.IntN(10); {
			case k < 7:
				v := 1 + rnd.IntN(4)
				ratings[codes[cursor]] = v
				cursor++
				tm("send-keys", "-t", "k", strconv.Itoa(v))
				err = waitFor("a rating saved", saved(""))
			case k < 8 && cursor > 0:
				cursor--
				tm("send-keys", "-t", "k", "Left")
				err = waitFor("back, saved", saved(""))
			default:
				c := codes[cursor]
				flags[c] = !flags[c]
				want := "Flagged as a development priority."
				if !flags[c] {
					want = "Flag removed."
				}
				tm("send-keys", "-t", "k", "f")
				err = waitFor("a flag saved", saved(want))
			}
			if err != nil {
				return fail(err)
			}
			res.keyToSaved = append(res.keyToSaved, time.Since(start).Seconds())
		}
		var burst []string
		var burstV []int
		keys := ""
		for i, n := 0, 1+rnd.IntN(6); i < n; i++ {
			v := 1 + rnd.IntN(4)
			burst, burstV = append(burst, codes[cursor+i]), append(burstV, v)
			keys += strconv.Itoa(v)
		}
		pid, err := strconv.Atoi(strings.TrimSpace(tm("display", "-p", "-t", "k", "#{pane_pid}")))
		if err != nil {
			return fail(fmt.Errorf("run %d: no pane pid", run+1))
		}
		tm("send-keys", "-t", "k", "-l", keys)
		time.Sleep(time.Duration(rnd.IntN(12000)) * time.Microsecond)
		syscall.Kill(pid, syscall.SIGKILL)
		for i := 0; syscall.Kill(pid, 0) == nil && i < 1000; i++ {
			time.Sleep(2 * time.Millisecond)
		}
		tm("kill-server")

		st := store.New(data)
		files, _ := filepath.Glob(filepath.Join(data, "assessments", "*.json"))
		if len(files) != 1 {
			return res, fmt.Errorf("run %d: records %v", run+1, files)
		}
		id := strings.TrimSuffix(filepath.Base(files[0]), ".json")
		_, dmg, err := st.ReadJournal(id)
		if err != nil || (dmg != nil && !dmg.Torn) {
			return res, fmt.Errorf("run %d: the journal after the kill: %v %v", run+1, err, dmg)
		}
		if dmg != nil {
			res.torn++
		}
		r, err := st.Load(id)
		if err != nil {
			return res, fmt.Errorf("run %d: %v", run+1, err)
		}
		got := map[string]assessment.Answer{}
		for _, a := range r.Answers {
			got[a.Code] = a
		}
		inBurst := map[string]bool{}
		for _, c := range burst {
			inBurst[c] = true
		}
		for c, v := range ratings {
			if !inBurst[c] {
				res.acknowledged++
				if got[c].Rating != v {
					res.lost++
				}
			}
		}
		for c, on := range flags {
			res.acknowledged++
			if got[c].Flag != on {
				res.lost++
			}
		}
		landed := -1
		for k := len(burst); k >= 0 && landed < 0; k-- {
			ok := true
			for i, c := range burst {
				want := ratings[c]
				if i < k {
					want = burstV[i]
				}
				ok = ok && got[c].Rating == want
			}
			if ok {
				landed = k
			}
		}
		switch {
		case landed < 0:
			res.outOfOrder++
		case landed < len(burst):
			res.partBursts++
		}
		res.runs++
		if (run+1)%10 == 0 {
			fmt.Fprintf(progress, "   %d runs: %d acknowledged checked, %d lost, %d bursts cut part-way, %d journals cut short\n", run+1, res.acknowledged, res.lost, res.partBursts, res.torn)
		}
		os.RemoveAll(dir)
	}
	return res, nil
}
