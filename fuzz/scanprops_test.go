package fuzz

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"qx/internal/scan"
)

// scanOutcome is what scanning a document gives, in a form that does not
// depend on how the input was cut into reads: adjacent text chunks are joined.
type scanOutcome struct {
	Tokens    []string
	Reports   []string // problems scanned past, "line:col id"
	Err       string   // the fatal error, "line:col id", or "" at a clean end
	Limit     bool     // a limit was reached
	Doctype   bool
	RootStart scan.Pos
	RootEnd   scan.Pos // the end tag of the root, or its empty-element tag
}

// scanner follows one scan of a document and checks each token as it comes.
type scanner struct {
	t     *testing.T
	sh    shape
	sc    *scan.Scanner
	out   scanOutcome
	open  [][]byte
	last  scan.Pos
	text  []byte
	texts bool // text pending in text
}

// scanAll scans the document r reads, whose shape is sh, checking every token,
// report and error against the properties of the scanner.
func scanAll(t *testing.T, r io.Reader, sh shape) scanOutcome {
	t.Helper()
	s := &scanner{t: t, sh: sh, sc: scan.New(r)}
	s.sc.Report = s.report
	// Every token but the end of an empty-element tag consumes input, so a
	// scanner that hands out more tokens than this is going round in circles.
	for n := 0; n <= 2*sh.size+4; n++ {
		tok, err := s.sc.Next()
		if err != nil {
			s.flush()
			s.end(err)
			return s.out
		}
		s.token(tok)
	}
	t.Fatalf("more than %d tokens from %d bytes", 2*sh.size+4, sh.size)
	return s.out
}

func (s *scanner) report(e *scan.Error) {
	if e.ID == "" || !s.sh.inside(e.Pos) {
		s.t.Errorf("report %+v: empty id or position outside the document", e)
	}
	s.out.Limit = s.out.Limit || e.ID == scan.IDLimit
	s.out.Reports = append(s.out.Reports, fmt.Sprintf("%v %s", e.Pos, e.ID))
}

// token checks one token: its position, nesting and text.
func (s *scanner) token(tok *scan.Token) {
	t := s.t
	if !s.sh.inside(tok.Pos) || before(tok.Pos, s.last) {
		t.Errorf("token %v at %v: outside the document or before the previous one at %v",
			tok.Kind, tok.Pos, s.last)
	}
	s.last = tok.Pos
	if tok.Kind != scan.Text {
		s.flush()
	}
	switch tok.Kind {
	case scan.Text:
		s.textChunk(tok)
	case scan.StartElement:
		s.start(tok)
	case scan.EndElement:
		s.endElement(tok)
	case scan.Doctype:
		s.out.Doctype = true
		s.out.Tokens = append(s.out.Tokens, fmt.Sprintf("doctype %v %s %q %q",
			tok.Pos, tok.Name, tok.PublicID, tok.SystemID))
	default:
		t.Errorf("token of unknown kind %d", tok.Kind)
	}
	if s.sc.Depth() != len(s.open) {
		t.Errorf("Depth() = %d after %v at %v, but %d elements are open",
			s.sc.Depth(), tok.Kind, tok.Pos, len(s.open))
	}
}

func (s *scanner) textChunk(tok *scan.Token) {
	if len(s.open) == 0 {
		s.t.Errorf("text at %v outside the root element", tok.Pos)
	}
	if !utf8.Valid(tok.Data) {
		s.t.Errorf("text chunk at %v is not UTF-8 on its own", tok.Pos)
	}
	for _, r := range string(tok.Data) {
		if !isXMLChar(r) {
			s.t.Errorf("text at %v holds %U, which XML forbids", tok.Pos, r)
			break
		}
	}
	if !s.texts {
		s.out.Tokens = append(s.out.Tokens, fmt.Sprintf("text %v", tok.Pos))
	}
	s.text = append(s.text, tok.Data...)
	s.texts = true
}

func (s *scanner) flush() {
	if s.texts {
		n := len(s.out.Tokens) - 1
		s.out.Tokens[n] += fmt.Sprintf(" %q", s.text)
		s.text, s.texts = s.text[:0], false
	}
}

func (s *scanner) start(tok *scan.Token) {
	if len(s.open) == 0 {
		if s.out.RootStart != (scan.Pos{}) {
			s.t.Errorf("second root element at %v", tok.Pos)
		}
		s.out.RootStart = tok.Pos
	}
	line := fmt.Sprintf("start %v %s", tok.Pos, tok.Name)
	seen := map[string]bool{}
	for _, a := range tok.Attrs {
		if seen[string(a.Name)] || len(a.Name) == 0 {
			s.t.Errorf("start tag at %v: attribute %q empty or given twice", tok.Pos, a.Name)
		}
		seen[string(a.Name)] = true
		line += fmt.Sprintf(" %s=%q", a.Name, a.Value)
	}
	if len(tok.Name) == 0 || !utf8.Valid(tok.Name) {
		s.t.Errorf("start tag at %v: bad name %q", tok.Pos, tok.Name)
	}
	s.open = append(s.open, bytes.Clone(tok.Name))
	s.out.Tokens = append(s.out.Tokens, line)
}

func (s *scanner) endElement(tok *scan.Token) {
	n := len(s.open)
	if n == 0 || !bytes.Equal(s.open[n-1], tok.Name) {
		s.t.Errorf("end tag %q at %v does not close the open element", tok.Name, tok.Pos)
		return
	}
	s.open = s.open[:n-1]
	if n == 1 {
		s.out.RootEnd = tok.Pos
	}
	s.out.Tokens = append(s.out.Tokens, fmt.Sprintf("end %v %s", tok.Pos, tok.Name))
}

// end checks how scanning ended: at a clean end of a whole document, or with a
// positioned error that Next keeps returning.
func (s *scanner) end(err error) {
	t := s.t
	if errors.Is(err, io.EOF) {
		if len(s.open) > 0 || s.out.RootStart == (scan.Pos{}) {
			t.Errorf("clean end with %d elements open, root at %v", len(s.open), s.out.RootStart)
		}
		if _, again := s.sc.Next(); !errors.Is(again, io.EOF) {
			t.Errorf("Next after the end returned %v, want io.EOF", again)
		}
		return
	}
	var se *scan.Error
	if !errors.As(err, &se) {
		t.Fatalf("Next returned %T %v, want *scan.Error or io.EOF", err, err)
	}
	if se.ID == "" || se.Msg == "" || !s.sh.inside(se.Pos) {
		t.Errorf("error %+v: empty id or message, or position outside the document", se)
	}
	if se.ID == scan.IDTruncated && !s.sh.atEnd(se.Pos) {
		t.Errorf("error %+v: the document is cut short, but not there", se)
	}
	for range 2 {
		if tok, again := s.sc.Next(); again != err || tok != nil {
			t.Errorf("Next after error %v returned %v, %v; want the same error", err, tok, again)
		}
	}
	s.out.Err = fmt.Sprintf("%v %s", se.Pos, se.ID)
	s.out.Limit = s.out.Limit || se.ID == scan.IDLimit
}

// isXMLChar tells whether XML allows the character r.
func isXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0xD7FF ||
		0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// namedReader is a reader of a document, named for how it cuts it into reads.
type namedReader struct {
	name string
	r    io.Reader
}

// readers returns readers of data that cut it into reads in different ways.
func readers(data []byte) []namedReader {
	return []namedReader{
		{"one byte at a time", iotest.OneByteReader(bytes.NewReader(data))},
		{"last data with EOF", iotest.DataErrReader(iotest.OneByteReader(bytes.NewReader(data)))},
		{"half of each read", iotest.HalfReader(bytes.NewReader(data))},
	}
}
