package scan

import (
	"strings"
	"unicode/utf8"
)

// Byte classes for the ASCII range; other bytes go through isNameRune.
var (
	nameStartByte [utf8.RuneSelf]bool
	nameByte      [utf8.RuneSelf]bool
	textStop      [256]bool // bytes that end a run of plain character data
)

func init() {
	for c := 0; c < utf8.RuneSelf; c++ {
		b := byte(c)
		nameStartByte[c] = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_' || b == ':'
		nameByte[c] = nameStartByte[c] || '0' <= b && b <= '9' || b == '-' || b == '.'
	}
	for _, c := range "<&]\r" {
		textStop[c] = true
	}
}

// isNameRune tells whether r may stand in a name, first or later, as XML 1.0
// (fifth edition) says.
func isNameRune(r rune, first bool) bool {
	switch {
	case r < utf8.RuneSelf:
		return nameStartByte[r] || !first && nameByte[r]
	case 0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x2FF,
		0x370 <= r && r <= 0x37D, 0x37F <= r && r <= 0x1FFF, 0x200C <= r && r <= 0x200D,
		0x2070 <= r && r <= 0x218F, 0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD, 0x10000 <= r && r <= 0xEFFFF:
		return true
	}
	return !first && (r == 0xB7 || 0x300 <= r && r <= 0x36F || 0x203F <= r && r <= 0x2040)
}

// isName tells whether b is an XML name.
func isName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for i, first := 0, true; i < len(b); first = false {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 || !isNameRune(r, first) {
			return false
		}
		i += size
	}
	return true
}

// isChar tells whether r is a character XML allows.
func isChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0xD7FF ||
		0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// isPubidChar tells whether c may stand in a public id.
func isPubidChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte(" \r\n-'()+,./:=?;!*#@$_%", c) >= 0
}
