package postgen

// The dates of a record tell one consistent story, read backwards from the
// last scan: the current streak of the record's status, and before it,
// possibly, a streak of the other status. A Failed record's streak therefore
// starts after its last pass, a Passed record's after its last failure, and
// nothing is later than RESPONSE/DATETIME.

// Spans of the generated history, in seconds.
const (
	maxScanAge   = 14 * secondsPerDay
	maxStreak    = 60 * secondsPerDay
	maxGap       = 30 * secondsPerDay
	maxOldStreak = 90 * secondsPerDay
	maxDPVAge    = 30 * secondsPerDay
)

// fill sets every field of r to record i of an export whose DATETIME is t.
// The kind of change planned for the record constrains what it may hold; a
// plain export passes Unchanged.
func (l *layout) fill(i, t int64, kind Kind, r *record) {
	l.setKey(i, r)
	g := newRNG(l.seed, tagRecord, uint64(i))
	r.status = constrain(kind, drawStatus(&g), &g)
	last := setHistory(r, t, &g)
	setText(r, kind, last, &g)
}

// drawStatus picks a status with the rough mix of a real policy.
func drawStatus(g *rng) status {
	switch v := g.intn(100); {
	case v < 60:
		return passed
	case v < 93:
		return failed
	}
	return errored
}

// constrain returns the status a record planned for kind must have before
// the change: a regression starts from Passed, a fix from Failed, and so on.
func constrain(kind Kind, s status, g *rng) status {
	switch kind {
	case Regressed:
		return passed
	case Fixed:
		return failed
	case FromError:
		return errored
	case ToError, Reevaluated, Flapped:
		if s == errored {
			return passOrFail(g)
		}
	}
	return s
}

// passOrFail picks Passed or Failed with even odds.
func passOrFail(g *rng) status {
	return status(g.intn(2))
}

// other returns the opposite of Passed or Failed.
func other(s status) status {
	return 1 - s
}

// setHistory fills the dates of r for an export at time t and returns the
// time of the record's last scan.
func setHistory(r *record, t int64, g *rng) int64 {
	r.firstFail, r.lastFail, r.firstPass, r.lastPass = 0, 0, 0, 0
	last := t - g.between(0, maxScanAge)
	if r.status == errored {
		errorHistory(r, last, g)
	} else {
		streakHistory(r, last, g)
	}
	return last
}

// streakHistory fills the dates of a Passed or Failed record last scanned at
// last.
func streakHistory(r *record, last int64, g *rng) {
	first := last
	if g.chance(70) {
		first = last - g.between(1, maxStreak)
	}
	setStreak(r, r.status, first, last)
	r.prev = r.status
	if g.chance(60) {
		oLast := first - g.between(1, maxGap)
		setStreak(r, other(r.status), oLast-g.between(0, maxOldStreak), oLast)
		if first == last {
			r.prev = other(r.status)
		}
	}
	r.modified = g.between(first, last)
}

// errorHistory fills the dates of an Error record whose last scan, at last,
// failed to evaluate: most have passed or failed before.
func errorHistory(r *record, last int64, g *rng) {
	r.modified = last
	r.prev = errored
	if !g.chance(70) {
		return
	}
	s := passOrFail(g)
	sLast := last - g.between(1, maxGap)
	sFirst := sLast - g.between(0, maxStreak)
	setStreak(r, s, sFirst, sLast)
	r.prev = s
	if g.chance(50) {
		oLast := sFirst - g.between(1, maxGap)
		setStreak(r, other(s), oLast-g.between(0, maxOldStreak), oLast)
	}
}

// setStreak records that r had status s from first to last.
func setStreak(r *record, s status, first, last int64) {
	if s == passed {
		r.firstPass, r.lastPass = first, last
	} else {
		r.firstFail, r.lastFail = first, last
	}
}

// setText picks the remediation and evidence of r. A record planned for a
// text change always carries the text that will change.
func setText(r *record, kind Kind, last int64, g *rng) {
	r.remedy = -1
	if g.chance(50) || kind == RemediationChanged {
		r.remedy = r.ctl.remedy
	}
	r.evidence = g.chance(85) || kind == EvidenceChanged
	r.expr = r.ctl.expr
	for j := range r.values {
		r.values[j] = int(g.intn(int64(len(pointValues))))
	}
	r.updated = last - g.between(0, maxDPVAge)
}
