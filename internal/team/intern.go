package team

// interner shares the strings that repeat from record to record (codes,
// titles, statements), so a run does not allocate them again for every
// record. Each worker has its own; it stops growing at maxInterned.
type interner struct {
	m map[string]string
	// seq is the previous record's answer codes by position: records of
	// one kind list them in the same order, so a code is usually found by
	// comparing it with the one at its place, without hashing.
	seq []string
}

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

// code is get for the answer code at position i of a record.
func (in *interner) code(i int, raw []byte) string {
	if in == nil {
		return string(raw)
	}
	if i < len(in.seq) && in.seq[i] == string(raw) { // no allocation
		return in.seq[i]
	}
	v := in.get(raw)
	if i < len(in.seq) {
		in.seq[i] = v
	} else if i == len(in.seq) && i < maxInterned {
		in.seq = append(in.seq, v)
	}
	return v
}
