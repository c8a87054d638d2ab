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
	// The table is the one thing a run keeps per record: at most 7/8 full
	// and never less than 70% (20 bytes a slot), whatever the count.
	for _, distinct := range []int{1_000, 150_000} {
		var d dedupe
		for i := 0; i < distinct; i++ {
			d.put(keyOf(fmt.Sprintf("id-%d", i)), seenEntry{ord: i})
		}
		if per := float64(d.bytes()) / float64(distinct); distinct > 100_000 && (per < 20 || per > 29) {
			t.Errorf("%d records: %.1f bytes a record in the table, want 20–29", distinct, per)
		}
		for i := 0; i < distinct; i += 97 {
			if e, ok := d.get(keyOf(fmt.Sprintf("id-%d", i))); !ok || e.ord != i {
				t.Fatalf("%d records: id-%d gives %+v %v", distinct, i, e, ok)
			}
		}
	}
}
