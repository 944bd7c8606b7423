// Package scan is a streaming XML tokenizer that checks well-formedness as it goes.
//
// A [Scanner] reads a document once through a fixed buffer and hands out one
// [Token] at a time; text and CDATA arrive in chunks, so a text node of any size
// costs no memory. It accepts UTF-8 (with or without a byte order mark) and UTF-16
// with a byte order mark, and reports every other encoding as an error. It never
// reads a DTD or an external entity and never expands an entity declared in the
// document: declarations and references to them are reported, not followed.
//
// Every well-formedness error is fatal, as XML requires: [Scanner.Next] returns it
// as an [*Error] carrying its line and column. Problems after which the document can
// still be read (an entity that is not expanded) go to [Scanner.Report].
package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"unicode/utf8"
)

// Pos is a position in a document: 1-based line and column, the column counted in
// characters, not bytes.
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Error is a problem in a document, at a position, with a stable id.
type Error struct {
	Pos Pos
	ID  string
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%v: %s", e.Pos, e.Msg) }

// Ids of the problems the scanner finds.
const (
	IDSyntax       = "not-well-formed" // broken markup
	IDChar         = "bad-char"        // a byte or character XML does not allow
	IDEncoding     = "encoding"        // an encoding qx does not read
	IDLimit        = "limit"           // a limit of [Limits] exceeded
	IDEntityDecl   = "entity-declared" // the internal subset declares an entity
	IDEntityRef    = "entity-ref"      // a reference to an entity that is not expanded
	IDTruncated    = "truncated"       // the document ends inside an element
	IDReadFailure  = "read-failure"    // the input could not be read to its end
	IDEmptyDocment = "empty"           // no root element at all
)

// Kind is the kind of a [Token].
type Kind uint8

// The kinds of token. Comments, processing instructions and the XML declaration
// are checked and skipped.
const (
	StartElement Kind = iota + 1
	EndElement
	Text    // character data or CDATA, possibly one chunk of several
	Doctype // the document type declaration
)

// Attr is an attribute of a start tag, its value normalized as XML requires.
type Attr struct {
	Name, Value []byte
}

// Token is one piece of a document. A token and its slices are valid until the
// next call of [Scanner.Next].
type Token struct {
	Kind  Kind
	Pos   Pos
	Name  []byte // element name, or the root name of a document type declaration
	Attrs []Attr // attributes of a start tag
	Data  []byte // character data of a text chunk

	// SystemID and PublicID of a document type declaration.
	SystemID, PublicID []byte
}

// Limits bound what one document may use. No real capture comes near them.
type Limits struct {
	MaxDepth   int // elements open at once
	MaxNameLen int // bytes in a name
	MaxAttrLen int // bytes in one attribute value
	MaxAttrs   int // attributes on one element
}

// DefaultLimits are the limits a [Scanner] starts with.
var DefaultLimits = Limits{MaxDepth: 256, MaxNameLen: 1024, MaxAttrLen: 1 << 20, MaxAttrs: 256}

const bufSize = 64 << 10

// Scanner reads the tokens of one document.
type Scanner struct {
	// Report receives problems after which scanning goes on. It may be nil.
	Report func(*Error)
	Limits Limits

	src  io.Reader
	buf  []byte
	r    int // next byte to read
	w    int // end of the checked bytes
	raw  int // end of the bytes read; [w, raw) is an incomplete UTF-8 sequence
	eof  bool
	err  error // the error that waits behind the checked bytes
	utf  string
	text []byte // decoded text of the current token
	tag  []byte // names and values of the current tag
	pos  posTracker

	started    bool
	stack      []int  // start offsets into names of the open elements
	names      []byte // names of the open elements, back to back
	seenRoot   bool
	inCDATA    bool
	sawDoctype bool
	emptyEnd   bool // the last start tag was an empty-element tag
	emptyPos   Pos
	entities   map[string]bool // general entities the internal subset declares
	attrSpans  []span
	tok        Token // the token Next returned last
	attrs      []Attr
}

type span struct{ name0, name1, val0, val1 int }

// New returns a Scanner reading a document from r.
func New(r io.Reader) *Scanner {
	return &Scanner{src: r, buf: make([]byte, bufSize), Limits: DefaultLimits, utf: "UTF-8"}
}

// Depth returns how many elements are open.
func (s *Scanner) Depth() int { return len(s.stack) }

// Next returns the next token, valid until the next call, io.EOF after the end
// of a well-formed document, or the [*Error] that makes the document not
// well-formed. Once it has returned an error it returns the same error again.
func (s *Scanner) Next() (*Token, error) {
	// The end of an empty-element tag comes before an error that waits behind
	// the tag, however far ahead the input has been read.
	if s.err != nil && s.r >= s.w && !s.emptyEnd {
		return nil, s.err
	}
	if !s.started {
		s.started = true
		if err := s.start(); err != nil {
			return nil, s.fail(err)
		}
	}
	tok, err := s.next()
	if err != nil {
		return nil, s.fail(err)
	}
	return tok, nil
}

// emit makes the scanner's token the one described, without attributes or ids,
// and returns it.
func (s *Scanner) emit(k Kind, p Pos, name, data []byte) *Token {
	t := &s.tok
	t.Kind, t.Pos, t.Name, t.Data = k, p, name, data
	t.Attrs, t.SystemID, t.PublicID = nil, nil, nil
	return t
}

// fail makes err the scanner's final answer.
func (s *Scanner) fail(err error) error {
	s.err = err
	s.r, s.w, s.emptyEnd = 0, 0, false
	return err
}

func (s *Scanner) next() (*Token, error) {
	if s.emptyEnd {
		s.emptyEnd = false
		tok := s.emit(EndElement, s.emptyPos, s.top(), nil)
		s.pop()
		return tok, nil
	}
	if s.inCDATA {
		return s.cdata()
	}
	for {
		if s.r >= s.w && !s.fill(1) {
			return s.atEnd()
		}
		if s.buf[s.r] != '<' {
			if len(s.stack) > 0 {
				return s.charData()
			}
			if err := s.outsideRoot(); err != nil {
				return nil, err
			}
			continue
		}
		if !s.fill(2) {
			return nil, s.short("markup")
		}
		switch c := s.buf[s.r+1]; {
		case c == '/':
			return s.endTag()
		case c == '?':
			if err := s.procInst(); err != nil {
				return nil, err
			}
		case c == '!':
			tok, ok, err := s.bang()
			if err != nil || ok {
				return tok, err
			}
		default:
			return s.startTag()
		}
	}
}

// atEnd decides what the end of the input means.
func (s *Scanner) atEnd() (*Token, error) {
	if s.err != nil {
		return nil, s.err
	}
	p := s.here()
	switch {
	case len(s.stack) > 0:
		return nil, s.errorf(p, IDTruncated, "document ends inside element %q", s.top())
	case !s.seenRoot:
		return nil, s.errorf(p, IDEmptyDocment, "document has no root element")
	}
	return nil, io.EOF
}

// outsideRoot skips white space before or after the root element.
func (s *Scanner) outsideRoot() error {
	for s.r < s.w || s.fill(1) {
		switch s.buf[s.r] {
		case ' ', '\t', '\n', '\r':
			s.r++
		case '<':
			return nil
		default:
			if s.seenRoot {
				return s.errorf(s.here(), IDSyntax, "content after the root element")
			}
			return s.errorf(s.here(), IDSyntax, "text before the root element")
		}
	}
	return nil
}

func (s *Scanner) top() []byte { return s.names[s.stack[len(s.stack)-1]:] }

// errorf builds a positioned error.
func (s *Scanner) errorf(p Pos, id, format string, args ...any) *Error {
	return &Error{Pos: p, ID: id, Msg: fmt.Sprintf(format, args...)}
}

// report passes on a problem the scanner can read past.
func (s *Scanner) report(p Pos, id, format string, args ...any) {
	if s.Report != nil {
		s.Report(s.errorf(p, id, format, args...))
	}
}

// here returns the position of the next byte to read.
func (s *Scanner) here() Pos { return s.pos.at(s.buf, s.r) }

// fill makes at least n bytes available at s.r, reading and checking more input as
// needed. It reports false when the input ends (or breaks) first.
func (s *Scanner) fill(n int) bool {
	for s.w-s.r < n {
		if s.err != nil || s.eof {
			if s.eof && s.raw > s.w && s.err == nil {
				s.err = s.errorf(s.posAhead(s.w), IDChar, "input ends inside a %s sequence",
					s.utf)
			}
			return false
		}
		s.compact()
		s.read()
	}
	return true
}

// compact moves the unread bytes to the front of the buffer.
func (s *Scanner) compact() {
	if s.r == 0 {
		if s.raw == len(s.buf) {
			// Every caller asks for a few bytes only, so this cannot happen
			// with a buffer of bufSize.
			panic("scan: buffer full")
		}
		return
	}
	s.pos.forward(s.buf, s.r)
	copy(s.buf, s.buf[s.r:s.raw])
	s.w -= s.r
	s.raw -= s.r
	s.pos.shift(s.r)
	s.r = 0
}

// read reads more input and checks the characters it brings.
func (s *Scanner) read() {
	n, err := s.src.Read(s.buf[s.raw:])
	s.raw += n
	if err != nil {
		if errors.Is(err, io.EOF) {
			s.eof = true
		} else {
			s.err = &Error{Pos: s.posAhead(s.raw), ID: IDReadFailure,
				Msg: fmt.Sprintf("reading input: %v", err)}
			s.eof = true
		}
	}
	s.check()
}

// check extends the checked bytes over the bytes just read, stopping at the first
// character XML does not allow, which becomes the waiting error.
func (s *Scanner) check() {
	b := s.buf[:s.raw]
	i := s.w
	for i < len(b) {
		// Fast path: eight printable ASCII bytes at once.
		if i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			const lo, hi = 0x0101010101010101, 0x8080808080808080
			if (x-0x20*lo)&^x&hi == 0 && x&hi == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 {
				if c != '\t' && c != '\n' && c != '\r' {
					s.badChar(i, fmt.Sprintf("character U+%04X is not allowed in XML", c))
					return
				}
				s.pos.sawCR = s.pos.sawCR || c == '\r'
			}
			i++
			continue
		}
		if !utf8.FullRune(b[i:]) {
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			s.badChar(i, fmt.Sprintf("invalid %s byte 0x%02X", s.utf, c))
			return
		case r == 0xFFFE || r == 0xFFFF:
			s.badChar(i, fmt.Sprintf("character U+%04X is not allowed in XML", r))
			return
		}
		i += size
	}
	s.w = i
	if s.eof && s.w < s.raw && s.err == nil {
		s.badChar(s.w, fmt.Sprintf("input ends inside a %s sequence", s.utf))
	}
}

func (s *Scanner) badChar(i int, msg string) {
	s.w = i
	if s.err == nil {
		s.err = &Error{Pos: s.posAhead(i), ID: IDChar, Msg: msg}
	}
}

// posAhead returns the position of buffer offset i, which may lie beyond what
// has been read, without moving the tracker.
func (s *Scanner) posAhead(i int) Pos {
	t := s.pos
	return t.at(s.buf, i)
}

// posTracker turns buffer offsets into line and column, counting each byte once.
type posTracker struct {
	off     int // buffer offset the position below belongs to
	line    int
	col     int
	afterCR bool // the byte before off is a carriage return
	sawCR   bool // the checked input holds a carriage return somewhere
}

// at returns the position of buffer offset i, which must not lie before the
// last offset asked for.
func (t *posTracker) at(buf []byte, i int) Pos {
	t.forward(buf, i)
	return Pos{Line: t.line + 1, Col: t.col + 1}
}

// forward moves the tracker to buffer offset i.
func (t *posTracker) forward(buf []byte, i int) {
	if i <= t.off {
		return
	}
	seg := buf[t.off:i]
	t.off = i
	if !t.sawCR || !t.afterCR && bytes.IndexByte(seg, '\r') < 0 {
		if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
			t.line += n
			seg = seg[bytes.LastIndexByte(seg, '\n')+1:]
			t.col = 0
		}
		t.col += runeStarts(seg)
		return
	}
	for _, c := range seg {
		switch {
		case c == '\r':
			t.line, t.col, t.afterCR = t.line+1, 0, true
			continue
		case c == '\n':
			if !t.afterCR {
				t.line, t.col = t.line+1, 0
			}
		case utf8.RuneStart(c):
			t.col++
		}
		t.afterCR = false
	}
}

// runeStarts counts the bytes of b that start a character: its characters,
// even when b begins or ends inside one, as where the reader stopped may.
func runeStarts(b []byte) int {
	n := len(b)
	const high = 0x8080808080808080
	for ; len(b) >= 8; b = b[8:] {
		// A continuation byte is 10xxxxxx: bit 7 set, bit 6 clear.
		if x := binary.LittleEndian.Uint64(b); x&high != 0 {
			n -= bits.OnesCount64(x &^ (x << 1) & high)
		}
	}
	for _, c := range b {
		if !utf8.RuneStart(c) {
			n--
		}
	}
	return n
}

// shift follows the buffer when its first n bytes are dropped.
func (t *posTracker) shift(n int) { t.off -= n }
