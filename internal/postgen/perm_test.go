package postgen

import (
	"math/bits"
	"testing"
)

func TestPermIsBijection(t *testing.T) {
	tests := []struct {
		name   string
		n      uint64
		reason string
	}{
		{"one", 1, "a single index has nowhere to go and must map to itself"},
		{"two", 2, "the smallest domain that the Feistel network actually permutes"},
		{"three", 3, "cycle walking rejects one of four domain values"},
		{"four", 4, "a power of two fills the two-bit domain exactly"},
		{"prime 7", 7, "an odd width is rounded up to an even domain"},
		{"sixteen", 16, "a power of two with an even width needs no cycle walking"},
		{"seventeen", 17, "one past a power of two walks the most: the domain is near 4n"},
		{"prime 97", 97, "a prime shares no factor with the domain size"},
		{"thousand", 1000, "the default block of a pair's change plan"},
		{"1024", 1024, "a power of two with an even width"},
		{"2048", 2048, "a power of two with an odd width"},
		{"prime 65521", 65521, "the largest prime below 2^16"},
		{"prime 100003", 100003, "a prime domain larger than any test export"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, key := range []uint64{0, 1, 0xdeadbeef} {
				checkBijection(t, newPerm(tt.n, key), tt.n)
			}
		})
	}
}

// checkBijection fails t unless p maps [0, n) onto itself one to one.
func checkBijection(t *testing.T, p perm, n uint64) {
	t.Helper()
	seen := make([]uint64, (n+63)/64)
	for x := range n {
		y := p.at(x)
		if y >= n {
			t.Fatalf("at(%d) = %d, outside [0, %d)", x, y, n)
		}
		if seen[y/64]&(1<<(y%64)) != 0 {
			t.Fatalf("at(%d) = %d, an image already taken", x, y)
		}
		seen[y/64] |= 1 << (y % 64)
	}
}

func TestPermShuffles(t *testing.T) {
	tests := []struct {
		name   string
		n      uint64
		reason string
	}{
		{"thousand", 1000, "a page-sized domain must not come out nearly in order"},
		{"large prime", 100003, "cycle walking must not leave long runs in place"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, q := newPerm(tt.n, 1), newPerm(tt.n, 2)
			var fixed, same, ascending uint64
			for x := range tt.n {
				if p.at(x) == x {
					fixed++
				}
				if p.at(x) == q.at(x) {
					same++
				}
				if x > 0 && p.at(x) == p.at(x-1)+1 {
					ascending++
				}
			}
			// A random permutation has about one fixed point and one
			// agreement with another; allow a wide margin.
			limit := uint64(bits.Len64(tt.n)) * 2
			if fixed > limit || same > limit || ascending > limit {
				t.Errorf("fixed points %d, agreements %d, ascending steps %d; want each <= %d",
					fixed, same, ascending, limit)
			}
		})
	}
}
