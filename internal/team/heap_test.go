package team

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/reflect-cpd/reflect/internal/assessment"
	"github.com/reflect-cpd/reflect/internal/recordtest"
)

// While a run goes, the heap's soft limit is what the runs keep plus
// room; afterwards it is what it was. With GOMEMLIMIT set, it is never
// touched.
func TestRunHoldsTheHeapNearWhatItKeeps(t *testing.T) {
	set := recordtest.Mini(t)
	dir := t.TempDir()
	if _, err := recordtest.WriteTeam(dir, set, []assessment.Scope{{Framework: "mini"}}, 300); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	before := debug.SetMemoryLimit(-1)
	var during int64
	_, st, err := Run([]string{dir}, Options{MinGroup: 5, Set: set}, func(Problem) { during = debug.SetMemoryLimit(-1) })
	if err != nil || st.Records != 300 {
		t.Fatalf("records %d, %v", st.Records, err)
	}
	if during < heapRoom || during > heapRoom+8<<20 {
		t.Errorf("soft limit during the run %d, want about %d (room) plus a small table", during, heapRoom)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("soft limit after the run %d, want it back at %d", after, before)
	}
	if before != math.MaxInt64 {
		t.Logf("the limit was %d before the run", before)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	during = 0
	if _, _, err := Run([]string{dir}, Options{MinGroup: 5, Set: set}, func(Problem) { during = debug.SetMemoryLimit(-1) }); err != nil {
		t.Fatal(err)
	}
	if during != before {
		t.Errorf("with GOMEMLIMIT set the run changed the soft limit to %d", during)
	}
}

// The table's growth raises the limit with it.
func TestHeapLimitFollowsTheTable(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	before := debug.SetMemoryLimit(-1)
	h := guardHeap()
	h.tableGrew(40 << 20)
	if got := debug.SetMemoryLimit(-1); got != heapRoom+45<<20 {
		t.Errorf("limit with a 40 MB table %d, want %d", got, heapRoom+45<<20)
	}
	h2 := guardHeap()
	h2.tableGrew(8 << 20)
	h.done()
	if got := debug.SetMemoryLimit(-1); got != heapRoom+9<<20 {
		t.Errorf("limit with one run's 8 MB table left %d, want %d", got, heapRoom+9<<20)
	}
	h2.done()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after both runs %d, want %d", got, before)
	}
}
