package rules

import (
	"fmt"
	"runtime/debug"

	"github.com/antchfx/xmlquery"

	"qx/internal/scan"
	"qx/internal/validate"
)

// recordCheck is the check of a Go rule on one record. It calls emit for each
// problem, with the node the finding points at, the offending value and the
// message. The record's nodes are reused once the check returns: a check that
// remembers something across records keeps strings and numbers, not nodes.
type recordCheck func(r *Record, emit emitFunc)

type emitFunc func(n *xmlquery.Node, value, msg string)

// Set is the rules one run applies, ready to check documents.
type Set struct {
	rules  []*Rule
	byPath map[string][]*Rule
	kinds  map[string]*recordKind
}

// NewSet prepares rules to be run on documents. Rules that are not record
// rules are ignored.
func NewSet(rules []*Rule) *Set {
	s := &Set{byPath: map[string][]*Rule{}, kinds: map[string]*recordKind{}}
	for _, r := range rules {
		if !r.IsRecordRule() {
			continue
		}
		s.rules = append(s.rules, r)
		for _, p := range r.Records {
			s.byPath[p] = append(s.byPath[p], r)
			if s.kinds[p] == nil {
				key := recordKeys[p]
				if key == "" {
					key = "ID"
				}
				s.kinds[p] = &recordKind{path: p, key: key}
			}
		}
	}
	return s
}

// NewChecker returns a checker for one document.
func (s *Set) NewChecker() *Checker {
	return &Checker{set: s, checks: map[*Rule]recordCheck{}, asserts: map[*Rule]*Assertion{}}
}

// Checker runs a [Set] over one document, as the validate.Observer of its
// validation. Afterwards [Checker.Page] tells what the document says about
// the pages of its export.
type Checker struct {
	set    *Set
	path   []byte // element path of the open element
	ends   []int  // length of path before each open element
	tree   tree
	facts  facts
	checks map[*Rule]recordCheck // Go rules, with their state for this document
	// asserts are this checker's own copies of the XPath rules: a compiled
	// expression keeps evaluation state, so checkers running at once cannot
	// share one.
	asserts map[*Rule]*Assertion
	report  func(validate.Finding)
}

// Token follows one token of the document.
func (c *Checker) Token(t *scan.Token, report func(validate.Finding)) {
	c.report = report
	switch t.Kind {
	case scan.StartElement:
		c.ends = append(c.ends, len(c.path))
		c.path = append(append(c.path, '/'), t.Name...)
		c.facts.start(c, t)
		kind, base := c.set.kinds[string(c.path)], ""
		if kind != nil && !c.tree.reading() {
			base = c.parentPath()
		}
		c.tree.start(t, kind, base)
	case scan.Text:
		c.facts.chars(c, t.Data)
		c.tree.chars(t)
	case scan.EndElement:
		c.facts.end(c)
		c.endElement()
		last := len(c.ends) - 1
		c.path, c.ends = c.path[:c.ends[last]], c.ends[:last]
	}
}

// Finish ends the document. Records left open by a broken document are not
// checked.
func (c *Checker) Finish(complete bool, report func(validate.Finding)) {
	if c.tree.reading() {
		c.tree.reset()
	}
}

// Page returns what the document says about the pages of its export.
func (c *Checker) Page() Page { return c.facts.page }

func (c *Checker) parentPath() string { return string(c.path[:c.ends[len(c.ends)-1]]) }

// depth returns how many elements are open.
func (c *Checker) depth() int { return len(c.ends) }

// name returns the name of the open element at depth i (0 is the root),
// valid until the next token.
func (c *Checker) name(i int) []byte {
	end := len(c.path)
	if i+1 < len(c.ends) {
		end = c.ends[i+1]
	}
	return c.path[c.ends[i]+1 : end]
}

// endElement runs the rules of a record that ends.
func (c *Checker) endElement() {
	n, kind, done := c.tree.end()
	if kind != nil && !c.tree.tooBig {
		r := &Record{Node: n, Path: kind.path, reply: c.facts.reply,
			hasReply: c.facts.hasReply}
		for _, rule := range c.set.byPath[kind.path] {
			c.run(rule, r)
		}
	}
	if !done {
		return
	}
	if c.tree.tooBig {
		c.report(validate.Finding{Pos: c.tree.topPos, Severity: validate.Warning,
			ID: IDRecordTooLarge, Path: c.tree.top,
			Msg: fmt.Sprintf("record has more than %d nodes or %d bytes of text: "+
				"its rules were not run", MaxRecordNodes, MaxRecordText)})
	}
	c.tree.reset()
}

// run applies one rule to a record. A failure of the rule is a finding, not a
// crash of the run.
func (c *Checker) run(rule *Rule, r *Record) {
	emit := func(n *xmlquery.Node, value, msg string) {
		c.report(validate.Finding{Pos: c.tree.posOf(n), Severity: rule.Severity,
			ID: rule.ID, Msg: msg, Path: c.tree.pathOf(n), Value: value})
	}
	defer func() {
		if p := recover(); p != nil {
			if rule.Kind != Custom {
				panic(fmt.Sprintf("rule %s: %v\n%s", rule.ID, p, debug.Stack()))
			}
			c.report(validate.Finding{Pos: c.tree.posOf(r.Node), Severity: validate.Error,
				ID: IDRuleError, Path: c.tree.pathOf(r.Node), Value: rule.ID,
				Msg: fmt.Sprintf("rule %q could not be evaluated: %v", rule.ID, p)})
		}
	}()
	if rule.Assert != nil {
		a := c.asserts[rule]
		if a == nil {
			a = rule.Assert.clone()
			c.asserts[rule] = a
		}
		a.check(r, emit)
		return
	}
	check := c.checks[rule]
	if check == nil {
		check = rule.newCheck()
		c.checks[rule] = check
	}
	check(r, emit)
}
