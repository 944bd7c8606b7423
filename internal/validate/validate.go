// Package validate checks one document, in one streaming pass, for
// well-formedness and against the content model of its format.
package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"qx/internal/scan"
	"qx/schema"
)

// Severity is how bad a finding is.
type Severity uint8

// The severities of a finding.
const (
	Warning Severity = iota + 1
	Error
)

func (s Severity) String() string { return [...]string{"", "warning", "error"}[s] }

// Finding is one problem found in a document.
type Finding struct {
	Pos      scan.Pos
	Severity Severity
	ID       string
	Msg      string
	Path     string // element path, e.g. /BATCH_RETURN/RESPONSE/DATETIME
	Value    string // the offending value or name, where there is one
}

// Ids of the findings of content models, besides those of package scan.
const (
	IDContent       = "content-model"
	IDUndeclared    = "undeclared-element"
	IDText          = "text-not-allowed"
	IDValue         = "bad-value"
	IDAttr          = "undeclared-attribute"
	IDAttrRequired  = "missing-attribute"
	IDAttrValue     = "bad-attribute"
	IDUnknownFormat = "unknown-format"
	IDRoot          = "wrong-root"
	IDDoctype       = "doctype-mismatch"
	IDAPIError      = "api-error"
)

// Options says how to validate.
type Options struct {
	Schema      *schema.Schema // the format to check against; nil to recognise it
	MaxFindings int            // findings kept; 0 keeps every one
	Limits      scan.Limits    // zero value means scan.DefaultLimits
	Observers   []Observer     // see every token after the content model has
}

// Observer follows a document as it is validated, to check what content models
// cannot say or to collect records. Token sees every token after the validator
// has checked it; Finish is called once at the end, complete telling whether
// the document was read to its end without a well-formedness error. Both may
// report findings. White space in element-only content is not passed on.
type Observer interface {
	Token(t *scan.Token, report func(Finding))
	Finish(complete bool, report func(Finding))
}

// Result is what validating one document found.
type Result struct {
	Schema   *schema.Schema // the format checked against, nil if unknown
	Findings []Finding      // sorted by position; a fatal one is kept beyond the cap
	Dropped  int            // findings beyond Options.MaxFindings
	Errors   int            // error findings, dropped ones included
	Warnings int            // warning findings, dropped ones included
}

// Validate reads a document from r and checks it. Every problem is a finding; the
// error result is reserved for failures to read r that are not the document's
// fault, which it wraps.
func Validate(r io.Reader, opt Options) (Result, error) {
	v := newValidator(opt)
	sc := scan.New(r)
	if opt.Limits != (scan.Limits{}) {
		sc.Limits = opt.Limits
	}
	sc.Report = func(e *scan.Error) { v.scanFinding(e) }
	complete, err := v.read(sc)
	v.finish()
	for _, o := range opt.Observers {
		o.Finish(complete, v.add)
	}
	if err != nil {
		return Result{}, err
	}
	return v.result(), nil
}

// read validates the tokens of sc and hands them to the observers. It tells
// whether the document was read to its end; a fatal problem of the document
// becomes a finding, any other error is returned.
func (v *validator) read(sc *scan.Scanner) (bool, error) {
	report := v.add
	for {
		tok, err := sc.Next()
		if err != nil {
			var se *scan.Error
			switch {
			case errors.Is(err, io.EOF):
				return true, nil
			case !errors.As(err, &se):
				return false, err
			}
			v.fatal = v.finding(se)
			v.addCount(Error)
			return false, nil
		}
		v.token(tok)
		if tok.Kind == scan.Text && v.indentation(tok) {
			continue
		}
		for _, o := range v.opt.Observers {
			o.Token(tok, report)
		}
	}
}

// indentation tells whether t is white space in element-only content, which
// means nothing and is not passed on to observers.
func (v *validator) indentation(t *scan.Token) bool {
	n := len(v.stack)
	return n > 0 && v.stack[n-1].el != nil && v.stack[n-1].el.Content == schema.Children &&
		isSpace(t.Data)
}

// doctype is what the document type declaration says.
type doctype struct {
	pos          scan.Pos
	name, system string
}

// frame is an open element.
type frame struct {
	el      *schema.Element // nil when undeclared or not checked
	name    string
	pos     scan.Pos
	state   int32
	last    string // the previous child, for messages
	failed  bool   // the content model failure is reported
	typ     *schema.Type
	hasText bool // text seen where none is allowed, reported
	// The element's key, e.g. ID='41769', from its ID or CID child, names
	// it in paths: keys[key0:key1] of the validator.
	key0, key1 int
}

// keyNames are the children whose value names their parent in finding paths,
// as record rules name records.
var keyNames = map[string]bool{"ID": true, "CID": true}

type validator struct {
	opt      Options
	schema   *schema.Schema
	stack    []frame
	keys     []byte     // keys of the open elements, see frame
	text     []byte     // text of the current typed element
	doctype  *doctype   // the document type declaration, if any
	mu       sync.Mutex // guards res against concurrent observers
	res      Result
	fatal    *Finding // the well-formedness error that stopped reading
	apiError apiError
}

func newValidator(opt Options) *validator {
	return &validator{opt: opt, schema: opt.Schema}
}

func (v *validator) token(t *scan.Token) {
	switch t.Kind {
	case scan.Doctype:
		v.doctype = &doctype{pos: t.Pos, name: string(t.Name), system: string(t.SystemID)}
	case scan.StartElement:
		if len(v.stack) == 0 {
			v.root(t)
		}
		v.start(t)
	case scan.Text:
		v.chars(t)
	case scan.EndElement:
		v.end(t)
	}
}

// add records a finding. Observers running concurrently may call it.
func (v *validator) add(f Finding) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.count(f.Severity)
	v.res.Findings = append(v.res.Findings, f)
	if max := v.opt.MaxFindings; max > 0 && len(v.res.Findings) >= 2*max {
		v.trim()
	}
}

// addCount counts a finding kept apart from the others.
func (v *validator) addCount(sev Severity) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.count(sev)
}

func (v *validator) count(sev Severity) {
	if sev == Error {
		v.res.Errors++
	} else {
		v.res.Warnings++
	}
}

// trim keeps the first MaxFindings findings by position.
func (v *validator) trim() {
	sortFindings(v.res.Findings)
	if max := v.opt.MaxFindings; max > 0 && len(v.res.Findings) > max {
		v.res.Dropped += len(v.res.Findings) - max
		v.res.Findings = v.res.Findings[:max]
	}
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
}

// result sorts and caps the findings. The fatal one, where reading stopped, is
// kept whatever the cap: it is the furthest position reached, so it comes last.
func (v *validator) result() Result {
	v.trim()
	if v.fatal != nil {
		v.res.Findings = append(v.res.Findings, *v.fatal)
	}
	v.res.Schema = v.schema
	return v.res
}

// scanFinding records a problem of the scanner that reading goes on past.
func (v *validator) scanFinding(e *scan.Error) { v.add(*v.finding(e)) }

// finding turns a problem of the scanner into a finding.
func (v *validator) finding(e *scan.Error) *Finding {
	sev := Error
	if e.ID == scan.IDEntityDecl {
		sev = Warning
	}
	return &Finding{Pos: e.Pos, Severity: sev, ID: e.ID, Msg: e.Msg, Path: v.path("")}
}

// path renders the open elements, and name below them.
func (v *validator) path(name string) string {
	var b strings.Builder
	for i := range v.stack {
		v.writeStep(&b, &v.stack[i])
	}
	if name != "" {
		b.WriteByte('/')
		b.WriteString(name)
	}
	return b.String()
}

// severity is the severity of a finding that a declaration from src raises.
func severity(src schema.Source) Severity {
	if src == schema.Inferred {
		return Warning
	}
	return Error
}

// inferred marks the message of a finding that only a guessed declaration raises.
func inferred(src schema.Source, msg string) string {
	if src == schema.Inferred {
		return msg + " (inferred part of the model)"
	}
	return msg
}

// root picks the format from the root element and the document type declaration.
func (v *validator) root(t *scan.Token) {
	name := string(t.Name)
	if d := v.doctype; d != nil && d.name != name {
		v.add(Finding{Pos: d.pos, Severity: Error, ID: IDDoctype, Value: d.name,
			Msg: fmt.Sprintf("DOCTYPE names %q but the root element is %q", d.name, name)})
	}
	if d := v.doctype; d != nil {
		if s := schema.BySystemID([]byte(d.system)); s != nil && s.Root != name {
			v.add(Finding{Pos: d.pos, Severity: Error, ID: IDDoctype, Value: d.system,
				Msg: fmt.Sprintf("DOCTYPE system id is the DTD of %s but the root element is %q",
					s.Name, name)})
		}
	}
	switch {
	case v.schema != nil && v.schema.Root != name:
		v.add(Finding{Pos: t.Pos, Severity: Error, ID: IDRoot, Value: name, Path: "/" + name,
			Msg: fmt.Sprintf("root element %q, but format %s has root %q",
				name, v.schema.Name, v.schema.Root)})
		v.schema = nil
	case v.schema == nil:
		v.schema = schema.ByRoot(t.Name)
		if v.schema == nil {
			v.add(Finding{Pos: t.Pos, Severity: Error, ID: IDUnknownFormat, Value: name,
				Path: "/" + name,
				Msg:  fmt.Sprintf("root element %q is not a known Qualys 8.21.2 format", name)})
		}
	}
}

// start checks a start tag against its parent's content model and its attributes.
func (v *validator) start(t *scan.Token) {
	f := frame{pos: t.Pos}
	var parent *frame
	if n := len(v.stack); n > 0 {
		parent = &v.stack[n-1]
	}
	switch {
	case v.expected(parent, t, &f):
	case v.schema != nil && (parent == nil || parent.el != nil):
		v.declared(parent, t, &f)
	default:
		f.name = string(t.Name) // inside an undeclared element: not checked
	}
	if f.el != nil {
		f.typ = f.el.Text
		if parent != nil {
			f.typ = f.el.TextType(parent.name)
		}
		v.attrs(t, f.el)
	}
	v.text = v.text[:0]
	v.stack = append(v.stack, f)
}

// expected is the fast path of start: a child that the parent's model expects,
// found without looking its name up.
func (v *validator) expected(parent *frame, t *scan.Token, f *frame) bool {
	if parent == nil || parent.el == nil || parent.el.Content != schema.Children || parent.failed {
		return false
	}
	el, next := parent.el.StepName(parent.state, t.Name)
	if el == nil {
		return false
	}
	parent.state, parent.last = next, el.Name
	f.el, f.name = el, el.Name
	return true
}

// declared looks an element up in the format and checks it against its parent.
func (v *validator) declared(parent *frame, t *scan.Token, f *frame) {
	if f.el = v.schema.Element(t.Name); f.el != nil {
		f.name = f.el.Name
	} else {
		f.name = string(t.Name)
		src := schema.Printed
		if parent != nil {
			src = parent.el.Source
		}
		v.add(Finding{Pos: t.Pos, Severity: severity(src), ID: IDUndeclared, Value: f.name,
			Path: v.path(f.name), Msg: inferred(src,
				fmt.Sprintf("element %q is not declared in %s", f.name, v.schema.Name))})
	}
	if parent != nil {
		v.child(parent, f.el, f.name)
	}
}

// child steps the parent's content model over a child.
func (v *validator) child(p *frame, el *schema.Element, name string) {
	defer func() { p.last = name }()
	if p.failed {
		return
	}
	switch p.el.Content {
	case schema.Children:
		if next := p.el.Step(p.state, el); next >= 0 {
			p.state = next
			return
		}
		v.contentFailure(p, fmt.Sprintf("found %q", name))
	case schema.Mixed:
		if el != nil && slices.Contains(p.el.MixedNames, el.Name) {
			return
		}
		v.contentFailure(p, fmt.Sprintf("found element %q where only text is allowed", name))
	case schema.Empty:
		v.contentFailure(p, fmt.Sprintf("found element %q in an element declared EMPTY", name))
	}
}

// contentFailure reports, once per element, that its children break its model.
func (v *validator) contentFailure(p *frame, found string) {
	p.failed = true
	msg := fmt.Sprintf("element %q content does not follow the model %s: ", p.name,
		p.el.Model)
	if p.el.Content == schema.Children {
		msg += "expected " + p.el.Expected(p.state) + ", " + found
		if p.last != "" {
			msg += fmt.Sprintf(" after %q", p.last)
		}
	} else {
		msg = fmt.Sprintf("element %q content is wrong: %s", p.name, found)
	}
	v.add(Finding{Pos: p.pos, Severity: severity(p.el.Source), ID: IDContent, Value: found,
		Path: v.pathTo(p), Msg: inferred(p.el.Source, msg)})
}

// pathTo renders the path of an open element.
func (v *validator) pathTo(p *frame) string {
	var b strings.Builder
	for i := range v.stack {
		v.writeStep(&b, &v.stack[i])
		if &v.stack[i] == p {
			break
		}
	}
	return b.String()
}

// writeStep writes one step of a path: the element's name and, once known, its
// key, so that baselines tell the records of a list apart.
func (v *validator) writeStep(b *strings.Builder, f *frame) {
	b.WriteByte('/')
	b.WriteString(f.name)
	if f.key1 > f.key0 {
		b.WriteByte('[')
		b.Write(v.keys[f.key0:f.key1])
		b.WriteByte(']')
	}
}

// takeKey makes the value of a closing ID or CID its parent's key.
func (v *validator) takeKey(f *frame, ok bool) {
	n := len(v.stack)
	if !ok || n < 2 || !keyNames[f.name] || v.stack[n-2].key1 > 0 {
		return
	}
	parent := &v.stack[n-2]
	parent.key0 = len(v.keys)
	v.keys = append(append(append(v.keys, f.name...), "='"...), bytes.TrimSpace(v.text)...)
	v.keys = append(v.keys, '\'')
	parent.key1 = len(v.keys)
}

// attrs checks the attributes of a start tag against the declarations.
func (v *validator) attrs(t *scan.Token, el *schema.Element) {
	for _, a := range t.Attrs {
		d := el.Attr(a.Name)
		if d == nil {
			v.add(Finding{Pos: t.Pos, Severity: severity(el.Source), ID: IDAttr,
				Value: string(a.Name), Path: v.path(el.Name) + "/@" + string(a.Name),
				Msg: inferred(el.Source, fmt.Sprintf("attribute %q is not declared for element %q",
					a.Name, el.Name))})
			continue
		}
		id, msg := attrProblem(d, a.Value)
		if msg != "" {
			v.add(Finding{Pos: t.Pos, Severity: severity(d.Source), ID: id,
				Value: string(a.Value), Path: v.path(el.Name) + "/@" + d.Name,
				Msg: inferred(d.Source, fmt.Sprintf("attribute %q of element %q: %s",
					d.Name, el.Name, msg))})
		}
	}
	for _, d := range el.Attrs {
		if d.Default == "#REQUIRED" && !slices.ContainsFunc(t.Attrs, func(a scan.Attr) bool {
			return string(a.Name) == d.Name
		}) {
			v.add(Finding{Pos: t.Pos, Severity: severity(d.Source), ID: IDAttrRequired,
				Value: d.Name, Path: v.path(el.Name),
				Msg: inferred(d.Source, fmt.Sprintf("element %q lacks required attribute %q",
					el.Name, d.Name))})
		}
	}
}

// attrProblem says what is wrong with the value of an attribute, if anything, and
// under which id: a breach of the DTD's declaration, or of the qx type.
func attrProblem(d *schema.Attr, val []byte) (string, string) {
	switch {
	case d.Default == "#FIXED" && string(val) != d.Value:
		return IDAttrValue, fmt.Sprintf("value %q differs from the fixed value %q", val, d.Value)
	case len(d.Values) > 0 && !slices.Contains(d.Values, string(bytes.TrimSpace(val))):
		return IDAttrValue, fmt.Sprintf("value %q is not one of %s", val,
			strings.Join(d.Values, ", "))
	case d.Type != nil:
		return IDValue, d.Type.Check(val)
	}
	return "", ""
}

// chars checks a chunk of text against the content of the open element.
func (v *validator) chars(t *scan.Token) {
	f := &v.stack[len(v.stack)-1]
	if f.el == nil {
		return
	}
	switch f.el.Content {
	case schema.Children, schema.Empty:
		if f.hasText || f.el.Content == schema.Children && isSpace(t.Data) {
			return
		}
		f.hasText = true
		what := "text"
		if f.el.Content == schema.Empty {
			what = "content"
		}
		v.add(Finding{Pos: t.Pos, Severity: severity(f.el.Source), ID: IDText,
			Path: v.path(""), Value: string(truncate(bytes.TrimSpace(t.Data), 40)),
			Msg: inferred(f.el.Source, fmt.Sprintf("%s not allowed in element %q, declared %s",
				what, f.name, f.el.Model))})
	case schema.Mixed:
		if (f.typ != nil || v.apiError.wants(v.stack)) && len(v.text) <= schema.MaxValueLen {
			v.text = append(v.text, t.Data...)
		}
	}
}

// isSpace tells whether b is nothing but XML white space.
func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// truncate cuts b to at most n bytes, at the start of a character, and marks
// the cut.
func truncate(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return append(b[:n:n], "..."...)
}

// end checks that the element's content is complete and its text well typed.
func (v *validator) end(t *scan.Token) {
	f := &v.stack[len(v.stack)-1]
	if f.el != nil {
		if f.el.Content == schema.Children && !f.failed && !f.el.Final(f.state) {
			v.contentFailure(f, "found the end of the element")
		}
		if f.typ != nil {
			msg := f.typ.Check(v.text)
			if msg != "" {
				v.add(Finding{Pos: f.pos, Severity: severity(f.typ.Source), ID: IDValue,
					Value: string(truncate(bytes.TrimSpace(v.text), 60)), Path: v.path(""),
					Msg: inferred(f.typ.Source, fmt.Sprintf("element %q: %s", f.name, msg))})
			}
			v.takeKey(f, msg == "" && f.typ.Kind == "int")
		}
		v.apiError.take(v.stack, v.text)
	}
	if f.key1 > 0 {
		v.keys = v.keys[:f.key0]
	}
	v.text = v.text[:0]
	v.stack = v.stack[:len(v.stack)-1]
}

// finish reports what can only be judged at the end of the document.
func (v *validator) finish() {
	if f, ok := v.apiError.finding(); ok {
		v.add(f)
	}
}
