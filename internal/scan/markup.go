package scan

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// short returns the error for input that ended (or broke) where more was needed.
// The input ends after the checked bytes, which may lie beyond s.r.
func (s *Scanner) short(what string) error {
	if s.err != nil {
		return s.err
	}
	return s.errorf(s.posAhead(s.w), IDTruncated, "document ends inside %s", what)
}

// fillUntil makes the next occurrence of delim available, looking no further than
// max bytes ahead, and returns its offset from s.r. However much input is at
// hand, a delimiter that does not end within max bytes is not found.
func (s *Scanner) fillUntil(delim []byte, max int) (int, bool) {
	for {
		if i := bytes.Index(s.buf[s.r:min(s.w, s.r+max)], delim); i >= 0 {
			return i, true
		}
		if s.w-s.r >= max || !s.fill(s.w-s.r+1) {
			return 0, false
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace skips white space and tells whether there was any.
func (s *Scanner) skipSpace() bool {
	skipped := false
	for s.r < s.w || s.fill(1) {
		if !isSpace(s.buf[s.r]) {
			break
		}
		s.r++
		skipped = true
	}
	return skipped
}

// expect consumes the byte c or fails saying what was wanted.
func (s *Scanner) expect(c byte, what string) error {
	if !s.fill(1) {
		return s.short(what)
	}
	if s.buf[s.r] != c {
		return s.errorf(s.here(), IDSyntax, "expected %s, found %s", what, s.found())
	}
	s.r++
	return nil
}

// found describes the next character for an error message.
func (s *Scanner) found() string {
	r, _ := utf8.DecodeRune(s.buf[s.r:s.w])
	return strconv.QuoteRune(r)
}

// readName appends a name at s.r to s.tag and returns where it starts and ends there.
func (s *Scanner) readName(what string) (int, int, error) {
	start := len(s.tag)
	p := s.here()
	for first := true; ; first = false {
		// Fast path: a run of ASCII name bytes inside the buffer.
		b := s.buf[s.r:s.w]
		i := 0
		for i < len(b) && b[i] < utf8.RuneSelf && nameByte[b[i]] &&
			(!first || i > 0 || nameStartByte[b[i]]) {
			i++
		}
		s.tag = append(s.tag, b[:i]...)
		s.r += i
		first = first && i == 0
		if len(s.tag)-start > s.Limits.MaxNameLen {
			return 0, 0, s.errorf(p, IDLimit, "name longer than %d bytes", s.Limits.MaxNameLen)
		}
		if !s.fill(1) {
			return 0, 0, s.short(what)
		}
		if c := s.buf[s.r]; c < utf8.RuneSelf {
			if nameByte[c] && (!first || nameStartByte[c]) {
				continue // the buffer was refilled
			}
			break
		}
		if !s.fill(utf8.UTFMax) && !utf8.FullRune(s.buf[s.r:s.w]) {
			return 0, 0, s.short(what)
		}
		r, size := utf8.DecodeRune(s.buf[s.r:s.w])
		if !isNameRune(r, first) {
			break
		}
		s.tag = append(s.tag, s.buf[s.r:s.r+size]...)
		s.r += size
	}
	if len(s.tag) == start {
		return 0, 0, s.errorf(s.here(), IDSyntax, "expected %s, found %s", what, s.found())
	}
	return start, len(s.tag), nil
}

// startTag reads a start tag or an empty-element tag.
func (s *Scanner) startTag() (*Token, error) {
	p := s.here()
	if s.seenRoot && len(s.stack) == 0 {
		return nil, s.errorf(p, IDSyntax, "second root element")
	}
	s.r++ // '<'
	s.tag = s.tag[:0]
	s.attrSpans = s.attrSpans[:0]
	n0, n1, err := s.readName("element name")
	if err != nil {
		return nil, err
	}
	empty, err := s.readAttrs()
	if err != nil {
		return nil, err
	}
	if len(s.stack) >= s.Limits.MaxDepth {
		return nil, s.errorf(p, IDLimit, "elements nested deeper than %d", s.Limits.MaxDepth)
	}
	s.seenRoot = true
	tok := s.emit(StartElement, p, s.tag[n0:n1], nil)
	tok.Attrs = s.attrList()
	if empty {
		// The end of an empty-element tag comes with the next call.
		s.emptyEnd, s.emptyPos = true, p
	}
	s.stack = append(s.stack, len(s.names))
	s.names = append(s.names, tok.Name...)
	return tok, nil
}

// readAttrs reads the attributes of a start tag up to its end and tells whether
// the tag was an empty-element tag.
func (s *Scanner) readAttrs() (bool, error) {
	for {
		spaced := s.skipSpace()
		if !s.fill(1) {
			return false, s.short("start tag")
		}
		switch s.buf[s.r] {
		case '>':
			s.r++
			return false, nil
		case '/':
			s.r++
			return true, s.expect('>', `">" after "/"`)
		}
		if !spaced {
			return false, s.errorf(s.here(), IDSyntax,
				"expected white space, \">\" or \"/>\", found %s", s.found())
		}
		if err := s.readAttr(); err != nil {
			return false, err
		}
	}
}

// readAttr reads one attribute and checks it is not a duplicate.
func (s *Scanner) readAttr() error {
	p := s.here()
	if len(s.attrSpans) >= s.Limits.MaxAttrs {
		return s.errorf(p, IDLimit, "more than %d attributes", s.Limits.MaxAttrs)
	}
	n0, n1, err := s.readName("attribute name")
	if err != nil {
		return err
	}
	name := s.tag[n0:n1]
	for _, a := range s.attrSpans {
		if bytes.Equal(s.tag[a.name0:a.name1], name) {
			return s.errorf(p, IDSyntax, "attribute %q given twice", name)
		}
	}
	s.skipSpace()
	if err := s.expect('=', `"=" after attribute name`); err != nil {
		return err
	}
	s.skipSpace()
	v0 := len(s.tag)
	if err := s.readAttrValue(p, name); err != nil {
		return err
	}
	s.attrSpans = append(s.attrSpans, span{n0, n1, v0, len(s.tag)})
	return nil
}

// readAttrValue appends a quoted attribute value to s.tag, normalized: references
// replaced and each white-space character made a space.
func (s *Scanner) readAttrValue(p Pos, name []byte) error {
	if !s.fill(1) {
		return s.short("attribute value")
	}
	q := s.buf[s.r]
	if q != '"' && q != '\'' {
		return s.errorf(s.here(), IDSyntax, "expected quoted value of attribute %q, found %s",
			name, s.found())
	}
	s.r++
	v0, over := len(s.tag), false
	for {
		if !s.fill(1) {
			return s.short("attribute value")
		}
		c := s.buf[s.r]
		switch {
		case c == q:
			s.r++
			return nil
		case c == '<':
			return s.errorf(s.here(), IDSyntax, "\"<\" in value of attribute %q", name)
		case c == '&':
			r0 := len(s.tag)
			if err := s.reference(&s.tag); err != nil {
				return err
			}
			if over {
				s.tag = s.tag[:r0]
			}
			continue
		case c == '\r':
			s.r++
			if s.fill(1) && s.buf[s.r] == '\n' {
				s.r++
			}
			c = ' '
		case c == '\n' || c == '\t':
			s.r++
			c = ' '
		default:
			s.r++
		}
		if over {
			continue
		}
		s.tag = append(s.tag, c)
		if len(s.tag)-v0 > s.Limits.MaxAttrLen {
			s.tag = s.tag[:v0+s.Limits.MaxAttrLen]
			over = true
			s.report(p, IDLimit,
				"value of attribute %q longer than %d bytes: the rest is not checked",
				name, s.Limits.MaxAttrLen)
		}
	}
}

// attrList turns the spans of the current tag into attributes.
func (s *Scanner) attrList() []Attr {
	s.attrs = s.attrs[:0]
	for _, a := range s.attrSpans {
		s.attrs = append(s.attrs, Attr{Name: s.tag[a.name0:a.name1], Value: s.tag[a.val0:a.val1]})
	}
	return s.attrs
}

// endTag reads an end tag and checks it closes the open element.
func (s *Scanner) endTag() (*Token, error) {
	p := s.here()
	s.r += 2 // "</"
	if len(s.stack) > 0 {
		// Fast path: the name of the open element, then ">".
		top := s.top()
		if s.fill(len(top)+1) && string(s.buf[s.r:s.r+len(top)]) == string(top) &&
			s.buf[s.r+len(top)] == '>' {
			s.r += len(top) + 1
			s.pop()
			return s.emit(EndElement, p, top, nil), nil
		}
	}
	s.tag = s.tag[:0]
	n0, n1, err := s.readName("element name")
	if err != nil {
		return nil, err
	}
	s.skipSpace()
	if err := s.expect('>', `">" to close end tag`); err != nil {
		return nil, err
	}
	name := s.tag[n0:n1]
	if len(s.stack) == 0 {
		return nil, s.errorf(p, IDSyntax, "end tag %q without a start tag", name)
	}
	if !bytes.Equal(name, s.top()) {
		return nil, s.errorf(p, IDSyntax, "end tag %q does not match start tag %q",
			name, s.top())
	}
	s.pop()
	return s.emit(EndElement, p, name, nil), nil
}

func (s *Scanner) pop() {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.names = s.names[:top]
}

// charData reads one chunk of character data, at most about a buffer's worth.
func (s *Scanner) charData() (*Token, error) {
	p := s.here()
	s.text = s.text[:0]
	for len(s.text) < bufSize && (s.r < s.w || s.fill(1)) {
		b := s.buf[s.r:s.w]
		i := 0
		for i < len(b) && !textStop[b[i]] {
			i++
		}
		s.text = append(s.text, b[:i]...)
		s.r += i
		if i < len(b) {
			stop, err := s.textSpecial()
			if err != nil {
				return nil, err
			}
			if stop {
				break
			}
		}
	}
	return s.emit(Text, p, nil, s.text), nil
}

// textSpecial handles the byte at s.r that stopped a run of plain text, and tells
// whether the text ends there.
func (s *Scanner) textSpecial() (bool, error) {
	switch s.buf[s.r] {
	case '<':
		return true, nil
	case '&':
		return false, s.reference(&s.text)
	case '\r':
		s.r++
		if s.fill(1) && s.buf[s.r] == '\n' {
			s.r++
		}
		s.text = append(s.text, '\n')
	case ']':
		if s.fill(3) && s.buf[s.r+1] == ']' && s.buf[s.r+2] == '>' {
			return false, s.errorf(s.here(), IDSyntax, `"]]>" in character data`)
		}
		s.text = append(s.text, ']')
		s.r++
	}
	return false, nil
}

// reference reads a character or entity reference at s.r and appends what it
// stands for to dst. Entities other than the five predefined ones are not
// expanded: a reference to one is reported and stands for nothing.
func (s *Scanner) reference(dst *[]byte) error {
	p := s.here()
	max := s.Limits.MaxNameLen + 3
	end, ok := s.fillUntil([]byte{';'}, max)
	if !ok {
		// The input broke before the reference could end: that is the error.
		if s.err != nil && s.w-s.r < max {
			return s.err
		}
		return s.errorf(p, IDSyntax, `"&" not followed by a reference ending in ";"`)
	}
	ref := s.buf[s.r+1 : s.r+end]
	s.r += end + 1
	if len(ref) > 0 && ref[0] == '#' {
		r, ok := charRef(ref[1:])
		if !ok {
			return s.errorf(p, IDSyntax,
				"character reference &%s; is not a legal XML character", ref)
		}
		*dst = utf8.AppendRune(*dst, r)
		return nil
	}
	if c, ok := predefined[string(ref)]; ok {
		*dst = append(*dst, c)
		return nil
	}
	if !isName(ref) {
		return s.errorf(p, IDSyntax, "malformed reference &%s;", ref)
	}
	if s.entities[string(ref)] {
		s.report(p, IDEntityRef,
			"reference to entity %q is not expanded: qx never expands entities", ref)
		return nil
	}
	s.report(p, IDEntityRef, "reference to undeclared entity %q", ref)
	return nil
}

var predefined = map[string]byte{"lt": '<', "gt": '>', "amp": '&', "apos": '\'', "quot": '"'}

// charRef decodes the digits of a character reference.
func charRef(digits []byte) (rune, bool) {
	base := 10
	if len(digits) > 0 && digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	// Leading zeros are allowed, however many.
	for len(digits) > 1 && digits[0] == '0' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 8 || digits[0] == '+' || digits[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || !isChar(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// cdata reads one chunk of a CDATA section.
func (s *Scanner) cdata() (*Token, error) {
	p := s.here()
	s.text = s.text[:0]
	for {
		if !s.fill(3) {
			return nil, s.short("CDATA section")
		}
		b := s.buf[s.r:s.w]
		if i := bytes.Index(b, []byte("]]>")); i >= 0 {
			s.appendNormalized(b[:i])
			s.r += i + 3
			s.inCDATA = false
			return s.emit(Text, p, nil, s.text), nil
		}
		// Keep the last two bytes: they may start the closing "]]>".
		n := len(b) - 2
		s.appendNormalized(b[:n])
		s.r += n
		if len(s.text) >= bufSize/2 && endsWhole(s.text) {
			return s.emit(Text, p, nil, s.text), nil
		}
	}
}

// endsWhole tells whether b does not end inside a UTF-8 sequence, so that a
// chunk of text handed out is UTF-8 on its own.
func endsWhole(b []byte) bool {
	i := len(b) - 1
	for i > 0 && len(b)-i < utf8.UTFMax && !utf8.RuneStart(b[i]) {
		i--
	}
	return i < 0 || utf8.FullRune(b[i:])
}

// appendNormalized appends b to s.text with line ends made "\n".
func (s *Scanner) appendNormalized(b []byte) {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			s.text = append(s.text, b...)
			return
		}
		s.text = append(s.text, b[:i]...)
		s.text = append(s.text, '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

// bang reads markup that starts with "<!": a comment, a CDATA section or the
// document type declaration. It tells whether it produced a token.
func (s *Scanner) bang() (*Token, bool, error) {
	p := s.here()
	switch {
	case s.hasPrefix("<!--"):
		return nil, false, s.comment()
	case s.hasPrefix("<![CDATA["):
		if len(s.stack) == 0 {
			return nil, false, s.errorf(p, IDSyntax, "CDATA section outside the root element")
		}
		s.r += len("<![CDATA[")
		s.inCDATA = true
		tok, err := s.cdata()
		return tok, err == nil, err
	case s.hasPrefix("<!DOCTYPE"):
		tok, err := s.doctype()
		return tok, err == nil, err
	}
	// Input that ends or breaks inside one of the above is cut short; any other
	// is unknown markup, whatever follows it.
	for _, m := range []string{"<!--", "<![CDATA[", "<!DOCTYPE"} {
		if b := s.buf[s.r:s.w]; len(b) < len(m) && strings.HasPrefix(m, string(b)) {
			return nil, false, s.short("markup")
		}
	}
	return nil, false, s.errorf(p, IDSyntax, `unknown markup after "<!"`)
}

// hasPrefix tells whether the unread input starts with prefix.
func (s *Scanner) hasPrefix(prefix string) bool {
	return s.fill(len(prefix)) && string(s.buf[s.r:s.r+len(prefix)]) == prefix
}

// comment skips a comment, which may not contain "--".
func (s *Scanner) comment() error {
	s.r += len("<!--")
	for {
		if !s.fill(3) {
			return s.short("comment")
		}
		b := s.buf[s.r:s.w]
		i := bytes.Index(b, []byte("--"))
		if i < 0 {
			s.r += len(b) - 1
			continue
		}
		s.r += i
		if !s.fill(3) {
			return s.short("comment")
		}
		if s.buf[s.r+2] != '>' {
			return s.errorf(s.here(), IDSyntax, `"--" inside a comment`)
		}
		s.r += 3
		return nil
	}
}

// procInst skips a processing instruction.
func (s *Scanner) procInst() error {
	p := s.here()
	s.r += 2
	mark := len(s.tag)
	n0, n1, err := s.readName("processing instruction target")
	if err != nil {
		return err
	}
	target := s.tag[n0:n1]
	s.tag = s.tag[:mark]
	if bytes.EqualFold(target, []byte("xml")) {
		return s.errorf(p, IDSyntax, "XML declaration not at the start of the document")
	}
	if !s.skipSpace() && !s.hasPrefix("?>") {
		return s.errorf(s.here(), IDSyntax, "expected white space or \"?>\" after target, found %s",
			s.found())
	}
	for {
		if !s.fill(2) {
			return s.short("processing instruction")
		}
		b := s.buf[s.r:s.w]
		if i := bytes.Index(b, []byte("?>")); i >= 0 {
			s.r += i + 2
			return nil
		}
		s.r += len(b) - 1
	}
}
