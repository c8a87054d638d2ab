package team

// SuppressRow applies primary and secondary suppression to a row of counts
// that add up to a total which is shown:
//
//   - primary: a count from 1 to k−1 is suppressed;
//   - secondary: while exactly one count is suppressed, or the suppressed
//     counts add up to fewer than k people, the smallest count still shown
//     (zeros included; the lowest level first on ties) is suppressed too.
//
// So the total minus the shown counts never reveals a suppressed count,
// and what the suppressed counts add up to always describes at least k
// people (or nobody).
func SuppressRow(cells []LevelCell, k int) {
	sum, n := 0, 0
	for i := range cells {
		if c := cells[i].N; c > 0 && c < k {
			cells[i].Suppressed = true
			sum += c
			n++
		}
	}
	for n > 0 && (n == 1 || sum < k) {
		best := -1
		for i := range cells {
			if !cells[i].Suppressed && (best < 0 || cells[i].N < cells[best].N) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		cells[best].Suppressed = true
		sum += cells[best].N
		n++
	}
}

// primary suppresses a count from 1 to k−1.
func primary(n, k int) Cell { return Cell{N: n, Suppressed: n > 0 && n < k} }

// complementary suppresses a part of a shown total when either the part
// or the rest describes from 1 to k−1 people (the rest can be worked out).
func complementary(part, total, k int) Cell {
	rest := total - part
	return Cell{N: part, Suppressed: (part > 0 && part < k) || (rest > 0 && rest < k)}
}
