package diff

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// Filter selects the changes a comparison reports and counts. A change must
// match every list that is not empty. The summary still accounts for every
// record; the per-host roll-up counts only the records the filter keeps.
type Filter struct {
	Kinds []Kind
	// Hosts are patterns (path.Match syntax) matched against a host's key
	// (HOST_ID or IP), its IP and its DNS name.
	Hosts []string
	// Controls are control IDs.
	Controls []string
	// Criticalities are criticality labels (MINIMAL ... URGENT).
	Criticalities []string
}

// Check reports the first host pattern or criticality label that is not
// well-formed.
func (f Filter) Check() error {
	for _, p := range f.Hosts {
		if _, err := path.Match(p, ""); err != nil {
			return fmt.Errorf("host pattern %q: %w", p, err)
		}
	}
	for _, c := range f.Criticalities {
		if !slices.Contains(criticalities, c) {
			return fmt.Errorf("criticality %q is not one of %s", c,
				strings.Join(criticalities, ", "))
		}
	}
	return nil
}

// records reports whether the filter looks at a record's host or control.
func (f Filter) records() bool {
	return len(f.Hosts) > 0 || len(f.Controls) > 0 || len(f.Criticalities) > 0
}

func (f Filter) kind(k Kind) bool { return len(f.Kinds) == 0 || slices.Contains(f.Kinds, k) }

func (f Filter) host(key string, h HostName) bool {
	if len(f.Hosts) == 0 {
		return true
	}
	for _, p := range f.Hosts {
		for _, s := range []string{key, h.IP, h.DNS} {
			if ok, _ := path.Match(p, s); ok && s != "" {
				return true
			}
		}
	}
	return false
}

func (f Filter) control(id string, c ControlName) bool {
	if len(f.Controls) > 0 && !slices.Contains(f.Controls, id) {
		return false
	}
	return len(f.Criticalities) == 0 || slices.Contains(f.Criticalities, c.Criticality)
}

// recordFilter applies a filter to encoded keys, remembering its answers for
// the current host and for every control.
type recordFilter struct {
	f        Filter
	names    *Names
	host     []byte
	hostOK   bool
	controls map[string]bool
}

func newRecordFilter(f Filter, names *Names) *recordFilter {
	return &recordFilter{f: f, names: names, controls: map[string]bool{}}
}

// match reports whether the record with encoded key k passes the filter.
func (r *recordFilter) match(k []byte) bool {
	if !r.f.records() {
		return true
	}
	h := hostPart(k)
	if r.host == nil || string(h) != string(r.host) {
		r.host = append(r.host[:0], h...)
		host, _, _ := decodeField(h)
		r.hostOK = r.f.host(host, r.names.Hosts[host])
	}
	if !r.hostOK {
		return false
	}
	rest := k[len(h):]
	n, err := fieldLen(rest)
	if err != nil {
		return false
	}
	ok, seen := r.controls[string(rest[:n])]
	if !seen {
		id, _, _ := decodeField(rest)
		ok = r.f.control(id, r.names.Controls[id])
		r.controls[string(rest[:n])] = ok
	}
	return ok
}

// FailOn is what counts as a difference for the exit status.
type FailOn uint8

// The choices of what counts as a difference.
const (
	// FailRegressed counts changes that make the posture worse: regressed,
	// to_error, and added records that fail or err.
	FailRegressed FailOn = iota
	// FailChanged counts every change but re-evaluations.
	FailChanged
	// FailAny counts every change, re-evaluations too.
	FailAny
	// FailNone counts nothing.
	FailNone
)

var failOnNames = [...]string{"regressed", "changed", "any", "none"}

// String returns the name --fail-on takes.
func (f FailOn) String() string { return failOnNames[f] }

// ParseFailOn returns the FailOn named s.
func ParseFailOn(s string) (FailOn, error) {
	i := slices.Index(failOnNames[:], s)
	if i < 0 {
		return 0, fmt.Errorf("unknown --fail-on %q: want one of %s", s,
			strings.Join(failOnNames[:], ", "))
	}
	return FailOn(i), nil
}
