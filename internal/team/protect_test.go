package team

import (
	"math/rand"
	"testing"
)

// attack works out, by trying every possibility, the smallest and largest
// value each hidden cell of a row can take given what the row shows: the
// shown cells, the total (totLo..totHi) and each cell's maximum, which the
// attacker is assumed to know even when it is hidden. It is independent
// of Interval, which it checks.
func attack(cells []RowCell, totLo, totHi int) (lo, hi []int, feasible bool) {
	var hidden []int
	shown := 0
	for i, c := range cells {
		if c.Hidden {
			hidden = append(hidden, i)
		} else {
			shown += c.N
		}
	}
	lo, hi = make([]int, len(cells)), make([]int, len(cells))
	for i := range lo {
		lo[i], hi[i] = 1<<30, -1
	}
	vals := make([]int, len(cells))
	var try func(h, sum int)
	try = func(h, sum int) {
		if h == len(hidden) {
			if t := shown + sum; t >= totLo && t <= totHi {
				feasible = true
				for _, i := range hidden {
					lo[i], hi[i] = min(lo[i], vals[i]), max(hi[i], vals[i])
				}
			}
			return
		}
		i := hidden[h]
		for v := 0; v <= cells[i].Max; v++ {
			vals[i] = v
			try(h+1, sum+v)
		}
	}
	try(0, 0)
	return lo, hi, feasible
}

// ProtectRow against an attacker who tries every possibility: on random
// rows, no hidden primary cell can be narrowed below k−1 (or its
// maximum), except where even hiding the whole row cannot prevent it; and
// Interval is exactly what the attacker finds.
func TestProtectRowWithstandsRecovery(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	const k = 5
	tried, secondary := 0, 0
	for n := 0; n < 4000; n++ {
		groups := 2 + rng.Intn(4)
		cells := make([]RowCell, groups)
		total := 0
		for i := range cells {
			u := rng.Intn(13)
			if rng.Intn(4) == 0 {
				u = rng.Intn(4)
			}
			x := 0
			if u > 0 {
				x = rng.Intn(u + 1)
			}
			p := complementary(x, u, k)
			cells[i] = RowCell{N: x, Max: u, Primary: p.Suppressed}
			total += x
		}
		totLo, totHi := total, total
		if rng.Intn(3) == 0 { // the total itself shown as a band
			totLo, totHi = max(0, total-rng.Intn(3)), total+rng.Intn(3)
		}
		ok := ProtectRow(cells, totLo, totHi, k, false)
		lo, hi, feasible := attack(cells, totLo, totHi)
		if !feasible {
			t.Fatalf("the true values are not feasible: %+v", cells)
		}
		allHidden := true
		for j, c := range cells {
			if !c.Hidden {
				if c.Max > 0 { // a cell nobody can be in is known to be 0 anyway
					allHidden = false
				}
				if c.Primary {
					t.Errorf("a primary cell is shown: %+v", cells)
				}
				continue
			}
			if ilo, ihi := Interval(cells, j, totLo, totHi); ilo != lo[j] || ihi != hi[j] {
				t.Fatalf("Interval(%d) = %d..%d, the attacker finds %d..%d in %+v (total %d..%d)", j, ilo, ihi, lo[j], hi[j], cells, totLo, totHi)
			}
			if !c.Primary {
				secondary++
			} else {
				tried++
				if ok && hi[j]-lo[j] < min(k-1, c.Max) {
					t.Errorf("cell %d (%d of at most %d) narrowed to %d..%d in %+v", j, c.N, c.Max, lo[j], hi[j], cells)
				}
			}
		}
		if !ok && !allHidden {
			t.Errorf("ProtectRow gave up with cells still shown: %+v", cells)
		}
	}
	if tried < 1000 || secondary < 300 {
		t.Errorf("only %d hidden primary cells and %d hidden secondary cells tried", tried, secondary)
	}
}

// With the sum rule (counts of people assessed, whose means are shown),
// the hidden cells add up to nobody or to at least k people.
func TestProtectRowSumRule(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	const k = 5
	for n := 0; n < 2000; n++ {
		cells := make([]RowCell, 2+rng.Intn(4))
		total := 0
		for i := range cells {
			u := 1 + rng.Intn(20)
			x := rng.Intn(u + 1)
			cells[i] = RowCell{N: x, Max: u, Primary: x > 0 && x < k}
			total += x
		}
		if !ProtectRow(cells, total, total, k, true) {
			continue
		}
		sum := 0
		for _, c := range cells {
			if c.Hidden {
				sum += c.N
			}
		}
		if sum > 0 && sum < k {
			t.Errorf("hidden cells add up to %d: %+v", sum, cells)
		}
	}
}

func TestComplementaryBands(t *testing.T) {
	for _, tc := range []struct {
		part, total int
		text        string
	}{
		{17, 20, "more than 15 of 20"},
		{3, 20, "fewer than 5"},
		{3, 6, "2 to 4 of 6"},
		{10, 20, ""},
		{0, 20, ""},
		{20, 20, ""},
	} {
		c := complementary(tc.part, tc.total, 5)
		got := ""
		if c.Suppressed {
			got = c.BandText(5)
		}
		if got != tc.text || (c.Suppressed && (c.N < c.Lo || c.N > c.Hi)) {
			t.Errorf("complementary(%d, %d) = %q %+v, want %q", tc.part, tc.total, got, c, tc.text)
		}
	}
}
