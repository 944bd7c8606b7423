package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// outcome is what scanning a document gives, rendered for comparison.
type outcome struct {
	Tokens  []string // kind, position and payload of each token
	Reports []string // problems scanned past, as "line:col id"
	Err     string   // the fatal error as "line:col id", or ""
}

func scanAll(r io.Reader, lim Limits) outcome {
	var out outcome
	s := New(r)
	if lim != (Limits{}) {
		s.Limits = lim
	}
	s.Report = func(e *Error) {
		out.Reports = append(out.Reports, fmt.Sprintf("%v %s", e.Pos, e.ID))
	}
	var text []byte
	flush := func() {
		if text != nil {
			out.Tokens = append(out.Tokens, fmt.Sprintf("text %q", text))
			text = nil
		}
	}
	for {
		t, err := s.Next()
		if err != nil {
			flush()
			var se *Error
			if errors.As(err, &se) {
				out.Err = fmt.Sprintf("%v %s", se.Pos, se.ID)
			}
			return out
		}
		switch t.Kind {
		case Text:
			text = append(text, t.Data...)
			if text == nil {
				text = []byte{}
			}
			continue
		case StartElement:
			flush()
			tok := fmt.Sprintf("start %v %s", t.Pos, t.Name)
			for _, a := range t.Attrs {
				tok += fmt.Sprintf(" %s=%q", a.Name, a.Value)
			}
			out.Tokens = append(out.Tokens, tok)
		case EndElement:
			flush()
			out.Tokens = append(out.Tokens, fmt.Sprintf("end %v %s", t.Pos, t.Name))
		case Doctype:
			out.Tokens = append(out.Tokens,
				fmt.Sprintf("doctype %s %q %q", t.Name, t.PublicID, t.SystemID))
		}
	}
}

func utf16Doc(s string, bigEndian bool) []byte {
	var b bytes.Buffer
	put := func(u uint16) {
		if bigEndian {
			b.Write([]byte{byte(u >> 8), byte(u)})
		} else {
			b.Write([]byte{byte(u), byte(u >> 8)})
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b.Bytes()
}

func TestScan(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		doc    string
		want   outcome
	}{
		{
			name:   "minimal",
			reason: "a root with text and an attribute gives start, text and end",
			doc:    `<?xml version="1.0" encoding="UTF-8" ?><A b='1 &amp; 2'>x&lt;y</A>`,
			want:   outcome{Tokens: []string{`start 1:40 A b="1 & 2"`, `text "x<y"`, `end 1:63 A`}},
		},
		{
			name:   "columns in characters",
			reason: "columns count characters, so a multi-byte name moves the column by one",
			doc:    "<é>\n  <B/></é>",
			want: outcome{Tokens: []string{"start 1:1 é", `text "\n  "`, "start 2:3 B",
				"end 2:3 B", "end 2:7 é"}},
		},
		{
			name:   "crlf line ends",
			reason: "CR LF counts as one line end and text sees a plain LF",
			doc:    "<A>\r\n<B/>\r\r<C/></A>",
			want: outcome{Tokens: []string{"start 1:1 A", `text "\n"`, "start 2:1 B", "end 2:1 B",
				`text "\n\n"`, "start 4:1 C", "end 4:1 C", "end 4:5 A"}},
		},
		{
			name:   "doctype and cdata",
			reason: "the DOCTYPE's ids are handed out and CDATA arrives as text",
			doc:    `<!DOCTYPE A SYSTEM "https://h/x.dtd"><A><![CDATA[ <b> ]]></A>`,
			want: outcome{Tokens: []string{`doctype A "" "https://h/x.dtd"`, "start 1:38 A",
				`text " <b> "`, "end 1:58 A"}},
		},
		{
			name:   "byte order mark",
			reason: "a UTF-8 BOM is skipped and does not count as a column",
			doc:    "\xEF\xBB\xBF<A/>",
			want:   outcome{Tokens: []string{"start 1:1 A", "end 1:1 A"}},
		},
		{
			name:   "mismatched end tag",
			reason: "an end tag that closes another element is fatal, at the end tag",
			doc:    "<A>\n<B></A>",
			want: outcome{Tokens: []string{"start 1:1 A", `text "\n"`, "start 2:1 B"},
				Err: "2:4 not-well-formed"},
		},
		{
			name:   "cut file",
			reason: "input that ends inside an element is truncated, at the end",
			doc:    "<A><B>text",
			want: outcome{Tokens: []string{"start 1:1 A", "start 1:4 B", `text "text"`},
				Err: "1:11 truncated"},
		},
		{
			name:   "empty",
			reason: "a document with no root element is reported as empty",
			doc:    "",
			want:   outcome{Err: "1:1 empty"},
		},
		{
			name:   "binary garbage",
			reason: "a NUL byte is a character XML forbids",
			doc:    "\x00\x01\x02\x03garbage",
			want:   outcome{Err: "1:1 encoding"},
		},
		{
			name:   "nul in text",
			reason: "a NUL is reported where it stands and ends the scan",
			doc:    "<A>ab\x00</A>",
			want:   outcome{Tokens: []string{"start 1:1 A", `text "ab"`}, Err: "1:6 bad-char"},
		},
		{
			name:   "invalid utf-8",
			reason: "a byte that starts no UTF-8 sequence is reported at its character",
			doc:    "<A>é\xff</A>",
			want:   outcome{Tokens: []string{"start 1:1 A", `text "é"`}, Err: "1:5 bad-char"},
		},
		{
			name:   "utf-16 without bom",
			reason: "XML requires a byte order mark on UTF-16",
			doc:    "<\x00A\x00/\x00>\x00",
			want:   outcome{Err: "1:1 encoding"},
		},
		{
			name:   "foreign encoding",
			reason: "qx reads only UTF-8 and UTF-16 and says so",
			doc:    `<?xml version="1.0" encoding="ISO-8859-1"?><A/>`,
			want:   outcome{Err: "1:1 encoding"},
		},
		{
			name:   "declared utf-16 but utf-8",
			reason: "the declaration must name the encoding the bytes are in",
			doc:    `<?xml version="1.0" encoding="UTF-16"?><A/>`,
			want:   outcome{Err: "1:1 encoding"},
		},
		{
			name: "entities not expanded",
			reason: "declared entities are reported, never expanded; " +
				"a reference stands for nothing",
			doc: "<!DOCTYPE A [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">" +
				"<!ENTITY % p SYSTEM \"file:///etc/passwd\">]>\n<A>&b;&c;</A>",
			want: outcome{
				Tokens: []string{`doctype A "" ""`, "start 2:1 A", `text ""`, "end 2:10 A"},
				Reports: []string{"1:14 entity-declared", "1:29 entity-declared",
					"1:49 entity-declared", "2:4 entity-ref", "2:7 entity-ref"},
			},
		},
		{
			name:   "bad character reference",
			reason: "a character reference to a character XML forbids is fatal",
			doc:    "<A>&#0;</A>",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:4 not-well-formed"},
		},
		{
			name:   "cdata end in text",
			reason: `"]]>" may not stand in character data`,
			doc:    "<A>a]]>b</A>",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:5 not-well-formed"},
		},
		{
			name:   "double hyphen in comment",
			reason: `"--" may not stand inside a comment`,
			doc:    "<A><!-- a -- b --></A>",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:11 not-well-formed"},
		},
		{
			name:   "duplicate attribute",
			reason: "an attribute given twice is fatal, at the second one",
			doc:    `<A b="1" b="2"/>`,
			want:   outcome{Err: "1:10 not-well-formed"},
		},
		{
			name:   "lt in attribute",
			reason: `"<" may not stand in an attribute value`,
			doc:    `<A b="<"/>`,
			want:   outcome{Err: "1:7 not-well-formed"},
		},
		{
			name:   "second root",
			reason: "a document has one root element",
			doc:    "<A/><B/>",
			want: outcome{Tokens: []string{"start 1:1 A", "end 1:1 A"},
				Err: "1:5 not-well-formed"},
		},
		{
			name:   "text before root",
			reason: "only white space, comments and instructions may come before the root",
			doc:    "hello<A/>",
			want:   outcome{Err: "1:1 not-well-formed"},
		},
		{
			name:   "late xml declaration",
			reason: "the XML declaration may only open the document",
			doc:    " <?xml version=\"1.0\"?><A/>",
			want:   outcome{Err: "1:2 not-well-formed"},
		},
		{
			name:   "cdata outside root",
			reason: "CDATA belongs inside the root element",
			doc:    "<![CDATA[x]]><A/>",
			want:   outcome{Err: "1:1 not-well-formed"},
		},
		{
			name:   "cut inside cdata",
			reason: "a CDATA section cut short is truncated where the input ends",
			doc:    "<A><![CDATA[abcdef",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:19 truncated"},
		},
		{
			name:   "cut inside comment",
			reason: "a comment cut short is truncated where the input ends",
			doc:    "<A><!-- abc",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:12 truncated"},
		},
		{
			name:   "cut after lt",
			reason: "a document that ends right after \"<\" is truncated at its end",
			doc:    "<A><",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:5 truncated"},
		},
		{
			name:   "bad char after lt",
			reason: "a forbidden character after \"<\" is reported as such, not as a cut",
			doc:    "<A><\x01",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:5 bad-char"},
		},
		{
			name:   "long system id",
			reason: "a system id over 4096 bytes is a limit, not the end of the document",
			doc:    `<!DOCTYPE A SYSTEM "` + strings.Repeat("x", 5000) + `"><A/>`,
			want:   outcome{Err: "1:21 limit"},
		},
		{
			name:   "unknown markup before a bad char",
			reason: "the first error wins, however far ahead the input has been read",
			doc:    "<A><!00\x00",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:4 not-well-formed"},
		},
		{
			name:   "cut inside doctype keyword",
			reason: "input that ends inside \"<!DOCTYPE\" is truncated, not unknown markup",
			doc:    "<!DOCTY",
			want:   outcome{Err: "1:8 truncated"},
		},
		{
			name:   "overlong reference before a bad char",
			reason: "a reference longer than a name can be is reported, not a character beyond it",
			doc:    "<A>&" + strings.Repeat("a", 1100) + "\x00",
			want:   outcome{Tokens: []string{"start 1:1 A"}, Err: "1:4 not-well-formed"},
		},
		{
			name:   "columns across a split character",
			reason: "a read that stops inside a multi-byte character does not shift columns",
			doc:    "<A><!-- 𝄞é𝄞 --><B/><?p 𝄞𝄞?><C/></A>",
			want: outcome{Tokens: []string{"start 1:1 A", "start 1:16 B", "end 1:16 B",
				"start 1:28 C", "end 1:28 C", "end 1:32 A"}},
		},
		{
			name:   "bad char after an empty root",
			reason: "the end of an empty-element tag comes before an error after it",
			doc:    "<A/>\xa9",
			want:   outcome{Tokens: []string{"start 1:1 A", "end 1:1 A"}, Err: "1:5 bad-char"},
		},
		{
			name:   "leading zeros in character reference",
			reason: "a character reference may have any number of leading zeros",
			doc:    "<A>&#0000000065;&#x00000000042;</A>",
			want:   outcome{Tokens: []string{"start 1:1 A", `text "AB"`, "end 1:32 A"}},
		},
		{
			name:   "bad character in public id",
			reason: "a public id holds only the characters XML allows there, not \"{\"",
			doc:    `<!DOCTYPE A PUBLIC "-//{" "a.dtd"><A/>`,
			want:   outcome{Err: "1:24 not-well-formed"},
		},
		{
			name:   "space in end tag",
			reason: "white space may follow the name of an end tag",
			doc:    "<A></A  >",
			want:   outcome{Tokens: []string{"start 1:1 A", "end 1:4 A"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scanAll(strings.NewReader(tt.doc), Limits{})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\n(-want +got):\n%s", tt.reason, diff)
			}
			// The result must not depend on how the input is cut into reads.
			got = scanAll(iotest.OneByteReader(strings.NewReader(tt.doc)), Limits{})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("one byte at a time: %s\n(-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestUTF16(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?>` + "\n<A>é𝄞</A>"
	want := outcome{Tokens: []string{"start 2:1 A", `text "é𝄞"`, "end 2:6 A"}}
	for _, be := range []bool{true, false} {
		got := scanAll(bytes.NewReader(utf16Doc(doc, be)), Limits{})
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("big endian %v: a UTF-16 document reads as its UTF-8 twin (-want +got):\n%s",
				be, diff)
		}
	}
	bare := "<A>é</A>"
	wantBare := outcome{Tokens: []string{"start 1:1 A", `text "é"`, "end 1:5 A"}}
	if diff := cmp.Diff(wantBare,
		scanAll(bytes.NewReader(utf16Doc(bare, false)), Limits{})); diff != "" {
		t.Errorf("UTF-16 with a byte order mark needs no XML declaration (-want +got):\n%s", diff)
	}
	broken := utf16Doc(doc, true)
	broken = append(broken[:len(broken)-8], 0xD8, 0x00, 0x00, 0x41) // lone high surrogate
	if got := scanAll(bytes.NewReader(broken), Limits{}); got.Err == "" {
		t.Errorf("a lone surrogate must be an error, got %+v", got)
	}
}

func TestLimits(t *testing.T) {
	lim := Limits{MaxDepth: 3, MaxNameLen: 8, MaxAttrLen: 4, MaxAttrs: 2}
	tests := []struct {
		name, reason, doc string
		want              outcome
	}{
		{"depth", "a fourth open element passes MaxDepth 3", "<a><b><c><d/></c></b></a>",
			outcome{Tokens: []string{"start 1:1 a", "start 1:4 b", "start 1:7 c"},
				Err: "1:10 limit"}},
		{"name", "a name over 8 bytes passes MaxNameLen", "<abcdefghi/>",
			outcome{Err: "1:2 limit"}},
		{"attrs", "a third attribute passes MaxAttrs 2", `<a x="" y="" z=""/>`,
			outcome{Err: "1:14 limit"}},
		{"attr value", "a long value is cut and reported, and scanning goes on", `<a x="123456"/>`,
			outcome{Tokens: []string{`start 1:1 a x="1234"`, "end 1:1 a"},
				Reports: []string{"1:4 limit"}}},
	}
	for _, tt := range tests {
		got := scanAll(strings.NewReader(tt.doc), lim)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
}

// TestLargeText checks that a text node far larger than the buffer streams
// through in chunks and keeps its positions right.
func TestLargeText(t *testing.T) {
	big := strings.Repeat("é", 300_000) // 600 kB, several buffers
	doc := "<A>" + big + "</A>\n<!-- end -->"
	got := scanAll(strings.NewReader(doc), Limits{})
	want := outcome{Tokens: []string{"start 1:1 A", fmt.Sprintf("text %q", big), "end 1:300004 A"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%.2000s", diff)
	}
}

// TestChunksAreWholeCharacters checks that every chunk of a long text or CDATA
// section is UTF-8 on its own, however the input is cut into reads.
func TestChunksAreWholeCharacters(t *testing.T) {
	tests := []struct {
		name, reason, text string
		cdata              bool
	}{
		{"cdata of two-byte characters", "a chunk of CDATA ends after a whole character",
			"x" + strings.Repeat("é", 40_000), true},
		{"cdata of four-byte characters", "the longest characters are not split either",
			strings.Repeat("𝄞", 20_000), true},
		{"text of two-byte characters", "character data ends its chunks between characters",
			"x" + strings.Repeat("é", 40_000), false},
	}
	for _, tt := range tests {
		doc := "<A>" + tt.text + "</A>"
		if tt.cdata {
			doc = "<A><![CDATA[" + tt.text + "]]></A>"
		}
		for _, r := range []io.Reader{strings.NewReader(doc),
			iotest.OneByteReader(strings.NewReader(doc))} {
			var joined []byte
			s := New(r)
			for tok, err := s.Next(); err == nil; tok, err = s.Next() {
				if tok.Kind == Text && !utf8.Valid(tok.Data) {
					t.Errorf("%s: a chunk of %d bytes is not UTF-8: %s", tt.name, len(tok.Data),
						tt.reason)
				}
				if tok.Kind == Text {
					joined = append(joined, tok.Data...)
				}
			}
			if string(joined) != tt.text {
				t.Errorf("%s: the chunks join to %d bytes, want %d", tt.name, len(joined),
					len(tt.text))
			}
		}
	}
}

func TestRuneStarts(t *testing.T) {
	for _, s := range []string{"", "abc", "é", "aé𝄞bcdefghij", strings.Repeat("€x", 9),
		"\xbf\xbfab"} {
		for cut := 0; cut <= len(s); cut++ {
			b := []byte(s[cut:])
			want := 0
			for _, c := range b {
				if utf8.RuneStart(c) {
					want++
				}
			}
			if got := runeStarts(b); got != want {
				t.Errorf("runeStarts(%q) = %d, want %d: the word-wise count must match",
					b, got, want)
			}
		}
	}
}
