package postgen

// change turns r, OLD's record i, into NEW's record of kind k. Every date it
// sets lies after OLD's DATETIME and not after NEW's, so the story of each
// record stays consistent on both sides.
func (p *pair) change(i int64, k Kind, r *record) {
	g := newRNG(p.l.seed, tagChange, uint64(i))
	a, b := p.tOld+1, p.tNew
	switch k {
	case Regressed:
		newStreak(r, failed, a, b, &g)
	case Fixed:
		newStreak(r, passed, a, b, &g)
	case FromError:
		newStreak(r, passOrFail(&g), a, b, &g)
	case ToError:
		r.prev, r.status = r.status, errored
		r.modified = g.between(a, b)
	case Reevaluated:
		last := g.between(a, b)
		setStreak(r, r.status, streakStart(r), last)
		r.modified = g.between(a, last)
		r.prev = r.status
	case Flapped:
		flap(r, a, b, &g)
	case RemediationChanged:
		r.remedy = (r.remedy + 1) % len(remediations)
	case EvidenceChanged:
		r.values[0] = (r.values[0] + 1) % len(pointValues)
	}
}

// newStreak gives r status s, newly reached within [a, b]. The dates of the
// other status stay as they were, all before a.
func newStreak(r *record, s status, a, b int64, g *rng) {
	first := g.between(a, b)
	last := first
	if g.chance(70) {
		last = g.between(first, b)
	}
	r.prev = r.status
	if first < last {
		r.prev = s
	}
	r.status = s
	setStreak(r, s, first, last)
	r.modified = first
}

// streakStart returns the first date of the current streak of a Passed or
// Failed record.
func streakStart(r *record) int64 {
	if r.status == passed {
		return r.firstPass
	}
	return r.firstFail
}

// flap gives r a streak of the other status and then a new streak of its own
// status, all within [a, b]; b-a must be at least two seconds.
func flap(r *record, a, b int64, g *rng) {
	s := r.status
	oFirst := g.between(a, b-2)
	oLast := g.between(oFirst, b-2)
	setStreak(r, other(s), oFirst, oLast)
	first := g.between(oLast+1, b)
	last := g.between(first, b)
	setStreak(r, s, first, last)
	r.prev = s
	if first == last {
		r.prev = other(s)
	}
	r.modified = first
}
