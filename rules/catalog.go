package rules

import (
	"fmt"
	"slices"
	"strings"

	"qx/internal/validate"
)

// Kind says what finds a kind of finding.
type Kind uint8

// The kinds of rule, in the order --list-rules shows them.
const (
	WellFormedness Kind = iota + 1 // the scanner: the bytes are not well-formed XML
	ContentModel                   // the content model of the document's format
	Semantic                       // a built-in rule on the records of a format
	RunLevel                       // a rule across the files of a run, or on qxlint's own files
	Tooling                        // qxlint could not apply a rule
	Custom                         // a user's XPath rule, from a rules file
)

// String names the kind as --list-rules shows it.
func (k Kind) String() string {
	names := [...]string{"", "well-formedness", "content model", "semantic", "run",
		"tooling", "custom"}
	if int(k) < len(names) {
		return names[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Rule describes one kind of finding: what it is called, how bad it is and
// why it matters. Semantic and custom rules also say which records they check
// and how.
type Rule struct {
	ID       string
	Title    string // a short phrase, lowercase, no final period
	Severity validate.Severity
	Kind     Kind
	Text     string // why it matters; paragraphs separated by blank lines

	// Records are the element paths (/ROOT/.../RECORD) of the records the
	// rule is checked on; empty for rules that are not record rules.
	Records []string
	// Assert is the rule's XPath assertion, for rules written as one.
	Assert *Assertion
	// Origin is the file a custom rule was loaded from.
	Origin string

	// newCheck returns the check of a Go rule, with fresh state for one
	// document.
	newCheck func() recordCheck
}

// IsRecordRule tells whether r runs on records, so a [Checker] must run it.
func (r *Rule) IsRecordRule() bool { return r.Assert != nil || r.newCheck != nil }

// Catalog is a set of rules with distinct ids.
type Catalog struct {
	rules []*Rule
	byID  map[string]*Rule
}

// Builtin returns a new catalog of every finding qxlint itself can report:
// well-formedness, content model, semantic, run-level and tooling rules.
// Each call returns a fresh catalog, so custom rules added to one do not leak
// into another.
func Builtin() *Catalog {
	c := &Catalog{byID: map[string]*Rule{}}
	for _, group := range [][]*Rule{wellFormednessRules(), contentModelRules(),
		semanticRules(), runRules(), toolingRules()} {
		if err := c.Add(group...); err != nil {
			panic(err) // the built-in tables are fixed; the tests rule this out
		}
	}
	return c
}

// Add adds rules to the catalog. It fails if an id is malformed or taken.
func (c *Catalog) Add(rs ...*Rule) error {
	for _, r := range rs {
		if !validID(r.ID) {
			return fmt.Errorf("rule id %q: use lowercase letters, digits and hyphens, "+
				"starting with a letter", r.ID)
		}
		if old := c.byID[r.ID]; old != nil {
			return fmt.Errorf("rule id %q is taken by %s", r.ID, describeOrigin(old))
		}
		c.byID[r.ID] = r
		c.rules = append(c.rules, r)
	}
	return nil
}

func describeOrigin(r *Rule) string {
	if r.Origin != "" {
		return "a rule of " + r.Origin
	}
	return "a built-in rule"
}

// validID tells whether id is a well-formed rule id.
func validID(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' || strings.HasSuffix(id, "-") {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Lookup returns the rule called id, or nil.
func (c *Catalog) Lookup(id string) *Rule { return c.byID[id] }

// All returns every rule, grouped by kind in the order of [Kind], in the
// order they were added within a kind.
func (c *Catalog) All() []*Rule {
	all := slices.Clone(c.rules)
	slices.SortStableFunc(all, func(a, b *Rule) int { return int(a.Kind) - int(b.Kind) })
	return all
}

// RecordRules returns the rules a [Checker] runs, in catalog order.
func (c *Catalog) RecordRules() []*Rule {
	var rs []*Rule
	for _, r := range c.All() {
		if r.IsRecordRule() {
			rs = append(rs, r)
		}
	}
	return rs
}
