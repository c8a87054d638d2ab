package team

import "fmt"

// Suppression: no count in a report may describe fewer than k people
// (k = MinGroup), and no hidden count may be worked out from what is
// shown.
//
// Primary suppression hides a count of 1 to k−1 people, and a count whose
// rest (the group's total minus the count: those without a need, say) is
// 1 to k−1, since the rest describes people too. Where a primary count is
// shown at all, it is shown as a band: "fewer than 5", or "more than 15
// of 20" — what anyone already knows from its being hidden.
//
// Secondary suppression protects hidden counts from the totals they add
// up to:
//
//   - a row of level counts adding up to the number assessed (SuppressRow);
//   - a breakdown row: an area's count split over groups, adding up to the
//     area's count for everybody (ProtectRow). There each count is also
//     at most the group's number assessed, which the audit assumes a
//     reader knows exactly, even where it is hidden, so the protection
//     holds against someone who knows more than the report says.
//
// ProtectRow audits exactly: for a sum of bounded counts, the smallest
// and largest value each hidden count can take given everything shown
// are worked out in closed form (with one sum and bounds, those are the
// exact bounds any solver would find). A hidden count is protected when
// they are at least k−1 apart (or as far apart as its group allows), so
// the report never narrows it below the band it already admits; while one
// is not, the smallest count still shown is hidden too.

// Why a cell is hidden.
const (
	HiddenSmall     = "small"     // describes 1 to k−1 people
	HiddenRest      = "rest"      // the rest of the group is 1 to k−1 people
	HiddenSecondary = "secondary" // hidden so that another cannot be worked out
)

// Cell is a count that may be suppressed.
type Cell struct {
	N          int
	Suppressed bool
	// Why it is hidden, and the band it is shown as (Lo ≤ N ≤ Hi, out of
	// Of) when the reason is primary; a secondary cell has no band.
	Why        string
	Lo, Hi, Of int
}

// Band reports whether the cell is shown as a band.
func (c Cell) Band() bool { return c.Suppressed && c.Why != HiddenSecondary && c.Hi > 0 }

// BandText is the band in words: "fewer than 5", "more than 15 of 20",
// "2 to 4 of 6".
func (c Cell) BandText(k int) string {
	switch {
	case !c.Band():
		return Suppressed
	case c.Lo <= 1 && c.Hi == k-1:
		return fmt.Sprintf("fewer than %d", k)
	case c.Hi == c.Of-1 && c.Lo == c.Of-k+1:
		return fmt.Sprintf("more than %d of %d", c.Of-k, c.Of)
	}
	return fmt.Sprintf("%d to %d of %d", c.Lo, c.Hi, c.Of)
}

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
			cells[i].Why = HiddenSmall
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
		cells[best].Why = HiddenSecondary
		sum += cells[best].N
		n++
	}
}

// primary suppresses a count from 1 to k−1.
func primary(n, k int) Cell {
	c := Cell{N: n}
	if n > 0 && n < k {
		c.Suppressed, c.Why, c.Lo, c.Hi = true, HiddenSmall, 1, k-1
	}
	return c
}

// complementary suppresses a part of a shown total when either the part
// or the rest describes from 1 to k−1 people (the rest can be worked
// out), and gives the band both facts leave.
func complementary(part, total, k int) Cell {
	c := Cell{N: part, Of: total}
	rest := total - part
	small, restSmall := part > 0 && part < k, rest > 0 && rest < k
	if !small && !restSmall {
		return c
	}
	c.Suppressed = true
	c.Lo, c.Hi = 1, total-1
	if small {
		c.Why = HiddenSmall
		c.Hi = min(c.Hi, k-1)
	}
	if restSmall {
		if !small {
			c.Why = HiddenRest
		}
		c.Lo = max(c.Lo, total-k+1)
	}
	return c
}

// RowCell is one count of a breakdown row for ProtectRow: its value, the
// most it could be (the group's number assessed, or the group's records
// for the number assessed), and whether it is hidden.
type RowCell struct {
	N, Max     int
	Hidden     bool
	Primary    bool // hidden by primary suppression
	HideAlways bool // hidden for another reason (its group's number assessed is hidden)
}

// Interval is the smallest and largest value a hidden cell can take
// given what a row shows: the shown cells, the total (exactly, or as a
// band lo..hi) and each cell's maximum.
func Interval(cells []RowCell, j, totLo, totHi int) (lo, hi int) {
	shown, otherMax := 0, 0
	for i, c := range cells {
		switch {
		case !c.Hidden:
			shown += c.N
		case i != j:
			otherMax += c.Max
		}
	}
	rlo, rhi := totLo-shown, totHi-shown
	lo = max(0, rlo-otherMax)
	hi = min(cells[j].Max, rhi)
	return lo, hi
}

// protected reports whether hidden cell j is protected: the row leaves it
// at least k−1 wide, or as wide as its maximum allows.
func protected(cells []RowCell, j, totLo, totHi, k int) bool {
	lo, hi := Interval(cells, j, totLo, totHi)
	return hi-lo >= min(k-1, cells[j].Max)
}

// ProtectRow hides cells of a breakdown row until every primary-hidden
// cell is protected (see Interval), each time hiding the shown cell with
// the smallest count that could help (its maximum above zero). With
// sumRule, the hidden cells must also add up to nobody or to at least k
// people (for counts of people assessed, whose means are shown: the
// hidden groups' means could otherwise be worked out from the area's
// mean). It returns false when even hiding every cell leaves a cell
// unprotected: the row's total alone then tells as much, and it is
// already published (or banded) where it appears.
func ProtectRow(cells []RowCell, totLo, totHi, k int, sumRule bool) bool {
	for i := range cells {
		if cells[i].Primary || cells[i].HideAlways {
			cells[i].Hidden = true
		}
	}
	for {
		ok := true
		for j := range cells {
			if cells[j].Hidden && cells[j].Primary && !protected(cells, j, totLo, totHi, k) {
				ok = false
				break
			}
		}
		if ok && sumRule {
			sum, any := 0, false
			for _, c := range cells {
				if c.Hidden {
					sum += c.N
					any = true
				}
			}
			ok = !any || sum == 0 || sum >= k
		}
		if ok {
			return true
		}
		best := -1
		for i, c := range cells {
			if c.Hidden || c.Max == 0 {
				continue
			}
			if best < 0 || c.N < cells[best].N || (c.N == cells[best].N && c.Max > cells[best].Max) {
				best = i
			}
		}
		if best < 0 {
			return false
		}
		cells[best].Hidden = true
	}
}
