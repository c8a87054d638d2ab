package team

import (
	"os"
	"runtime/debug"
	"sync"
)

// A run keeps little: the counts, and the duplicate check's table (about
// 25 bytes a record). Everything else it allocates, the files' bytes
// above all, is garbage as soon as a record is counted. With Go's default
// garbage collection the heap may grow to twice what is kept before it is
// collected, which over a million records is the difference between
// 50 MB and 100 MB. So while runs are going the heap's soft limit is held
// at what they keep plus room for the garbage of the records being read
// (heapRoom): the collector runs more often as the table grows, cheaply,
// since the table holds no pointers to trace. Nothing changes when
// GOMEMLIMIT is set: the person running reflect has chosen.

// heapRoom is the soft limit's allowance beyond the runs' tables: the
// frameworks, counts and strings a run keeps and the records in flight.
const heapRoom = 20 << 20

var heapGuard struct {
	sync.Mutex
	runs  int
	table int64 // bytes, over the runs going
	prev  int64 // the limit before the first run
	off   bool  // GOMEMLIMIT is set
}

// guardHeap starts a run's share of the soft limit; the run calls
// tableGrew as its table grows and done when it ends.
func guardHeap() *heapShare {
	heapGuard.Lock()
	defer heapGuard.Unlock()
	if heapGuard.runs == 0 {
		heapGuard.off = os.Getenv("GOMEMLIMIT") != ""
		if !heapGuard.off {
			heapGuard.prev = debug.SetMemoryLimit(-1)
		}
	}
	heapGuard.runs++
	setHeapLimit()
	return &heapShare{}
}

type heapShare struct{ table int64 }

// tableGrew records that the run's table is now n bytes.
func (h *heapShare) tableGrew(n int64) {
	heapGuard.Lock()
	defer heapGuard.Unlock()
	heapGuard.table += n - h.table
	h.table = n
	setHeapLimit()
}

func (h *heapShare) done() {
	heapGuard.Lock()
	defer heapGuard.Unlock()
	heapGuard.table -= h.table
	h.table = 0
	heapGuard.runs--
	if heapGuard.runs == 0 {
		if !heapGuard.off {
			debug.SetMemoryLimit(heapGuard.prev)
		}
		return
	}
	setHeapLimit()
}

func setHeapLimit() {
	if !heapGuard.off {
		debug.SetMemoryLimit(heapRoom + heapGuard.table + heapGuard.table/8)
	}
}
