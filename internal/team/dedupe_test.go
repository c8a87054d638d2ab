package team

import (
	"fmt"
	"testing"
)

// The table against a map, through growth, updates and lookups of ids
// it does not hold.
func TestDedupeTable(t *testing.T) {
	var d dedupe
	ref := map[uint64]seenEntry{}
	for i := 0; i < 200_000; i++ {
		k := keyOf(fmt.Sprintf("r-%016x", i%150_000))
		e := seenEntry{ord: i, updated: int64(i * 7)}
		d.put(k, e)
		ref[k] = e
	}
	if d.len() != len(ref) || d.len() != 150_000 {
		t.Fatalf("len %d, want %d", d.len(), len(ref))
	}
	for k, want := range ref {
		if got, ok := d.get(k); !ok || got != want {
			t.Fatalf("get(%x) = %+v %v, want %+v", k, got, ok, want)
		}
	}
	for i := 150_000; i < 160_000; i++ {
		if _, ok := d.get(keyOf(fmt.Sprintf("r-%016x", i))); ok {
			t.Fatalf("found an id never put")
		}
	}
	n := 0
	d.each(func(k uint64, e seenEntry) {
		n++
		if ref[k] != e {
			t.Fatalf("each: %x %+v", k, e)
		}
	})
	if n != len(ref) {
		t.Errorf("each visited %d", n)
	}
}
