package team

import (
	"crypto/sha256"
	"encoding/binary"
	"math/bits"
)

// The duplicate check is the one thing a team run keeps per record, so it
// is kept small: per distinct record id, 8 bytes of the SHA-256 of the id,
// the copy's update time (8 bytes) and its position in the walk (4 bytes),
// in arrays without pointers (nothing for the garbage collector to scan),
// split into 256 shards that each grow on their own (so growing never
// needs twice the memory at once). A shard is filled to 7/8 and then grows
// by a quarter (its size need not be a power of two), so the table holds
// 20 bytes a record at between 70% and 88% full: about 25 bytes a record,
// 25 MB for a million. Two different ids share a key with
// probability about n²/2⁶⁵ (1 in 37 million for a million records); such
// a pair would count as one record.

const dedupeShards = 256

type dedupe struct {
	shards [dedupeShards]shard
	n      int
	size   int64 // bytes held by the shards
	// onGrow, if set, is told the table's size when it has grown by a
	// megabyte or more since it was last told.
	onGrow func(bytes int64)
	told   int64
}

type shard struct {
	keys []uint64 // 0 marks an empty slot
	upd  []int64
	ord  []uint32
	n    int
}

// keyOf is the table key of a record id: never 0.
func keyOf(id string) uint64 {
	sum := sha256.Sum256([]byte(id))
	k := binary.LittleEndian.Uint64(sum[:8])
	if k == 0 {
		k = 1
	}
	return k
}

// get returns the entry for key.
func (d *dedupe) get(key uint64) (seenEntry, bool) {
	s := &d.shards[key>>56]
	if len(s.keys) == 0 {
		return seenEntry{}, false
	}
	for i := s.slot(key); ; i = s.next(i) {
		switch s.keys[i] {
		case key:
			return seenEntry{ord: int(s.ord[i]), updated: s.upd[i]}, true
		case 0:
			return seenEntry{}, false
		}
	}
}

// put sets the entry for key.
func (d *dedupe) put(key uint64, e seenEntry) {
	s := &d.shards[key>>56]
	if (s.n+1)*8 > len(s.keys)*7 { // keep the load at most 7/8
		before := len(s.keys)
		s.grow()
		d.size += int64(len(s.keys)-before) * slotBytes
		if d.onGrow != nil && d.size-d.told >= 1<<20 {
			d.told = d.size
			d.onGrow(d.size)
		}
	}
	for i := s.slot(key); ; i = s.next(i) {
		switch s.keys[i] {
		case key:
			s.upd[i], s.ord[i] = e.updated, uint32(e.ord)
			return
		case 0:
			s.keys[i], s.upd[i], s.ord[i] = key, e.updated, uint32(e.ord)
			s.n++
			d.n++
			return
		}
	}
}

// slot is where key's probe starts: the top of key × size (Lemire's
// reduction, any size), after mixing, since a shard's keys share their top
// byte.
func (s *shard) slot(key uint64) int {
	hi, _ := bits.Mul64(key*0x9E3779B97F4A7C15, uint64(len(s.keys)))
	return int(hi)
}

func (s *shard) next(i int) int {
	if i++; i == len(s.keys) {
		return 0
	}
	return i
}

func (s *shard) grow() {
	size := len(s.keys) + len(s.keys)/4
	if size < 64 {
		size = 64
	}
	old := *s
	*s = shard{keys: make([]uint64, size), upd: make([]int64, size), ord: make([]uint32, size)}
	for j, k := range old.keys {
		if k == 0 {
			continue
		}
		i := s.slot(k)
		for s.keys[i] != 0 {
			i = s.next(i)
		}
		s.keys[i], s.upd[i], s.ord[i] = k, old.upd[j], old.ord[j]
		s.n++
	}
}

// slotBytes is the memory of one slot: key, update time and position.
const slotBytes = 8 + 8 + 4

// bytes is the table's size in memory.
func (d *dedupe) bytes() int64 { return d.size }

// len is the number of distinct ids.
func (d *dedupe) len() int { return d.n }

// each calls fn for every entry.
func (d *dedupe) each(fn func(key uint64, e seenEntry)) {
	for si := range d.shards {
		s := &d.shards[si]
		for i, k := range s.keys {
			if k != 0 {
				fn(k, seenEntry{ord: int(s.ord[i]), updated: s.upd[i]})
			}
		}
	}
}
