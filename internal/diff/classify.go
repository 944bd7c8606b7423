package diff

import (
	"fmt"
	"slices"
)

// Kind is how the records of one key differ between OLD and NEW. The kinds
// are declared in the order reports list them.
type Kind uint8

// The kinds of change. A key whose records differ in several ways has the
// first kind that applies among: a status transition, Flapped, Remediation,
// Evidence, Reevaluated; the other ways are its [Aspect]s.
const (
	// Regressed records went from Passed to Failed.
	Regressed Kind = iota
	// ToError records went from Passed or Failed to Error.
	ToError
	// Fixed records went from Failed to Passed.
	Fixed
	// FromError records went from Error to Passed or Failed.
	FromError
	// StatusChanged records changed STATUS in any other way: a status that
	// is missing or not one of Passed, Failed and Error on one side.
	StatusChanged
	// Added records are in NEW only.
	Added
	// Removed records are in OLD only.
	Removed
	// Flapped records have the same status in both, but NEW's current streak
	// began after OLD was captured: the status changed and changed back in
	// between, unseen by either export.
	Flapped
	// Inconsistent records are the same in both, but a date of one of them
	// is later than its export's own DATETIME.
	Inconsistent
	// Duplicate keys occur more than once on a side; their records are
	// listed, not compared.
	Duplicate
	// Remediation records changed their REMEDIATION text.
	Remediation
	// Evidence records changed their evidence (EVIDENCE and
	// CAUSE_OF_FAILURE).
	Evidence
	// Reevaluated records kept status, streak and texts, but their other
	// dates or PREVIOUS_STATUS moved: they were scanned again.
	Reevaluated

	numKinds = int(Reevaluated) + 1
)

var kindNames = [numKinds]string{
	"regressed", "to_error", "fixed", "from_error", "status_changed", "added", "removed",
	"flapped", "inconsistent", "duplicate", "remediation", "evidence", "reevaluated",
}

// String returns the name of k, as written in JSON and taken by filters.
func (k Kind) String() string {
	if int(k) < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText returns the name of k.
func (k Kind) MarshalText() ([]byte, error) {
	if int(k) >= numKinds {
		return nil, fmt.Errorf("diff: unknown kind %d", uint8(k))
	}
	return []byte(kindNames[k]), nil
}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	i := slices.Index(kindNames[:], s)
	if i < 0 {
		return 0, fmt.Errorf("unknown kind of change %q", s)
	}
	return Kind(i), nil
}

// Kinds returns every kind, in the order reports list them.
func Kinds() []Kind {
	ks := make([]Kind, numKinds)
	for i := range ks {
		ks[i] = Kind(i)
	}
	return ks
}

// Aspect is a way a record changed besides its kind.
type Aspect uint8

// The aspects of a change.
const (
	RemediationChanged Aspect = 1 << iota // REMEDIATION text changed
	EvidenceChanged                       // EVIDENCE or CAUSE_OF_FAILURE changed
	DatesMoved                            // dates or PREVIOUS_STATUS moved
)

// Has reports whether a includes b.
func (a Aspect) Has(b Aspect) bool { return a&b != 0 }

// classify returns how the records of a key present once on each side differ;
// ok is false when they do not.
func classify(o, n *Record) (k Kind, also Aspect, ok bool) {
	also = textAspects(o, n)
	if o.Status != n.Status {
		return transition(o.Status, n.Status), also, true
	}
	if datesDiffer(o, n) {
		also |= DatesMoved
	}
	ns := n.streak()
	switch {
	case ns.Set() && o.Captured.Set() && ns > o.Captured && ns != o.streak():
		return Flapped, also &^ DatesMoved, true
	case also.Has(RemediationChanged):
		return Remediation, also &^ RemediationChanged, true
	case also.Has(EvidenceChanged):
		return Evidence, also &^ EvidenceChanged, true
	case also.Has(DatesMoved):
		return Reevaluated, 0, true
	}
	return 0, 0, false
}

func textAspects(o, n *Record) Aspect {
	var a Aspect
	if o.Remediation.Hash != n.Remediation.Hash {
		a |= RemediationChanged
	}
	if o.Evidence.Hash != n.Evidence.Hash {
		a |= EvidenceChanged
	}
	return a
}

func datesDiffer(o, n *Record) bool {
	return o.Previous != n.Previous || o.Modified != n.Modified ||
		o.FirstFail != n.FirstFail || o.LastFail != n.LastFail ||
		o.FirstPass != n.FirstPass || o.LastPass != n.LastPass
}

// transition names a change of status.
func transition(from, to Status) Kind {
	known := func(s Status) bool { return s == Passed || s == Failed }
	switch {
	case from == Passed && to == Failed:
		return Regressed
	case from == Failed && to == Passed:
		return Fixed
	case known(from) && to == Error:
		return ToError
	case from == Error && known(to):
		return FromError
	}
	return StatusChanged
}

// Worse reports whether the change makes the posture worse: a regression, a
// control that no longer evaluates, or a new record that fails or errs.
func (c *Change) Worse() bool {
	switch c.Kind {
	case Regressed, ToError:
		return true
	case Added:
		return len(c.New) == 1 && (c.New[0].Status == Failed || c.New[0].Status == Error)
	}
	return false
}

// Note ids: what makes a record's dates contradict each other.
const (
	// NoteAfterCapture: a date is later than the record's own export.
	NoteAfterCapture = "date-after-capture"
	// NoteStreakBeforeOld: NEW's current streak began before OLD was
	// captured, yet OLD shows another status.
	NoteStreakBeforeOld = "streak-before-old"
	// NoteFirstDateBack: a first fail or pass date moved backwards.
	NoteFirstDateBack = "first-date-backwards"
)

// Note is an inconsistency a reviewer must see: dates of a record that
// contradict its export or the other side.
type Note struct {
	ID   string
	Side Side
	Msg  string
}

// dateNames names the dates of a record in each format.
type dateNames struct {
	modified, captured string
}

func namesOf(f Format) dateNames {
	if f == PolicyReport {
		return dateNames{modified: "EVALUATION_DATE", captured: "GENERATION_DATETIME"}
	}
	return dateNames{modified: "POSTURE_MODIFIED_DATE", captured: "DATETIME"}
}

// notes lists the inconsistencies of the records of a key; o or n is nil
// when the key is on one side only.
func notes(o, n *Record, f Format) []Note {
	dn := namesOf(f)
	var ns []Note
	for side, r := range []*Record{o, n} {
		if r != nil {
			ns = afterCapture(ns, Side(side), r, dn)
		}
	}
	if o == nil || n == nil {
		return ns
	}
	if s := n.streak(); o.Status != n.Status && s.Set() && o.Captured.Set() && s < o.Captured {
		ns = append(ns, Note{ID: NoteStreakBeforeOld, Side: New, Msg: fmt.Sprintf(
			"NEW's %s streak began %v (%s), before OLD was captured (%v), yet OLD shows %s",
			n.Status, s, firstDateName(n.Status), o.Captured, statusText(o.Status))})
	}
	for _, d := range []struct {
		name     string
		old, new Date
	}{
		{"FIRST_FAIL_DATE", o.FirstFail, n.FirstFail},
		{"FIRST_PASS_DATE", o.FirstPass, n.FirstPass},
	} {
		if d.old.Set() && d.new.Set() && d.new < d.old {
			ns = append(ns, Note{ID: NoteFirstDateBack, Side: New, Msg: fmt.Sprintf(
				"%s moved backwards, from %v to %v", d.name, d.old, d.new)})
		}
	}
	return ns
}

// afterCapture notes the dates of r later than its export.
func afterCapture(ns []Note, side Side, r *Record, dn dateNames) []Note {
	if !r.Captured.Set() {
		return ns
	}
	for _, d := range []struct {
		name string
		d    Date
	}{{dn.modified, r.Modified}, {"FIRST_FAIL_DATE", r.FirstFail},
		{"LAST_FAIL_DATE", r.LastFail}, {"FIRST_PASS_DATE", r.FirstPass},
		{"LAST_PASS_DATE", r.LastPass}} {
		if d.d.Set() && d.d > r.Captured {
			ns = append(ns, Note{ID: NoteAfterCapture, Side: side, Msg: fmt.Sprintf(
				"%v's %s %v is later than its export's %s %v", side, d.name, d.d,
				dn.captured, r.Captured)})
		}
	}
	return ns
}

func firstDateName(s Status) string {
	if s == Passed {
		return "FIRST_PASS_DATE"
	}
	return "FIRST_FAIL_DATE"
}

func statusText(s Status) string {
	if s == NoStatus {
		return "no status"
	}
	return string(s)
}
