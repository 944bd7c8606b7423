package rules

import (
	"encoding/xml"
	"strings"
	"time"

	"github.com/antchfx/xmlquery"

	"qx/internal/scan"
)

// Limits on the record a [Checker] keeps in memory at once.
const (
	MaxRecordNodes = 10000   // element, attribute and text nodes
	MaxRecordText  = 1 << 20 // bytes of text
)

// Record is a record being checked: the element at one of a rule's record
// paths, as an xmlquery tree whose root is a document node.
type Record struct {
	Node *xmlquery.Node // the record element
	Path string         // its record path, e.g. [PostureRecord]

	reply    time.Time // the reply's own date, when hasReply
	hasReply bool
}

// recordKind is what a checker knows of a record path.
type recordKind struct {
	path string
	key  string // child path whose text identifies a record, e.g. "ID"
}

// tree builds the xmlquery tree of the record being read, from the start of
// its outermost record element to the end, with the position of every node.
type tree struct {
	doc    *xmlquery.Node // document node above the outermost record; nil outside
	cur    *xmlquery.Node // innermost open element kept
	base   string         // element path of the outermost record's parent
	pos    map[*xmlquery.Node]scan.Pos
	kinds  map[*xmlquery.Node]*recordKind
	nodes  int
	text   int
	skip   int  // open elements not kept because the record is too large
	tooBig bool // the record passed a limit
	topPos scan.Pos
	top    string // element path of the outermost record

	// Nodes and element names are reused from record to record, so a
	// record costs few allocations beyond its text.
	slabs [][]xmlquery.Node
	used  int
	names map[string]string
}

// slabSize is the number of nodes allocated at once.
const slabSize = 256

// node returns a zeroed node of the tree's own, valid until reset.
func (t *tree) node() *xmlquery.Node {
	i, j := t.used/slabSize, t.used%slabSize
	if i == len(t.slabs) {
		t.slabs = append(t.slabs, make([]xmlquery.Node, slabSize))
	}
	t.used++
	n := &t.slabs[i][j]
	*n = xmlquery.Node{}
	return n
}

// name returns the element name b as a string, allocated once per name.
func (t *tree) name(b []byte) string {
	if s, ok := t.names[string(b)]; ok {
		return s
	}
	if t.names == nil {
		t.names = map[string]string{}
	}
	s := string(b)
	if len(t.names) < 4096 {
		t.names[s] = s
	}
	return s
}

// reading tells whether a record is being read.
func (t *tree) reading() bool { return t.doc != nil }

// start adds an element. kind is non-nil when the element is a record; the
// tree starts with the first record and ends with it. base is the element
// path of a record's parent.
func (t *tree) start(tok *scan.Token, kind *recordKind, base string) {
	if t.doc == nil {
		if kind == nil {
			return
		}
		t.doc = t.node()
		t.doc.Type = xmlquery.DocumentNode
		t.cur, t.base, t.nodes, t.text, t.tooBig = t.doc, base, 0, 0, false
		t.topPos, t.top = tok.Pos, t.base+"/"+string(tok.Name)
		if t.pos == nil {
			t.pos = map[*xmlquery.Node]scan.Pos{}
			t.kinds = map[*xmlquery.Node]*recordKind{}
		}
	}
	attrText := 0
	for _, a := range tok.Attrs {
		attrText += len(a.Value)
	}
	if t.skip > 0 || !t.room(1+len(tok.Attrs), attrText) {
		t.skip++
		return
	}
	if last := t.cur.LastChild; last != nil && last.Type == xmlquery.TextNode &&
		isSpace(last.Data) {
		// White space before a child element is indentation, not content.
		xmlquery.RemoveFromTree(last)
		delete(t.pos, last)
	}
	n := t.node()
	n.Type, n.Data, n.LineNumber = xmlquery.ElementNode, t.name(tok.Name), tok.Pos.Line
	for _, a := range tok.Attrs {
		n.Attr = append(n.Attr, xmlquery.Attr{Name: xml.Name{Local: t.name(a.Name)},
			Value: string(a.Value)})
	}
	xmlquery.AddChild(t.cur, n)
	t.pos[n] = tok.Pos
	if kind != nil {
		t.kinds[n] = kind
	}
	t.cur = n
}

// room tells whether nodes and text bytes more fit in the record, and marks
// the record too large when they do not.
func (t *tree) room(nodes, text int) bool {
	if t.nodes+nodes > MaxRecordNodes || t.text+text > MaxRecordText {
		t.tooBig = true
		return false
	}
	t.nodes += nodes
	t.text += text
	return true
}

// chars adds a chunk of text to the open element. White space after a child
// element is indentation and is dropped, which keeps records small.
func (t *tree) chars(tok *scan.Token) {
	if t.doc == nil || t.skip > 0 {
		return
	}
	if last := t.cur.LastChild; last != nil && last.Type == xmlquery.ElementNode &&
		isSpace(tok.Data) {
		return
	}
	if !t.room(0, len(tok.Data)) {
		return
	}
	if last := t.cur.LastChild; last != nil && last.Type == xmlquery.TextNode {
		last.Data += string(tok.Data)
		return
	}
	if !t.room(1, 0) {
		return
	}
	n := t.node()
	n.Type, n.Data, n.LineNumber = xmlquery.TextNode, string(tok.Data), tok.Pos.Line
	xmlquery.AddChild(t.cur, n)
	t.pos[n] = tok.Pos
}

// end closes the open element. It returns the element, and its record kind
// when it is a record, before the tree lets go of it (n is nil for an element
// not kept); done reports that the outermost record ended and the tree must
// be reset once the caller is through with it.
func (t *tree) end() (n *xmlquery.Node, kind *recordKind, done bool) {
	if t.doc == nil {
		return nil, nil, false
	}
	if t.skip > 0 {
		t.skip--
		return nil, nil, t.skip == 0 && t.cur == t.doc
	}
	n = t.cur
	t.cur = n.Parent
	return n, t.kinds[n], t.cur == t.doc
}

// reset forgets the record just checked.
func (t *tree) reset() {
	t.doc, t.cur, t.skip, t.used = nil, nil, 0, 0
	clear(t.pos)
	clear(t.kinds)
}

// posOf returns the position of a node of the tree; an attribute node stands
// at its element.
func (t *tree) posOf(n *xmlquery.Node) scan.Pos {
	for ; n != nil; n = n.Parent {
		if p, ok := t.pos[n]; ok {
			return p
		}
	}
	return scan.Pos{}
}

// pathOf renders the element path of a node, each record on the way
// identified by its key: /ROOT/LIST/INFO[ID='41769']/FIRST_FAIL_DATE.
func (t *tree) pathOf(n *xmlquery.Node) string {
	var attr string
	switch n.Type {
	case xmlquery.AttributeNode:
		attr, n = "/@"+n.Data, n.Parent
	case xmlquery.TextNode, xmlquery.CharDataNode:
		n = n.Parent
	}
	var parts []string
	for e := n; e != nil && e.Type == xmlquery.ElementNode; e = e.Parent {
		parts = append(parts, e.Data+t.predicate(e))
	}
	var b strings.Builder
	b.WriteString(t.base)
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(parts[i])
	}
	b.WriteString(attr)
	return b.String()
}

// predicate renders the key of a record element as an XPath predicate, or ""
// for an element that is not a record or has no key.
func (t *tree) predicate(e *xmlquery.Node) string {
	kind := t.kinds[e]
	if kind == nil {
		return ""
	}
	v := text(childPath(e, kind.key))
	switch {
	case v == "" || strings.ContainsRune(v, '\'') && strings.ContainsRune(v, '"'):
		return ""
	case strings.ContainsRune(v, '\''):
		return "[" + kind.key + `="` + v + `"]`
	}
	return "[" + kind.key + "='" + v + "']"
}

// isSpace tells whether s is XML white space only.
func isSpace[T string | []byte](s T) bool {
	for i := range len(s) {
		if c := s[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// child returns the first child element of n called name, or nil.
func child(n *xmlquery.Node, name string) *xmlquery.Node {
	if n == nil {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode && c.Data == name {
			return c
		}
	}
	return nil
}

// children returns the child elements of n called name.
func children(n *xmlquery.Node, name string) []*xmlquery.Node {
	var cs []*xmlquery.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xmlquery.ElementNode && c.Data == name {
			cs = append(cs, c)
		}
	}
	return cs
}

// childPath follows a path of child names ("BASIC_INFO/ID") from n.
func childPath(n *xmlquery.Node, path string) *xmlquery.Node {
	for name := range strings.SplitSeq(path, "/") {
		n = child(n, name)
	}
	return n
}

// text returns the text of n trimmed of surrounding white space, or "" for
// nil.
func text(n *xmlquery.Node) string {
	switch {
	case n == nil || n.FirstChild == nil:
		return ""
	case n.FirstChild == n.LastChild && n.FirstChild.Type == xmlquery.TextNode:
		return strings.TrimSpace(n.FirstChild.Data) // a leaf: no need to build its text
	}
	return strings.TrimSpace(n.InnerText())
}
