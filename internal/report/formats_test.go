package report_test

import (
	"bytes"
	"testing"
)

// TestFormatsReadBack renders runs whose names and messages once broke a
// format and reads every format back as FuzzFormats does.
func TestFormatsReadBack(t *testing.T) {
	errors12 := append([]byte{0}, bytes.Repeat([]byte{3}, 12)...)
	tests := []struct {
		name, reason string
		names, msgs  string // apart at NUL bytes, as fieldsCase takes them
		shape        []byte
	}{
		{"newline in a name", "text and JUnit are read line by line: a file name's line end " +
			"must not start a line that is no finding", "dir/a\nb.xml", "m", []byte{0, 1, 3}},
		{"carriage return in a name", "a lone CR ends a line for the Actions runner and for " +
			"XML readers", "a\rb.xml", "m", []byte{0, 1, 3}},
		{"dropped under a two-line name", "JUnit's line counting the findings not shown " +
			"names the file too", "a\r\nb.xml", "m", []byte{0x30, 1}},
		{"command in a message", "past the annotations of a step, a message quoting " +
			"##[set-output ...] is a line of text, not a command that sets an output",
			"a.xml", "##[set-output name=x;]y", errors12},
		{"command as a name", "past the annotations of a step, a file named like a command " +
			"does not run it", "::error::forged.xml", "m", errors12},
		{"unreadable past the cap", "a read error past the annotations of a step is a line " +
			"of text, whatever its name", "a.xml\x00gone\n::warning::x.xml\x00c.xml", "m",
			append([]byte{2}, bytes.Repeat([]byte{3}, 12)...)},
		{"control character", "XML allows no U+0001, in CDATA either: JUnit must stay " +
			"well-formed", "a.xml", "bad \x01 byte", []byte{0, 1}},
		{"invalid UTF-8", "a byte that is no UTF-8 breaks an XML document", "a.xml", "\xff\xfe",
			[]byte{0, 1, 2}},
		{"non-character", "U+FFFE is not an XML character", "a.xml", "x\ufffe", []byte{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFormats(t, fieldsCase(tt.names, tt.msgs, "/A/B", "v", tt.shape))
			if t.Failed() {
				t.Log("why it matters: " + tt.reason)
			}
		})
	}
}
