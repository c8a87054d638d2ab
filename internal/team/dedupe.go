package team

import (
	"crypto/sha256"
	"encoding/binary"
)

// The duplicate check is the one thing a team run keeps per record, so it
// is kept small: per distinct record id, 8 bytes of the SHA-256 of the id,
// the copy's update time (8 bytes) and its position in the walk (4 bytes),
// in arrays without pointers (nothing for the garbage collector to scan),
// split into 256 shards that each grow on their own (so growing never
// needs twice the memory at once). At the table's load, about 30 bytes a
// record: 30 MB for a million. Two different ids share a key with
// probability about n²/2⁶⁵ (1 in 37 million for a million records); such
// a pair would count as one record.

const dedupeShards = 256

type dedupe struct {
	shards [dedupeShards]shard
	n      int
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
	mask := uint64(len(s.keys) - 1)
	for i := (key * 0x9E3779B97F4A7C15) & mask; ; i = (i + 1) & mask {
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
	if (s.n+1)*16 > len(s.keys)*13 { // keep the load under 13/16
		s.grow()
	}
	mask := uint64(len(s.keys) - 1)
	for i := (key * 0x9E3779B97F4A7C15) & mask; ; i = (i + 1) & mask {
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

func (s *shard) grow() {
	size := 2 * len(s.keys)
	if size == 0 {
		size = 64
	}
	old := *s
	*s = shard{keys: make([]uint64, size), upd: make([]int64, size), ord: make([]uint32, size)}
	mask := uint64(size - 1)
	for j, k := range old.keys {
		if k == 0 {
			continue
		}
		i := (k * 0x9E3779B97F4A7C15) & mask
		for s.keys[i] != 0 {
			i = (i + 1) & mask
		}
		s.keys[i], s.upd[i], s.ord[i] = k, old.upd[j], old.ord[j]
		s.n++
	}
}

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
