package diff

import "strconv"

// HostName is how people know a host: its address and DNS name, from the
// GLOSSARY of a posture info list or the HOST section of a policy report.
type HostName struct {
	IP  string
	DNS string
}

// ControlName is how people know a control: its statement and criticality.
type ControlName struct {
	Statement   string
	Criticality string // MINIMAL, MEDIUM, SERIOUS, CRITICAL or URGENT; "" if not given
	Value       int    // the criticality's VALUE, 0 if not given
}

// Names joins the keys of records to the names their exports give them. NEW's
// names win over OLD's, and an earlier page's over a later one's.
type Names struct {
	Hosts        map[string]HostName
	Controls     map[string]ControlName
	Technologies map[string]string
}

func newNames() *Names {
	return &Names{Hosts: map[string]HostName{}, Controls: map[string]ControlName{},
		Technologies: map[string]string{}}
}

// add adds the names of o that n lacks.
func (n *Names) add(o *Names) {
	for k, v := range o.Hosts {
		if _, ok := n.Hosts[k]; !ok {
			n.Hosts[k] = v
		}
	}
	for k, v := range o.Controls {
		if _, ok := n.Controls[k]; !ok {
			n.Controls[k] = v
		}
	}
	for k, v := range o.Technologies {
		if _, ok := n.Technologies[k]; !ok {
			n.Technologies[k] = v
		}
	}
}

// criticalities are the criticality labels, least critical first.
var criticalities = []string{"MINIMAL", "MEDIUM", "SERIOUS", "CRITICAL", "URGENT"}

// glossEntry gathers one glossary entry as the observer reads it.
type glossEntry struct {
	id, ip, dns, statement, label, value, name []byte
}

func (g *glossEntry) reset() {
	*g = glossEntry{id: g.id[:0], ip: g.ip[:0], dns: g.dns[:0], statement: g.statement[:0],
		label: g.label[:0], value: g.value[:0], name: g.name[:0]}
}

func (g *glossEntry) control() ControlName {
	v, _ := strconv.Atoi(string(g.value))
	return ControlName{Statement: string(g.statement), Criticality: string(g.label), Value: v}
}

// addHost, addControl and addTechnology keep the first entry for an ID.
func (n *Names) addHost(id []byte, h HostName) {
	if _, ok := n.Hosts[string(id)]; !ok {
		n.Hosts[string(id)] = h
	}
}

func (n *Names) addControl(id []byte, g *glossEntry) {
	if _, ok := n.Controls[string(id)]; !ok {
		n.Controls[string(id)] = g.control()
	}
}

func (n *Names) addTechnology(id, name []byte) {
	if _, ok := n.Technologies[string(id)]; !ok {
		n.Technologies[string(id)] = string(name)
	}
}
