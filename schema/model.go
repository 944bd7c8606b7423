package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Occur is how often a particle may occur.
type Occur uint8

// The occurrence indicators of a DTD.
const (
	Once Occur = iota
	Optional
	ZeroOrMore
	OneOrMore
)

func (o Occur) String() string { return [...]string{"", "?", "*", "+"}[o] }

// Particle is a node of a content model: an element name, a sequence or a choice.
type Particle struct {
	Name   string      // element name; empty for a group
	Choice bool        // a group of alternatives rather than a sequence
	Items  []*Particle // members of a group
	Occur  Occur
}

func (p *Particle) String() string {
	if p.Name != "" {
		return p.Name + p.Occur.String()
	}
	sep := ", "
	if p.Choice {
		sep = " | "
	}
	parts := make([]string, len(p.Items))
	for i, it := range p.Items {
		parts[i] = it.String()
	}
	return "(" + strings.Join(parts, sep) + ")" + p.Occur.String()
}

// automaton is the deterministic automaton of a content model. State 0 is the
// start; each state lists the names it accepts and where they lead.
type automaton struct {
	states []state
}

type state struct {
	names []string
	elems []*Element // the declarations of names, resolved after parsing
	next  []int32
	final bool
}

// Step returns the state of e's content model after a child el, or -1 when the
// model does not allow el there. The start state is 0.
func (e *Element) Step(from int32, el *Element) int32 {
	st := &e.auto.states[from]
	for i, x := range st.elems {
		if x == el {
			return st.next[i]
		}
	}
	return -1
}

// StepName is [Element.Step] for a child known by name: it returns the child's
// declaration and the next state, or nil and -1 when the model does not expect
// name in state from. It saves looking the name up when the model expects it.
func (e *Element) StepName(from int32, name []byte) (*Element, int32) {
	st := &e.auto.states[from]
	for i, n := range st.names {
		if n == string(name) {
			return st.elems[i], st.next[i]
		}
	}
	return nil, -1
}

// Final tells whether e's content may end in state st.
func (e *Element) Final(st int32) bool { return e.auto.states[st].final }

// Expected says what e's content model allows in state st, for a message.
func (e *Element) Expected(st int32) string { return e.auto.expected(st) }

// resolve links the names of the automaton to their declarations.
func (a *automaton) resolve(s *Schema) error {
	for i := range a.states {
		st := &a.states[i]
		for _, n := range st.names {
			el := s.Elements[n]
			if el == nil {
				return fmt.Errorf("content model names undeclared element %q", n)
			}
			st.elems = append(st.elems, el)
		}
	}
	return nil
}

// glushkov holds the positions (the name leaves) of a model and what may follow each.
type glushkov struct {
	names  []string
	follow [][]int
}

type sets struct {
	nullable    bool
	first, last []int
}

// compile builds the automaton of a content model, or reports that the model is
// not deterministic, which XML forbids.
func compile(root *Particle) (*automaton, error) {
	g := &glushkov{}
	top := g.walk(root)
	a := &automaton{}
	index := map[string]int32{}
	queue := [][]int{nil}
	index[""] = 0
	a.states = append(a.states, state{})
	for q := 0; q < len(queue); q++ {
		set := queue[q]
		st := state{final: set == nil && top.nullable || slices.ContainsFunc(set, func(p int) bool {
			return slices.Contains(top.last, p)
		})}
		cand := top.first
		if set != nil {
			cand = nil
			for _, p := range set {
				cand = append(cand, g.follow[p]...)
			}
		}
		byName := map[string][]int{}
		var order []string
		for _, p := range uniq(cand) {
			n := g.names[p]
			if byName[n] == nil {
				order = append(order, n)
			}
			byName[n] = append(byName[n], p)
		}
		for _, n := range order {
			if len(byName[n]) > 1 {
				return nil, fmt.Errorf("content model %v is not deterministic at %q", root, n)
			}
			target := byName[n]
			key := fmt.Sprint(target)
			id, ok := index[key]
			if !ok {
				id = int32(len(queue))
				index[key] = id
				queue = append(queue, target)
				a.states = append(a.states, state{})
			}
			st.names = append(st.names, n)
			st.next = append(st.next, id)
		}
		a.states[q] = st
	}
	return a, nil
}

func uniq(ps []int) []int {
	ps = slices.Clone(ps)
	slices.Sort(ps)
	return slices.Compact(ps)
}

// walk computes nullable, first and last of p and adds to the follow sets.
func (g *glushkov) walk(p *Particle) sets {
	var s sets
	switch {
	case p.Name != "":
		pos := len(g.names)
		g.names = append(g.names, p.Name)
		g.follow = append(g.follow, nil)
		s = sets{first: []int{pos}, last: []int{pos}}
	case p.Choice:
		s.nullable = len(p.Items) == 0
		for _, it := range p.Items {
			c := g.walk(it)
			s.nullable = s.nullable || c.nullable
			s.first = append(s.first, c.first...)
			s.last = append(s.last, c.last...)
		}
	default:
		s.nullable = true
		for _, it := range p.Items {
			c := g.walk(it)
			for _, l := range s.last {
				g.follow[l] = append(g.follow[l], c.first...)
			}
			if s.nullable {
				s.first = append(s.first, c.first...)
			}
			if c.nullable {
				s.last = append(s.last, c.last...)
			} else {
				s.last = c.last
			}
			s.nullable = s.nullable && c.nullable
		}
	}
	if p.Occur == ZeroOrMore || p.Occur == OneOrMore {
		for _, l := range s.last {
			g.follow[l] = append(g.follow[l], s.first...)
		}
	}
	if p.Occur == Optional || p.Occur == ZeroOrMore {
		s.nullable = true
	}
	return s
}

// expected lists what state st allows next, for a message.
func (a *automaton) expected(st int32) string {
	s := a.states[st]
	var parts []string
	for _, n := range s.names {
		parts = append(parts, fmt.Sprintf("%q", n))
	}
	if s.final {
		parts = append(parts, "the end of the element")
	}
	switch len(parts) {
	case 0:
		return "nothing"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}
