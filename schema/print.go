package schema

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteDTD writes the schema as DTD text that xmllint reads: every declaration,
// with qx instructions for sources and text types, which xmllint ignores.
func (s *Schema) WriteDTD(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- qx content model %s: root %s, served at %s -->\n\n",
		s.Name, s.Root, s.Path)
	source := Printed
	for _, e := range s.order {
		if e.Source != source {
			source = e.Source
			fmt.Fprintf(&b, "<?qx source %s?>\n", source)
		}
		if c := s.comments[e.Name]; c != "" {
			fmt.Fprintf(&b, "<!-- %s -->\n", c)
		}
		fmt.Fprintf(&b, "<!ELEMENT %s %s>\n", e.Name, e.contentString())
		for _, a := range e.Attrs {
			if a.Source != source {
				source = a.Source
				fmt.Fprintf(&b, "<?qx source %s?>\n", source)
			}
			fmt.Fprintf(&b, "<!ATTLIST %s %s>\n", e.Name, a)
			if a.Type != nil {
				source = writeType(&b, source, e.Name+"@"+a.Name, a.Type)
			}
		}
		if e.Text != nil {
			source = writeType(&b, source, e.Name, e.Text)
		}
		parents := make([]string, 0, len(e.TextUnder))
		for p := range e.TextUnder {
			parents = append(parents, p)
		}
		slices.Sort(parents)
		for _, p := range parents {
			source = writeType(&b, source, p+"/"+e.Name, e.TextUnder[p])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeType(b *strings.Builder, cur Source, path string, t *Type) Source {
	if t.Source != cur {
		fmt.Fprintf(b, "<?qx source %s?>\n", t.Source)
	}
	fmt.Fprintf(b, "<?qx type %s %s?>\n", path, t)
	return t.Source
}

func (e *Element) contentString() string {
	switch e.Content {
	case Empty:
		return "EMPTY"
	case Any:
		return "ANY"
	case Mixed:
		if len(e.MixedNames) == 0 {
			return "(#PCDATA)"
		}
		return "(#PCDATA | " + strings.Join(e.MixedNames, " | ") + ")*"
	}
	return e.Model.String()
}

func (a *Attr) String() string {
	kind := a.Kind
	if kind == "" {
		kind = "(" + strings.Join(a.Values, " | ") + ")"
	}
	s := a.Name + " " + kind
	if a.Default != "" {
		s += " " + a.Default
	}
	if a.Default == "" || a.Default == "#FIXED" {
		s += fmt.Sprintf(" %q", a.Value)
	}
	return s
}
