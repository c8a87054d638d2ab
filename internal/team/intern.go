package team

// interner shares the strings that repeat from record to record (codes,
// titles, statements), so a run does not allocate them again for every
// record. Each worker has its own; it stops growing at maxInterned.
type interner struct{ m map[string]string }

const maxInterned = 100_000

func newInterner() *interner { return &interner{m: map[string]string{}} }

func (in *interner) get(raw []byte) string {
	if in == nil {
		return string(raw)
	}
	if v, ok := in.m[string(raw)]; ok { // no allocation for the lookup
		return v
	}
	v := string(raw)
	if len(in.m) < maxInterned {
		in.m[v] = v
	}
	return v
}
