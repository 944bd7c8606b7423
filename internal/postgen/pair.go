package postgen

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// Kind is the way a record differs between the OLD and NEW export of a pair.
type Kind uint8

// The kinds of change, each checkable from the two records alone. A differ
// that classifies a record by the first kind that applies, in this order,
// finds exactly the kinds [WritePair] reports.
const (
	// Unchanged records are identical in OLD and NEW.
	Unchanged Kind = iota
	// Added records are in NEW only.
	Added
	// Removed records are in OLD only.
	Removed
	// Regressed records went from Passed to Failed.
	Regressed
	// Fixed records went from Failed to Passed.
	Fixed
	// ToError records went from Passed or Failed to Error.
	ToError
	// FromError records went from Error to Passed or Failed.
	FromError
	// Flapped records have the same status in both, but NEW's current streak
	// (FIRST_FAIL_DATE of a Failed record, FIRST_PASS_DATE of a Passed one)
	// began after OLD's DATETIME: the status changed and changed back.
	Flapped
	// Reevaluated records have the same status and streak, but their
	// LAST_FAIL_DATE or LAST_PASS_DATE and POSTURE_MODIFIED_DATE moved.
	Reevaluated
	// RemediationChanged records differ only in REMEDIATION.
	RemediationChanged
	// EvidenceChanged records differ only in EVIDENCE.
	EvidenceChanged
)

// numKinds is the number of kinds, Unchanged included.
const numKinds = int(EvidenceChanged) + 1

// kindNames are the texts of the kinds, as written in JSON.
var kindNames = [numKinds]string{
	"unchanged", "added", "removed", "regressed", "fixed", "to_error",
	"from_error", "flapped", "reevaluated", "remediation", "evidence",
}

// String returns the name of k, as written in JSON.
func (k Kind) String() string {
	if int(k) < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText returns the name of k.
func (k Kind) MarshalText() ([]byte, error) {
	if int(k) >= numKinds {
		return nil, fmt.Errorf("postgen: unknown kind %d", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText sets k from its name.
func (k *Kind) UnmarshalText(text []byte) error {
	i := slices.Index(kindNames[:], string(text))
	if i < 0 {
		return fmt.Errorf("postgen: unknown kind %q", text)
	}
	*k = Kind(i)
	return nil
}

// Kinds returns every kind of change, Unchanged left out, in the order the
// constants are declared.
func Kinds() []Kind {
	ks := make([]Kind, 0, numKinds-1)
	for k := Added; int(k) < numKinds; k++ {
		ks = append(ks, k)
	}
	return ks
}

// Key identifies a posture record within an export. An INSTANCE that is
// absent and one that is empty are the same key.
type Key struct {
	HostID       int64  `json:"host_id"`
	ControlID    int64  `json:"control_id"`
	TechnologyID int64  `json:"technology_id"`
	Instance     string `json:"instance"`
}

// Compare orders keys by host, control and technology ID, then instance.
func (k Key) Compare(o Key) int {
	return cmp.Or(
		cmp.Compare(k.HostID, o.HostID),
		cmp.Compare(k.ControlID, o.ControlID),
		cmp.Compare(k.TechnologyID, o.TechnologyID),
		cmp.Compare(k.Instance, o.Instance),
	)
}

// Change is one record that differs between OLD and NEW.
type Change struct {
	Key
	Kind Kind `json:"kind"`
}

// Changes is everything that differs between the two exports of a pair.
type Changes struct {
	// OldDateTime and NewDateTime are the RESPONSE/DATETIME of each side.
	OldDateTime time.Time `json:"old_datetime"`
	NewDateTime time.Time `json:"new_datetime"`
	// OldRecords and NewRecords are the number of records on each side.
	OldRecords int64 `json:"old_records"`
	NewRecords int64 `json:"new_records"`
	// Unchanged is the number of records identical on both sides.
	Unchanged int64 `json:"unchanged"`
	// Counts holds the number of changes of every kind but Unchanged, zeros
	// included.
	Counts map[Kind]int64 `json:"counts"`
	// List holds every change, sorted by key.
	List []Change `json:"changes"`
}

// PairConfig describes a pair of exports, OLD and NEW, of the same records.
// The embedded Config describes the records of both sides together (Records
// counts every record that is on either side) and OLD's DATETIME; its
// Shuffle shuffles OLD. Pairs are not paged.
type PairConfig struct {
	Config
	// ShuffleNew shuffles NEW, independently of OLD.
	ShuffleNew bool
	// Every is how many records carry one change of each kind: in every
	// full block of Every consecutive records, one record of each kind
	// changes. 0 means 1000; it must be at least the number of kinds.
	Every int64
	// Interval is how much later NEW's DATETIME is than OLD's; 0 means a
	// week. It must be at least an hour.
	Interval time.Duration
}

// pair is a validated PairConfig.
type pair struct {
	l          *layout
	every      int64
	tOld, tNew int64
	shuffleNew bool
}

// resolve validates c and fills in its defaults.
func (c PairConfig) resolve() (*pair, error) {
	if c.PageSize != 0 {
		return nil, errors.New("postgen: pairs are not paged: page size must be 0")
	}
	if c.Every == 0 {
		c.Every = 1000
	}
	if c.Interval == 0 {
		c.Interval = 7 * 24 * time.Hour
	}
	if c.Every < int64(numKinds-1) {
		return nil, fmt.Errorf("postgen: every %d is below the %d kinds of change",
			c.Every, numKinds-1)
	}
	if c.Interval < time.Hour {
		return nil, fmt.Errorf("postgen: interval %s is below an hour", c.Interval)
	}
	l, err := c.Config.resolve()
	if err != nil {
		return nil, err
	}
	p := &pair{l: l, every: c.Every, tOld: l.dt, shuffleNew: c.ShuffleNew}
	p.tNew = p.tOld + int64(c.Interval/time.Second)
	if err := checkDateTime(time.Unix(p.tNew, 0)); err != nil {
		return nil, fmt.Errorf("postgen: new %w", err)
	}
	return p, nil
}

// kindOf returns the change planned for record i. Each full block of every
// records is shuffled by its own permutation, and the records landing on
// the first positions get one kind each; a trailing partial block has none,
// so every kind occurs exactly n/every times.
func (p *pair) kindOf(i int64) Kind {
	b := i / p.every
	if (b+1)*p.every > p.l.n {
		return Unchanged
	}
	o := newPerm(uint64(p.every), hash3(p.l.seed, tagKind, uint64(b)))
	if q := o.at(uint64(i % p.every)); q < uint64(numKinds-1) {
		return Kind(q + 1)
	}
	return Unchanged
}

// WritePair writes the OLD and NEW exports described by cfg and returns
// what differs between them. Memory use grows with the number of changes
// only, not with cfg.Records.
//
// Both documents share one GLOSSARY, covering the records of either side, so
// an entry can be unreferenced in one of them when few records are
// generated.
func WritePair(old, new io.Writer, cfg PairConfig) (Changes, error) {
	p, err := cfg.resolve()
	if err != nil {
		return Changes{}, err
	}
	if err := p.side(streamOld).write(old); err != nil {
		return Changes{}, fmt.Errorf("postgen: write OLD export: %w", err)
	}
	if err := p.side(streamNew).write(new); err != nil {
		return Changes{}, fmt.Errorf("postgen: write NEW export: %w", err)
	}
	return p.changes(), nil
}

// side returns the document of OLD or NEW.
func (p *pair) side(stream uint64) *document {
	l := p.l
	d := &document{l: l, dt: p.tOld, lo: 0, hi: l.n, next: -1, fill: p.fillOld}
	shuffle := l.shuffle
	if stream == streamNew {
		d.dt, d.fill, shuffle = p.tNew, p.fillNew, p.shuffleNew
	}
	if shuffle {
		d.order = l.order(stream, 0, l.n)
	}
	return d
}

// fillOld fills r with OLD's record i, reporting false if OLD lacks it.
func (p *pair) fillOld(i int64, r *record) bool {
	k := p.kindOf(i)
	if k == Added {
		return false
	}
	p.l.fill(i, p.tOld, k, r)
	return true
}

// fillNew fills r with NEW's record i, reporting false if NEW lacks it.
func (p *pair) fillNew(i int64, r *record) bool {
	switch k := p.kindOf(i); k {
	case Removed:
		return false
	case Added:
		p.l.fill(i, p.tNew, k, r)
	default:
		p.l.fill(i, p.tOld, k, r)
		p.change(i, k, r)
	}
	return true
}

// changes lists the planned changes, sorted by key.
func (p *pair) changes() Changes {
	cs := Changes{
		OldDateTime: time.Unix(p.tOld, 0).UTC(),
		NewDateTime: time.Unix(p.tNew, 0).UTC(),
		Counts:      make(map[Kind]int64, numKinds-1),
		List:        []Change{},
	}
	for _, k := range Kinds() {
		cs.Counts[k] = 0
	}
	for i := range p.l.n {
		k := p.kindOf(i)
		if k == Unchanged {
			cs.Unchanged++
			continue
		}
		cs.Counts[k]++
		cs.List = append(cs.List, Change{Key: p.l.key(i), Kind: k})
	}
	cs.OldRecords = p.l.n - cs.Counts[Added]
	cs.NewRecords = p.l.n - cs.Counts[Removed]
	slices.SortFunc(cs.List, func(a, b Change) int { return a.Key.Compare(b.Key) })
	return cs
}
