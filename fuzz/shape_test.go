package fuzz

import (
	"bytes"
	"fmt"
	"time"
	"unicode/utf8"

	"qx/internal/scan"
)

// shape is what a document allows as positions: how many lines it has and how
// many characters each line holds.
type shape struct {
	exact    bool  // the document is read as UTF-8, so lines are known exactly
	lines    []int // characters of each line, when exact
	lineEnds int   // line ends, counted loosely when not exact
	size     int
}

// shapeOf measures data. A document with a UTF-16 (or UTF-32) byte order mark
// is measured loosely, in bytes: its positions count decoded characters.
func shapeOf(data []byte) shape {
	sh := shape{size: len(data), exact: !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) &&
		!bytes.HasPrefix(data, []byte{0xFF, 0xFE})}
	if !sh.exact {
		sh.lineEnds = bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{'\r'})
		return sh
	}
	start := 0
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		start = 3 // the byte order mark is no character of the first line
	}
	for i := start; i < len(data); i++ {
		if data[i] != '\r' && data[i] != '\n' {
			continue
		}
		sh.lines = append(sh.lines, utf8.RuneCount(data[start:i]))
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
	sh.lines = append(sh.lines, utf8.RuneCount(data[start:]))
	sh.lineEnds = len(sh.lines) - 1
	return sh
}

// inside tells whether p lies in the document: on one of its lines, at one of
// its characters or just after the last one.
func (sh shape) inside(p scan.Pos) bool {
	if p.Line < 1 || p.Col < 1 || p.Line > sh.lineEnds+1 {
		return false
	}
	if !sh.exact {
		return p.Col <= sh.size+1
	}
	return p.Col <= sh.lines[p.Line-1]+1
}

// atEnd tells whether p is the position just after the last character, which
// is where a document that is cut short must be reported. A shape that is not
// exact knows no such position and takes any.
func (sh shape) atEnd(p scan.Pos) bool {
	n := len(sh.lines)
	return !sh.exact || p == scan.Pos{Line: n, Col: sh.lines[n-1] + 1}
}

// before tells whether a comes before b in a document.
func before(a, b scan.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

// offsetOf returns the byte offset of p in a UTF-8 document, counting lines and
// characters as the scanner does, or -1 when p is not in it.
func offsetOf(data []byte, p scan.Pos) int {
	i := 0
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		i = 3
	}
	line, col := 1, 1
	for i <= len(data) {
		if line == p.Line && col == p.Col {
			return i
		}
		if i == len(data) {
			break
		}
		switch c := data[i]; c {
		case '\r', '\n':
			line, col = line+1, 1
			if c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			i++
		default:
			_, size := utf8.DecodeRune(data[i:])
			i, col = i+size, col+1
		}
	}
	return -1
}

// tagEnd returns the offset of the ">" that ends the tag starting at offset i,
// skipping quoted attribute values, or -1.
func tagEnd(data []byte, i int) int {
	var quote byte
	for ; i >= 0 && i < len(data); i++ {
		switch c := data[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// watchdog crashes the process unless the function it returns is called within
// limit. A hang then shows as a crash, and the fuzzing engine keeps its input.
func watchdog(limit time.Duration, data []byte) func() {
	tm := time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("no answer after %v on an input of %d bytes: %.200q",
			limit, len(data), data))
	})
	return func() { tm.Stop() }
}
