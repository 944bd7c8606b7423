package postgen

// Every random choice is drawn from a stream named by a tag and keyed by the
// seed and an index, so that a record, a host or a change decision can be
// recomputed on its own without generating anything before it.

// Stream tags keep the choices about different things independent of each
// other even when they share an index.
const (
	tagRecord uint64 = iota + 1
	tagRecordID
	tagHost
	tagControl
	tagPerm
	tagKind
	tagChange
)

// mix is the SplitMix64 finalizer: a bijection on uint64 whose output bits
// each depend on every input bit.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hash3 combines a seed, a stream tag and an index into one well-mixed value.
func hash3(seed, tag, i uint64) uint64 {
	return mix(mix(seed^tag*0x9e3779b97f4a7c15) ^ i)
}

// rng is a SplitMix64 generator: cheap, allocation-free and good enough for
// test data.
type rng struct{ s uint64 }

// newRNG starts the stream tag of index i under seed.
func newRNG(seed, tag, i uint64) rng {
	return rng{s: hash3(seed, tag, i)}
}

// next returns the next 64 random bits.
func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix(r.s)
}

// intn returns a value in [0, n); n must be positive. The modulo bias is far
// below anything a test of generated data could notice.
func (r *rng) intn(n int64) int64 {
	return int64(r.next() % uint64(n))
}

// between returns a value in [lo, hi]; when hi < lo it returns lo.
func (r *rng) between(lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// chance reports true with probability pct percent.
func (r *rng) chance(pct int64) bool {
	return r.intn(100) < pct
}
