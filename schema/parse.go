package schema

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// dtdParser reads the declarations of one model file.
type dtdParser struct {
	s      *Schema
	file   string
	src    string
	i      int
	source Source
}

// parseFile reads a model file into s; depth guards against include cycles.
func (s *Schema) parseFile(file string, depth int) error {
	if depth > 4 {
		return fmt.Errorf("%s: includes nested too deep", file)
	}
	b, err := files.ReadFile(file)
	if err != nil {
		return fmt.Errorf("model file: %w", err)
	}
	return s.parseSource(file, string(b), depth)
}

// parseSource reads the model text src, named file in errors.
func (s *Schema) parseSource(file, src string, depth int) error {
	p := &dtdParser{s: s, file: file, src: src}
	return p.parse(depth)
}

func (p *dtdParser) errorf(format string, args ...any) error {
	line := 1 + strings.Count(p.src[:p.i], "\n")
	return fmt.Errorf("%s:%d: %s", p.file, line, fmt.Sprintf(format, args...))
}

func (p *dtdParser) parse(depth int) error {
	comment := ""
	for {
		// A comment describes the declaration right below it, not one after a
		// blank line.
		start := p.i
		p.space()
		if strings.Count(p.src[start:p.i], "\n") > 1 {
			comment = ""
		}
		if p.i >= len(p.src) {
			return nil
		}
		var err error
		switch rest := p.src[p.i:]; {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest, "-->")
			if end < 0 {
				return p.errorf("unterminated comment")
			}
			comment = strings.TrimSpace(rest[4:end])
			p.i += end + 3
			continue
		case strings.HasPrefix(rest, "<?qx"):
			err = p.instruction(depth)
		case strings.HasPrefix(rest, "<!ELEMENT"):
			err = p.element(comment)
		case strings.HasPrefix(rest, "<!ATTLIST"):
			err = p.attlist()
		default:
			return p.errorf("unexpected %.20q", rest)
		}
		if err != nil {
			return err
		}
		comment = ""
	}
}

func (p *dtdParser) space() {
	for p.i < len(p.src) && strings.ContainsRune(" \t\r\n", rune(p.src[p.i])) {
		p.i++
	}
}

func (p *dtdParser) name() string {
	p.space()
	j := p.i
	for j < len(p.src) {
		c := rune(p.src[j])
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("_-.:#", c) {
			break
		}
		j++
	}
	n := p.src[p.i:j]
	p.i = j
	return n
}

func (p *dtdParser) eat(c byte) bool {
	p.space()
	if p.i < len(p.src) && p.src[p.i] == c {
		p.i++
		return true
	}
	return false
}

// instruction reads a <?qx ...?> instruction.
func (p *dtdParser) instruction(depth int) error {
	end := strings.Index(p.src[p.i:], "?>")
	if end < 0 {
		return p.errorf("unterminated instruction")
	}
	fields, err := splitQuoted(p.src[p.i+len("<?qx") : p.i+end])
	if err != nil {
		return p.errorf("%v", err)
	}
	defer func() { p.i += end + 2 }()
	if len(fields) < 2 {
		return p.errorf("instruction needs a verb and an argument")
	}
	switch fields[0] {
	case "source":
		for s := Printed; s <= Inferred; s++ {
			if fields[1] == s.String() {
				p.source = s
				return nil
			}
		}
		return p.errorf("unknown source %q", fields[1])
	case "include":
		return p.s.parseFile(fields[1], depth+1)
	case "type":
		return p.typeInstruction(fields[1], fields[2:])
	}
	return p.errorf("unknown instruction %q", fields[0])
}

// typeInstruction records a text type for PATH, bound once the whole file is read.
func (p *dtdParser) typeInstruction(path string, args []string) error {
	if len(args) == 0 || kinds[args[0]] == nil {
		return p.errorf("type %q needs a known kind", path)
	}
	t := &Type{Kind: args[0], Values: args[1:], Source: p.source, check: kinds[args[0]]}
	if (t.Kind == "enum") != (len(t.Values) > 0) {
		return p.errorf("type %q: only an enum takes values", path)
	}
	p.s.types = append(p.s.types, typeBinding{path: path, t: t, where: p.errorf("").Error()})
	return nil
}

// typeBinding is a type instruction waiting for the declarations it names.
type typeBinding struct {
	path  string // NAME, PARENT/NAME or NAME@attr
	t     *Type
	where string // file and line, for errors
}

// bindTypes attaches the recorded types to their declarations.
func (s *Schema) bindTypes() error {
	for _, b := range s.types {
		if err := s.bindType(b.path, b.t); err != nil {
			return fmt.Errorf("%s%w", b.where, err)
		}
	}
	s.types = nil
	return nil
}

func (s *Schema) bindType(path string, t *Type) error {
	if name, attr, ok := strings.Cut(path, "@"); ok {
		e := s.Elements[name]
		if e == nil || e.Attr([]byte(attr)) == nil {
			return fmt.Errorf("type for undeclared attribute %q", path)
		}
		e.Attr([]byte(attr)).Type = t
		return nil
	}
	parent, name, under := strings.Cut(path, "/")
	if !under {
		name = parent
	}
	e := s.Elements[name]
	if e == nil || under && s.Elements[parent] == nil {
		return fmt.Errorf("type for undeclared element in %q", path)
	}
	if e.Content != Mixed || len(e.MixedNames) > 0 {
		return fmt.Errorf("type for %q, whose content is not (#PCDATA)", path)
	}
	if !under {
		e.Text = t
		return nil
	}
	if e.TextUnder == nil {
		e.TextUnder = map[string]*Type{}
	}
	e.TextUnder[parent] = t
	return nil
}

// splitQuoted splits on white space, keeping double-quoted strings whole.
func splitQuoted(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] != '"' {
			f, rest, _ := strings.Cut(s, " ")
			out, s = append(out, f), rest
			continue
		}
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, fmt.Errorf("bad quoted string in %q", s)
		}
		v, _ := strconv.Unquote(q)
		out, s = append(out, v), s[len(q):]
	}
	return out, nil
}

// element reads an <!ELEMENT> declaration.
func (p *dtdParser) element(comment string) error {
	p.i += len("<!ELEMENT")
	e := &Element{Name: p.name(), Source: p.source}
	if e.Name == "" {
		return p.errorf("element declaration without a name")
	}
	if p.s.Elements[e.Name] != nil {
		return p.errorf("element %q declared twice", e.Name)
	}
	p.space()
	switch {
	case strings.HasPrefix(p.src[p.i:], "EMPTY"):
		p.i += len("EMPTY")
		e.Content = Empty
	case strings.HasPrefix(p.src[p.i:], "ANY"):
		p.i += len("ANY")
		e.Content = Any
	default:
		if err := p.contentSpec(e); err != nil {
			return err
		}
	}
	if !p.eat('>') {
		return p.errorf("element %q: expected \">\"", e.Name)
	}
	p.s.Elements[e.Name] = e
	p.s.order = append(p.s.order, e)
	if comment != "" {
		p.s.comments[e.Name] = comment
	}
	return nil
}

// contentSpec reads mixed content or a children model.
func (p *dtdParser) contentSpec(e *Element) error {
	save := p.i
	if p.eat('(') && p.name() == "#PCDATA" {
		e.Content = Mixed
		for p.eat('|') {
			e.MixedNames = append(e.MixedNames, p.name())
		}
		if !p.eat(')') {
			return p.errorf("element %q: bad mixed content", e.Name)
		}
		if star := p.eat('*'); !star && len(e.MixedNames) > 0 {
			return p.errorf("element %q: mixed content with names needs \")*\"", e.Name)
		}
		return nil
	}
	p.i = save
	m, err := p.particle()
	if err != nil {
		return fmt.Errorf("element %q: %w", e.Name, err)
	}
	if m.Name != "" {
		return p.errorf("element %q: a content model must be a group", e.Name)
	}
	e.Model = m
	return nil
}

// particle reads a name or a group, with its occurrence indicator.
func (p *dtdParser) particle() (*Particle, error) {
	var m *Particle
	if p.eat('(') {
		m = &Particle{}
		for sep := byte(0); ; {
			it, err := p.particle()
			if err != nil {
				return nil, err
			}
			m.Items = append(m.Items, it)
			if p.eat(')') {
				break
			}
			p.space()
			if p.i >= len(p.src) || (p.src[p.i] != ',' && p.src[p.i] != '|') ||
				(sep != 0 && p.src[p.i] != sep) {
				return nil, p.errorf("expected \",\", \"|\" or \")\" in content model")
			}
			sep = p.src[p.i]
			m.Choice = sep == '|'
			p.i++
		}
	} else {
		n := p.name()
		if n == "" || n[0] == '#' {
			return nil, p.errorf("expected an element name in content model")
		}
		m = &Particle{Name: n}
	}
	if p.i < len(p.src) {
		if k := strings.IndexByte("?*+", p.src[p.i]); k >= 0 {
			m.Occur = Occur(k + 1)
			p.i++
		}
	}
	return m, nil
}

// attlist reads an <!ATTLIST> declaration of an element declared before it.
func (p *dtdParser) attlist() error {
	p.i += len("<!ATTLIST")
	e := p.s.Elements[p.name()]
	if e == nil {
		return p.errorf("attribute list for an undeclared element")
	}
	for !p.eat('>') {
		a := &Attr{Name: p.name(), Source: p.source}
		if a.Name == "" || p.i >= len(p.src) {
			return p.errorf("element %q: bad attribute declaration", e.Name)
		}
		if p.eat('(') {
			for {
				a.Values = append(a.Values, p.name())
				if p.eat(')') {
					break
				}
				if !p.eat('|') {
					return p.errorf("attribute %q: bad enumeration", a.Name)
				}
			}
		} else if a.Kind = p.name(); a.Kind == "" {
			return p.errorf("attribute %q: missing type", a.Name)
		}
		p.space()
		if strings.HasPrefix(p.src[p.i:], "#") {
			a.Default = p.name()
		}
		if a.Default == "" || a.Default == "#FIXED" {
			v, err := p.quoted()
			if err != nil {
				return err
			}
			a.Value = v
		}
		e.Attrs = append(e.Attrs, a)
	}
	return nil
}

func (p *dtdParser) quoted() (string, error) {
	p.space()
	if p.i >= len(p.src) || (p.src[p.i] != '"' && p.src[p.i] != '\'') {
		return "", p.errorf("expected a quoted default value")
	}
	q := p.src[p.i]
	end := strings.IndexByte(p.src[p.i+1:], q)
	if end < 0 {
		return "", p.errorf("unterminated default value")
	}
	v := p.src[p.i+1 : p.i+1+end]
	p.i += end + 2
	return v, nil
}
