// Package schema holds the hand-written content models of the Qualys 8.21.2
// response formats and the automata that check documents against them.
//
// Each model is a DTD in this directory, with qx processing instructions that say
// where each declaration comes from and what type an element's text has; FORMAT.md
// describes them. The models are parsed once, when the package is first used.
package schema

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
)

// Source says where a declaration comes from, and so how sure we are of it.
type Source uint8

// The sources of a declaration. Only [Inferred] ones are guesses.
const (
	Printed  Source = iota // printed in the release notes or an official DTD
	Sample                 // read off a printed or official sample reply
	Inferred               // modelled where the sources are silent
)

func (s Source) String() string { return [...]string{"printed", "sample", "inferred"}[s] }

// Content is the kind of content an element declaration allows.
type Content uint8

// The kinds of content of a DTD.
const (
	Children Content = iota // elements only, as Model says
	Mixed                   // text and the elements MixedNames lists
	Empty                   // nothing at all
	Any                     // anything declared
)

// Element is the declaration of one element name.
type Element struct {
	Name       string
	Source     Source
	Content    Content
	Model      *Particle // for Children
	MixedNames []string  // for Mixed; empty for (#PCDATA)
	Attrs      []*Attr
	Text       *Type            // type of the text wherever the element stands
	TextUnder  map[string]*Type // type of the text under a given parent
	auto       *automaton
}

// TextType returns the type of the element's text under parent, or nil.
func (e *Element) TextType(parent string) *Type {
	if t, ok := e.TextUnder[parent]; ok {
		return t
	}
	return e.Text
}

// Attr returns the declaration of the attribute name, or nil.
func (e *Element) Attr(name []byte) *Attr {
	for _, a := range e.Attrs {
		if a.Name == string(name) {
			return a
		}
	}
	return nil
}

// Attr is the declaration of one attribute.
type Attr struct {
	Name    string
	Kind    string   // CDATA, NMTOKEN, ..., or "" for an enumeration
	Values  []string // the values of an enumeration
	Default string   // #REQUIRED, #IMPLIED, #FIXED or "" for a plain default
	Value   string   // the fixed or default value
	Type    *Type    // qx type of the value, if any
	Source  Source
}

// Schema is the content model of one response format.
type Schema struct {
	Name     string // the DTD's base name, e.g. "posture_info_list_output"
	Root     string // the root element
	Path     string // path of the DTD on a Qualys API server
	Elements map[string]*Element
	order    []*Element
	comments map[string]string // comment to print before an element's declaration
	types    []typeBinding     // type instructions, while parsing
}

// Element returns the declaration of name, or nil.
func (s *Schema) Element(name []byte) *Element { return s.Elements[string(name)] }

// format is a known response format: its root element and the DTD's path.
type format struct{ root, path string }

var formats = map[string]format{
	"auth_ibm_websphere_list_output": {"AUTH_IBM_WEBSPHERE_LIST_OUTPUT",
		"/api/2.0/fo/auth/ibm_websphere/auth_ibm_websphere_list_output.dtd"},
	"auth_jboss_list_output": {"AUTH_JBOSS_LIST_OUTPUT",
		"/api/2.0/fo/auth/jboss/auth_jboss_list_output.dtd"},
	"auth_unix_list_output": {"AUTH_UNIX_LIST_OUTPUT",
		"/api/2.0/fo/auth/unix/auth_unix_list_output.dtd"},
	"batch_return":  {"BATCH_RETURN", "/api/2.0/batch_return.dtd"},
	"simple_return": {"SIMPLE_RETURN", "/api/2.0/simple_return.dtd"},
	"option_profile_info": {"OPTION_PROFILES",
		"/api/2.0/fo/subscription/option_profile/option_profile_info.dtd"},
	"compliance_scan_result_output": {"COMPLIANCE_SCAN_RESULT_OUTPUT",
		"/api/2.0/fo/scan/compliance/compliance_scan_result_output.dtd"},
	"posture_info_list_output": {"POSTURE_INFO_LIST_OUTPUT",
		"/api/2.0/fo/compliance/posture/info/posture_info_list_output.dtd"},
	"compliance_policy_report": {"COMPLIANCE_POLICY_REPORT", "/compliance_policy_report.dtd"},
}

//go:embed *.dtd
var files embed.FS

var (
	loadOnce sync.Once
	all      []*Schema
	loadErr  error
)

// All returns every schema, sorted by name. It panics if a model file is broken,
// which the package's tests rule out.
func All() []*Schema {
	loadOnce.Do(func() {
		for name, f := range formats {
			s, err := load(name, f)
			if err != nil {
				loadErr = err
				return
			}
			all = append(all, s)
		}
		slices.SortFunc(all, func(a, b *Schema) int { return strings.Compare(a.Name, b.Name) })
	})
	if loadErr != nil {
		panic(loadErr)
	}
	return all
}

// ByName returns the schema called name, or nil.
func ByName(name string) *Schema {
	for _, s := range All() {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// ByRoot returns the schema whose root element is root, or nil.
func ByRoot(root []byte) *Schema {
	for _, s := range All() {
		if s.Root == string(root) {
			return s
		}
	}
	return nil
}

// BySystemID returns the schema whose DTD a DOCTYPE's system id names, on any
// host, or nil.
func BySystemID(id []byte) *Schema {
	p := string(id)
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		}
	}
	p = path.Clean("/" + p)
	for _, s := range All() {
		if strings.HasSuffix(p, s.Path) || path.Base(p) == s.Name+".dtd" {
			return s
		}
	}
	return nil
}

func load(name string, f format) (*Schema, error) {
	b, err := files.ReadFile(name + ".dtd")
	if err != nil {
		return nil, fmt.Errorf("model file: %w", err)
	}
	return Parse(name, f.root, f.path, string(b))
}

// Parse builds a schema from model text in the syntax of FORMAT.md; include
// instructions name the model files of this package.
func Parse(name, root, dtdPath, src string) (*Schema, error) {
	s := &Schema{Name: name, Root: root, Path: dtdPath, Elements: map[string]*Element{},
		comments: map[string]string{}}
	if err := s.parseSource(name+".dtd", src, 0); err != nil {
		return nil, err
	}
	if err := s.bindTypes(); err != nil {
		return nil, err
	}
	for _, e := range s.order {
		if e.Content == Children {
			a, err := compile(e.Model)
			if err == nil {
				err = a.resolve(s)
			}
			if err != nil {
				return nil, fmt.Errorf("%s.dtd: element %q: %w", name, e.Name, err)
			}
			e.auto = a
		}
	}
	for _, e := range s.order {
		for _, n := range e.MixedNames {
			if s.Elements[n] == nil {
				return nil, fmt.Errorf("%s.dtd: element %q: mixed content names undeclared %q",
					name, e.Name, n)
			}
		}
	}
	if s.Elements[s.Root] == nil {
		return nil, fmt.Errorf("%s.dtd: root element %q is not declared", name, s.Root)
	}
	return s, nil
}
