package validate

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"qx/internal/scan"
	"qx/schema"
)

// mutantsPerSpecimen bounds the mutants made of one specimen.
const mutantsPerSpecimen = 40

// node is an element of a specimen, or a run of text when name is "".
type node struct {
	name  string
	text  string
	attrs []attr
	kids  []*node
}

type attr struct{ name, value string }

// parseTree reads a document into a tree of elements and text. The DOCTYPE,
// comments and processing instructions are left out: they do not bear on
// validity against a DTD given apart.
func parseTree(data []byte) (*node, error) {
	sc := scan.New(bytes.NewReader(data))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := sc.Next()
		if errors.Is(err, io.EOF) {
			return root.kids[0], nil
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch tok.Kind {
		case scan.StartElement:
			n := &node{name: string(tok.Name)}
			for _, a := range tok.Attrs {
				n.attrs = append(n.attrs, attr{string(a.Name), string(a.Value)})
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case scan.EndElement:
			stack = stack[:len(stack)-1]
		case scan.Text:
			if k := len(top.kids); k > 0 && top.kids[k-1].name == "" {
				top.kids[k-1].text += string(tok.Data)
			} else {
				top.kids = append(top.kids, &node{text: string(tok.Data)})
			}
		}
	}
}

func (n *node) clone() *node {
	c := &node{name: n.name, text: n.text, attrs: slices.Clone(n.attrs)}
	for _, k := range n.kids {
		c.kids = append(c.kids, k.clone())
	}
	return c
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;",
		"\t", "&#9;", "\n", "&#10;", "\r", "&#13;")
)

// serialize writes the tree as a UTF-8 document.
func serialize(root *node) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	root.write(&b)
	b.WriteByte('\n')
	return b.Bytes()
}

func (n *node) write(b *bytes.Buffer) {
	if n.name == "" {
		textEscaper.WriteString(b, n.text)
		return
	}
	b.WriteString("<" + n.name)
	for _, a := range n.attrs {
		b.WriteString(" " + a.name + `="`)
		attrEscaper.WriteString(b, a.value)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	for _, k := range n.kids {
		k.write(b)
	}
	b.WriteString("</" + n.name + ">")
}

// elements lists the elements of a tree in document order, each with its parent
// (nil for the root) and its index among the parent's children.
type place struct {
	el     *node
	parent *node
	i      int
}

func elements(root *node) []place {
	places := []place{{el: root}}
	var walk func(n *node)
	walk = func(n *node) {
		for i, k := range n.kids {
			if k.name != "" {
				places = append(places, place{el: k, parent: n, i: i})
				walk(k)
			}
		}
	}
	walk(root)
	return places
}

// mutation changes the element at index at of elements(root) of a copy.
type mutation struct {
	kind string
	at   int
	desc string
	do   func(p place)
}

// mutant is a specimen with one mutation applied.
type mutant struct {
	kind string
	desc string
	doc  []byte
}

// mutate returns the specimen unchanged, then up to mutantsPerSpecimen mutants
// of it, picked from every kind of mutation in turn with a generator seeded by
// the specimen's name, so that every run makes the same ones.
func mutate(name string, root *node, s *schema.Schema) []mutant {
	byKind := map[string][]mutation{}
	var kinds []string
	for _, m := range mutations(root, s) {
		if byKind[m.kind] == nil {
			kinds = append(kinds, m.kind)
		}
		byKind[m.kind] = append(byKind[m.kind], m)
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0))
	for _, k := range kinds {
		rng.Shuffle(len(byKind[k]), func(i, j int) {
			byKind[k][i], byKind[k][j] = byKind[k][j], byKind[k][i]
		})
	}
	out := []mutant{{kind: "unchanged", desc: "unchanged", doc: serialize(root)}}
	for round := 0; len(out) <= mutantsPerSpecimen; round++ {
		picked := false
		for _, k := range kinds {
			if round < len(byKind[k]) && len(out) <= mutantsPerSpecimen {
				out = append(out, apply(root, byKind[k][round]))
				picked = true
			}
		}
		if !picked {
			break
		}
	}
	return out
}

// apply makes the mutant of a copy of root.
func apply(root *node, m mutation) mutant {
	c := root.clone()
	m.do(elements(c)[m.at])
	return mutant{kind: m.kind, desc: m.desc, doc: serialize(c)}
}

// mutations lists every mutation of the specimen root: elements dropped,
// duplicated, swapped with the next element, renamed to an undeclared name;
// enumerated and fixed attribute values changed; attributes dropped and
// undeclared ones added; text put where only elements may stand.
func mutations(root *node, s *schema.Schema) []mutation {
	var ms []mutation
	for at, p := range elements(root) {
		ms = append(ms, elementMutations(at, p, s)...)
		if el := s.Elements[p.el.name]; el != nil {
			ms = append(ms, attrMutations(at, p, el)...)
			if el.Content == schema.Children || el.Content == schema.Empty {
				ms = append(ms, mutation{"text in element content", at, "text in " + p.el.name,
					func(p place) { p.el.kids = append(p.el.kids, &node{text: "mutant"}) }})
			}
		}
		ms = append(ms, mutation{"undeclared attribute", at, "undeclared attribute on " +
			p.el.name, func(p place) { p.el.attrs = append(p.el.attrs, attr{"qx_mutant", "1"}) }})
	}
	return ms
}

// elementMutations lists the mutations of an element below the root.
func elementMutations(at int, p place, s *schema.Schema) []mutation {
	if p.parent == nil {
		return nil
	}
	name := p.el.name
	other := otherDeclared(s, name, at)
	ms := []mutation{
		{"empty", at, "empty " + name, func(p place) { p.el.kids = nil }},
		{"rename declared", at, "rename " + name + " to " + other,
			func(p place) { p.el.name = other }},
		{"drop", at, "drop " + name, func(p place) {
			p.parent.kids = slices.Delete(p.parent.kids, p.i, p.i+1)
		}},
		{"duplicate", at, "duplicate " + name, func(p place) {
			p.parent.kids = slices.Insert(p.parent.kids, p.i+1, p.el.clone())
		}},
		{"rename", at, "rename " + name, func(p place) { p.el.name += "_MUTANT" }},
	}
	if j := nextElement(p); j > 0 && p.parent.kids[j].name != name {
		ms = append(ms, mutation{"swap", at, "swap " + name + " and " + p.parent.kids[j].name,
			func(p place) {
				j := nextElement(p)
				p.parent.kids[p.i], p.parent.kids[j] = p.parent.kids[j], p.parent.kids[p.i]
			}})
	}
	return ms
}

// otherDeclared picks an element that s declares, other than name, by seed.
func otherDeclared(s *schema.Schema, name string, seed int) string {
	var names []string
	for n := range s.Elements {
		if n != name {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names[seed%len(names)]
}

// nextElement returns the index of the element sibling after p, or -1.
func nextElement(p place) int {
	for j := p.i + 1; j < len(p.parent.kids); j++ {
		if p.parent.kids[j].name != "" {
			return j
		}
	}
	return -1
}

// attrMutations lists the mutations of the attributes of an element declared
// as el: every enumerated or fixed one set to a value it does not allow or to
// another it allows, and every one it carries dropped.
func attrMutations(at int, p place, el *schema.Element) []mutation {
	var ms []mutation
	for _, d := range el.Attrs {
		for _, v := range attrValues(d) {
			desc := fmt.Sprintf("%s@%s=%q", el.Name, d.Name, v)
			ms = append(ms, mutation{"attribute value", at, desc, setAttr(d.Name, v)})
		}
	}
	for _, a := range p.el.attrs {
		ms = append(ms, mutation{"drop attribute", at, "drop " + el.Name + "@" + a.name,
			func(p place) {
				p.el.attrs = slices.DeleteFunc(p.el.attrs, func(x attr) bool { return x == a })
			}})
	}
	return ms
}

// attrValues lists values to give an enumerated or fixed attribute: one it
// does not allow, then each it allows.
func attrValues(d *schema.Attr) []string {
	switch {
	case d.Default == "#FIXED":
		return []string{d.Value + "-mutant", d.Value}
	case len(d.Values) > 0:
		return append([]string{"mutant"}, d.Values...)
	}
	return nil
}

// setAttr sets (or adds) the attribute name to value.
func setAttr(name, value string) func(p place) {
	return func(p place) {
		for i := range p.el.attrs {
			if p.el.attrs[i].name == name {
				p.el.attrs[i].value = value
				return
			}
		}
		p.el.attrs = append(p.el.attrs, attr{name, value})
	}
}

// TestMutantsAgreeWithXmllint makes mutants of every valid specimen and checks
// that qx's verdict on each, counting only the findings a DTD can express,
// agrees with xmllint validating it against the DTD that --print-dtd emits.
//
// No mutant needs leaving out for a difference by design: mutants are written
// in UTF-8, without a DOCTYPE or entity references, so the encodings and the
// entities qx treats its own way never occur, and findings on text types,
// which a DTD cannot express, do not count towards qx's verdict.
func TestMutantsAgreeWithXmllint(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian package libxml2-utils)")
	}
	files, _ := filepath.Glob("../../corpus/valid/*.xml")
	if len(files) == 0 {
		t.Fatal("no valid corpus specimens")
	}
	var sum mutantSummary
	for _, f := range files {
		compareMutants(t, xmllint, f, &sum)
	}
	t.Logf("%d specimens, %d mutants compared (%d invalid), %d disagree",
		len(files), sum.compared, sum.invalid, sum.disagree)
	for _, k := range slices.Sorted(maps.Keys(sum.kinds)) {
		t.Logf("%-24s %4d compared, %4d invalid", k, sum.kinds[k][0], sum.kinds[k][1])
	}
	if sum.invalid == 0 || sum.invalid == sum.compared {
		t.Errorf("the mutants must hold valid and invalid documents, got %d of %d invalid",
			sum.invalid, sum.compared)
	}
}

// mutantSummary counts what the mutant test did.
type mutantSummary struct {
	compared, invalid, disagree int
	kinds                       map[string][2]int // compared and invalid, by kind
}

// count counts a compared mutant of kind k.
func (s *mutantSummary) count(k string, invalid bool) {
	if s.kinds == nil {
		s.kinds = map[string][2]int{}
	}
	c := s.kinds[k]
	c[0]++
	s.compared++
	if invalid {
		c[1]++
		s.invalid++
	}
	s.kinds[k] = c
}

// compareMutants makes the mutants of one specimen and compares the verdicts,
// with one run of xmllint for all of them.
func compareMutants(t *testing.T, xmllint, path string, sum *mutantSummary) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Validate(bytes.NewReader(data), Options{})
	if err != nil || res.Schema == nil {
		t.Fatalf("%s: no format recognised (%v)", path, err)
	}
	root, err := parseTree(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	mutants := mutate(filepath.Base(path), root, res.Schema)
	dir := t.TempDir()
	dtd := filepath.Join(dir, res.Schema.Name+".dtd")
	writeDTD(t, res.Schema, dtd)
	names := make([]string, len(mutants))
	for i, m := range mutants {
		names[i] = filepath.Join(dir, fmt.Sprintf("m%03d.xml", i))
		if err := os.WriteFile(names[i], m.doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	theirs := xmllintInvalid(t, xmllint, dtd, names)
	for i, m := range mutants {
		judgeMutant(t, path, m, res.Schema, theirs[names[i]], sum)
	}
}

// judgeMutant compares qx's verdict on one mutant with xmllint's.
func judgeMutant(t *testing.T, path string, m mutant, s *schema.Schema, theirs string,
	sum *mutantSummary) {
	res, err := Validate(bytes.NewReader(m.doc), Options{Schema: s})
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, f := range res.Findings {
		if dtdIDs[f.ID] {
			ours = append(ours, fmt.Sprintf("%v %s: %s", f.Pos, f.ID, f.Msg))
		}
	}
	sum.count(m.kind, theirs != "")
	if (len(ours) > 0) != (theirs != "") {
		sum.disagree++
		t.Errorf("%s, mutant %q: qx finds %d DTD problems, xmllint says %q\nqx: %s\n%s",
			filepath.Base(path), m.desc, len(ours), theirs, strings.Join(ours, "\n"), m.doc)
	}
}

// xmllintInvalid validates the files against dtd in one run of xmllint and
// returns, for each file it finds invalid or not well-formed, its first message.
func xmllintInvalid(t *testing.T, xmllint, dtd string, files []string) map[string]string {
	args := append([]string{"--noout", "--nonet", "--dtdvalid", dtd}, files...)
	out, err := exec.Command(xmllint, args...).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("xmllint: %v", err)
	}
	bad := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		file, rest, ok := strings.Cut(line, ":")
		if strings.HasPrefix(line, "Document ") && strings.Contains(line, " does not validate") {
			file, rest, ok = strings.Fields(line)[1], "does not validate", true
		}
		if ok && slices.Contains(files, file) && bad[file] == "" {
			bad[file] = strings.TrimSpace(rest)
		}
	}
	if (len(bad) > 0) != (err != nil) {
		t.Fatalf("xmllint exit %v does not match its messages:\n%s", err, out)
	}
	return bad
}
