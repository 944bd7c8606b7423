package rules

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"
)

// Assertion is a rule written in XPath 1.0, evaluated on one record at a
// time: on every node that Context selects in the record, Assert must be
// true, or the node is a finding.
//
// Expressions see the record as a tree of its own: a relative path starts at
// the node being checked, and an absolute path at the record's document node
// (so /INFO/ID is the ID of a posture record). XPath 1.0's conversion to
// boolean applies: a non-empty node set, a non-zero number, a non-empty string.
type Assertion struct {
	// Context selects the nodes to check, relative to the record element;
	// "" checks the record element itself.
	Context string
	// Assert must be true on each selected node.
	Assert string
	// Value gives the finding's value (what a baseline or suppression
	// matches); "" takes the node's trimmed text when it has no child
	// elements.
	Value string
	// Message is the finding's message. {EXPR} stands for the string value
	// of the XPath EXPR at the node, its white space normalized; {{ and }}
	// stand for braces.
	Message string

	ctx, assert, value *xpath.Expr
	msg                []msgPart
}

// msgPart is literal text or an expression of a message.
type msgPart struct {
	lit  string
	expr *xpath.Expr
}

// Compile checks and prepares the assertion's expressions.
func (a *Assertion) Compile() error {
	var err error
	if a.Assert == "" {
		return errors.New("assert: an expression is required")
	}
	if a.assert, err = xpath.Compile(a.Assert); err != nil {
		return fmt.Errorf("assert: %w", err)
	}
	if a.Context != "" {
		if a.ctx, err = xpath.Compile(a.Context); err != nil {
			return fmt.Errorf("context: %w", err)
		}
	}
	if a.Value != "" {
		if a.value, err = xpath.Compile(a.Value); err != nil {
			return fmt.Errorf("value: %w", err)
		}
	}
	if a.msg, err = parseMessage(a.Message); err != nil {
		return fmt.Errorf("message: %w", err)
	}
	return nil
}

// clone returns a compiled copy of a compiled assertion.
func (a *Assertion) clone() *Assertion {
	c := &Assertion{Context: a.Context, Assert: a.Assert, Value: a.Value, Message: a.Message}
	if err := c.Compile(); err != nil {
		panic(fmt.Sprintf("assertion compiled once but not twice: %v", err))
	}
	return c
}

// parseMessage splits a message template into literals and expressions.
func parseMessage(m string) ([]msgPart, error) {
	var parts []msgPart
	var lit strings.Builder
	for i := 0; i < len(m); i++ {
		switch {
		case strings.HasPrefix(m[i:], "{{"), strings.HasPrefix(m[i:], "}}"):
			lit.WriteByte(m[i])
			i++
		case m[i] == '}':
			return nil, fmt.Errorf("unmatched } at byte %d (write }} for a brace)", i)
		case m[i] == '{':
			end := strings.IndexByte(m[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { at byte %d (write {{ for a brace)", i)
			}
			e, err := xpath.Compile(m[i+1 : i+end])
			if err != nil {
				return nil, fmt.Errorf("{%s}: %w", m[i+1:i+end], err)
			}
			parts = append(parts, msgPart{lit: lit.String()}, msgPart{expr: e})
			lit.Reset()
			i += end
		default:
			lit.WriteByte(m[i])
		}
	}
	return append(parts, msgPart{lit: lit.String()}), nil
}

// check applies the assertion to a record.
func (a *Assertion) check(r *Record, emit emitFunc) {
	nodes := []*xmlquery.Node{r.Node}
	if a.ctx != nil {
		nodes = xmlquery.QuerySelectorAll(r.Node, a.ctx)
	}
	for _, n := range nodes {
		if truth(a.assert.Evaluate(navigator(n))) {
			continue
		}
		emit(n, a.valueAt(n), a.messageAt(n))
	}
}

// valueAt returns the value of a finding at n.
func (a *Assertion) valueAt(n *xmlquery.Node) string {
	if a.value != nil {
		return strings.TrimSpace(stringOf(a.value.Evaluate(navigator(n))))
	}
	if n.Type == xmlquery.ElementNode && hasChildElement(n) {
		return ""
	}
	return strings.TrimSpace(n.InnerText())
}

// messageAt renders the message of a finding at n.
func (a *Assertion) messageAt(n *xmlquery.Node) string {
	var b strings.Builder
	for _, p := range a.msg {
		if p.expr == nil {
			b.WriteString(p.lit)
			continue
		}
		b.WriteString(strings.Join(strings.Fields(stringOf(p.expr.Evaluate(navigator(n)))), " "))
	}
	return b.String()
}

func hasChildElement(n *xmlquery.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode {
			return true
		}
	}
	return false
}

// navigator returns an XPath navigator standing on n whose root is the
// document node of n's tree. xmlquery hands out attributes as detached nodes,
// which a navigator reaches through their element.
func navigator(n *xmlquery.Node) *xmlquery.NodeNavigator {
	target, attr := n, ""
	if n.Type == xmlquery.AttributeNode {
		target, attr = n.Parent, n.Data
	}
	var chain []*xmlquery.Node
	for e := target; e.Parent != nil; e = e.Parent {
		chain = append(chain, e)
	}
	nav := xmlquery.CreateXPathNavigator(xmlquery.GetRoot(target))
	for i := len(chain) - 1; i >= 0; i-- {
		nav.MoveToChild()
		for nav.Current() != chain[i] && nav.MoveToNext() {
		}
	}
	if nav.Current() != target {
		// Navigators step over white-space text; such a node gets a
		// navigator rooted at itself.
		return xmlquery.CreateXPathNavigator(n)
	}
	if attr != "" {
		for nav.MoveToNextAttribute() && nav.LocalName() != attr {
		}
	}
	return nav
}

// truth converts an XPath result to boolean as XPath 1.0 does.
func truth(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case float64:
		return v != 0 && !math.IsNaN(v)
	case string:
		return v != ""
	case *xpath.NodeIterator:
		return v.MoveNext()
	}
	return false
}

// stringOf converts an XPath result to a string as XPath 1.0 does.
func stringOf(v any) string {
	switch v := v.(type) {
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	case *xpath.NodeIterator:
		if v.MoveNext() {
			return v.Current().Value()
		}
	}
	return ""
}
