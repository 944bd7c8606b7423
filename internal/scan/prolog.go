package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxEntities bounds how many declared entity names are remembered.
const maxEntities = 1 << 12

// maxLiteral bounds the public and system ids of a document type declaration.
const maxLiteral = 4096

// start recognises the encoding from the first bytes and reads the XML declaration.
func (s *Scanner) start() error {
	for s.raw < 4 && !s.eof {
		n, err := s.src.Read(s.buf[s.raw:])
		s.raw += n
		if err != nil {
			s.eof = true
			if !errors.Is(err, io.EOF) {
				return &Error{Pos: Pos{1, 1}, ID: IDReadFailure,
					Msg: fmt.Sprintf("reading input: %v", err)}
			}
		}
	}
	head := s.buf[:s.raw]
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		s.r, s.w, s.pos.off = 3, 3, 3
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}) ||
		bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return s.errorf(Pos{1, 1}, IDEncoding, "document is UTF-32: qx reads UTF-8 and UTF-16 only")
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}), bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		var order binary.ByteOrder = binary.BigEndian
		if head[0] == 0xFF {
			order = binary.LittleEndian
		}
		rest := bytes.Clone(head[2:])
		s.src = &utf16Reader{src: io.MultiReader(bytes.NewReader(rest), s.src), order: order}
		s.raw, s.eof, s.utf = 0, false, "UTF-16"
	case len(head) >= 2 && (head[0] == 0) != (head[1] == 0):
		return s.errorf(Pos{1, 1}, IDEncoding,
			"document looks like UTF-16 without a byte order mark, which XML requires")
	}
	s.check()
	if s.hasPrefix("<?xml") && s.fill(6) && isSpace(s.buf[s.r+5]) {
		return s.xmlDecl()
	}
	return nil
}

var (
	versionRE  = regexp.MustCompile(`^\s+version\s*=\s*("1\.[0-9]+"|'1\.[0-9]+')`)
	encodingRE = regexp.MustCompile(
		`^\s+encoding\s*=\s*("[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*')`)
	standRE = regexp.MustCompile(`^\s+standalone\s*=\s*("(yes|no)"|'(yes|no)')`)
)

// xmlDecl reads the XML declaration and checks that the encoding it names is the
// one the document is in.
func (s *Scanner) xmlDecl() error {
	p := s.here()
	end, ok := s.fillUntil([]byte("?>"), 512)
	if !ok {
		// The input broke before the declaration could end: that is the error.
		if s.err != nil && s.w-s.r < 512 {
			return s.err
		}
		return s.errorf(p, IDSyntax, `XML declaration does not end with "?>"`)
	}
	decl := s.buf[s.r+len("<?xml") : s.r+end]
	s.r += end + 2
	m := versionRE.FindSubmatch(decl)
	if m == nil {
		return s.errorf(p, IDSyntax, "XML declaration without a version 1.x")
	}
	decl = decl[len(m[0]):]
	enc := ""
	if m := encodingRE.FindSubmatch(decl); m != nil {
		enc = string(m[1][1 : len(m[1])-1])
		decl = decl[len(m[0]):]
	}
	if m := standRE.FindSubmatch(decl); m != nil {
		decl = decl[len(m[0]):]
	}
	if len(bytes.TrimSpace(decl)) > 0 {
		return s.errorf(p, IDSyntax, "malformed XML declaration near %q", bytes.TrimSpace(decl))
	}
	return s.checkEncoding(p, enc)
}

// checkEncoding compares the declared encoding with the one found. A document
// may leave it out: UTF-8 and UTF-16 with a byte order mark need no declaration.
func (s *Scanner) checkEncoding(p Pos, enc string) error {
	switch e := strings.ToUpper(enc); {
	case e == "" || e == s.utf:
		return nil
	case e == "UTF-8" || e == "UTF-16":
		return s.errorf(p, IDEncoding, "document declares encoding %q but is %s", enc, s.utf)
	}
	return s.errorf(p, IDEncoding, "unsupported encoding %q: qx reads UTF-8 and UTF-16 only", enc)
}

// doctype reads the document type declaration. The internal subset is read only
// to learn which entities it declares; nothing it names is fetched or expanded.
func (s *Scanner) doctype() (*Token, error) {
	p := s.here()
	if s.seenRoot || s.sawDoctype {
		return nil, s.errorf(p, IDSyntax,
			"document type declaration after the root element or twice")
	}
	s.sawDoctype = true
	s.r += len("<!DOCTYPE")
	if !s.skipSpace() {
		return nil, s.errorf(s.here(), IDSyntax, "expected white space after <!DOCTYPE")
	}
	s.tag = s.tag[:0]
	n0, n1, err := s.readName("document type name")
	if err != nil {
		return nil, err
	}
	s.skipSpace()
	var ids [2][2]int // public and system literal spans in s.tag
	switch {
	case s.hasPrefix("SYSTEM"):
		s.r += len("SYSTEM")
		if ids[1], err = s.literal("system id", nil); err != nil {
			return nil, err
		}
	case s.hasPrefix("PUBLIC"):
		s.r += len("PUBLIC")
		if ids[0], err = s.literal("public id", isPubidChar); err != nil {
			return nil, err
		}
		if ids[1], err = s.literal("system id", nil); err != nil {
			return nil, err
		}
	}
	s.skipSpace()
	if s.fill(1) && s.buf[s.r] == '[' {
		s.r++
		if err := s.internalSubset(); err != nil {
			return nil, err
		}
		s.skipSpace()
	}
	if err := s.expect('>', `">" to end the document type declaration`); err != nil {
		return nil, err
	}
	tok := s.emit(Doctype, p, s.tag[n0:n1], nil)
	tok.PublicID = s.tag[ids[0][0]:ids[0][1]]
	tok.SystemID = s.tag[ids[1][0]:ids[1][1]]
	return tok, nil
}

// literal reads a quoted literal into s.tag, after white space. When allowed is
// not nil, every byte of the literal must be one it allows.
func (s *Scanner) literal(what string, allowed func(byte) bool) ([2]int, error) {
	if !s.skipSpace() {
		return [2]int{}, s.errorf(s.here(), IDSyntax, "expected white space before %s", what)
	}
	if !s.fill(1) {
		return [2]int{}, s.short(what)
	}
	q := s.buf[s.r]
	if q != '"' && q != '\'' {
		return [2]int{}, s.errorf(s.here(), IDSyntax, "expected quoted %s, found %s",
			what, s.found())
	}
	s.r++
	end, ok := s.fillUntil([]byte{q}, maxLiteral)
	if !ok && s.w-s.r >= maxLiteral {
		return [2]int{}, s.errorf(s.here(), IDLimit, "%s longer than %d bytes", what, maxLiteral)
	}
	if !ok {
		return [2]int{}, s.short(what)
	}
	for i, c := range s.buf[s.r : s.r+end] {
		if allowed != nil && !allowed(c) {
			s.r += i
			return [2]int{}, s.errorf(s.here(), IDSyntax, "character %s not allowed in %s",
				s.found(), what)
		}
	}
	start := len(s.tag)
	s.tag = append(s.tag, s.buf[s.r:s.r+end]...)
	s.r += end + 1
	return [2]int{start, len(s.tag)}, nil
}

// internalSubset reads the internal subset up to its "]" and reports each entity
// it declares.
func (s *Scanner) internalSubset() error {
	for {
		s.skipSpace()
		if !s.fill(1) {
			return s.short("internal subset")
		}
		switch {
		case s.buf[s.r] == ']':
			s.r++
			return nil
		case s.hasPrefix("<!--"):
			if err := s.comment(); err != nil {
				return err
			}
		case s.hasPrefix("<?"):
			if err := s.procInst(); err != nil {
				return err
			}
		case s.hasPrefix("<!ENTITY"):
			if err := s.entityDecl(); err != nil {
				return err
			}
		case s.hasPrefix("<!"), s.buf[s.r] == '%':
			if err := s.skipDecl(); err != nil {
				return err
			}
		default:
			return s.errorf(s.here(), IDSyntax, "unexpected %s in internal subset", s.found())
		}
	}
}

// entityDecl reads an entity declaration, remembers the name of a general entity
// and reports the declaration.
func (s *Scanner) entityDecl() error {
	p := s.here()
	s.r += len("<!ENTITY")
	s.skipSpace()
	kind := "entity"
	if s.fill(1) && s.buf[s.r] == '%' {
		kind = "parameter entity"
		s.r++
		s.skipSpace()
	}
	mark := len(s.tag)
	n0, n1, err := s.readName("entity name")
	if err != nil {
		return err
	}
	name := string(s.tag[n0:n1])
	s.tag = s.tag[:mark]
	if kind == "entity" && len(s.entities) < maxEntities {
		if s.entities == nil {
			s.entities = make(map[string]bool)
		}
		s.entities[name] = true
	}
	s.report(p, IDEntityDecl, "%s %q is declared but not expanded: qx never expands entities",
		kind, name)
	return s.skipDecl()
}

// skipDecl skips a markup declaration or parameter-entity reference, minding
// quoted literals, which may hold ">".
func (s *Scanner) skipDecl() error {
	var q byte
	for {
		if !s.fill(1) {
			return s.short("markup declaration")
		}
		c := s.buf[s.r]
		s.r++
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>' || c == ';':
			return nil
		}
	}
}

// utf16Reader turns UTF-16 input into UTF-8. A broken surrogate pair or an odd
// final byte becomes an invalid UTF-8 byte, which the scanner then reports.
type utf16Reader struct {
	src   io.Reader
	order binary.ByteOrder
	in    [4096]byte
	n     int // bytes held in in
	out   []byte
	err   error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		m, err := u.src.Read(u.in[u.n:])
		u.n += m
		u.err = err
		u.decode(err != nil)
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// decode converts the complete code units held, all of them at the end of input.
func (u *utf16Reader) decode(final bool) {
	b := u.in[:u.n]
	out := u.out[:0]
	i := 0
	for ; i+1 < len(b); i += 2 {
		c := rune(u.order.Uint16(b[i:]))
		if utf16.IsSurrogate(c) {
			if i+3 >= len(b) && !final {
				break
			}
			if i+3 < len(b) {
				if r := utf16.DecodeRune(c, rune(u.order.Uint16(b[i+2:]))); r != utf8.RuneError {
					out = utf8.AppendRune(out, r)
					i += 2
					continue
				}
			}
			out = append(out, 0xFF)
			continue
		}
		out = utf8.AppendRune(out, c)
	}
	if final && i < len(b) {
		out = append(out, 0xFF)
		i = len(b)
	}
	u.n = copy(u.in[:], b[i:])
	u.out = out
}
