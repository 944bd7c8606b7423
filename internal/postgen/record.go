package postgen

import "strconv"

// Record index i maps to its key without any table: the host cycles fastest,
// then the control, then the instance level k. Level 0 is the host's
// operating system; each level above it is one named application instance.
// Distinct indices therefore have distinct keys.

// status is a posture STATUS (or PREVIOUS_STATUS) value.
type status uint8

const (
	passed status = iota
	failed
	errored
)

// statusNames are the texts of the statuses, in the order above.
var statusNames = [...]string{"Passed", "Failed", "Error"}

// How a host writes the INSTANCE of its operating-system records.
const (
	instanceOmitted uint8 = iota
	instanceEmpty
	instanceText
)

// record is one INFO element. Dates are Unix seconds, 0 when absent.
type record struct {
	id, hostID, controlID, techID int64
	ctl                           control
	tech                          int
	instMode                      uint8
	inst                          []byte
	status, prev                  status
	modified                      int64
	firstFail, lastFail           int64
	firstPass, lastPass           int64
	remedy                        int // index into remediations, -1 for none
	evidence                      bool
	expr                          int
	values                        [maxPoints]int
	updated                       int64 // DPV lastUpdated
}

// host is what a record needs to know about its host.
type host struct {
	id       int64
	os       int // index into layout.techs
	apps     int // offset of the host's first application technology
	instMode uint8
}

// hostAt returns host h.
func (l *layout) hostAt(h int64) host {
	g := newRNG(l.seed, tagHost, uint64(h))
	return host{
		id:       100000 + 4*h + g.intn(4),
		os:       l.osTechs[g.intn(int64(len(l.osTechs)))],
		apps:     int(g.intn(int64(len(l.techs)))),
		instMode: uint8(g.intn(3)),
	}
}

// control is what records and the glossary need to know about a control.
type control struct {
	id       int64
	text     int // index into statements
	severity int // index into criticalities
	remedy   int // index into remediations
	expr     int // index into expressions
}

// controlAt returns control c; IDs ascend with c.
func (l *layout) controlAt(c int64) control {
	g := newRNG(l.seed, tagControl, uint64(c))
	return control{
		id:       1000 + 2*c + g.intn(2),
		text:     int(g.intn(int64(len(statements)))),
		severity: int(g.intn(int64(len(criticalities)))),
		remedy:   int(g.intn(int64(len(remediations)))),
		expr:     int(g.intn(int64(len(expressions)))),
	}
}

// recordID returns the INFO/ID of record i; IDs ascend with i, so a range of
// indices is a range of IDs.
func (l *layout) recordID(i int64) int64 {
	return 10000 + 2*i + int64(hash3(l.seed, tagRecordID, uint64(i))&1)
}

// split returns the host, control and instance level of record i.
func (l *layout) split(i int64) (h, c, k int64) {
	q := i / l.hosts
	return i % l.hosts, q % l.controls, q / l.controls
}

// techOf returns the technology of host h's records at instance level k.
func (l *layout) techOf(hs host, k int64) int {
	if k == 0 || len(l.instTechs) == 0 {
		return hs.os
	}
	return l.instTechs[(int64(hs.apps)+k-1)%int64(len(l.instTechs))]
}

// setKey fills the key fields and ID of r for record i.
func (l *layout) setKey(i int64, r *record) {
	h, c, k := l.split(i)
	hs := l.hostAt(h)
	r.id = l.recordID(i)
	r.hostID = hs.id
	r.ctl = l.controlAt(c)
	r.controlID = r.ctl.id
	r.tech = l.techOf(hs, k)
	r.techID = l.techs[r.tech].id
	r.inst = r.inst[:0]
	r.instMode = hs.instMode
	if k == 0 {
		if hs.instMode == instanceText {
			r.inst = append(r.inst, "os"...)
		}
		return
	}
	r.instMode = instanceText
	r.inst = appendInstance(r.inst, l.techs[r.tech], k)
}

// appendInstance appends the name of instance level k of technology t, in the
// form Qualys uses for database instances (oracle19:1:1521:ORCL).
func appendInstance(b []byte, t technology, k int64) []byte {
	if t.prefix == "" {
		b = append(b, "os:"...)
		return strconv.AppendInt(b, k, 10)
	}
	b = append(b, t.prefix...)
	b = append(b, ':')
	b = strconv.AppendInt(b, k, 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, t.port, 10)
	b = append(b, ':')
	return append(b, t.sid...)
}

// key returns the key of record i.
func (l *layout) key(i int64) Key {
	var r record
	l.setKey(i, &r)
	return Key{
		HostID: r.hostID, ControlID: r.controlID, TechnologyID: r.techID, Instance: string(r.inst),
	}
}
