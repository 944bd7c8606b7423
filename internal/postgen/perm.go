package postgen

import "math/bits"

// feistelRounds is enough rounds for a balanced Feistel network to scatter
// neighbouring indices; the order only needs to look shuffled, not resist
// analysis.
const feistelRounds = 4

// perm is a keyed bijection of [0, n) computed one index at a time, so a
// shuffled order of any length needs no stored table.
//
// A balanced Feistel network permutes the smallest even-width bit domain
// holding n values; an output outside [0, n) is fed back in (cycle walking)
// until it lands inside. The domain is below 4n, so a walk takes under four
// steps on average.
type perm struct {
	n    uint64
	half uint
	mask uint64
	keys [feistelRounds]uint64
}

// newPerm returns the permutation of [0, n) selected by key.
func newPerm(n, key uint64) perm {
	p := perm{n: n}
	if n <= 1 {
		return p
	}
	width := uint(bits.Len64(n - 1))
	p.half = (width + 1) / 2
	p.mask = 1<<p.half - 1
	for r := range p.keys {
		p.keys[r] = hash3(key, tagPerm, uint64(r))
	}
	return p
}

// at returns the image of x, which must be below n.
func (p *perm) at(x uint64) uint64 {
	if p.n <= 1 {
		return x
	}
	for {
		x = p.round(x)
		if x < p.n {
			return x
		}
	}
}

// round applies the whole Feistel network once to a value of the bit domain.
func (p *perm) round(x uint64) uint64 {
	l, r := x>>p.half, x&p.mask
	for _, k := range p.keys {
		l, r = r, l^(mix(r^k)&p.mask)
	}
	return l<<p.half | r
}
